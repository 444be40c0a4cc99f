// Only types are exported: importing them must not load this module at run time.
console.log("types.ts evaluated (must not happen)");
export interface Shape {
  area(): number;
}
export type Named = { name: string };
export default interface Point {
  x: number;
  y: number;
}
