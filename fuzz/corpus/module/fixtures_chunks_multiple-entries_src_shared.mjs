export const shared = "shared module";
