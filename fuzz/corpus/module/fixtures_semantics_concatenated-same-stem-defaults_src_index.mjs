import x from "./x/index.mjs";
import y from "./y/index.mjs";
import z from "./z/index.mjs";
const index_default = "mine";
console.log(x(), x.name, y.who(), y.name, z(), z.name, index_default);
