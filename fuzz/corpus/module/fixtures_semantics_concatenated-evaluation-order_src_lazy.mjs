import { shared } from "./shared.mjs";
export const lazy = "lazy sees " + shared;
