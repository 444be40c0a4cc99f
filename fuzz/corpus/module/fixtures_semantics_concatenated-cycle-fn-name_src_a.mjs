import { helper as bh } from "./b.mjs";
export function helper() { return "a"; }
