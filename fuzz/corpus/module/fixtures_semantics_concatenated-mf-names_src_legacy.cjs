	exports.v = "cjs v";
