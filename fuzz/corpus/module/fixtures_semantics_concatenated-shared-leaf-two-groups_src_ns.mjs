import { inc } from "./leaf.mjs";
console.log("ns eval", inc());
export const x = "x";
