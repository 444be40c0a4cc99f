//! The command line as CI uses it: exit codes, JSON output, determinism, and what is left on
//! disk when a build fails.

mod support;

use support::*;

#[test]
fn identical_bytes_whatever_the_thread_count_and_directory() {
    // (folder copied, project built inside it, extra arguments)
    for (fixture, project, args) in [
        ("fixtures/browser/dynamic-import", ".", &[][..]),
        ("fixtures/semantics/dynamic-import-shared-chunk", ".", &[]),
        ("fixtures/packages/react-lodash", ".", &[]),
        ("fixtures/typescript/decorators", ".", &["--sourcemap"]),
        // TSX, CSS modules, assets, shared singletons, shaken lodash-es, source maps.
        ("examples/react", "remote", &["--sourcemap"]),
        ("examples/react", "host", &[]),
    ] {
        let src = repo_root().join(fixture);
        if (fixture.starts_with("fixtures/packages/") || fixture.starts_with("examples/"))
            && !src.join("node_modules").exists()
        {
            panic!("{fixture}: node_modules missing; run tests/setup.sh first");
        }
        let tmp = tempfile::tempdir().unwrap();
        let a = tmp.path().join("copy-a");
        let b = tmp.path().join("nested/elsewhere/copy-b");
        std::fs::create_dir_all(b.parent().unwrap()).unwrap();
        copy_dir(&src, &a);
        copy_dir(&src, &b);
        let out_a = tmp.path().join("out-a");
        let out_b = tmp.path().join("out-b");
        for (dir, out, threads) in [(&a, &out_a, "1"), (&b, &out_b, "4")] {
            let o = mfbundle()
                .arg("build")
                .arg(dir.join(project))
                .arg("--out-dir")
                .arg(out)
                .args(args)
                .env("RAYON_NUM_THREADS", threads)
                .output()
                .unwrap();
            assert!(o.status.success(), "{fixture}: {}", text(&o.stderr));
        }
        let fa = read_all(&out_a);
        let fb = read_all(&out_b);
        assert!(!fa.is_empty());
        assert_eq!(
            fa.iter().map(|f| &f.0).collect::<Vec<_>>(),
            fb.iter().map(|f| &f.0).collect::<Vec<_>>(),
            "{fixture}: file names"
        );
        for ((name, x), (_, y)) in fa.iter().zip(&fb) {
            assert!(x == y, "{fixture}: {name} differs between builds");
        }
    }
}

#[test]
fn missing_project_or_config_is_a_configuration_error() {
    let o = mfbundle()
        .args(["build", "/definitely/not/here"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr)
            .contains("error[MF2003]: project directory /definitely/not/here does not exist")
    );

    let empty = tempfile::tempdir().unwrap();
    let o = mfbundle().arg("build").arg(empty.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("error[MF2003]: cannot read configuration file federation.toml"),
        "{err}"
    );
    assert!(err.contains("hint: create federation.toml"), "{err}");
}

