import { used } from "./things.mjs";
console.log(used.name);
