// mfbundle runtime: modules of remote containers, loaded as webpack 5's RemoteRuntimeModule
// loads them: get the container, initialise it with this build's share scope, ask it for the
// module, install the factory. Expects in scope `__mf_remotes__` (remote module id ->
// [shareScope, request, container module id, the container as messages name it: its
// reference and where it comes from, its index in `__mf_remote_list__`]),
// stats.js's `__mf_note_remote__`,
// `__mf_chunk_remotes__` (chunk id -> ids), `__mf_load_timeout__` (chunkLoadTimeout in ms,
// 0: none) and sharing.js's `__mf_init_late__`.
//
// A failure rejects only the import that needed it, with webpack's text plus where the
// container comes from; the next import of that remote tries again. Unlike webpack, that
// includes loading the container again: webpack keeps the failed load in its module cache,
// so a remote that was down once stays down until the page is reloaded.
__mf_require__.remotes = function (ids) {
  var promises = [];
  ids.forEach(function (id) {
    var getScope = __mf_require__.R;
    if (!getScope) getScope = [];
    var data = __mf_remotes__[id];
    if (getScope.indexOf(data) >= 0) return;
    getScope.push(data);
    if (data.p) return promises.push(data.p);
    var obtained = false;
    var start = __mf_now__();
    // The remote as MF 2.0 plugins see it, and the module's id in their terms (app2/Widget).
    var remoteInfo = __mf_remote_list__[data[4]] || { name: data[3], entry: data[3] };
    var hookId = remoteInfo.name + data[1].slice(1);
    var onError = function (error) {
      if (!error) error = new Error("Container missing");
      if (typeof error.message === "string") {
        error.message +=
          '\nwhile loading "' + data[1] + '" from ' + data[3];
      }
      __mf_modules__[id] = function () {
        throw error;
      };
      __mf_note_remote__(data[3], data[1], start, error);
      // The container itself failed: forget it, so that the next import loads it again.
      if (!obtained) delete __mf_require__.c[data[2]];
      data.p = 0;
      // MF 2.0 plugins' errorLoadRemote: what it returns is the module instead (not kept in
      // the module cache, so that a later import that reaches the remote gets the real one).
      var recovering = __mf_error_load_remote__(hookId, error);
      if (!recovering) return;
      return recovering.then(function (fallback) {
        if (fallback === undefined) return;
        __mf_modules__[id] = function (module) {
          delete __mf_module_cache__[id];
          module.exports = fallback;
        };
      }, function () {});
    };
    // The container, or a Promise of it. MF 2.0 plugins: loadEntry may supply the container
    // (otherwise it is loaded as always); with loadEntryError (the retry plugin), a container
    // that fails to load is handed to them with a way to load it again (`getRemoteEntry`),
    // and what they return is the container.
    var loadEntry = function (containerId) {
      var custom = __mf_plugins__("loadEntry");
      var listeners = __mf_plugins__("loadEntryError");
      if (!custom.length && !listeners.length) return __mf_require__(containerId);
      var load = function () {
        delete __mf_require__.c[containerId];
        return Promise.resolve().then(function () {
          return __mf_require__(containerId);
        }).then(function (container) {
          if (!container) throw new Error("Container missing");
          return container;
        });
      };
      var loaded = custom.length
        ? __mf_emit_async__(custom, "loadEntry", {
            origin: __mf_instance__,
            loaderHook: {},
            remoteInfo: remoteInfo,
            remoteEntryExports: undefined,
            resourceContext: { initiator: "import", id: hookId, resourceType: "remoteEntry", url: remoteInfo.entry }
          }).then(function (container) {
            return container || load();
          })
        : load();
      if (!listeners.length) return loaded;
      return loaded.then(undefined, function (error) {
        return __mf_emit_async__(listeners, "loadEntryError", {
          getRemoteEntry: load,
          origin: __mf_instance__,
          remoteInfo: remoteInfo,
          remoteEntryExports: undefined,
          globalLoading: {},
          uniqueKey: remoteInfo.entry
        }).then(function (container) {
          if (!container) throw error;
          return container;
        });
      });
    };
    var handleFunction = function (fn, arg1, arg2, d, next, first) {
      try {
        var promise = fn(arg1, arg2);
        if (promise && promise.then) {
          var p = promise.then(function (result) {
            return next(result, d);
          }, onError);
          if (first) promises.push((data.p = p));
          else return p;
        } else {
          return next(promise, d, first);
        }
      } catch (error) {
        var handled = onError(error);
        if (handled) {
          if (first) promises.push((data.p = handled));
          else return handled;
        }
      }
    };
    var onExternal = function (external, _, first) {
      if (!external) return onError();
      obtained = true;
      return handleFunction(__mf_require__.I, data[0], 0, external, onInitialized, first);
    };
    var onInitialized = function (_, external, first) {
      // Loaded now, after its scope was initialised without it: initialise it first.
      var late = __mf_init_late__(data[2], data[3], external);
      if (late) {
        return handleFunction(function () {
          return late;
        }, 0, 0, external, onReady, first);
      }
      return onReady(_, external, first);
    };
    var onReady = function (_, external, first) {
      var factories = __mf_plugins__("getModuleFactory");
      var loads = __mf_plugins__("onLoad");
      if (!factories.length && !loads.length) {
        return handleFunction(external.get, data[1], getScope, 0, onFactory, first);
      }
      // MF 2.0 plugins: getModuleFactory may supply the factory (the retry plugin retries
      // `get`), onLoad sees it and may return a function to use instead (runtime-core's
      // loadFactory: false, as webpack builds of MF 2.0 load remote modules).
      var getFactory = function () {
        var supplied = factories.length
          ? __mf_emit_async__(factories, "getModuleFactory", {
              remoteEntryExports: external,
              expose: data[1],
              moduleInfo: remoteInfo
            })
          : Promise.resolve();
        return supplied
          .then(function (factory) {
            return factory || external.get(data[1], getScope);
          })
          .then(function (factory) {
            if (!loads.length) return factory;
            return __mf_emit_async__(loads, "onLoad", {
              id: hookId,
              pkgName: remoteInfo.name,
              expose: data[1],
              exposeModule: undefined,
              exposeModuleFactory: factory,
              remote: remoteInfo,
              options: {},
              moduleInstance: undefined,
              origin: __mf_instance__
            }).then(function (wrapper) {
              return typeof wrapper === "function" ? wrapper : factory;
            });
          });
      };
      return handleFunction(getFactory, 0, 0, 0, onFactory, first);
    };
    var onFactory = function (factory) {
      data.p = 1;
      __mf_note_remote__(data[3], data[1], start);
      __mf_modules__[id] = function (module) {
        module.exports = factory();
      };
    };
    handleFunction(loadEntry, data[2], 0, 0, onExternal, 1);
  });
  return Promise.all(promises);
};
__mf_require__.f.remotes = function (chunkId, promises) {
  var ids = __mf_chunk_remotes__[chunkId];
  if (ids) promises.push(__mf_require__.remotes(ids));
};
// A container that comes as a Promise (`promise` and `module` remotes): give up after
// chunkLoadTimeout, as script tags do, since one that never settles would hold the import
// and the initialisation of its whole share scope forever.
__mf_require__.timeout = function (promise, where, script) {
  if (!__mf_load_timeout__) return promise;
  var timer;
  var timeout = new Promise(function (_, reject) {
    timer = setTimeout(function () {
      var error = new Error(
        (script ? "Loading script failed." : "Loading remote container failed.") + "\n(timeout: " + where + ")"
      );
      error.name = "ScriptExternalLoadError";
      error.type = "timeout";
      error.request = where;
      reject(error);
    }, __mf_load_timeout__);
  });
  var done = function () {
    clearTimeout(timer);
  };
  promise = Promise.resolve(promise);
  promise.then(done, done);
  return Promise.race([promise, timeout]);
};
// A remote given as several alternatives: the first that yields a container wins.
__mf_require__.firstContainer = function (alternatives) {
  var i = 0;
  var next = function (error) {
    if (i >= alternatives.length) return Promise.reject(error || new Error("Container missing"));
    var alternative = alternatives[i++];
    return Promise.resolve()
      .then(alternative)
      .then(function (container) {
        return container || next(error);
      }, next);
  };
  return next();
};
// A remote named by its mf-manifest.json (MF 2.0's `name@http://.../mf-manifest.json`):
// the manifest is fetched and recorded in `__FEDERATION__.moduleInfo` under
// "name:url", as MF 2.0 hosts record a remote's snapshot; then the entry it names is
// loaded as its `remoteEntry.type` says: `import()` for "module"/"esm", else a script
// tag that defines its `globalName`. Nothing is cached: after a failure the next import
// of the remote fetches the manifest again.
__mf_require__.manifestRemote = function (name, url) {
  var page = __mf_page__;
  var fail = function (message, type, request) {
    var error = new Error(message + "\n(" + type + ": " + request + ")");
    error.name = "ScriptExternalLoadError";
    error.type = type;
    error.request = request;
    throw error;
  };
  var here = page.location && page.location.href ? page.location.href : undefined;
  var manifestUrl = new URL(url, here).href;
  var fetched =
    typeof page.fetch !== "function"
      ? Promise.reject(new Error("fetch is not available to load the manifest " + url))
      : page.fetch(manifestUrl).then(
          function (response) {
            if (!response.ok) fail("Loading the remote's manifest failed.", "http " + response.status, manifestUrl);
            return response.json();
          },
          function () {
            fail("Loading the remote's manifest failed.", "error", manifestUrl);
          }
        );
  return __mf_require__.timeout(fetched, manifestUrl, 1).then(function (manifest) {
    var meta = (manifest && manifest.metaData) || {};
    // In a Node build (the only one with fetchCommonJs), the remote's SSR container when it
    // has one, as MF 2.0 runtimes choose in Node (runtime-core's
    // getRemoteEntryInfoFromSnapshot); web builds, workers included, take remoteEntry.
    var ssr = typeof __mf_require__.fetchCommonJs === "function" && meta.ssrRemoteEntry && meta.ssrRemoteEntry.name;
    var entry = (ssr ? meta.ssrRemoteEntry : meta.remoteEntry) || {};
    if (!entry.name) fail("The remote's manifest names no remoteEntry.", "invalid", manifestUrl);
    // publicPath "auto": the entry is next to the manifest.
    var base = meta.publicPath && meta.publicPath !== "auto" ? new URL(meta.publicPath, manifestUrl).href : manifestUrl;
    var entryUrl = new URL((entry.path ? entry.path.replace(/\/?$/, "/") : "") + entry.name, base).href;
    var type = entry.type || (ssr ? "commonjs-module" : "global");
    var global = meta.globalName || name;
    var federation = page.__FEDERATION__;
    if (federation && federation.moduleInfo) {
      federation.moduleInfo[name + ":" + url] = {
        version: url,
        buildVersion: (meta.buildInfo && meta.buildInfo.buildVersion) || "",
        globalName: global,
        remoteEntry: ssr ? "" : entryUrl,
        remoteEntryType: ssr ? "" : type,
        ssrRemoteEntry: ssr ? entryUrl : undefined,
        ssrRemoteEntryType: ssr ? type : undefined,
        publicPath: meta.publicPath || "",
        remoteTypes: (meta.types && meta.types.zip) || "",
        shared: (manifest.shared || []).map(function (s) {
          return { sharedName: s.name, version: s.version, singleton: s.singleton, requiredVersion: s.requiredVersion };
        }),
        modules: (manifest.exposes || []).map(function (e) {
          return { moduleName: e.name, modulePath: e.path };
        }),
        remotesInfo: {}
      };
    }
    if (type === "module" || type === "esm") return __mf_require__.timeout(import(entryUrl), entryUrl, 1);
    if (/^commonjs/.test(type)) return __mf_require__.commonJsRemote(entryUrl);
    if (typeof __mf_require__.l !== "function") {
      fail("A script remote entry cannot be loaded in this build (no document).", "unsupported", entryUrl);
    }
    return __mf_require__.scriptRemote(entryUrl, global);
  });
};
// A CommonJS container fetched over HTTP (Node: an SSR remote entry), evaluated as Node
// evaluates a required file, its `__filename` the URL (its chunks load from there);
// fetchCommonJs gives up after chunkLoadTimeout itself.
__mf_require__.commonJsRemote = function (url) {
  if (typeof __mf_require__.fetchCommonJs !== "function") {
    return Promise.reject(new Error("A CommonJS remote entry over HTTP can only be loaded in a Node build: " + url));
  }
  return __mf_require__.fetchCommonJs(url);
};
// A container a script defines as the global `global` (`name@url`), with webpack's error
// when the script fails or defines nothing.
__mf_require__.scriptRemote = function (url, global) {
  return new Promise(function (resolve, reject) {
    if (typeof __mf_page__[global] !== "undefined") return resolve();
    if (typeof __mf_require__.l !== "function") {
      // An SSR build (Node) of a project with script remotes (warning MF4103).
      var unsupported = new Error("Loading script failed.\n(unsupported in Node: " + url + ")");
      unsupported.name = "ScriptExternalLoadError";
      unsupported.type = "unsupported";
      unsupported.request = url;
      return reject(unsupported);
    }
    var error = new Error();
    __mf_require__.l(url, function (event) {
      if (typeof __mf_page__[global] !== "undefined") return resolve();
      var errorType = event && (event.type === "load" ? "missing" : event.type);
      var realSrc = event && event.target && event.target.src;
      error.message = "Loading script failed.\n(" + errorType + ": " + realSrc + ")";
      error.name = "ScriptExternalLoadError";
      error.type = errorType;
      error.request = realSrc;
      reject(error);
    }, global);
  }).then(function () {
    return __mf_page__[global];
  });
};
