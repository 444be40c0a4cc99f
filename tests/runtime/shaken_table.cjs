// Shared tree shaking at run time, table-driven: providers register full and shaken copies
// through the share-scope init (sharing.js), then one consumer with known needs runs
// (consumes.js). Each row checks which copy the consumer got and that a full copy is what
// a consumer without needs (webpack, Rspack) gets.
"use strict";
const assert = require("assert");
const loadRuntime = require("./load_runtime.cjs");

// A provider: [from, version, shakenExports | null]. Its full copy yields "full:<from>",
// its shaken copy "shaken:<from>".
const provider = ([from, version, exports]) => {
  const entry = [
    "lib",
    version,
    () => () => "full:" + from,
    0,
  ];
  if (exports) entry.push(exports, () => () => "shaken:" + from);
  return { from, entry };
};

// [label, providers in registration order, loader, range, needs, expected copy]
const table = [
  ["covering shaken copy of the winner", [["a", "1.0.0", ["debounce"]]], "loadStrictVersion", "^1.0.0", ["debounce"], "shaken:a"],
  ["not covered: the winner's full copy", [["a", "1.0.0", ["debounce"]]], "loadStrictVersion", "^1.0.0", ["chunk"], "full:a"],
  ["no needs (a foreign consumer): full copy", [["a", "1.0.0", ["debounce"]]], "loadStrictVersion", "^1.0.0", undefined, "full:a"],
  ["provider without a list (webpack): full copy", [["a", "1.0.0", null]], "loadStrictVersion", "^1.0.0", ["debounce"], "full:a"],
  // "b" > "a": b's get wins the entry; a's shaken copy is kept beside it.
  ["another provider's covering copy", [["a", "1.0.0", ["debounce"]], ["b", "1.0.0", ["chunk"]]], "loadStrictVersion", "^1.0.0", ["debounce"], "shaken:a"],
  ["the winner's copy first when both cover", [["a", "1.0.0", ["chunk", "debounce"]], ["b", "1.0.0", ["chunk", "debounce"]]], "loadStrictVersion", "^1.0.0", ["debounce"], "shaken:b"],
  ["registration order does not change the winner's copy", [["b", "1.0.0", ["chunk", "debounce"]], ["a", "1.0.0", ["chunk", "debounce"]]], "loadStrictVersion", "^1.0.0", ["chunk"], "shaken:b"],
  ["neither covers: full copy", [["a", "1.0.0", ["debounce"]], ["b", "1.0.0", ["chunk"]]], "loadStrictVersion", "^1.0.0", ["map"], "full:b"],
  ["singleton takes only the winner's copies", [["a", "1.0.0", ["debounce"]], ["b", "1.0.0", ["chunk"]]], "loadSingleton", null, ["debounce"], "full:b"],
  ["singleton, winner covers", [["a", "1.0.0", ["debounce"]], ["b", "1.0.0", ["chunk"]]], "loadSingleton", null, ["chunk"], "shaken:b"],
  ["version first, then copies", [["a", "1.0.0", ["debounce"]], ["b", "2.0.0", ["chunk"]]], "loadVersion", "^1.0.0", ["debounce"], "shaken:a"],
  ["highest version even if only its full copy covers", [["a", "1.0.0", ["debounce"]], ["b", "2.0.0", ["chunk"]]], "load", null, ["debounce"], "full:b"],
  ["every need must be covered", [["a", "1.0.0", ["chunk", "debounce"]]], "loadStrictVersion", "^1.0.0", ["chunk", "debounce", "map"], "full:a"],
  ["no needs at all: any copy covers", [["a", "1.0.0", ["debounce"]]], "loadStrictVersion", "^1.0.0", [], "shaken:a"],
];

let passed = 0;
for (const [label, providers, loader, range, needs, expected] of table) {
  // Each provider's runtime registers into one shared scope object, as on one page.
  const scope = {};
  for (const p of providers.map(provider)) {
    const rt = loadRuntime({ uniqueName: p.from, provides: { default: [p.entry] } });
    rt.__mf_require__.S.default = scope;
    rt.__mf_require__.I("default");
  }
  const consumer = loadRuntime({ uniqueName: "consumer" });
  consumer.__mf_require__.S.default = scope;
  const args = ["default", "lib", false];
  if (range !== null) args.push(consumer.parseRange(range));
  args.push(() => () => "fallback", needs);
  let result;
  try {
    result = consumer.take(consumer[loader](...args))();
  } catch (e) {
    result = { error: e.message };
  }
  assert.deepStrictEqual(result, expected, label);
  // The entry's own get is the full copy, whatever copies are attached.
  const versions = scope.lib;
  for (const v of Object.keys(versions)) {
    assert.match(versions[v].get()(), /^full:/, label + " (entry get is a full copy)");
  }
  passed++;
}
console.log(`${passed} passed, 0 failed`);
