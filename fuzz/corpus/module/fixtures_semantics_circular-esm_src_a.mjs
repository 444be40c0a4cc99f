import { b, getA } from "./b.mjs";
export const a = "a:" + b;
export function callB() { return getA(); }
export function hello() { return "hello from a"; }
