export function helper() { return "c"; }
