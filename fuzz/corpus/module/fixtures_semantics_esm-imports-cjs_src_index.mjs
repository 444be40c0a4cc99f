import lib, { named, fn } from "./lib.cjs";
import * as ns from "./lib.cjs";
console.log(typeof lib, lib.named, named, fn());
console.log(ns.default === lib, ns.named);
