// node harness.cjs ORDER DIST: loads app-a/DIST and app-b/DIST containers (library type
// global) into one share scope and runs both apps (page.js). Prints each app's line, the
// chunk files that were loaded (hashes stripped) and the bytes of those that are not the
// apps' own exposed modules (the shared library as loaded).
"use strict";
const fs = require("fs");
const path = require("path");
const twoApps = require("./page.js");

const [order, dist] = process.argv.slice(2);
for (const app of ["app-a", "app-b"]) require(path.join(__dirname, app, dist, "remoteEntry.js"));
const containers = { a: globalThis.app_a, b: globalThis.app_b };
twoApps(order, containers, {}).then(
  (lines) => {
    for (const l of lines) console.log(l);
    const chunks = Object.keys(require.cache)
      .filter((f) => f.includes(path.sep + dist + path.sep) && !f.endsWith("remoteEntry.js"))
      .sort();
    const bytes = chunks
      .filter((f) => !path.basename(f).startsWith("expose-"))
      .reduce((n, f) => n + fs.statSync(f).size, 0);
    const names = chunks.map((f) => path.relative(__dirname, f).replace(/\.[0-9a-f]{8}\.js$/, ".js"));
    console.log("chunks: " + names.join(" "));
    console.log("shared bytes: " + bytes);
  },
  (e) => {
    console.error(e);
    process.exit(1);
  }
);
