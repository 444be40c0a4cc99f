// mfbundle runtime: hot module replacement (`mfbundle dev`). Every module gets webpack's
// `module.hot` (accept, decline, dispose, data, invalidate, status) and Vite's
// `import.meta.hot` (accept, dispose, prune, data, invalidate, on). A client polls the dev
// server that built this runtime (found from the public path, so a remote's runtime on a
// host's page polls the remote's server) and applies what it answers in this registry:
// changed module functions, stylesheets, errors shown over the page, or a reload.
// Expects `__mf_hot_key__` (this build's runtime key), `__mf_hot_name__` and the page
// helpers of `dev_page.js` in scope.
var __mf_hot_data__ = {};
var __mf_hot_meta_data__ = {};
var __mf_hot_status__ = "idle";
var __mf_hot_status_handlers__ = [];
var __mf_hot_invalidated__ = [];
var __mf_hot_listeners__ = {};
function __mf_hot_set_status__(next) {
  __mf_hot_status__ = next;
  __mf_hot_status_handlers__.slice().forEach(function (h) {
    h(next);
  });
}
function __mf_hot_emit__(event, payload) {
  (__mf_hot_listeners__[event] || []).slice().forEach(function (cb) {
    cb(payload);
  });
}
function __mf_hot_list__(deps) {
  return Array.isArray(deps) ? deps : [deps];
}
function __mf_hot_remove__(list, item) {
  var i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}
