import { B } from "./b.mjs";
export const c = "C";
let r; try { r = B.a(); } catch (e) { r = e.constructor.name; }
console.log("c", r);
export var cv = "cv";
