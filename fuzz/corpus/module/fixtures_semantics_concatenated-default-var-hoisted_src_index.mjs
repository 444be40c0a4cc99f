import v from "./a.mjs";
console.log("default is", v);
