console.log("leaf eval");
export let n = 0;
export function inc() { return ++n; }
