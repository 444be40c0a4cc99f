import "./first.mjs";
import { legacy } from "./legacy.cjs";
import * as ns from "./ns.mjs";
import { firstState, a } from "./second.mjs";
console.log("index", legacy, firstState, a, Object.keys(ns).join(","));
import("./lazy.mjs").then((m) => console.log(m.lazy));
