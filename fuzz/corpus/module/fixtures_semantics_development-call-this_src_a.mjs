export function who() { return this === undefined ? "undefined this" : typeof this; }
export function tag(s) { return this === undefined ? "tag undefined" : "tag " + typeof this; }
export const obj = { who };
