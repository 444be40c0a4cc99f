import { Helper as AHelper, count as aCount } from "./a.mjs";
export class Helper extends AHelper {
  who() { return "b>" + super.who(); }
}
export function helper() { return "helper b"; }
let count = 100;
export function bump() { count += 10; return count; }
for (var i = 0; i < 5; i++) {}
export function bLoop() { return i; }
// A nested binding named like a's top-level names, reading an import under another name.
export function shadow() {
  const count = "local";
  const Helper = "local Helper";
  return [count, Helper, aCount].join(",");
}
var Symbol = { iterator: "not the global" };
export function localSymbol() { return Symbol.iterator; }
const value = 42;
export default value;
