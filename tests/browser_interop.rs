//! Module Federation beyond webpack (issue #19): real Vite 8 + `@module-federation/vite`
//! builds and mfbundle builds on one page in headless Chromium, both ways, sharing one React.
//! The projects are fixtures/interop/browser-peers (its packages pinned in its lockfile):
//! the same host page and widget sources built by each tool. Each test builds in its own copy.

mod support;

use std::path::{Path, PathBuf};

use support::*;

const FIXTURE: &str = "fixtures/interop/browser-peers";

/// A copy of the fixture (with its node_modules) in a temporary directory.
fn fixture_copy() -> (tempfile::TempDir, PathBuf) {
    project_copy(FIXTURE, "node_modules/@module-federation/vite")
}

fn mfbundle_build(dir: &Path) {
    let o = mfbundle().arg("build").arg(dir).output().unwrap();
    assert!(o.status.success(), "{}: {}", dir.display(), text(&o.stderr));
}

/// Writes `template` (a federation.toml) with `edits` (text -> replacement) to `project`
/// and builds it with mfbundle.
fn build_with(project: &Path, template: &str, edits: &[(&str, &str)]) {
    let config = edits
        .iter()
        .fold(template.to_string(), |c, (from, to)| c.replace(from, to));
    std::fs::write(project.join("federation.toml"), config).unwrap();
    mfbundle_build(project);
}

/// The page a test server on `port` serves as index.html, once it is done (run_page).
fn open_index(port: u16) -> serde_json::Value {
    run_page(&format!("http://127.0.0.1:{port}/index.html"))
}

/// `vite build` of `project` (a folder of the fixture) with `env` (REMOTE_ENTRY, OUT_DIR).
fn vite_build(root: &Path, project: &str, env: &[(&str, &str)]) {
    let o = std::process::Command::new("node")
        .arg(root.join("node_modules/vite/bin/vite.js"))
        .arg("build")
        .arg("--config")
        .arg(root.join(project).join("vite.config.mjs"))
        .envs(env.iter().copied())
        .current_dir(root)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "vite build {project}: {}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
}

/// The page rendered `widget_by`'s widget in `host_by`'s host, its hook's state updated,
/// on the one React the page has; with `kit` = (version, evaluations), the ui-kit singleton
/// both sides share (host 1.0.0, remote 1.1.0) resolved to that version for both, and the
/// copies of ui-kit the page evaluated, in order.
fn assert_one_react(
    page: &serde_json::Value,
    host_by: &str,
    widget_by: &str,
    kit: Option<(&str, &str)>,
) {
    let r = &page["results"];
    assert_eq!(r["host"], host_by, "{page:#}");
    assert_eq!(r["widget"], widget_by, "{page:#}");
    assert_eq!(r["count"], 1, "the widget's useState updated: {page:#}");
    assert_eq!(r["sameReact"], true, "one React on the page: {page:#}");
    assert_eq!(r["remoteReact"], r["hostReact"], "{page:#}");
    let text = page["text"].as_str().unwrap();
    let want = format!("Rendered by the {widget_by} remote for the {host_by} host");
    assert!(text.contains(&want), "missing {want:?} in {text}");
    if let Some((kit, evaluations)) = kit {
        assert_eq!(r["hostKit"], kit, "the host's ui-kit: {page:#}");
        assert_eq!(r["remoteKit"], kit, "the remote's ui-kit: {page:#}");
        assert_eq!(
            r["kitEvaluations"], evaluations,
            "ui-kit evaluations: {page:#}"
        );
    }
}

/// The fallback the host shows when the remote's server is down: rendered, no page error.
fn assert_fallback(page: &serde_json::Value) {
    let text = page["text"].as_str().unwrap();
    assert!(text.contains("Remote unavailable"), "{page:#}");
    assert!(page["results"]["fallback"].is_string(), "{page:#}");
    assert!(page["results"]["widget"].is_null(), "{page:#}");
}

