"use strict";
require("./app/dist/main.js");
const container = require("./app/dist/remoteEntry.js");
container.init({});
container.get("./counter").then((factory) => {
  console.log("remoteEntry.js bumps to", factory().bump());
  console.log("counter.js evaluated", globalThis.counterEvaluations, "time(s)");
});
