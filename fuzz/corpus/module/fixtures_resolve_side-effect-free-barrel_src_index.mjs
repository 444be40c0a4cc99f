// kit says "sideEffects": false: its barrel index.js and the unused heavy.js are skipped;
// the modules that define what is imported are loaded directly (as webpack and esbuild do).
import { button, text, star } from "kit";
import { local } from "./barrel.mjs";
console.log(button(text("ok")), star, local);
