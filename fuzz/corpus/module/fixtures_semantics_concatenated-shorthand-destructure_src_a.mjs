export const name = "a.name";
export const list = [1, 2, 3];
export const conf = { depth: 2, mode: "m" };
export const count = 7;
