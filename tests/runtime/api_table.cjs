// MF 2.0's runtime API over mfbundle's runtime (api.js) and the plugin hooks on its way, in
// Node with a simulated page: script tags "load" the remotes listed in `served`, fetch
// answers for manifests. (tests/browser_federation.rs runs it in Chromium.)
"use strict";
const assert = require("assert");
const loadRuntime = require("./load_runtime.cjs");

const container = (name) => ({
  inits: [],
  init(scope, initScope, options) {
    this.inits.push([Object.keys(scope), initScope, options && options.shareScopeKeys]);
  },
  get: (expose) => () => ({ default: `${name} ${expose}` }),
});
const makePage = (plugins) => {
  const served = {
    "http://x/app2/remoteEntry.js": ["app2", container("app2")],
    "http://x/app3/static/remoteEntry.js": ["app3", container("app3")],
  };
  const page = {
    __FEDERATION__: { __GLOBAL_PLUGIN__: plugins },
    scripts: [],
    document: {
      createElement: () => ({}),
      head: {
        appendChild(tag) {
          page.scripts.push(tag);
          setTimeout(() => {
            const hit = served[tag.src];
            if (hit) page[hit[0]] = hit[1];
            (hit ? tag.onload : tag.onerror)();
          }, 0);
        },
      },
    },
    fetch: async (url) => ({
      ok: url.endsWith("/app3/mf-manifest.json"),
      status: 404,
      json: async () => ({ metaData: { remoteEntry: { name: "remoteEntry.js", path: "static", type: "global" }, publicPath: "auto", globalName: "app3" } }),
    }),
  };
  const rt = loadRuntime({ uniqueName: "host", page, api: true, provides: { default: [["kit", "1.0.0", () => () => "kit 1.0.0", 0]] } });
  rt.mf = rt.__mf_require__.mf;
  rt.page = page;
  rt.served = served;
  return rt;
};

