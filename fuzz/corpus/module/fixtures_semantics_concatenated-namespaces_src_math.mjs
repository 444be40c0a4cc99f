export let counter = 0;
export function inc() { counter++; return counter; }
export const PI = 3.14;
export default function twice(x) { return 2 * x; }
