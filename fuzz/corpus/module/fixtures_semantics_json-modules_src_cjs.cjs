	const pkg = require("./data.json");
console.log("from cjs", pkg.name);
