import { init, loadRemote } from "@module-federation/runtime";

const app = document.getElementById("app");
init({
  name: "mf_runtime_host",
  remotes: [{ name: "remote", entry: REMOTE_MANIFEST }],
});
loadRemote("remote/Widget")
  .then((widget) => {
    widget.renderWidget(app);
    app.appendChild(document.createTextNode("loaded by @module-federation/runtime"));
  })
  .catch((error) => {
    app.textContent = "failed: " + error.message;
  });
