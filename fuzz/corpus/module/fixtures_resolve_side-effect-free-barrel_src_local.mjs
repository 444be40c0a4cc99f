export const local = "local barrels are kept (no sideEffects flag)";
