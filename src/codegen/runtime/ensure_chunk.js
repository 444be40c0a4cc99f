// Loading async chunks: every handler in `f` (chunk files, shared consumes, remote modules)
// adds the promises a chunk needs before its modules can run, as in webpack.
__mf_require__.f = {};
__mf_require__.e = function (chunkIds) {
  var promises = [];
  chunkIds.forEach(function (chunkId) {
    Object.keys(__mf_require__.f).forEach(function (key) {
      __mf_require__.f[key](chunkId, promises);
    });
  });
  return Promise.all(promises);
};
