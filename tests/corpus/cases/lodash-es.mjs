import { chunk, debounce, groupBy, merge, sortBy, uniq } from "lodash-es";
console.log(JSON.stringify(chunk([1, 2, 3, 4, 5], 2)));
console.log(JSON.stringify(groupBy([6.1, 4.2, 6.3], Math.floor)));
console.log(JSON.stringify(merge({ a: [{ b: 2 }] }, { a: [{ c: 3 }] })));
console.log(JSON.stringify(sortBy([{ n: "b" }, { n: "a" }], "n")), uniq([2, 1, 2]).join());
console.log(typeof debounce(() => {}, 10));
