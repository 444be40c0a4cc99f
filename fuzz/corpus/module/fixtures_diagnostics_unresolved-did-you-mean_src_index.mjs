import { helper } from "./helpres.mjs";
console.log(helper);
