	const fs = require("fs");
console.log(typeof fs.readFileSync, require("node:util").format("%s!", "fmt"));
