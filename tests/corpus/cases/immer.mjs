import { produce, enablePatches, produceWithPatches } from "immer";
const base = { todos: [{ id: 1, done: false }], meta: { n: 1 } };
const next = produce(base, (d) => { d.todos[0].done = true; d.todos.push({ id: 2, done: false }); });
console.log(base.todos[0].done, next.todos.length, next.meta === base.meta, Object.isFrozen(next));
enablePatches();
const [, patches] = produceWithPatches({ a: 1 }, (d) => { d.a = 2; d.b = 3; });
console.log(JSON.stringify(patches));
