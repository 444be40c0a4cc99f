//! The HTTP side of `mfbundle dev` (tiny_http: a small, synchronous server is enough for one
//! developer's browser, and it keeps tokio out of the build). It serves the project's last
//! good build from memory and nothing else: a path with a `..` segment (or a backslash, or a
//! NUL) is refused before any lookup, and there is no file system access at all, so no
//! traversal or symlink can reach outside the app. A request whose `Host` is not one of this
//! machine's loopback names (or the configured host) is refused (DNS rebinding), and CORS
//! lets pages of loopback origins read responses (a host app on another port reading a
//! remote's `mf-manifest.json`), not any website. Responses carry `Cache-Control: no-store`
//! and the project's `[devServer] headers` (which replace defaults of the same name); a path
//! under the app that names no file gets `index.html` (history API routing) when it looks
//! like a page (no extension, or the browser asks for HTML).

use std::io::Cursor;
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use super::Shared;

/// The reload client of builds that are not hot, with the page helpers it shares with the
/// hot runtime's client.
static CLIENT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "(function () {{\n{}{}}})();\n",
        crate::codegen::hot::DEV_PAGE,
        include_str!("client.js")
    )
});
const CLIENT_PATH: &str = "/__mfbundle/client.js";
const POLL_PATH: &str = "/__mfbundle/poll";
const HOT_PATH: &str = "/__mfbundle/hot";
/// A long poll answers after this long even when nothing was built.
const POLL_WAIT: Duration = Duration::from_secs(25);

/// How [`start`]'s error begins when the certificate or key is the problem.
pub const TLS_ERROR: &str = "TLS: ";

/// Listens on `host`:`port` (HTTPS with `https`, the PEM certificate chain and key) and
/// serves `shared` from a thread per request; the URL of the app.
pub fn start(
    host: &str,
    port: u16,
    https: Option<(Vec<u8>, Vec<u8>)>,
    shared: Arc<Shared>,
) -> Result<String, String> {
    let addr = if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    };
    let (server, scheme) = match https {
        None => (Server::http(&addr).map_err(|e| e.to_string())?, "http"),
        Some((certificate, private_key)) => {
            let ssl = tiny_http::SslConfig {
                certificate,
                private_key,
            };
            // Listening fails with an I/O error; anything else is the certificate's.
            let server = Server::https(&addr, ssl).map_err(|e| match e.is::<std::io::Error>() {
                true => e.to_string(),
                false => format!("{TLS_ERROR}{e}"),
            })?;
            (server, "https")
        }
    };
    let url = match server.server_addr().to_ip() {
        Some(a) => format!("{scheme}://{a}/"),
        None => format!("{scheme}://{addr}/"),
    };
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let shared = shared.clone();
            std::thread::spawn(move || handle(request, &shared));
        }
    });
    Ok(url)
}

/// Whether `host_and_port` (`host:port`, `[::1]:port`) names this machine.
fn is_loopback_name(host_and_port: &str) -> bool {
    let host = match host_and_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host_and_port.split(':').next().unwrap_or(""),
    };
    super::is_loopback(host)
}

fn header<'r>(request: &'r Request, name: &'static str) -> Option<&'r str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
}

