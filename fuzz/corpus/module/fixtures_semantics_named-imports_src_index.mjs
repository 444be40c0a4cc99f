import { add, PI, Point } from "./math.mjs";
console.log(add(2, 3), PI, new Point(1, 2).toString());
