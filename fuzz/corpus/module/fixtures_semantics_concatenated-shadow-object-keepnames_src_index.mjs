import { helper as ha } from "./a.mjs";
import { helper as hb } from "./b.mjs";
console.log(ha(), hb(), hb.name);
