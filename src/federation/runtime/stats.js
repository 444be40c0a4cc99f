// mfbundle runtime: counters of what sharing did on this page, always recorded (a few
// additions per resolution: bench/tools/runtime-counters.cjs measures what they cost). For
// every consume: its resolutions, failures, fallbacks, total time and its last resolutions
// (provider, version, time, warning or error); for every remote container: loads, failures,
// total time and the last error. Each build's counters are listed in the page-global
// `__mfbundle_stats__`, where the debug console (debug.js, `runtimeDebug`) reads all the
// builds on the page, mfbundle hosts and remotes alike, whether or not they carry it.
// Expects in scope `__mf_unique_name__`, `__mf_page__` (the global object) and sharing.js's
// `__mf_require__.S`; consumes.js sets `__mf_stats__.consumes`.
var __mf_now__ =
  typeof performance !== "undefined" && performance.now
    ? function () {
        return performance.now();
      }
    : function () {
        return Date.now();
      };
var __mf_stats__ = {
  name: __mf_unique_name__,
  scopes: __mf_require__.S,
  consumes: {},
  consumed: {},
  remotes: {}
};
(__mf_page__.__mfbundle_stats__ || (__mf_page__.__mfbundle_stats__ = [])).push(__mf_stats__);
var __mf_history__ = function (record, event) {
  if (record.history.length >= 10) record.history.shift();
  record.history.push(event);
  var debug = __mf_page__.__MF_DEBUG__;
  if (debug && debug.changed) debug.changed();
};
// A consume resolved (`decision`: consumes.js's) or failed (`error`), `start` ms ago.
// `reused`: its provider had been loaded already, by this build or another.
var __mf_note_consume__ = function (id, start, decision, error, reused) {
  var at = __mf_now__();
  var record =
    __mf_stats__.consumed[id] ||
    (__mf_stats__.consumed[id] = { resolutions: 0, failures: 0, fallbacks: 0, reused: 0, time: 0, history: [] });
  var event = { at: start, ms: at - start };
  record.resolutions++;
  record.time += event.ms;
  if (error) {
    record.failures++;
    event.error = String((error && error.message) || error);
  } else if (decision.fallback) {
    record.fallbacks++;
    event.fallback = true;
  } else {
    event.version = decision.version;
    event.from = decision.provider.from;
    if (decision.provider !== decision.entry) event.shaken = true;
    if (decision.warning) event.warning = decision.warning;
    if (reused) record.reused++;
  }
  __mf_history__(record, event);
};
// A remote container (as messages name it) gave a module's factory, or failed.
var __mf_note_remote__ = function (name, request, start, error) {
  var record =
    __mf_stats__.remotes[name] ||
    (__mf_stats__.remotes[name] = { loads: 0, failures: 0, time: 0, history: [] });
  var event = { at: start, ms: __mf_now__() - start, request: request };
  record.loads++;
  record.time += event.ms;
  if (error) {
    record.failures++;
    event.error = String((error && error.message) || error);
  }
  __mf_history__(record, event);
};
