export const a = "esm";
