export namespace Geometry {
  export const origin = { x: 0, y: 0 };
  export function dist(a: { x: number; y: number }, b = origin): number {
    return Math.hypot(a.x - b.x, a.y - b.y);
  }
  export namespace Units {
    export const cm = "cm";
  }
}

// A second block of the same namespace. Its code names the first block's members through
// the namespace: swc (unlike tsc) does not resolve them unqualified across blocks.
export namespace Geometry {
  export const unitSquare = 1;
  export function describe(): string {
    return `origin=${JSON.stringify(Geometry.origin)} unit=${unitSquare}${Geometry.Units.cm}`;
  }
}

export function greet(name: string): string {
  return `hello ${name}`;
}
export namespace greet {
  export const punctuation = "!";
}
