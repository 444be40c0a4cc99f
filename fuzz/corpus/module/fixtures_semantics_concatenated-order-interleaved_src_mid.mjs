export { b } from "./b.mjs";
import "./q.cjs";
import * as n from "./ns.mjs";
export * from "./c.mjs";
import { a } from "./a.mjs";
console.log("mid", a, n.nsv);