(async () => {
  let passed = 0;
  const row = async (label, fn) => {
    await fn();
    passed++;
  };

  await row("registerRemotes by URL and by manifest; loadRemote", async () => {
    const rt = makePage([]);
    rt.mf.registerRemotes([
      { name: "app2", entry: "http://x/app2/remoteEntry.js" },
      { name: "app3", entry: "http://x/app3/mf-manifest.json" },
    ]);
    assert.strictEqual((await rt.mf.loadRemote("app2/Widget")).default, "app2 ./Widget");
    assert.strictEqual((await rt.mf.loadRemote("app3/Button")).default, "app3 ./Button");
    // once per container, with the build's scope
    await rt.mf.loadRemote("app2/Other");
    assert.deepStrictEqual(rt.served["http://x/app2/remoteEntry.js"][1].inits, [[["kit"], [], "default"]]);
    assert.strictEqual(typeof (await rt.mf.loadRemote("app2/Widget", { loadFactory: false })), "function");
    assert.deepStrictEqual(rt.mf.instance().options.remotes.map((r) => r.name), ["app2", "app3"]);
    // the instance's own methods, as MF 2.0 code calls them
    assert.strictEqual((await rt.mf.instance().loadRemote("app3/Other")).default, "app3 ./Other");
  });
  await row("a name registered again: kept, unless force", async () => {
    const rt = makePage([]);
    rt.mf.registerRemotes([{ name: "app2", entry: "http://x/none.js" }]);
    rt.mf.registerRemotes([{ name: "app2", entry: "http://x/app2/remoteEntry.js" }]);
    await assert.rejects(rt.mf.loadRemote("app2/Widget"), /Loading script failed.\n\(error: http:\/\/x\/none.js\)/);
    rt.mf.registerRemotes([{ name: "app2", entry: "http://x/app2/remoteEntry.js" }], { force: true });
    assert.strictEqual((await rt.mf.loadRemote("app2/Widget")).default, "app2 ./Widget");
  });
  await row("unknown remote", async () => {
    await assert.rejects(makePage([]).mf.loadRemote("nope/Widget"), /No remote is registered for "nope\/Widget" in host/);
  });
  await row("beforeRequest rewrites the id; afterResolve the expose", async () => {
    const rt = makePage([
      { name: "a", beforeRequest: (args) => Object.assign({}, args, { id: args.id.replace("alias", "app2") }) },
      { name: "b", afterResolve: (args) => Object.assign({}, args, { expose: "./Other" }) },
    ]);
    rt.mf.registerRemotes([{ name: "app2", entry: "http://x/app2/remoteEntry.js" }]);
    assert.strictEqual((await rt.mf.loadRemote("alias/Widget")).default, "app2 ./Other");
  });
  await row("beforeRequest returning a bad value is an error", async () => {
    const rt = makePage([{ name: "bad", beforeRequest: () => ({}) }]);
    await assert.rejects(rt.mf.loadRemote("app2/Widget"), /unacceptable value for the "beforeRequest" type/);
  });
  await row("onLoad sees the module and may replace it; errorLoadRemote", async () => {
    const rt = makePage([
      { name: "wrap", onLoad: ({ exposeModule, id }) => () => id + " wrapped " + exposeModule.default },
      { name: "fallback", errorLoadRemote: ({ id, lifecycle }) => ({ default: `fallback ${id} ${lifecycle}` }) },
    ]);
    rt.mf.registerRemotes([{ name: "app2", entry: "http://x/app2/remoteEntry.js" }, { name: "dead", entry: "http://x/dead.js" }]);
    assert.strictEqual((await rt.mf.loadRemote("app2/Widget"))(), "app2/Widget wrapped app2 ./Widget");
    assert.strictEqual((await rt.mf.loadRemote("dead/Widget")).default, "fallback dead/Widget onLoad");
  });
  await row("createScript gives the element; fetch gives the manifest", async () => {
    const rt = makePage([
      { name: "script", createScript: ({ url }) => ({ src: url, crossOrigin: "anonymous" }) },
      {
        name: "fetch",
        fetch: async (url) =>
          url.endsWith("/custom/mf-manifest.json")
            ? { ok: true, json: async () => ({ metaData: { remoteEntry: { name: "remoteEntry.js", path: "" }, publicPath: "http://x/app2/", globalName: "app2" } }) }
            : undefined,
      },
    ]);
    rt.mf.registerRemotes([{ name: "app2", entry: "http://y/custom/mf-manifest.json" }]);
    assert.strictEqual((await rt.mf.loadRemote("app2/Widget")).default, "app2 ./Widget");
    assert.deepStrictEqual(rt.page.scripts.map((s) => [s.src, s.crossOrigin]), [["http://x/app2/remoteEntry.js", "anonymous"]]);
  });
  await row("beforeInitContainer and initContainer around init", async () => {
    const seen = [];
    const rt = makePage([
      {
        name: "init",
        beforeInitContainer: (args) => Object.assign({}, args, { initScope: ["marked"] }),
        initContainer: (args) => {
          seen.push([args.id, args.remoteEntryExports === rt.served["http://x/app2/remoteEntry.js"][1], args.initScope]);
        },
      },
    ]);
    rt.mf.registerRemotes([{ name: "app2", entry: "http://x/app2/remoteEntry.js" }]);
    await rt.mf.loadRemote("app2/Widget");
    assert.deepStrictEqual(rt.served["http://x/app2/remoteEntry.js"][1].inits, [[["kit"], ["marked"], "default"]]);
    assert.deepStrictEqual(seen, [["app2", true, ["marked"]]]);
  });
  await row("init: plugins (init once each), beforeInit, remotes, shared", async () => {
    const rt = makePage([]);
    const inits = [];
    const plugin = {
      name: "p",
      init: ({ origin }) => inits.push(origin.name),
      beforeInit: (args) => {
        const remotes = (args.userOptions.remotes || []).concat([{ name: "app2", entry: "http://x/app2/remoteEntry.js" }]);
        return Object.assign({}, args, { userOptions: Object.assign({}, args.userOptions, { remotes }) });
      },
    };
    const instance = rt.mf.init({ name: "host", plugins: [plugin], shared: { other: { version: "2.0.0", lib: () => "other lib" } } });
    assert.strictEqual(instance.name, "host");
    assert.deepStrictEqual(inits, ["host"]);
    assert.strictEqual((await rt.mf.loadRemote("app2/Widget")).default, "app2 ./Widget");
    const other = rt.__mf_require__.S.default.other["2.0.0"];
    assert.deepStrictEqual([other.from, other.loaded, other.lib()], ["host", true, "other lib"]);
    assert.strictEqual((await rt.mf.loadShare("other"))(), "other lib");
  });
  await row("loadShare: the scope's version; beforeLoadShare; false when missing", async () => {
    const rt = makePage([{ name: "s", beforeLoadShare: (args) => Object.assign({}, args, { pkgName: args.pkgName === "alias" ? "kit" : args.pkgName }) }]);
    assert.strictEqual((await rt.mf.loadShare("kit"))(), "kit 1.0.0");
    assert.strictEqual((await rt.mf.loadShare("alias"))(), "kit 1.0.0");
    assert.strictEqual(await rt.mf.loadShare("missing"), false);
  });
  console.log(`${passed} passed, 0 failed`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
