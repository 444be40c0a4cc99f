import * as all from "./all.mjs";
import { x, y, shadowed } from "./all.mjs";
console.log(Object.keys(all).join(","), x, y, shadowed, "default" in all);
