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
// Default import of a CommonJS module: `exports.default` when it says `__esModule`.
__mf_require__.n = function (module) {
  return module && module.__esModule
    ? function () { return module["default"]; }
    : function () { return module; };
};
// Namespace of a CommonJS module (import * as ns, import()): its properties plus
// `default = module.exports`, one per exports object and mode. In Node-strict importers
// `__esModule` is not a marker but an export like any other, as in Node, and a JSON
// module's namespace (strict === 2) has `default` only.
var __mf_cjs_namespaces__ = new WeakMap();
__mf_require__.t = function (value, strict) {
  if (!strict && value && value.__esModule) return value;
  var object = value !== null && (typeof value === "object" || typeof value === "function");
  var made = object && __mf_cjs_namespaces__.get(value);
  if (made && made[+strict]) return made[+strict];
  var ns = Object.create(null);
  if (strict) Object.defineProperty(ns, Symbol.toStringTag, { value: "Module" });
  else __mf_require__.r(ns);
  var definition = {};
  var keys = [];
  if (strict !== 2 && object) {
    keys = Object.keys(value);
    if (strict && __mf_require__.o(value, "__esModule") && keys.indexOf("__esModule") < 0) {
      keys.push("__esModule");
    }
  }
  keys.push("default");
  keys.sort();
  for (var i = 0; i < keys.length; i++) {
    var key = keys[i];
    if (key === "__esModule" && !strict) continue;
    definition[key] = key === "default"
      ? function () { return value; }
      : (function (k) { return function () { return value[k]; }; })(key);
  }
  __mf_require__.d(ns, definition);
  if (object) {
    if (!made) __mf_cjs_namespaces__.set(value, (made = []));
    made[+strict] = ns;
  }
  return ns;
};
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
