export class Counter {
  #count = 0;
  static created = 0;
  static { Counter.created = 1; }
  inc() { this.#count++; }
  get value() { return this.#count; }
  static isCounter(o) { return #count in o; }
}
