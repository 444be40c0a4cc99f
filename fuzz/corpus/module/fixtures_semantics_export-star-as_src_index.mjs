import { utils } from "./reexport.mjs";
console.log(Object.keys(utils).join(","), utils.double(4));
