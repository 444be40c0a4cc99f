import value, { bump } from "./v.mjs";
console.log(value);
bump();
console.log(value);
