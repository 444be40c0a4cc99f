import { x } from "./both.mjs";
console.log(x);
import("./both.mjs").then((m) => console.log("dynamic", m.x));
