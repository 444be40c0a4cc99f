// MF 2.0 runtime plugins on a remote module's way (remotes.js), table-driven: plugins in the
// page's __FEDERATION__.__GLOBAL_PLUGIN__, a container that loads or fails as each row says,
// and what the import gets. (tests/browser_federation.rs runs the real retry plugin.)
"use strict";
const assert = require("assert");
const loadRuntime = require("./load_runtime.cjs");

const entry = "http://127.0.0.1:9/remoteEntry.js";
const container = {
  init() {},
  get: (expose) => () => ({ default: "widget " + expose }),
};
// A page with one remote module (app2/Widget) whose container loads as `fails` says:
// "never", "always" or a number of failures before it loads.
const page = (plugins, fails) => {
  const federation = { __GLOBAL_PLUGIN__: plugins };
  const rt = loadRuntime({
    page: { __FEDERATION__: federation },
    remotes: { "app2/Widget": ["default", "./Widget", "container", `webpack/container/reference/app2 (${entry})`, 0] },
    remoteList: [{ name: "app2", entry, shareScope: "default", type: "global", entryGlobalName: "app2" }],
  });
  rt.loads = 0;
  rt.__mf_modules__.container = () => {
    rt.loads++;
    const ok = fails === "never" || (fails !== "always" && rt.loads > fails);
    return ok ? Promise.resolve(container) : Promise.reject(new Error("Loading script failed.\n(error: " + entry + ")"));
  };
  rt.importWidget = () =>
    rt.__mf_require__.remotes(["app2/Widget"]).then(() => {
      try {
        return rt.__mf_require__("app2/Widget").default;
      } catch (e) {
        return "error: " + e.message.split("\n")[0];
      }
    });
  return rt;
};
const retry = (times) => ({
  name: "retry",
  async loadEntryError({ getRemoteEntry, remoteInfo }) {
    assert.strictEqual(remoteInfo.name, "app2");
    // As the real retry plugin: the last error when it gives up.
    let last;
    for (let i = 0; i < times; i++) {
      try {
        return await getRemoteEntry({ remoteInfo });
      } catch (e) {
        last = e;
      }
    }
    throw last;
  },
});
const seen = [];
let fallbacks = 0;
const fallback = (value) => ({
  // MF 2.0 counts a plugin name once: each its own.
  name: "fallback-" + fallbacks++,
  errorLoadRemote(args) {
    seen.push([args.id, args.lifecycle, args.from, args.origin && args.origin.name]);
    return value;
  },
});

// [label, plugins, container failures, expected import result, expected container loads]
const table = [
  ["no plugins", [], "never", "widget ./Widget", 1],
  ["no plugins, a failing remote rejects its import", [], "always", "error: Loading script failed.", 1],
  ["loadEntryError retries until it loads", [retry(3)], 2, "widget ./Widget", 3],
  ["loadEntryError gives up: the import fails", [retry(2)], "always", "error: Loading script failed.", 3],
  ["errorLoadRemote: its result is the module", [fallback({ default: "fallback" })], "always", "fallback", 1],
  ["errorLoadRemote undefined, then a value: the value", [fallback(undefined), fallback({ default: "second" })], "always", "second", 1],
  ["errorLoadRemote false stops the chain", [fallback(false), fallback({ default: "never" })], "always", "error: Loading script failed.", 1],
  ["retry first, fallback if it gives up", [retry(1), fallback({ default: "fallback" })], "always", "fallback", 2],
  ["loadEntry supplies the container", [{ name: "entry", loadEntry: () => ({ init() {}, get: () => () => ({ default: "custom" }) }) }],
    "always", "custom", 0],
  ["loadEntry without a result: loaded as always", [{ name: "entry", loadEntry: () => undefined }], "never", "widget ./Widget", 1],
  ["getModuleFactory supplies the factory", [{ name: "factory", getModuleFactory: ({ expose }) => () => ({ default: "factory " + expose }) }],
    "never", "factory ./Widget", 1],
  ["onLoad wraps the factory",
    [{ name: "wrap", onLoad: ({ id, exposeModuleFactory }) => () => ({ default: id + ": " + exposeModuleFactory().default }) }],
    "never", "app2/Widget: widget ./Widget", 1],
  ["onLoad returning a non-function keeps the factory", [{ name: "look", onLoad: () => ({}) }], "never", "widget ./Widget", 1],
  ["a name registered twice counts once", [{ name: "same", errorLoadRemote: () => undefined }, { name: "same", errorLoadRemote: () => ({ default: "x" }) }],
    "always", "error: Loading script failed.", 1],
];

