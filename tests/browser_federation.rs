//! Two mfbundle apps in headless Chromium, served from two loopback ports: the host page shows
//! the remote's widget, rendered with the ui-kit singleton the host provides (one copy on the
//! page) and styled by the remote's own CSS; with the remote unreachable the host shows its fallback instead of a blank page.
//! The apps are examples/federation, built here with the remote's URL pointed at the port
//! the test serves it on.

mod support;

use std::path::Path;

use support::*;

fn build(dir: &Path) {
    let o = mfbundle().arg("build").arg(dir).output().unwrap();
    assert!(o.status.success(), "{}: {}", dir.display(), text(&o.stderr));
}

/// A remote `name` in `root/name` exposing `./Widget` (`widget`, its source), with `extra`
/// lines of federation.toml (top-level keys, then tables such as `[shared]`).
fn write_widget_remote(root: &Path, name: &str, widget: &str, extra: &str) {
    write_file(
        root,
        &format!("{name}/federation.toml"),
        &format!(
            "name = \"{name}\"\nentry = \"./src/index.js\"\ntarget = \"web\"\n{extra}\
             [exposes]\n\"./Widget\" = \"./src/Widget.js\"\n"
        ),
    );
    write_file(
        root,
        &format!("{name}/src/index.js"),
        "import \"./Widget.js\";\n",
    );
    write_file(root, &format!("{name}/src/Widget.js"), widget);
}

/// A ui-kit package `version` in `root/dir` that counts its evaluations and exports its
/// version.
fn write_ui_kit(root: &Path, dir: &str, version: &str) {
    write_file(
        root,
        &format!("{dir}/package.json"),
        &format!(
            "{{ \"name\": \"ui-kit\", \"version\": \"{version}\", \"type\": \"module\", \"main\": \"index.js\" }}"
        ),
    );
    write_file(
        root,
        &format!("{dir}/index.js"),
        &format!(
            "globalThis.kitEvaluations = (globalThis.kitEvaluations || 0) + 1;\nexport const version = \"{version}\";\n"
        ),
    );
}

#[test]
fn host_renders_remote_widget_with_one_shared_singleton_and_survives_a_dead_remote() {
    let tmp = tempfile::tempdir().unwrap();
    let apps = tmp.path().join("federation");
    copy_dir(&repo_root().join("examples/federation"), &apps);
    let remote = apps.join("remote");
    let host = apps.join("host");
    build(&remote);
    let remote_port = serve(remote.join("dist"));
    point_host_at(&host, 3002, remote_port);
    build(&host);
    let host_port = serve(host.join("dist"));

    let dom = dump_dom(&format!("http://127.0.0.1:{host_port}/index.html"));
    let remote_css = format!("href=\"http://127.0.0.1:{remote_port}/expose-Widget.");
    for want in [
        "The host renders this card itself.",
        "Rendered by the remote with ui-kit 1.2.0",
        // The exposed module's CSS arrived with it, from the remote's port.
        "Styled by the remote's CSS: rgb(200, 30, 90)",
        remote_css.as_str(),
        "ui-kit evaluated 1 time(s)",
    ] {
        assert!(dom.contains(want), "missing {want:?} in:\n{dom}");
    }

    // The remote's server is gone: a port nothing listens on.
    let dead_port = dead_port();
    point_host_at(&host, remote_port, dead_port);
    build(&host);
    let dom = dump_dom(&format!("http://127.0.0.1:{host_port}/index.html"));
    for want in [
        "The host renders this card itself.",
        "Remote unavailable",
        "Loading script failed.",
        "ui-kit evaluated 1 time(s)",
    ] {
        assert!(dom.contains(want), "missing {want:?} in:\n{dom}");
    }
    assert!(!dom.contains("Rendered by the remote"), "{dom}");
}

