import { inc, n } from "./leaf.mjs";
console.log("other eval", inc(), n);
export const o = "o";
