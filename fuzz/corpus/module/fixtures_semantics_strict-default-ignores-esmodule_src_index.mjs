import lib from "./lib.cjs";
import * as ns from "./lib.cjs";
console.log(Object.keys(lib).sort().join(","), lib.default, ns.default === lib);
