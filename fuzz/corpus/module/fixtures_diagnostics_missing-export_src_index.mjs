import { formt, parse } from "./date.mjs";
console.log(formt, parse);
