// mfbundle runtime: ES module objects and CommonJS interop. Exports objects follow the
// Module Federation interop contract (section 7): getters for live bindings,
// `__esModule: true` and `Symbol.toStringTag === "Module"`.
__mf_require__.o = function (obj, prop) {
  return Object.prototype.hasOwnProperty.call(obj, prop);
};
// Mark an exports object as an ES module namespace (with a null prototype, as Node's).
__mf_require__.r = function (exports) {
  if (Object.getPrototypeOf(exports) === Object.prototype) Object.setPrototypeOf(exports, null);
  if (typeof Symbol !== "undefined" && Symbol.toStringTag) {
    Object.defineProperty(exports, Symbol.toStringTag, { value: "Module" });
  }
  Object.defineProperty(exports, "__esModule", { value: true });
};
// Define getters for exported bindings (never replacing one already defined).
__mf_require__.d = function (exports, definition) {
  for (var key in definition) {
    if (__mf_require__.o(definition, key) && !__mf_require__.o(exports, key)) {
      Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
    }
  }
};
