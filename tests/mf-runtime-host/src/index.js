import { init, loadRemote } from "@module-federation/runtime";

// ui-kit provided the MF 2.0 way (`lib`), so that the remote's consume takes the host's copy.
const uiKit = {
  version: "1.2.0",
  card(title, body) {
    const el = document.createElement("section");
    el.textContent = title + " " + body + " (the host's ui-kit)";
    return el;
  },
};
const app = document.getElementById("app");
init({
  name: "mf_runtime_host",
  remotes: [{ name: "remote", entry: REMOTE_MANIFEST }],
  shared: {
    "ui-kit": { version: "1.2.0", lib: () => uiKit, shareConfig: { singleton: true, requiredVersion: "^1.0.0" } },
  },
});
// What __FEDERATION__ holds for each instance, as keys and values a test can compare: the
// real runtime's own instance against the one the mfbundle remote registered.
const describe = (instance) => ({
  name: instance.name,
  keys: Object.keys(instance).sort(),
  optionKeys: Object.keys(instance.options).sort(),
  remotes: instance.options.remotes.map((r) => Object.keys(r).sort()),
  shared: Object.fromEntries(
    Object.entries(instance.options.shared).map(([pkg, list]) => [
      pkg,
      list.map((s) => ({ keys: Object.keys(s).sort(), shareConfig: s.shareConfig, version: s.version, from: s.from, scope: s.scope })),
    ])
  ),
  scopeOwners: Object.fromEntries(
    Object.entries(instance.shareScopeMap.default || {}).map(([pkg, versions]) => [
      pkg,
      Object.fromEntries(Object.entries(versions).map(([v, s]) => [v, s.from])),
    ])
  ),
});
loadRemote("remote/Widget")
  .then((widget) => {
    widget.renderWidget(app);
    app.appendChild(document.createTextNode("loaded by @module-federation/runtime"));
    const f = window.__FEDERATION__;
    window.__results = {
      instances: f.__INSTANCES__.map(describe),
      share: Object.keys(f.__SHARE__).sort(),
      oneScope: f.__SHARE__.remote && f.__SHARE__.remote.default === f.__SHARE__.mf_runtime_host.default,
      moduleInfo: Object.keys(f.moduleInfo).sort(),
      vmok: window.__VMOK__ === f,
    };
  })
  .catch((error) => {
    app.textContent = "failed: " + error.message;
  })
  .finally(() => {
    window.__done = true;
  });
