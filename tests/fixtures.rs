//! Every folder under `fixtures/` with a `federation.toml` is a test case: adding a case is
//! adding a folder. A case may hold:
//!
//! - `test.toml`: options (see [`Case`]); all optional.
//! - `expected_stderr.txt`: the exact diagnostics mfbundle prints (for failing builds).
//! - `expected_stdout.txt`: what running the bundle with Node prints. Without it, a Node-target
//!   case is differential: the source entry is run with `node` too and both outputs must match.
//!   With `compare_tsc`, the source is first compiled by the real `tsc` (TypeScript fixtures).
//! - `index.html`: with `browser = true`, the page headless Chromium opens; `expect_text` must
//!   appear in its DOM.
//! - `snapshot.snap`: every emitted file (runtime shown by name), reviewed as a diff;
//!   `INSTA_UPDATE=always cargo test --test fixtures` rewrites them.

mod support;

use std::path::Path;

use serde::Deserialize;
use support::*;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Case {
    /// Extra CLI arguments.
    #[serde(default)]
    args: Vec<String>,
    /// Expected exit status of `mfbundle build`.
    #[serde(default)]
    exit_code: i32,
    /// Run the entry bundle with Node (default: true for the node target).
    run: Option<bool>,
    /// Keep a snapshot of the output (default true).
    snapshot: Option<bool>,
    /// Run a development build too and require the same output (default: true for Node
    /// runs compared with the source run by Node, when the configuration does not choose
    /// its mode).
    development: Option<bool>,
    /// Open index.html in headless Chromium.
    #[serde(default)]
    browser: bool,
    /// Drive the page with puppeteer in real time, until it sets `window.__done` (workers
    /// run on their own threads, which `--dump-dom`'s virtual time does not wait for).
    #[serde(default)]
    real_time: bool,
    expect_text: Option<String>,
    /// The source entry Node runs for the differential check (default: the config's entry).
    source_entry: Option<String>,
    /// Build the fixture with the real webpack 5 too (tests/webpack, same `shared` options)
    /// and require identical stdout and stderr from both bundles in Node.
    #[serde(default)]
    compare_webpack: bool,
    /// Compile the fixture's TypeScript/JSX with the real `tsc` (tests/typescript/emit.cjs,
    /// one file at a time, CommonJS) and require the bundle to print what that prints.
    #[serde(default)]
    compare_tsc: bool,
    /// Build again with `--sourcemap` and check that the first `needle` in main.js maps back
    /// to `file:line:column` (Mozilla's source-map, tests/sourcemap).
    source_map: Option<SourceMapCheck>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceMapCheck {
    needle: String,
    file: String,
    line: u64,
    column: u64,
}

fn run_fixture(path: &Path) -> datatest_stable::Result<()> {
    let dir = &std::fs::canonicalize(path.parent().unwrap())?;
    let case: Case = match std::fs::read_to_string(dir.join("test.toml")) {
        Ok(t) => toml::from_str(&t)?,
        Err(_) => Case::default(),
    };
    let config_text = std::fs::read_to_string(path)?;
    let config: toml::Table = toml::from_str(&config_text).unwrap_or_default();
    let target_node = config.get("target").and_then(|t| t.as_str()) == Some("node")
        || case
            .args
            .windows(2)
            .any(|w| w[0] == "--target" && w[1] == "node");

    let out = tempfile::tempdir()?;
    let out_dir = out.path().join("dist");
    let build = build_case(dir, &out_dir, &case.args)?;
    let stderr = text(&build.stderr);
    let code = build.status.code().unwrap_or(-1);
    if code != case.exit_code {
        return Err(format!(
            "mfbundle exited {code}, expected {}\nstderr:\n{stderr}",
            case.exit_code
        )
        .into());
    }
    if let Ok(expected) = std::fs::read_to_string(dir.join("expected_stderr.txt"))
        && expected != stderr
    {
        return Err(
            format!("stderr differs\n--- expected\n{expected}\n--- actual\n{stderr}").into(),
        );
    }
    if code != 0 {
        if out_dir.exists() {
            return Err("a failed build must not write outDir".into());
        }
        return Ok(());
    }

    if case.compare_webpack {
        compare_with_webpack(dir, &config, &out_dir, out.path())?;
    }

    if case.run.unwrap_or(target_node) && !case.compare_webpack {
        let bundle = run_node(&out_dir.join("main.js"), dir);
        let actual = format!("{}{}", text(&bundle.stdout), exit_note(&bundle));
        let expected_file = std::fs::read_to_string(dir.join("expected_stdout.txt"));
        if case.compare_tsc {
            let oracle = run_tsc_output(dir, &config, out.path())?;
            if oracle != actual {
                return Err(format!(
                    "tsc's JavaScript and the bundle print different things\n--- tsc\n{oracle}\n--- bundle\n{actual}\n--- bundle stderr\n{}",
                    text(&bundle.stderr)
                )
                .into());
            }
        }
        let expected = match expected_file {
            Ok(e) => e,
            Err(_) if case.compare_tsc => actual.clone(),
            Err(_) => {
                let entry = case
                    .source_entry
                    .clone()
                    .or_else(|| main_entry(&config))
                    .ok_or("no entry")?;
                let source = run_node(&dir.join(entry), dir);
                if !source.status.success() {
                    return Err(format!(
                        "the source itself fails in Node:\n{}",
                        text(&source.stderr)
                    )
                    .into());
                }
                format!("{}{}", text(&source.stdout), exit_note(&source))
            }
        };
        same_output("bundle", &expected, &actual, &bundle)?;
        // Against Node's own run: a production-only expectation (expected_stdout.txt: what
        // tree shaking leaves, NODE_ENV) or a chosen mode is not compared.
        let mode_chosen = config.contains_key("mode") || case.args.iter().any(|a| a == "--mode");
        let against_node = !dir.join("expected_stdout.txt").exists() && !case.compare_tsc;
        if case.development.unwrap_or(against_node && !mode_chosen) {
            let dev = out.path().join("dev");
            let mut args = case.args.clone();
            args.extend(["--mode".to_string(), "development".to_string()]);
            let build = build_case(dir, &dev, &args)?;
            if !build.status.success() {
                return Err(format!("development build failed: {}", text(&build.stderr)).into());
            }
            let bundle = run_node(&dev.join("main.js"), dir);
            let actual = format!("{}{}", text(&bundle.stdout), exit_note(&bundle));
            same_output("development bundle", &expected, &actual, &bundle)?;
        }
    }

    if let Some(check) = &case.source_map {
        check_source_map(dir, check)?;
    }

    if case.browser {
        // The fixture's page (loading dist/...), or the one the build wrote in outDir (`html`).
        let site = if dir.join("index.html").exists() {
            std::fs::copy(dir.join("index.html"), out.path().join("index.html"))?;
            out.path()
        } else {
            out_dir.as_path()
        };
        let port = serve(site.to_path_buf());
        let url = format!("http://127.0.0.1:{port}/index.html");
        let dom = if case.real_time {
            page_text(&url)
        } else {
            dump_dom(&url)
        };
        let want = case
            .expect_text
            .as_deref()
            .ok_or("browser cases need expect_text")?;
        if !dom.contains(want) {
            return Err(format!("the page does not show {want:?}; DOM:\n{dom}").into());
        }
    }
    if case.snapshot.unwrap_or(true) {
        // The bundle above ran as built (minified, short module ids in production); the
        // snapshot is of the same build without minification and with path ids, which a
        // reviewer can read.
        let readable = out.path().join("readable");
        let mut args = case.args.clone();
        args.extend(["--no-minify".into(), "--module-ids".into(), "named".into()]);
        let build = build_case(dir, &readable, &args)?;
        if !build.status.success() {
            return Err(format!("the --no-minify build failed:\n{}", text(&build.stderr)).into());
        }
        let snapshot = snapshot_text(&readable);
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(std::fs::canonicalize(dir)?);
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!("snapshot", snapshot));
    }

    Ok(())
}

