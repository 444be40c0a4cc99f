exports.b = "cjs";
