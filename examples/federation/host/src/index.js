import { card } from "ui-kit";

const app = document.getElementById("app");
app.appendChild(card("Host", "The host renders this card itself."));

// A remote that cannot be loaded must not blank the page: show a fallback instead.
import("remote/Widget")
  .then(({ renderWidget }) => renderWidget(app))
  .catch((error) => {
    app.appendChild(card("Remote unavailable", "Showing the fallback. " + error.message.split("\n")[0]));
  })
  .then(() => {
    app.dataset.uiKitEvaluations = String(globalThis.uiKitEvaluations);
    app.appendChild(card("Status", "ui-kit evaluated " + globalThis.uiKitEvaluations + " time(s)"));
  });
