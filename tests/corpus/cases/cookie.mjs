import { parse, serialize } from "cookie";
console.log(JSON.stringify(parse("foo=bar; equation=E%3Dmc%5E2")), serialize("sid", "a b", { httpOnly: true, maxAge: 60, path: "/" }));
