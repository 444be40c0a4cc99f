// mfbundle runtime (in builds whose code imports the default of a CommonJS module).
// Default import of a CommonJS module: `exports.default` when it says `__esModule`.
__mf_require__.n = function (module) {
  return module && module.__esModule
    ? function () { return module["default"]; }
    : function () { return module; };
};
