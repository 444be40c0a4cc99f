	module.exports = class Greeter {
  constructor(n) { this.n = n; }
  hi() { return "hi " + this.n; }
};
