console.log("shared eval");
export let counter = 0;
export function bump() { counter++; }
