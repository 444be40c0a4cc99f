export let x = 1;
export function getX() { return x; }
