import qs from "qs";
console.log(qs.stringify({ a: [1, 2], b: { c: "d e" } }));
console.log(JSON.stringify(qs.parse("a[0]=1&a[1]=2&b[c]=d%20e&x")));
console.log(qs.stringify({ a: [1, 2] }, { arrayFormat: "brackets", encode: false }));
