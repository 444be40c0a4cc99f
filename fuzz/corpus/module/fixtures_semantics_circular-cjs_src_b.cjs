	const a = require("./a.cjs");
exports.sawA = JSON.stringify(a);
