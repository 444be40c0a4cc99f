//! Helpers shared by the integration tests: running the CLI, running Node, serving a folder
//! over HTTP on loopback, driving headless Chromium.

#![allow(dead_code)]

use std::collections::HashSet;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

pub fn mfbundle() -> Command {
    Command::new(env!("CARGO_BIN_EXE_mfbundle"))
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn run_node(script: &Path, cwd: &Path) -> Output {
    Command::new("node")
        .arg(script)
        .current_dir(cwd)
        .output()
        .expect("node must be installed to run the tests")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every file under `dir`, relative, `/`-separated, sorted.
pub fn list_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.push(
                    p.strip_prefix(base)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Serves `root` on 127.0.0.1 (an ephemeral port) from a background thread; returns the port.
pub fn serve(root: PathBuf) -> u16 {
    fault_server(root, Vec::new()).port
}

/// Whether a request path matches a fault rule: a prefix (`/hang/`), or `prefix*suffix`
/// (`/host/dist/styled.*.css`).
fn path_matches(pattern: &str, path: &str) -> bool {
    match pattern.split_once('*') {
        Some((prefix, suffix)) => {
            path.len() >= prefix.len() + suffix.len()
                && path.starts_with(prefix)
                && path.ends_with(suffix)
        }
        None => path.starts_with(pattern),
    }
}

/// What the fault-injecting server does with a request whose path matches a rule (the
/// first rule that matches; see `path_matches`; no rule: serve the file).
#[derive(Clone, Copy, Debug)]
pub enum Fault {
    /// Answer with this status (404, 500...) and a short text body.
    Status(u16),
    /// Accept the connection, read the request and never answer.
    Hang,
    /// Serve the first half of the file (a script cut off mid-way).
    Truncate,
    /// Answer this status to the first request of each path, then serve the file.
    FailOnce(u16),
    /// Answer this status to the first `n` requests of each path, then serve the file.
    FailTimes(u16, usize),
}

pub struct FaultServer {
    pub port: u16,
    log: Arc<Mutex<Vec<String>>>,
}

impl FaultServer {
    /// How many requests asked for `path`.
    pub fn requests(&self, path: &str) -> usize {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|p| *p == path)
            .count()
    }

    /// Every path requested so far, in order.
    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

/// Serves `root` on 127.0.0.1 (an ephemeral port) like `serve`, except for paths that
/// `rules` give a fault. Hung connections stay open until the test process exits.
pub fn fault_server(root: PathBuf, rules: Vec<(String, Fault)>) -> FaultServer {
    fault_server_on(0, root, rules)
}

/// `fault_server` on a given port (0: any free one), for pages whose URLs must be known
/// before the server starts (take one from `dead_port`).
pub fn fault_server_on(port: u16, root: PathBuf, rules: Vec<(String, Fault)>) -> FaultServer {
    let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind loopback");
    let port = listener.local_addr().unwrap().port();
    let log: Arc<Mutex<Vec<String>>> = Arc::default();
    let failed_once: Arc<Mutex<HashSet<String>>> = Arc::default();
    let hung: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
    let server_log = log.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let (root, rules, log, failed_once, hung) = (
                root.clone(),
                rules.clone(),
                server_log.clone(),
                failed_once.clone(),
                hung.clone(),
            );
            std::thread::spawn(move || {
                // The whole head: closing with unread request bytes resets the connection.
                let mut req = Vec::new();
                let mut buf = [0u8; 8192];
                while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => req.extend_from_slice(&buf[..n]),
                    }
                }
                let req = String::from_utf8_lossy(&req);
                let path = req
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or("/")
                    .split('?')
                    .next()
                    .unwrap_or("/")
                    .to_string();
                let earlier = {
                    let mut log = log.lock().unwrap();
                    log.push(path.clone());
                    log.iter().filter(|p| **p == path).count() - 1
                };
                let fault = rules
                    .iter()
                    .find(|(pattern, _)| path_matches(pattern, &path))
                    .map(|(_, f)| *f);
                let fault = match fault {
                    Some(Fault::FailOnce(status)) => {
                        if failed_once.lock().unwrap().insert(path.clone()) {
                            Some(Fault::Status(status))
                        } else {
                            None
                        }
                    }
                    Some(Fault::FailTimes(status, n)) => {
                        (earlier < n).then_some(Fault::Status(status))
                    }
                    other => other,
                };
                let file_path = if path.ends_with('/') {
                    format!("{path}index.html")
                } else {
                    path.clone()
                };
                let file = root.join(file_path.trim_start_matches('/'));
                let ctype = match file.extension().and_then(|e| e.to_str()) {
                    Some("html") => "text/html; charset=utf-8",
                    Some("js") => "text/javascript; charset=utf-8",
                    Some("json") => "application/json",
                    Some("css") => "text/css",
                    _ => "application/octet-stream",
                };
                let (status, body) = match fault {
                    Some(Fault::Hang) => {
                        hung.lock().unwrap().push(stream);
                        return;
                    }
                    Some(Fault::Status(code)) => {
                        (format!("{code} Injected Fault"), b"injected fault".to_vec())
                    }
                    _ => match std::fs::read(&file) {
                        Ok(mut b) if !path.contains("..") => {
                            if matches!(fault, Some(Fault::Truncate)) {
                                b.truncate(b.len() / 2);
                            }
                            ("200 OK".to_string(), b)
                        }
                        _ => ("404 Not Found".to_string(), b"not found".to_vec()),
                    },
                };
                let head = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nAccess-Control-Allow-Origin: *\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            });
        }
    });
    FaultServer { port, log }
}

