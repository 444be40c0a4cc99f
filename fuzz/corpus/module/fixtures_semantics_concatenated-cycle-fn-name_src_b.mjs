import { helper as ah } from "./a.mjs";
export function helper() { return "b"; }
console.log("b sees", ah(), ah.name);
