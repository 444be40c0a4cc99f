	exports.done = false;
const b = require("./b.cjs");
exports.bSawA = b.sawA;
exports.done = true;
