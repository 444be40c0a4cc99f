const a = "kebab";
const b = "spaced";
export { a as "kebab-name", b as "with space" };
