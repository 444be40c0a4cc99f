import { autorun, computed, makeAutoObservable, observable, runInAction } from "mobx";
class Cart { items = []; constructor() { makeAutoObservable(this); } get total() { return this.items.reduce((a, b) => a + b, 0); } add(x) { this.items.push(x); } }
const cart = new Cart();
const seen = [];
autorun(() => seen.push(cart.total));
cart.add(2);
cart.add(3);
const o = observable({ a: 1 });
const c = computed(() => o.a * 10);
runInAction(() => { o.a = 4; });
console.log(seen.join(), c.get());
