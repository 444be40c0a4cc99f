import f from "./f.mjs";
import C from "./c.mjs";
import a from "./arrow.mjs";
console.log(f(), f.name, new C().kind, C.name, a(), a.name);
