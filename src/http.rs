//! A small HTTP/1.1 client, one connection per request: what the dev server's `proxy` and
//! `mfbundle types` (a remote's manifest and `@mf-types.zip`) need. `http://`, and
//! `https://` over rustls (already in the tree for the dev server's HTTPS): the server's
//! chain is checked against the system's certificate bundle (`SSL_CERT_FILE`, else the
//! usual bundle files) and the certificates in `NODE_EXTRA_CA_CERTS`, as Node checks it
//! for webpack-dev-server's and Vite's proxies; an unchecked connection is asked for by
//! name (`secure = false`, as their `secure: false`).

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

/// Where a URL points: the address to connect to, the Host header, the path (`/path` or
/// ""), and whether the connection is TLS.
pub struct Url {
    pub addr: String,
    pub authority: String,
    pub path: String,
    pub tls: bool,
}

/// `http://host[:port][/path]` or `https://…`.
pub fn split_url(url: &str) -> std::io::Result<Url> {
    let (rest, tls) = match (url.strip_prefix("http://"), url.strip_prefix("https://")) {
        (Some(rest), _) => (rest, false),
        (_, Some(rest)) => (rest, true),
        _ => return Err(invalid("only http:// and https:// URLs are supported")),
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let has_port = match authority.rfind(']') {
        // `[::1]:8443`
        Some(end) => authority[end..].contains(':'),
        None => authority.contains(':'),
    };
    let addr = if has_port {
        authority.to_string()
    } else {
        format!("{authority}:{}", if tls { 443 } else { 80 })
    };
    Ok(Url {
        addr,
        authority: authority.to_string(),
        path: path.to_string(),
        tls,
    })
}

/// Sends `head` (request line and headers, without the final blank line) and `body` to
/// `url`'s server, and reads the whole answer. Over TLS, `secure` checks the server's
/// certificate chain and name.
pub fn exchange(
    url: &Url,
    head: &str,
    body: &[u8],
    (timeout, secure): (Duration, bool),
) -> std::io::Result<Response> {
    let stream = connect(&url.addr, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    // One write: a server that reads the request once and closes may otherwise reset the
    // connection on bytes it never read, losing its answer.
    let mut request = format!("{head}Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    request.extend_from_slice(body);
    let mut answer = Vec::new();
    if url.tls {
        let mut stream = tls::connect(stream, &url.authority, secure)?;
        stream.write_all(&request)?;
        stream.flush()?;
        read_until_closed(&mut stream, &mut answer)?;
    } else {
        let mut stream = stream;
        stream.write_all(&request)?;
        stream.read_to_end(&mut answer)?;
    }
    parse_response(&answer)
}

/// Reads a TLS stream to its end; a peer that closes without TLS's close_notify (common
/// among servers that answer `Connection: close`) ends it too once something was read.
fn read_until_closed(stream: &mut impl Read, answer: &mut Vec<u8>) -> std::io::Result<()> {
    match stream.read_to_end(answer) {
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof && !answer.is_empty() => Ok(()),
        other => other.map(|_| ()),
    }
}

mod tls {
    use std::net::TcpStream;
    use std::sync::{Arc, OnceLock};

    use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
    use rustls::{ClientConfig, ClientConnection, DigitallySignedStruct, SignatureScheme};

    /// Bundles of trusted certificates, where Debian, Fedora, Alpine and macOS keep them.
    const BUNDLES: [&str; 4] = [
        "/etc/ssl/certs/ca-certificates.crt",
        "/etc/pki/tls/certs/ca-bundle.crt",
        "/etc/ssl/cert.pem",
        "/usr/local/etc/openssl/cert.pem",
    ];

    fn provider() -> Arc<rustls::crypto::CryptoProvider> {
        Arc::new(rustls::crypto::ring::default_provider())
    }

    /// The certificates a checked connection trusts: the system bundle and Node's extra
    /// ones. Read once per process.
    fn roots() -> rustls::RootCertStore {
        let mut roots = rustls::RootCertStore::empty();
        let system = std::env::var_os("SSL_CERT_FILE")
            .map(std::path::PathBuf::from)
            .or_else(|| {
                BUNDLES
                    .iter()
                    .map(std::path::PathBuf::from)
                    .find(|p| p.is_file())
            });
        let extra = std::env::var_os("NODE_EXTRA_CA_CERTS").map(std::path::PathBuf::from);
        for file in system.into_iter().chain(extra) {
            if let Ok(certs) = CertificateDer::pem_file_iter(&file) {
                // A certificate of the bundle that does not parse is left out, not fatal.
                let _ = roots.add_parsable_certificates(certs.flatten());
            }
        }
        roots
    }

    fn config(secure: bool) -> std::io::Result<Arc<ClientConfig>> {
        static CHECKED: OnceLock<Result<Arc<ClientConfig>, String>> = OnceLock::new();
        static UNCHECKED: OnceLock<Result<Arc<ClientConfig>, String>> = OnceLock::new();
        let make = || -> Result<Arc<ClientConfig>, String> {
            let builder = ClientConfig::builder_with_provider(provider())
                .with_safe_default_protocol_versions()
                .map_err(|e| e.to_string())?;
            let config = if secure {
                builder
                    .with_root_certificates(roots())
                    .with_no_client_auth()
            } else {
                builder
                    .dangerous()
                    .with_custom_certificate_verifier(Arc::new(Unchecked(provider())))
                    .with_no_client_auth()
            };
            Ok(Arc::new(config))
        };
        let cell = if secure { &CHECKED } else { &UNCHECKED };
        cell.get_or_init(make)
            .clone()
            .map_err(std::io::Error::other)
    }

    /// A TLS session over `tcp` with the server named by `authority` (`host[:port]`).
    pub fn connect(
        tcp: TcpStream,
        authority: &str,
        secure: bool,
    ) -> std::io::Result<rustls::StreamOwned<ClientConnection, TcpStream>> {
        let host = match authority.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or(v6),
            None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
        };
        let name = ServerName::try_from(host.to_string())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
        let connection =
            ClientConnection::new(config(secure)?, name).map_err(std::io::Error::other)?;
        Ok(rustls::StreamOwned::new(connection, tcp))
    }

    /// `secure = false`: any certificate is taken (the handshake's signatures are still
    /// checked, so the session is with the holder of the certificate's key).
    #[derive(Debug)]
    struct Unchecked(Arc<rustls::crypto::CryptoProvider>);

    impl ServerCertVerifier for Unchecked {
        fn verify_server_cert(
            &self,
            _: &CertificateDer<'_>,
            _: &[CertificateDer<'_>],
            _: &ServerName<'_>,
            _: &[u8],
            _: UnixTime,
        ) -> Result<ServerCertVerified, rustls::Error> {
            Ok(ServerCertVerified::assertion())
        }

        fn verify_tls12_signature(
            &self,
            message: &[u8],
            cert: &CertificateDer<'_>,
            dss: &DigitallySignedStruct,
        ) -> Result<HandshakeSignatureValid, rustls::Error> {
            rustls::crypto::verify_tls12_signature(
                message,
                cert,
                dss,
                &self.0.signature_verification_algorithms,
            )
        }

        fn verify_tls13_signature(
            &self,
            message: &[u8],
            cert: &CertificateDer<'_>,
            dss: &DigitallySignedStruct,
        ) -> Result<HandshakeSignatureValid, rustls::Error> {
            rustls::crypto::verify_tls13_signature(
                message,
                cert,
                dss,
                &self.0.signature_verification_algorithms,
            )
        }

        fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
            self.0.signature_verification_algorithms.supported_schemes()
        }
    }
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
    let url = split_url(url)?;
    let path = if url.path.is_empty() { "/" } else { &url.path };
    let head = format!(
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nUser-Agent: mfbundle\r\nAccept: */*\r\n",
        url.authority
    );
    exchange(&url, &head, &[], (timeout, true))
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

#[cfg(test)]
mod tests {
    use super::split_url;

    /// Each scheme's default port, a given port, an IPv6 literal, a base path; other
    /// schemes are refused.
    #[test]
    fn urls_split_into_address_host_and_path() {
        for (url, addr, authority, path, tls) in [
            (
                "http://127.0.0.1:4000/api",
                "127.0.0.1:4000",
                "127.0.0.1:4000",
                "/api",
                false,
            ),
            ("http://localhost", "localhost:80", "localhost", "", false),
            (
                "https://api.example/v1/",
                "api.example:443",
                "api.example",
                "/v1/",
                true,
            ),
            ("https://[::1]:8443", "[::1]:8443", "[::1]:8443", "", true),
            ("https://[::1]/x", "[::1]:443", "[::1]", "/x", true),
        ] {
            let u = split_url(url).unwrap();
            assert_eq!(
                (
                    u.addr.as_str(),
                    u.authority.as_str(),
                    u.path.as_str(),
                    u.tls
                ),
                (addr, authority, path, tls),
                "{url}"
            );
        }
        assert!(split_url("ftp://example").is_err());
    }
}
