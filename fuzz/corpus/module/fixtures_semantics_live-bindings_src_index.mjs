import { count, increment, reset, label as current } from "./counter.mjs";
import * as ns from "./counter.mjs";
console.log(count, current);
increment(); increment();
console.log(count, ns.count, current);
reset();
console.log(count, current);
