// mfbundle runtime: async chunks in the browser, loaded with <script> tags that push
// [chunkIds, modules] into a global queue. Expects `__mf_chunk_files__` (id -> file),
// `__mf_chunk_global__` (queue name), `__mf_this_chunk__`, `__mf_load_timeout__`
// (chunkLoadTimeout in ms, 0: none) and `__mf_chunk_import__` (load chunks with `import()`)
// in scope.
// Chunk states: 0 = loaded, [resolve, reject, promise] = loading, undefined = not loaded:
// a chunk that failed goes back to undefined, so the next import() of it tries again.
var __mf_installed_chunks__ = {};
__mf_installed_chunks__[__mf_this_chunk__] = 0;
__mf_require__.u = function (chunkId) {
  return __mf_chunk_files__[chunkId];
};
var __mf_scripts_in_progress__ = {};
// Script keys carry this build's queue name, as webpack's `data-webpack` carries its
// uniqueName: two builds on one page both have a chunk "shared-x", and one must not take
// the other's script tag for its own.
var __mf_load_script__ = function (url, done, key) {
  // In a worker there is no document: importScripts runs the chunk before it returns.
  if (typeof document === "undefined" && typeof importScripts === "function") {
    var event = { type: "load", target: { src: url } };
    try {
      importScripts(url);
    } catch (e) {
      event.type = "error";
    }
    done(event);
    return;
  }
  key = __mf_chunk_global__ + ":" + key;
  if (__mf_scripts_in_progress__[url]) {
    __mf_scripts_in_progress__[url].push(done);
    return;
  }
  var script;
  var scripts = document.getElementsByTagName("script");
  for (var i = 0; i < scripts.length; i++) {
    if (scripts[i].getAttribute("src") == url || scripts[i].getAttribute("data-mfbundle") == key) {
      script = scripts[i];
      break;
    }
  }
  var needAttach = !script;
  if (!script) {
    // MF 2.0 plugins' createScript (plugins.js, in builds that federate) may give the element.
    var created =
      typeof __mf_emit_sync__ === "function"
        ? __mf_emit_sync__("createScript", { url: url, attrs: {}, remoteInfo: undefined })
        : undefined;
    script = (created && created.script) || created || document.createElement("script");
    script.charset = "utf-8";
    script.setAttribute("data-mfbundle", key);
    script.src = url;
  }
  __mf_scripts_in_progress__[url] = [done];
  var onComplete = function (event) {
    script.onerror = script.onload = null;
    clearTimeout(timeout);
    var callbacks = __mf_scripts_in_progress__[url];
    delete __mf_scripts_in_progress__[url];
    if (script.parentNode) script.parentNode.removeChild(script);
    callbacks.forEach(function (fn) { fn(event); });
  };
  // A server that never answers would leave the import pending forever: give up after
  // chunkLoadTimeout, as webpack does.
  var timeout =
    __mf_load_timeout__ &&
    setTimeout(function () {
      onComplete({ type: "timeout", target: script });
    }, __mf_load_timeout__);
  script.onerror = onComplete;
  script.onload = onComplete;
  if (needAttach) document.head.appendChild(script);
};
var __mf_ensure_chunk__ = function (chunkId) {
  var state = __mf_installed_chunks__[chunkId];
  if (state === 0 || !__mf_require__.u(chunkId)) return Promise.resolve();
  if (state) return state[2];
  var promise = new Promise(function (resolve, reject) {
    state = __mf_installed_chunks__[chunkId] = [resolve, reject];
  });
  state[2] = promise;
  var url = __mf_require__.p + __mf_require__.u(chunkId);
  var error = new Error();
  var done = function (event) {
    var data = __mf_installed_chunks__[chunkId];
    if (data !== 0) {
      __mf_installed_chunks__[chunkId] = undefined;
      if (data) {
        var errorType = event && (event.type === "load" ? "missing" : event.type);
        var realSrc = event && event.target && event.target.src;
        error.message = "Loading chunk " + chunkId + " failed.\n(" + errorType + ": " + realSrc + ")";
        error.name = "ChunkLoadError";
        error.type = errorType;
        error.request = realSrc;
        data[1](error);
      }
    }
  };
  if (__mf_chunk_import__) {
    // A build whose remote entry is an ES module (`library = { type = "module" }`) imports
    // its chunks, as webpack's module chunk loading does: no script tag, no document.
    import(url).then(
      function () {
        done({ type: "load", target: { src: url } });
      },
      function () {
        done({ type: "error", target: { src: url } });
      }
    );
  } else __mf_load_script__(url, done, "chunk-" + chunkId);
  return promise;
};
__mf_require__.f.j = function (chunkId, promises) {
  promises.push(__mf_ensure_chunk__(chunkId));
};
__mf_require__.l = __mf_load_script__;
var __mf_chunk_callback__ = function (parentPush, data) {
  var chunkIds = data[0];
  var moreModules = data[1];
  for (var moduleId in moreModules) {
    if (__mf_require__.o(moreModules, moduleId)) __mf_modules__[moduleId] = moreModules[moduleId];
  }
  if (parentPush) parentPush(data);
  for (var i = 0; i < chunkIds.length; i++) {
    var state = __mf_installed_chunks__[chunkIds[i]];
    if (state) state[0]();
    __mf_installed_chunks__[chunkIds[i]] = 0;
  }
};
var __mf_chunk_queue__ = (self[__mf_chunk_global__] = self[__mf_chunk_global__] || []);
__mf_chunk_queue__.forEach(__mf_chunk_callback__.bind(null, 0));
__mf_chunk_queue__.push = __mf_chunk_callback__.bind(null, __mf_chunk_queue__.push.bind(__mf_chunk_queue__));
