import { App } from "./App";
import legacy from "./legacy.cjs";

const n: number = App.length + legacy;
