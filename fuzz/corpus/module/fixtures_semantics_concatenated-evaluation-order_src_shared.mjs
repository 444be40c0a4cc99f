console.log("shared, once");
export const shared = "shared value";
