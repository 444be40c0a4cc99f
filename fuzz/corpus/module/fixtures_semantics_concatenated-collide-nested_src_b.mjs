import { value as av, helper as ah, tag as at, err as ae, loop as al, m as am } from "./a.mjs";
export function param(value) { return [value, av].join("|"); }
export function defaults(helper = ah()) { return helper; }
export function caught() { try { throw "thrown"; } catch (tag) { return [tag, at].join("|"); } }
export function catchErr() { try { throw "x"; } catch ({ length: err }) { return [err, ae].join("|"); } }
export function labeled() { loop: for (;;) { break loop; } return al; }
export class K { m() { return am; } static m = am; get tag() { return at; } }
export function arrow() { const f = (value) => value + av; return f("p:"); }
export function destr({ value, ...rest }) { return [value, av, rest.helper ?? "none"].join("|"); }
export function inner() { function value() { return "inner"; } return value() + av; }
export function blk() { { let tag = "blk"; if (tag) return tag + at; } }
export function classExpr() { return new (class helper { n() { return helper.name + ah(); } })().n(); }
