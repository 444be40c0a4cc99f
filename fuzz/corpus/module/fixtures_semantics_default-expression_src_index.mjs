import value from "./value.mjs";
import obj from "./obj.mjs";
console.log(value, obj.a, typeof obj);
