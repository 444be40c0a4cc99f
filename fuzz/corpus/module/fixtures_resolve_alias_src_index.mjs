import { value } from "@/lib/value.mjs";
console.log(value);
