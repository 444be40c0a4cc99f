let calls = 0;
console.log("shared evaluated once");
export function shared() { calls += 1; return calls; }
