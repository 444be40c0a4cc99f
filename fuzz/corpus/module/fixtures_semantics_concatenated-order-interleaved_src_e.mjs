console.log("e"); export const e = "e";
