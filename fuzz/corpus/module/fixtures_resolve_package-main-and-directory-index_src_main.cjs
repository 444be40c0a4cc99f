const lib = require("legacy");
const dir = require("./dir");
const noext = require("./noext");
console.log(lib.name, dir.name, noext.name);
