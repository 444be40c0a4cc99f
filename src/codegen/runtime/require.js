// mfbundle runtime: the module registry and its require function.
// Expects `__mf_modules__` (id -> factory) in scope.
var __mf_module_cache__ = {};
function __mf_require__(moduleId) {
  var cached = __mf_module_cache__[moduleId];
  if (cached !== undefined) return cached.exports;
  var factory = __mf_modules__[moduleId];
  if (factory === undefined) {
    var missing = new Error("Cannot find module '" + moduleId + "'");
    missing.code = "MODULE_NOT_FOUND";
    throw missing;
  }
  var module = (__mf_module_cache__[moduleId] = { id: moduleId, loaded: false, exports: {} });
  var threw = true;
  try {
    factory.call(module.exports, module, module.exports, __mf_require__);
    threw = false;
  } finally {
    if (threw) delete __mf_module_cache__[moduleId];
  }
  module.loaded = true;
  return module.exports;
}
__mf_require__.m = __mf_modules__;
__mf_require__.c = __mf_module_cache__;
