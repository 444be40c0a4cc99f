import { fromCjs } from "./index.mjs";
export function read() { return fromCjs; }
