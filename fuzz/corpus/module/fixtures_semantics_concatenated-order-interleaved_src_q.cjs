	console.log("cjs1"); exports.q = "q";
