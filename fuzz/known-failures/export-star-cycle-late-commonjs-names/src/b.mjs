import * as self from "./b.mjs";
export * from "./index.mjs";
export function show() {
  console.log(Object.keys(self).sort().join());
}
