exports.a = "a";
exports.c = "c";