#[test]
fn module_federation_runtime_host_loads_an_mfbundle_remote_by_manifest() {
    let host_src = repo_root().join("tests/mf-runtime-host");
    assert!(
        host_src
            .join("node_modules/@module-federation/runtime")
            .exists(),
        "tests/mf-runtime-host/node_modules is missing: run tests/setup.sh"
    );
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(
        &repo_root().join("examples/federation"),
        &tmp.path().join("federation"),
    );
    let remote = tmp.path().join("federation/remote");
    build(&remote);
    let remote_port = serve(remote.join("dist"));

    let host = tmp.path().join("mf-runtime-host");
    copy_dir(&host_src, &host);
    let config = host.join("federation.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("127.0.0.1:3002", &format!("127.0.0.1:{remote_port}")),
    )
    .unwrap();
    build(&host);
    let host_port = serve(host.clone());
    let page = run_page(&format!("http://127.0.0.1:{host_port}/index.html"));
    let dom = page["text"].as_str().unwrap();
    for want in [
        "Rendered by the remote with ui-kit 1.2.0",
        "(the host's ui-kit)",
        "loaded by @module-federation/runtime",
    ] {
        assert!(dom.contains(want), "missing {want:?} in:\n{dom}");
    }

    // __FEDERATION__ (issue #18, part 2): the remote registered itself beside the real
    // runtime's instance, in the same shape, field by field.
    let r = &page["results"];
    assert_eq!(r["vmok"], true, "{r:#}");
    assert_eq!(
        r["share"],
        serde_json::json!(["mf_runtime_host", "remote"]),
        "{r:#}"
    );
    assert_eq!(r["oneScope"], true, "one negotiation: {r:#}");
    let instances = r["instances"].as_array().unwrap();
    assert_eq!(instances.len(), 2, "{r:#}");
    let (real, ours) = (&instances[0], &instances[1]);
    assert_eq!(real["name"], "mf_runtime_host");
    assert_eq!(ours["name"], "remote");
    let keys = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap().to_string())
            .collect()
    };
    // Data fields of an instance (the real one has its handlers and hooks besides).
    for key in keys(&ours["keys"]) {
        assert!(
            keys(&real["keys"]).contains(&key),
            "{key} is not an MF 2.0 instance field: {r:#}"
        );
    }
    for key in ["name", "options", "shareScopeMap", "moduleCache", "version"] {
        assert!(
            keys(&ours["keys"]).contains(&key.to_string()),
            "{key}: {r:#}"
        );
    }
    // Every option the real runtime has (mfbundle adds shareStrategy).
    for key in keys(&real["optionKeys"]) {
        assert!(
            keys(&ours["optionKeys"]).contains(&key),
            "options.{key}: {r:#}"
        );
    }
    // A shared entry: the real one's fields, but `lib` (set once loaded).
    let real_ui = &real["shared"]["ui-kit"][0];
    let our_ui = &ours["shared"]["ui-kit"][0];
    let mut want = keys(&real_ui["keys"]);
    want.retain(|k| k != "lib");
    assert_eq!(keys(&our_ui["keys"]), want, "{r:#}");
    assert_eq!(our_ui["shareConfig"], real_ui["shareConfig"], "{r:#}");
    assert_eq!(our_ui["from"], "remote");
    assert_eq!(our_ui["scope"], serde_json::json!(["default"]));
    // The page's scope: the host's ui-kit, loaded, seen from both instances.
    for instance in [real, ours] {
        assert_eq!(
            instance["scopeOwners"],
            serde_json::json!({ "ui-kit": { "1.2.0": "mf_runtime_host" } }),
            "{r:#}"
        );
    }
}

