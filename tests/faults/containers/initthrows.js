// A container whose init throws; its get still answers.
var initthrows = {
  init: function () {
    throw new Error("init exploded");
  },
  get: function (request) {
    return Promise.resolve(function () {
      return { __esModule: true, default: "initthrows still serves " + request };
    });
  },
};
if (typeof module !== "undefined") module.exports = initthrows;
