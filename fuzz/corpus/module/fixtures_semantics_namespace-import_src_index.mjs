import * as ns from "./lib.mjs";
console.log(Object.keys(ns).join(","), ns.a, ns.default, ns.fn());
const key = "a";
console.log(ns[key], typeof ns, Object.prototype.toString.call(ns));
