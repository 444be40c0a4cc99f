// node original_position.cjs FILE.js NEEDLE: finds NEEDLE in FILE.js and prints, as JSON, the
// original position FILE.js.map gives for it (Mozilla's source-map library).
"use strict";
const fs = require("fs");
const { SourceMapConsumer } = require("source-map");

const [file, needle] = process.argv.slice(2);
const lines = fs.readFileSync(file, "utf8").split("\n");
const line = lines.findIndex((l) => l.includes(needle));
if (line < 0) throw new Error(needle + " not found in " + file);
const column = lines[line].indexOf(needle);
const map = JSON.parse(fs.readFileSync(file + ".map", "utf8"));
SourceMapConsumer.with(map, null, (consumer) => {
  const pos = consumer.originalPositionFor({ line: line + 1, column });
  console.log(JSON.stringify({ source: pos.source, line: pos.line, column: pos.column }));
});
