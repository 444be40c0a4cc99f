import { internal } from "#internal";
console.log(internal);
