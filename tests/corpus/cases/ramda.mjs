import * as R from "ramda";
const f = R.pipe(R.filter((x) => x % 2 === 0), R.map((x) => x * x), R.sum);
console.log(f([1, 2, 3, 4]), JSON.stringify(R.groupBy((x) => (x > 2 ? "big" : "small"), [1, 2, 3, 4])));
console.log(R.path(["a", "b"], { a: { b: 5 } }), JSON.stringify(R.assocPath(["x", "y"], 1, {})), R.curry((a, b) => a + b)(1)(2));
