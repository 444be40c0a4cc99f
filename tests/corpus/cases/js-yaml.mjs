import * as yaml from "js-yaml";
const doc = yaml.load("name: app\nlist:\n  - 1\n  - two\nnested: { a: true }\n");
console.log(JSON.stringify(doc));
console.log(yaml.dump({ b: [1, 2], a: "x: y" }));
