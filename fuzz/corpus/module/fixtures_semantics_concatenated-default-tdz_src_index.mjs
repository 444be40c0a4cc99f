import "./trap.mjs";
import x from "./a.mjs";
console.log("index", x);
