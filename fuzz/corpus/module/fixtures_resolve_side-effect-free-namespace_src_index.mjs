// kit says "sideEffects": false and is imported as a namespace read only as kit.name and
// kit["name"]: the build points the import at a copy of the barrel that re-exports just
// those names, so heavy.js and the barrel itself are never loaded (Node loads everything,
// hence expected_stdout.txt).
import * as kit from "kit";
import { star } from "kit";
console.log(kit.button(kit["text"]("ok")), star);
