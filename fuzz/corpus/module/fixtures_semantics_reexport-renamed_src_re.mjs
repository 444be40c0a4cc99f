export { a as b, default as main } from "./src.mjs";
import { fn } from "./src.mjs";
export { fn as renamedFn };
