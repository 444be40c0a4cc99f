export enum Direction {
  Up = 1,
  Down,
  Left = Up + 10,
  Right,
}

export enum Color {
  Red = "RED",
  Green = "GREEN",
}

export const enum Flags {
  None = 0,
  A = 1 << 0,
  B = 1 << 1,
  AB = A | B,
}

export enum Mixed {
  No = 0,
  Yes = "YES",
}
