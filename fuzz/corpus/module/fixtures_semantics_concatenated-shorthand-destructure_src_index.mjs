import { o1, dflt, one, others, depth, m2, F, meth, tpl } from "./b.mjs";
import { name, count } from "./a.mjs";
const f = new F();
console.log(JSON.stringify(o1), dflt(), dflt("x", { depth: 9 }, [5]));
console.log(one, others, depth, m2, f.field, F.sfield, F.fromBlock, f.priv, f["a.name"], meth(), tpl);
console.log({ name, count });
