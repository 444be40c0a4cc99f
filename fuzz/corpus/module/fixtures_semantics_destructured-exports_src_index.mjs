import { a, c, rest } from "./d.mjs";
console.log(a, c, JSON.stringify(rest));
