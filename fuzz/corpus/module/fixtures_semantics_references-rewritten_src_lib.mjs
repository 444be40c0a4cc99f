export const value = "V";
export function tag(s, v) { return s.join("|") + ":" + v + ":" + (this === undefined); }
export const obj = { method() { return "this ok " + (this === obj); } };
