import "./b.mjs";
export default function () { return "a default"; }
