// mfbundle runtime: `import.meta` of bundled modules in the browser (url: the module's path
// under the URL its chunk was loaded from; resolve for relative specifiers), and the base URL
// of the assets `new URL("./file", import.meta.url)` names, as webpack's
// `__webpack_require__.b`.
__mf_require__.b = (typeof document !== "undefined" && document.baseURI) || self.location.href;
var __mf_import_metas__ = {};
__mf_require__.im = function (path) {
  var meta = __mf_import_metas__[path];
  if (meta) return meta;
  var url = new URL(path, new URL(__mf_require__.p, __mf_require__.b)).href;
  meta = __mf_import_metas__[path] = Object.create(null);
  meta.resolve = function (specifier) {
    specifier = String(specifier);
    if (/^(\.{0,2}\/|[a-z][a-z0-9+.-]*:)/i.test(specifier)) return new URL(specifier, url).href;
    throw new TypeError("Failed to resolve module specifier \"" + specifier + "\"");
  };
  meta.url = url;
  return meta;
};
