import { f as af, g as ag, h as ah } from "./a.mjs";
import { f, g, h } from "./b.mjs";
console.log(af, ag, ah, f.name, g.name, h.name);
