import { param, defaults, caught, catchErr, labeled, K, arrow, destr, inner, blk, classExpr } from "./b.mjs";
import { value, helper } from "./a.mjs";
console.log(param("p"), defaults(), defaults("given"), caught(), catchErr(), labeled());
console.log(new K().m(), K.m, new K().tag, arrow(), destr({ value: "v" }), inner(), blk(), classExpr());
console.log(value, helper());
