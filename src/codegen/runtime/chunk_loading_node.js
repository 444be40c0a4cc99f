// mfbundle runtime: async chunks in Node, loaded with `require` relative to this file.
// Expects `__mf_chunk_files__` (id -> file) and `__mf_this_chunk__` in scope. A container
// build adds chunk_loading_http_node.js after it, for when it was fetched over HTTP.
var __mf_installed_chunks__ = {};
__mf_installed_chunks__[__mf_this_chunk__] = 1;
__mf_require__.u = function (chunkId) {
  return __mf_chunk_files__[chunkId];
};
var __mf_install_chunk__ = function (chunk) {
  var moreModules = chunk.modules;
  for (var moduleId in moreModules) {
    if (__mf_require__.o(moreModules, moduleId)) __mf_modules__[moduleId] = moreModules[moduleId];
  }
  for (var i = 0; i < chunk.ids.length; i++) __mf_installed_chunks__[chunk.ids[i]] = 1;
};
__mf_require__.f.require = function (chunkId, promises) {
  promises.push(
    new Promise(function (resolve) {
      // A chunk without a file holds only shared-module consumes.
      if (!__mf_installed_chunks__[chunkId] && __mf_require__.u(chunkId)) {
        __mf_install_chunk__(require("./" + __mf_require__.u(chunkId)));
      }
      resolve();
    })
  );
};
