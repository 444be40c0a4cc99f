// mfbundle runtime: `import.meta` of bundled modules in Node, as Node gives it to the source
// file (a null-prototype object with dirname, filename, resolve and url), and the base URL of
// the assets `new URL("./file", import.meta.url)` names. Expects `__mf_source_root__`: the
// project directory relative to this file's directory.
__mf_require__.b = require("url").pathToFileURL(__filename).href;
var __mf_import_metas__ = {};
__mf_require__.im = function (path) {
  var meta = __mf_import_metas__[path];
  if (meta) return meta;
  var url = new URL(__mf_source_root__ + path, __mf_require__.b).href;
  var filename = require("url").fileURLToPath(url);
  meta = __mf_import_metas__[path] = Object.create(null);
  meta.dirname = require("path").dirname(filename);
  meta.filename = filename;
  meta.resolve = function (specifier) {
    specifier = String(specifier);
    if (/^\.{0,2}\//.test(specifier)) return new URL(specifier, url).href;
    if (/^(file|data|node):/.test(specifier)) return new URL(specifier).href;
    var builtins = require("module");
    if (builtins.isBuiltin(specifier)) return "node:" + specifier.replace(/^node:/, "");
    try {
      return require("url").pathToFileURL(builtins.createRequire(url).resolve(specifier)).href;
    } catch (e) {
      var error = new Error("Cannot find package '" + specifier + "' imported from " + filename);
      error.code = "ERR_MODULE_NOT_FOUND";
      throw error;
    }
  };
  meta.url = url;
  return meta;
};
