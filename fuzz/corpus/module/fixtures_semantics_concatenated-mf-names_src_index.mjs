import { got } from "./a.mjs";
const __mf_legacy_0_1 = "user";
console.log(got, __mf_legacy_0_1);
