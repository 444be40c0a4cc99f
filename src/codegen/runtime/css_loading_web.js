// mfbundle runtime: the stylesheets of async chunks in the browser, one <link> each, loaded
// before the chunk's modules run. Expects `__mf_css_files__` (chunk id -> file) and
// `__mf_load_timeout__` (chunkLoadTimeout in ms, 0: none) in scope.
// States: 0 = loaded, a promise = loading, undefined = not loaded (also after a failure, so
// that the next import() tries again).
var __mf_installed_css__ = {};
var __mf_find_stylesheet__ = function (href) {
  var links = document.getElementsByTagName("link");
  for (var i = 0; i < links.length; i++) {
    var tag = links[i];
    if (tag.rel === "stylesheet" && (tag.getAttribute("href") === href || tag.href === href)) return tag;
  }
};
__mf_require__.f.css = function (chunkId, promises) {
  var state = __mf_installed_css__[chunkId];
  if (state === 0) return;
  if (state) {
    promises.push(state);
    return;
  }
  var file = __mf_css_files__[chunkId];
  if (!file || typeof document === "undefined") return;
  var href = __mf_require__.p + file;
  if (__mf_find_stylesheet__(href)) {
    __mf_installed_css__[chunkId] = 0;
    return;
  }
  var promise = new Promise(function (resolve, reject) {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    var onComplete = function (event) {
      link.onerror = link.onload = null;
      clearTimeout(timeout);
      if (event.type === "load") {
        __mf_installed_css__[chunkId] = 0;
        resolve();
        return;
      }
      delete __mf_installed_css__[chunkId];
      if (link.parentNode) link.parentNode.removeChild(link);
      // webpack's text (CssLoadingRuntimeModule).
      var error = new Error("Loading css chunk " + chunkId + " failed.\n(" + event.type + ": " + href + ")");
      error.name = "ChunkLoadError";
      error.code = "CSS_CHUNK_LOAD_FAILED";
      error.type = event.type;
      error.request = href;
      reject(error);
    };
    link.onerror = link.onload = onComplete;
    var timeout =
      __mf_load_timeout__ &&
      setTimeout(function () {
        onComplete({ type: "timeout", target: link });
      }, __mf_load_timeout__);
    document.head.appendChild(link);
  });
  __mf_installed_css__[chunkId] = promise;
  promises.push(promise);
};
