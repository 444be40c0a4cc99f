import { shared } from "./shared.mjs";
console.log("admin entry", shared);
