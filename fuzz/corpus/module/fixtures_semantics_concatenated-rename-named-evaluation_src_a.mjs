export const f = 1, g = 2, h = 3;
