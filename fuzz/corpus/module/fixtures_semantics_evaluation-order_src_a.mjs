console.log("a");
