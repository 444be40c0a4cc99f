// shareStrategy, table-driven: which version each loader takes under "version-first"
// (webpack's rules) and "loaded-first" (MF 2.0's), how a share scope's remotes are
// initialised, and which registrations replace an entry.
"use strict";
const assert = require("assert");
const loadRuntime = require("./load_runtime.cjs");

// `loading` and `lib` (MF 2.0 providers) are taken from there, not with `get`.
const entry = (version, extra) => {
  const e = Object.assign({ get: () => () => "v" + version, from: "other", eager: 0 }, extra || {});
  if (e.loading === true) e.loading = Promise.resolve(() => "v" + version + " (loading)");
  if (e.lib === true) e.lib = () => "v" + version + " (lib)";
  return e;
};
const loading = { loading: true };
const lib = { lib: true };

// [label, seeded versions of "lib" ({version: extra}), loader, range,
//  expected under version-first, expected under loaded-first]
const table = [
  ["singleton, nothing loaded: highest", { "1.0.0": {}, "2.0.0": {} }, "loadSingleton", null, "v2.0.0", "v2.0.0"],
  ["singleton, a lower one loaded", { "1.0.0": { loaded: 1 }, "2.0.0": {} }, "loadSingleton", null, "v1.0.0", "v1.0.0"],
  ["singleton, a lower one loading (MF 2.0 provider)", { "1.0.0": loading, "2.0.0": {} }, "loadSingleton", null, "v2.0.0", "v1.0.0 (loading)"],
  ["singleton, a lower one with lib (MF 2.0 provider)", { "1.0.0": lib, "2.0.0": {} }, "loadSingleton", null, "v2.0.0", "v1.0.0 (lib)"],
  ["singleton, the highest with lib (MF 2.0 provider)", { "1.0.0": {}, "2.0.0": lib }, "loadSingleton", null, "v2.0.0 (lib)", "v2.0.0 (lib)"],
  ["singleton, two loaded: the first (webpack) or the highest loaded", { "1.0.0": { loaded: 1 }, "1.2.0": { loaded: 1 }, "2.0.0": {} },
    "loadSingleton", null, "v1.0.0", "v1.2.0"],
  ["singletonVersion, loaded one unsatisfying is still the singleton", { "1.0.0": { loaded: 1 }, "2.0.0": {} }, "loadSingletonVersion", "^2.0.0",
    "v1.0.0", "v1.0.0"],
  ["load, a lower one loaded", { "1.0.0": { loaded: 1 }, "2.0.0": {} }, "load", null, "v2.0.0", "v1.0.0"],
  ["loadVersion, a lower satisfying one loaded", { "1.0.0": { loaded: 1 }, "1.5.0": {} }, "loadVersion", "^1.0.0", "v1.5.0", "v1.0.0"],
  ["loadStrictVersion, the loaded one does not satisfy", { "1.0.0": { loaded: 1 }, "2.0.0": {} }, "loadStrictVersion", "^2.0.0", "v2.0.0", "v2.0.0"],
  ["loadStrictVersion, nothing loaded: highest satisfying", { "2.0.0": {}, "2.1.0": {}, "3.0.0": {} }, "loadStrictVersion", "^2.0.0",
    "v2.1.0", "v2.1.0"],
];

