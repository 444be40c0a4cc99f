// mfbundle runtime: this build in Module Federation 2.0's page-global `__FEDERATION__`
// (runtime-core's global.ts, alias `__VMOK__`), so that MF 2.0 hosts, Vite remotes and the
// Module Federation devtools on the page see it: an entry of `__INSTANCES__` shaped as an
// MF 2.0 instance's data (`name`, `version`, `options` with `id`, `name`, `plugins`,
// `remotes`, `shared`, `inBrowser`, `shareStrategy`; `shareScopeMap`, `moduleCache`), its
// share scopes in `__SHARE__[name]` (the same objects as `__mf_require__.S`, so what the
// page negotiates shows live), and, for a build with remotes, `moduleInfo[name]` (its
// remotes, as an MF 2.0 host records itself) unless one is there. Data only, unless the
// build imports MF 2.0's runtime API: api.js then adds the instance's methods.
// Expects in scope `__mf_page__`, `__mf_unique_name__`, `__mf_share_strategy__`,
// `__mf_provides__`, `__mf_remote_list__` (`options.remotes`) and, if the build consumes,
// `__mf_consumes__`.
// This build's entry in `__INSTANCES__`, the `origin` MF 2.0 plugins' hooks get.
var __mf_instance__;
(function () {
  var page = __mf_page__;
  var define = function (key, value) {
    Object.defineProperty(page, key, { value: value, configurable: false, writable: true });
  };
  if (page.__VMOK__ && !page.__FEDERATION__) define("__FEDERATION__", page.__VMOK__);
  if (!page.__FEDERATION__) {
    define("__FEDERATION__", {});
    define("__VMOK__", page.__FEDERATION__);
  }
  var federation = page.__FEDERATION__;
  var fill = function (key, make) {
    if (federation[key] === undefined || federation[key] === null) federation[key] = make();
  };
  var object = function () {
    return {};
  };
  fill("__GLOBAL_PLUGIN__", Array);
  fill("__INSTANCES__", Array);
  fill("moduleInfo", object);
  fill("__SHARE__", object);
  fill("__MANIFEST_LOADING__", object);
  if (typeof Map === "function") fill("__PRELOADED_MAP__", function () {
    return new Map();
  });
  if (typeof Set === "function") fill("__PRELOADED_ASSETS__", function () {
    return new Set();
  });
  var name = __mf_unique_name__;
  // shareConfig of a key: what this build's consume of it says (webpack's loader names).
  var configs = {};
  if (typeof __mf_consumes__ !== "undefined") {
    Object.keys(__mf_consumes__).forEach(function (id) {
      var c = __mf_consumes__[id];
      configs[c[1] + "\u0000" + c[2]] = __mf_share_config__(c);
    });
  }
  var shared = {};
  Object.keys(__mf_provides__).forEach(function (scope) {
    __mf_provides__[scope].forEach(function (p) {
      var config = configs[scope + "\u0000" + p[0]] || {
        requiredVersion: false,
        singleton: false,
        eager: !!p[3],
        strictVersion: false
      };
      (shared[p[0]] = shared[p[0]] || []).push({
        deps: [],
        useIn: [],
        from: name,
        loading: null,
        version: p[1],
        shareConfig: {
          requiredVersion: config.requiredVersion,
          singleton: config.singleton,
          eager: !!p[3],
          strictVersion: config.strictVersion
        },
        get: p[2],
        loaded: false,
        scope: [scope],
        strategy: __mf_share_strategy__,
        // MF 2.0's shared tree shaking (none here: mfbundle's shaken copies are webpack-side)
        treeShaking: undefined
      });
    });
  });
  __mf_instance__ = {
    name: name,
    version: "mfbundle",
    options: {
      id: "",
      name: name,
      plugins: __mf_local_plugins__,
      remotes: __mf_remote_list__,
      shared: shared,
      inBrowser: typeof window !== "undefined" && typeof document !== "undefined",
      shareStrategy: __mf_share_strategy__
    },
    shareScopeMap: __mf_require__.S,
    moduleCache: typeof Map === "function" ? new Map() : {}
  };
  federation.__INSTANCES__.push(__mf_instance__);
  if (!federation.__SHARE__[name]) federation.__SHARE__[name] = __mf_require__.S;
  // As an MF 2.0 host records itself (a build without remotes records nothing).
  if (__mf_remote_list__.length && !federation.moduleInfo[name]) {
    var remotesInfo = {};
    __mf_remote_list__.forEach(function (remote) {
      remotesInfo[remote.name] = { matchedVersion: remote.entry };
    });
    federation.moduleInfo[name] = { version: "", remoteEntry: "", remotesInfo: remotesInfo };
  }
})();
