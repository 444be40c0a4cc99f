// mfbundle runtime (in builds whose code takes the namespace of a CommonJS module).
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