/// `mfbundle build DIR --out-dir OUT ARGS...`.
fn build_case(
    dir: &Path,
    out_dir: &Path,
    args: &[String],
) -> std::io::Result<std::process::Output> {
    mfbundle()
        .arg("build")
        .arg(dir)
        .arg("--out-dir")
        .arg(out_dir)
        .args(args)
        .output()
}

/// Builds `dir` with `--sourcemap` and reads main.js.map where `check.needle` is.
fn check_source_map(dir: &Path, check: &SourceMapCheck) -> datatest_stable::Result<()> {
    let tmp = tempfile::tempdir()?;
    let dist = tmp.path().join("dist");
    let build = mfbundle()
        .arg("build")
        .arg(dir)
        .arg("--out-dir")
        .arg(&dist)
        .arg("--sourcemap")
        // The needle is text as the renderer writes it; tests/source_maps.rs checks maps
        // through minification.
        .arg("--no-minify")
        .output()?;
    if !build.status.success() {
        return Err(format!("--sourcemap build failed: {}", text(&build.stderr)).into());
    }
    let o = std::process::Command::new("node")
        .arg(repo_root().join("tests/sourcemap/original_position.cjs"))
        .arg(dist.join("main.js"))
        .arg(&check.needle)
        .output()?;
    if !o.status.success() {
        return Err(format!("original_position.cjs: {}", text(&o.stderr)).into());
    }
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)?;
    let source = v["source"].as_str().unwrap_or("");
    let found = (v["line"].as_u64(), v["column"].as_u64());
    if !source.ends_with(&check.file) || found != (Some(check.line), Some(check.column)) {
        return Err(format!(
            "{:?} maps to {source}:{:?}:{:?}, expected {}:{}:{}",
            check.needle, found.0, found.1, check.file, check.line, check.column
        )
        .into());
    }
    Ok(())
}

