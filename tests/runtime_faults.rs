//! Run-time fault injection (issue #12, section 4): an mfbundle host whose remotes answer
//! 404 or 500, never answer, send half a script, throw in `init` or `get`, or fail once,
//! and whose own chunk fails once (and whose stylesheet never arrives), served by a
//! fault-injecting HTTP server on loopback (`fault_server` in tests/support). In headless
//! Chromium and in Node: the host keeps working, each failure reaches only the import that
//! needed it, its message names the remote and the URL, a load that hangs gives up after
//! `chunkLoadTimeout`, and importing again after a failure tries again.
//! The projects are tests/faults (its README says what each is).

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::*;

/// `chunkLoadTimeout` in the hosts' federation.toml.
const TIMEOUT_MS: u64 = 1500;
/// What a load that hangs may take beyond the timeout (a loaded CI machine).
const SLACK_MS: u64 = 8000;

fn build(dir: &Path, config: Option<&str>) {
    let mut cmd = mfbundle();
    cmd.arg("build").arg(dir).arg("--quiet");
    if let Some(c) = config {
        cmd.arg("--config").arg(dir.join(c));
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}: {}", dir.display(), text(&o.stderr));
}

/// tests/faults copied to a temporary directory, with `PORT` in the hosts' configuration
/// replaced by `port`.
fn projects(port: u16) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("faults");
    copy_dir(&repo_root().join("tests/faults"), &root);
    for host in ["web-host", "node-host"] {
        let config = root.join(host).join("federation.toml");
        let text = std::fs::read_to_string(&config).unwrap();
        std::fs::write(&config, text.replace(":PORT/", &format!(":{port}/"))).unwrap();
    }
    // The flaky container under a second name, for the remote that fails while the share
    // scope is initialised rather than in its own import.
    let flaky = std::fs::read_to_string(root.join("containers/flaky.js")).unwrap();
    write_file(
        &root,
        "containers/flakyscope.js",
        &flaky.replace("flaky", "flakyscope"),
    );
    (tmp, root)
}

/// The one file in `dir` whose name starts with `prefix` and ends with `suffix`.
fn file_named(dir: &Path, prefix: &str, suffix: &str) -> String {
    let found: Vec<String> = list_files(dir)
        .into_iter()
        .filter(|f| f.starts_with(prefix) && f.ends_with(suffix))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{prefix}*{suffix} in {}: {found:?}",
        dir.display()
    );
    found[0].clone()
}

/// The outcomes of the attempts named `name` (tests/faults/shared/attempts.js).
fn attempts<'a>(results: &'a Value, name: &str) -> &'a Vec<Value> {
    results[name]
        .as_array()
        .unwrap_or_else(|| panic!("no result for {name} in {results:#}"))
}

/// The remotes that failed once load on the next import, initialised with the host's share
/// scope: `flaky` (down on the first import) and `flakyscope` (down while the share scope
/// was initialised, which round 1 did not import: loaded again and initialised late).
fn assert_loaded_again(results: &Value, server: &FaultServer) {
    assert_ok(
        results,
        "flaky",
        1,
        "flaky ./Widget initialised with the host's share scope",
    );
    assert_ok(
        results,
        "flakyscope",
        0,
        "flakyscope ./Widget initialised with the host's share scope",
    );
    assert_eq!(
        server.requests("/containers/flakyscope.js"),
        2,
        "{:?}",
        server.log()
    );
}

fn assert_ok(results: &Value, name: &str, round: usize, value: &str) {
    let r = &attempts(results, name)[round];
    assert_eq!(r["ok"], true, "{name} (round {}): {r:#}", round + 1);
    assert_eq!(r["value"], value, "{name} (round {})", round + 1);
}

fn assert_failed(results: &Value, name: &str, round: usize, error_name: &str, message: &str) {
    let r = &attempts(results, name)[round];
    assert_eq!(r["ok"], false, "{name} (round {}): {r:#}", round + 1);
    assert_eq!(r["name"], error_name, "{name} (round {}): {r:#}", round + 1);
    assert_eq!(
        r["message"].as_str().unwrap_or_default(),
        message,
        "{name} (round {})",
        round + 1
    );
}

/// A load that hangs gave up, within the timeout and some slack.
fn assert_gave_up_in_time(results: &Value, name: &str) {
    let ms = attempts(results, name)[0]["ms"].as_u64().unwrap();
    assert!(
        ms <= TIMEOUT_MS + SLACK_MS,
        "{name} gave up after {ms} ms, chunkLoadTimeout is {TIMEOUT_MS}"
    );
}

