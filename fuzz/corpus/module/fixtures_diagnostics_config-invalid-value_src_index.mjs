console.log(1);
