import { loop as al } from "./a.mjs";
import { loop, count } from "./b.mjs";
console.log(al, loop, count);
