import "./a.mjs";
console.log("b");
export const b = "B";
