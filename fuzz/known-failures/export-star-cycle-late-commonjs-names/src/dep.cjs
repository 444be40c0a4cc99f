exports.a = "a";
