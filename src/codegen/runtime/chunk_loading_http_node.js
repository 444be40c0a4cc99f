// mfbundle runtime: a Node container's chunks when the container was not read from disk
// but fetched over HTTP and evaluated (an SSR remote entry: MF 2.0's loadScriptNode passes
// the URL's path as `__dirname` and its base name as `__filename`; mfbundle's Node hosts
// pass the whole URL as `__filename`): fetched from where it came from and evaluated the
// same way. Expects chunk_loading_node.js and commonjs_http_node.js before it,
// `__mf_self_name__` (the container's global name) and `__mf_public_path__` (publicPath).
// A `__filename` that is not a path means HTTP; none (a script run with a `require` of its
// own) means disk.
if (typeof __filename === "string" && !require("path").isAbsolute(__filename)) {
  var __mf_http_base__ = function () {
    if (/^https?:\/\//.test(__mf_public_path__)) return __mf_public_path__;
    if (/^https?:\/\//.test(__filename)) return __filename;
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
  __mf_require__.f.require = function (chunkId, promises) {
    var loading = __mf_installed_chunks__[chunkId];
    // A chunk without a file holds only shared-module consumes.
    if (loading === 1 || !__mf_require__.u(chunkId)) return;
    if (!loading) {
      loading = __mf_installed_chunks__[chunkId] = Promise.resolve()
        .then(function () {
          return __mf_require__.fetchCommonJs(new URL(__mf_require__.u(chunkId), __mf_http_base__()).href);
        })
        .then(__mf_install_chunk__)
        .then(undefined, function (error) {
          // Not sticky: the next import of the chunk fetches it again.
          delete __mf_installed_chunks__[chunkId];
          throw error;
        });
    }
    promises.push(loading);
  };
}
