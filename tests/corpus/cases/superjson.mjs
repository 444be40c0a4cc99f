import superjson from "superjson";
const s = superjson.stringify({ d: new Date(Date.UTC(2024, 0, 1)), m: new Map([["a", 1]]), s: new Set([1]), b: 10n, u: undefined });
console.log(s);
const back = superjson.parse(s);
console.log(back.d instanceof Date, back.m.get("a"), back.s.has(1), typeof back.b, "u" in back);
