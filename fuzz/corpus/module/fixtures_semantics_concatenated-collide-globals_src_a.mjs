const Object = { keys: () => ["fake"] };
var undefined = "not undefined";
let globalThis = { tag: "fake global" };
function Symbol() { return "fake symbol"; }
const console = { log: () => {} };
export function localStuff() { return [Object.keys({}), Symbol(), globalThis.tag].join(","); }
export const u = typeof undefined;
