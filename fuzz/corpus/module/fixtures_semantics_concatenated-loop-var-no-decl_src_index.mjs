import { ai } from "./a.mjs";
import { bi } from "./b.mjs";
console.log(ai, bi);
