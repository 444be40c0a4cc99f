export const value = "aliased";
