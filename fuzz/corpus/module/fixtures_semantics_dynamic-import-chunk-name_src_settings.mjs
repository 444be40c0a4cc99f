export const title = "settings";
