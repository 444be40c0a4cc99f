// mfbundle runtime: share scopes, as webpack 5's ShareRuntimeModule defines them
// (`__webpack_require__.S` / `.I`), so that webpack, Rspack and mfbundle builds on one page
// negotiate in the same objects. Expects in scope: `__mf_unique_name__` (this build's
// `from`), `__mf_provides__` (scope -> [[key, version, get, eager, shakenExports?,
// shakenGet?], ...]), `__mf_init_remotes__` (scope, initExternal) for containers this
// build consumes, with how messages name each (its reference and where it is loaded from),
// and `__mf_share_strategy__` (`shareStrategy`).
//
// shareStrategy (MF 2.0's option): "version-first", the default, is webpack's behaviour:
// initialising a scope loads and initialises every remote container of that scope, so the
// highest version on the page can win. "loaded-first" initialises a scope with this build's
// providers only; each remote container is initialised when it is first loaded for one of
// its modules; this build's entries are marked `strategy: "loaded-first"`, which MF 2.0 and
// mfbundle registrations do not replace; and consumes prefer what is already loaded
// (consumes.js).
//
// Shared tree shaking (mfbundle's addition): an entry's `get` always yields the full copy,
// so webpack and Rspack consumers keep working; a provider with `treeShaking` also appends
// `{ exports, get, from }` to the entry's `shaken` list, whichever provider's `get` wins.
// consumes.js takes a shaken copy only when its exports cover what the consumer needs.
__mf_require__.S = {};
var __mf_init_promises__ = {};
var __mf_init_tokens__ = {};
// Containers whose load failed while their scope was initialised (container id -> scope):
// that runs once per scope, so the import that loads one later initialises it
// (`__mf_init_late__`, called by remotes.js).
var __mf_init_missed__ = {};
// webpack's warning, plus which remote and from where, so that it can be found.
var __mf_init_failed__ = function (err, what) {
  if (typeof console !== "undefined" && console.warn) {
    console.warn("Initialization of sharing external failed: " + err + "\nwhile initializing " + what);
  }
};
// A container's `init` with the scope `name`, between MF 2.0 plugins' beforeInitContainer
// (which may change its arguments) and initContainer, when plugins have them (plugins.js);
// `remoteInfo` as they see it. Share-scope initialisation and the runtime API's loadRemote
// (api.js) both come here.
var __mf_init_container__ = function (container, name, initScope, remoteInfo) {
  var scope = __mf_require__.S[name];
  var own = __mf_own_unloaded__(scope);
  var keep = function (result) {
    __mf_keep_own__(scope, own);
    return result;
  };
  var result = __mf_init_container_hooked__(container, name, initScope, remoteInfo);
  return result && typeof result.then === "function" ? result.then(keep) : keep(result);
};
// This build's providers in `scope` that nothing has loaded yet: [key, version, entry].
var __mf_own_unloaded__ = function (scope) {
  var own = [];
  if (!scope) return own;
  Object.keys(scope).forEach(function (key) {
    Object.keys(scope[key] || {}).forEach(function (version) {
      var entry = scope[key][version];
      if (entry && entry.from === __mf_unique_name__ && !entry.loaded) own.push([key, version, entry]);
    });
  });
  return own;
};
// A Vite remote (`@module-federation/vite`) initialised on this build's scope registers its
// own providers through an MF 2.0 runtime instance of its own, which, at equal versions,
// replaces an unloaded provider whose name sorts lower (webpack's rule); yet its modules
// take the scope root's provider (this build's), as it read the scope before registering.
// The page would load two copies of a singleton: ours goes back in the slot, so both use
// one. Only an unloaded entry of such an instance is put back: webpack containers register
// no instance and mfbundle builds (`version: "mfbundle"`) take the scope's winner for their
// own modules, so both keep webpack's rule; an entry something loaded stays.
var __mf_keep_own__ = function (scope, own) {
  if (!own.length) return;
  var federation = __mf_page__.__FEDERATION__;
  var instances = (federation && federation.__INSTANCES__) || [];
  own.forEach(function (o) {
    var now = scope[o[0]] && scope[o[0]][o[1]];
    if (!now || now === o[2] || now.loaded || now.lib || now.loading) return;
    var mf2 = instances.some(function (instance) {
      if (instance === __mf_instance__ || instance.version === "mfbundle") return false;
      if (!instance.options || instance.options.name !== now.from) return false;
      var map = instance.shareScopeMap;
      return !!map && Object.keys(map).some(function (k) {
        return map[k] === scope;
      });
    });
    if (mf2) scope[o[0]][o[1]] = o[2];
  });
};
var __mf_init_container_hooked__ = function (container, name, initScope, remoteInfo) {
  // MF 2.0's third argument (runtime-core's createRemoteEntryInitOptions), which MF 2.0 and
  // Vite remote entries read; webpack's containers ignore it.
  var options = { version: "", shareScopeKeys: name };
  Object.defineProperty(options, "shareScopeMap", { value: __mf_require__.S, enumerable: false });
  var hooked = __mf_plugins__("beforeInitContainer").length || __mf_plugins__("initContainer").length;
  if (!hooked) {
    if (!container.init) return;
    return container.init(__mf_require__.S[name], initScope, options);
  }
  return __mf_emit_async_waterfall__("beforeInitContainer", {
    shareScope: __mf_require__.S[name],
    initScope: initScope,
    remoteEntryInitOptions: options,
    remoteInfo: remoteInfo,
    origin: __mf_instance__
  }).then(function (options) {
    var initialised = container.init && container.init(options.shareScope, options.initScope, options.remoteEntryInitOptions);
    return Promise.resolve(initialised).then(function () {
      return __mf_emit_async_waterfall__(
        "initContainer",
        Object.assign({}, options, { id: remoteInfo.name, remoteSnapshot: undefined, remoteEntryExports: container })
      );
    });
  });
};
var __mf_init_late__ = function (id, what, container) {
  var name = __mf_init_missed__[id];
  if (name === undefined) return;
  delete __mf_init_missed__[id];
  var handleError = function (err) {
    __mf_init_failed__(err, what);
  };
  try {
    var initResult = __mf_init_container__(container, name, [], { name: what, entry: what, shareScope: name });
    if (initResult && initResult.then) return initResult.then(undefined, handleError);
  } catch (err) {
    handleError(err);
  }
};
__mf_require__.I = function (name, initScope) {
  if (!initScope) initScope = [];
  // handling circular init calls
  var initToken = __mf_init_tokens__[name];
  // `from`, as MF 2.0's tokens: a Vite remote finds the host's `__FEDERATION__` instance by it.
  if (!initToken) initToken = __mf_init_tokens__[name] = { from: __mf_unique_name__ };
  if (initScope.indexOf(initToken) >= 0) return;
  initScope.push(initToken);
  // only runs once
  if (__mf_init_promises__[name]) return __mf_init_promises__[name];
  // creates a new share scope if needed
  if (!__mf_require__.o(__mf_require__.S, name)) __mf_require__.S[name] = {};
  var scope = __mf_require__.S[name];
  var uniqueName = __mf_unique_name__;
  // webpack's rule: a loaded entry is never replaced (nor, as in MF 2.0, a "loaded-first"
  // one); otherwise an eager provider beats a lazy one, and between equals the greater
  // `from` wins.
  var register = function (name, version, factory, eager, shakenExports, shakenGet) {
    var versions = (scope[name] = scope[name] || {});
    var activeVersion = versions[version];
    var shaken = (activeVersion && activeVersion.shaken) || [];
    if (shakenGet) {
      shaken = shaken.concat([{ exports: shakenExports, get: shakenGet, from: uniqueName }]);
    }
    if (
      !activeVersion ||
      (!activeVersion.loaded &&
        activeVersion.strategy !== "loaded-first" &&
        (!eager != !activeVersion.eager ? eager : uniqueName > activeVersion.from))
    ) {
      versions[version] = { get: factory, from: uniqueName, eager: !!eager };
      if (__mf_share_strategy__ === "loaded-first") versions[version].strategy = "loaded-first";
    }
    if (shaken.length) versions[version].shaken = shaken;
  };
  var promises = [];
  // As webpack's, except that an init that throws after an asynchronous load only warns
  // (in webpack it rejects the whole scope's initialisation, so every import of every
  // remote and shared module in that scope fails), and a container that did not load is
  // remembered, so that the import that loads it later initialises it.
  var initExternal = function (id, what) {
    var handleError = function (err) {
      __mf_init_failed__(err, what);
    };
    var notLoaded = function (err) {
      // Forgotten, so that the next import of this remote loads it again.
      delete __mf_require__.c[id];
      __mf_init_missed__[id] = name;
      if (err) handleError(err);
    };
    var initFn = function (module) {
      if (!module) return notLoaded();
      try {
        var initResult = __mf_init_container__(module, name, initScope, { name: what, entry: what, shareScope: name });
      } catch (err) {
        return handleError(err);
      }
      if (initResult && initResult.then) return initResult.then(undefined, handleError);
    };
    var module;
    try {
      module = __mf_require__(id);
    } catch (err) {
      return notLoaded(err);
    }
    if (module && module.then) return promises.push(module.then(initFn, notLoaded));
    var pending = initFn(module);
    if (pending) promises.push(pending);
  };
  var provides = __mf_provides__[name] || [];
  for (var i = 0; i < provides.length; i++) {
    var p = provides[i];
    register(p[0], p[1], p[2], p[3], p[4], p[5]);
  }
  if (__mf_share_strategy__ === "loaded-first") {
    // Each is initialised when it is loaded (`__mf_init_late__`, called by remotes.js).
    __mf_init_remotes__(name, function (id) {
      __mf_init_missed__[id] = name;
    });
  } else __mf_init_remotes__(name, initExternal);
  if (!promises.length) return (__mf_init_promises__[name] = 1);
  return (__mf_init_promises__[name] = Promise.all(promises).then(function () {
    return (__mf_init_promises__[name] = 1);
  }));
};
