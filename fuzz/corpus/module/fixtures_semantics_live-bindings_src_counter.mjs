export let count = 0;
export let label = "zero";
export function increment() { count += 1; label = "n" + count; }
export function reset() { count = 0; label = "reset"; }
