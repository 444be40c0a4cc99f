import * as b from "./cycle-b.mjs";
export const a = "a";
export function readB() { return Object.keys(b).join(",") + ":" + b.b; }
