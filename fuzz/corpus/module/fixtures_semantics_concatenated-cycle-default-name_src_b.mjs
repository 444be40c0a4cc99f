import aDefault from "./a.mjs";
console.log("b sees", aDefault(), aDefault.name);