fn while_loading(remote: &str, location: &str) -> String {
    format!("\nwhile loading \"./Widget\" from webpack/container/reference/{remote} ({location})")
}

/// The faults of the remotes both hosts load: one remote per way to fail.
fn remote_faults() -> Vec<(String, Fault)> {
    vec![
        ("/notfound/".into(), Fault::Status(404)),
        ("/servererror/".into(), Fault::Status(500)),
        ("/hang/".into(), Fault::Hang),
        ("/truncated/".into(), Fault::Truncate),
        ("/containers/flaky".into(), Fault::FailOnce(503)),
    ]
}

#[test]
fn browser_host_survives_every_remote_and_chunk_fault() {
    let puppeteer = puppeteer_dir();
    assert!(
        chromium_path().is_some(),
        "headless Chromium is required for browser tests: run tests/setup.sh"
    );
    // The port is needed to build the host, and the host's chunk names to set the rules:
    // reserve a port, build, then serve on it.
    let port = dead_port();
    let (_tmp, root) = projects(port);
    build(&root.join("remote"), None);
    write_file(
        &root,
        "truncated/remoteEntry.js",
        &std::fs::read_to_string(root.join("remote/dist/remoteEntry.js")).unwrap(),
    );
    let host = root.join("web-host");
    build(&host, None);
    let dist = host.join("dist");
    let lazy = format!("/web-host/dist/{}", file_named(&dist, "lazy", ".js"));
    let styled_css = format!("/web-host/dist/{}", file_named(&dist, "styled", ".css"));
    let server = fault_server_on(
        port,
        root.clone(),
        [
            remote_faults(),
            vec![
                (lazy.clone(), Fault::FailOnce(500)),
                (styled_css.clone(), Fault::Hang),
            ],
        ]
        .concat(),
    );

    let started = Instant::now();
    let out = Command::new("node")
        .arg(puppeteer.join("page.cjs"))
        .arg(format!("http://127.0.0.1:{port}/web-host/index.html"))
        .arg("30000")
        .current_dir(&puppeteer)
        .output()
        .unwrap();
    assert!(out.status.success(), "page.cjs: {}", text(&out.stderr));
    let page: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", text(&out.stdout)));
    assert_eq!(page["done"], true, "the page did not finish: {page:#}");
    assert!(started.elapsed() < Duration::from_secs(60));
    let r = &page["results"];
    let url = |path: &str| format!("http://127.0.0.1:{port}{path}");

    // The page's own work and the healthy remote, before and after the faults.
    let body = page["text"].as_str().unwrap();
    assert!(
        body.contains("host works") && body.contains("done"),
        "{body}"
    );
    assert_ok(r, "ok", 0, "ok: the widget of the healthy remote");
    assert_ok(r, "ok", 1, "ok: the widget of the healthy remote");

    // 404 and 500: webpack's ScriptExternalLoadError, with the remote and its URL; the
    // second import tries again (one more request) and says it once.
    for (name, path) in [
        ("notfound", "/notfound/remoteEntry.js"),
        ("servererror", "/servererror/remoteEntry.js"),
    ] {
        let u = url(path);
        let message = format!(
            "Loading script failed.\n(error: {u}){}",
            while_loading(name, &u)
        );
        assert_failed(r, name, 0, "ScriptExternalLoadError", &message);
    }
    let u = url("/notfound/remoteEntry.js");
    assert_failed(
        r,
        "notfound",
        1,
        "ScriptExternalLoadError",
        &format!(
            "Loading script failed.\n(error: {u}){}",
            while_loading("notfound", &u)
        ),
    );
    assert!(
        server.requests("/notfound/remoteEntry.js") >= 2,
        "the second import did not load the remote again: {:?}",
        server.log()
    );

    // Never answers: gives up after chunkLoadTimeout.
    let u = url("/hang/remoteEntry.js");
    assert_failed(
        r,
        "hang",
        0,
        "ScriptExternalLoadError",
        &format!(
            "Loading script failed.\n(timeout: {u}){}",
            while_loading("hang", &u)
        ),
    );
    assert_gave_up_in_time(r, "hang");

    // Half a script: a syntax error on the page, the container missing.
    let u = url("/truncated/remoteEntry.js");
    assert_failed(
        r,
        "truncated",
        0,
        "ScriptExternalLoadError",
        &format!(
            "Loading script failed.\n(missing: {u}){}",
            while_loading("truncated", &u)
        ),
    );

    // init throws: webpack's warning, naming the remote and URL; get still answers.
    let u = url("/containers/initthrows.js");
    let warning = format!(
        "Initialization of sharing external failed: Error: init exploded\nwhile initializing webpack/container/reference/initthrows ({u})"
    );
    let warnings: Vec<&str> = page["console"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["type"] == "warn" || m["type"] == "warning")
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert!(warnings.contains(&warning.as_str()), "{warnings:#?}");
    assert_ok(r, "initthrows", 0, "initthrows still serves ./Widget");

    // get throws: the error, naming the remote and URL.
    let u = url("/containers/getthrows.js");
    assert_failed(
        r,
        "getthrows",
        0,
        "Error",
        &format!("get exploded{}", while_loading("getthrows", &u)),
    );

    // Down once (503), then up: the first import fails, the second loads it again,
    // initialised with the host's share scope.
    let u = url("/containers/flaky.js");
    assert_failed(
        r,
        "flaky",
        0,
        "ScriptExternalLoadError",
        &format!(
            "Loading script failed.\n(error: {u}){}",
            while_loading("flaky", &u)
        ),
    );
    assert_loaded_again(r, &server);

    // The host's own chunk: webpack's ChunkLoadError, then loaded on the second import.
    assert_failed(
        r,
        "lazy",
        0,
        "ChunkLoadError",
        &format!("Loading chunk lazy failed.\n(error: {})", url(&lazy)),
    );
    assert_ok(r, "lazy", 1, "lazy chunk of the host");
    assert_eq!(server.requests(&lazy), 2, "{:?}", server.log());

    // A stylesheet that never arrives fails its chunk after the timeout.
    assert_failed(
        r,
        "styled",
        0,
        "ChunkLoadError",
        &format!(
            "Loading css chunk styled failed.\n(timeout: {})",
            url(&styled_css)
        ),
    );
    assert_gave_up_in_time(r, "styled");

    // Nothing escaped as an uncaught error but the truncated script's own syntax error
    // (once per time it was loaded).
    let errors: Vec<&str> = page["pageErrors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(
        !errors.is_empty() && errors.iter().all(|e| *e == "Unexpected end of input"),
        "{errors:#?}"
    );
}

