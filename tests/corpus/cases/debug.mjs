// @node-only: the browser build logs with console styles instead of a stream.
import createDebug from "debug";
createDebug.enable("app:*");
const lines = [];
const log = createDebug("app:db");
log.log = (...a) => lines.push(a.join(" "));
log.useColors = false;
log("connected to %s", "db1");
console.log(log.enabled, createDebug("other").enabled, lines.length, lines[0].includes("app:db connected to db1"));
