const obj = { a: 1, b: [2, 3], x: 4, y: 5 };
export const { a, b: [, c], ...rest } = obj;
