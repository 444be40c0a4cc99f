// The six consume behaviours of webpack's ConsumeSharedRuntimeModule, table-driven: for each
// row a share scope is seeded, one loader runs, and the chosen version, warnings and error
// are checked. (fixtures/shared-vs-webpack checks the same loaders against real webpack
// builds; this table covers the selection rules row by row.)
"use strict";
const assert = require("assert");
const loadRuntime = require("./load_runtime.cjs");

const entry = (version, extra) =>
  Object.assign({ get: () => () => "v" + version, from: "other", eager: 0 }, extra || {});
const fallback = () => () => "fallback";

// [label, loader, seeded versions of "lib" ({version: extra}), eager, range, hasFallback,
//  expected result | {error}, expected warnings]
const table = [
  ["load: highest", "load", { "1.0.0": {}, "2.0.0": {} }, false, null, true, "v2.0.0", []],
  ["load: missing key uses fallback", "load", null, false, null, true, "fallback", []],
  ["load: missing key without fallback", "load", null, false, null, false,
    { error: "Shared module lib doesn't exist in shared scope default" }, []],
  ["load: eager sees eager providers only", "load", { "1.0.0": { eager: 1 }, "2.0.0": {} }, true, null, true, "v1.0.0", []],
  ["loadVersion: highest satisfying", "loadVersion", { "1.0.0": {}, "1.5.0": {}, "2.0.0": {} }, false, "^1.0.0", true, "v1.5.0", []],
  ["loadVersion: none satisfies, warn, take highest", "loadVersion", { "2.0.0": {}, "3.0.0": {} }, false, "^1.0.0", true, "v3.0.0",
    ["No satisfying version (^1.0.0) of shared module lib found in shared scope default.\nAvailable versions: 2.0.0 from other, 3.0.0 from other"]],
  ["loadVersion: eager wording", "loadVersion", { "2.0.0": { eager: 1 } }, true, "^1.0.0", true, "v2.0.0",
    ["No satisfying version (^1.0.0) for eager consumption of shared module lib found in shared scope default.\nAvailable versions: 2.0.0 from other"]],
  ["loadStrictVersion: highest satisfying", "loadStrictVersion", { "1.2.0": {}, "1.4.0": {} }, false, "~1.2.0", true, "v1.2.0", []],
  ["loadStrictVersion: none satisfies, fallback", "loadStrictVersion", { "2.0.0": {} }, false, "^1.0.0", true, "fallback", []],
  ["loadStrictVersion: none satisfies, no fallback", "loadStrictVersion", { "2.0.0": {} }, false, "^1.0.0", false,
    { error: "No satisfying version (^1.0.0) of shared module lib found in shared scope default.\nAvailable versions: 2.0.0 from other" }, []],
  ["loadSingleton: highest", "loadSingleton", { "1.0.0": {}, "2.0.0": {} }, false, null, true, "v2.0.0", []],
  ["loadSingleton: loaded sticks", "loadSingleton", { "1.0.0": { loaded: 1 }, "2.0.0": {} }, false, null, true, "v1.0.0", []],
  ["loadSingletonVersion: satisfied", "loadSingletonVersion", { "1.3.0": {} }, false, "^1.0.0", true, "v1.3.0", []],
  ["loadSingletonVersion: unsatisfied warns, used anyway", "loadSingletonVersion", { "2.0.0": {} }, false, "^1.0.0", true, "v2.0.0",
    ["Unsatisfied version 2.0.0 from other of shared singleton module lib (required ^1.0.0)"]],
  ["loadStrictSingletonVersion: unsatisfied throws", "loadStrictSingletonVersion", { "2.0.0": {} }, false, "^1.0.0", true,
    { error: "Unsatisfied version 2.0.0 from other of shared singleton module lib (required ^1.0.0)" }, []],
  ["loadStrictSingletonVersion: loaded unsatisfied still throws", "loadStrictSingletonVersion", { "1.0.0": { loaded: 1 }, "3.0.0": {} }, false, "^3.0.0", true,
    { error: "Unsatisfied version 1.0.0 from other of shared singleton module lib (required ^3.0.0)" }, []],
  ["version \"0\" (unknown) only satisfies *", "loadStrictVersion", { "0": {} }, false, "*", false, "v0", []],
];

let passed = 0;
for (const [label, loader, seeded, eager, range, hasFallback, expected, expectedWarnings] of table) {
  const rt = loadRuntime();
  rt.__mf_require__.S.default = {};
  if (seeded) {
    rt.__mf_require__.S.default.lib = {};
    for (const [v, extra] of Object.entries(seeded)) rt.__mf_require__.S.default.lib[v] = entry(v, extra);
  }
  const args = ["default", "lib", eager];
  if (range !== null) args.push(rt.parseRange(range));
  args.push(hasFallback ? fallback : undefined);
  let result;
  try {
    const factory = rt.take(rt[loader](...args));
    result = factory();
  } catch (e) {
    result = { error: e.message };
  }
  assert.deepStrictEqual(result, expected, label);
  assert.deepStrictEqual(rt.warnings, expectedWarnings, label + " (warnings)");
  if (typeof expected === "string" && expected !== "fallback" && seeded) {
    const chosen = Object.keys(seeded).find((v) => "v" + v === expected);
    assert.strictEqual(rt.__mf_require__.S.default.lib[chosen].loaded, 1, label + " (marks loaded)");
  }
  passed++;
}
console.log(`${passed} passed, 0 failed`);
