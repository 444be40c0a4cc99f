export const PI = 3.14;
export function add(a, b) { return a + b; }
export class Point {
  constructor(x, y) { this.x = x; this.y = y; }
  toString() { return `(${this.x}, ${this.y})`; }
}
