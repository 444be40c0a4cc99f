import React from "react";
import { renderToString } from "react-dom/server";
function List({ items }) {
  const [sel] = React.useState(1);
  return React.createElement("ul", null, items.map((t, i) => React.createElement("li", { key: t, className: i === sel ? "sel" : undefined }, t)));
}
console.log(renderToString(React.createElement(List, { items: ["a", "b", "c"] })));
console.log(React.version.split(".")[0]);
