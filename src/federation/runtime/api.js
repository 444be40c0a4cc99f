// mfbundle runtime: MF 2.0's runtime API (`init`, `loadRemote`, `registerRemotes`,
// `loadShare`, `registerPlugins`, `getInstance`), which `@module-federation/runtime` imports
// get in builds that federate (mf_runtime_api.mjs). Remotes are `__mf_remote_list__`: those
// of federation.toml, then those registered at run time, by entry URL (a script that defines
// the global `entryGlobalName` or `name`; `import()` for type "module" or "esm") or by
// mf-manifest.json (its metaData.remoteEntry, publicPath and globalName). A container is
// initialised with this build's share scope once; a failed load is forgotten, so the next
// call tries again. Plugins (plugins.js) see, with runtime-core's shapes: beforeInit and init
// (`init`), beforeRequest, afterResolve, onLoad and errorLoadRemote (`loadRemote`), fetch
// (manifests), createScript (remote scripts), beforeInitContainer and initContainer,
// beforeLoadShare (`loadShare`).
// Expects in scope `__mf_page__`, `__mf_unique_name__`, `__mf_share_strategy__`,
// `__mf_remote_list__`, plugins.js and federation_global.js's `__mf_instance__`.
(function () {
  var containers = {};
  var find = function (name) {
    for (var i = 0; i < __mf_remote_list__.length; i++) {
      if (__mf_remote_list__[i].name === name) return i;
    }
    return -1;
  };
  // The remote `id` names (its name or alias, the longest that matches) and the expose.
  var match = function (id) {
    var best = null;
    __mf_remote_list__.forEach(function (remote) {
      [remote.name, remote.alias].forEach(function (key) {
        if (!key || (id !== key && id.indexOf(key + "/") !== 0)) return;
        if (!best || key.length > best.key.length) best = { remote: remote, key: key };
      });
    });
    return best && { remote: best.remote, expose: "." + id.slice(best.key.length) };
  };
  var failed = function (kind, url) {
    var error = new Error("Loading script failed.\n(" + kind + ": " + url + ")");
    error.name = "ScriptExternalLoadError";
    error.type = kind;
    error.request = url;
    return error;
  };
  var script = function (url, global, remote) {
    return new Promise(function (resolve, reject) {
      if (__mf_page__[global]) return resolve(__mf_page__[global]);
      var doc = __mf_page__.document;
      if (!doc) return reject(failed("no document", url));
      // createScript may give the element (or { script }) to use.
      var created = __mf_emit_sync__("createScript", { url: url, attrs: {}, remoteInfo: remote });
      var tag = (created && created.script) || created || doc.createElement("script");
      if (!tag.src) tag.src = url;
      tag.async = true;
      tag.onload = function () {
        if (__mf_page__[global]) resolve(__mf_page__[global]);
        else reject(failed("missing", url));
      };
      tag.onerror = function () {
        reject(failed("error", url));
      };
      doc.head.appendChild(tag);
    });
  };
  // Where a remote's container is: { url, type, global }.
  var entry = function (remote) {
    if (!/\.json($|\?)/.test(remote.entry)) {
      return Promise.resolve({
        url: remote.entry,
        type: remote.type || "global",
        global: remote.entryGlobalName || remote.name
      });
    }
    // plugins' fetch first, else the page's (consumes.js has a `fetch` of its own)
    var fetching = __mf_plugins__("fetch").length
      ? __mf_emit_async__(__mf_plugins__("fetch"), "fetch", remote.entry, [{}, remote])
      : Promise.resolve();
    return fetching
      .then(function (response) {
        return response || __mf_page__.fetch(remote.entry);
      })
      .then(function (response) {
        if (!response.ok) throw new Error("Fetching " + remote.entry + " failed: " + response.status);
        return response.json();
      })
      .then(function (manifest) {
        var meta = manifest.metaData || {};
        var file = meta.remoteEntry || {};
        var base = meta.publicPath && meta.publicPath !== "auto" ? meta.publicPath : remote.entry;
        return {
          url: new URL((file.path ? file.path.replace(/\/?$/, "/") : "") + file.name, new URL(base, remote.entry)).href,
          type: file.type || "global",
          global: meta.globalName || remote.entryGlobalName || remote.name
        };
      });
  };
  var container = function (remote) {
    if (containers[remote.name]) return containers[remote.name];
    var scope = remote.shareScope || "default";
    var loading = entry(remote)
      .then(function (where) {
        return where.type === "module" || where.type === "esm" ? import(where.url) : script(where.url, where.global, remote);
      })
      .then(function (found) {
        return Promise.resolve(__mf_require__.I(scope))
          .then(function () {
            return __mf_init_container__(found, scope, [], remote);
          })
          .then(function () {
            return found;
          });
      });
    loading.then(undefined, function () {
      if (containers[remote.name] === loading) delete containers[remote.name];
    });
    return (containers[remote.name] = loading);
  };
  // `options.loadFactory === false`: the module's factory instead of the module.
  var loadRemote = function (id, options) {
    var loadFactory = !(options && options.loadFactory === false);
    var loaded = __mf_emit_async_waterfall__("beforeRequest", {
      id: id,
      options: __mf_instance__.options,
      origin: __mf_instance__
    })
      .then(function (request) {
        id = request.id;
        var target = match(id);
        if (!target) throw new Error('No remote is registered for "' + id + '" in ' + __mf_unique_name__);
        return __mf_emit_async_waterfall__("afterResolve", {
          id: id,
          pkgNameOrAlias: target.remote.name,
          expose: target.expose,
          remote: target.remote,
          remoteInfo: target.remote,
          options: __mf_instance__.options,
          origin: __mf_instance__
        });
      })
      .then(function (resolved) {
        return container(resolved.remote)
          .then(function (found) {
            return found.get(resolved.expose);
          })
          .then(function (factory) {
            var module = loadFactory ? factory() : factory;
            var listeners = __mf_plugins__("onLoad");
            if (!listeners.length) return module;
            return __mf_emit_async__(listeners, "onLoad", {
              id: id,
              pkgNameOrAlias: resolved.pkgNameOrAlias,
              expose: resolved.expose,
              exposeModule: loadFactory ? module : undefined,
              exposeModuleFactory: loadFactory ? undefined : module,
              remote: resolved.remote,
              options: { loadFactory: loadFactory },
              moduleInstance: undefined,
              origin: __mf_instance__
            }).then(function (wrapper) {
              return typeof wrapper === "function" ? wrapper : module;
            });
          });
      });
    return loaded.then(undefined, function (error) {
      var recovering = __mf_error_load_remote__(id, error);
      if (!recovering) throw error;
      return recovering.then(function (fallback) {
        if (fallback === undefined) throw error;
        return fallback;
      });
    });
  };
  var registerRemotes = function (remotes, options) {
    (remotes || []).forEach(function (remote) {
      var at = find(remote.name);
      var registered = {
        name: remote.name,
        alias: remote.alias,
        entry: remote.entry,
        shareScope: remote.shareScope || "default",
        type: remote.type || "global",
        entryGlobalName: remote.entryGlobalName || remote.name
      };
      if (at < 0) return __mf_remote_list__.push(registered);
      if (!(options && options.force)) {
        if (typeof console !== "undefined" && console.warn) {
          console.warn('The remote "' + remote.name + '" is already registered; registerRemotes(..., { force: true }) replaces it.');
        }
        return;
      }
      __mf_remote_list__[at] = registered;
      delete containers[remote.name];
    });
  };
  var registerPlugins = function (plugins, quiet) {
    (plugins || []).forEach(function (plugin) {
      __mf_require__.plugin(plugin, quiet);
    });
  };
  // Whether version a is lower than b (numbers compared part by part).
  var lower = function (a, b) {
    var x = String(a).split(/[.+-]/);
    var y = String(b).split(/[.+-]/);
    for (var i = 0; i < Math.max(x.length, y.length); i++) {
      var p = parseInt(x[i], 10) || 0;
      var q = parseInt(y[i], 10) || 0;
      if (p !== q) return p < q;
    }
    return false;
  };
  // init's `shared`: providers in MF 2.0's shape ({ version, lib | get, shareConfig, scope }).
  var registerShared = function (shared) {
    Object.keys(shared || {}).forEach(function (pkg) {
      [].concat(shared[pkg]).forEach(function (options) {
        [].concat(options.scope || "default").forEach(function (scopeName) {
          var scope = (__mf_require__.S[scopeName] = __mf_require__.S[scopeName] || {});
          var versions = (scope[pkg] = scope[pkg] || {});
          var version = options.version || "0";
          var active = versions[version];
          if (active && (active.loaded || active.strategy === "loaded-first")) return;
          var lib = options.lib;
          versions[version] = {
            version: version,
            get: options.get || function () {
              return Promise.resolve(lib);
            },
            lib: lib,
            loaded: !!lib,
            from: __mf_unique_name__,
            eager: !!(options.shareConfig && options.shareConfig.eager),
            shareConfig: options.shareConfig || {},
            scope: [scopeName],
            strategy: __mf_share_strategy__
          };
        });
      });
    });
  };
  var init = function (options) {
    options = options || {};
    registerPlugins(options.plugins, true);
    options = __mf_emit_waterfall__(__mf_plugins__("beforeInit"), "beforeInit", {
      userOptions: options,
      options: __mf_instance__.options,
      origin: __mf_instance__,
      shareInfo: {}
    }).userOptions;
    registerRemotes(options.remotes);
    registerShared(options.shared);
    __mf_emit_sync__("init", { options: __mf_instance__.options, origin: __mf_instance__ });
    return __mf_instance__;
  };
  // A shared module's factory (a Promise of it), or false: as this build's consume of it
  // decides, if it has one; else the version a singleton would be.
  var loadShare = function (pkg, options) {
    return __mf_emit_async_waterfall__("beforeLoadShare", {
      pkgName: pkg,
      shareInfo: options || {},
      shared: __mf_instance__.options.shared,
      origin: __mf_instance__
    }).then(function (args) {
      return share(args.pkgName, args.shareInfo);
    });
  };
  var share = function (pkg, options) {
    var scopeName = (options && options.scope) || "default";
    var consume = typeof __mf_consumes__ === "undefined" ? undefined : Object.keys(__mf_consumes__).filter(function (id) {
      return __mf_consumes__[id][2] === pkg;
    })[0];
    if (consume !== undefined) return Promise.resolve(__mf_consume_handler__(consume));
    return Promise.resolve(__mf_require__.I(scopeName)).then(function () {
      var versions = (__mf_require__.S[scopeName] || {})[pkg];
      if (!versions) return false;
      var chosen = Object.keys(versions).reduce(function (a, b) {
        return !a || (!versions[a].loaded && lower(a, b)) ? b : a;
      }, 0);
      var shared = versions[chosen];
      shared.loaded = 1;
      return shared.get();
    });
  };
  // MF 2.0 code often calls the instance: `getInstance().loadRemote(...)`.
  __mf_instance__.loadRemote = loadRemote;
  __mf_instance__.loadShare = loadShare;
  __mf_instance__.registerRemotes = registerRemotes;
  __mf_instance__.registerPlugins = registerPlugins;
  __mf_instance__.initOptions = function (options) {
    init(options);
    return __mf_instance__.options;
  };
  __mf_require__.mf = {
    init: init,
    loadRemote: loadRemote,
    registerRemotes: registerRemotes,
    loadShare: loadShare,
    registerPlugins: registerPlugins,
    instance: function () {
      return __mf_instance__;
    }
  };
})();
