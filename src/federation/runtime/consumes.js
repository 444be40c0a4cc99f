// mfbundle runtime: consuming shared modules, with webpack 5's version selection and its
// exact messages (ConsumeSharedRuntimeModule). Expects in scope the functions of semver.js,
// `__mf_share_strategy__` (sharing.js),
// `__mf_consumes__` (consume id -> [loader, scope, key, eager, requiredVersion, fallback,
// needs?]) and `__mf_chunk_consumes__` (chunk id -> consume ids).
//
// `needs` (treeShaking items) lists the exports this build uses. Once webpack's rules have
// chosen a version, a shaken copy of it (sharing.js) is taken if its exports cover `needs`:
// the winning provider's first, then (not for singletons) any other provider's; otherwise
// the entry's `get`, the full copy.
//
// The six loaders only decide (`{ entry, version, provider, warning? }` or `{ fallback }`);
// `__mf_consume_handler__` takes what they decide and counts it in sharing.js's
// `__mf_stats__` (provider, version, fallback, time, failure), which the debug console
// (debug.js) reads.
var __mf_ranges__ = {};
var __mf_range__ = function (text) {
  return __mf_ranges__[text] || (__mf_ranges__[text] = parseRange(text));
};
var exists = function (scope, key) {
  return scope && __mf_require__.o(scope, key);
};
var covers = function (exports, needs) {
  for (var i = 0; i < needs.length; i++) if (exports.indexOf(needs[i]) < 0) return false;
  return true;
};
// The provider a consume takes: the entry, or one of its shaken copies.
var choose = function (entry, needs, singleton) {
  var shaken = needs && entry.shaken;
  if (shaken) {
    for (var pass = 0; pass < (singleton ? 1 : 2); pass++) {
      for (var i = 0; i < shaken.length; i++) {
        var copy = shaken[i];
        if ((copy.from === entry.from) === (pass === 0) && covers(copy.exports, needs)) {
          return copy;
        }
      }
    }
  }
  return entry;
};
// While set, loaders do not warn (see `__mf_require__.consumeAtStartup`).
var __mf_quiet__ = 0;
// An entry in the MF 2.0 runtime's shape that is already loaded (`lib`, the factory) or
// loading (`loading`, a Promise of it) is taken from there, not fetched again with `get`.
var fetch = function (decision) {
  if (decision.fallback) return decision.fallback();
  var entry = decision.entry;
  if (entry && decision.provider === entry) {
    if (typeof entry.lib === "function") return entry.lib;
    if (entry.loading && typeof entry.loading.then === "function") return entry.loading;
  }
  return decision.provider.get();
};
// Marks what a consume took as loaded, for webpack (`loaded`) and for the MF 2.0 runtime
// (`lib`, `loading`, `useIn`), so that an MF 2.0 or Vite build on the page reuses it
// rather than waiting for it or loading its own copy.
var mark = function (decision, factory) {
  var entry = decision.entry;
  if (!entry) return;
  entry.loaded = decision.provider.loaded = 1;
  if (decision.provider !== entry) return;
  if (!entry.useIn) entry.useIn = [];
  if (entry.useIn.indexOf(__mf_unique_name__) < 0) entry.useIn.push(__mf_unique_name__);
  if (typeof factory === "function") entry.lib = factory;
  else if (factory && typeof factory.then === "function" && !entry.loading) {
    // A load that fails is forgotten, so that the next consume calls `get` again.
    var loading = (entry.loading = factory.then(
      function (factory) {
        if (typeof entry.lib !== "function") entry.lib = factory;
        return factory;
      },
      function (error) {
        if (entry.loading === loading) entry.loading = null;
        throw error;
      }
    ));
    // The consume that started it reports the failure; this copy must not be unhandled.
    loading.then(undefined, function () {});
  }
};
var take = function (decision) {
  var factory = fetch(decision);
  mark(decision, factory);
  return factory;
};
// The decision for `version` of `versions` (a share scope's entry for one key).
var get = function (versions, version, needs, singleton, warning) {
  var entry = versions[version];
  var decision = { entry: entry, version: version, provider: choose(entry, needs, singleton) };
  if (warning) decision.warning = warning;
  return decision;
};
var takeFallback = function (fallback) {
  return { fallback: fallback };
};
var eagerOnly = function (versions) {
  return Object.keys(versions).reduce(function (filtered, version) {
    if (versions[version].eager) filtered[version] = versions[version];
    return filtered;
  }, {});
};
// shareStrategy "loaded-first" (MF 2.0): a version already loaded or loading (an MF 2.0
// provider with `lib` or `loading` counts) comes before any that is not, whatever the
// versions; among equals, the highest. "version-first" is webpack's rules, unchanged.
var __mf_loaded_first__ = __mf_share_strategy__ === "loaded-first";
var settled = function (entry) {
  return !!(entry.loaded || entry.loading || typeof entry.lib === "function");
};
// Whether version `b` of `versions` is preferred to `a` ("loaded-first" only).
var loadedBefore = function (versions, a, b) {
  var loadedA = settled(versions[a]);
  return loadedA !== settled(versions[b]) ? !loadedA : versionLt(a, b);
};
var findLatestVersion = function (scope, key, eager) {
  var versions = eager ? eagerOnly(scope[key]) : scope[key];
  return Object.keys(versions).reduce(function (a, b) {
    if (__mf_loaded_first__) return !a || loadedBefore(versions, a, b) ? b : a;
    return !a || versionLt(a, b) ? b : a;
  }, 0);
};
var findSatisfyingVersion = function (scope, key, requiredVersion, eager) {
  var versions = eager ? eagerOnly(scope[key]) : scope[key];
  return Object.keys(versions).reduce(function (a, b) {
    if (!satisfy(requiredVersion, b)) return a;
    if (__mf_loaded_first__) return !a || loadedBefore(versions, a, b) ? b : a;
    return !a || versionLt(a, b) ? b : a;
  }, 0);
};
var findSingletonVersionKey = function (scope, key, eager) {
  var versions = eager ? eagerOnly(scope[key]) : scope[key];
  return Object.keys(versions).reduce(function (a, b) {
    if (__mf_loaded_first__) return !a || loadedBefore(versions, a, b) ? b : a;
    return !a || (!versions[a].loaded && versionLt(a, b)) ? b : a;
  }, 0);
};
var getInvalidSingletonVersionMessage = function (scope, key, version, requiredVersion) {
  return "Unsatisfied version " + version + " from " + (version && scope[key][version].from) +
    " of shared singleton module " + key + " (required " + rangeToString(requiredVersion) + ")";
};
var getInvalidVersionMessage = function (scope, scopeName, key, requiredVersion, eager) {
  var versions = scope[key];
  return "No satisfying version (" + rangeToString(requiredVersion) + ")" +
    (eager ? " for eager consumption" : "") + " of shared module " + key +
    " found in shared scope " + scopeName + ".\n" +
    "Available versions: " + Object.keys(versions).map(function (key) {
      return key + " from " + versions[key].from;
    }).join(", ");
};
var fail = function (msg) {
  throw new Error(msg);
};
var failAsNotExist = function (scopeName, key) {
  return fail("Shared module " + key + " doesn't exist in shared scope " + scopeName);
};
var warn = function (msg) {
  if (!__mf_quiet__ && typeof console !== "undefined" && console.warn) console.warn(msg);
  return msg;
};
var init = function (fn) {
  return function (scopeName, key, eager, c, d, e) {
    var promise = __mf_require__.I(scopeName);
    // an eager consume expects its providers to be registered already: no waiting
    if (promise && promise.then && !eager) {
      return promise.then(fn.bind(fn, scopeName, __mf_require__.S[scopeName], key, false, c, d, e));
    }
    return fn(scopeName, __mf_require__.S[scopeName], key, eager, c, d, e);
  };
};
var useFallback = function (scopeName, key, fallback) {
  return fallback ? takeFallback(fallback) : failAsNotExist(scopeName, key);
};
var load = init(function (scopeName, scope, key, eager, fallback, needs) {
  if (!exists(scope, key)) return useFallback(scopeName, key, fallback);
  return get(scope[key], findLatestVersion(scope, key, eager), needs);
});
var loadVersion = init(function (scopeName, scope, key, eager, requiredVersion, fallback, needs) {
  if (!exists(scope, key)) return useFallback(scopeName, key, fallback);
  var satisfyingVersion = findSatisfyingVersion(scope, key, requiredVersion, eager);
  if (satisfyingVersion) return get(scope[key], satisfyingVersion, needs);
  var warning = warn(getInvalidVersionMessage(scope, scopeName, key, requiredVersion, eager));
  return get(scope[key], findLatestVersion(scope, key, eager), needs, false, warning);
});
var loadStrictVersion = init(function (scopeName, scope, key, eager, requiredVersion, fallback, needs) {
  if (!exists(scope, key)) return useFallback(scopeName, key, fallback);
  var satisfyingVersion = findSatisfyingVersion(scope, key, requiredVersion, eager);
  if (satisfyingVersion) return get(scope[key], satisfyingVersion, needs);
  if (fallback) return takeFallback(fallback);
  fail(getInvalidVersionMessage(scope, scopeName, key, requiredVersion, eager));
});
var loadSingleton = init(function (scopeName, scope, key, eager, fallback, needs) {
  if (!exists(scope, key)) return useFallback(scopeName, key, fallback);
  var version = findSingletonVersionKey(scope, key, eager);
  return get(scope[key], version, needs, true);
});
var loadSingletonVersion = init(function (scopeName, scope, key, eager, requiredVersion, fallback, needs) {
  if (!exists(scope, key)) return useFallback(scopeName, key, fallback);
  var version = findSingletonVersionKey(scope, key, eager);
  var warning;
  if (!satisfy(requiredVersion, version)) {
    warning = warn(getInvalidSingletonVersionMessage(scope, key, version, requiredVersion));
  }
  return get(scope[key], version, needs, true, warning);
});
var loadStrictSingletonVersion = init(function (scopeName, scope, key, eager, requiredVersion, fallback, needs) {
  if (!exists(scope, key)) return useFallback(scopeName, key, fallback);
  var version = findSingletonVersionKey(scope, key, eager);
  if (!satisfy(requiredVersion, version)) {
    fail(getInvalidSingletonVersionMessage(scope, key, version, requiredVersion));
  }
  return get(scope[key], version, needs, true);
});
// The six behaviours, chosen at build time as webpack's ConsumeSharedModule chooses them.
var __mf_loaders__ = {
  load: load,
  loadVersion: loadVersion,
  loadStrictVersion: loadStrictVersion,
  loadSingleton: loadSingleton,
  loadSingletonVersion: loadSingletonVersion,
  loadStrictSingletonVersion: loadStrictSingletonVersion
};
__mf_stats__.consumes = __mf_consumes__;
// MF 2.0 plugins' resolveShare (runtime-core's SyncWaterfallHook), where the key is in the
// scope: `resolver()` gives the decision's entry (nothing for a fallback); a plugin may
// replace it, and the `shared` its resolver gives is taken instead.
var __mf_resolve_share__ = function (c, decision) {
  var listeners = __mf_plugins__("resolveShare");
  var scope = __mf_require__.S[c[1]];
  if (!listeners.length || !exists(scope, c[2])) return decision;
  var params = __mf_emit_waterfall__(listeners, "resolveShare", {
    shareScopeMap: __mf_require__.S,
    scope: c[1],
    pkgName: c[2],
    version: decision.version,
    GlobalFederation: __mf_page__.__FEDERATION__,
    shareInfo: { shareConfig: __mf_share_config__(c), scope: [c[1]], from: __mf_unique_name__ },
    resolver: function () {
      return decision.entry ? { shared: decision.entry, useTreesShaking: false } : undefined;
    }
  });
  var chosen = params.resolver();
  var entry = chosen && chosen.shared;
  if (!entry || entry === decision.entry) return decision;
  var version = Object.keys(scope[c[2]]).filter(function (v) {
    return scope[c[2]][v] === entry;
  })[0];
  return { entry: entry, version: version || entry.version, provider: entry };
};
// Runs a consume's loader: its decision, or a Promise of it.
var __mf_decide__ = function (id) {
  var c = __mf_consumes__[id];
  var loader = __mf_loaders__[c[0]];
  var decided =
    c[4] === undefined
      ? loader(c[1], c[2], c[3], c[5], c[6])
      : loader(c[1], c[2], c[3], __mf_range__(c[4]), c[5], c[6]);
  return decided && decided.then
    ? decided.then(function (decision) {
        return __mf_resolve_share__(c, decision);
      })
    : __mf_resolve_share__(c, decided);
};
// Resolves a consume: a factory, or a Promise of one; counted.
var __mf_consume_handler__ = function (id) {
  var start = __mf_now__();
  var failed = function (error) {
    __mf_note_consume__(id, start, undefined, error);
    throw error;
  };
  var taken = function (decision) {
    var reused = !!(decision.entry && decision.entry.loaded);
    var factory;
    try {
      factory = take(decision);
    } catch (error) {
      failed(error);
    }
    if (factory && factory.then) {
      return factory.then(function (factory) {
        __mf_note_consume__(id, start, decision, undefined, reused);
        return factory;
      }, failed);
    }
    __mf_note_consume__(id, start, decision, undefined, reused);
    return factory;
  };
  var decision;
  try {
    decision = __mf_decide__(id);
  } catch (error) {
    failed(error);
  }
  return decision && decision.then ? decision.then(taken, failed) : taken(decision);
};
// A consume as messages name it (its id in development; production ids are numbers).
var __mf_consume_name__ = function (id) {
  var c = __mf_consumes__[id];
  return "consume-shared/" + c[1] + "/" + c[2] + (c[4] === undefined ? "" : "@" + c[4]);
};
var __mf_consume_installed__ = {};
// Until resolved ahead of time, a consume resolves when first required, synchronously, as
// webpack's initial consumes do: this is where eager consumption happens.
Object.keys(__mf_consumes__).forEach(function (id) {
  __mf_modules__[id] = function (module) {
    __mf_consume_installed__[id] = 0;
    delete __mf_module_cache__[id];
    var factory = __mf_consume_handler__(id);
    if (typeof factory !== "function") {
      throw new Error("Shared module is not available for eager consumption: " + __mf_consume_name__(id));
    }
    module.exports = factory();
  };
});
// Resolves consumes ahead of their first use (chunk loading, entry startup). A failure is
// kept and thrown where the module is required, as in webpack.
__mf_require__.consume = function (ids) {
  var promises = [];
  ids.forEach(function (id) {
    if (__mf_require__.o(__mf_consume_installed__, id)) {
      if (__mf_consume_installed__[id]) promises.push(__mf_consume_installed__[id]);
      return;
    }
    var onFactory = function (factory) {
      __mf_consume_installed__[id] = 0;
      __mf_modules__[id] = function (module) {
        delete __mf_module_cache__[id];
        module.exports = factory();
      };
    };
    var onError = function (error) {
      delete __mf_consume_installed__[id];
      __mf_modules__[id] = function () {
        delete __mf_module_cache__[id];
        throw error;
      };
    };
    try {
      var promise = __mf_consume_handler__(id);
      if (promise && promise.then) {
        promises.push((__mf_consume_installed__[id] = promise.then(onFactory)["catch"](onError)));
      } else onFactory(promise);
    } catch (e) {
      onError(e);
    }
  });
  return Promise.all(promises);
};
// The consumes of an entry chunk, before its first module runs (no bootstrap file needed).
// As in webpack, a consume is decided at its first require, so that providers which code
// registers in the share scope before then are seen (a `loaded` one included). What that
// decision will most likely need is loaded now: the share scope is initialised and the
// provider chosen today is fetched, without marking anything loaded. At first require the
// rules run again, synchronously: the same provider takes what was fetched; another one is
// taken if its `get` returns a factory synchronously; otherwise the fetched one is used.
__mf_require__.consumeAtStartup = function (ids) {
  var decide = function (id, quiet) {
    __mf_quiet__ = quiet;
    try {
      return __mf_decide__(id);
    } finally {
      __mf_quiet__ = 0;
    }
  };
  var same = function (a, b) {
    return a.fallback ? a.fallback === b.fallback : a.provider === b.provider;
  };
  var atFirstRequire = function (id, early) {
    return function (module) {
      delete __mf_module_cache__[id];
      // Counted as taking what fetching at startup took, plus deciding now.
      var start = __mf_now__() - (early ? early.ms : 0);
      var decision, factory, reused;
      try {
        decision = decide(id, 0);
        if (early && same(decision, early.decision)) {
          if (early.error) throw early.error;
          factory = early.factory;
        } else {
          factory = fetch(decision);
          if (typeof factory !== "function" && early) {
            // the new choice cannot be had synchronously: the one fetched at startup it is
            if (factory && factory.then) factory.then(undefined, function () {});
            if (early.error) throw early.error;
            decision = early.decision;
            factory = early.factory;
          }
        }
        if (typeof factory !== "function") {
          throw new Error("Shared module is not available for eager consumption: " + __mf_consume_name__(id));
        }
      } catch (error) {
        __mf_note_consume__(id, start, undefined, error);
        throw error;
      }
      reused = !!(decision.entry && decision.entry.loaded);
      mark(decision, factory);
      __mf_note_consume__(id, start, decision, undefined, reused);
      __mf_modules__[id] = function (module) {
        delete __mf_module_cache__[id];
        module.exports = factory();
      };
      module.exports = factory();
    };
  };
  var prepare = function (id) {
    var early;
    var start = __mf_now__();
    try {
      early = decide(id, 1);
    } catch (e) {
      // thrown again, with its message, by the decision at first require
    }
    var fetched = early
      ? new Promise(function (resolve) {
          resolve(fetch(early));
        }).then(
          function (factory) {
            return { decision: early, factory: factory, ms: __mf_now__() - start };
          },
          function (error) {
            return { decision: early, error: error, ms: __mf_now__() - start };
          }
        )
      : Promise.resolve();
    return fetched.then(function (early) {
      __mf_modules__[id] = atFirstRequire(id, early);
    });
  };
  var scopes = ids.map(function (id) {
    return __mf_require__.I(__mf_consumes__[id][1]);
  });
  return Promise.all(scopes).then(function () {
    return Promise.all(ids.map(prepare));
  });
};
__mf_require__.f.consumes = function (chunkId, promises) {
  var ids = __mf_chunk_consumes__[chunkId];
  if (ids) promises.push(__mf_require__.consume(ids));
};
