import { runAttempts } from "../../shared/attempts.js";

var list = document.getElementById("results");
var show = function (text) {
  var li = document.createElement("li");
  li.textContent = text;
  list.appendChild(li);
};
// The host's own work does not wait for any remote.
document.getElementById("status").textContent = "host works";

runAttempts(
  {
    ok: () => import("ok/Widget"),
    notfound: () => import("notfound/Widget"),
    servererror: () => import("servererror/Widget"),
    hang: () => import("hang/Widget"),
    truncated: () => import("truncated/Widget"),
    initthrows: () => import("initthrows/Widget"),
    getthrows: () => import("getthrows/Widget"),
    flaky: () => import("flaky/Widget"),
    lazy: () => import("./lazy.js"),
    styled: () => import("./styled.js"),
  },
  {
    // The same imports again: the ones that failed once try again.
    ok: () => import("ok/Widget"),
    notfound: () => import("notfound/Widget"),
    flaky: () => import("flaky/Widget"),
    // Not imported in the first round: its container failed while the share scope was
    // initialised, and is loaded (and initialised) now.
    flakyscope: () => import("flakyscope/Widget"),
    lazy: () => import("./lazy.js"),
  },
  show
);