#[test]
fn node_host_survives_every_remote_and_chunk_fault() {
    let port = dead_port();
    let (_tmp, root) = projects(port);
    let remote = root.join("remote");
    build(&remote, Some("federation.node.toml"));
    write_file(
        &root,
        "truncated/remoteEntry.js",
        &std::fs::read_to_string(remote.join("dist-node/remoteEntry.js")).unwrap(),
    );
    let host = root.join("node-host");
    build(&host, None);
    let server = fault_server_on(port, root.clone(), remote_faults());
    // The lazy chunk's file is missing until the host's second round puts it back.
    let dist = host.join("dist");
    let chunk = dist.join(file_named(&dist, "lazy", ".js"));
    std::fs::rename(&chunk, chunk.with_extension("js.hidden")).unwrap();

    let mut child = Command::new("node")
        .arg(dist.join("main.js"))
        .current_dir(&host)
        .env("FAULT_CHUNK", &chunk)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the Node host did not finish in 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.starts_with("host works\n"), "{stdout}");
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("RESULTS "))
        .unwrap_or_else(|| panic!("no results: {stdout}\n{stderr}"));
    let r: Value = serde_json::from_str(line).unwrap();
    let url = |path: &str| format!("http://127.0.0.1:{port}{path}");
    let over_http = |name: &str, path: &str| {
        format!(
            "promise globalThis.loadOverHttp(\"{name}\", \"{}\")",
            url(path)
        )
    };

    assert_ok(&r, "ok", 0, "ok: the widget of the healthy remote");
    assert_ok(&r, "ok", 1, "ok: the widget of the healthy remote");

    // A container file that is not there: Node's error, with the remote and the path.
    let missing = &attempts(&r, "missing")[0];
    let message = missing["message"].as_str().unwrap();
    assert!(
        message.starts_with("Cannot find module '../../nowhere/remoteEntry.js'")
            && message.ends_with(&while_loading("missing", "../../nowhere/remoteEntry.js")),
        "{missing:#}"
    );

    // Over HTTP: the loader's error, with the remote and the URL; tried again.
    for (name, status) in [("notfound", 404), ("servererror", 500)] {
        let path = format!("/{name}/remoteEntry.js");
        let message = format!(
            "HTTP {status} for {}{}",
            url(&path),
            while_loading(name, &over_http(name, &path))
        );
        assert_failed(&r, name, 0, "Error", &message);
    }
    let path = "/notfound/remoteEntry.js";
    let message = format!(
        "HTTP 404 for {}{}",
        url(path),
        while_loading("notfound", &over_http("notfound", path))
    );
    assert_failed(&r, "notfound", 1, "Error", &message);
    assert!(server.requests(path) >= 2, "{:?}", server.log());

    // A request that never answers: mfbundle gives up after chunkLoadTimeout.
    let where_ = over_http("hang", "/hang/remoteEntry.js");
    assert_failed(
        &r,
        "hang",
        0,
        "ScriptExternalLoadError",
        &format!(
            "Loading remote container failed.\n(timeout: {where_}){}",
            while_loading("hang", &where_)
        ),
    );
    assert_gave_up_in_time(&r, "hang");

    // Half a script: the syntax error, with the remote and URL.
    let t = &attempts(&r, "truncated")[0];
    assert_eq!(t["name"], "SyntaxError", "{t:#}");
    assert!(
        t["message"].as_str().unwrap().ends_with(&while_loading(
            "truncated",
            &over_http("truncated", "/truncated/remoteEntry.js")
        )),
        "{t:#}"
    );

    // init throws: the warning names the remote and the path; get still answers.
    assert!(
        stderr.contains(
            "Initialization of sharing external failed: Error: init exploded\nwhile initializing webpack/container/reference/initthrows (../../containers/initthrows.js)"
        ),
        "{stderr}"
    );
    assert_ok(&r, "initthrows", 0, "initthrows still serves ./Widget");
    assert_failed(
        &r,
        "getthrows",
        0,
        "Error",
        &format!(
            "get exploded{}",
            while_loading("getthrows", "../../containers/getthrows.js")
        ),
    );

    // Down once, then up.
    let path = "/containers/flaky.js";
    assert_failed(
        &r,
        "flaky",
        0,
        "Error",
        &format!(
            "HTTP 503 for {}{}",
            url(path),
            while_loading("flaky", &over_http("flaky", path))
        ),
    );
    assert_loaded_again(&r, &server);

    // The chunk file missing, then back: Node's error naming it, then loaded.
    let lazy = &attempts(&r, "lazy")[0];
    let chunk_name = chunk.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        lazy["ok"] == false && lazy["message"].as_str().unwrap().contains(&chunk_name),
        "{lazy:#}"
    );
    assert_ok(&r, "lazy", 1, "lazy chunk of the host");
}

