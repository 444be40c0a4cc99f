// The design system both apps share as a singleton: one copy of this module (and of its
// styles) per page, whichever app loads it first. The counter lets the pages (and the
// browser test) prove it was evaluated once.
const g = globalThis as typeof globalThis & { __designSystemEvaluations?: number };
g.__designSystemEvaluations = (g.__designSystemEvaluations ?? 0) + 1;

export const designSystemVersion: string = "1.0.0";
export { Button } from "./Button";
export type { ButtonProps, ButtonVariant } from "./Button";
export { Card } from "./Card";

/** How many times this module has been evaluated on the page (1 when shared correctly). */
export function evaluations(): number {
  return g.__designSystemEvaluations ?? 0;
}
