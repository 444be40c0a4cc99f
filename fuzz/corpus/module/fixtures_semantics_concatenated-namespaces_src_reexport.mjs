export * as strings from "./strings.mjs";
export const own = "own";
