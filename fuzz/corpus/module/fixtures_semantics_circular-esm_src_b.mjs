import { hello } from "./a.mjs";
export const b = "b";
export function getA() { return hello(); }
console.log("b sees hello before a ran:", typeof hello);