/// `chunkLoadTimeout` is validated like every other key: a located MF2001, exit 2.
#[test]
fn chunk_load_timeout_must_be_a_whole_number_of_milliseconds() {
    for bad in ["-1", "1.5", "\"2s\"", "2147483648", "true"] {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path();
        write_file(
            p,
            "federation.toml",
            &format!("entry = \"./src/index.js\"\nchunkLoadTimeout = {bad}\n"),
        );
        write_file(p, "src/index.js", "import(\"./lazy.js\");\n");
        write_file(p, "src/lazy.js", "export default 1;\n");
        let o = mfbundle().arg("build").arg(p).output().unwrap();
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{bad}: {err}");
        assert!(
            err.contains("error[MF2001]: chunkLoadTimeout must be a whole number")
                && err.contains("federation.toml:2:"),
            "{bad}: {err}"
        );
    }
    for (good, want) in [
        ("", "var __mf_load_timeout__ = 120000;"),
        ("chunkLoadTimeout = 0\n", "var __mf_load_timeout__ = 0;"),
        (
            "chunkLoadTimeout = 2500\n",
            "var __mf_load_timeout__ = 2500;",
        ),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path();
        // The value is read back from the runtime's text: readable output.
        write_file(
            p,
            "federation.toml",
            &format!("entry = \"./src/index.js\"\nminify = false\n{good}"),
        );
        write_file(p, "src/index.js", "import(\"./lazy.js\");\n");
        write_file(p, "src/lazy.js", "export default 1;\n");
        build(p, None);
        let main = std::fs::read_to_string(p.join("dist/main.js")).unwrap();
        assert!(main.contains(want), "{good:?}: {main}");
    }
}
