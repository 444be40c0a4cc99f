export class Helper {
  who() { return "a"; }
}
export function helper() { return "helper a"; }
let count = 0;
export function bump() { count++; return count; }
export { count };
for (var i = 0; i < 3; i++) {}
export function aLoop() { return i; }
export default function () { return "anonymous default of a"; }
