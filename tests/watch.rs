//! `mfbundle build --watch` on a temporary project: rebuilds on change, re-parses only what
//! changed, keeps the last good output while a change has an error, applies configuration
//! changes, writes what a cold build writes, and exits cleanly on a signal.
//!
//! Every wait is bounded: on failure the watcher is killed (on drop) and the panic shows
//! everything it printed.

mod support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use support::*;

const TIMEOUT: Duration = Duration::from_secs(20);

enum Line {
    Out(String),
    Err(String),
}

struct Watcher {
    child: Child,
    lines: Receiver<Line>,
    /// Everything printed so far, for failure messages.
    log: Vec<String>,
    /// The JSON lines of stdout, one per build.
    json: Vec<serde_json::Value>,
}

impl Watcher {
    fn start(dir: &Path, extra: &[&str]) -> Watcher {
        Watcher::start_with_env(dir, extra, ("MFBUNDLE_WATCH_POLL", "0"))
    }

    fn start_with_env(dir: &Path, extra: &[&str], env: (&str, &str)) -> Watcher {
        let mut child = mfbundle()
            .env(env.0, env.1)
            .arg("build")
            .arg("--watch")
            .arg(dir)
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start mfbundle build --watch");
        let (tx, rx) = channel();
        let out = child.stdout.take().unwrap();
        let err = child.stderr.take().unwrap();
        let tx2 = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(Line::Out(line));
            }
        });
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let _ = tx2.send(Line::Err(line));
            }
        });
        Watcher {
            child,
            lines: rx,
            log: Vec::new(),
            json: Vec::new(),
        }
    }

    /// Waits (bounded) for a stderr line that starts with `prefix`; returns it.
    fn wait_err(&mut self, prefix: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(Line::Err(l)) => {
                    self.log.push(format!("stderr: {l}"));
                    if l.starts_with(prefix) {
                        return l;
                    }
                }
                Ok(Line::Out(l)) => {
                    self.log.push(format!("stdout: {l}"));
                    let v: serde_json::Value = serde_json::from_str(&l)
                        .unwrap_or_else(|e| panic!("stdout line is not JSON ({e}): {l}"));
                    self.json.push(v);
                }
                Err(_) => panic!(
                    "no stderr line starting with {prefix:?} within {TIMEOUT:?}; output:\n{}",
                    self.log.join("\n")
                ),
            }
        }
    }

    /// The JSON line of build `n`, waiting (bounded) for stdout to catch up.
    fn json_of(&mut self, n: u64) -> serde_json::Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(v) = self.json.iter().find(|v| v["watch"]["build"] == n) {
                return v.clone();
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(Line::Out(l)) => {
                    self.log.push(format!("stdout: {l}"));
                    self.json.push(serde_json::from_str(&l).unwrap());
                }
                Ok(Line::Err(l)) => self.log.push(format!("stderr: {l}")),
                Err(_) => panic!("no JSON line for build {n}:\n{}", self.log.join("\n")),
            }
        }
    }

    /// Sends `signal` and waits (bounded) for the exit; returns the exit code.
    fn stop(&mut self, signal: &str) -> Option<i32> {
        let status = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.child.id().to_string())
            .status()
            .unwrap();
        assert!(status.success(), "kill -{signal}");
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(
                Instant::now() < deadline,
                "the watcher did not exit within {TIMEOUT:?} of SIG{signal}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Watcher {
    /// Waits (bounded) for the next successful build, skipping failed ones (a burst of
    /// changes may be seen half-done); returns its line.
    fn wait_ok(&mut self) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            assert!(
                Instant::now() < deadline,
                "no successful build within {TIMEOUT:?}:\n{}",
                self.log.join("\n")
            );
            let line = self.wait_err("[watch] build ");
            if line.contains(" ok ") {
                return line;
            }
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn node(dir: &Path) -> String {
    let out = run_node(&dir.join("dist/main.js"), dir);
    assert!(
        out.status.success(),
        "node dist/main.js failed: {}",
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn config(greeting: &str) -> String {
    format!(
        "entry = \"./src/index.mjs\"\ntarget = \"node\"\n[define]\nGREETING = '\"{greeting}\"'\n"
    )
}

fn project(dir: &Path) {
    write_file(dir, "federation.toml", &config("hello"));
    write_file(
        dir,
        "src/index.mjs",
        "import { add } from \"./math.mjs\";\nimport { label } from \"./label.mjs\";\nconsole.log(GREETING, label, add(2, 3));\n",
    );
    write_file(
        dir,
        "src/math.mjs",
        "export function add(a, b) {\n  return a + b;\n}\n",
    );
    write_file(dir, "src/label.mjs", "export const label = \"sum:\";\n");
}

#[test]
fn rebuilds_on_change_keeps_last_good_output_and_matches_a_cold_build() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    project(&dir);
    let mut w = Watcher::start(&dir, &["--json"]);

    let line = w.wait_err("[watch] build 1 ");
    assert!(line.contains(" ok "), "{line}");
    assert!(line.contains("3 parsed, 0 reused"), "{line}");
    assert_eq!(node(&dir), "hello sum: 5\n");
    let first = w.json_of(1);
    assert_eq!(first["success"], true, "{first}");
    assert_eq!(first["modules"], 3, "{first}");

    // One module edited: rebuilt, and only that module parsed again.
    write_file(
        &dir,
        "src/math.mjs",
        "export function add(a, b) {\n  return a * 10 + b;\n}\n",
    );
    let line = w.wait_err("[watch] build 2 ");
    assert!(line.contains(" ok "), "{line}");
    assert!(line.contains("after a change to src/math.mjs"), "{line}");
    assert!(line.contains("1 parsed, 2 reused"), "{line}");
    assert_eq!(node(&dir), "hello sum: 23\n");
    let second = w.json_of(2);
    assert_eq!(second["watch"]["parsed"], 1, "{second}");
    assert_eq!(second["watch"]["reused"], 2, "{second}");
    assert_eq!(second["watch"]["changed"][0], "src/math.mjs", "{second}");
    let good = read_all(&dir.join("dist"));

    // A syntax error: the diagnostic is printed, dist stays as build 2 wrote it.
    write_file(
        &dir,
        "src/math.mjs",
        "export function add(a, b) {\n  return a * ;\n}\n",
    );
    let diagnostic = w.wait_err("error[MF1001]");
    assert!(diagnostic.contains("MF1001"), "{diagnostic}");
    let line = w.wait_err("[watch] build 3 ");
    assert!(line.contains(" failed "), "{line}");
    assert!(line.contains("outDir keeps build 2"), "{line}");
    assert_eq!(w.json_of(3)["success"], false);
    assert_eq!(node(&dir), "hello sum: 23\n");
    assert!(
        read_all(&dir.join("dist")) == good,
        "dist changed by a failed build"
    );

    // The fix rebuilds.
    write_file(
        &dir,
        "src/math.mjs",
        "export function add(a, b) {\n  return a * 100 + b;\n}\n",
    );
    let line = w.wait_err("[watch] build 4 ");
    assert!(line.contains(" ok "), "{line}");
    assert!(line.contains("1 parsed, 2 reused"), "{line}");
    assert_eq!(node(&dir), "hello sum: 203\n");

    // A configuration change ([define]) applies; every module is parsed again.
    write_file(&dir, "federation.toml", &config("bonjour"));
    let line = w.wait_err("[watch] build 5 ");
    assert!(line.contains(" ok "), "{line}");
    assert!(line.contains("after a change to federation.toml"), "{line}");
    assert!(line.contains("3 parsed, 0 reused"), "{line}");
    assert_eq!(node(&dir), "bonjour sum: 203\n");

    // An import of a file that does not exist yet fails; creating the file fixes it.
    write_file(
        &dir,
        "src/label.mjs",
        "export { label } from \"./words.mjs\";\n",
    );
    let line = w.wait_err("[watch] build 6 ");
    assert!(line.contains(" failed "), "{line}");
    write_file(&dir, "src/words.mjs", "export const label = \"total:\";\n");
    let line = w.wait_err("[watch] build 7 ");
    assert!(line.contains(" ok "), "{line}");
    assert!(line.contains("1 parsed, 3 reused"), "{line}");
    assert_eq!(node(&dir), "bonjour total: 203\n");

    // An editor's atomic save: a new file renamed over the old one.
    write_file(
        &dir,
        "src/.math.mjs.swp",
        "export function add(a, b) {\n  return a - b;\n}\n",
    );
    std::fs::rename(dir.join("src/.math.mjs.swp"), dir.join("src/math.mjs")).unwrap();
    let line = w.wait_err("[watch] build 8 ");
    assert!(line.contains(" ok "), "{line}");
    assert!(line.contains("1 parsed, 3 reused"), "{line}");
    assert_eq!(node(&dir), "bonjour total: -1\n");

    // The watched build writes exactly what a cold build of the same sources writes.
    assert_matches_cold_build(&dir, &tmp.path().join("cold"));

    assert_eq!(w.stop("INT"), Some(0), "exit status after Ctrl-C");
}

/// outDir of the watched project `dir` holds exactly what a cold build into `cold` writes.
fn assert_matches_cold_build(dir: &Path, cold: &Path) {
    let out = mfbundle()
        .arg("build")
        .arg(dir)
        .arg("--out-dir")
        .arg(cold)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let watched = read_all(&dir.join("dist"));
    let cold = read_all(cold);
    assert_eq!(
        watched.iter().map(|f| &f.0).collect::<Vec<_>>(),
        cold.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, a), (_, b)) in watched.iter().zip(&cold) {
        assert!(a == b, "{name} differs from a cold build's");
    }
}

/// Development builds keep each module's code between builds (the code cache): a module
/// whose text did not change is still generated again when what it imports changes shape
/// (ES module -> CommonJS, `export *` resolved differently, async), and the result is a
/// cold build's.
#[test]
fn reused_module_code_follows_changes_in_what_it_imports() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    write_file(
        &dir,
        "federation.toml",
        "entry = \"./src/index.mjs\"\ntarget = \"node\"\nmode = \"development\"\n",
    );
    write_file(
        &dir,
        "src/index.mjs",
        "import { add } from \"./math.js\";\nimport * as ns from \"./math.js\";\nconsole.log(add(2, 3), Object.keys(ns).join());\n",
    );
    write_file(&dir, "src/math.js", "export const add = (a, b) => a + b;\n");
    let mut w = Watcher::start(&dir, &[]);
    assert!(w.wait_err("[watch] build 1 ").contains(" ok "));
    assert_eq!(node(&dir), "5 add\n");
    let steps = [
        // CommonJS now: the importer reads it through interop.
        (
            "exports.add = (a, b) => a - b;\nexports.extra = 1;\n",
            "-1 add,default,extra\n",
        ),
        // An ES module again, re-exporting from a new module.
        ("export * from \"./more.mjs\";\n", "6 add,sub\n"),
        // An async module: the importer waits for it.
        (
            "await null;\nexport const add = (a, b) => a + b + 1;\n",
            "6 add\n",
        ),
    ];
    write_file(
        &dir,
        "src/more.mjs",
        "export const add = (a, b) => a * b;\nexport const sub = (a, b) => a - b;\n",
    );
    for (n, (math, printed)) in steps.iter().enumerate() {
        write_file(&dir, "src/math.js", math);
        let line = w.wait_err(&format!("[watch] build {} ", n + 2));
        assert!(line.contains(" ok "), "{line}");
        assert_eq!(node(&dir), *printed, "after {math:?}");
        assert_matches_cold_build(&dir, &tmp.path().join(format!("cold{n}")));
    }
    assert_eq!(w.stop("INT"), Some(0));
}

