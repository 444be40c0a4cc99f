import { data } from "./generated.mjs";
console.log(data);
