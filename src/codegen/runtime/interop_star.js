// mfbundle runtime (in builds with `export *` from a module known only at run time).
// `export * from` a module whose names are only known at run time.
__mf_require__.es = function (exports, from) {
  if (from === null || (typeof from !== "object" && typeof from !== "function")) return;
  var definition = {};
  Object.keys(from).forEach(function (key) {
    if (key !== "default" && key !== "__esModule") {
      definition[key] = function () { return from[key]; };
    }
  });
  __mf_require__.d(exports, definition);
};
