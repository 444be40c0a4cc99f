// Records every element created, in the order the compiled JSX creates them.
export const Fragment = "#fragment";
export function h(type: unknown, props: Record<string, unknown> | null, ...children: unknown[]) {
  const name = typeof type === "function" ? type.name : String(type);
  console.log(`h(${name}, ${JSON.stringify(props)}, ${children.length} children)`);
  return { type: name, props, children };
}
export function custom(type: unknown, props: unknown, ...children: unknown[]) {
  console.log(`custom(${String(type)}, ${JSON.stringify(props)}, ${children.length} children)`);
  return h(type, props as any, ...children);
}
