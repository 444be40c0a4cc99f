// Runs the page's imports in two rounds (every fault at once, then the retries) and
// records each outcome in `globalThis.__results[name]` (an array, one entry per attempt):
// { ok, value } or { ok: false, name, message }, with `ms` since the start.
export function runAttempts(round1, round2, show) {
  var start = Date.now();
  var results = (globalThis.__results = {});
  var attempt = function (name, load) {
    return load().then(
      function (m) {
        var r = { ok: true, value: m.default, ms: Date.now() - start };
        (results[name] = results[name] || []).push(r);
        show(name + ": " + r.value);
      },
      function (e) {
        var r = { ok: false, name: e && e.name, message: e && e.message, ms: Date.now() - start };
        (results[name] = results[name] || []).push(r);
        show(name + " failed: " + r.name + ": " + r.message);
      }
    );
  };
  var all = function (round) {
    return Promise.all(
      Object.keys(round).map(function (name) {
        return attempt(name, round[name]);
      })
    );
  };
  return all(round1)
    .then(function () {
      return all(round2);
    })
    .then(function () {
      globalThis.__done = true;
      show("done");
    });
}
