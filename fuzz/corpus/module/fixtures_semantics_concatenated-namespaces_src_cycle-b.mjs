import * as a from "./cycle-a.mjs";
export const b = "b";
export function readA() { return a.a; }
