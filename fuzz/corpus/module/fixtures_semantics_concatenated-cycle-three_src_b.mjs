import { a, getC } from "./a.mjs";
export class B { static a() { return a; } }
console.log("b", a, getC());
