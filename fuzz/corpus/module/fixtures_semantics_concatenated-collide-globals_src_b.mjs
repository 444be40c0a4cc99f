export function globalStuff() {
  return [Object.keys({ q: 1 }), typeof Symbol.iterator, typeof globalThis.process, undefined === void 0].join(",");
}
console.log("b console ok");
