import { configureStore, createSlice, createSelector, nanoid } from "@reduxjs/toolkit";
const todos = createSlice({
  name: "todos",
  initialState: [],
  reducers: { add: (s, a) => { s.push({ text: a.payload, done: false }); }, toggle: (s, a) => { s[a.payload].done = !s[a.payload].done; } },
});
const store = configureStore({ reducer: { todos: todos.reducer } });
store.dispatch(todos.actions.add("write"));
store.dispatch(todos.actions.add("ship"));
store.dispatch(todos.actions.toggle(0));
const done = createSelector((s) => s.todos, (t) => t.filter((x) => x.done).length);
console.log(JSON.stringify(store.getState()), done(store.getState()), nanoid().length);
