// Range satisfaction, version order and range printing: a table of expectations with
// webpack's semantics, checked against mfbundle's runtime and against the installed webpack
// (tests/webpack) so that the two can never drift apart.
"use strict";
const assert = require("assert");
const path = require("path");
const loadRuntime = require("./load_runtime.cjs");
const webpack = require(path.join(__dirname, "../webpack/node_modules/webpack/lib/sharing/semver.js"));

const ours = loadRuntime();
let checked = 0;

// [range, version, satisfied]
const satisfyTable = [
  ["^1.2.3", "1.2.3", true],
  ["^1.2.3", "1.9.0", true],
  ["^1.2.3", "2.0.0", false],
  ["^1.2.3", "1.2.2", false],
  ["^0.2.3", "0.2.9", true],
  ["^0.2.3", "0.3.0", false],
  ["^0.0.3", "0.0.3", true],
  ["^0.0.3", "0.0.4", false],
  ["~1.2.3", "1.2.9", true],
  ["~1.2.3", "1.3.0", false],
  ["~1", "1.9.9", true],
  ["1", "1.4.0", true],
  ["1.2", "1.2.7", true],
  ["1.2", "1.3.0", false],
  ["1.x", "1.9.9", true],
  ["1.x", "2.0.0", false],
  ["1.2.x", "1.2.5", true],
  ["1.2.X", "1.3.0", false],
  ["*", "0.0.1", true],
  ["x", "3.0.0", true],
  ["=1.2.3", "1.2.3", true],
  ["v1.2.3", "1.2.4", false],
  [">=1.0.0 <2.0.0", "1.5.0", true],
  [">=1.0.0 <2.0.0", "2.0.0", false],
  ["<2.0.0", "1.9.9", true],
  ["<=2.0.0", "2.0.0", true],
  [">1.0.0", "1.0.0", false],
  [">1.0.0", "1.0.1", true],
  ["1.0.0 - 2.0.0", "2.0.0", true],
  ["1.0.0 - 2.0.0", "2.0.1", false],
  ["1.0.0 - 2.0.0", "0.9.0", false],
  ["1.x || >=3.0.0", "2.5.0", false],
  ["1.x || >=3.0.0", "3.1.0", true],
  ["^1.0.0 || ^2.0.0", "2.4.0", true],
  ["^1.0.0-beta.2", "1.0.0-beta.3", true],
  ["^1.0.0-beta.2", "1.0.0-beta.1", false],
  ["^1.0.0-beta.2", "1.0.0-alpha", false],
  ["^1.0.0-beta.2", "1.0.0", true],
  ["^1.0.0", "1.1.0-beta", false],
  [">=1.0.0-beta.1 <1.0.0 || 2.x", "1.0.0-beta.3", false],
  ["*", "0", true],
  ["^1.0.0", "0", false],
];
for (const [range, version, expected] of satisfyTable) {
  const label = `satisfy(${range}, ${version})`;
  assert.strictEqual(webpack.satisfy(webpack.parseRange(range), version), expected, `webpack: ${label}`);
  assert.strictEqual(ours.satisfy(ours.parseRange(range), version), expected, `mfbundle: ${label}`);
  checked++;
}

// [a, b, a < b]
const ltTable = [
  ["1.0.0", "1.0.1", true],
  ["1.0.1", "1.0.0", false],
  ["1.9.0", "1.10.0", true],
  ["1.0.0-beta", "1.0.0", true],
  ["1.0.0", "1.0.0-beta", false],
  ["1.0.0-alpha", "1.0.0-beta", true],
  ["1.0.0-beta.2", "1.0.0-beta.10", true],
  ["0", "1.0.0", true],
  ["1.0.0", "1.0.0", false],
];
for (const [a, b, expected] of ltTable) {
  assert.strictEqual(webpack.versionLt(a, b), expected, `webpack: versionLt(${a}, ${b})`);
  assert.strictEqual(ours.versionLt(a, b), expected, `mfbundle: versionLt(${a}, ${b})`);
  checked++;
}

// Range printing, used in the warning and error texts.
const printTable = [
  ["^1.2.3", "^1.2.3"],
  ["~1.2", "~1.2"],
  ["1.x", "^1"],
  ["*", "*"],
  [">=1.0.0 <2.0.0", ">=1.0.0 <2.0.0"],
  ["1.0.0 - 2.0.0", ">=1.0.0 (<2.0.0 || =2.0.0)"],
  ["^1.0.0 || ^2.0.0", "^1.0.0 || ^2.0.0"],
];
for (const [range, text] of printTable) {
  assert.strictEqual(webpack.rangeToString(webpack.parseRange(range)), text, `webpack: rangeToString(${range})`);
  assert.strictEqual(ours.rangeToString(ours.parseRange(range)), text, `mfbundle: rangeToString(${range})`);
  checked++;
}
console.log(`${checked} passed, 0 failed`);
