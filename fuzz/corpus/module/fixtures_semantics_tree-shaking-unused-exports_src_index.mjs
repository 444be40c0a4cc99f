// Production builds drop unused exports and what only they need; behaviour stays Node's.
import { used, counter, bump } from "./lib.mjs";
import * as ns from "./ns.mjs";
console.log(used(), counter);
bump();
console.log(counter, ns.kept);