/// `analyze --html` renders in headless Chromium: the DOM has the bars and the screenshot is
/// not blank (far larger than a screenshot of an empty page).
#[test]
fn analyze_html_report_renders() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path();
    let write = |rel: &str, body: &str| write_file(p, rel, body);
    write(
        "federation.toml",
        "name = \"app\"\nentry = \"./src/index.js\"\n\n[shared]\nutils = {}\n",
    );
    write(
        "package.json",
        r#"{"name":"app","version":"1.0.0","dependencies":{"utils":"^1.0.0"}}"#,
    );
    write(
        "node_modules/utils/package.json",
        r#"{"name":"utils","version":"1.0.0","type":"module","main":"index.js"}"#,
    );
    let exports: String = (0..40)
        .map(|i| format!("export const f{i} = {i};\n"))
        .collect();
    write("node_modules/utils/index.js", &exports);
    write(
        "src/index.js",
        "import { f1, f2 } from \"utils\";\nconsole.log(f1);\n",
    );
    let html = p.join("report.html");
    let o = mfbundle()
        .arg("analyze")
        .arg(p)
        .arg("--html")
        .arg(&html)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));

    let dom = dump_dom(&format!("file://{}", html.display()));
    assert!(dom.contains("<rect"), "{dom}");
    assert!(
        dom.contains("1 used")
            && dom.contains("1 imported but unused")
            && dom.contains("38 unused"),
        "{dom}"
    );

    let shot = |url: &str, png: &Path| {
        let (mut cmd, _profile) = chromium();
        let ok = cmd
            .arg("--window-size=900,400")
            .arg(format!("--screenshot={}", png.display()))
            .arg(url)
            .output()
            .unwrap();
        assert!(
            ok.status.success() && png.exists(),
            "screenshot failed: {}",
            text(&ok.stderr)
        );
        std::fs::metadata(png).unwrap().len()
    };
    let blank_html = p.join("blank.html");
    std::fs::write(&blank_html, "<!doctype html><html><body></body></html>").unwrap();
    let blank = shot(
        &format!("file://{}", blank_html.display()),
        &p.join("blank.png"),
    );
    let report = shot(&format!("file://{}", html.display()), &p.join("report.png"));
    assert!(
        report > blank * 3,
        "report screenshot {report} bytes vs blank {blank}: looks blank"
    );
}

