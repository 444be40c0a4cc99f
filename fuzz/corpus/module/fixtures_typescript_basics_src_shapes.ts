import type { Shape, Named } from "./types";
import { type Shape as S2 } from "./types.js";

export abstract class Base implements Shape, Named {
  constructor(public readonly name: string, protected scale: number = 1) {}
  abstract area(): number;
  describe(this: Base): string {
    return `${this.name}: ${this.area().toFixed(2)}`;
  }
}

export class Circle extends Base {
  kind = "circle" as const;
  constructor(private r: number) {
    super("circle", 2);
  }
  area(): number {
    return Math.PI * this.r ** 2 * this.scale;
  }
}

export class Square extends Base implements S2 {
  declare extra: string;
  side!: number;
  constructor(side: number) {
    super("square");
    this.side = side;
  }
  area() {
    return this.side * this.side;
  }
}

export function largest<T extends Shape>(items: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    if (!best || item.area() > best!.area()) best = item;
  }
  return best;
}
