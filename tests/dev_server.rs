//! `mfbundle dev` on a temporary project, driven in headless Chromium: the page shows the
//! build, an edit reloads it with the new code, a syntax error shows the overlay while the last
//! good build keeps running, the fix removes it; the server refuses paths outside the app,
//! falls back to index.html for routes, and sends CORS headers.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use support::*;

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `mfbundle dev ARGS --json` and waits until `projects` servers listen and their first
/// builds succeeded: the server (stopped when dropped) and its URLs, in order.
fn start_dev(args: &[&str], projects: usize) -> (Server, Vec<String>) {
    let mut child = mfbundle()
        .arg("dev")
        .args(args)
        .arg("--json")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    let mut lines = BufReader::new(stdout).lines();
    let (mut urls, mut built) = (Vec::new(), 0);
    while urls.len() < projects || built < projects {
        let line = lines
            .next()
            .expect("mfbundle dev ended before serving")
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        match v["event"].as_str() {
            Some("listening") => urls.push(v["url"].as_str().unwrap().to_string()),
            Some("build") => {
                assert_eq!(v["ok"], true, "a first build failed: {v}");
                built += 1;
            }
            _ => {}
        }
    }
    // The later builds' lines are read (and dropped) until the server stops.
    std::thread::spawn(move || lines.for_each(drop));
    (server, urls)
}

/// Starts `mfbundle dev ARGS --json` with `env`: the server (stopped when dropped) and its
/// JSON events, as they come.
fn dev_events(
    args: &[&std::ffi::OsStr],
    env: &[(&str, &std::path::Path)],
) -> (Server, std::sync::mpsc::Receiver<serde_json::Value>) {
    let mut child = mfbundle()
        .arg("dev")
        .args(args)
        .arg("--json")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<serde_json::Value>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Ok(v) = serde_json::from_str(&line) {
                let _ = tx.send(v);
            }
        }
    });
    (Server(child), rx)
}

/// The raw response to `GET path` (sent as written: no client normalises the `..`), with
/// `extra` header lines.
fn get_with(addr: &str, path: &str, accept: &str, extra: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let host = if extra.starts_with("Host:") {
        String::new()
    } else {
        format!("Host: {addr}\r\n")
    };
    // A server that closes the connection before reading the request (a TLS server sent
    // plain HTTP) may make the write fail: the response is then what was read, if anything
    // (the callers assert on it).
    let _ = write!(
        s,
        "GET {path} HTTP/1.1\r\n{host}{extra}Accept: {accept}\r\nConnection: close\r\n\r\n"
    );
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}

fn get(addr: &str, path: &str, accept: &str) -> String {
    get_with(addr, path, accept, "")
}

/// An API server for `[devServer] proxy`: answers each request with its method, path and
/// body, chunked, and an `X-Upstream` header; returns its port.
fn echo_server() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut first = String::new();
            let _ = reader.read_line(&mut first);
            let mut length = 0usize;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let mut parts = first.split(' ');
            let text = format!(
                "{} {} {}",
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
                String::from_utf8_lossy(&body)
            );
            let _ = write!(
                stream,
                "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nX-Upstream: yes\r\nConnection: close\r\n\r\n{:x}\r\n{text}\r\n0\r\n\r\n",
                text.len()
            );
        }
    });
    port
}

