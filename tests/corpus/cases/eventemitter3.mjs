import EventEmitter from "eventemitter3";
const e = new EventEmitter();
const seen = [];
e.on("x", (a, b) => seen.push(a + b));
e.once("x", () => seen.push("once"));
e.emit("x", 1, 2);
e.emit("x", 3, 4);
console.log(seen.join(), e.listenerCount("x"), e.eventNames().join());
