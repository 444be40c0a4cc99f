import queryString from "query-string";
console.log(JSON.stringify(queryString.parse("?foo=bar&n=1&arr=1&arr=2")));
console.log(queryString.stringify({ b: 2, a: [1, 3], c: null }), queryString.stringifyUrl({ url: "https://x.io/p", query: { q: "a b" } }));
