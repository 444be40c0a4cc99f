const m = await_();
function await_() { return import("./lazy.cjs"); }
m.then((ns) => console.log(ns.default.value, ns.value, Object.keys(ns).join(",")));
