//! Two apps, one page, sharing lodash-es with `treeShaking = true`: app A uses `debounce`,
//! app B uses `chunk` (fixtures/interop/two-apps-tree-shaking). Both containers register
//! into one share scope; whichever runs first, both apps work, each taking a shaken copy that
//! covers what it needs and never the 600 KB full copy. After `analyze --merge` and a
//! rebuild with the union, both take the same shaken copy. In Node and in headless Chromium.

mod support;

use std::path::{Path, PathBuf};

use support::*;

const A_LINE: &str = "app-a: debounce let 1 of 3 calls through";
const B_LINE: &str = "app-b: chunk [[1,2],[3,4],[5]]";

fn scenario() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("two-apps");
    copy_dir(
        &repo_root().join("fixtures/interop/two-apps-tree-shaking"),
        &dir,
    );
    (tmp, dir)
}

fn build(app: &Path, target: &str, out: &str, union: Option<&Path>) {
    let mut cmd = mfbundle();
    cmd.arg("build")
        .arg(app)
        .args(["--target", target, "--quiet", "--out-dir"])
        .arg(app.join(out));
    if let Some(u) = union {
        cmd.arg("--shared-used-exports").arg(u);
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}: {}", app.display(), text(&o.stderr));
}

fn build_both(dir: &Path, target: &str, out: &str, union: Option<&Path>) {
    build(&dir.join("app-a"), target, out, union);
    build(&dir.join("app-b"), target, out, union);
}

/// `analyze --json` of both apps, merged into UNION.json.
fn union(dir: &Path) -> PathBuf {
    let mut reports = Vec::new();
    for app in ["app-a", "app-b"] {
        let report = dir.join(format!("{app}.json"));
        let o = mfbundle()
            .arg("analyze")
            .arg(dir.join(app))
            .arg("--json")
            .arg(&report)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", text(&o.stderr));
        reports.push(report);
    }
    let out = dir.join("union.json");
    let o = mfbundle()
        .args(["analyze", "--merge"])
        .args(&reports)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(
        v["shared_used_exports"][0]["used_exports"],
        serde_json::json!(["chunk", "debounce"]),
        "{v}"
    );
    out
}

/// (app lines, loaded chunk names, shared bytes) from the Node harness.
fn run_node_page(dir: &Path, order: &str, dist: &str) -> (Vec<String>, Vec<String>, u64) {
    let o = std::process::Command::new("node")
        .arg(dir.join("harness.cjs"))
        .args([order, dist])
        .current_dir(dir)
        .output()
        .unwrap();
    let out = text(&o.stdout);
    assert!(o.status.success(), "{out}{}", text(&o.stderr));
    assert!(text(&o.stderr).is_empty(), "warnings: {}", text(&o.stderr));
    let mut lines: Vec<String> = out.lines().map(String::from).collect();
    let bytes = lines
        .pop()
        .and_then(|l| l.strip_prefix("shared bytes: ")?.parse().ok())
        .expect("shared bytes line");
    let chunks = lines
        .pop()
        .and_then(|l| l.strip_prefix("chunks: ").map(String::from))
        .expect("chunks line");
    (lines, chunks.split(' ').map(String::from).collect(), bytes)
}

fn shaken_copies(chunks: &[String]) -> Vec<&String> {
    chunks
        .iter()
        .filter(|c| c.ends_with("/lodash-shaken.js"))
        .collect()
}

fn no_full_copy(chunks: &[String]) {
    assert!(
        !chunks.iter().any(|c| c.ends_with("/lodash.js")),
        "the full copy was loaded: {chunks:?}"
    );
}

#[test]
fn two_apps_in_node_each_get_a_covering_copy_and_one_copy_after_merge() {
    let (_tmp, dir) = scenario();
    build_both(&dir, "node", "dist-node", None);
    for order in ["ab", "ba"] {
        let (lines, chunks, _) = run_node_page(&dir, order, "dist-node");
        let want = if order == "ab" {
            [A_LINE, B_LINE]
        } else {
            [B_LINE, A_LINE]
        };
        assert_eq!(lines, want, "{order}");
        no_full_copy(&chunks);
        // B's copy (the entry's winner: "app_b" > "app_a") has no debounce, so A takes its own.
        assert_eq!(
            shaken_copies(&chunks),
            [
                "app-a/dist-node/lodash-shaken.js",
                "app-b/dist-node/lodash-shaken.js"
            ],
            "{order}"
        );
    }

    let union = union(&dir);
    build_both(&dir, "node", "dist-node", Some(&union));
    for order in ["ab", "ba"] {
        let (lines, chunks, bytes) = run_node_page(&dir, order, "dist-node");
        assert_eq!(lines.len(), 2);
        assert!(lines.contains(&A_LINE.to_string()) && lines.contains(&B_LINE.to_string()));
        no_full_copy(&chunks);
        assert_eq!(
            shaken_copies(&chunks),
            ["app-b/dist-node/lodash-shaken.js"],
            "{order}: one shaken copy for both apps"
        );
        // What the page loads of lodash-es: the bound is 20 KB unminified (Rspack 2's
        // experimental shaking: 19.6 KB; sharing without shaking: about 630 KB).
        assert!(
            bytes <= 20 * 1024,
            "{order}: {bytes} bytes of lodash loaded"
        );
        println!("{order}: one shaken copy, {bytes} bytes of lodash-es loaded");
    }

    // The build's own report says what was kept.
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("app-a/dist-node/share-usage.json")).unwrap(),
    )
    .unwrap();
    assert_valid_share_usage(&report);
    let m = &report["consume_shared_modules"][0];
    assert_eq!(
        m["tree_shaking"]["kept_exports"],
        serde_json::json!(["chunk", "debounce"])
    );
    assert_eq!(m["used_exports"], serde_json::json!(["debounce"]));
    let (full, shaken) = (
        m["sizes"]["fallback_bytes_full"].as_u64().unwrap(),
        m["sizes"]["fallback_bytes_shaken"].as_u64().unwrap(),
    );
    assert!(shaken * 20 < full, "shaken {shaken} vs full {full}");
}

fn chromium_page(dir: &Path, order: &str) -> String {
    let port = serve(dir.to_path_buf());
    let dom = dump_dom(&format!("http://127.0.0.1:{port}/index.html?order={order}"));
    assert!(dom.contains("done"), "the page did not finish:\n{dom}");
    dom
}

#[test]
fn two_apps_in_chromium_each_get_a_covering_copy_and_one_copy_after_merge() {
    let (_tmp, dir) = scenario();
    build_both(&dir, "web", "dist", None);
    for order in ["ab", "ba"] {
        let dom = chromium_page(&dir, order);
        assert!(dom.contains(A_LINE) && dom.contains(B_LINE), "{dom}");
        assert!(!dom.contains("/lodash.js"), "full copy loaded:\n{dom}");
        assert!(
            dom.contains("app-a/dist/lodash-shaken.js")
                && dom.contains("app-b/dist/lodash-shaken.js"),
            "{dom}"
        );
    }
    let union = union(&dir);
    build_both(&dir, "web", "dist", Some(&union));
    for order in ["ab", "ba"] {
        let dom = chromium_page(&dir, order);
        assert!(dom.contains(A_LINE) && dom.contains(B_LINE), "{dom}");
        assert!(!dom.contains("/lodash.js"), "full copy loaded:\n{dom}");
        assert!(
            dom.contains("app-b/dist/lodash-shaken.js")
                && !dom.contains("app-a/dist/lodash-shaken.js"),
            "{order}: one shaken copy expected:\n{dom}"
        );
    }
}
