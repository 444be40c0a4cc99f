export class A {
  static s = this.name;
  static arrow = () => this.name;
  static { this.t = typeof this; }
  f = this.constructor.name;
  [typeof this] = "computed key uses module this";
}
export const obj = { m() { return this === obj; }, n: typeof this };
