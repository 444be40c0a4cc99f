import { bump, counter } from "./shared.mjs";
bump();
export const seen = counter;
