import { bisect, extent, group, mean, quantile, rollup, sum } from "d3-array";
const data = [3, 1, 4, 1, 5, 9, 2, 6];
console.log(extent(data).join(), sum(data), mean(data), quantile([...data].sort((a, b) => a - b), 0.5));
console.log(bisect([1, 2, 3, 4], 2.5));
console.log(JSON.stringify([...group([{ k: "a" }, { k: "b" }, { k: "a" }], (d) => d.k)].map(([k, v]) => [k, v.length])));
console.log(JSON.stringify([...rollup(data, (v) => v.length, (d) => d % 2)]));
