import { card, version } from "ui-kit";
export function renderWidget(target) {
  target.appendChild(card("Remote widget", "Rendered by the remote with ui-kit " + version));
}