#[test]
fn sigterm_exits_with_status_zero() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    project(&dir);
    let mut w = Watcher::start(&dir, &[]);
    let line = w.wait_err("[watch] build 1 ");
    assert!(line.contains(" ok "), "{line}");
    assert_eq!(w.stop("TERM"), Some(0), "exit status after SIGTERM");
}

#[test]
fn a_broken_configuration_is_reported_and_its_fix_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    project(&dir);
    write_file(&dir, "federation.toml", "entry = \n");
    let mut w = Watcher::start(&dir, &[]);
    let line = w.wait_err("[watch] build 1 ");
    assert!(line.contains(" failed "), "{line}");
    assert!(line.contains("nothing was written"), "{line}");
    assert!(
        w.log.iter().any(|l| l.contains("error[MF")),
        "no diagnostic:\n{}",
        w.log.join("\n")
    );
    write_file(&dir, "federation.toml", &config("fixed"));
    let line = w.wait_err("[watch] build 2 ");
    assert!(line.contains(" ok "), "{line}");
    assert_eq!(node(&dir), "fixed sum: 5\n");
    assert_eq!(w.stop("TERM"), Some(0));
}

#[test]
fn a_replaced_source_directory_is_watched_again() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    project(&dir);
    let mut w = Watcher::start(&dir, &[]);
    assert!(w.wait_err("[watch] build 1 ").contains(" ok "));

    // As a branch switch does it: src/ removed, and a new one put in its place.
    let next = tmp.path().join("next-src");
    project(&tmp.path().join("next"));
    std::fs::rename(tmp.path().join("next/src"), &next).unwrap();
    std::fs::write(next.join("label.mjs"), "export const label = \"new:\";\n").unwrap();
    std::fs::remove_dir_all(dir.join("src")).unwrap();
    std::fs::rename(&next, dir.join("src")).unwrap();
    w.wait_ok();
    assert_eq!(node(&dir), "hello new: 5\n");

    // The new src/ is watched.
    write_file(&dir, "src/label.mjs", "export const label = \"newer:\";\n");
    w.wait_ok();
    assert_eq!(node(&dir), "hello newer: 5\n");
    assert_eq!(w.stop("TERM"), Some(0));
}

