// `b` here is a local that shadows nothing imported: the import of b.js stays unused.
import { b } from "pure-kit/b.js";
export function shadow() {
  const b = "local b";
  return b;
}
