import { b, main, renamedFn } from "./re.mjs";
console.log(b, main, renamedFn());