/// The debug console on a real page (issue #18): a host built for production with
/// `runtimeDebug = true`, a remote whose singleton range the host's copy does not satisfy and
/// a remote that is down, both built without the console. `__MF_DEBUG__` reads every build's
/// counters: the scope lists both providers, health() is degraded and names both problems;
/// with the remote up again only the conflict is left; with the range aligned, healthy.
#[test]
fn debug_console_reports_a_singleton_conflict_and_a_dead_remote() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let port = serve(root.to_path_buf());
    let url = |dir: &str| format!("http://127.0.0.1:{port}/{dir}/remoteEntry.js");
    write_ui_kit(root, "kit-1", "1.2.0");
    write_ui_kit(root, "kit-2", "2.0.0");
    let app2 = |range: &str| {
        write_widget_remote(
            root,
            "app2",
            "import { version } from \"ui-kit\";\nexport default \"app2 sees ui-kit \" + version;\n",
            &format!(
                "[shared]\nui-kit = {{ singleton = true, requiredVersion = \"{range}\" }}\n\
                 [resolve]\nalias = {{ \"ui-kit\" = \"../kit-1/index.js\" }}\n"
            ),
        )
    };
    app2("^1.2.0");
    write_widget_remote(root, "app3", "export default \"app3 widget\";\n", "");
    write_file(
        root,
        "host/federation.toml",
        &format!(
            "name = \"host\"\nentry = \"./src/index.js\"\ntarget = \"web\"\nhtml = true\n\
             runtimeDebug = true\n\
             [remotes]\napp2 = \"app2@{}\"\napp3 = \"app3@{}\"\n\
             [shared]\nui-kit = {{ singleton = true, requiredVersion = \"^2.0.0\" }}\n\
             [resolve]\nalias = {{ \"ui-kit\" = \"../kit-2/index.js\" }}\n",
            url("app2/dist"),
            // served from app3/live, missing until the remote is "deployed"
            url("app3/live")
        ),
    );
    write_file(
        root,
        "host/src/index.js",
        r#"import { version } from "ui-kit";
const settle = (p) => p.then((m) => "ok: " + m.default, (e) => "failed: " + e.message.split("\n")[0]);
Promise.all([settle(import("app2/Widget")), settle(import("app3/Widget"))]).then(([app2, app3]) => {
  const debug = window.__MF_DEBUG__;
  window.__results = { host: version, app2, app3, scope: debug.inspectShareScope(), health: debug.health() };
  window.__done = true;
});
"#,
    );
    for app in ["app2", "app3", "host"] {
        build(&root.join(app));
    }
    let host_page = format!("http://127.0.0.1:{port}/host/dist/index.html");
    let results = || run_page(&host_page)["results"].clone();
    let issues = |r: &serde_json::Value| -> Vec<String> {
        r["health"]["overall_health"]["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i.as_str().unwrap().to_string())
            .collect()
    };

    let r = results();
    // The host's share-scope init loaded both containers: the highest version is the
    // singleton, and app2's range does not accept it.
    assert_eq!(r["host"], "2.0.0", "{r:#}");
    assert_eq!(r["app2"], "ok: app2 sees ui-kit 2.0.0", "{r:#}");
    assert_eq!(r["app3"], "failed: Loading script failed.", "{r:#}");
    assert_eq!(
        r["scope"],
        serde_json::json!([{
            "module": "ui-kit",
            "versions": ["1.2.0", "2.0.0"],
            "providers": ["app2", "host"],
            "loading_states": [
                { "version": "1.2.0", "from": "app2", "eager": false, "loaded": false },
                { "version": "2.0.0", "from": "host", "eager": false, "loaded": true }
            ]
        }]),
        "{r:#}"
    );
    assert_eq!(r["health"]["overall_health"]["status"], "degraded", "{r:#}");
    assert_eq!(
        issues(&r),
        [
            "ui-kit: app2 requires ^1.2.0 of the singleton but uses 2.0.0 from host (loaded: 2.0.0 from host)".to_string(),
            format!("remote app3 ({}) failed to load (1 of 1 attempt(s)): Loading script failed.", url("app3/live")),
        ],
        "{r:#}"
    );
    assert_eq!(
        r["health"]["overall_health"]["recommendations"][0],
        "ui-kit: align requiredVersion ^2 in app2 (it asks for ^1.2.0)",
        "{r:#}"
    );
    assert_eq!(
        r["health"]["remotes"][format!("app3 ({})", url("app3/live"))]["failures"],
        1,
        "{r:#}"
    );
    assert_eq!(
        r["health"]["share_scopes"]["default"],
        serde_json::json!({ "total_modules": 1, "healthy_modules": 0, "failed_modules": 0, "version_conflicts": 1 }),
        "{r:#}"
    );

    // The dead remote is deployed: only the conflict is left.
    copy_dir(&root.join("app3/dist"), &root.join("app3/live"));
    let r = results();
    assert_eq!(r["app3"], "ok: app3 widget", "{r:#}");
    assert_eq!(r["health"]["overall_health"]["status"], "degraded", "{r:#}");
    assert_eq!(issues(&r).len(), 1, "{r:#}");
    assert!(
        issues(&r)[0].starts_with("ui-kit: app2 requires ^1.2.0"),
        "{r:#}"
    );

    // app2 aligns its range with the page's copy: healthy.
    app2("^2.0.0");
    build(&root.join("app2"));
    let r = results();
    assert_eq!(r["health"]["overall_health"]["status"], "healthy", "{r:#}");
    assert_eq!(issues(&r), Vec::<String>::new(), "{r:#}");
    assert_eq!(
        r["health"]["consume_shared_modules"]["ui-kit"]["resolution_success_rate"], 1.0,
        "{r:#}"
    );
}