fn handle(mut request: Request, shared: &Shared) {
    // DNS rebinding: a name that resolves to this machine but is none of its own names.
    let host_ok = header(&request, "Host").is_none_or(|h| {
        is_loopback_name(h)
            || shared
                .host
                .as_deref()
                .is_some_and(|own| h == own || h.split(':').next() == Some(own))
    });
    // A page of another site may not read the app's code through a script tag (which CORS
    // does not cover; webpack-dev-server's CVE-2025-30359): browsers say where a request
    // comes from. A host and its remotes on this machine's ports are the same site.
    let host_ok = host_ok && header(&request, "Sec-Fetch-Site") != Some("cross-site");
    let target = host_ok
        .then(|| {
            let proxy = shared.proxy.read().unwrap_or_else(|e| e.into_inner());
            super::proxy::target_for(&proxy, request.url()).cloned()
        })
        .flatten();
    let proxied = target.map(|target| super::proxy::forward(&mut request, &target));
    if let Some(p) = proxied {
        let mut response = Response::from_data(p.body).with_status_code(p.status);
        for (k, v) in &p.headers {
            if let Ok(h) = Header::from_bytes(k.as_bytes(), v.as_bytes()) {
                response.add_header(h);
            }
        }
        let _ = request.respond(response);
        return;
    }
    let (status, content_type, body) = if host_ok {
        answer(&request, shared)
    } else {
        text(
            403,
            "mfbundle dev answers requests for its own host names, from its own site only\n",
        )
    };
    let origin = header(&request, "Origin")
        .filter(|o| {
            o.strip_prefix("http://")
                .or_else(|| o.strip_prefix("https://"))
                .is_some_and(is_loopback_name)
        })
        .map(str::to_string);
    let mut response = Response::new(
        StatusCode(status),
        vec![],
        Cursor::new(body.to_vec()),
        Some(body.len()),
        None,
    );
    let mut headers: Vec<(&str, &str)> = vec![("Cache-Control", "no-store")];
    if let Some(o) = &origin {
        headers.extend([
            ("Access-Control-Allow-Origin", o.as_str()),
            ("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS"),
            ("Access-Control-Allow-Headers", "*"),
            ("Vary", "Origin"),
        ]);
    }
    if let Some(t) = content_type {
        headers.push(("Content-Type", t));
    }
    // The project's headers replace the defaults of the same name.
    let project_headers = shared.headers.read().unwrap_or_else(|e| e.into_inner());
    headers.retain(|(k, _)| {
        !project_headers
            .iter()
            .any(|(u, _)| u.eq_ignore_ascii_case(k))
    });
    let own = project_headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()));
    for (k, v) in headers.into_iter().chain(own) {
        if let Ok(h) = Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            response.add_header(h);
        }
    }
    let _ = request.respond(response);
}

type Answer = (u16, Option<&'static str>, Arc<[u8]>);

fn text(status: u16, body: &str) -> Answer {
    (
        status,
        Some("text/plain; charset=utf-8"),
        Arc::from(body.as_bytes()),
    )
}

fn answer(request: &Request, shared: &Shared) -> Answer {
    match request.method() {
        Method::Get | Method::Head => {}
        Method::Options => return (204, None, Arc::from(&b""[..])),
        _ => return text(405, "mfbundle dev serves GET and HEAD only\n"),
    }
    let raw = request.url();
    let (path, query) = raw.split_once('?').unwrap_or((raw, ""));
    let Some(path) = decode(path) else {
        return text(400, "malformed path\n");
    };
    if !path.starts_with('/')
        || path.contains('\\')
        || path.contains('\0')
        || path.split('/').any(|s| s == "..")
    {
        return text(
            403,
            "mfbundle dev serves the app only, nothing outside it\n",
        );
    }
    if path == CLIENT_PATH {
        return (
            200,
            Some("text/javascript; charset=utf-8"),
            Arc::from(CLIENT.as_bytes()),
        );
    }
    if path == POLL_PATH {
        return poll(query, shared);
    }
    if path == HOT_PATH {
        return hot_update(query, shared);
    }
    let served = shared.served.lock().unwrap_or_else(|e| e.into_inner());
    let name = path.trim_start_matches('/');
    let name = if name.is_empty() { "index.html" } else { name };
    if name == "index.html" {
        return page(&served, served.good);
    }
    if let Some(bytes) = served.files.get(name) {
        return (200, Some(content_type(name)), bytes.clone());
    }
    let last = name.rsplit('/').next().unwrap_or(name);
    let wants_html = header(request, "Accept").is_some_and(|a| a.contains("text/html"));
    if !last.contains('.') || wants_html {
        return page(&served, served.good);
    }
    text(404, "not found in this build\n")
}

/// `index.html` with the dev client's script, which learns from its URL the build the page
/// belongs to (so a build that ends before the client's first poll still reaches the page).
/// A hot build's page needs none: its runtime has the client.
fn page(served: &super::Served, build: u64) -> Answer {
    let tag = format!("<script src=\"{CLIENT_PATH}?build={build}\"></script>");
    let Some(html) = served.files.get("index.html") else {
        // No good build yet: this page reloads once there is one.
        let body = format!(
            "<!doctype html>\n<title>mfbundle dev</title>\n{tag}\n<p>The first build has not finished, or it failed: see the terminal.</p>\n"
        );
        return (
            503,
            Some("text/html; charset=utf-8"),
            Arc::from(body.into_bytes()),
        );
    };
    if served.hot.is_some() {
        return (200, Some("text/html; charset=utf-8"), html.clone());
    }
    let html = String::from_utf8_lossy(html);
    // ASCII lowercasing keeps byte offsets.
    let injected = match html.to_ascii_lowercase().find("</head>") {
        Some(at) => format!("{}{tag}\n  {}", &html[..at], &html[at..]),
        None => format!("{html}\n{tag}\n"),
    };
    (
        200,
        Some("text/html; charset=utf-8"),
        Arc::from(injected.into_bytes()),
    )
}

/// The value of `name` in a query string.
fn param<'q>(query: &'q str, name: &str) -> Option<&'q str> {
    query
        .split('&')
        .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
}

