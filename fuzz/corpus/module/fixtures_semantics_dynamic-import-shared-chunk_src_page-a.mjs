import { shared } from "./shared.mjs";
export const render = () => "A:" + shared();