/// MF 2.0 runtime plugins in an mfbundle host (issue #18): the real
/// `@module-federation/retry-plugin` (tests/mf-plugins, pinned), listed in `runtimePlugins`,
/// brings back a remote whose remoteEntry.js fails twice, and an `errorLoadRemote` plugin
/// written as MF 2.0's documentation shows, registered on the page, replaces a remote that is
/// down.
#[test]
fn mf2_plugins_retry_a_failing_remote_and_replace_a_dead_one() {
    let plugins = repo_root().join("tests/mf-plugins/node_modules");
    assert!(
        plugins.join("@module-federation/retry-plugin").exists(),
        "tests/mf-plugins/node_modules is missing: run tests/setup.sh"
    );
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let server = fault_server(
        root.to_path_buf(),
        vec![("/app2/dist/remoteEntry.js".into(), Fault::FailTimes(503, 2))],
    );
    let port = server.port;
    write_widget_remote(root, "app2", "export default \"app2 widget\";\n", "");
    write_file(
        root,
        "host/federation.toml",
        &format!(
            "name = \"host\"\nentry = \"./src/index.js\"\ntarget = \"web\"\nhtml = true\n\
             runtimePlugins = [\"./src/retry.js\"]\n\
             [remotes]\napp2 = \"app2@http://127.0.0.1:{port}/app2/dist/remoteEntry.js\"\n\
             app3 = \"app3@http://127.0.0.1:{}/remoteEntry.js\"\n",
            dead_port()
        ),
    );
    std::os::unix::fs::symlink(&plugins, root.join("host/node_modules")).unwrap();
    write_file(
        root,
        "host/src/index.js",
        r#"// As MF 2.0's documentation writes a fallback plugin.
const fallbackPlugin = () => ({
  name: "fallback-plugin",
  errorLoadRemote({ id, lifecycle, error }) {
    return { __esModule: true, default: `fallback for ${id} (${lifecycle}): ${error.message.split("\n")[0]}` };
  },
});
// registerGlobalPlugins, as the MF 2.0 runtime does it; createScript sees remote scripts.
window.__created = [];
window.__FEDERATION__.__GLOBAL_PLUGIN__.push(fallbackPlugin(), {
  name: "scripts",
  createScript({ url }) {
    window.__created.push(url.replace(/^http:\/\/[^/]+/, ""));
    const script = document.createElement("script");
    script.crossOrigin = "anonymous";
    return script;
  },
});
const settle = (p) => p.then((m) => m.default, (e) => "failed: " + e.message.split("\n")[0]);
Promise.all([settle(import("app2/Widget")), settle(import("app3/Widget"))]).then(([app2, app3]) => {
  const host = window.__FEDERATION__.__INSTANCES__.find((i) => i.name === "host");
  window.__results = { app2, app3, plugins: host.options.plugins.map((p) => p.name), initialised: window.__retryInit, created: window.__created };
  window.__done = true;
});
"#,
    );
    write_file(
        root,
        "host/src/retry.js",
        r#"import { RetryPlugin } from "@module-federation/retry-plugin";

export default function () {
  const plugin = RetryPlugin({ script: { retryTimes: 3, retryDelay: 50 } });
  plugin.init = ({ origin }) => {
    window.__retryInit = origin.name;
  };
  return plugin;
}
"#,
    );
    build(&root.join("app2"));
    build(&root.join("host"));
    let page = run_page(&format!("http://127.0.0.1:{port}/host/dist/index.html"));
    assert_eq!(
        page["results"]["plugins"],
        serde_json::json!(["retry-plugin"]),
        "{page:#}"
    );
    assert_eq!(page["results"]["initialised"], "host", "{page:#}");
    // Every script tag went through it: each attempt at app2's remoteEntry.js (two failures,
    // then the one that loads), app2's chunk (its runtime sees the page's plugins too), and
    // the dead app3's attempts.
    let created: Vec<&str> = page["results"]["created"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap())
        .collect();
    let count = |url: &str| created.iter().filter(|u| **u == url).count();
    assert_eq!(count("/app2/dist/remoteEntry.js"), 3, "{page:#}");
    assert!(count("/remoteEntry.js") >= 1, "{page:#}");
    assert!(
        created
            .iter()
            .any(|u| u.starts_with("/app2/dist/expose-Widget.")),
        "{page:#}"
    );
    let r = &page["results"];
    assert_eq!(r["app2"], "app2 widget", "{page:#}");
    assert_eq!(server.requests("/app2/dist/remoteEntry.js"), 3, "{page:#}");
    assert_eq!(
        r["app3"], "fallback for app3/Widget (onLoad): Loading script failed.",
        "{page:#}"
    );
}

