import { greet } from "./greet.js";
import { shout } from "./format.cjs";
import settings from "./settings.json";

const show = (line) => {
  if (typeof document !== "undefined") {
    const p = document.createElement("p");
    p.textContent = line;
    document.body.appendChild(p);
  } else {
    console.log(line);
  }
};

show(shout(greet(settings.audience)) + " (from " + __APP_NAME__ + ")");
if (process.env.NODE_ENV !== "production") {
  show("development build");
}
import("./page.js").then(({ default: render }) => show(render()));
