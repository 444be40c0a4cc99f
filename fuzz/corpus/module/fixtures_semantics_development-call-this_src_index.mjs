import { who, tag, obj } from "./a.mjs";
console.log(who(), tag`x`, who?.(), obj.who() === "undefined this" ? "bad" : "method ok", (0, who)());