#[test]
fn dev_server_reloads_on_edit_shows_errors_and_serves_only_the_app() {
    let puppeteer = puppeteer_dir();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("federation.toml"),
        format!(
            "entry = \"./src/index.js\"\ntarget = \"web\"\n[devServer]\nheaders = {{ \"X-Dev\" = \"yes\" }}\nproxy = {{ \"/api\" = \"http://127.0.0.1:{}\" }}\n",
            echo_server()
        ),
    )
    .unwrap();
    // A file outside the app that the server must never hand out.
    std::fs::write(tmp.path().join("secret.txt"), "secret").unwrap();
    let entry = dir.join("src/index.js");
    std::fs::write(
        &entry,
        "import \"./style.css\";\ndocument.getElementById(\"root\").textContent = \"v1\";\n",
    )
    .unwrap();
    let css = dir.join("src/style.css");
    std::fs::write(&css, "#root { color: rgb(255, 0, 0); }\n").unwrap();

    let (server, urls) = start_dev(&[dir.to_str().unwrap(), "--port", "0"], 1);
    let url = urls[0].clone();
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();

    // Nothing outside the app, however the path is written.
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/src/..%2f..%2fsecret.txt",
    ] {
        let r = get(&addr, path, "*/*");
        assert!(r.starts_with("HTTP/1.1 403"), "{path}: {r}");
        assert!(
            !r.contains("secret\n") && !r.ends_with("secret"),
            "{path}: {r}"
        );
    }
    // Source files are not served either: only the build's files are.
    assert!(get(&addr, "/src/index.js", "*/*").starts_with("HTTP/1.1 404"));
    // A route of the app gets the page, with the headers; the dev client is in the hot
    // build's runtime, not a script of its own.
    let page = get(&addr, "/settings/profile", "text/html");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("src=\"main.js\""), "{page}");
    assert!(!page.contains("/__mfbundle/client.js"), "{page}");
    assert!(get(&addr, "/main.js", "*/*").contains("\"/__mfbundle/\""));
    assert!(page.contains("X-Dev: yes"), "{page}");
    // CORS for pages of this machine (a host app on another port), not for any website.
    let local = get_with(&addr, "/", "*/*", "Origin: http://127.0.0.1:3001\r\n");
    assert!(
        local.contains("Access-Control-Allow-Origin: http://127.0.0.1:3001"),
        "{local}"
    );
    let foreign = get_with(&addr, "/", "*/*", "Origin: https://evil.example\r\n");
    assert!(foreign.starts_with("HTTP/1.1 200"), "{foreign}");
    assert!(
        !foreign.contains("Access-Control-Allow-Origin"),
        "{foreign}"
    );
    // Requests under a proxy prefix go to the API server, whatever their method.
    let api = get(&addr, "/api/users?page=2", "*/*");
    assert!(api.starts_with("HTTP/1.1 201"), "{api}");
    assert!(api.contains("X-Upstream: yes"), "{api}");
    assert!(api.ends_with("GET /api/users?page=2 "), "{api}");
    let mut s = TcpStream::connect(&addr).unwrap();
    write!(
        s,
        "POST /api/items HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 4\r\nConnection: close\r\n\r\nping"
    )
    .unwrap();
    let mut posted = String::new();
    let _ = s.read_to_string(&mut posted);
    assert!(posted.ends_with("POST /api/items ping"), "{posted}");
    // `/apix` is not under `/api`.
    assert!(get(&addr, "/apix.js", "*/*").starts_with("HTTP/1.1 404"));
    // A name that resolves here but is not this machine's (DNS rebinding) is refused.
    let rebound = get_with(&addr, "/", "*/*", "Host: evil.example\r\n");
    assert!(rebound.starts_with("HTTP/1.1 403"), "{rebound}");
    // Nor may another site's page load the app's code (or its hot updates) as a script.
    let stolen = get_with(&addr, "/main.js", "*/*", "Sec-Fetch-Site: cross-site\r\n");
    assert!(stolen.starts_with("HTTP/1.1 403"), "{stolen}");
    let own = get_with(&addr, "/main.js", "*/*", "Sec-Fetch-Site: same-site\r\n");
    assert!(own.starts_with("HTTP/1.1 200"), "{own}");

    let out = Command::new("node")
        .arg(puppeteer.join("dev-reload.cjs"))
        .arg(&url)
        .arg(&entry)
        .arg(&css)
        .current_dir(&puppeteer)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "dev-reload.cjs: {}",
        text(&out.stderr)
    );
    let seen: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(seen["first"], "v1", "{seen:#}");
    assert_eq!(seen["afterEdit"], "v2", "{seen:#}");
    assert_eq!(seen["reloaded"], true, "{seen:#}");
    // A stylesheet edit is swapped in without a reload.
    assert_eq!(seen["colorBefore"], "rgb(255, 0, 0)", "{seen:#}");
    assert_eq!(seen["colorAfter"], "rgb(0, 0, 255)", "{seen:#}");
    assert_eq!(seen["reloadedForCss"], false, "{seen:#}");
    let overlay = seen["overlay"].as_str().unwrap_or_default();
    assert!(
        overlay.contains("MF1001") && overlay.contains("src/index.js:1:"),
        "the overlay shows the error with its location: {seen:#}"
    );
    assert_eq!(
        seen["duringError"], "v2",
        "the last good build keeps running: {seen:#}"
    );
    assert_eq!(seen["afterFix"], "v3", "{seen:#}");
    assert_eq!(seen["overlayAfterFix"], false, "{seen:#}");
    assert_eq!(seen["pageErrors"], serde_json::json!([]), "{seen:#}");

    // An edit of federation.toml's [devServer] headers applies to the next requests, with
    // no restart.
    let config = std::fs::read_to_string(dir.join("federation.toml")).unwrap();
    let edited = config.replace("\"X-Dev\" = \"yes\"", "\"X-Dev\" = \"again\"");
    assert_ne!(config, edited);
    std::fs::write(dir.join("federation.toml"), edited).unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let r = get(&addr, "/", "*/*");
        if r.contains("X-Dev: again") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{r}");
        std::thread::sleep(Duration::from_millis(100));
    }
    drop(server);
}

/// A free port on loopback (the system's pick, released for the server to take).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn one_dev_process_serves_a_host_and_its_remote() {
    let (host_port, remote_port) = (free_port(), free_port());
    let tmp = tempfile::tempdir().unwrap();
    let remote = tmp.path().join("remote");
    let host = tmp.path().join("host");
    std::fs::create_dir_all(remote.join("src")).unwrap();
    std::fs::create_dir_all(host.join("src")).unwrap();
    std::fs::write(
        remote.join("federation.toml"),
        format!(
            "name = \"remote\"\nentry = \"./src/index.js\"\ntarget = \"web\"\n[exposes]\n\"./Hello\" = \"./src/Hello.js\"\n[devServer]\nport = {remote_port}\n"
        ),
    )
    .unwrap();
    std::fs::write(remote.join("src/index.js"), "console.log('remote');\n").unwrap();
    std::fs::write(
        remote.join("src/Hello.js"),
        "export default \"hello from the remote\";\n",
    )
    .unwrap();
    std::fs::write(
        host.join("federation.toml"),
        format!(
            "name = \"host\"\nentry = \"./src/index.js\"\ntarget = \"web\"\n[remotes]\nremote = \"remote@http://127.0.0.1:{remote_port}/remoteEntry.js\"\n[devServer]\nport = {host_port}\n"
        ),
    )
    .unwrap();
    std::fs::write(
        host.join("src/index.js"),
        "import(\"remote/Hello\").then((m) => {\n  document.getElementById(\"root\").textContent = m.default;\n  window.__done = true;\n});\n",
    )
    .unwrap();

    let (server, _) = start_dev(&[host.to_str().unwrap(), remote.to_str().unwrap()], 2);
    let page = page_text(&format!("http://127.0.0.1:{host_port}/"));
    assert!(page.contains("done: true"), "{page}");
    assert!(
        page.contains("hello from the remote"),
        "the host page shows the remote's module: {page}"
    );
    drop(server);
}

