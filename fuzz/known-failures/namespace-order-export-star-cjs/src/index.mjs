export * from "./dep.cjs";
export const b = "b";
import("./index.mjs").then((ns) => console.log(Object.keys(ns)));
