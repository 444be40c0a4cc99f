// mfbundle runtime: the options of an `import(x, options)` that the build could not read,
// checked as the specification's EvaluateImportCall checks them, synchronously (getters run
// at the call): a promise, rejected with the TypeError (or what a getter threw) when they are
// wrong. `json`: whether the module imported is JSON (the one `type` there is).
__mf_require__.ia = function (options, json) {
  try {
    if (options !== undefined) {
      if (options === null || (typeof options !== "object" && typeof options !== "function")) {
        throw new TypeError("The second argument of import() must be an object");
      }
      var attributes = options["with"];
      if (attributes !== undefined) {
        if (attributes === null || (typeof attributes !== "object" && typeof attributes !== "function")) {
          throw new TypeError("The 'with' option of import() must be an object");
        }
        var entries = Object.keys(attributes).map(function (key) {
          return [key, attributes[key]];
        });
        entries.forEach(function (entry) {
          if (typeof entry[1] !== "string") throw new TypeError("Import attribute values must be strings");
        });
        entries.forEach(function (entry) {
          if (entry[0] !== "type") {
            throw new TypeError('Import attribute "' + entry[0] + '" is not supported');
          }
          if (entry[1] !== "json" || !json) {
            throw new TypeError('Import attribute type "' + entry[1] + '" is not supported for this module');
          }
        });
      }
    }
    return Promise.resolve();
  } catch (e) {
    return Promise.reject(e);
  }
};