#[test]
fn usage_errors_exit_2_and_version_prints() {
    let o = mfbundle()
        .args(["build", "--mode", "fast"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("invalid value 'fast'"));
    let o = mfbundle().arg("--version").output().unwrap();
    assert!(o.status.success());
    assert!(text(&o.stdout).starts_with("mfbundle "));
}

/// `--json` says which name the build took, and from where: `name`, else the package.json
/// name (as webpack takes output.uniqueName).
#[test]
fn json_output_says_where_the_name_came_from() {
    let tmp = tempfile::tempdir().unwrap();
    for (fixture, value, from) in [
        (
            "shared-vs-webpack/name-from-package-json",
            "shop-app",
            "package.json",
        ),
        (
            "shared-vs-webpack/name-not-an-identifier",
            "@scope/shop-app",
            "federation.toml",
        ),
    ] {
        let o = mfbundle()
            .arg("build")
            .arg(repo_root().join("fixtures").join(fixture))
            .arg("--out-dir")
            .arg(tmp.path().join(from))
            .arg("--json")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", text(&o.stderr));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("stdout is JSON");
        assert_eq!(
            v["name"],
            serde_json::json!({"value": value, "from": from}),
            "{fixture}"
        );
    }
}

#[test]
fn json_output_lists_written_files_and_diagnostics() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    let fixture = repo_root().join("fixtures/semantics/dynamic-import-esm");
    let o = mfbundle()
        .arg("build")
        .arg(&fixture)
        .arg("--out-dir")
        .arg(&out)
        .arg("--json")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("stdout is JSON");
    assert_eq!(v["success"], true);
    assert_eq!(v["errors"], 0);
    let files = v["files"].as_array().unwrap();
    // Every file written, and the outDir marker beside them.
    assert_eq!(files.len() + 1, list_files(&out).len());
    assert!(out.join(".mfbundle-output").is_file());
    for f in files {
        let name = f["name"].as_str().unwrap();
        let size = std::fs::metadata(out.join(name)).unwrap().len();
        assert_eq!(f["size"].as_u64(), Some(size), "{name}");
        // --json measures the gzip'd size too: a gzip stream has 18 bytes of header and
        // trailer, and a runtime's worth of JavaScript shrinks.
        let gzip = f["gzipSize"].as_u64().expect("gzipSize with --json");
        assert!(gzip > 18, "{name}: {gzip}");
        if name.ends_with(".js") && size > 2000 {
            assert!(gzip < size, "{name}: {gzip} of {size}");
        }
    }

    // No `name`, no package.json: the build's name is the default.
    assert_eq!(
        v["name"],
        serde_json::json!({"value": "app", "from": "default"})
    );

    let bad = repo_root().join("fixtures/diagnostics/missing-export");
    let report = tmp.path().join("report.json");
    let o = mfbundle()
        .arg("build")
        .arg(&bad)
        .arg("--out-dir")
        .arg(tmp.path().join("bad-out"))
        .arg(format!("--json={}", report.display()))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(v["success"], false);
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "MF1004");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["location"]["file"], "src/index.mjs");
    assert_eq!(d["location"]["line"], 1);
    assert_eq!(d["location"]["column"], 10);
    assert_eq!(d["hint"], "did you mean \"format\"?");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("app");
    copy_dir(
        &repo_root().join("fixtures/semantics/named-imports"),
        &project,
    );
    let out = tmp.path().join("dist");
    let o = mfbundle()
        .arg("build")
        .arg(&project)
        .arg("--out-dir")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success());
    let before = read_all(&out);

    std::fs::write(project.join("src/math.mjs"), "export const PI = ;\n").unwrap();
    let o = mfbundle()
        .arg("build")
        .arg(&project)
        .arg("--out-dir")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        read_all(&out),
        before,
        "outDir changed after a failed build"
    );
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("mfbundle-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging directories left behind: {leftovers:?}"
    );
}

#[test]
fn unwritable_persistent_cache_is_a_warning_and_the_build_succeeds() {
    let tmp = tempfile::tempdir().unwrap();
    let blocker = tmp.path().join("a-file");
    std::fs::write(&blocker, "not a directory").unwrap();
    let fixture = repo_root().join("fixtures/semantics/named-imports");
    let out = tmp.path().join("dist");
    let o = mfbundle()
        .arg("build")
        .arg(&fixture)
        .arg("--out-dir")
        .arg(&out)
        .arg("--cache")
        .arg("--cache-dir")
        .arg(blocker.join("cache"))
        .output()
        .unwrap();
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("warning[MF3003]: cannot write the persistent cache"),
        "{err}"
    );
    assert!(err.contains("the output is written all the same"), "{err}");
    assert!(out.join("main.js").is_file());
    assert_eq!(
        std::fs::read_to_string(&blocker).unwrap(),
        "not a directory"
    );
}