// webpack's `module.hot`.
function __mf_hot_create__(module) {
  var id = module.id;
  var hot = {
    _acceptedDependencies: {},
    _acceptedErrorHandlers: {},
    _declinedDependencies: {},
    _selfAccepted: false,
    _selfDeclined: false,
    _selfInvalidated: false,
    _disposeHandlers: [],
    _pruneHandlers: [],
    _metaSelfAccept: [],
    active: true,
    data: __mf_hot_data__[id],
    accept: function (dep, callback, errorHandler) {
      if (dep === undefined) hot._selfAccepted = true;
      else if (typeof dep === "function") hot._selfAccepted = dep;
      else
        __mf_hot_list__(dep).forEach(function (d) {
          hot._acceptedDependencies[d] = callback || function () {};
          hot._acceptedErrorHandlers[d] = errorHandler;
        });
    },
    decline: function (dep) {
      if (dep === undefined) hot._selfDeclined = true;
      else
        __mf_hot_list__(dep).forEach(function (d) {
          hot._declinedDependencies[d] = true;
        });
    },
    dispose: function (callback) {
      hot._disposeHandlers.push(callback);
    },
    addDisposeHandler: function (callback) {
      hot._disposeHandlers.push(callback);
    },
    removeDisposeHandler: function (callback) {
      __mf_hot_remove__(hot._disposeHandlers, callback);
    },
    invalidate: function () {
      hot._selfInvalidated = true;
      if (__mf_hot_invalidated__.indexOf(id) < 0) __mf_hot_invalidated__.push(id);
      if (__mf_hot_status__ === "idle") {
        __mf_hot_set_status__("ready");
        Promise.resolve().then(function () {
          __mf_hot_apply__({}, []);
        });
      }
    },
    status: function (listener) {
      if (!listener) return __mf_hot_status__;
      __mf_hot_status_handlers__.push(listener);
    },
    addStatusHandler: function (listener) {
      __mf_hot_status_handlers__.push(listener);
    },
    removeStatusHandler: function (listener) {
      __mf_hot_remove__(__mf_hot_status_handlers__, listener);
    },
    // Updates come from the dev server's client; there is nothing to ask for by hand.
    check: function () {
      return Promise.resolve(null);
    },
    apply: function () {
      return Promise.resolve([]);
    },
  };
  return hot;
}
// Vite's `import.meta.hot`, on the same record: `accept(cb)` gets the new module,
// `accept(dep, cb)` the new dependency, `data` is one object for every instance.
function __mf_hot_create_meta__(module) {
  var hot = module.hot;
  var id = module.id;
  var data = (__mf_hot_meta_data__[id] = __mf_hot_meta_data__[id] || {});
  return {
    data: data,
    accept: function (deps, callback) {
      if (typeof deps === "function" || deps === undefined) {
        hot._selfAccepted = true;
        if (deps) hot._metaSelfAccept.push(deps);
        return;
      }
      hot.accept(deps, function () {
        if (!callback) return;
        var fresh = __mf_hot_list__(deps).map(function (d) {
          return __mf_require__(d);
        });
        callback(Array.isArray(deps) ? fresh : fresh[0]);
      });
    },
    acceptExports: function (names, callback) {
      this.accept(callback);
    },
    dispose: function (callback) {
      hot.dispose(function () {
        callback(data);
      });
    },
    prune: function (callback) {
      hot._pruneHandlers.push(function () {
        callback(data);
      });
    },
    decline: function () {
      hot.decline();
    },
    invalidate: function () {
      hot.invalidate();
    },
    on: function (event, callback) {
      (__mf_hot_listeners__[event] = __mf_hot_listeners__[event] || []).push(callback);
    },
    off: function (event, callback) {
      __mf_hot_remove__(__mf_hot_listeners__[event] || [], callback);
    },
    send: function () {},
  };
}
// Called by `__mf_require__` for each module it creates: the module's hot records, and the
// `require` its code gets, which remembers who requires whom.
__mf_require__.i = function (module) {
  var me = module.id;
  module.hot = __mf_hot_create__(module);
  module.metaHot = __mf_hot_create_meta__(module);
  module.parents = [];
  module.children = [];
  function hotRequire(request) {
    var exports = __mf_require__(request);
    var child = __mf_module_cache__[request];
    if (child && child.parents && child.parents.indexOf(me) < 0) child.parents.push(me);
    if (module.children.indexOf(request) < 0) module.children.push(request);
    return exports;
  }
  Object.setPrototypeOf(hotRequire, __mf_require__);
  return hotRequire;
};
// What replacing `ids` affects: the modules to dispose and run again up to the modules that
// accept them, or why the page must reload (a module nobody accepts, or one declined).
// Modules in `invalidated` asked to be replaced by their importers: they do not accept
// themselves this time (whichever instance asked: a Vite accept callback runs on the old one).
function __mf_hot_affected__(ids, invalidated) {
  var outdated = [];
  var deps = {};
  for (var i = 0; i < ids.length; i++) {
    var queue = [[ids[i]]];
    if (outdated.indexOf(ids[i]) < 0) outdated.push(ids[i]);
    while (queue.length) {
      var chain = queue.pop();
      var id = chain[chain.length - 1];
      var m = __mf_module_cache__[id];
      var selfInvalidated = m && m.hot && (m.hot._selfInvalidated || invalidated.indexOf(id) >= 0);
      if (!m || !m.hot || (m.hot._selfAccepted && !selfInvalidated)) continue;
      if (m.hot._selfDeclined) return { reload: "declined by " + id };
      if (!m.parents.length) return { reload: "no module accepts " + chain.join(" <- ") };
      for (var p = 0; p < m.parents.length; p++) {
        var parentId = m.parents[p];
        var parent = __mf_module_cache__[parentId];
        if (!parent) continue;
        if (parent.hot._declinedDependencies[id]) return { reload: parentId + " declines " + id };
        if (outdated.indexOf(parentId) >= 0) continue;
        if (parent.hot._acceptedDependencies[id]) {
          deps[parentId] = deps[parentId] || [];
          if (deps[parentId].indexOf(id) < 0) deps[parentId].push(id);
          continue;
        }
        delete deps[parentId];
        outdated.push(parentId);
        queue.push(chain.concat([parentId]));
      }
    }
  }
  return { outdated: outdated, deps: deps };
}
function __mf_hot_reload__(why) {
  __mf_hot_emit__("vite:beforeFullReload", { type: "full-reload" });
  if (typeof console !== "undefined") console.log("[mfbundle] " + __mf_hot_name__ + ": reloading: " + why);
  if (typeof location !== "undefined") location.reload();
}
// Applies an update: `modules` (id -> new module function) and `removed` ids; modules that
// invalidated themselves meanwhile are applied after. A handler that throws reloads the page.
function __mf_hot_apply__(modules, removed) {
  try {
    __mf_hot_apply_update__(modules, removed);
  } catch (e) {
    __mf_hot_set_status__("fail");
    if (typeof console !== "undefined") console.error(e);
    __mf_hot_reload__("applying the update threw: " + e);
  }
}
function __mf_hot_apply_update__(modules, removed) {
  var changed = Object.keys(modules).concat(removed);
  var invalidated = __mf_hot_invalidated__;
  __mf_hot_invalidated__ = [];
  invalidated.forEach(function (id) {
    if (changed.indexOf(id) < 0) changed.push(id);
  });
  __mf_hot_set_status__("prepare");
  var effect = __mf_hot_affected__(changed, invalidated);
  if (effect.reload) {
    __mf_hot_set_status__("abort");
    return __mf_hot_reload__(effect.reload);
  }
  __mf_hot_emit__("vite:beforeUpdate", { type: "update", updates: changed });
  __mf_hot_set_status__("dispose");
  var rerun = [];
  effect.outdated.forEach(function (id) {
    var m = __mf_module_cache__[id];
    if (!m) return;
    var selfInvalidated = m.hot._selfInvalidated || invalidated.indexOf(id) >= 0;
    if (m.hot._selfAccepted && !selfInvalidated)
      rerun.push({ id: id, onError: m.hot._selfAccepted, then: m.hot._metaSelfAccept, parents: m.parents.slice() });
    var data = {};
    m.hot._disposeHandlers.forEach(function (h) {
      h(data);
    });
    if (removed.indexOf(id) >= 0) {
      m.hot._pruneHandlers.forEach(function (h) {
        h();
      });
    }
    __mf_hot_data__[id] = data;
    m.hot.active = false;
    delete __mf_module_cache__[id];
    m.children.forEach(function (c) {
      var child = __mf_module_cache__[c];
      if (child && child.parents) __mf_hot_remove__(child.parents, id);
    });
  });
  __mf_hot_set_status__("apply");
  Object.keys(modules).forEach(function (id) {
    __mf_modules__[id] = modules[id];
  });
  removed.forEach(function (id) {
    delete __mf_modules__[id];
  });
  var errors = [];
  Object.keys(effect.deps).forEach(function (parentId) {
    var parent = __mf_module_cache__[parentId];
    if (!parent) return;
    var outdatedDeps = effect.deps[parentId];
    var called = [];
    outdatedDeps.forEach(function (dep) {
      var callback = parent.hot._acceptedDependencies[dep];
      if (called.indexOf(callback) >= 0) return;
      called.push(callback);
      try {
        callback(outdatedDeps);
      } catch (e) {
        var handler = parent.hot._acceptedErrorHandlers[dep];
        if (typeof handler === "function") handler(e, { moduleId: parentId, dependencyId: dep });
        else errors.push(e);
      }
    });
  });
  rerun.forEach(function (r) {
    if (removed.indexOf(r.id) >= 0) return;
    try {
      var exports = __mf_require__(r.id);
      // The new instance has the importers of the old one (as webpack's `_requireSelf`).
      var fresh = __mf_module_cache__[r.id];
      if (fresh && fresh.parents)
        r.parents.forEach(function (p) {
          if (fresh.parents.indexOf(p) < 0) fresh.parents.push(p);
        });
      r.then.forEach(function (cb) {
        cb(exports);
      });
    } catch (e) {
      if (typeof r.onError === "function") r.onError(e, { moduleId: r.id });
      else errors.push(e);
    }
  });
  if (errors.length) {
    __mf_hot_set_status__("fail");
    if (typeof console !== "undefined") console.error(errors[0]);
    return __mf_hot_reload__("an updated module threw: " + errors[0]);
  }
  __mf_hot_set_status__("idle");
  __mf_hot_emit__("vite:afterUpdate", { type: "update", updates: changed });
  if (__mf_hot_invalidated__.length) __mf_hot_apply__({}, []);
}
// The client: long-polls this build's dev server for the next build.
(function () {
  // `window.fetch`: the federation runtime has a `fetch` of its own in this scope.
  if (typeof window === "undefined" || typeof document === "undefined" || typeof window.fetch !== "function") return;
  var base;
  try {
    base = new URL(__mf_require__.p || "/", location.href);
  } catch (e) {
    return;
  }
  var server = base.origin + "/__mfbundle/";
  var callback = "__mfbundle_hot_" + __mf_hot_key__;
  var seen = null;
  var overlay = "__mfbundle_overlay_" + __mf_hot_name__;
  var title = "mfbundle: " + __mf_hot_name__ + ": the build failed; the page runs the last good build.";
  function show(text) {
    __mf_dev_overlay__(overlay, title, text);
    __mf_hot_emit__("vite:error", { type: "error", err: { message: text } });
  }
  function hide() {
    __mf_dev_overlay__(overlay, title, null);
  }
  // This build's stylesheets: those under its public path.
  function swapCss(names, build) {
    __mf_dev_swap_css__(names, build, function (url) {
      return url.href.indexOf(base.href) === 0 ? url.pathname.slice(base.pathname.length) : null;
    });
  }
  // The update script calls `window[callback](build, modules, removed)`.
  function loadUpdate(since) {
    return new Promise(function (resolve, reject) {
      window[callback] = function (build, modules, removed) {
        delete window[callback];
        resolve({ build: build, modules: modules, removed: removed });
      };
      var script = document.createElement("script");
      script.src = server + "hot?since=" + since + "&callback=" + callback;
      script.onerror = function () {
        delete window[callback];
        reject(new Error("cannot load " + script.src));
      };
      script.onload = function () {
        script.remove();
      };
      document.head.appendChild(script);
    });
  }
  function poll() {
    var query = seen === null ? "key=" + __mf_hot_key__ + "&first=1" : "since=" + seen;
    window
      .fetch(server + "poll?" + query, { cache: "no-store" })
      .then(function (r) {
        return r.json();
      })
      .then(
        function (state) {
          var since = state.from;
          seen = state.build;
          if (!state.ok) {
            show(state.errors);
            return poll();
          }
          if (state.update === "reload") return __mf_hot_reload__("the build changed more than modules");
          hide();
          if (state.css.length) swapCss(state.css, state.build);
          if (state.update !== "hot") return poll();
          loadUpdate(since).then(
            function (u) {
              seen = u.build;
              __mf_hot_apply__(u.modules, u.removed);
              poll();
            },
            function (e) {
              __mf_hot_reload__(e.message);
            }
          );
        },
        function () {
          // The server restarted or is gone: try again shortly.
          setTimeout(poll, 1000);
        }
      );
  }
  setTimeout(poll, 0);
})();
