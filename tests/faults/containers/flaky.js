// A healthy container served only from the second request on: says whether the host
// initialised it with its share scope before asking for a module.
var flaky = {
  init: function (shareScope) {
    flaky.scope = shareScope;
  },
  get: function (request) {
    return Promise.resolve(function () {
      return {
        __esModule: true,
        default:
          "flaky " + request + (flaky.scope ? " initialised with the host's share scope" : " NOT initialised"),
      };
    });
  },
};
if (typeof module !== "undefined") module.exports = flaky;
