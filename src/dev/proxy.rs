//! `[devServer] proxy`: requests under a path prefix are passed to another HTTP server (the
//! app's API in development), as webpack-dev-server's and Vite's `proxy` do, so the page calls
//! its API on its own origin. `http://` and `https://` targets (an `https://` one's
//! certificate checked unless `secure = false`: [`crate::http`]); one connection per request.

use std::time::Duration;

use tiny_http::Request;

use crate::config::ProxyTarget;
use crate::http::HOP_BY_HOP;

/// What the target answered: status, headers (hop-by-hop ones removed), body.
pub type Proxied = crate::http::Response;

/// The target (`http(s)://host:port[/base]`) of the first prefix of `proxy` that `path` is
/// under (a prefix matches whole segments: `/api` takes `/api` and `/api/x`, not `/apix`).
pub fn target_for<'p>(proxy: &'p [(String, ProxyTarget)], path: &str) -> Option<&'p ProxyTarget> {
    proxy.iter().find_map(|(prefix, target)| {
        let prefix = prefix.trim_end_matches('/');
        let rest = path.strip_prefix(prefix)?;
        (rest.is_empty() || rest.starts_with('/') || rest.starts_with('?')).then_some(target)
    })
}

/// Passes `request` to `target`; a 502 text when the target cannot be reached or answers
/// something that is not HTTP.
pub fn forward(request: &mut Request, target: &ProxyTarget) -> Proxied {
    match try_forward(request, target) {
        Ok(p) => p,
        Err(e) => Proxied {
            status: 502,
            headers: vec![("Content-Type".into(), "text/plain; charset=utf-8".into())],
            body: format!(
                "mfbundle dev: the proxy target {} did not answer: {e}\n",
                target.url
            )
            .into_bytes(),
        },
    }
}

fn try_forward(request: &mut Request, target: &ProxyTarget) -> std::io::Result<Proxied> {
    let url = crate::http::split_url(&target.url)?;
    let (authority, base) = (&url.authority, url.path.trim_end_matches('/'));
    let mut body = Vec::new();
    request.as_reader().read_to_end(&mut body)?;
    let mut head = format!(
        "{} {base}{} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n",
        request.method(),
        request.url()
    );
    for h in request.headers() {
        let name = h.field.as_str().as_str();
        if !HOP_BY_HOP.contains(&name.to_ascii_lowercase().as_str()) {
            head.push_str(&format!("{name}: {}\r\n", h.value.as_str()));
        }
    }
    crate::http::exchange(&url, &head, &body, (Duration::from_secs(60), target.secure))
}