/// Compiles the fixture with tsc (tests/typescript/emit.cjs, with the fixture's JSX options)
/// into `tmp`/tsc and runs its entry with Node: stdout plus an exit note.
fn run_tsc_output(dir: &Path, config: &toml::Table, tmp: &Path) -> datatest_stable::Result<String> {
    let oracle = repo_root().join("tests/typescript");
    if !oracle.join("node_modules/typescript").exists() {
        return Err("tests/typescript/node_modules is missing: run tests/setup.sh".into());
    }
    let emitted = tmp.join("tsc");
    let key = |k: &str| config.get(k).cloned();
    let options = serde_json::json!({
        "jsx": key("jsx").and_then(|v| v.as_str().map(String::from)),
        "jsxImportSource": key("jsxImportSource").and_then(|v| v.as_str().map(String::from)),
        "jsxFactory": key("jsxFactory").and_then(|v| v.as_str().map(String::from)),
        "jsxFragment": key("jsxFragment").and_then(|v| v.as_str().map(String::from)),
        // As mfbundle: jsxDev defaults to development mode.
        "jsxDev": key("jsxDev").and_then(|v| v.as_bool()).unwrap_or(
            key("mode").and_then(|v| v.as_str().map(|m| m == "development")) == Some(true)
        ),
    });
    let built = std::process::Command::new("node")
        .arg(oracle.join("emit.cjs"))
        .arg(dir)
        .arg(&emitted)
        .arg(options.to_string())
        .output()?;
    if !built.status.success() {
        return Err(format!(
            "tsc could not compile {}:\n{}",
            dir.display(),
            text(&built.stderr)
        )
        .into());
    }
    let entry = main_entry(config).ok_or("no entry")?;
    let js_entry = match entry.rsplit_once('.') {
        Some((stem, "mts")) => format!("{stem}.mjs"),
        Some((stem, "cts")) => format!("{stem}.cjs"),
        Some((stem, "ts" | "tsx" | "jsx")) => format!("{stem}.js"),
        _ => entry.clone(),
    };
    let o = run_node(&emitted.join(js_entry), &emitted);
    if !o.status.success() {
        return Err(format!("tsc's JavaScript fails in Node:\n{}", text(&o.stderr)).into());
    }
    Ok(format!("{}{}", text(&o.stdout), exit_note(&o)))
}

