import { combineReducers, createStore, applyMiddleware, compose } from "redux";
const counter = (s = 0, a) => (a.type === "inc" ? s + 1 : s);
const log = [];
const logger = () => (next) => (action) => { log.push(action.type); return next(action); };
const store = createStore(combineReducers({ counter }), compose(applyMiddleware(logger)));
store.dispatch({ type: "inc" });
store.dispatch({ type: "inc" });
console.log(JSON.stringify(store.getState()), log.join());
