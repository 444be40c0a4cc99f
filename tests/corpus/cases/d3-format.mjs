import { format, formatPrefix } from "d3-format";
console.log(format(".2f")(Math.PI), format(",")(1234567), format(".0%")(0.123), format("$,.2f")(-1234.5));
console.log(format(".3s")(42e6), formatPrefix(",.0", 1e3)(1500), format("+08.3f")(3.14159));