/// Builds `dir` with webpack (tests/webpack/build.cjs) and runs both bundles in Node: the
/// chosen versions, values, warnings and errors must be the same.
fn compare_with_webpack(
    dir: &Path,
    config: &toml::Table,
    ours: &Path,
    tmp: &Path,
) -> datatest_stable::Result<()> {
    let oracle = repo_root().join("tests/webpack");
    if !oracle.join("node_modules/webpack").exists() {
        return Err("tests/webpack/node_modules is missing: run tests/setup.sh".into());
    }
    let theirs = tmp.join("webpack-dist");
    let entry = main_entry(config).ok_or("no entry")?;
    build_with_webpack(dir, config, &theirs, tmp)?;
    let _ = entry;
    let a = run_node(&theirs.join("main.js"), dir);
    let b = run_node(&ours.join("main.js"), dir);
    let show = |o: &std::process::Output| {
        format!(
            "stdout:\n{}stderr:\n{}{}",
            text(&o.stdout),
            text(&o.stderr),
            exit_note(o)
        )
    };
    if show(&a) != show(&b) {
        return Err(format!(
            "webpack and mfbundle differ\n--- webpack\n{}\n--- mfbundle\n{}",
            show(&a),
            show(&b)
        )
        .into());
    }
    if let Ok(expected) = std::fs::read_to_string(dir.join("expected_stdout.txt"))
        && expected != text(&b.stdout)
    {
        return Err(format!("stdout differs from expected_stdout.txt\n{}", show(&b)).into());
    }
    Ok(())
}

/// Builds the project in `dir` with the real webpack 5 (tests/webpack/build.cjs), its
/// options taken from the same federation.toml.
fn build_with_webpack(
    dir: &Path,
    config: &toml::Table,
    out_dir: &Path,
    tmp: &Path,
) -> datatest_stable::Result<()> {
    build_with_peer("webpack", dir, config, out_dir, tmp)
}

