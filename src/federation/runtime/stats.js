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
  remotes: {},
  changed: null
};
(__mf_page__.__mfbundle_stats__ || (__mf_page__.__mfbundle_stats__ = [])).push(__mf_stats__);
// debug.js, if the page has it already (it sets `changed` on builds listed before it).
if (__mf_page__.__MF_DEBUG__) __mf_stats__.changed = __mf_page__.__MF_DEBUG__.changed;
// A consume's configuration in MF 2.0's terms (`shareConfig`), from its row in
// `__mf_consumes__` (of this build or, for the debug console, of another on the page).
var __mf_share_config__ = function (c) {
  return {
    requiredVersion: c[4] === undefined ? false : c[4],
    singleton: c[0].indexOf("Singleton") >= 0,
    eager: !!c[3],
    strictVersion: c[0].indexOf("Strict") >= 0
  };
};
// Keeps `event` as the record's last, in a ring of the last 10 (`history`, oldest first
// once sorted by `at`), and tells the debug console, if the page has one.
var __mf_history__ = function (record, event) {
  record.history[record.next] = record.last = event;
  record.next = record.next === 9 ? 0 : record.next + 1;
  if (__mf_stats__.changed) __mf_stats__.changed();
};
var __mf_record__ = function (records, key) {
  return (
    records[key] ||
    (records[key] = { resolutions: 0, failures: 0, fallbacks: 0, reused: 0, loads: 0, time: 0, last: null, next: 0, history: [] })
  );
};
// A consume resolved (`decision`: consumes.js's) or failed (`error`), `start` ms ago.
// `reused`: its provider had been loaded already, by this build or another.
var __mf_note_consume__ = function (id, start, decision, error, reused) {
  var record = __mf_record__(__mf_stats__.consumed, id);
  var ms = __mf_now__() - start;
  var provider = decision && !decision.fallback ? decision.provider : null;
  var event = {
    at: start,
    ms: ms,
    version: provider ? decision.version : undefined,
    from: provider ? provider.from : undefined,
    shaken: provider ? provider !== decision.entry : undefined,
    fallback: decision ? !!decision.fallback : undefined,
    warning: decision ? decision.warning : undefined,
    error: error ? String((error && error.message) || error) : undefined
  };
  record.resolutions++;
  record.time += ms;
  if (error) record.failures++;
  else if (decision.fallback) record.fallbacks++;
  else if (reused) record.reused++;
  __mf_history__(record, event);
};
// A remote container (as messages name it) gave a module's factory, or failed.
var __mf_note_remote__ = function (name, request, start, error) {
  var record = __mf_record__(__mf_stats__.remotes, name);
  var ms = __mf_now__() - start;
  record.loads++;
  record.time += ms;
  if (error) record.failures++;
  __mf_history__(record, {
    at: start,
    ms: ms,
    request: request,
    error: error ? String((error && error.message) || error) : undefined
  });
};
