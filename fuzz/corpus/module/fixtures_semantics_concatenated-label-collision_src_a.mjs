export const loop = "a.loop";
