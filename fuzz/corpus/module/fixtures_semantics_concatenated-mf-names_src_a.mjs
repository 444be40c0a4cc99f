import { v } from "./legacy.cjs";
export const got = v;
