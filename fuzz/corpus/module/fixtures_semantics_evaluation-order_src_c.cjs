	console.log("c");
