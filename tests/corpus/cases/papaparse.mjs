import Papa from "papaparse";
const r = Papa.parse("name,age\nada,36\nbob,7\n", { header: true, dynamicTyping: true, skipEmptyLines: true });
console.log(JSON.stringify(r.data), r.errors.length);
console.log(JSON.stringify(Papa.unparse([{ a: 1, b: "x,y" }])));
