import data from "./data.json" with { type: "json" };
import "./cjs.cjs";
console.log(data.name, data.list.length, data.nested.deep);
