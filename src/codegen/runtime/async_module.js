// mfbundle runtime: async modules (top-level await), webpack's `__webpack_require__.a`. An
// async module's exports object is replaced by a promise of it; its importers pass their
// async dependencies to `deps` and wait only when one has not finished, so modules that
// do not depend on an async module are not delayed, and a rejection reaches every importer.
(function () {
  var queuesKey = Symbol("mfbundle queues");
  var exportsKey = Symbol("mfbundle exports");
  var errorKey = Symbol("mfbundle error");
  var resolveQueue = function (queue) {
    if (queue && queue.d < 1) {
      queue.d = 1;
      queue.forEach(function (fn) { fn.r--; });
      queue.forEach(function (fn) { fn.r-- ? fn.r++ : fn(); });
    }
  };
  var wrapDeps = function (deps) {
    return deps.map(function (dep) {
      if (dep !== null && typeof dep === "object") {
        if (dep[queuesKey]) return dep;
        if (dep.then) {
          var queue = [];
          queue.d = 0;
          var obj = {};
          dep.then(
            function (r) { obj[exportsKey] = r; resolveQueue(queue); },
            function (e) { obj[errorKey] = e; resolveQueue(queue); }
          );
          obj[queuesKey] = function (fn) { fn(queue); };
          return obj;
        }
      }
      var ret = {};
      ret[queuesKey] = function () {};
      ret[exportsKey] = dep;
      return ret;
    });
  };
  __mf_require__.a = function (module, body, hasAwait) {
    var queue;
    if (hasAwait) (queue = []).d = -1;
    var depQueues = new Set();
    var exports = module.exports;
    var currentDeps, outerResolve, reject;
    var promise = new Promise(function (resolve, rej) {
      reject = rej;
      outerResolve = resolve;
    });
    promise[exportsKey] = exports;
    promise[queuesKey] = function (fn) {
      if (queue) fn(queue);
      depQueues.forEach(fn);
      promise["catch"](function () {});
    };
    module.exports = promise;
    var handle = function (deps) {
      currentDeps = wrapDeps(deps);
      var fn;
      var getResult = function () {
        return currentDeps.map(function (d) {
          if (errorKey in d) throw d[errorKey];
          return d[exportsKey];
        });
      };
      var waiting = new Promise(function (resolve) {
        fn = function () { resolve(getResult); };
        fn.r = 0;
        var fnQueue = function (q) {
          if (q !== queue && !depQueues.has(q)) {
            depQueues.add(q);
            if (q && !q.d) {
              fn.r++;
              q.push(fn);
            }
          }
        };
        currentDeps.forEach(function (dep) { dep[queuesKey](fnQueue); });
      });
      return fn.r ? waiting : getResult();
    };
    // `failed` tells a thrown `undefined` from success.
    var done = function (err, failed) {
      if (failed) reject((promise[errorKey] = err));
      else outerResolve(exports);
      resolveQueue(queue);
    };
    body(handle, done);
    if (queue && queue.d < 0) queue.d = 0;
  };
})();
