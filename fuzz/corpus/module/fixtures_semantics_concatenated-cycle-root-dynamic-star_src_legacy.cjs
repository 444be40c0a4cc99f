	exports.fromCjs = "cjs value";
