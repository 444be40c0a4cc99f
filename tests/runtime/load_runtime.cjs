// Loads mfbundle's federation runtime files into one function scope, with the few names the
// bundler defines around them stubbed, so their functions can be tested on their own.
// `page` is the global object the runtime sees (`__mf_page__`): builds loaded with the same
// one are on one page (their counters in one `__mfbundle_stats__`). `debug` adds debug.js;
// `counters: false` replaces stats.js by no-ops (bench/tools/runtime-counters.cjs compares);
// `remotes` (`__mf_remotes__` rows) with `remoteList` (`__mf_remote_list__`) adds remotes.js
// and federation_global.js; `api` adds api.js (MF 2.0's runtime API) too.
"use strict";
const fs = require("fs");
const path = require("path");

const dir = path.join(__dirname, "../../src/federation/runtime");
const read = (f) => fs.readFileSync(path.join(dir, f), "utf8");

const NO_COUNTERS = `
  var __mf_now__ = function () { return 0; };
  var __mf_stats__ = {};
  var __mf_note_consume__ = function () {};
  var __mf_note_remote__ = function () {};
`;

module.exports = function loadRuntime({
  uniqueName = "me",
  provides = {},
  consumes = {},
  page = {},
  debug = false,
  counters = true,
  strategy = "version-first",
  initRemotes = () => {},
  remotes = null,
  remoteList = [],
  api: withApi = false,
} = {}) {
  const warnings = [];
  const source = `
    var __mf_modules__ = {};
    var __mf_module_cache__ = {};
    function __mf_require__(id) {
      var module = { exports: {} };
      var result = __mf_modules__[id](module);
      return result !== undefined ? result : module.exports;
    }
    __mf_require__.c = {};
    __mf_require__.o = function (o, p) { return Object.prototype.hasOwnProperty.call(o, p); };
    __mf_require__.f = {};
    var __mf_unique_name__ = uniqueName;
    var __mf_page__ = page;
    var __mf_provides__ = provides;
    var __mf_share_strategy__ = strategy;
    var __mf_init_remotes__ = initRemotes;
    var __mf_consumes__ = consumes;
    var __mf_chunk_consumes__ = {};
    var __mf_remotes__ = remotes || {};
    var __mf_remote_list__ = remoteList;
    var __mf_chunk_remotes__ = {};
    var __mf_load_timeout__ = 0;
    ${read("semver.js")}
    ${read("sharing.js")}
    ${counters ? read("stats.js") : NO_COUNTERS}
    ${read("plugins.js")}
    ${read("consumes.js")}
    ${remotes || withApi ? read("remotes.js") + read("federation_global.js") : ""}
    ${withApi ? read("api.js") : ""}
    ${debug ? read("debug.js") : ""}
    return { __mf_require__, __mf_modules__, __mf_stats__, __mf_consume_handler__, __mf_note_remote__, __mf_init_late__, parseRange,
      satisfy, versionLt, rangeToString, take, load, loadVersion, loadStrictVersion, loadSingleton,
      loadSingletonVersion, loadStrictSingletonVersion };
  `;
  const console = { warn: (m) => warnings.push(m) };
  // eslint-disable-next-line no-new-func
  const api = new Function(
    "uniqueName", "provides", "consumes", "page", "strategy", "initRemotes", "remotes", "remoteList", "console",
    source
  )(uniqueName, provides, consumes, page, strategy, initRemotes, remotes, remoteList, console);
  api.warnings = warnings;
  return api;
};
