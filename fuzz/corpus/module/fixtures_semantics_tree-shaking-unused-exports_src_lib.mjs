function helperOnlyForUnused() { return "helper"; }
export function unusedFunction() { return helperOnlyForUnused(); }
export class UnusedClass { method() { return 1; } }
export const unusedConst = { a: 1, b: [2, 3] };
export const sideEffectful = console.log("a side effect that must stay") || 1;
function sharedHelper() { return "shared"; }
export function used() { return "used " + sharedHelper(); }
export let counter = 0;
export function bump() { counter += 1; }
export default function () { return "anonymous default, unused"; }
console.log("lib evaluated");
