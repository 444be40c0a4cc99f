import * as self from "./index.mjs";
export * from "./dep.cjs";
export const b = "b";
console.log(Object.keys(self).sort().join(), self.a);
