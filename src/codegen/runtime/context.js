// mfbundle runtime: context requests (`import(`./locales/${lang}.mjs`)`,
// `require("./dir/" + x)`): `files` maps each request the build found a file for to its
// load; any other value fails as Node fails it (a rejected promise for `import()`).
__mf_require__.x = function (files, request, dynamic) {
  request = String(request);
  if (__mf_require__.o(files, request)) return files[request]();
  var error = new Error("Cannot find module '" + request + "'");
  error.code = dynamic ? "ERR_MODULE_NOT_FOUND" : "MODULE_NOT_FOUND";
  if (dynamic) return Promise.reject(error);
  throw error;
};
