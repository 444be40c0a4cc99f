export * from "./x.mjs";
export * from "./y.mjs";
export const shadowed = "local wins";
