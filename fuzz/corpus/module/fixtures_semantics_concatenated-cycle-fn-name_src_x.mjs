export function helper() { return "x"; }
