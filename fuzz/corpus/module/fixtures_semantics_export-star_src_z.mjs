export const z = "z";
