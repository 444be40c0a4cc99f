import { Counter } from "./counter.mjs";
const c = new Counter();
c.inc();
console.log(c.value, Counter.created, Counter.isCounter(c));
let x = null;
x ??= "nullish";
console.log(x, [1, 2, 3].at(-1), [1, 2, 3].findLast((n) => n < 3), /[\p{L}--[a-z]]/v.test("A"));
console.log(1_000_000, 2n ** 64n, Object.hasOwn({ k: 1 }, "k"));
label: for (const i of [1, 2]) { if (i === 2) break label; console.log("i", i); }
