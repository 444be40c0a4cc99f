import { make } from "./factory.mjs";
// Annotated calls a production build may drop when nothing reads their result, as minifiers
// and webpack do; Node runs them all, hence expected_stdout.txt.
export const used = /*#__PURE__*/ make("used");
export const unused = /*#__PURE__*/ make("unused, dropped");
export const alsoUnused = /* @__PURE__ */ new Map([["k", make("argument with side effects of an annotated new: kept, as terser keeps it")]]);
/*#__PURE__*/ make("annotated statement, dropped");
export const notAnnotated = make("not annotated, kept");
