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
    let dom = dump_dom(&format!("http://127.0.0.1:{host_port}/index.html"));
    for want in [
        "Rendered by the remote with ui-kit 1.2.0",
        "loaded by @module-federation/runtime",
    ] {
        assert!(dom.contains(want), "missing {want:?} in:\n{dom}");
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
