// Loads of consume-shared modules whose package is side-effect-free are marked
// /*#__PURE__*/ (see snapshot.snap), so that a minifier drops the one in unused.mjs
// (tests/cli.rs minifies this build with terser and runs it).
import { used } from "pure-kit";
import { neverCalled } from "./unused.mjs";
console.log(used, typeof neverCalled);