/// Runs `dev-steps.cjs` on `plan` (`{ url, steps }`) and returns what it saw.
fn run_steps(plan: serde_json::Value) -> serde_json::Value {
    let puppeteer = puppeteer_dir();
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("plan.json");
    std::fs::write(&file, plan.to_string()).unwrap();
    let out = Command::new("node")
        .arg(puppeteer.join("dev-steps.cjs"))
        .arg(&file)
        .current_dir(&puppeteer)
        .output()
        .unwrap();
    assert!(out.status.success(), "dev-steps.cjs: {}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `(text).replace(from, to)` of a file, which must contain `from`.
fn edited(path: &std::path::Path, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    text.replace(from, to)
}

/// The React example's host and remote under one `mfbundle dev`: edits to the remote's
/// component and to the host's are applied on the host page by React Fast Refresh, with the
/// click counts kept and no navigation; a CSS module edit restyles without a reload; an edit
/// no module accepts (the entry) reloads.
#[test]
fn react_fast_refresh_across_host_and_remote_keeps_state_without_reload() {
    let (_tmp, apps) = example_copy();
    let (host, remote) = (apps.join("host"), apps.join("remote"));
    let (host_port, remote_port) = (free_port(), free_port());
    point_host_at(&host, 3002, remote_port);
    for (dir, from, to) in [(&host, 3001, host_port), (&remote, 3002, remote_port)] {
        let config = dir.join("federation.toml");
        let text = std::fs::read_to_string(&config).unwrap();
        let text = text.replace(&format!("port = {from}"), &format!("port = {to}"));
        std::fs::write(config, text).unwrap();
    }
    let (server, _) = start_dev(&[host.to_str().unwrap(), remote.to_str().unwrap()], 2);

    let body = |s: &str| format!("document.body.innerText.includes({})", serde_json::json!(s));
    let both = |a: &str, b: &str| format!("{} && {}", body(a), body(b));
    let widget = remote.join("src/Widget.tsx");
    let app = host.join("src/App.tsx");
    let app_css = host.join("src/App.module.css");
    let index = host.join("src/index.tsx");
    let click = "(() => { const b = [...document.querySelectorAll('button')]; \
                 const host = b.find((x) => x.textContent.includes('Host clicks')); host.click(); host.click(); \
                 const remote = b.find((x) => x.textContent.includes('Remote clicks')); remote.click(); remote.click(); remote.click(); \
                 window.__marker = 'set before the edits'; return true; })()";
    let color = "getComputedStyle(document.getElementById('host-title')).color";
    let seen = run_steps(serde_json::json!({
        "url": format!("http://127.0.0.1:{host_port}/"),
        "steps": [
            { "wait": both("Host clicks: 0", "Remote clicks: 0") },
            { "record": "clicked", "eval": click },
            { "wait": both("Host clicks: 2", "Remote clicks: 3") },
            { "write": widget, "text": edited(&widget, "Rendered by the remote with", "Hot-edited remote on") },
            { "wait": body("Hot-edited remote on") },
            { "record": "afterRemoteEdit", "eval": "document.body.innerText" },
            { "write": app, "text": edited(&app, "The host renders this header itself", "The host header, edited") },
            { "wait": body("The host header, edited") },
            { "record": "afterHostEdit", "eval": "document.body.innerText" },
            { "record": "colorBefore", "eval": color },
            { "write": app_css, "text": edited(&app_css, "color: rgb(37, 99, 235)", "color: rgb(220, 38, 38)") },
            { "wait": format!("{color} === 'rgb(220, 38, 38)'") },
            { "record": "colorAfter", "eval": color },
            { "record": "marker", "eval": "window.__marker || null" },
            { "write": index, "text": edited(&index, "<App />", "<App key=\"reloaded\" />") },
            { "wait": "window.__marker === undefined && document.body.innerText.includes('Host clicks: 0')" },
            { "record": "markerAfterEntryEdit", "eval": "window.__marker || null" },
        ],
    }));
    drop(server);
    let recorded = &seen["recorded"];
    assert_eq!(seen["timeouts"], serde_json::json!([]), "{seen:#}");
    let after_remote = recorded["afterRemoteEdit"].as_str().unwrap_or_default();
    assert!(
        after_remote.contains("Hot-edited remote on React")
            && after_remote.contains("Remote clicks: 3")
            && after_remote.contains("Host clicks: 2"),
        "the remote's edit shows on the host page with both counts kept: {seen:#}"
    );
    let after_host = recorded["afterHostEdit"].as_str().unwrap_or_default();
    assert!(
        after_host.contains("The host header, edited") && after_host.contains("Host clicks: 2"),
        "the host's edit keeps the host's count: {seen:#}"
    );
    assert_eq!(recorded["colorBefore"], "rgb(37, 99, 235)", "{seen:#}");
    assert_eq!(recorded["colorAfter"], "rgb(220, 38, 38)", "{seen:#}");
    // No reload until the entry's edit, which nothing accepts.
    assert_eq!(recorded["marker"], "set before the edits", "{seen:#}");
    assert_eq!(
        recorded["markerAfterEntryEdit"],
        serde_json::Value::Null,
        "{seen:#}"
    );
    assert_eq!(seen["navigations"], 1, "{seen:#}");
    assert_eq!(seen["pageErrors"], serde_json::json!([]), "{seen:#}");
}

/// webpack's `module.hot` and Vite's `import.meta.hot` in one page: accepted dependencies
/// (the importer sees the new bindings; Vite's callback, accepted with the optional call
/// `import.meta.hot?.accept(dep, cb)` of Vite's docs, gets the new module), `dispose` data
/// handed to the next instance, Vite's `data` kept across instances, `decline`, and a module
/// nobody accepts reloading the page.
#[test]
fn module_hot_and_import_meta_hot_apply_updates_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let port = free_port();
    write_file(
        dir,
        "federation.toml",
        &format!("name = \"hmr\"\nentry = \"./src/index.js\"\n[devServer]\nport = {port}\n"),
    );
    write_file(
        dir,
        "src/index.js",
        "import { msg } from \"./msg.js\";\nimport { label } from \"./label.js\";\nimport { fixed } from \"./fixed.js\";\nimport { own } from \"./own.js\";\n\
         const root = document.getElementById(\"root\");\n\
         function render() { root.textContent = msg + \"|\" + label + \"|\" + fixed + \"|\" + own; }\nrender();\n\
         import.meta.hot?.accept(\"./msg.js\", (next) => { window.__viteArg = next.msg; render(); });\n\
         module.hot.accept([\"./label.js\", \"./own.js\"], render);\nmodule.hot.decline(\"./fixed.js\");\n",
    );
    write_file(dir, "src/msg.js", "export const msg = \"m1\";\n");
    let label = |v: &str| {
        format!(
            "export const label = \"{v}\";\n\
             const runs = (import.meta.hot.data.runs || 0) + 1;\nimport.meta.hot.data.runs = runs;\n\
             module.hot.dispose((data) => {{ data.was = label; }});\n\
             window.__labelWas = module.hot.data ? module.hot.data.was : null;\nwindow.__labelRuns = runs;\n"
        )
    };
    write_file(dir, "src/label.js", &label("l1"));
    write_file(dir, "src/fixed.js", "export const fixed = \"f1\";\n");
    // Accepts itself, unless the new version says otherwise (Vite's documented pattern):
    // then its importer takes the update.
    let own = |v: &str| {
        format!(
            "export const own = \"{v}\";\nimport.meta.hot.accept((next) => {{ window.__ownRuns = (window.__ownRuns || 0) + 1; if (next.own === \"o-bad\") import.meta.hot.invalidate(); }});\n"
        )
    };
    write_file(dir, "src/own.js", &own("o1"));
    let (server, _) = start_dev(&[dir.to_str().unwrap()], 1);

    let root = "document.getElementById('root').textContent";
    let seen = run_steps(serde_json::json!({
        "url": format!("http://127.0.0.1:{port}/"),
        "steps": [
            { "wait": format!("{root} === 'm1|l1|f1|o1'") },
            { "record": "marker", "eval": "window.__marker = 1" },
            { "write": dir.join("src/msg.js"), "text": "export const msg = \"m2\";\n" },
            { "wait": format!("{root} === 'm2|l1|f1|o1'") },
            { "record": "viteArg", "eval": "window.__viteArg" },
            { "write": dir.join("src/label.js"), "text": label("l2") },
            { "wait": format!("{root} === 'm2|l2|f1|o1'") },
            { "record": "labelWas", "eval": "window.__labelWas" },
            { "record": "labelRuns", "eval": "window.__labelRuns" },
            { "record": "markerBeforeDecline", "eval": "window.__marker || null" },
            // Vite's self-accept with invalidate: the importer renders the new value, once.
            { "write": dir.join("src/own.js"), "text": own("o-bad") },
            { "wait": format!("{root} === 'm2|l2|f1|o-bad'") },
            { "record": "ownRuns", "eval": "window.__ownRuns" },
            { "record": "markerAfterInvalidate", "eval": "window.__marker || null" },
            { "write": dir.join("src/fixed.js"), "text": "export const fixed = \"f2\";\n" },
            { "wait": format!("{root} === 'm2|l2|f2|o-bad' && window.__marker === undefined") },
            // A new module (a file created: the build reads and resolves afresh), then an
            // edit of it (only contents changed: the build trusts the watcher for the rest).
            { "write": dir.join("src/extra.js"), "text": "export const extra = \"x1\";\n" },
            { "write": dir.join("src/index.js"), "text": "import { extra } from \"./extra.js\";\ndocument.getElementById(\"root\").textContent = extra;\n" },
            { "wait": format!("{root} === 'x1'") },
            { "write": dir.join("src/extra.js"), "text": "export const extra = \"x2\";\n" },
            { "wait": format!("{root} === 'x2'") },
        ],
    }));
    drop(server);
    let recorded = &seen["recorded"];
    assert_eq!(seen["timeouts"], serde_json::json!([]), "{seen:#}");
    assert_eq!(recorded["viteArg"], "m2", "{seen:#}");
    assert_eq!(
        recorded["labelWas"], "l1",
        "dispose data reaches the next instance: {seen:#}"
    );
    assert_eq!(
        recorded["labelRuns"], 2,
        "import.meta.hot.data persists: {seen:#}"
    );
    assert_eq!(
        recorded["markerBeforeDecline"], 1,
        "no reload before: {seen:#}"
    );
    assert_eq!(
        recorded["markerAfterInvalidate"], 1,
        "invalidate did not reload: {seen:#}"
    );
    assert_eq!(
        recorded["ownRuns"], 1,
        "the old instance's callback ran once: {seen:#}"
    );
    // The declined module's edit reloaded the page, then the entry's edit and its new
    // module's (nothing accepts them).
    assert_eq!(seen["navigations"], 3, "{seen:#}");
    assert_eq!(seen["pageErrors"], serde_json::json!([]), "{seen:#}");
}

/// `[devServer] hot = false`: the page gets the reload client (`src/dev/client.js`) instead of
/// hot updates: an edit reloads, a stylesheet is swapped in place, a syntax error shows the
/// overlay while the last good build runs, the fix removes it.
#[test]
fn without_hot_updates_the_reload_client_runs_the_page() {
    let puppeteer = puppeteer_dir();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    write_file(
        &dir,
        "federation.toml",
        "entry = \"./src/index.js\"\n[devServer]\nhot = false\n",
    );
    let entry = dir.join("src/index.js");
    write_file(
        &dir,
        "src/index.js",
        "import \"./style.css\";\ndocument.getElementById(\"root\").textContent = \"v1\";\n",
    );
    let css = dir.join("src/style.css");
    write_file(&dir, "src/style.css", "#root { color: rgb(255, 0, 0); }\n");
    let (server, urls) = start_dev(&[dir.to_str().unwrap(), "--port", "0"], 1);
    let addr = urls[0].trim_start_matches("http://").trim_end_matches('/');
    let page = get(addr, "/", "text/html");
    assert!(page.contains("/__mfbundle/client.js?build="), "{page}");
    assert!(!get(addr, "/main.js", "*/*").contains("\"/__mfbundle/\""));

    let out = Command::new("node")
        .arg(puppeteer.join("dev-reload.cjs"))
        .arg(&urls[0])
        .arg(&entry)
        .arg(&css)
        .current_dir(&puppeteer)
        .output()
        .unwrap();
    drop(server);
    assert!(
        out.status.success(),
        "dev-reload.cjs: {}",
        text(&out.stderr)
    );
    let seen: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(seen["afterEdit"], "v2", "{seen:#}");
    assert_eq!(seen["reloaded"], true, "{seen:#}");
    assert_eq!(seen["colorAfter"], "rgb(0, 0, 255)", "{seen:#}");
    assert_eq!(seen["reloadedForCss"], false, "{seen:#}");
    let overlay = seen["overlay"].as_str().unwrap_or_default();
    assert!(overlay.contains("MF1001"), "{seen:#}");
    assert_eq!(seen["duringError"], "v2", "{seen:#}");
    assert_eq!(seen["afterFix"], "v3", "{seen:#}");
    assert_eq!(seen["overlayAfterFix"], false, "{seen:#}");
    assert_eq!(seen["pageErrors"], serde_json::json!([]), "{seen:#}");
}

/// Federated types in the dev loop (issue #20): a host with `types = true` served in one
/// process with its TypeScript remote fetches the remote's types once both are up, and
/// again when an exposed module's signature changes (the host does not rebuild for it).
#[test]
fn dev_refreshes_a_hosts_remote_types_when_the_remote_changes() {
    let (host_port, remote_port) = (free_port(), free_port());
    let tmp = tempfile::tempdir().unwrap();
    let remote = tmp.path().join("remote");
    let host = tmp.path().join("host");
    write_file(
        &remote,
        "federation.toml",
        &format!(
            "name = \"remote\"\nentry = \"./src/index.ts\"\n[exposes]\n\"./greet\" = \"./src/greet.ts\"\n[devServer]\nport = {remote_port}\n"
        ),
    );
    write_file(
        &remote,
        "src/index.ts",
        "import { greet } from \"./greet\";\nconsole.log(greet(\"dev\"));\n",
    );
    let greet = "export function greet(name: string): string {\n  return \"hi \" + name;\n}\n";
    write_file(&remote, "src/greet.ts", greet);
    write_file(
        &host,
        "federation.toml",
        &format!(
            "name = \"host\"\nentry = \"./src/index.ts\"\ntypes = true\n[remotes]\nremote = \"remote@http://127.0.0.1:{remote_port}/remoteEntry.js\"\n[devServer]\nport = {host_port}\n"
        ),
    );
    write_file(
        &host,
        "src/index.ts",
        "import(\"remote/greet\").then((m) => console.log(m));\n",
    );

    let (_server, rx) = dev_events(&[host.as_os_str(), remote.as_os_str()], &[]);
    let next_types = || loop {
        let v = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("no types event from mfbundle dev");
        if v["event"] == "types" {
            return v;
        }
    };
    let declared = host.join("@mf-types/remote/compiled-types/greet.d.ts");

    let first = next_types();
    assert_eq!(first["remotes"][0]["status"], "fetched", "{first}");
    let dts = std::fs::read_to_string(&declared).unwrap();
    assert!(
        dts.contains("export declare function greet(name: string): string;"),
        "{dts}"
    );

    std::fs::write(
        remote.join("src/greet.ts"),
        greet.replace("name: string)", "name: string, times: number)"),
    )
    .unwrap();
    let second = next_types();
    assert_eq!(second["remotes"][0]["status"], "fetched", "{second}");
    let dts = std::fs::read_to_string(&declared).unwrap();
    assert!(
        dts.contains("export declare function greet(name: string, times: number): string;"),
        "{dts}"
    );
}

/// `--open` opens the first project's page once it is built, with the command in $BROWSER
/// (as Vite's and webpack-dev-server's `open`); a command that cannot run is a warning.
#[test]
fn open_starts_the_browser_command_with_the_page_url() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    write_file(&dir, "federation.toml", "entry = \"./src/index.js\"\n");
    write_file(&dir, "src/index.js", "console.log(1);\n");
    let seen = tmp.path().join("opened.txt");
    let browser = tmp.path().join("browser.sh");
    std::fs::write(
        &browser,
        format!("#!/bin/sh\necho \"$1\" > {}\n", seen.display()),
    )
    .unwrap();
    std::fs::set_permissions(
        &browser,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let (_server, rx) = dev_events(
        &[
            dir.as_os_str(),
            "--port".as_ref(),
            "0".as_ref(),
            "--open".as_ref(),
        ],
        &[("BROWSER", &browser)],
    );
    let url = loop {
        let v = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("mfbundle dev did not listen");
        if v["event"] == "listening" {
            break v["url"].as_str().unwrap().to_string();
        }
    };
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while std::fs::read_to_string(&seen).unwrap_or_default().trim() != url {
        assert!(
            std::time::Instant::now() < deadline,
            "$BROWSER was not given {url}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A project whose `src/index.js` imports `label` from `src/label.js` (`label` its value):
/// its directory (in the temporary one returned) and where `mfbundle dev` keeps its cache.
fn label_app(label: &str) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    write_file(&dir, "federation.toml", "entry = \"./src/index.js\"\n");
    write_file(
        &dir,
        "src/index.js",
        "import { label } from \"./label.js\";\ndocument.title = label;\n",
    );
    write_file(
        &dir,
        "src/label.js",
        &format!("export const label = \"{label}\";\n"),
    );
    let file = dir.join("node_modules/.cache/mfbundle/development-web-hot.bin");
    (tmp, dir, file)
}

/// Waits for the cache file that `mfbundle dev` writes on another thread after its first
/// build, and for that write to end.
fn wait_for_cache_file(file: &std::path::Path) {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while !file.is_file() {
        assert!(std::time::Instant::now() < deadline, "no cache file");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
}

/// `mfbundle dev` keeps the persistent cache by default: the next process's first build
/// starts from it (no file parsed), serves the same bytes, and `--no-cache` neither reads
/// nor writes it.
#[test]
fn dev_starts_from_the_persistent_cache_the_last_process_wrote() {
    let (_tmp, dir, file) = label_app("cached");
    let first_build = |extra: &[&str]| {
        let mut args = vec![dir.as_os_str(), "--port".as_ref(), "0".as_ref()];
        args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
        let (server, rx) = dev_events(&args, &[]);
        let mut url = String::new();
        loop {
            let v = rx
                .recv_timeout(Duration::from_secs(60))
                .expect("mfbundle dev did not build");
            match v["event"].as_str() {
                Some("listening") => url = v["url"].as_str().unwrap().to_string(),
                Some("build") => {
                    assert_eq!(v["ok"], true, "{v}");
                    let addr = url.trim_start_matches("http://").trim_end_matches('/');
                    let response = get(addr, "/main.js", "*/*");
                    let body = response.split_once("\r\n\r\n").map(|(_, b)| b);
                    return (server, v, body.unwrap_or_default().to_string());
                }
                _ => {}
            }
        }
    };

    let (server, cold, cold_main) = first_build(&["--no-cache"]);
    assert!(cold.get("cache").is_none(), "{cold}");
    drop(server);
    assert!(!file.exists(), "--no-cache wrote the cache");

    let (server, first, _) = first_build(&[]);
    assert_eq!(first["cache"]["status"], "missing", "{first}");
    wait_for_cache_file(&file);
    drop(server);

    let (_server, warm, warm_main) = first_build(&[]);
    assert_eq!(warm["cache"]["status"], "loaded", "{warm}");
    assert_eq!(warm["cache"]["lateParses"], 0, "{warm}");
    assert_eq!(warm["cache"]["reused"], 2, "{warm}");
    assert!(cold_main.contains("cached"), "{cold_main}");
    assert_eq!(
        cold_main, warm_main,
        "the page gets other bytes from the cache"
    );
}

/// Ctrl-C (SIGINT) stops `mfbundle dev` with status 0 after it writes the persistent cache
/// of the rebuilds since the last write, which otherwise waits for the files to stay quiet
/// for a second: the next start reuses the edited module's code too.
#[test]
fn dev_stopped_by_ctrl_c_keeps_what_its_last_rebuild_cached() {
    let (_tmp, dir, file) = label_app("before");
    let args = [dir.as_os_str(), "--port".as_ref(), "0".as_ref()];
    let next_build = |rx: &std::sync::mpsc::Receiver<serde_json::Value>| loop {
        let v = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("mfbundle dev did not build");
        if v["event"] == "build" {
            assert_eq!(v["ok"], true, "{v}");
            return v;
        }
    };

    let (mut server, rx) = dev_events(&args, &[]);
    next_build(&rx);
    wait_for_cache_file(&file);
    let written = std::fs::read(&file).unwrap();
    write_file(&dir, "src/label.js", "export const label = \"after\";\n");
    next_build(&rx);
    // SAFETY: a signal to the child this test started.
    assert_eq!(
        unsafe { libc::kill(server.0.id() as libc::pid_t, libc::SIGINT) },
        0
    );
    let status = server.0.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{status:?}");
    let stopped = rx.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(stopped["event"], "stopped", "{stopped}");
    assert_ne!(
        std::fs::read(&file).unwrap(),
        written,
        "the cache was not written"
    );

    let (_server, rx) = dev_events(&args, &[]);
    let warm = next_build(&rx);
    assert_eq!(warm["cache"]["status"], "loaded", "{warm}");
    // index.js and the edited label.js: both from the file the stopped process wrote.
    assert_eq!(warm["cache"]["reused"], 2, "{warm}");
}

/// `[devServer] https = { cert, key }` (issue #17): the React example's host and remote served
/// over HTTPS with a test certificate for localhost and 127.0.0.1 (`tests/tls`): Node checks
/// the chain against that certificate, plain HTTP gets no page, and in Chromium the host
/// page loads the remote over HTTPS and applies a hot update of the remote's component
/// without a reload.
#[test]
fn dev_serves_https_with_the_given_certificate() {
    let (_tmp, apps) = example_copy();
    let (host, remote) = (apps.join("host"), apps.join("remote"));
    let (host_port, remote_port) = (free_port(), free_port());
    let tls = repo_root().join("tests/tls");
    let https = format!(
        "https = {{ cert = {}, key = {} }}\n",
        serde_json::json!(tls.join("cert.pem")),
        serde_json::json!(tls.join("key.pem"))
    );
    for (dir, from, to) in [(&host, 3001, host_port), (&remote, 3002, remote_port)] {
        let config = dir.join("federation.toml");
        let text = std::fs::read_to_string(&config).unwrap();
        let text = text
            .replace(
                "remote@http://127.0.0.1:3002/",
                &format!("remote@https://127.0.0.1:{remote_port}/"),
            )
            .replace(
                &format!("port = {from}\n"),
                &format!("port = {to}\n{https}"),
            );
        std::fs::write(config, text).unwrap();
    }
    let (server, urls) = start_dev(&[host.to_str().unwrap(), remote.to_str().unwrap()], 2);
    assert_eq!(
        urls[0],
        format!("https://127.0.0.1:{host_port}/"),
        "{urls:?}"
    );
    assert_eq!(
        urls[1],
        format!("https://127.0.0.1:{remote_port}/"),
        "{urls:?}"
    );

    // The chain checks out against the certificate, for both names it was made for.
    let script = format!(
        "const https = require('https'); const ca = require('fs').readFileSync({});\n\
         const get = (u) => new Promise((ok, no) => https.get(u, {{ ca }}, (r) => {{ let b = ''; r.on('data', (d) => b += d); r.on('end', () => ok([r.statusCode, b])); }}).on('error', no));\n\
         (async () => {{ for (const u of [{}, {}]) {{ const [s, b] = await get(u); if (s !== 200 || !b.includes('<div id=\"root\">')) throw new Error(u + ' ' + s); }} console.log('verified'); }})().catch((e) => {{ console.error(String(e)); process.exit(1); }});",
        serde_json::json!(tls.join("cert.pem")),
        serde_json::json!(format!("https://127.0.0.1:{host_port}/")),
        serde_json::json!(format!("https://localhost:{host_port}/")),
    );
    let out = Command::new("node")
        .arg("-e")
        .arg(&script)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    // Plain HTTP on the same port gets no page.
    let plain = get(&format!("127.0.0.1:{host_port}"), "/", "text/html");
    assert!(
        !plain.contains("<div id=\"root\">"),
        "plain HTTP got the page: {plain}"
    );

    let body = |s: &str| format!("document.body.innerText.includes({})", serde_json::json!(s));
    let widget = remote.join("src/Widget.tsx");
    let seen = run_steps(serde_json::json!({
        // The remote's origin is 127.0.0.1 too: a page of another site (localhost) may not
        // load the remote's scripts.
        "url": format!("https://127.0.0.1:{host_port}/"),
        "args": ["--ignore-certificate-errors"],
        "steps": [
            { "wait": format!("{} && {}", body("Host clicks: 0"), body("Remote clicks: 0")) },
            { "record": "clicked", "eval": "(() => { const b = [...document.querySelectorAll('button')].find((x) => x.textContent.includes('Remote clicks')); b.click(); b.click(); return true; })()" },
            { "wait": body("Remote clicks: 2") },
            { "write": widget, "text": edited(&widget, "Rendered by the remote with", "Served over HTTPS by the remote with") },
            { "wait": body("Served over HTTPS by the remote with") },
            { "record": "after", "eval": "document.body.innerText" },
            { "record": "protocol", "eval": "location.protocol" },
        ],
    }));
    drop(server);
    assert_eq!(seen["timeouts"], serde_json::json!([]), "{seen:#}");
    assert_eq!(seen["recorded"]["protocol"], "https:", "{seen:#}");
    let after = seen["recorded"]["after"].as_str().unwrap_or_default();
    assert!(
        after.contains("Remote clicks: 2"),
        "the count is kept: {seen:#}"
    );
    assert_eq!(seen["navigations"], 0, "{seen:#}");
    assert_eq!(seen["pageErrors"], serde_json::json!([]), "{seen:#}");
}

/// A certificate or key that cannot be read or is not PEM stops `mfbundle dev` before it
/// serves anything: MF2001 at `https` in federation.toml, exit status 2. `build` does not
/// read them (a CI machine has no local certificate).
#[test]
fn dev_refuses_https_files_it_cannot_use() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_file(dir, "src/index.js", "document.title = 'app';\n");
    write_file(dir, "garbage.pem", "not a key\n");
    let cert = repo_root().join("tests/tls/cert.pem");
    for (key, said) in [
        (
            "missing.pem",
            "devServer.https.key: cannot read missing.pem",
        ),
        (
            "garbage.pem",
            "devServer.https: the key file holds no PEM private key",
        ),
    ] {
        write_file(
            dir,
            "federation.toml",
            &format!(
                "entry = \"./src/index.js\"\n[devServer]\nport = {}\nhttps = {{ cert = {}, key = \"{key}\" }}\n",
                free_port(),
                serde_json::json!(cert)
            ),
        );
        let out = mfbundle().arg("dev").arg(dir).output().unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("error[MF2001]") && stderr.contains(said),
            "{stderr}"
        );
        assert!(stderr.contains("federation.toml:4:1"), "{stderr}");
        let built = mfbundle().arg("build").arg(dir).output().unwrap();
        assert!(
            built.status.success(),
            "build reads no certificate: {}",
            text(&built.stderr)
        );
    }
}

/// An HTTPS API server for `[devServer] proxy` with `tests/tls/api-cert.pem` (issued by the
/// test CA `tests/tls/ca.pem` for localhost and 127.0.0.1): answers each request with its
/// method and path; returns its port.
fn https_echo_server() -> u16 {
    let tls = repo_root().join("tests/tls");
    let server = tiny_http::Server::https(
        "127.0.0.1:0",
        tiny_http::SslConfig {
            certificate: std::fs::read(tls.join("api-cert.pem")).unwrap(),
            private_key: std::fs::read(tls.join("api-key.pem")).unwrap(),
        },
    )
    .unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let text = format!("{} {} over TLS", request.method(), request.url());
            let _ = request.respond(tiny_http::Response::from_string(text).with_status_code(202));
        }
    });
    port
}

