const arrow = () => this;
function f() { return typeof this; }
class K { m() { return this instanceof K; } }
console.log(this, arrow(), f.call({}), new K().m());