#[test]
fn unwritable_out_dir_is_reported_not_panicked() {
    let tmp = tempfile::tempdir().unwrap();
    let blocker = tmp.path().join("a-file");
    std::fs::write(&blocker, "not a directory").unwrap();
    let fixture = repo_root().join("fixtures/semantics/named-imports");
    let o = mfbundle()
        .arg("build")
        .arg(&fixture)
        .arg("--out-dir")
        .arg(blocker.join("dist"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("error[MF3002]: cannot write"), "{err}");
}

#[test]
fn hostile_inputs_never_panic() {
    let deep = "[".repeat(5000);
    let deeper = format!("x = {}{};", "(".repeat(200_000), ")".repeat(200_000));
    let cases: &[(&str, &[u8])] = &[
        ("empty", b""),
        ("binary", &[0, 159, 146, 150, 255, 0, 1]),
        ("deep-nesting", deep.as_bytes()),
        ("deeper-than-the-limit", deeper.as_bytes()),
        ("unterminated", b"const s = `abc ${"),
        ("only-comment", b"/* never closed"),
        ("regex-mess", b"let r = /[/; x = 1 / / 2"),
        ("import-garbage", b"import { from 'x'; export * as from;"),
        (
            "bom-and-shebang",
            "\u{feff}#!/usr/bin/env node\nconsole.log(1)".as_bytes(),
        ),
        // Found by the `module` fuzzer (fuzz/regressions/module/): trips a debug assertion
        // in swc's parser (an arrow after a non-parameter in parentheses).
        ("arrow-after-number-in-parens", b"(a, 5 => b);\n"),
    ];
    for (name, source) in cases {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("src")).unwrap();
        std::fs::write(
            tmp.path().join("federation.toml"),
            "entry = \"./src/index.js\"\n",
        )
        .unwrap();
        std::fs::write(tmp.path().join("src/index.js"), source).unwrap();
        let o = mfbundle().arg("build").arg(tmp.path()).output().unwrap();
        let code = o.status.code();
        assert!(
            matches!(code, Some(0) | Some(1)),
            "{name}: exit {code:?}\n{}",
            text(&o.stderr)
        );
        assert!(
            !text(&o.stderr).contains("panicked"),
            "{name}: {}",
            text(&o.stderr)
        );
    }
}

#[test]
fn federation_toml_example_is_a_valid_configuration() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo_root().join("federation.toml.example"),
        tmp.path().join("federation.toml"),
    )
    .unwrap();
    std::fs::create_dir_all(tmp.path().join("src")).unwrap();
    std::fs::write(
        tmp.path().join("src/index.js"),
        "import { store } from \"./store.js\";\nconsole.log(process.env.API_URL, store);\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("src/store.js"),
        "export const store = \"shared store\";\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("src/Button.js"),
        "export default () => \"button\";\n",
    )
    .unwrap();
    // As written (a web build with a script remote): remoteEntry.js and the manifests.
    let web_out = tmp.path().join("web");
    let web = mfbundle()
        .arg("build")
        .arg(tmp.path())
        .arg("--out-dir")
        .arg(&web_out)
        .output()
        .unwrap();
    assert!(web.status.success(), "{}", text(&web.stderr));
    for f in [
        "main.js",
        "remoteEntry.js",
        "mf-manifest.json",
        "mf-stats.json",
        "ssr/remoteEntry.js",
        "ssr/mf-manifest.json",
    ] {
        assert!(web_out.join(f).exists(), "{f} missing");
    }
    // `ssr = true`: its Node container cannot load the script remote, and says so.
    let stderr = text(&web.stderr);
    assert!(
        stderr.contains("warning[MF4103]: remote \"app2\" is loaded with a script tag, which the ssr (Node) build cannot do"),
        "{stderr}"
    );
    // For Node (no script remotes there; `--target node` leaves `ssr` out), run it: define
    // and the path-keyed shared store.
    let config = tmp.path().join("federation.toml");
    let without_remote = std::fs::read_to_string(&config)
        .unwrap()
        .replace("app2 = \"app2@http://localhost:3002/remoteEntry.js\"", "");
    std::fs::write(&config, without_remote).unwrap();
    let o = mfbundle()
        .arg("build")
        .arg(tmp.path())
        .arg("--target")
        .arg("node")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let run = run_node(&tmp.path().join("dist/main.js"), tmp.path());
    assert_eq!(text(&run.stdout), "https://api.example.com shared store\n");
}

