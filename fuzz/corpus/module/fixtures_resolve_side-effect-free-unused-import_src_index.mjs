// pure-kit says "sideEffects": false: of its modules only a.js, whose binding is used, is
// loaded; b.js (imported, never referenced) and c.js (imported for side effects it declares
// it does not have) are dropped, as webpack's sideEffects optimisation drops them. Node
// itself evaluates all three, hence expected_stdout.txt rather than a run of the sources.
import { a } from "pure-kit/a.js";
import { b } from "pure-kit/b.js";
import "pure-kit/c.js";
import { shadow } from "./shadow.mjs";
console.log(a, shadow());
