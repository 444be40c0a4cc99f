//! Against peers, in the same run: lodash-es imported as `{ debounce, chunk }` (not shared)
//! keeps exactly the lodash-es modules esbuild and rolldown keep (pinned in bench/), and,
//! with scope hoisting, is no larger than rolldown's output once the same minifier
//! (esbuild's) has run over both.

mod support;

use support::*;

#[test]
fn lodash_named_imports_keep_the_same_modules_as_esbuild_and_rolldown() {
    let tmp = tempfile::tempdir().unwrap();
    let project = repo_root().join("fixtures/interop/two-apps-tree-shaking/not-shared");
    let out = tmp.path().join("dist");
    let o = mfbundle()
        .arg("build")
        .arg(&project)
        .arg("--out-dir")
        .arg(&out)
        .arg("-q")
        // The kept modules are read from the readable output's module comments; the sizes
        // below come from one minifier (esbuild's) run over every tool's output.
        .arg("--no-minify")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let run = run_node(&out.join("main.js"), &project);
    assert_eq!(
        text(&run.stdout),
        "function [[1,2],[3]]\n",
        "{}",
        text(&run.stderr)
    );

    let o = std::process::Command::new("node")
        .arg(repo_root().join("tests/peers/lodash_modules.mjs"))
        .arg(project.join("src/index.js"))
        .arg(out.join("main.js"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let modules = |tool: &str| v[tool]["modules"].as_array().cloned().unwrap_or_default();
    assert_eq!(modules("mfbundle").len(), 24, "{v}");
    assert_eq!(modules("mfbundle"), modules("esbuild"), "{v}");
    assert_eq!(modules("mfbundle"), modules("rolldown"), "{v}");
    println!(
        "lodash-es {{ debounce, chunk }}: 24 of 644 modules in all three; minified bytes: mfbundle {}, esbuild {}, rolldown {}",
        v["mfbundle"]["minified"], v["esbuild"]["minified"], v["rolldown"]["minified"]
    );
    let minified = |tool: &str| v[tool]["minified"].as_u64().unwrap_or(0);
    assert!(minified("rolldown") > 0, "{v}");
    assert!(
        minified("mfbundle") <= minified("rolldown"),
        "minified, mfbundle is larger than rolldown: {v}"
    );
}