#[test]
fn timings_lists_every_stage() {
    let tmp = tempfile::tempdir().unwrap();
    let o = mfbundle()
        .arg("build")
        .arg(repo_root().join("fixtures/semantics/named-imports"))
        .arg("--out-dir")
        .arg(tmp.path().join("dist"))
        .arg("--timings")
        .output()
        .unwrap();
    assert!(o.status.success());
    let err = text(&o.stderr);
    for stage in [
        "scan",
        "parse",
        "resolve",
        "federation",
        "analysis",
        "codegen",
        "write",
        "total",
    ] {
        assert!(err.contains(stage), "{stage} missing from:\n{err}");
    }
}

#[test]
fn analyze_reports_provided_imported_and_used_exports_of_shared_modules() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path();
    let write = |rel: &str, body: &str| write_file(p, rel, body);
    write(
        "federation.toml",
        "name = \"app\"\nentry = \"./src/index.js\"\n\n[shared]\nutils = {}\n",
    );
    write(
        "package.json",
        r#"{"name":"app","version":"1.0.0","dependencies":{"utils":"^2.0.0"}}"#,
    );
    write(
        "node_modules/utils/package.json",
        r#"{"name":"utils","version":"2.1.0","type":"module","main":"index.js","sideEffects":false}"#,
    );
    write(
        "node_modules/utils/index.js",
        "export const debounce = 1;\nexport const chunk = 2;\nexport const map = 3;\nexport const unusedEverywhere = 4;\n",
    );
    write(
        "src/index.js",
        "import { debounce, map } from \"utils\";\nimport * as u from \"utils\";\nconsole.log(debounce, u.chunk);\n",
    );
    let o = mfbundle()
        .arg("analyze")
        .arg(p)
        .arg("--json")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(!p.join("dist").exists(), "analyze must not write chunks");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let r = &v["consume_shared_modules"][0];
    assert_eq!(r["share_key"], "utils");
    assert_eq!(r["version"], "2.1.0");
    assert_eq!(r["required_version"], "^2.0.0");
    assert_eq!(
        r["provided_exports"],
        serde_json::json!(["chunk", "debounce", "map", "unusedEverywhere"])
    );
    assert_eq!(r["used_exports"], serde_json::json!(["chunk", "debounce"]));
    assert_eq!(r["unused_imports"], serde_json::json!(["map"]));
    let action = |name: &str| {
        r["export_usage_details"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["export_name"] == name)
            .map(|d| (d["usage_state"].clone(), d["tree_shaking_action"].clone()))
            .unwrap()
    };
    assert_eq!(action("debounce"), ("Used".into(), "Keep".into()));
    assert_eq!(
        action("map"),
        ("ImportedButUnused".into(), "Eliminate".into())
    );
    assert_eq!(
        action("unusedEverywhere"),
        ("Unused".into(), "Eliminate".into())
    );
    assert_eq!(v["performance_metrics"]["consume_shared_modules"], 1);
    assert_valid_share_usage(&v);

    // A second app uses `map` of the same shared version: the merge unions the two.
    let report_a = p.join("a.json");
    std::fs::write(&report_a, &o.stdout).unwrap();
    write("src/index.js", "import { map } from \"utils\";\nmap;\n");
    let report_b = p.join("b.json");
    let o2 = mfbundle()
        .arg("analyze")
        .arg(p)
        .arg(format!("--json={}", report_b.display()))
        .output()
        .unwrap();
    assert!(o2.status.success(), "{}", text(&o2.stderr));
    let union_file = p.join("union.json");
    let m = mfbundle()
        .arg("analyze")
        .arg("--merge")
        .arg(&report_a)
        .arg(&report_b)
        .arg("-o")
        .arg(&union_file)
        .output()
        .unwrap();
    assert!(m.status.success(), "{}", text(&m.stderr));
    let union: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&union_file).unwrap()).unwrap();
    let entry = &union["shared_used_exports"][0];
    assert_eq!(entry["share_key"], "utils");
    assert_eq!(entry["version"], "2.1.0");
    assert_eq!(
        entry["used_exports"],
        serde_json::json!(["chunk", "debounce", "map"])
    );
    let bad = mfbundle()
        .arg("analyze")
        .arg("--merge")
        .arg(p.join("package.json"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("is not a share-usage report"));

    write(
        "src/index.js",
        "import { debounce, map } from \"utils\";\nimport * as u from \"utils\";\nconsole.log(debounce, u.chunk);\n",
    );
    let table = mfbundle().arg("analyze").arg(p).output().unwrap();
    let t = text(&table.stdout);
    assert!(t.contains("utils"), "{t}");
    assert!(
        t.contains("imported but unused:\n  utils map  (src/index.js:1)"),
        "{t}"
    );
}

