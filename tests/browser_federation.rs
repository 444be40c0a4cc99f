//! Two mfbundle apps in headless Chromium, served from two loopback ports: the host page shows
//! the remote's widget, rendered with the ui-kit singleton the host provides (one copy on the
//! page); with the remote unreachable the host shows its fallback instead of a blank page.
//! The apps are examples/federation, built here with the remote's URL pointed at the port
//! the test serves it on.

mod support;

use std::net::TcpListener;
use std::path::Path;

use support::*;

fn build(dir: &Path) {
    let o = mfbundle().arg("build").arg(dir).output().unwrap();
    assert!(o.status.success(), "{}: {}", dir.display(), text(&o.stderr));
}

/// Rewrites the host's remote URL from port `from` to port `to`.
fn point_host_at(host: &Path, from: u16, to: u16) {
    let config = host.join("federation.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let text = text.replace(&format!("127.0.0.1:{from}"), &format!("127.0.0.1:{to}"));
    std::fs::write(config, text).unwrap();
}

#[test]
fn host_renders_remote_widget_with_one_shared_singleton_and_survives_a_dead_remote() {
    let tmp = tempfile::tempdir().unwrap();
    let apps = tmp.path().join("federation");
    let status = std::process::Command::new("cp")
        .arg("-a")
        .arg(repo_root().join("examples/federation"))
        .arg(&apps)
        .status()
        .unwrap();
    assert!(status.success());
    let remote = apps.join("remote");
    let host = apps.join("host");
    build(&remote);
    let remote_port = serve(remote.clone());
    point_host_at(&host, 3002, remote_port);
    build(&host);
    let host_port = serve(host.clone());

    let dom = dump_dom(&format!("http://127.0.0.1:{host_port}/index.html"));
    for want in [
        "The host renders this card itself.",
        "Rendered by the remote with ui-kit 1.2.0",
        "ui-kit evaluated 1 time(s)",
    ] {
        assert!(dom.contains(want), "missing {want:?} in:\n{dom}");
    }

    // The remote's server is gone: a port nothing listens on.
    let dead_port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
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
