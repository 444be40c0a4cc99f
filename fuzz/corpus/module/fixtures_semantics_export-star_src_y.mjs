export * from "./z.mjs";
export const y = "y";
