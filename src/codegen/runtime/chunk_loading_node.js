// mfbundle runtime: async chunks in Node. Expects `__mf_chunk_files__` (id -> file),
// `__mf_this_chunk__` and `__mf_self_name__` (the container's global name) in scope, and
// commonjs_http_node.js before it.
// Required from disk, this file loads its chunks with `require` relative to itself. Fetched
// over HTTP and evaluated (an SSR container: MF 2.0's loadScriptNode passes the URL's path
// as `__dirname` and its base name as `__filename`; mfbundle's Node hosts pass the whole URL
// as `__filename`), it fetches them from where it came from and evaluates them the same way.
var __mf_installed_chunks__ = {};
__mf_installed_chunks__[__mf_this_chunk__] = 1;
__mf_require__.u = function (chunkId) {
  return __mf_chunk_files__[chunkId];
};
var __mf_http_base__ = function () {
  if (/^https?:\/\//.test(__mf_require__.p || "")) return __mf_require__.p;
  if (typeof __filename === "string" && /^https?:\/\//.test(__filename)) return __filename;
  // The MF 2.0 runtime that loaded this container knows the URL (runtime-core's moduleCache).
  var federation = globalThis.__FEDERATION__;
  var instances = (federation && federation.__INSTANCES__) || [];
  for (var i = 0; i < instances.length; i++) {
    var cache = instances[i] && instances[i].moduleCache;
    if (!cache || typeof cache.forEach !== "function") continue;
    var found;
    cache.forEach(function (module) {
      var info = module && module.remoteInfo;
      if (!found && info && /^https?:\/\//.test(info.entry || "")) {
        if (info.entryGlobalName === __mf_self_name__ || info.name === __mf_self_name__) found = info.entry;
      }
    });
    if (found) return found;
  }
  throw new Error(
    "Loading chunk failed: this container was not loaded from a file, and its URL is unknown (set publicPath to the URL of its directory)"
  );
};
// A `__filename` that is not a path (a URL, or the base name MF 2.0 passes) means HTTP;
// none (a script run with a `require` of its own) means disk, as before.
var __mf_from_disk__ = typeof __filename !== "string" || require("path").isAbsolute(__filename);
var __mf_install_chunk__ = function (chunk) {
  var moreModules = chunk.modules;
  for (var moduleId in moreModules) {
    if (__mf_require__.o(moreModules, moduleId)) __mf_modules__[moduleId] = moreModules[moduleId];
  }
  for (var i = 0; i < chunk.ids.length; i++) __mf_installed_chunks__[chunk.ids[i]] = 1;
};
__mf_require__.f.require = function (chunkId, promises) {
  // A chunk without a file holds only shared-module consumes.
  var loading = __mf_installed_chunks__[chunkId];
  if (loading === 1 || !__mf_require__.u(chunkId)) return;
  if (__mf_from_disk__) {
    promises.push(
      new Promise(function (resolve) {
        __mf_install_chunk__(require("./" + __mf_require__.u(chunkId)));
        resolve();
      })
    );
    return;
  }
  if (!loading) {
    loading = __mf_installed_chunks__[chunkId] = Promise.resolve()
      .then(function () {
        return __mf_require__.fetchCommonJs(new URL(__mf_require__.u(chunkId), __mf_http_base__()).href);
      })
      .then(__mf_install_chunk__, function (error) {
        // Not sticky: the next import of the chunk fetches it again.
        delete __mf_installed_chunks__[chunkId];
        throw error;
      });
  }
  promises.push(loading);
};
