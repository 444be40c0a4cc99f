let v = 1;
export { v as default };
export function bump() { v = 2; }
