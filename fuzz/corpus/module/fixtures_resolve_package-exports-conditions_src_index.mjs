import { kind } from "dual";
import "./cjs.cjs";
import { feature } from "dual/feature";
console.log("import gets", kind, feature);
