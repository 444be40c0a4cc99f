	exports.named = "named";
exports.fn = function () { return "fn " + (this === undefined); };
