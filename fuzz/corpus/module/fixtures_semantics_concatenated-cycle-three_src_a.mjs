import { c } from "./c.mjs";
export let a = "A";
export function getC() { try { return c; } catch (e) { return e.constructor.name; } }
console.log("a", getC());
