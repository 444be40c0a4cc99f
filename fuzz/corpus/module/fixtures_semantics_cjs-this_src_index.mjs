import t from "./t.cjs";
console.log(t.same, t.value, typeof this);
