import { a } from "./a.js";
const b = require("./b.js");
console.log(a, b.b);
