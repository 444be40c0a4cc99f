import { shared } from "./shared.mjs";
console.log("main entry", shared, globalThis.polyfilled);
