import a from "./a.cjs";
console.log(a.done, a.bSawA);
