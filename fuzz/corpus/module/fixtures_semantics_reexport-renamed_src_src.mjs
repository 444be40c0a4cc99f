export const a = "a as b";
export default "default as main";
export function fn() { return "fn renamed"; }
