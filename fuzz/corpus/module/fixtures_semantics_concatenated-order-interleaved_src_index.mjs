import { d } from "./d.mjs";
import { b, c } from "./mid.mjs";
import { e } from "./e.mjs";
console.log("index", b, c, d, e);
