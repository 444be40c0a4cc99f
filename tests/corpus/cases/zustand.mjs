import { createStore } from "zustand/vanilla";
const store = createStore((set) => ({ n: 0, inc: () => set((s) => ({ n: s.n + 1 })) }));
const seen = [];
const unsub = store.subscribe((s, prev) => seen.push(`${prev.n}->${s.n}`));
store.getState().inc();
store.getState().inc();
unsub();
store.getState().inc();
console.log(store.getState().n, seen.join(" "));
