import "./b.mjs";
import { getC } from "./a.mjs";
import { cv } from "./c.mjs";
console.log("index", getC(), cv);
