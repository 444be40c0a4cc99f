	exports.value = 42;
