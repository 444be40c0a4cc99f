const ns = require("./esm.js");
console.log(ns.__esModule, ns.default, ns.named, Object.keys(ns).join(","));
