export function format() {}
export function parse() {}