pub fn chromium_path() -> Option<PathBuf> {
    for c in [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ] {
        if Path::new(c).exists() {
            return Some(PathBuf::from(c));
        }
    }
    None
}

/// Headless Chromium with the flags this machine needs (no network but loopback, a fresh
/// profile that lives as long as the returned guard). Add the mode flag and the URL.
pub fn chromium() -> (Command, tempfile::TempDir) {
    let chromium = chromium_path().expect(
        "headless Chromium is required for browser tests: run tests/setup.sh (apt-get install chromium)",
    );
    let profile = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(chromium);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()));
    (cmd, profile)
}

/// The DOM of `url` after scripts ran, from headless Chromium.
pub fn dump_dom(url: &str) -> String {
    let (mut cmd, _profile) = chromium();
    let out = cmd
        .arg("--virtual-time-budget=10000")
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("run chromium");
    text(&out.stdout)
}

/// tests/puppeteer, with puppeteer-core installed (tests/setup.sh installs it).
pub fn puppeteer_dir() -> PathBuf {
    let dir = repo_root().join("tests/puppeteer");
    assert!(
        dir.join("node_modules/puppeteer-core").exists(),
        "tests/puppeteer/node_modules is missing: run tests/setup.sh"
    );
    dir
}

/// The body text of a page that tests/puppeteer/page.cjs drove in headless Chromium until it
/// set `window.__done` (30 s at most), followed by its page errors.
pub fn page_text(url: &str) -> String {
    let puppeteer = puppeteer_dir();
    let out = Command::new("node")
        .arg(puppeteer.join("page.cjs"))
        .arg(url)
        .arg("30000")
        .current_dir(&puppeteer)
        .output()
        .expect("run node");
    assert!(out.status.success(), "page.cjs: {}", text(&out.stderr));
    let page: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", text(&out.stdout)));
    format!(
        "{}\ndone: {}\npage errors: {}",
        page["text"].as_str().unwrap_or_default(),
        page["done"],
        page["pageErrors"]
    )
}

