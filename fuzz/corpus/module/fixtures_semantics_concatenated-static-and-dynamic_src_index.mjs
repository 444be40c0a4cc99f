import { seen } from "./a.mjs";
console.log("seen", seen);
import("./shared.mjs").then((ns) => { ns.bump(); console.log("dyn", ns.counter, Object.keys(ns)); });
