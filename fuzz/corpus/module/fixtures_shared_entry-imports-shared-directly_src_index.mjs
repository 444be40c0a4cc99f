import lib from "lib";
import { version } from "lib";
import("./other.mjs").then((m) => console.log("other sees", m.v, "instances", globalThis.__libInstances));
console.log("entry sees lib", lib.version, version);
