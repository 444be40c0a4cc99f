export const internal = "resolved through package.json imports";
