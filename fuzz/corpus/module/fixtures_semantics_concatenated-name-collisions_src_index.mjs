import defA, { Helper, helper, bump, count, aLoop } from "./a.mjs";
import valueB from "./b.mjs";
import { Helper as BHelper, helper as helperB, bump as bumpB, bLoop, shadow, localSymbol } from "./b.mjs";

console.log(Helper.name, BHelper.name, new BHelper().who());
console.log(helper(), helper.name, helperB(), helperB.name);
console.log(bump(), bump(), count, bumpB(), count);
console.log(aLoop(), bLoop(), shadow());
console.log(localSymbol(), typeof Symbol.iterator);
console.log(defA(), defA.name, valueB);
console.log([1, 2][Symbol.iterator] !== undefined);
console.log(typeof this);
