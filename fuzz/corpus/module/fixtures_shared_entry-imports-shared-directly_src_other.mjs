import { version } from "lib";
export const v = version;
