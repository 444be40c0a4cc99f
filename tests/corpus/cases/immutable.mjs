import { List, Map, fromJS } from "immutable";
const m1 = Map({ a: 1, b: 2 });
const m2 = m1.set("b", 50);
console.log(m1.get("b"), m2.get("b"), m1.equals(Map({ a: 1, b: 2 })));
console.log(List([1, 2, 3]).push(4).map((x) => x * 2).toJS().join(), JSON.stringify(fromJS({ x: [1, { y: 2 }] }).getIn(["x", 1, "y"])));
