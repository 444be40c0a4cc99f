export * from "./legacy.cjs";
import { read } from "./x.mjs";
console.log(read());
