//! examples/react (a React 19 + TypeScript host and remote) in headless Chromium, served from
//! two loopback ports: the host page shows its own UI and the remote's widget (React.lazy over
//! the remote's container), the widget is styled by the remote's CSS (a computed style the app
//! writes into the DOM), React is one instance on the page (the remote's `useState` is the
//! host's) and the design system was evaluated once; with the remote unreachable the host shows
//! its error boundary's fallback. Also the example's Node check (build.sh): the host's App
//! rendered to HTML in Node with the remote's widget loaded from the remote's Node container.

mod support;

use std::path::Path;

use support::*;

fn build(dir: &Path, config: Option<&str>) {
    let mut cmd = mfbundle();
    cmd.arg("build").arg(dir);
    if let Some(c) = config {
        cmd.arg("--config").arg(dir.join(c));
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}: {}", dir.display(), text(&o.stderr));
}

fn js_bytes(dist: &Path) -> u64 {
    list_files(dist)
        .iter()
        .filter(|f| f.ends_with(".js"))
        .map(|f| std::fs::metadata(dist.join(f)).unwrap().len())
        .sum()
}

#[test]
fn react_host_renders_styled_remote_widget_with_one_react_and_survives_a_dead_remote() {
    let (_tmp, apps) = example_copy();
    let remote = apps.join("remote");
    let host = apps.join("host");
    build(&remote, None);
    let remote_port = serve(remote.join("dist"));
    point_host_at(&host, 3002, remote_port);
    build(&host, None);
    // The pages are the builds' own (html = "./index.html"), served from outDir.
    let host_port = serve(host.join("dist"));
    eprintln!(
        "JS written: host {} bytes, remote {} bytes",
        js_bytes(&host.join("dist")),
        js_bytes(&remote.join("dist"))
    );

    let dom = dump_dom(&format!("http://127.0.0.1:{host_port}/index.html"));
    let remote_css = format!("href=\"http://127.0.0.1:{remote_port}/");
    for want in [
        // The host's own UI, styled by its CSS module.
        "React host on React 19.3.1",
        "title color rgb(37, 99, 235)",
        // The remote's component, rendered inside the host's React tree.
        "Rendered by the remote with React 19.3.1 and design-system 1.0.0",
        "alpha + beta",
        // Styled by the remote's CSS module, loaded from the remote's port.
        "data-color=\"rgb(200, 30, 90)\"",
        remote_css.as_str(),
        // One React and one design system on the page.
        "data-same-react=\"true\"",
        "design-system evaluated 1 time(s)",
    ] {
        assert!(dom.contains(want), "missing {want:?} in:\n{dom}");
    }
    assert!(!dom.contains("Remote unavailable"), "{dom}");
    // The scripts the page loaded (the host lists them once the widget is in): one copy of
    // React, of ReactDOM's client and of the design system, whichever build they came from,
    // and lodash-es's shaken copies, not the full one.
    let scripts = dom
        .split("scripts on this page: ")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap_or_else(|| panic!("no script list in:\n{dom}"));
    let loaded: Vec<&str> = scripts.split_whitespace().collect();
    eprintln!("scripts loaded by the host page: {loaded:?}");
    let count = |prefix: &str| loaded.iter().filter(|f| f.starts_with(prefix)).count();
    for (prefix, n) in [
        // entryFileNames = "[name].[contenthash].js": the page names the hashed file.
        ("main.", 1),
        ("remoteEntry.js", 1),
        ("react.", 1),
        ("react-dom.", 1),
        ("client.", 1),
        ("jsx-runtime.", 1),
        ("src.", 1),
        ("expose-Widget.", 1),
        ("lodash.", 0),
    ] {
        assert_eq!(count(prefix), n, "{prefix} in {loaded:?}");
    }

    // The remote's server is gone: a port nothing listens on.
    let dead_port = dead_port();
    point_host_at(&host, remote_port, dead_port);
    build(&host, None);
    let dom = dump_dom(&format!("http://127.0.0.1:{host_port}/index.html"));
    for want in [
        "React host on React 19.3.1",
        "Host clicks: 0",
        "Remote unavailable",
        "Loading script failed.",
    ] {
        assert!(dom.contains(want), "missing {want:?} in:\n{dom}");
    }
    assert!(!dom.contains("Rendered by the remote"), "{dom}");
}

#[test]
fn react_remote_runs_standalone() {
    let (_tmp, apps) = example_copy();
    let remote = apps.join("remote");
    build(&remote, None);
    let port = serve(remote.join("dist"));
    let dom = dump_dom(&format!("http://127.0.0.1:{port}/index.html"));
    for want in [
        "Remote (standalone)",
        "Rendered by the remote with React 19.3.1",
        "data-color=\"rgb(200, 30, 90)\"",
        "design-system evaluated 1 time(s)",
    ] {
        assert!(dom.contains(want), "missing {want:?} in:\n{dom}");
    }
}

/// build.sh's check: both apps built for Node, the host's App prerendered with the remote's
/// widget (React.lazy resolved through the remote's CommonJS container).
#[test]
fn react_host_renders_remote_widget_in_node() {
    let (_tmp, apps) = example_copy();
    build(&apps.join("remote"), Some("federation.node.toml"));
    build(&apps.join("host"), Some("federation.node.toml"));
    let o = run_node(&apps.join("host/dist-node/main.js"), &apps);
    let out = text(&o.stdout);
    assert!(o.status.success(), "{out}\n{}", text(&o.stderr));
    for want in [
        "React host on React 19.3.1",
        "Rendered by the remote with React 19.3.1 and design-system 1.0.0",
        "ssr check: host and remote rendered in Node",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
}