/// Builds with a peer bundler: `webpack` (tests/webpack) or `rspack` (tests/rspack, its
/// ModuleFederationPluginV1), both from the same federation.toml.
fn build_with_peer(
    tool: &str,
    dir: &Path,
    config: &toml::Table,
    out_dir: &Path,
    tmp: &Path,
) -> datatest_stable::Result<()> {
    let oracle = repo_root().join("tests").join(tool);
    if !oracle.join("node_modules").exists() {
        return Err(format!("tests/{tool}/node_modules is missing: run tests/setup.sh").into());
    }
    let options = serde_json::json!({
        "context": dir,
        "outDir": out_dir,
        // None: a container alone (exposes without an entry).
        "entry": main_entry(config),
        "name": config.get("name").and_then(|v| v.as_str()),
        "shareScope": config.get("shareScope").and_then(|v| v.as_str()),
        "shared": serde_json::to_value(config.get("shared"))?,
        "exposes": serde_json::to_value(config.get("exposes"))?,
        "remotes": serde_json::to_value(config.get("remotes"))?,
        "remoteType": config.get("remoteType").and_then(|v| v.as_str()),
        "filename": config.get("filename").and_then(|v| v.as_str()),
        "library": serde_json::to_value(config.get("library"))?,
    });
    let options_file = tmp.join(format!("{tool}-options-{}.json", std::process::id()));
    std::fs::write(&options_file, serde_json::to_vec(&options)?)?;
    let built = std::process::Command::new("node")
        .arg(repo_root().join("tests/webpack/build.cjs"))
        .arg(&options_file)
        .arg(tool)
        .output()?;
    if !built.status.success() {
        return Err(format!(
            "{tool} build of {} failed:\n{}",
            dir.display(),
            text(&built.stderr)
        )
        .into());
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    /// Projects in build order: folder -> "mfbundle" or "webpack".
    build: Vec<(String, String)>,
    /// The project whose dist/main.js Node runs.
    run: String,
}

/// An interop scenario: several projects (folders with a federation.toml), each built by
/// mfbundle or by webpack into its own dist/, then one of them run in Node. Its stdout and
/// stderr must equal expected_stdout.txt / expected_stderr.txt.
fn run_interop(path: &Path) -> datatest_stable::Result<()> {
    let root = std::fs::canonicalize(path.parent().unwrap())?;
    let scenario: Scenario = toml::from_str(&std::fs::read_to_string(path)?)?;
    // Projects refer to each other's dist/ (commonjs-module ../../remote/dist/...): build in a
    // copy so that the fixture tree stays clean and tests can run in parallel.
    let tmp = tempfile::tempdir()?;
    let work = tmp.path().join("scenario");
    let status = std::process::Command::new("cp")
        .arg("-a")
        .arg(&root)
        .arg(&work)
        .status()?;
    if !status.success() {
        return Err("copying the scenario failed".into());
    }
    for (project, tool) in &scenario.build {
        let dir = work.join(project);
        let config: toml::Table =
            toml::from_str(&std::fs::read_to_string(dir.join("federation.toml"))?)?;
        match tool.as_str() {
            "mfbundle" => {
                let o = mfbundle().arg("build").arg(&dir).output()?;
                if !o.status.success() {
                    return Err(format!(
                        "mfbundle build of {project} failed:\n{}",
                        text(&o.stderr)
                    )
                    .into());
                }
            }
            "webpack" | "rspack" => {
                build_with_peer(tool, &dir, &config, &dir.join("dist"), tmp.path())?
            }
            other => return Err(format!("unknown tool {other}").into()),
        }
    }
    // `run` is a project (its dist/main.js runs) or a script of the scenario.
    let o = if scenario.run.ends_with(".cjs") || scenario.run.ends_with(".mjs") {
        run_node(&work.join(&scenario.run), &work)
    } else {
        let run_dir = work.join(&scenario.run);
        run_node(&run_dir.join("dist/main.js"), &run_dir)
    };
    let stdout = format!("{}{}", text(&o.stdout), exit_note(&o));
    let expected = std::fs::read_to_string(root.join("expected_stdout.txt")).unwrap_or_default();
    if stdout != expected {
        return Err(format!(
            "stdout differs\n--- expected\n{expected}\n--- actual\n{stdout}\n--- stderr\n{}",
            text(&o.stderr)
        )
        .into());
    }
    let expected_err =
        std::fs::read_to_string(root.join("expected_stderr.txt")).unwrap_or_default();
    if text(&o.stderr) != expected_err {
        return Err(format!(
            "stderr differs\n--- expected\n{expected_err}\n--- actual\n{}",
            text(&o.stderr)
        )
        .into());
    }
    Ok(())
}

/// `actual` (what `bundle` printed) is `expected`, or an error showing both.
fn same_output(
    what: &str,
    expected: &str,
    actual: &str,
    bundle: &std::process::Output,
) -> datatest_stable::Result<()> {
    if expected == actual {
        return Ok(());
    }
    Err(format!(
        "{what} output differs\n--- expected\n{expected}\n--- bundle\n{actual}\n--- bundle stderr\n{}",
        text(&bundle.stderr)
    )
    .into())
}

fn exit_note(o: &std::process::Output) -> String {
    if o.status.success() {
        String::new()
    } else {
        format!("[exit {}]\n", o.status.code().unwrap_or(-1))
    }
}

fn main_entry(config: &toml::Table) -> Option<String> {
    match config.get("entry")? {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Table(t) => match t.get("main")? {
            toml::Value::String(s) => Some(s.clone()),
            toml::Value::Array(a) => a.last()?.as_str().map(String::from),
            _ => None,
        },
        _ => None,
    }
}

/// Every emitted file under a header, with the runtime's files replaced by their names.
fn snapshot_text(out_dir: &Path) -> String {
    let mut s = String::new();
    // share-usage.json is data with its own tests (cli.rs, shared_tree_shaking.rs), and so is
    // the outDir marker (out_dir_safety.rs).
    for name in list_files(out_dir)
        .into_iter()
        .filter(|n| n != "share-usage.json" && n != mfbundle::write::MARKER)
    {
        let mut body = std::fs::read_to_string(out_dir.join(&name)).unwrap_or_default();
        let runtime = mfbundle::codegen::render_chunk::RUNTIME_FILES
            .iter()
            .chain(mfbundle::codegen::render_federation::RUNTIME_FILES.iter());
        for (file, code) in runtime {
            body = body.replace(code, &format!("/* <runtime {file}> */\n"));
        }
        s.push_str(&format!("---------- {name} ----------\n{body}\n"));
    }
    s
}

datatest_stable::harness! {
    { test = run_fixture, root = "fixtures", pattern = r"^(?!.*node_modules)(?!interop/).*federation\.toml$" },
    { test = run_interop, root = "fixtures", pattern = r"^interop/[^/]+/scenario\.toml$" },
}
