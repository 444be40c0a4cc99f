import { tag, value, obj } from "./lib.mjs";
const short = { value, obj };
console.log(tag`x${value}y`, short.value, typeof value, obj.method());
function shadow(value) { return value + "!"; }
console.log(shadow("local"), [value].length);
