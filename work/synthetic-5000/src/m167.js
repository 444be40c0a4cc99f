import { f0 as f0_176, total as total_176 } from "./m176.js";
import { f0 as f0_335, total as total_335 } from "./m335.js";
import m336 from "./m336.js";
export function f0(x) { return x + 167; }
export function f1(x) { return x * 167; }
export const f2 = (x) => String(x) + '167';
export class C167 {
  constructor(v) { this.v = v; }
  get double() { return this.v * 2; }
}
export function total() { return f0_176(167) + f0_335(167) + m336.f0(167); }
// filler 11: const table11 = { key: 11, label: 'row 11 of module 167' };
// filler 12: const table12 = { key: 12, label: 'row 12 of module 167' };
// filler 13: const table13 = { key: 13, label: 'row 13 of module 167' };
// filler 14: const table14 = { key: 14, label: 'row 14 of module 167' };
// filler 15: const table15 = { key: 15, label: 'row 15 of module 167' };
// filler 16: const table16 = { key: 16, label: 'row 16 of module 167' };
// filler 17: const table17 = { key: 17, label: 'row 17 of module 167' };
// filler 18: const table18 = { key: 18, label: 'row 18 of module 167' };
// filler 19: const table19 = { key: 19, label: 'row 19 of module 167' };
// filler 20: const table20 = { key: 20, label: 'row 20 of module 167' };
// filler 21: const table21 = { key: 21, label: 'row 21 of module 167' };
// filler 22: const table22 = { key: 22, label: 'row 22 of module 167' };
// filler 23: const table23 = { key: 23, label: 'row 23 of module 167' };
// filler 24: const table24 = { key: 24, label: 'row 24 of module 167' };
// filler 25: const table25 = { key: 25, label: 'row 25 of module 167' };
// filler 26: const table26 = { key: 26, label: 'row 26 of module 167' };
// filler 27: const table27 = { key: 27, label: 'row 27 of module 167' };
