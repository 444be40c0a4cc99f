import { shared } from "./shared.mjs";
export const render = () => "B:" + shared();