/// `[devServer] proxy` to `https://` targets (issue #17): the target's certificate is
/// checked against the system bundle and `NODE_EXTRA_CA_CERTS`, as Node checks it for
/// webpack-dev-server's and Vite's proxies; a chain the process does not trust gets a 502
/// that says why; `{ target, secure = false }` takes any certificate.
#[test]
fn dev_proxies_https_targets_checking_their_certificate() {
    let port = https_echo_server();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("src/index.js"), "console.log(1);\n").unwrap();
    std::fs::write(
        dir.join("federation.toml"),
        format!(
            "entry = \"./src/index.js\"\n[devServer]\nport = 0\nproxy = {{ \"/api\" = \"https://localhost:{port}\", \"/unchecked\" = {{ target = \"https://127.0.0.1:{port}/api\", secure = false }} }}\n"
        ),
    )
    .unwrap();
    // No system bundle: only what each run names is trusted.
    let empty = tmp.path().join("empty.pem");
    std::fs::write(&empty, "").unwrap();
    let ca = repo_root().join("tests/tls/ca.pem");
    let serve = |extra_ca: &std::path::Path| {
        let (server, rx) = dev_events(
            &[dir.as_os_str()],
            &[("SSL_CERT_FILE", &empty), ("NODE_EXTRA_CA_CERTS", extra_ca)],
        );
        let (mut addr, mut built) = (None, false);
        while addr.is_none() || !built {
            let v = rx
                .recv_timeout(Duration::from_secs(60))
                .expect("mfbundle dev did not serve");
            match v["event"].as_str() {
                Some("listening") => {
                    let url = v["url"].as_str().unwrap();
                    addr = Some(
                        url.trim_start_matches("http://")
                            .trim_end_matches('/')
                            .to_string(),
                    );
                }
                Some("build") => built = true,
                _ => {}
            }
        }
        (server, addr.unwrap())
    };

    let (server, addr) = serve(&ca);
    let api = get(&addr, "/api/users?page=2", "*/*");
    assert!(api.starts_with("HTTP/1.1 202"), "{api}");
    assert!(api.ends_with("GET /api/users?page=2 over TLS"), "{api}");
    let unchecked = get(&addr, "/unchecked/items", "*/*");
    // The target's base path comes first; the prefix is kept (no rewrite), as webpack's.
    assert!(
        unchecked.ends_with("GET /api/unchecked/items over TLS"),
        "{unchecked}"
    );
    drop(server);

    // The CA not trusted: the checked target is refused, the unchecked one still answers.
    let (server, addr) = serve(&empty);
    let refused = get(&addr, "/api/users", "*/*");
    assert!(refused.starts_with("HTTP/1.1 502"), "{refused}");
    assert!(refused.contains("certificate"), "{refused}");
    assert!(!refused.contains("over TLS"), "{refused}");
    let unchecked = get(&addr, "/unchecked/items", "*/*");
    assert!(unchecked.starts_with("HTTP/1.1 202"), "{unchecked}");
    drop(server);
}
