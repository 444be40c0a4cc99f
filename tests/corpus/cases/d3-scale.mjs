import { scaleLinear, scaleBand, scaleLog, scaleTime } from "d3-scale";
const x = scaleLinear().domain([0, 10]).range([0, 100]);
console.log(x(2.5), x.invert(50), x.ticks(5).join());
const b = scaleBand().domain(["a", "b", "c"]).range([0, 300]).padding(0.1);
console.log(b("b").toFixed(3), b.bandwidth().toFixed(3));
console.log(scaleLog().domain([1, 1000]).range([0, 3])(100).toFixed(6));
console.log(scaleTime().domain([new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 0, 2))]).range([0, 24])(new Date(Date.UTC(2024, 0, 1, 6))));
