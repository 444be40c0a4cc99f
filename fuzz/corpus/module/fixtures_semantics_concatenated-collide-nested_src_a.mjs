export const value = "a.value";
export function helper() { return "a.helper"; }
export const tag = "a.tag";
export const err = "a.err";
export const loop = "a.loop";
export const m = "a.m";
