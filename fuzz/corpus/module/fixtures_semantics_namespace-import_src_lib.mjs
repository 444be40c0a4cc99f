export const b = 2;
export const a = 1;
export function fn() { return "fn"; }
export default "def";
