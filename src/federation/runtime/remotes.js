// mfbundle runtime: modules of remote containers, loaded as webpack 5's RemoteRuntimeModule
// loads them: get the container, initialise it with this build's share scope, ask it for the
// module, install the factory. Expects in scope `__mf_remotes__` (remote module id ->
// [shareScope, request, container module id]) and `__mf_chunk_remotes__` (chunk id -> ids).
__mf_require__.remotes = function (ids) {
  var promises = [];
  ids.forEach(function (id) {
    var getScope = __mf_require__.R;
    if (!getScope) getScope = [];
    var data = __mf_remotes__[id];
    if (getScope.indexOf(data) >= 0) return;
    getScope.push(data);
    if (data.p) return promises.push(data.p);
    var onError = function (error) {
      if (!error) error = new Error("Container missing");
      if (typeof error.message === "string") {
        error.message += '\nwhile loading "' + data[1] + '" from ' + data[2];
      }
      __mf_modules__[id] = function () {
        throw error;
      };
      data.p = 0;
    };
    var handleFunction = function (fn, arg1, arg2, d, next, first) {
      try {
        var promise = fn(arg1, arg2);
        if (promise && promise.then) {
          var p = promise.then(function (result) {
            return next(result, d);
          }, onError);
          if (first) promises.push((data.p = p));
          else return p;
        } else {
          return next(promise, d, first);
        }
      } catch (error) {
        onError(error);
      }
    };
    var onExternal = function (external, _, first) {
      return external
        ? handleFunction(__mf_require__.I, data[0], 0, external, onInitialized, first)
        : onError();
    };
    var onInitialized = function (_, external, first) {
      return handleFunction(external.get, data[1], getScope, 0, onFactory, first);
    };
    var onFactory = function (factory) {
      data.p = 1;
      __mf_modules__[id] = function (module) {
        module.exports = factory();
      };
    };
    handleFunction(__mf_require__, data[2], 0, 0, onExternal, 1);
  });
  return Promise.all(promises);
};
__mf_require__.f.remotes = function (chunkId, promises) {
  var ids = __mf_chunk_remotes__[chunkId];
  if (ids) promises.push(__mf_require__.remotes(ids));
};
// A remote given as several alternatives: the first that yields a container wins.
__mf_require__.firstContainer = function (alternatives) {
  var i = 0;
  var next = function (error) {
    if (i >= alternatives.length) return Promise.reject(error || new Error("Container missing"));
    var alternative = alternatives[i++];
    return Promise.resolve()
      .then(alternative)
      .then(function (container) {
        return container || next(error);
      }, next);
  };
  return next();
};
