//! `[devServer] proxy`: requests under a path prefix are passed to another HTTP server (the
//! app's API in development), as webpack-dev-server's and Vite's `proxy` do, so the page calls
//! its API on its own origin. Plain `http://` targets only; one connection per request.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use tiny_http::Request;

/// Headers that belong to one connection, not to the request or response passed on.
const HOP_BY_HOP: [&str; 6] = [
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
    "upgrade",
    "host",
];

/// What the target answered: status, headers (hop-by-hop ones removed), body.
pub struct Proxied {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// The target (`http://host:port[/base]`) of the first prefix of `proxy` that `path` is
/// under (a prefix matches whole segments: `/api` takes `/api` and `/api/x`, not `/apix`).
pub fn target_for<'p>(proxy: &'p [(String, String)], path: &str) -> Option<&'p str> {
    proxy.iter().find_map(|(prefix, target)| {
        let prefix = prefix.trim_end_matches('/');
        let rest = path.strip_prefix(prefix)?;
        (rest.is_empty() || rest.starts_with('/') || rest.starts_with('?'))
            .then_some(target.as_str())
    })
}

/// Passes `request` to `target`; a 502 text when the target cannot be reached or answers
/// something that is not HTTP.
pub fn forward(request: &mut Request, target: &str) -> Proxied {
    match try_forward(request, target) {
        Ok(p) => p,
        Err(e) => Proxied {
            status: 502,
            headers: vec![("Content-Type".into(), "text/plain; charset=utf-8".into())],
            body: format!("mfbundle dev: the proxy target {target} did not answer: {e}\n")
                .into_bytes(),
        },
    }
}

fn try_forward(request: &mut Request, target: &str) -> std::io::Result<Proxied> {
    let invalid =
        |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
    let rest = target
        .strip_prefix("http://")
        .ok_or_else(|| invalid("only http:// targets are supported"))?;
    let (authority, base) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].trim_end_matches('/')),
        None => (rest, ""),
    };
    let addr = if authority.contains(':') {
        authority.to_string()
    } else {
        format!("{authority}:80")
    };
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
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut stream = TcpStream::connect(&addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    stream.write_all(head.as_bytes())?;
    stream.write_all(&body)?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer)?;

    let end = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| invalid("no end of headers"))?;
    let head = String::from_utf8_lossy(&answer[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| invalid("no status line"))?;
    let mut chunked = false;
    let mut headers = Vec::new();
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let lower = name.trim().to_ascii_lowercase();
        if lower == "transfer-encoding" && value.to_ascii_lowercase().contains("chunked") {
            chunked = true;
        }
        if !HOP_BY_HOP.contains(&lower.as_str()) {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    let raw = &answer[end + 4..];
    let body = if chunked { dechunk(raw) } else { raw.to_vec() };
    Ok(Proxied {
        status,
        headers,
        body,
    })
}

/// The data of a `Transfer-Encoding: chunked` body (as much as is well-formed).
fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = raw.windows(2).position(|w| w == b"\r\n") {
        let size = String::from_utf8_lossy(&raw[..eol]);
        let size = size.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size, 16) else {
            break;
        };
        let start = eol + 2;
        if size == 0 || start + size > raw.len() {
            break;
        }
        out.extend_from_slice(&raw[start..start + size]);
        raw = raw.get(start + size + 2..).unwrap_or(&[]);
    }
    out
}
