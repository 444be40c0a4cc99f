export const x = "loaded once";
console.log("evaluated");
