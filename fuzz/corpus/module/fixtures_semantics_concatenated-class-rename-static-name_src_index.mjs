import { Helper as AH, Named as AN } from "./a.mjs";
import { Helper, Named } from "./b.mjs";
console.log(AH.name, AN.name);
console.log(Helper.name, Helper.seen, Helper.blockSeen, Named.name);
