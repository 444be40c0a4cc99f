import greet from "./greet.mjs";
console.log(greet("x"), greet.name, early);
import { early } from "./greet.mjs";
