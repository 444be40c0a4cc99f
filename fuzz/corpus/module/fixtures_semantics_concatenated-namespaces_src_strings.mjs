export const hello = "hello";
export function shout(s) { return s.toUpperCase() + "!"; }
export { hello as "string name" };
