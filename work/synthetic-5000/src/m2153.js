const m2901 = require("./m2901.js");
const m4307 = require("./m4307.js");
const m4308 = require("./m4308.js");
function f0(x) { return x + 2153; }
function f1(x) { return x * 2153; }
function f2(x) { return String(x) + '2153'; }
function unused2153() { return [1, 2, 3].map((v) => v * 2153); }
module.exports = { f0, f1, f2, unused2153, total: () => m2901.f0(2153) + m4307.f0(2153) + m4308.f0(2153) };
// filler 8: const table8 = { key: 8, label: 'row 8 of module 2153' };
// filler 9: const table9 = { key: 9, label: 'row 9 of module 2153' };
// filler 10: const table10 = { key: 10, label: 'row 10 of module 2153' };
// filler 11: const table11 = { key: 11, label: 'row 11 of module 2153' };
// filler 12: const table12 = { key: 12, label: 'row 12 of module 2153' };
// filler 13: const table13 = { key: 13, label: 'row 13 of module 2153' };
// filler 14: const table14 = { key: 14, label: 'row 14 of module 2153' };
// filler 15: const table15 = { key: 15, label: 'row 15 of module 2153' };
// filler 16: const table16 = { key: 16, label: 'row 16 of module 2153' };
// filler 17: const table17 = { key: 17, label: 'row 17 of module 2153' };
// filler 18: const table18 = { key: 18, label: 'row 18 of module 2153' };
// filler 19: const table19 = { key: 19, label: 'row 19 of module 2153' };
// filler 20: const table20 = { key: 20, label: 'row 20 of module 2153' };
// filler 21: const table21 = { key: 21, label: 'row 21 of module 2153' };
// filler 22: const table22 = { key: 22, label: 'row 22 of module 2153' };
// filler 23: const table23 = { key: 23, label: 'row 23 of module 2153' };
// filler 24: const table24 = { key: 24, label: 'row 24 of module 2153' };
// filler 25: const table25 = { key: 25, label: 'row 25 of module 2153' };
// filler 26: const table26 = { key: 26, label: 'row 26 of module 2153' };
// filler 27: const table27 = { key: 27, label: 'row 27 of module 2153' };