/// `?since=N` (or, for a page's first question, `?key=K&first=1` with the runtime key of the
/// build its files came from): waits until a build other than N is done (or [`POLL_WAIT`]
/// passes), then returns the state: `{ build, from, ok, errors, update, css }`, where
/// `update` is what a page running build `from` does now: `none`, `css` (swap `css`), `hot`
/// (swap `css` and load the module functions from [`HOT_PATH`]) or `reload`.
fn poll(query: &str, shared: &Shared) -> Answer {
    let mut served = shared.served.lock().unwrap_or_else(|e| e.into_inner());
    // A key the server does not know: a page from before it (re)started.
    let since: i64 = match param(query, "key") {
        Some(key) => served.build_of_key(key).map_or(i64::MAX, |b| b as i64),
        None => param(query, "since")
            .and_then(|v| v.parse().ok())
            .unwrap_or(-1),
    };
    // The client's first question is answered at once (it needs the errors of a failed
    // build now); later ones wait for the next build.
    let first = query.split('&').any(|kv| kv == "first=1");
    if since >= 0 && !first {
        let deadline = std::time::Instant::now() + POLL_WAIT;
        // Before the first build there is nothing to report either.
        while (served.build as i64 == since || served.build == 0)
            && std::time::Instant::now() < deadline
        {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            served = match shared.changed.wait_timeout(served, left) {
                Ok((s, _)) => s,
                Err(e) => e.into_inner().0,
            };
        }
    }
    let (update, css) = match served.update_since(since.max(0) as u64) {
        _ if since < 0 => ("none", Default::default()),
        super::Update::Nothing => ("none", Default::default()),
        super::Update::Swap(swap) if swap.modules.is_empty() && swap.removed.is_empty() => {
            ("css", swap.css)
        }
        super::Update::Swap(swap) => ("hot", swap.css),
        super::Update::Reload => ("reload", Default::default()),
    };
    let body = serde_json::json!({
        "build": served.build,
        "from": since,
        "ok": served.ok,
        "errors": served.errors,
        "update": update,
        "css": css,
    })
    .to_string();
    (200, Some("application/json"), Arc::from(body.into_bytes()))
}

/// `?since=N&callback=F`: a script that hands the functions of the modules changed since
/// build N to the page's runtime: `F(build, { id: function, ... }, [removed ids])`. 409 when
/// the page must reload instead.
fn hot_update(query: &str, shared: &Shared) -> Answer {
    let callback = param(query, "callback").filter(|c| {
        !c.is_empty()
            && c.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
    });
    let since = param(query, "since").and_then(|v| v.parse::<u64>().ok());
    let (Some(callback), Some(since)) = (callback, since) else {
        return text(400, "hot updates need ?since=<build>&callback=<name>\n");
    };
    let served = shared.served.lock().unwrap_or_else(|e| e.into_inner());
    let swap = match served.update_since(since) {
        super::Update::Nothing => super::Swap::default(),
        super::Update::Swap(swap) => swap,
        super::Update::Reload => return text(409, "this page must reload\n"),
    };
    let Some(hot) = &served.hot else {
        return text(409, "this page must reload\n");
    };
    let mut out = format!("{callback}({}, {{\n", served.good);
    for id in &swap.modules {
        if let Some(function) = hot.modules.get(id).and_then(|f| f.text(&served.files)) {
            let key = serde_json::to_string(id).unwrap_or_default();
            out.push_str(&key);
            out.push_str(": ");
            out.push_str(function);
            out.push_str(",\n");
        }
    }
    let removed: Vec<&String> = swap.removed.iter().collect();
    out.push_str("}, ");
    out.push_str(&serde_json::to_string(&removed).unwrap_or_default());
    out.push_str(");\n");
    (
        200,
        Some("text/javascript; charset=utf-8"),
        Arc::from(out.into_bytes()),
    )
}

/// Percent-decoding of a URL path; `None` when it is not UTF-8 after decoding.
fn decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(path.get(i + 1..i + 3)?, 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(name: &str) -> &'static str {
    let ext = name.rsplit('.').next().unwrap_or("");
    match ext {
        "js" | "mjs" | "cjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
