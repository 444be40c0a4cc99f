import aDefault from "./a.mjs";
console.log("index sees", aDefault.name);