/// Validates a share-usage report against schemas/share-usage.schema.json (every object in
/// the schema forbids fields it does not list, so a renamed field fails here), with Ajv in
/// Node (`tests/schema/validate.cjs`; a JSON Schema crate here would change the features of
/// the crates the release binary shares with the tests and compile them twice in CI).
pub fn assert_valid_share_usage(report: &serde_json::Value) {
    use std::io::Write;
    let mut child = Command::new("node")
        .arg(repo_root().join("tests/schema/validate.cjs"))
        .arg(repo_root().join("schemas/share-usage.schema.json"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run node");
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(serde_json::to_string(report).unwrap().as_bytes())
        .unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "share-usage report does not match its schema:\n{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

/// `cp -a from to` (symlinks and node_modules included); panics if it fails.
pub fn copy_dir(from: &Path, to: &Path) {
    let status = Command::new("cp")
        .arg("-a")
        .arg(from)
        .arg(to)
        .status()
        .unwrap();
    assert!(
        status.success(),
        "cp -a {} {}",
        from.display(),
        to.display()
    );
}

/// Every file under `dir` with its bytes, by relative name.
pub fn read_all(dir: &Path) -> Vec<(String, Vec<u8>)> {
    list_files(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

/// A loopback port nothing listens on (a remote that is down).
pub fn dead_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// Rewrites a host's remote URLs in its federation.toml from port `from` to port `to`.
pub fn point_host_at(host: &Path, from: u16, to: u16) {
    let config = host.join("federation.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let text = text.replace(&format!("127.0.0.1:{from}"), &format!("127.0.0.1:{to}"));
    std::fs::write(config, text).unwrap();
}

/// A copy of examples/react (with its node_modules) in a temporary directory.
pub fn example_copy() -> (tempfile::TempDir, PathBuf) {
    project_copy("examples/react", "node_modules/react-dom")
}

/// A copy of the repository's folder `rel` (with its node_modules) in a temporary directory,
/// under its own name; `installed` is a path inside it that tests/setup.sh puts there.
pub fn project_copy(rel: &str, installed: &str) -> (tempfile::TempDir, PathBuf) {
    let src = repo_root().join(rel);
    assert!(
        src.join(installed).exists(),
        "{rel}/{installed} is missing: run tests/setup.sh"
    );
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join(src.file_name().unwrap());
    copy_dir(&src, &copy);
    (tmp, copy)
}

/// What tests/puppeteer/page.cjs saw of `url` once the page set `window.__done`: the body's
/// `text` and `window.__results`; no page errors allowed.
pub fn run_page(url: &str) -> serde_json::Value {
    let out = std::process::Command::new("node")
        .arg(puppeteer_dir().join("page.cjs"))
        .arg(url)
        .arg("30000")
        .current_dir(puppeteer_dir())
        .output()
        .unwrap();
    assert!(out.status.success(), "page.cjs: {}", text(&out.stderr));
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page["done"], true, "{page:#}");
    assert_eq!(page["pageErrors"], serde_json::json!([]), "{page:#}");
    page
}

/// Writes `body` to `root/rel`, creating the folders on the way.
pub fn write_file(root: &Path, rel: &str, body: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, body).unwrap();
}

/// Every fixture folder (holding a federation.toml), outside node_modules.
#[allow(dead_code)]
pub fn fixture_dirs() -> Vec<PathBuf> {
    list_files(&repo_root().join("fixtures"))
        .into_iter()
        .filter(|f| f.ends_with("/federation.toml") && !f.contains("node_modules"))
        .map(|f| {
            repo_root()
                .join("fixtures")
                .join(f.trim_end_matches("/federation.toml"))
        })
        .collect()
}

/// `check` of each job, on two threads (the machine's cores), in completion order.
#[allow(dead_code)]
pub fn on_two_threads<J: Sync, R: Send>(
    jobs: &[J],
    check: impl Fn(usize, &J) -> R + Sync,
) -> Vec<R> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let r = check(i, job);
                    results.lock().unwrap().push(r);
                }
            });
        }
    });
    results.into_inner().unwrap()
}
