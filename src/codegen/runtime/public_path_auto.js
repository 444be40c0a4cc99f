// mfbundle runtime: publicPath "auto", the directory of the script that loaded this chunk.
// An ES-module remote entry has no `document.currentScript`: it passes its own
// `import.meta.url` as `__mf_module_url__` (render_chunk.rs).
(function () {
  var scriptUrl;
  if (typeof __mf_module_url__ === "string") scriptUrl = __mf_module_url__;
  else if (typeof self !== "undefined" && self.location) scriptUrl = self.location + "";
  var doc = typeof document !== "undefined" ? document : undefined;
  if (doc && typeof __mf_module_url__ !== "string") {
    if (doc.currentScript && doc.currentScript.tagName.toUpperCase() === "SCRIPT") {
      scriptUrl = doc.currentScript.src;
    }
    if (!scriptUrl) {
      var scripts = doc.getElementsByTagName("script");
      if (scripts.length) scriptUrl = scripts[scripts.length - 1].src;
    }
  }
  if (!scriptUrl) throw new Error("Automatic publicPath is not supported in this browser");
  scriptUrl = scriptUrl.replace(/#.*$/, "").replace(/\?.*$/, "").replace(/\/[^\/]+$/, "/");
  __mf_require__.p = scriptUrl;
})();
