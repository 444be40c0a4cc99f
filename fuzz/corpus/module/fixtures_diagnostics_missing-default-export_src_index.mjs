import date from "./date.mjs";
console.log(date);
