// mfbundle runtime, Node: CommonJS files fetched over HTTP (an SSR container's chunks, a
// remote's SSR entry), evaluated as Node evaluates a file it requires.
// Evaluates a CommonJS file's text as Node would (`exports`, `module`, `require`,
// `__dirname`, `__filename`), with `__filename` its URL, and returns its exports.
__mf_require__.evalCommonJs = function (text, url) {
  var vm = require("vm");
  var module = { exports: {} };
  // A line break before the end (the text may end in a line comment), spelled so that a
  // minifier keeps the file on one line.
  var end = String.fromCharCode(10) + "})";
  var wrapper = vm.runInThisContext("(function (exports, module, require, __dirname, __filename) {" + text + end, {
    filename: url
  });
  wrapper.call(module.exports, module.exports, module, require, url.replace(/\/[^\/]*$/, ""), url);
  return module.exports;
};
// Gives up after chunkLoadTimeout (`__mf_load_timeout__`, 0: never), as the browser's
// chunk loading does: a server that never answers must not hold a server-side render.
__mf_require__.fetchCommonJs = function (url) {
  var timed = __mf_load_timeout__ && typeof AbortSignal !== "undefined" && AbortSignal.timeout;
  var signal = timed ? AbortSignal.timeout(__mf_load_timeout__) : undefined;
  var failed = function (why) {
    var error = new Error("Loading " + url + " failed (" + why + ")");
    error.type = why;
    error.request = url;
    return error;
  };
  // globalThis: the runtime has a `fetch` of its own (consumes.js).
  return globalThis
    .fetch(url, { signal: signal })
    .then(function (response) {
      if (!response.ok) throw failed("http " + response.status);
      return response.text();
    })
    .then(
      function (text) {
        return __mf_require__.evalCommonJs(text, url);
      },
      function (error) {
        if (error && error.request === url) throw error;
        throw signal && signal.aborted ? failed("timeout") : failed("error: " + (error && error.message));
      }
    );
};
