import * as ns from "./dep.cjs";
console.log(Object.keys(ns), ns.__esModule);
