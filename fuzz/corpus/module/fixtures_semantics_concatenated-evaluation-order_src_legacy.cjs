	console.log("legacy (CommonJS)");
exports.legacy = "legacy value";