#[test]
fn vite_host_loads_an_mfbundle_es_module_remote_by_entry_and_by_manifest() {
    let (_tmp, root) = fixture_copy();
    let remote = root.join("mfbundle-remote");
    mfbundle_build(&remote);
    let entry = std::fs::read_to_string(remote.join("dist/remoteEntry.js")).unwrap();
    assert!(
        entry.contains("export{") || entry.contains("export {"),
        "an ES module"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(remote.join("dist/mf-manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["metaData"]["remoteEntry"]["type"], "module");
    let server = fault_server(remote.join("dist"), Vec::new());
    let origin = format!("http://127.0.0.1:{}", server.port);

    for (out, entry) in [
        ("dist-entry", format!("{origin}/remoteEntry.js")),
        ("dist-manifest", format!("{origin}/mf-manifest.json")),
    ] {
        vite_build(
            &root,
            "vite-host",
            &[("REMOTE_ENTRY", &entry), ("OUT_DIR", out)],
        );
        let host_port = serve(root.join("vite-host").join(out));
        let page = open_index(host_port);
        // The Vite host initialises its remotes before it loads a share: nothing was loaded
        // when the remote registered ui-kit 1.1.0, so the highest version is the singleton
        // for both (MF 2.0's version-first, webpack's rule). The Vite host still evaluates
        // its own 1.0.0 at startup (its hostInit), unused.
        assert_one_react(&page, "Vite", "mfbundle", Some(("1.1.0", "1.0.0 1.1.0")));
    }
    // The widget's chunk came by import() from the remote's own origin (import.meta.url),
    // and none of the remote's own React copies was fetched: the host's React served both.
    let log = server.log();
    assert!(
        log.iter().any(|p| p.starts_with("/expose-Widget.")),
        "{log:?}"
    );
    for own in ["/react.", "/react-dom.", "/jsx-runtime.", "/client."] {
        assert!(!log.iter().any(|p| p.starts_with(own)), "{own} in {log:?}");
    }

    // The remote's server is down: the host shows its fallback.
    let dead = format!("http://127.0.0.1:{}/remoteEntry.js", dead_port());
    vite_build(
        &root,
        "vite-host",
        &[("REMOTE_ENTRY", &dead), ("OUT_DIR", "dist-dead")],
    );
    let host_port = serve(root.join("vite-host/dist-dead"));
    assert_fallback(&open_index(host_port));
}

#[test]
fn mfbundle_host_loads_a_vite_remote() {
    let (_tmp, root) = fixture_copy();
    vite_build(&root, "vite-remote", &[]);
    let server = fault_server(root.join("vite-remote/dist"), Vec::new());
    let host = root.join("mfbundle-host");
    let config = std::fs::read_to_string(host.join("federation.toml")).unwrap();
    let point = |url: &str| build_with(&host, &config, &[("REMOTE", url)]);

    let origin = format!("http://127.0.0.1:{}", server.port);
    let host_port = serve(host.join("dist"));
    // By its remoteEntry.js (`module <url>`), then by its mf-manifest.json (`name@url`:
    // the entry and its type come from the manifest).
    for (remote, first_request) in [
        (format!("{origin}/remoteEntry.js"), "/remoteEntry.js"),
        (
            format!("app2@{origin}/mf-manifest.json"),
            "/mf-manifest.json",
        ),
    ] {
        point(&remote);
        let before = server.log().len();
        let page = open_index(host_port);
        // Nothing was loaded when the remote registered its 1.1.0: the highest version
        // wins, for the host too (version-first).
        assert_one_react(&page, "mfbundle", "Vite", Some(("1.1.0", "1.1.0")));
        // The Vite remote took the host's React: its own copies were never fetched.
        let log = server.log()[before..].to_vec();
        assert_eq!(
            log.first().map(String::as_str),
            Some(first_request),
            "{log:?}"
        );
        assert!(log.iter().any(|p| p == "/remoteEntry.js"), "{log:?}");
        assert!(
            !log.iter().any(|p| p.contains("prebuild__react")),
            "{log:?}"
        );
    }

    // The remote's server is down: the host shows its fallback.
    point(&format!("http://127.0.0.1:{}/remoteEntry.js", dead_port()));
    assert_fallback(&open_index(host_port));
}

/// `node build-peer.cjs tool role out [remote]`: a webpack 5 + `@module-federation/enhanced`
/// or Rspack (its default, MF 2.0, ModuleFederationPlugin) build of peer-host/peer-remote.
fn peer_build(root: &Path, tool: &str, role: &str, out: &Path, remote: Option<&str>) {
    let o = std::process::Command::new("node")
        .arg(root.join("build-peer.cjs"))
        .args([tool, role])
        .arg(out)
        .args(remote)
        .current_dir(root)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{tool} {role}: {}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
}

/// The mfbundle remote twice: as the fixture has it (an ES-module entry) and with the
/// default library type (a script that defines `mfbundle_remote`), each on its own port.
fn mfbundle_remotes(root: &Path) -> (FaultServer, FaultServer) {
    let remote = root.join("mfbundle-remote");
    mfbundle_build(&remote);
    let classic = root.join("mfbundle-remote-var");
    copy_dir(&remote, &classic);
    let config = std::fs::read_to_string(classic.join("federation.toml")).unwrap();
    build_with(
        &classic,
        &config,
        &[("library = { type = \"module\" }\n", "")],
    );
    (
        fault_server(remote.join("dist"), Vec::new()),
        fault_server(classic.join("dist"), Vec::new()),
    )
}

/// webpack + enhanced, Rspack's MF 2.0 plugin and Rspack + enhanced, each both ways with
/// mfbundle: their host loads the mfbundle remote by remoteEntry.js (script) and by
/// mf-manifest.json (the ES-module entry the manifest names); the mfbundle host loads their
/// remote by remoteEntry.js and, where the peer writes one (not Rspack's own plugin), by
/// mf-manifest.json. One
/// React each time, none of the remote's own copies fetched; the fallback when it is down.
#[test]
fn mf2_webpack_and_rspack_hosts_and_remotes_both_ways() {
    let (_tmp, root) = fixture_copy();
    let (esm, classic) = mfbundle_remotes(&root);
    let own_react = |log: &[String]| {
        log.iter()
            .filter(|p| {
                ["/react.", "/react-dom.", "/client."]
                    .iter()
                    .any(|o| p.starts_with(o))
            })
            .cloned()
            .collect::<Vec<_>>()
    };
    for (tool, built_by) in [
        ("webpack", "webpack (enhanced)"),
        ("rspack", "Rspack (MF 2.0)"),
        ("rspack-enhanced", "Rspack (enhanced)"),
    ] {
        // Their host, our remote.
        for (label, remote, server) in [
            (
                "entry",
                format!(
                    "mfbundle_remote@http://127.0.0.1:{}/remoteEntry.js",
                    classic.port
                ),
                &classic,
            ),
            (
                "manifest",
                format!(
                    "mfbundle_remote@http://127.0.0.1:{}/mf-manifest.json",
                    esm.port
                ),
                &esm,
            ),
        ] {
            let out = root.join(format!("{tool}-host-{label}"));
            peer_build(&root, tool, "host", &out, Some(&remote));
            let before = server.log().len();
            let port = serve(out);
            let page = open_index(port);
            assert_one_react(&page, built_by, "mfbundle", None);
            let log = server.log()[before..].to_vec();
            assert_eq!(
                own_react(&log),
                Vec::<String>::new(),
                "{tool} {label}: {log:?}"
            );
        }
        // Their host with our remote down: its page shows the fallback.
        let out = root.join(format!("{tool}-host-dead"));
        let dead = format!(
            "mfbundle_remote@http://127.0.0.1:{}/remoteEntry.js",
            dead_port()
        );
        peer_build(&root, tool, "host", &out, Some(&dead));
        let port = serve(out);
        assert_fallback(&open_index(port));

        // Our host, their remote.
        let out = root.join(format!("{tool}-remote"));
        peer_build(&root, tool, "remote", &out, None);
        let server = fault_server(out.clone(), Vec::new());
        let origin = format!("http://127.0.0.1:{}", server.port);
        let global = format!("{}_remote", tool.replace('-', "_"));
        let mut ways = vec![format!("{global}@{origin}/remoteEntry.js")];
        if out.join("mf-manifest.json").exists() {
            ways.push(format!("{global}@{origin}/mf-manifest.json"));
        } else {
            assert_eq!(
                tool, "rspack",
                "only Rspack's own plugin writes no mf-manifest.json"
            );
        }
        let host = root.join(format!("mfbundle-host-{tool}"));
        copy_dir(&root.join("mfbundle-host"), &host);
        let config = std::fs::read_to_string(host.join("federation.toml")).unwrap();
        let host_port = serve(host.join("dist"));
        for remote in ways {
            // A script remote: `name@url`, not `module <url>`.
            build_with(
                &host,
                &config,
                &[("\"module REMOTE\"", &format!("{remote:?}"))],
            );
            let before = server.log().len();
            let page = open_index(host_port);
            assert_one_react(&page, "mfbundle", built_by, None);
            let log = server.log()[before..].to_vec();
            assert!(log.iter().any(|p| p == "/remoteEntry.js"), "{log:?}");
        }
        drop(server);
        // Down: the fallback.
        let dead = format!("{global}@http://127.0.0.1:{}/remoteEntry.js", dead_port());
        build_with(
            &host,
            &config,
            &[("\"module REMOTE\"", &format!("{dead:?}"))],
        );
        assert_fallback(&open_index(host_port));
    }
}

/// A mixed page: an mfbundle host with a Vite remote (by manifest) and a webpack +
/// enhanced remote (by remoteEntry.js), all three on one React; neither remote fetched
/// its own copy of a shared package.
#[test]
fn mixed_page_mfbundle_host_with_a_vite_and_a_webpack_remote() {
    let (_tmp, root) = fixture_copy();
    vite_build(&root, "vite-remote", &[]);
    let vite = fault_server(root.join("vite-remote/dist"), Vec::new());
    let webpack_out = root.join("webpack-remote");
    peer_build(&root, "webpack", "remote", &webpack_out, None);
    let webpack = fault_server(webpack_out.clone(), Vec::new());
    // The webpack remote's own copies of the shared packages, as its manifest lists them.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(webpack_out.join("mf-manifest.json")).unwrap())
            .unwrap();
    let webpack_own: Vec<String> = manifest["shared"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| ["sync", "async"].map(|when| s["assets"]["js"][when].clone()))
        .flat_map(|files| files.as_array().unwrap().clone())
        .map(|f| format!("/{}", f.as_str().unwrap()))
        .collect();
    assert!(!webpack_own.is_empty(), "{manifest:#}");

    let host = root.join("mfbundle-mixed-host");
    let config = std::fs::read_to_string(host.join("federation.toml")).unwrap();
    let vite_remote = format!(
        "\"viteRemote@http://127.0.0.1:{}/mf-manifest.json\"",
        vite.port
    );
    let webpack_remote = format!(
        "\"webpack_remote@http://127.0.0.1:{}/remoteEntry.js\"",
        webpack.port
    );
    build_with(
        &host,
        &config,
        &[("\"VITE\"", &vite_remote), ("\"WEBPACK\"", &webpack_remote)],
    );
    let port = serve(host.join("dist"));
    let page = open_index(port);
    let widgets = &page["results"]["widgets"];
    for by in ["Vite", "webpack (enhanced)"] {
        assert_eq!(widgets[by]["count"], 1, "{by}: {page:#}");
        assert_eq!(widgets[by]["sameReact"], true, "{by}: {page:#}");
    }
    let vite_log = vite.log();
    assert!(
        !vite_log.iter().any(|p| p.contains("prebuild__react")),
        "{vite_log:?}"
    );
    let webpack_log = webpack.log();
    for own in &webpack_own {
        assert!(!webpack_log.contains(own), "{own} in {webpack_log:?}");
    }
}

/// mf-manifest.json and mf-stats.json type-check as the real `@module-federation/sdk`
/// `Manifest` and `Stats` (the fixture's sdk 2.9.2, with the TypeScript the dts-plugin
/// brings): object literals, so a missing field, a wrong type or a field the sdk does not
/// know is an error. Checked with a broken copy too, so that the check can fail.
#[test]
fn manifests_type_check_as_the_sdk_types() {
    let (_tmp, root) = fixture_copy();
    let remote = root.join("mfbundle-remote");
    // With its SSR container, so that `ssrRemoteEntry` is checked too.
    let template = std::fs::read_to_string(remote.join("federation.toml")).unwrap();
    build_with(&remote, &format!("ssr = true\n{template}"), &[]);
    let read = |name: &str| std::fs::read_to_string(remote.join("dist").join(name)).unwrap();
    let (manifest, stats) = (read("mf-manifest.json"), read("mf-stats.json"));
    let check = |manifest: &str, stats: &str| {
        std::fs::write(
            root.join("check-manifest.ts"),
            format!(
                "import type {{ Manifest, Stats }} from \"@module-federation/sdk\";\n\
                 export const manifest: Manifest = {manifest};\n\
                 export const stats: Stats = {stats};\n"
            ),
        )
        .unwrap();
        std::process::Command::new("node")
            .arg(root.join("node_modules/typescript/bin/tsc"))
            .args(["--noEmit", "--strict", "--skipLibCheck"])
            .args(["--module", "nodenext", "--moduleResolution", "nodenext"])
            .arg("check-manifest.ts")
            .current_dir(&root)
            .output()
            .unwrap()
    };
    let o = check(&manifest, &stats);
    assert!(
        o.status.success(),
        "{}{}\n{manifest}",
        text(&o.stdout),
        text(&o.stderr)
    );
    let m: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    assert_eq!(m["metaData"]["remoteEntry"]["type"], "module");
    assert!(m["metaData"]["types"].is_object(), "{m:#}");
    assert_eq!(m["metaData"]["ssrRemoteEntry"]["path"], "ssr", "{m:#}");
    let react = m["shared"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "react")
        .unwrap();
    assert_eq!(react["singleton"], true, "{m:#}");
    assert_eq!(react["version"], "19.2.4", "{m:#}");
    // A host's manifest (manifest = true, no exposes): no entry, its remotes and shared.
    let host = root.join("mfbundle-host");
    let template = std::fs::read_to_string(host.join("federation.toml")).unwrap();
    build_with(
        &host,
        &format!("manifest = true\n{template}"),
        &[("REMOTE", "http://127.0.0.1:9/remoteEntry.js")],
    );
    let read_host = |name: &str| std::fs::read_to_string(host.join("dist").join(name)).unwrap();
    let (host_manifest, host_stats) = (read_host("mf-manifest.json"), read_host("mf-stats.json"));
    let o = check(&host_manifest, &host_stats);
    assert!(o.status.success(), "{}\n{host_manifest}", text(&o.stdout));
    let h: serde_json::Value = serde_json::from_str(&host_manifest).unwrap();
    assert_eq!(h["metaData"]["remoteEntry"]["name"], "", "{h:#}");
    assert_eq!(h["remotes"][0]["alias"], "app2", "{h:#}");
    assert_eq!(h["exposes"], serde_json::json!([]), "{h:#}");
    assert!(
        h["shared"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["name"] == "react"),
        "{h:#}"
    );

    let broken = manifest.replacen("\"singleton\": true", "\"singleton\": \"yes\"", 1);
    assert_ne!(broken, manifest);
    assert!(
        !check(&broken, &stats).status.success(),
        "a wrong type passes"
    );
}

/// Runs `node <args>` in `dir` and reads the one JSON line it prints.
fn node_json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let o = std::process::Command::new("node")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "node {args:?}: {}", text(&o.stderr));
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("node {args:?}: {e}: {}{}", text(&o.stdout), text(&o.stderr)))
}

