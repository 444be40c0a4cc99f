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
__mf_require__.fetchCommonJs = function (url) {
  // globalThis: the runtime has a `fetch` of its own (consumes.js).
  return globalThis.fetch(url).then(function (response) {
    if (!response.ok) {
      var error = new Error("Loading " + url + " failed (http " + response.status + ")");
      error.type = "http " + response.status;
      error.request = url;
      throw error;
    }
    return response.text().then(function (text) {
      return __mf_require__.evalCommonJs(text, url);
    });
  });
};
