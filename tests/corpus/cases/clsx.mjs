import { clsx } from "clsx";
console.log(clsx("a", { b: 1, c: 0 }, ["d", ["e", { f: true }]], undefined));
