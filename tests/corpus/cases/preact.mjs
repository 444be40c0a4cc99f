import { h } from "preact";
import { useState } from "preact/hooks";
import { renderToString } from "preact-render-to-string";
function Counter({ start }) {
  const [n] = useState(start);
  return h("button", { class: "c", disabled: n > 5 }, "count: ", n);
}
console.log(renderToString(h("div", { id: "app" }, h(Counter, { start: 3 }), h(Counter, { start: 9 }))));
