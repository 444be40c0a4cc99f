// mfbundle runtime (in builds whose code holds a namespace as a value).
// The namespace object of an exports object as code sees it when it holds the namespace as a
// value (`import * as ns` passed around, `import()`): a module namespace exotic object as
// the specification defines it, one per exports object. A null prototype, the exports
// (enumerable keys, so not the `__esModule` marker) as sorted own data properties that read
// the live binding (and throw while it is uninitialized), non-extensible; writes, deletes and
// redefinitions are refused, so they throw in strict code. Reading `ns.x` straight from the
// exports object stays the fast path.
var __mf_namespaces__ = new WeakMap();
__mf_require__.ns = function (exports) {
  var ns = __mf_namespaces__.get(exports);
  if (ns) return ns;
  var target = Object.create(null);
  Object.keys(exports).sort().forEach(function (key) {
    Object.defineProperty(target, key, { value: void 0, writable: true, enumerable: true });
  });
  Object.defineProperty(target, Symbol.toStringTag, { value: "Module" });
  Object.preventExtensions(target);
  var exported = function (key) {
    return typeof key === "string" && Object.prototype.hasOwnProperty.call(target, key);
  };
  ns = new Proxy(target, {
    get: function (t, key) {
      if (typeof key === "symbol") return t[key];
      return exported(key) ? exports[key] : void 0;
    },
    getOwnPropertyDescriptor: function (t, key) {
      if (!exported(key)) return Reflect.getOwnPropertyDescriptor(t, key);
      return { value: exports[key], writable: true, enumerable: true, configurable: false };
    },
    defineProperty: function (t, key, desc) {
      if (!exported(key)) return typeof key === "symbol" && Reflect.defineProperty(t, key, desc);
      var value = exports[key];
      if (desc.configurable || desc.enumerable === false || desc.writable === false) return false;
      if ("get" in desc || "set" in desc) return false;
      return !("value" in desc) || Object.is(desc.value, value);
    },
    set: function () { return false; },
    deleteProperty: function (t, key) {
      return !Object.prototype.hasOwnProperty.call(t, key);
    },
  });
  __mf_namespaces__.set(exports, ns);
  return ns;
};
