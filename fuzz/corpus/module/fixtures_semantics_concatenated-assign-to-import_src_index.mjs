import { x, getX } from "./a.mjs";
try { x = 2; } catch (e) { console.log(e.constructor.name); }
console.log(x, getX());
