//! A plain HTTP/1.1 client, one connection per request: what the dev server's `proxy` and
//! `mfbundle types` (a remote's manifest and `@mf-types.zip`) need. `http://` only.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Headers that belong to one connection, not to the request or response passed on.
pub const HOP_BY_HOP: [&str; 6] = [
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
    "upgrade",
    "host",
];

/// What a server answered: status, headers (hop-by-hop ones removed), body.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// The first header named `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn invalid(what: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string())
}

/// `http://host[:port][/path]` -> (`host:port`, the Host header, `/path` or "").
pub fn split_url(url: &str) -> std::io::Result<(String, String, String)> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| invalid("only http:// URLs are supported"))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let addr = if authority.contains(':') {
        authority.to_string()
    } else {
        format!("{authority}:80")
    };
    Ok((addr, authority.to_string(), path.to_string()))
}

/// Sends `head` (request line and headers, without the final blank line) and `body` to
/// `addr`, and reads the whole answer.
pub fn exchange(
    addr: &str,
    head: &str,
    body: &[u8],
    timeout: Duration,
) -> std::io::Result<Response> {
    let mut stream = connect(addr, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    // One write: a server that reads the request once and closes may otherwise reset the
    // connection on bytes it never read, losing its answer.
    let mut request = format!("{head}Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    request.extend_from_slice(body);
    stream.write_all(&request)?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer)?;
    parse_response(&answer)
}

fn connect(addr: &str, timeout: Duration) -> std::io::Result<TcpStream> {
    use std::net::ToSocketAddrs;
    let mut last = invalid("the host name resolves to no address");
    for a in addr.to_socket_addrs()? {
        match TcpStream::connect_timeout(&a, timeout) {
            Ok(s) => return Ok(s),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// `GET url`.
pub fn get(url: &str, timeout: Duration) -> std::io::Result<Response> {
    let (addr, host, path) = split_url(url)?;
    let path = if path.is_empty() { "/".into() } else { path };
    let head = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nUser-Agent: mfbundle\r\nAccept: */*\r\n"
    );
    exchange(&addr, &head, &[], timeout)
}

fn parse_response(answer: &[u8]) -> std::io::Result<Response> {
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
    Ok(Response {
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
