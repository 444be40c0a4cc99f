	const { sum } = require("./sum.cjs");
const Greeter = require("./greeter.cjs");
console.log(sum(1, 2, 3), new Greeter("cjs").hi(), typeof module, typeof exports, typeof require);
console.log(require("./sum.cjs") === require("./sum.cjs"));
