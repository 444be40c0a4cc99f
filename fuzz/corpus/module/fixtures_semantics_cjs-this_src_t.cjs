	this.value = "set via this";
exports.same = this === module.exports && this === exports;
