import { card, version } from "ui-kit";
import "./Widget.css";

export function renderWidget(target) {
  const el = card("Remote widget", "Rendered by the remote with ui-kit " + version);
  el.className += " remote-widget";
  target.appendChild(el);
  // The stylesheet was loaded before this module ran: its rules already apply.
  const border = getComputedStyle(el).borderLeftColor;
  el.appendChild(document.createTextNode("Styled by the remote's CSS: " + border));
}
