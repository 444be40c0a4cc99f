// What the runtime's always-on counters (src/federation/runtime/stats.js) cost per consume
// resolution: the same consume resolved N times by the runtime as shipped and by the same
// runtime with the counters replaced by no-ops, in one process. Prints ns per resolution
// (median of 7 batches) and the difference. Usage: node runtime-counters.cjs [N]
"use strict";
const loadRuntime = require("../../tests/runtime/load_runtime.cjs");

const n = Number(process.argv[2] || 200000);
const make = (counters) => {
  const rt = loadRuntime({
    uniqueName: "host",
    counters,
    provides: {
      default: ["1.0.0", "1.4.0", "2.0.0"].map((v) => ["lib", v, () => () => v, 0]),
    },
    consumes: { "c-lib": ["loadSingletonVersion", "default", "lib", false, "^2.0.0", () => () => "fallback"] },
  });
  rt.__mf_require__.I("default");
  return rt;
};
const batch = (rt) => {
  const start = process.hrtime.bigint();
  let last;
  for (let i = 0; i < n; i++) last = rt.__mf_consume_handler__("c-lib");
  const ns = Number(process.hrtime.bigint() - start) / n;
  if (typeof last !== "function") throw new Error("the consume did not resolve");
  return ns;
};
const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
const withCounters = make(true);
const without = make(false);
// Warm both up, then alternate batches so that neither gets the warmer machine.
batch(withCounters);
batch(without);
const a = [];
const b = [];
for (let i = 0; i < 7; i++) {
  a.push(batch(withCounters));
  b.push(batch(without));
}
const on = median(a);
const off = median(b);
const warnings = withCounters.warnings.length;
console.log(
  `  consume resolution (${n} x loadSingletonVersion, 3 versions): ` +
    `${on.toFixed(0)} ns with counters, ${off.toFixed(0)} ns without: ` +
    `counters add ${(on - off).toFixed(0)} ns (${(on / off).toFixed(2)}x); target well under 1000 ns` +
    (warnings ? ` (${warnings} warnings)` : "")
);
const recorded = withCounters.__mf_stats__.consumed["c-lib"].resolutions;
if (recorded !== n * 8) {
  console.error(`counted ${recorded} resolutions, expected ${n * 8}`);
  process.exit(1);
}
