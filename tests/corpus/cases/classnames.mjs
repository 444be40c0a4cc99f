import classNames from "classnames";
import dedupe from "classnames/dedupe.js";
console.log(classNames("a", { b: true, c: false }, ["d", ["e"]], null, 0, "f"));
console.log(dedupe("a b", { a: false, c: true }, "c"));
