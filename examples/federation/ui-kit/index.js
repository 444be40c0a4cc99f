// A tiny design system both apps share as a singleton: one copy per page.
globalThis.uiKitEvaluations = (globalThis.uiKitEvaluations || 0) + 1;
export const version = "1.2.0";
export function card(title, body) {
  const el = document.createElement("section");
  el.className = "card";
  el.innerHTML = "<h2></h2><p></p>";
  el.querySelector("h2").textContent = title;
  el.querySelector("p").textContent = body;
  return el;
}
