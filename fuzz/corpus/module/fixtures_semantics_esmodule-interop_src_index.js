import def, { other } from "./lib.js";
import * as ns from "./lib.js";
console.log(def, other, ns.default, ns === require("./lib.js"));
