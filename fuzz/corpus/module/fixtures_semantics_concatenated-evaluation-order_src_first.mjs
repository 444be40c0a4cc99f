console.log("first");
export let state = "first:initial";
export function setState(v) { state = v; }
