import Anon from "./c.mjs";
console.log(Anon.name, Anon.n);
