import Decimal from "decimal.js";
console.log(new Decimal(0.1).plus(0.2).toString(), new Decimal(2).sqrt().toFixed(20), Decimal.max(1, "3.5", 2).toString());
