import { "kebab-name" as kebab, "with space" as spaced } from "./names.mjs";
console.log(kebab, spaced);
