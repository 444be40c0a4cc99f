import { f0 as f0_57, total as total_57 } from "./m57.js";
import { f0 as f0_58, total as total_58 } from "./m58.js";
import { f0 as f0_1224, total as total_1224 } from "./m1224.js";
export function f0(x) { return x + 28; }
export function f1(x) { return x * 28; }
export const f2 = (x) => String(x) + '28';
export class C28 {
  constructor(v) { this.v = v; }
  get double() { return this.v * 2; }
}
export function total() { return f0_57(28) + f0_58(28) + f0_1224(28); }
// filler 11: const table11 = { key: 11, label: 'row 11 of module 28' };
// filler 12: const table12 = { key: 12, label: 'row 12 of module 28' };
// filler 13: const table13 = { key: 13, label: 'row 13 of module 28' };
// filler 14: const table14 = { key: 14, label: 'row 14 of module 28' };
// filler 15: const table15 = { key: 15, label: 'row 15 of module 28' };
// filler 16: const table16 = { key: 16, label: 'row 16 of module 28' };
// filler 17: const table17 = { key: 17, label: 'row 17 of module 28' };
// filler 18: const table18 = { key: 18, label: 'row 18 of module 28' };
// filler 19: const table19 = { key: 19, label: 'row 19 of module 28' };
// filler 20: const table20 = { key: 20, label: 'row 20 of module 28' };
// filler 21: const table21 = { key: 21, label: 'row 21 of module 28' };
// filler 22: const table22 = { key: 22, label: 'row 22 of module 28' };
// filler 23: const table23 = { key: 23, label: 'row 23 of module 28' };
// filler 24: const table24 = { key: 24, label: 'row 24 of module 28' };
// filler 25: const table25 = { key: 25, label: 'row 25 of module 28' };
// filler 26: const table26 = { key: 26, label: 'row 26 of module 28' };
// filler 27: const table27 = { key: 27, label: 'row 27 of module 28' };
