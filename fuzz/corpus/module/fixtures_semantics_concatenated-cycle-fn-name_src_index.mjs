import { helper as xh } from "./x.mjs";
import { helper } from "./a.mjs";
console.log(xh.name, helper.name);
