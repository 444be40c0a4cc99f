// A container whose get throws.
var getthrows = {
  init: function () {},
  get: function () {
    throw new Error("get exploded");
  },
};
if (typeof module !== "undefined") module.exports = getthrows;
