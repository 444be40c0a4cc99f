import { runAttempts } from "../../shared/attempts.js";
import fs from "fs";
import vm from "vm";

// A container script fetched over HTTP and run in this context (what a server-side host
// does with a browser remote); it rejects on an HTTP error or a syntax error.
globalThis.loadOverHttp = function (name, url) {
  return fetch(url)
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status + " for " + url);
      return response.text();
    })
    .then(function (code) {
      vm.runInThisContext(code, { filename: url });
      return globalThis[name];
    });
};

console.log("host works");

// The test hides the lazy chunk's file; it comes back between the two rounds.
var chunk = process.env.FAULT_CHUNK;
runAttempts(
  {
    ok: () => import("ok/Widget"),
    missing: () => import("missing/Widget"),
    notfound: () => import("notfound/Widget"),
    servererror: () => import("servererror/Widget"),
    hang: () => import("hang/Widget"),
    truncated: () => import("truncated/Widget"),
    initthrows: () => import("initthrows/Widget"),
    getthrows: () => import("getthrows/Widget"),
    flaky: () => import("flaky/Widget"),
    lazy: () => import("./lazy.js"),
  },
  {
    ok: () => import("ok/Widget"),
    notfound: () => import("notfound/Widget"),
    flaky: () => import("flaky/Widget"),
    // Not imported in the first round: its container failed while the share scope was
    // initialised, and is loaded (and initialised) now.
    flakyscope: () => import("flakyscope/Widget"),
    lazy: () => {
      if (chunk) fs.renameSync(chunk + ".hidden", chunk);
      return import("./lazy.js");
    },
  },
  function () {}
).then(function () {
  console.log("RESULTS " + JSON.stringify(globalThis.__results));
  // The hung request still holds a socket open.
  process.exit(0);
});
