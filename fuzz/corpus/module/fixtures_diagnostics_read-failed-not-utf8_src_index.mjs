import "./latin1.mjs";