let passed = 0;
(async () => {
for (const [label, seeded, loader, range, versionFirst, loadedFirst] of table) {
  for (const [strategy, expected] of [["version-first", versionFirst], ["loaded-first", loadedFirst]]) {
    const rt = loadRuntime({ strategy });
    rt.__mf_require__.S.default = { lib: {} };
    for (const [v, extra] of Object.entries(seeded)) rt.__mf_require__.S.default.lib[v] = entry(v, extra);
    const args = ["default", "lib", false];
    if (range !== null) args.push(rt.parseRange(range));
    args.push(() => () => "fallback");
    let result;
    try {
      result = rt.take(rt[loader](...args));
      if (result && result.then) result = await result;
      result = result();
    } catch (e) {
      result = { error: e.message };
    }
    assert.deepStrictEqual(result, expected, `${label} (${strategy})`);
    passed++;
  }
}

// Initialising a scope: version-first initialises every remote container of it at once;
// loaded-first none, each when it is loaded (remotes.js calls __mf_init_late__).
const app2 = "webpack/container/reference/app2";
for (const strategy of ["version-first", "loaded-first"]) {
  const inits = [];
  const rt = loadRuntime({
    strategy,
    provides: { default: [["lib", "1.0.0", () => () => "mine", 0]] },
    initRemotes: (name, initExternal) => {
      if (name === "default") initExternal(app2, "app2 (http://x/remoteEntry.js)");
    },
  });
  const container = { init: (scope) => inits.push(scope) };
  rt.__mf_require__.c = {};
  rt.__mf_modules__[app2] = () => container;
  assert.strictEqual(rt.__mf_require__.I("default"), 1, strategy);
  const scope = rt.__mf_require__.S.default;
  assert.deepStrictEqual(inits, strategy === "version-first" ? [scope] : [], `init at start (${strategy})`);
  // The remote is loaded for one of its modules.
  rt.__mf_init_late__(app2, "app2 (http://x/remoteEntry.js)", container);
  assert.deepStrictEqual(inits, [scope], `init once loaded (${strategy})`);
  // This build's entry, marked under loaded-first.
  assert.strictEqual(scope.lib["1.0.0"].strategy, strategy === "loaded-first" ? "loaded-first" : undefined, strategy);
  passed++;
}

// Registration: an entry marked loaded-first (by MF 2.0 or mfbundle) is not replaced, even
// by a provider webpack's rules would prefer (a greater name); otherwise the greater wins.
for (const [label, existing, replaced] of [
  ["version-first entry: the greater name replaces it", {}, true],
  ["loaded-first entry: kept", { strategy: "loaded-first" }, false],
  ["loaded entry: kept", { loaded: 1 }, false],
]) {
  const rt = loadRuntime({ uniqueName: "zzz", provides: { default: [["lib", "1.0.0", () => () => "zzz", 0]] } });
  rt.__mf_require__.S.default = { lib: { "1.0.0": entry("1.0.0", Object.assign({ from: "aaa" }, existing)) } };
  rt.__mf_require__.I("default");
  assert.strictEqual(rt.__mf_require__.S.default.lib["1.0.0"].from, replaced ? "zzz" : "aaa", label);
  passed++;
}
// What a consume takes is marked for webpack (`loaded`) and for the MF 2.0 runtime (`lib`,
// `loading`, `useIn`), so that a Vite or MF 2.0 build on the page reuses it instead of
// waiting for `lib` or loading a second copy.
for (const [label, get, async] of [
  ["a factory from get", () => () => "v1", false],
  ["a Promise from get", () => Promise.resolve(() => "v1"), true],
]) {
  const rt = loadRuntime({ uniqueName: "me" });
  const e = { get, from: "other", eager: 0, useIn: ["other"] };
  rt.__mf_require__.S.default = { lib: { "1.0.0": e } };
  const got = rt.take(rt.loadSingleton("default", "lib", false, () => () => "fallback"));
  assert.strictEqual(!!(got && got.then), async, label);
  assert.ok(e.loaded, `${label}: loaded`);
  assert.deepStrictEqual(e.useIn, ["other", "me"], `${label}: useIn`);
  if (async) {
    assert.ok(e.loading && e.lib === undefined, `${label}: loading until it resolves`);
    const factory = await got;
    assert.strictEqual(await e.loading, factory, `${label}: loading gives the factory`);
  }
  assert.strictEqual(typeof e.lib, "function", `${label}: lib`);
  assert.strictEqual(e.lib(), "v1", label);
  // The next consume takes lib synchronously, without calling get again.
  e.get = () => assert.fail("get called again");
  assert.strictEqual(rt.take(rt.loadSingleton("default", "lib", false, () => () => "fallback"))(), "v1", label);
  passed++;
}
// A get that fails leaves no `loading` behind: the next consume calls get again.
{
  const rt = loadRuntime({ uniqueName: "me" });
  let calls = 0;
  const e = { get: () => (++calls === 1 ? Promise.reject(new Error("down")) : Promise.resolve(() => "v1")), from: "other", eager: 0 };
  rt.__mf_require__.S.default = { lib: { "1.0.0": e } };
  const take = () => rt.take(rt.loadSingleton("default", "lib", false, () => () => "fallback"));
  await assert.rejects(take(), /down/);
  assert.strictEqual(e.loading, null, "a failed load is forgotten");
  assert.strictEqual((await take())(), "v1", "tried again");
  assert.strictEqual(calls, 2);
  passed++;
}
console.log(`${passed} passed, 0 failed`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
