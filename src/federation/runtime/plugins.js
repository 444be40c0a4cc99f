// mfbundle runtime: Module Federation 2.0 runtime plugins. Those of this build
// (`runtimePlugins`: every entry registers each module's default export, a function that
// returns `{ name, ...hooks }`, before its startup) come first, then those registered on the
// page in `__FEDERATION__.__GLOBAL_PLUGIN__` (runtime-core's registerGlobalPlugins; the
// devtools put theirs there). A name registered twice counts once, as in MF 2.0.
// Expects in scope `__mf_page__`; federation_global.js's `__mf_instance__` is their `origin`.
var __mf_local_plugins__ = [];
var __mf_no_plugins__ = [];
// Asked on every consume (resolveShare) and remote load: without plugins, no array is made.
var __mf_plugins__ = function (hook) {
  var federation = __mf_page__.__FEDERATION__;
  var global = (federation && federation.__GLOBAL_PLUGIN__) || __mf_no_plugins__;
  if (!__mf_local_plugins__.length && !global.length) return __mf_no_plugins__;
  var all = __mf_local_plugins__.concat(global);
  var names = [];
  return all.filter(function (plugin) {
    if (!plugin || typeof plugin[hook] !== "function" || names.indexOf(plugin.name) >= 0) return false;
    names.push(plugin.name);
    return true;
  });
};
// runtime-core's AsyncHook.emit: each listener in turn, awaited, with `arg` (and `rest`); a
// result that is not undefined (nor the single argument itself) becomes the result; false
// stops.
var __mf_emit_async__ = function (listeners, hook, arg, rest) {
  var i = 0;
  var args = [arg].concat(rest || []);
  var call = function (previous) {
    if (previous === false) return false;
    if (i >= listeners.length) return previous;
    var listener = listeners[i++][hook];
    return Promise.resolve(listener.apply(null, args)).then(function (result) {
      return call(result === undefined || (args.length === 1 && result === arg) ? previous : result);
    });
  };
  return Promise.resolve(call());
};
// runtime-core's errorLoadRemote (lifecycle "onLoad") for `id`: a Promise of what the plugins
// give instead of the module (undefined: nothing), or undefined when none has the hook.
var __mf_error_load_remote__ = function (id, error) {
  var listeners = __mf_plugins__("errorLoadRemote");
  if (!listeners.length) return;
  return __mf_emit_async__(listeners, "errorLoadRemote", {
    id: id,
    error: error,
    from: "runtime",
    lifecycle: "onLoad",
    origin: __mf_instance__
  }).then(function (fallback) {
    return fallback === false ? undefined : fallback;
  });
};
// A replacement a waterfall hook may take: an object with at least the data's keys.
var __mf_acceptable__ = function (data, next, hook) {
  var acceptable = next !== null && typeof next === "object";
  if (acceptable && next !== data) {
    for (var key in data) if (!(key in next)) acceptable = false;
  }
  if (!acceptable) throw new Error('A plugin returned an unacceptable value for the "' + hook + '" type.');
  return next;
};
// runtime-core's AsyncWaterfallHook.emit: as the sync one, each listener awaited.
var __mf_emit_async_waterfall__ = function (hook, data) {
  var listeners = __mf_plugins__(hook);
  var i = 0;
  var call = function (next) {
    if (next !== undefined) data = __mf_acceptable__(data, next, hook);
    if (i >= listeners.length) return data;
    return Promise.resolve(listeners[i++][hook].apply(null, [data])).then(call);
  };
  return Promise.resolve(call());
};
// runtime-core's SyncWaterfallHook.emit: each listener gets the data and may return a
// replacement, which must be an object with at least the same keys.
var __mf_emit_waterfall__ = function (listeners, hook, data) {
  for (var i = 0; i < listeners.length; i++) {
    var next = listeners[i][hook].apply(null, [data]);
    if (next !== undefined) data = __mf_acceptable__(data, next, hook);
  }
  return data;
};
// runtime-core's SyncHook.emit: every listener; the last result that is not undefined.
var __mf_emit_sync__ = function (hook, data) {
  var result;
  __mf_plugins__(hook).forEach(function (plugin) {
    var next = plugin[hook].apply(null, [data]);
    if (next !== undefined) result = next;
  });
  return result;
};
// A `runtimePlugins` module's exports: its default export (or the module itself, CommonJS)
// is called, and the plugin it returns registered; its `init` hook (runtime-core's SyncHook)
// is called with this build's options and instance (unless `quiet`: the runtime API's
// `init` calls every plugin's itself).
__mf_require__.plugin = function (exports, quiet) {
  var make = exports && exports.__esModule ? exports["default"] : exports;
  var plugin = typeof make === "function" ? make() : make;
  if (!plugin || typeof plugin !== "object") {
    throw new Error("A runtime plugin's default export must return a plugin object ({ name, ...hooks })");
  }
  for (var i = 0; i < __mf_local_plugins__.length; i++) {
    if (__mf_local_plugins__[i].name === plugin.name) return;
  }
  __mf_local_plugins__.push(plugin);
  if (!quiet && typeof plugin.init === "function") {
    plugin.init({ options: __mf_instance__ && __mf_instance__.options, origin: __mf_instance__ });
  }
};
