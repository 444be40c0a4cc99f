import { o } from "./other.mjs";
import * as ns from "./ns.mjs";
import { n } from "./leaf.mjs";
console.log("index", o, ns.x, n);