#[test]
fn polling_sees_changes_too() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    project(&dir);
    let mut w = Watcher::start_with_env(&dir, &[], ("MFBUNDLE_WATCH_POLL", "1"));
    w.wait_err("[watch] polling");
    let line = w.wait_err("[watch] build 1 ");
    assert!(line.contains(" ok "), "{line}");
    write_file(
        &dir,
        "src/math.mjs",
        "export function add(a, b) {\n  return a * 10 + b;\n}\n",
    );
    let line = w.wait_err("[watch] build 2 ");
    assert!(line.contains(" ok "), "{line}");
    assert!(line.contains("1 parsed, 2 reused"), "{line}");
    assert_eq!(node(&dir), "hello sum: 23\n");
    assert_eq!(w.stop("INT"), Some(0));
}

#[test]
fn a_missing_project_directory_exits_with_status_two() {
    let tmp = tempfile::tempdir().unwrap();
    let mut w = Watcher::start(&tmp.path().join("nowhere"), &["--json"]);
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = w.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "--watch on a missing directory did not exit"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(2));
    let line = w.wait_err("error[MF");
    assert!(line.contains("does not exist"), "{line}");
    let result = w.json_of(1);
    assert_eq!(result["success"], false, "{result}");
}

#[test]
fn a_stylesheet_edit_rebuilds_the_css() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    project(&dir);
    write_file(&dir, "src/style.css", ".title { width: 11px; }\n");
    write_file(
        &dir,
        "src/index.mjs",
        "import \"./style.css\";\nimport { add } from \"./math.mjs\";\nconsole.log(GREETING, add(2, 3));\n",
    );
    let mut w = Watcher::start(&dir, &[]);
    assert!(w.wait_err("[watch] build 1 ").contains(" ok "));
    let css = || std::fs::read_to_string(dir.join("dist/main.css")).unwrap_or_default();
    assert!(css().contains("11px"), "{}", css());

    write_file(&dir, "src/style.css", ".title { width: 22px; }\n");
    w.wait_ok();
    assert!(
        css().contains("22px") && !css().contains("11px"),
        "{}",
        css()
    );
    assert_eq!(node(&dir), "hello 5\n");
    assert_eq!(w.stop("TERM"), Some(0));
}
