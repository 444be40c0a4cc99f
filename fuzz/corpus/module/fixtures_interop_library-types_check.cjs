// Loads each remoteEntry the way its library type publishes the container.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const { createRequire } = require("module");

async function show(type, container) {
  const initResult = container.init({});
  const factory = await container.get("./value");
  console.log(type + ":", factory().value, "| init returned", initResult === undefined ? "nothing" : initResult);
  await container.get("./nope").catch((e) => console.log(type + ":", e.message));
}

async function main() {
  const varEntry = path.join(__dirname, "remote-var/dist/remoteEntry.js");
  globalThis.require = createRequire(varEntry);
  vm.runInThisContext(fs.readFileSync(varEntry, "utf8"), { filename: varEntry });
  await show("var", globalThis.remote_var);
  const cjs = require("./remote-cjs/dist/remoteEntry.js");
  await show("commonjs-module", cjs);
  try {
    cjs.init({});
  } catch (e) {
    console.log("second init:", e.message);
  }
  await show("module", await import("./remote-module/dist/remoteEntry.mjs"));
  require("./remote-global/dist/remoteEntry.js");
  await show("global", globalThis.remote_global);
  globalThis.window = globalThis;
  require("./remote-window/dist/remoteEntry.js");
  await show("window", window.remote_window);
  globalThis.self = globalThis;
  require("./remote-self/dist/remoteEntry.js");
  await show("self", self.remote_self);
}
main();
