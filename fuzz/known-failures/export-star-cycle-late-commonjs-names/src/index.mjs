import { show } from "./b.mjs";
export * from "./dep.cjs";
show();
