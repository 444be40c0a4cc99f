import make, { version } from "./make.cjs";
console.log(make(2), version, make.version);
