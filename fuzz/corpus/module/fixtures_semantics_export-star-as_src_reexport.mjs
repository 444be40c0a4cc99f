export * as utils from "./utils.mjs";