/// `ssr = true`: the mfbundle remote also writes a Node container (CommonJS) to dist/ssr,
/// named by mf-manifest.json's `metaData.ssrRemoteEntry`. In Node, the real MF 2.0 runtime
/// (`@module-federation/runtime`) given the manifest URL loads that entry over HTTP, the
/// container fetches its chunks from there, and the widget renders to HTML on the host's
/// React (a second React would make its useState throw) and the host's loaded ui-kit
/// (MF 2.0 keeps a loaded singleton); an mfbundle Node host does the same with
/// `name@<manifest URL>`, where the remote's newer ui-kit wins (neither side loaded one),
/// and its React too (equal versions: the larger build name). Neither fetches a browser
/// file. A chunk that fails once is fetched again by the next import, one that hangs fails
/// after chunkLoadTimeout; with the remote's server down, the import rejects.
#[test]
fn ssr_remote_entry_renders_in_node_hosts_mf2_runtime_and_mfbundle() {
    let (_tmp, root) = fixture_copy();
    let remote = root.join("mfbundle-remote");
    let template = std::fs::read_to_string(remote.join("federation.toml")).unwrap();
    // chunkLoadTimeout: the hung chunk below fails after 1.5 s.
    build_with(
        &remote,
        &format!("ssr = true\nchunkLoadTimeout = 1500\n{template}"),
        &[],
    );
    let dist = remote.join("dist");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dist.join("mf-manifest.json")).unwrap())
            .unwrap();
    assert_eq!(
        manifest["metaData"]["ssrRemoteEntry"],
        serde_json::json!({ "name": "remoteEntry.js", "path": "ssr", "type": "commonjs-module" }),
        "{manifest:#}"
    );
    // A CommonJS container: Node's require gives its get and init.
    let o = std::process::Command::new("node")
        .args([
            "-e",
            "const c = require(process.argv[1]); console.log(typeof c.get, typeof c.init)",
        ])
        .arg(dist.join("ssr/remoteEntry.js"))
        .output()
        .unwrap();
    assert_eq!(
        text(&o.stdout),
        "function function\n",
        "{}",
        text(&o.stderr)
    );
    assert_eq!(
        manifest["metaData"]["remoteEntry"]["type"], "module",
        "the browser entry is unchanged"
    );

    let server = fault_server(dist.clone(), Vec::new());
    let url = format!("http://127.0.0.1:{}/mf-manifest.json", server.port);
    // `react`: the remote's React wins (equal versions: the larger build name, as in webpack;
    // the MF 2.0 host's is loaded, which MF 2.0 keeps).
    let check = |out: &serde_json::Value, label: &str, kit: &str, react: bool, log: &[String]| {
        let html = out["html"]
            .as_str()
            .unwrap_or_else(|| panic!("{out:#} {log:?}"));
        let want = format!("Rendered by the mfbundle remote for {label}: React 19.2.4, count 0");
        assert!(html.contains(&want), "missing {want:?} in {html}");
        assert_eq!(
            out["kitEvaluations"],
            serde_json::json!([kit]),
            "the ui-kit singleton, once: {out:#}"
        );
        assert!(log.iter().any(|p| p == "/ssr/remoteEntry.js"), "{log:?}");
        assert!(
            log.iter().any(|p| p.starts_with("/ssr/expose-Widget.")),
            "the exposed module's chunk came over HTTP: {log:?}"
        );
        assert_eq!(
            log.iter().any(|p| p.starts_with("/ssr/ui-kit.")),
            kit == "1.1.0",
            "the remote's ui-kit chunk is fetched when it wins: {log:?}"
        );
        for p in log {
            assert!(
                p == "/mf-manifest.json" || p.starts_with("/ssr/"),
                "a browser file in Node: {p} ({log:?})"
            );
        }
        assert_eq!(
            log.iter().any(|p| p.starts_with("/ssr/react.")),
            react,
            "the remote's React: {log:?}"
        );
    };

    // The MF 2.0 runtime in Node.
    let mf2 = node_json(&root, &["ssr-mf2-host.cjs", &url]);
    check(
        &mf2,
        "a Node MF 2.0 host",
        "1.0.0 (host)",
        false,
        &server.log(),
    );

    // A chunk whose server never answers: the SSR container gives up after chunkLoadTimeout.
    let hung = fault_server(
        dist.clone(),
        vec![("/ssr/expose-Widget.*.js".into(), Fault::Hang)],
    );
    let hung_url = format!("http://127.0.0.1:{}/mf-manifest.json", hung.port);
    let out = node_json(&root, &["ssr-mf2-host.cjs", &hung_url]);
    let error = out["error"].as_str().unwrap_or_else(|| panic!("{out:#}"));
    assert!(error.contains("(timeout)"), "{error}");

    // An mfbundle host built for Node.
    let host = root.join("mfbundle-host");
    let node_config = std::fs::read_to_string(host.join("federation.node.toml")).unwrap();
    // `remote`: what app2 is, in place of "mfbundle_remote@REMOTE".
    let build_node_host = |remote: &str| {
        std::fs::write(
            host.join("federation.node.toml"),
            node_config.replace("\"mfbundle_remote@REMOTE\"", &format!("{remote:?}")),
        )
        .unwrap();
        let o = mfbundle()
            .arg("build")
            .arg(&host)
            .args(["--config"])
            .arg(host.join("federation.node.toml"))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", text(&o.stderr));
    };
    build_node_host(&format!("mfbundle_remote@{url}"));
    let before = server.log().len();
    let out = node_json(&host, &["dist-node/main.js"]);
    check(
        &out,
        "an mfbundle Node host",
        "1.1.0",
        true,
        &server.log()[before..],
    );
    assert_eq!(out["retried"], false, "{out:#}");

    // A chunk that fails once: that import rejects, the next one fetches it again.
    let flaky = fault_server(
        dist.clone(),
        vec![("/ssr/expose-Widget.*.js".into(), Fault::FailOnce(500))],
    );
    build_node_host(&format!(
        "mfbundle_remote@http://127.0.0.1:{}/mf-manifest.json",
        flaky.port
    ));
    let out = node_json(&host, &["dist-node/main.js"]);
    assert_eq!(out["retried"], true, "{out:#} {:?}", flaky.log());
    check(&out, "an mfbundle Node host", "1.1.0", true, &flaky.log());
    let widget_chunk = flaky
        .log()
        .into_iter()
        .filter(|p| p.starts_with("/ssr/expose-Widget."))
        .count();
    assert_eq!(widget_chunk, 2, "{:?}", flaky.log());

    // The SSR entry named directly: `commonjs-module <url>` (its chunks from that URL).
    build_node_host(&format!(
        "commonjs-module http://127.0.0.1:{}/ssr/remoteEntry.js",
        server.port
    ));
    let before = server.log().len();
    let out = node_json(&host, &["dist-node/main.js"]);
    let log = server.log()[before..].to_vec();
    assert!(!log.contains(&"/mf-manifest.json".to_string()), "{log:?}");
    check(&out, "an mfbundle Node host", "1.1.0", true, &log);

    // The remote's server down: the import rejects, the process does not hang.
    build_node_host(&format!(
        "mfbundle_remote@http://127.0.0.1:{}/mf-manifest.json",
        dead_port()
    ));
    let out = node_json(&host, &["dist-node/main.js"]);
    assert!(out["error"].is_string(), "{out:#}");
}
