console.log("café");
