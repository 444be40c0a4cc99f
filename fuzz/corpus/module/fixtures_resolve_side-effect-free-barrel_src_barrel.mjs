export { local } from "./local.mjs";
