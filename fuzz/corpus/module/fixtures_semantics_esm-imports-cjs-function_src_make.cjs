	module.exports = function make(n) { return "made " + n; };
module.exports.version = "1.0";
