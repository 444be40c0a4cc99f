import * as math from "./math.mjs";
import * as strings from "./strings.mjs";
import { strings as again, own } from "./reexport.mjs";
import { readB } from "./cycle-a.mjs";

// Member by member.
console.log(math.inc(), math.inc(), math.counter, math.PI, math.default(21), math["PI"]);
console.log(typeof math.missing);
// As a value.
const ns = strings;
console.log(Object.keys(ns).join("|"), ns.shout(ns.hello), ns["string name"]);
console.log(Object.prototype.toString.call(ns), Object.getPrototypeOf(ns), ns[Symbol.toStringTag]);
console.log(again === strings, own, again.hello);
const view = math;
math.inc();
console.log(view.counter, Object.keys(view).join("|"));
try {
  view.counter = 5;
  console.log("assigned");
} catch (e) {
  console.log(e.constructor.name);
}
console.log(readB());
