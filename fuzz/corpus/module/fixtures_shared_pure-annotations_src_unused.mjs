import { unused } from "pure-kit";
export function neverCalled() {
  return "exported and read by index.mjs";
}
// Nothing imports this: production tree shaking removes it, and with it the only use of
// the import above, whose load a minifier may then drop because it is marked pure.
export function readsUnused() {
  return unused;
}
