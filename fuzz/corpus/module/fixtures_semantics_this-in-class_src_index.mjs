import { A, obj } from "./a.mjs";
console.log(A.s, A.arrow(), A.t, new A().f, Object.keys(new A()), obj.m(), obj.n);