/// MF 2.0's runtime API in mfbundle code (issue #18): `@module-federation/runtime` (and
/// `@module-federation/enhanced/runtime`) in a build that federates is backed by mfbundle's
/// runtime. A host without `[remotes]` reads a JSON list at run time, registers the remotes
/// in it (one by remoteEntry.js, one by mf-manifest.json, one down), loads their widgets with
/// `loadRemote` (a plugin given to `init` replaces the dead one), and `loadShare` gives the
/// page's one ui-kit.
#[test]
fn mf2_runtime_api_registers_and_loads_remotes_chosen_at_run_time() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let port = serve(root.to_path_buf());
    write_ui_kit(root, "kit", "1.2.0");
    let shared = "[shared]\nui-kit = { singleton = true }\n[resolve]\nalias = { \"ui-kit\" = \"../kit/index.js\" }\n";
    write_widget_remote(
        root,
        "app2",
        "import { version } from \"ui-kit\";\nexport default \"app2 widget on ui-kit \" + version;\n",
        shared,
    );
    // app3's own runtime plugin runs where its remoteEntry.js is loaded.
    write_widget_remote(
        root,
        "app3",
        "export default \"app3 widget\";\n",
        "runtimePlugins = [\"./src/plugin.js\"]\n",
    );
    write_file(
        root,
        "app3/src/plugin.js",
        "export default () => ({ name: \"app3-plugin\", init: ({ origin }) => { globalThis.app3Plugin = origin.name; } });\n",
    );
    write_file(
        root,
        "host/federation.toml",
        &format!(
            "name = \"host\"\nentry = \"./src/index.js\"\ntarget = \"web\"\nhtml = true\n{shared}"
        ),
    );
    write_file(
        root,
        "host/src/instance.js",
        "export { getInstance } from \"@module-federation/enhanced/runtime\";\n",
    );
    write_file(
        root,
        "host/src/index.js",
        r#"import { init, registerRemotes, loadRemote, loadShare } from "@module-federation/runtime";
import { getInstance } from "./instance.js";
import { version } from "ui-kit";

init({
  name: "host",
  plugins: [{ name: "fallback", errorLoadRemote: ({ id }) => ({ default: "fallback for " + id }) }],
});
fetch("/remotes.json")
  .then((response) => response.json())
  .then(async (list) => {
    registerRemotes(list);
    const app2 = (await loadRemote("app2/Widget")).default;
    const app3 = (await loadRemote("app3/Widget")).default;
    const dead = (await loadRemote("dead/Widget")).default;
    const kit = (await loadShare("ui-kit"))();
    window.__results = {
      host: version,
      app2,
      app3,
      dead,
      kit: kit.version,
      kitEvaluations: globalThis.kitEvaluations,
      instance: getInstance().name,
      app3Plugin: globalThis.app3Plugin,
      remotes: getInstance().options.remotes.map((r) => r.name),
    };
  })
  .catch((e) => {
    window.__results = { error: String(e && e.stack) };
  })
  .finally(() => {
    window.__done = true;
  });
"#,
    );
    write_file(
        root,
        "remotes.json",
        &serde_json::json!([
            { "name": "app2", "entry": format!("http://127.0.0.1:{port}/app2/dist/remoteEntry.js") },
            { "name": "app3", "entry": format!("http://127.0.0.1:{port}/app3/dist/mf-manifest.json") },
            { "name": "dead", "entry": format!("http://127.0.0.1:{}/remoteEntry.js", dead_port()) },
        ])
        .to_string(),
    );
    for app in ["app2", "app3", "host"] {
        build(&root.join(app));
    }
    let page = run_page(&format!("http://127.0.0.1:{port}/host/dist/index.html"));
    assert_eq!(
        page["results"],
        serde_json::json!({
            "host": "1.2.0",
            "app2": "app2 widget on ui-kit 1.2.0",
            "app3": "app3 widget",
            "dead": "fallback for dead/Widget",
            "kit": "1.2.0",
            "kitEvaluations": 1,
            "instance": "host",
            "app3Plugin": "app3",
            "remotes": ["app2", "app3", "dead"],
        }),
        "{page:#}"
    );
}
