import { e } from "./e.mjs";
console.log("ns", e);
export const nsv = "nsv";
