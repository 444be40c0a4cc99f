// Loads mfbundle's federation runtime files into one function scope, with the few names the
// bundler defines around them stubbed, so their functions can be tested on their own.
"use strict";
const fs = require("fs");
const path = require("path");

const dir = path.join(__dirname, "../../src/federation/runtime");
const read = (f) => fs.readFileSync(path.join(dir, f), "utf8");

module.exports = function loadRuntime({ uniqueName = "me", provides = {}, consumes = {} } = {}) {
  const warnings = [];
  const source = `
    var __mf_modules__ = {};
    var __mf_module_cache__ = {};
    function __mf_require__(id) { return __mf_modules__[id](); }
    __mf_require__.o = function (o, p) { return Object.prototype.hasOwnProperty.call(o, p); };
    __mf_require__.f = {};
    var __mf_unique_name__ = uniqueName;
    var __mf_provides__ = provides;
    var __mf_init_remotes__ = function () {};
    var __mf_consumes__ = consumes;
    var __mf_chunk_consumes__ = {};
    ${read("semver.js")}
    ${read("sharing.js")}
    ${read("consumes.js")}
    return { __mf_require__, parseRange, satisfy, versionLt, rangeToString, load, loadVersion,
      loadStrictVersion, loadSingleton, loadSingletonVersion, loadStrictSingletonVersion };
  `;
  const console = { warn: (m) => warnings.push(m) };
  // eslint-disable-next-line no-new-func
  const api = new Function("uniqueName", "provides", "consumes", "console", source)(
    uniqueName,
    provides,
    consumes,
    console
  );
  api.warnings = warnings;
  return api;
};
