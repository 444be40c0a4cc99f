import "./a.mjs";
import { b } from "./b.mjs";
import "./c.cjs";
console.log("index", b);