/// Loads of side-effect-free consume-shared modules are marked `/*#__PURE__*/`: a minifier
/// (terser, from bench/node_modules, and mfbundle's own in production) drops the one whose
/// result nothing reads after tree shaking, and the minified build still runs.
#[test]
fn pure_consume_loads_are_dropped_by_a_minifier() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    copy_dir(&repo_root().join("fixtures/shared/pure-annotations"), &dir);
    let o = mfbundle()
        .arg("build")
        .arg(&dir)
        .arg("-q")
        // Path ids, so that the loads can be counted by the consume's name.
        .args(["--module-ids", "named"])
        .arg("--out-dir")
        .arg(dir.join("dist-minified"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let own = dir.join("dist-minified/main.js");
    let minified = std::fs::read_to_string(&own).unwrap();
    // A load is a call with the key as its only argument, in whatever quotes.
    let loads = ["\"", "`", "'"]
        .iter()
        .map(|q| {
            let call = format!("({q}consume-shared/default/pure-kit@^1.0.0{q})");
            minified.matches(&call).count()
        })
        .sum::<usize>();
    assert_eq!(loads, 1, "{minified}");
    let o = run_node(&own, &dir);
    assert_eq!(
        text(&o.stdout),
        "used from the shared pure-kit function\n",
        "{}",
        text(&o.stderr)
    );

    let o = mfbundle()
        .arg("build")
        .arg(&dir)
        .arg("-q")
        .args(["--no-minify", "--module-ids", "named"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let main = dir.join("dist/main.js");
    let load = "(\"consume-shared/default/pure-kit@^1.0.0\")";
    let before = std::fs::read_to_string(&main).unwrap();
    assert_eq!(before.matches(load).count(), 2, "{before}");
    let terser = repo_root().join("bench/node_modules/terser/bin/terser");
    let min = dir.join("dist/main.min.js");
    let o = std::process::Command::new("node")
        .arg(&terser)
        .arg(&main)
        .args(["--compress", "--mangle", "-o"])
        .arg(&min)
        .output()
        .unwrap();
    assert!(o.status.success(), "terser: {}", text(&o.stderr));
    let after = std::fs::read_to_string(&min).unwrap();
    assert_eq!(after.matches(load).count(), 1, "{after}");
    for script in [&main, &min] {
        let o = run_node(script, &dir);
        assert_eq!(
            text(&o.stdout),
            "used from the shared pure-kit function\n",
            "{}",
            text(&o.stderr)
        );
    }
}

/// `build` and `analyze` run one front end: the same bad input gets the same diagnostic
/// (a bad `[define]` had no location in `analyze` once).
#[test]
fn build_and_analyze_report_the_same_front_end_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path();
    std::fs::create_dir(project.join("src")).unwrap();
    std::fs::write(project.join("src/index.js"), "console.log(1);\n").unwrap();
    std::fs::write(
        project.join("federation.toml"),
        "name = \"app\"\nentry = \"./src/index.js\"\n\n[define]\n\"process.env.X\" = \"(\"\n",
    )
    .unwrap();
    let run = |command: &str| {
        let o = mfbundle()
            .arg(command)
            .arg(project)
            .args(if command == "build" {
                vec!["--out-dir", "dist"]
            } else {
                vec![]
            })
            .current_dir(project)
            .output()
            .unwrap();
        (o.status.code(), text(&o.stderr))
    };
    let (build_code, build_err) = run("build");
    let (analyze_code, analyze_err) = run("analyze");
    assert_eq!(build_code, Some(2), "{build_err}");
    assert_eq!(analyze_code, Some(2), "{analyze_err}");
    let first = |s: &str| s.lines().take(2).collect::<Vec<_>>().join("\n");
    assert!(build_err.contains("--> federation.toml"), "{build_err}");
    assert_eq!(first(&build_err), first(&analyze_err));
}

/// Function and class names are kept in a file only when a project module in it reads a
/// `.name`: a package's own `.name` reads (React's component names in messages) get what
/// terser, SWC and esbuild give them, mangled names.
#[test]
fn names_are_kept_for_project_code_that_reads_them_not_for_packages() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path();
    let write = |rel: &str, body: &str| write_file(p, rel, body);
    write(
        "federation.toml",
        "entry = { main = \"./src/main.js\", other = \"./src/other.js\" }\ntarget = \"node\"\n",
    );
    write(
        "node_modules/namer/package.json",
        "{ \"name\": \"namer\", \"version\": \"1.0.0\", \"main\": \"index.js\" }\n",
    );
    write(
        "node_modules/namer/index.js",
        "function describePackageThing(f) { return typeof f; }\nmodule.exports = function packageCallsItsHelper() { return describePackageThing.name.length; };\n",
    );
    write(
        "src/main.js",
        "const namer = require(\"namer\");\nconsole.log(namer());\n",
    );
    write(
        "src/other.js",
        "function projectHelperName() {}\nconsole.log(projectHelperName.name);\n",
    );
    let o = mfbundle().arg("build").arg(p).arg("-q").output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let main = std::fs::read_to_string(p.join("dist/main.js")).unwrap();
    assert!(!main.contains("describePackageThing"), "{main}");
    let other = std::fs::read_to_string(p.join("dist/other.js")).unwrap();
    assert!(other.contains("projectHelperName"), "{other}");
    let o = run_node(&p.join("dist/other.js"), p);
    assert_eq!(text(&o.stdout), "projectHelperName\n");
}

/// Federated types' warnings (issue #20): a remote whose types cannot be fetched (MF5002,
/// `mfbundle types` still exits 0) and `compiler = "tsc"` without a tsc (MF5003: the
/// build falls back to isolated declarations and still publishes them).
#[test]
fn federated_types_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let dead = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let host = tmp.path().join("host");
    std::fs::create_dir_all(host.join("src")).unwrap();
    std::fs::write(host.join("src/index.ts"), "export const x: number = 1;\n").unwrap();
    std::fs::write(
        host.join("federation.toml"),
        format!("entry = \"./src/index.ts\"\n[remotes]\napp2 = \"app2@http://127.0.0.1:{dead}/remoteEntry.js\"\n"),
    )
    .unwrap();
    let o = mfbundle().arg("types").arg(&host).output().unwrap();
    let err = text(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.starts_with(&format!(
            "warning[MF5002]: types of remote `app2` from http://127.0.0.1:{dead}/@mf-types.zip: cannot fetch"
        )),
        "{err}"
    );
    assert!(
        err.contains("app2: kept the last types (0 files in @mf-types/app2/)"),
        "{err}"
    );
    assert!(!host.join("@mf-types").exists());

    let remote = tmp.path().join("remote");
    std::fs::create_dir_all(remote.join("src")).unwrap();
    std::fs::write(remote.join("src/api.ts"), "export const x: number = 1;\n").unwrap();
    std::fs::write(
        remote.join("federation.toml"),
        "name = \"remote\"\nentry = \"./src/api.ts\"\ntypes = { compiler = \"tsc\" }\n[exposes]\n\"./api\" = \"./src/api.ts\"\n",
    )
    .unwrap();
    let o = mfbundle().arg("build").arg(&remote).output().unwrap();
    let err = text(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.starts_with("warning[MF5003]: types: compiler = \"tsc\" but there is no node_modules/.bin/tsc in the project or above it\n  --> federation.toml\n"),
        "{err}"
    );
    let zip = std::fs::read(remote.join("dist/@mf-types.zip")).unwrap();
    assert!(!zip.is_empty());
}
