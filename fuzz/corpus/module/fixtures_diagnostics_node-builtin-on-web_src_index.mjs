import { readFileSync } from "fs";
console.log(readFileSync);
