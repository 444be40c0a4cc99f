export const double = (n) => n * 2;
export const triple = (n) => n * 3;
