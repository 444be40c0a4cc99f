import { tag } from "./b.mjs";
import { helper as ha } from "./a.mjs";
import { helper as hc } from "./c.mjs";
console.log(tag, ha(), hc(), hc.name);
