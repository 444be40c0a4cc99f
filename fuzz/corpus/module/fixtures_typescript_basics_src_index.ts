// `.js` requests find the `.ts` file, as tsc allows; extensionless ones too.
import { Circle, Square, largest } from "./shapes.js";
import { Direction, Color, Flags, Mixed } from "./enums";
import { Geometry, greet } from "./geometry";
import Point, { Shape } from "./types";

const shapes: Shape[] = [new Circle(1), new Square(3)];
for (const s of shapes as Array<Circle | Square>) console.log(s.describe());
console.log("largest:", (largest(shapes) as Square)?.name);
console.log("circle kind:", new Circle(2).kind);

console.log("Direction.Down =", Direction.Down, "Direction[2] =", Direction[2]);
console.log("Left/Right:", Direction.Left, Direction.Right, Direction[Direction.Right]);
console.log("keys:", Object.keys(Direction).join(","));
console.log("Color:", Color.Green, JSON.stringify(Color));
console.log("Mixed:", JSON.stringify(Mixed));

const enum Local {
  One = 1,
  Two = One * 2,
}
const flags: Flags = Flags.AB;
console.log("const enums:", Local.Two, flags, Flags.A | Flags.B);

console.log(Geometry.dist({ x: 3, y: 4 }), Geometry.describe());
console.log(greet("ts") + greet.punctuation);

const p: Point = { x: 1, y: 2 };
const checked = { port: 80 } satisfies { port: number };
let maybe: string | undefined = undefined as any;
console.log(p.x + p.y, checked.port, maybe!?.length, <number>(<unknown>5));

function tuple<const T extends readonly unknown[]>(...xs: T): T {
  return xs;
}
console.log(tuple(1, "a", true).length);
