console.log("before");
import("./lazy.mjs").then((m) => {
  console.log(m.default, m.named, Object.keys(m).join(","));
  return import("./lazy.mjs");
}).then((again) => console.log("same module", again.named));
console.log("after");
