const Object = { tag: "b's own Object" };
export function helper() { return Object.tag; }
