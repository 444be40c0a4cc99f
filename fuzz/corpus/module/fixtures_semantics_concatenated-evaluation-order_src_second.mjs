import { state, setState } from "./first.mjs";
import { shared } from "./shared.mjs";
console.log("second sees", state, shared);
setState("set by second");
export { state as firstState };
export * from "./ns.mjs";