(async () => {
  let passed = 0;
  for (const [label, plugins, fails, expected, loads] of table) {
    const rt = page(plugins, fails);
    assert.strictEqual(await rt.importWidget(), expected, label);
    assert.strictEqual(rt.loads, loads, label + " (container loads)");
    passed++;
  }
  assert.deepStrictEqual(seen[0], ["app2/Widget", "onLoad", "runtime", "me"], "errorLoadRemote's arguments");

  // The fallback is not cached: once the remote is back, the next import gets the real module.
  {
    let up = false;
    const rt = page([fallback({ default: "fallback" })], "always");
    rt.__mf_modules__.container = () => (up ? Promise.resolve(container) : Promise.reject(new Error("down")));
    assert.strictEqual(await rt.importWidget(), "fallback");
    up = true;
    assert.strictEqual(await rt.importWidget(), "widget ./Widget");
    assert.strictEqual(rt.__mf_stats__.remotes[`webpack/container/reference/app2 (${entry})`].failures, 1);
    passed++;
  }
  // runtimePlugins: __mf_require__.plugin registers a module's default export, before the
  // page's plugins, once per name, and calls its init hook with this build's instance.
  {
    // (the page's plugin comes after and gives nothing: the own plugin's result stands)
    const rt = page([fallback(undefined)], "always");
    const inits = [];
    const make = () => ({ name: "own", init: ({ origin }) => inits.push(origin.name), errorLoadRemote: () => ({ default: "own" }) });
    rt.__mf_require__.plugin({ __esModule: true, default: make });
    rt.__mf_require__.plugin(make); // CommonJS: the module is the function; same name: once
    assert.deepStrictEqual(inits, ["me"]);
    assert.strictEqual(await rt.importWidget(), "own");
    assert.throws(() => rt.__mf_require__.plugin({ __esModule: true, default: () => 1 }), /must return a plugin object/);
    passed++;
  }
  // beforeInitContainer / initContainer around a container's init by share-scope
  // initialisation (version-first initialises the scope's remotes).
  {
    const inits = [];
    const seenInit = [];
    const rt = loadRuntime({
      page: {
        __FEDERATION__: {
          __GLOBAL_PLUGIN__: [
            { name: "before", beforeInitContainer: (args) => Object.assign({}, args, { initScope: ["marked"] }) },
            { name: "after", initContainer: (args) => void seenInit.push([args.id, args.initScope, !!args.remoteEntryExports]) },
          ],
        },
      },
      remotes: { "app2/Widget": ["default", "./Widget", "container", `app2 (${entry})`, 0] },
      remoteList: [{ name: "app2", entry, shareScope: "default", type: "global", entryGlobalName: "app2" }],
      initRemotes: (name, initExternal) => initExternal("container", `app2 (${entry})`),
    });
    const hooked = Object.assign({}, container, {
      init: (scope, initScope, options) => void inits.push([initScope, options && options.shareScopeKeys]),
    });
    rt.__mf_modules__.container = () => hooked;
    await rt.__mf_require__.remotes(["app2/Widget"]);
    assert.strictEqual(rt.__mf_require__("app2/Widget").default, "widget ./Widget");
    assert.deepStrictEqual(inits, [[["marked"], "default"]]);
    assert.deepStrictEqual(seenInit, [[`app2 (${entry})`, ["marked"], true]]);
    passed++;
  }

  // resolveShare (SyncWaterfallHook) on a consume: a plugin's resolver picks the provider.
  const sharePage = (plugins, loader, range) => {
    const rt = loadRuntime({
      page: { __FEDERATION__: { __GLOBAL_PLUGIN__: plugins } },
      consumes: { "c-lib": [loader, "default", "lib", false, range, () => () => "fallback"] },
    });
    rt.__mf_require__.S.default = {
      lib: {
        "1.0.0": { get: () => () => "v1.0.0", from: "a", eager: 0 },
        "2.0.0": { get: () => () => "v2.0.0", from: "b", eager: 0 },
      },
    };
    return rt;
  };
  const pick = (version) => ({
    name: "pick-" + version,
    resolveShare(params) {
      seen.push([params.pkgName, params.scope, params.version, params.shareInfo.shareConfig.singleton]);
      params.resolver = () => ({ shared: params.shareScopeMap[params.scope][params.pkgName][version], useTreesShaking: false });
      return params;
    },
  });
  for (const [label, plugins, loader, range, expected] of [
    ["resolveShare: none, the rules' choice", [], "loadSingleton", undefined, "v2.0.0"],
    ["resolveShare picks another version", [pick("1.0.0")], "loadSingleton", undefined, "v1.0.0"],
    ["resolveShare returning undefined keeps the choice", [{ name: "look", resolveShare: () => undefined }], "loadSingleton", undefined, "v2.0.0"],
    ["resolveShare where the rules fall back", [pick("2.0.0")], "loadStrictVersion", "^3.0.0", "v2.0.0"],
    ["resolveShare: the last plugin's resolver", [pick("1.0.0"), pick("2.0.0")], "load", undefined, "v2.0.0"],
  ]) {
    const rt = sharePage(plugins, loader, range);
    assert.strictEqual(rt.__mf_consume_handler__("c-lib")(), expected, label);
    passed++;
  }
  assert.deepStrictEqual(seen.slice(-1)[0], ["lib", "default", "2.0.0", false], "resolveShare's arguments");
  assert.throws(
    () => sharePage([{ name: "bad", resolveShare: () => "2.0.0" }], "load").__mf_consume_handler__("c-lib"),
    /A plugin returned an unacceptable value for the "resolveShare" type/
  );
  passed++;
  console.log(`${passed} passed, 0 failed`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
