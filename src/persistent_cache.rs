//! The persistent cache (`cache = true`: the default of `mfbundle dev`, opt-in for `build`):
//! what the in-memory caches of watch mode keep ([`crate::pipeline::BuildCache`]), written to
//! `node_modules/.cache/mfbundle/<mode>-<target>.bin` under the project (where webpack,
//! babel-loader and Vite keep theirs; `cacheDir` moves it) and read by the next process, so
//! that a restart does not redo work the last process did: each file's scan results but its
//! AST (import records, ESM shape, ...; the AST is parsed again only if a later stage reads
//! it, `graph/ast.rs`), what each request resolved to with the files found and the paths
//! missed on the way (trusted only while none of those changed, `graph/resolve_cache.rs`),
//! and each module's generated code.
//!
//! The file is trusted only when everything its contents depend on is the same: its magic
//! text, a checksum of its bytes, the mfbundle that wrote it (version, and its executable's
//! size and time) and a fingerprint of the resolved configuration (federation options
//! included; the parts that only change what the terminal shows are left out). Anything
//! else (a foreign, truncated or corrupt file, another mfbundle, another configuration) is
//! ignored and replaced after the next successful build; an entry of a trusted file is still
//! used only when its own key (the file's text, or the module's text and what its transform
//! reads) matches. The file is written to a temporary name beside it and renamed over it, so
//! a killed build leaves the old file or the new one (bytes that two processes saving at
//! once mixed fail the checksum). Nothing else under the directory is touched.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::config::BuildConfig;
use crate::graph::cache::{EncodedParse, EncodedParses};
use crate::graph::resolve_cache::StoredResolutions;

/// The first bytes of every cache file.
const MAGIC: &[u8; 16] = b"mfbundle-cache\x00\x01";

/// Which mfbundle this is: its version, and the size and modification time of its
/// executable, so that a rebuilt or upgraded binary (whose code generation may differ under
/// the same version number) never trusts another one's cache.
fn writer() -> String {
    let exe = std::env::current_exe().and_then(std::fs::metadata);
    let (len, modified) = match exe {
        Ok(m) => (
            m.len(),
            m.modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos()),
        ),
        Err(_) => (0, 0),
    };
    format!("{}+{len}.{modified}", env!("CARGO_PKG_VERSION"))
}

/// What a cache file holds (written; [`decode`] reads it back in parts).
#[derive(Serialize, Default)]
pub struct Contents {
    /// [`writer`] of the process that wrote it.
    pub version: String,
    /// [`fingerprint`] of the configuration the contents were made with.
    pub fingerprint: u64,
    /// Scan results of each file but its AST ([`crate::graph::cache::ParseCache`]), each
    /// encoded on its own beside its path, so that a build decodes each only when it asks
    /// for that file, on the scan's threads.
    pub parse: Vec<EncodedParse>,
    /// What requests resolved to and what that depended on
    /// ([`crate::graph::resolve_cache`]), when the answers can be trusted.
    pub resolutions: Option<StoredResolutions>,
    /// Module code of the generate stage ([`crate::codegen::cache::CodeCache`]).
    pub code: Vec<crate::codegen::cache::StoredCode>,
}

/// A path and its entry's bytes, written as postcard's string and bytes (a length, then the
/// bytes), which [`decode`] borrows from the file.
impl Serialize for EncodedParse {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Bytes<'a>(&'a [u8]);
        impl Serialize for Bytes<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_bytes(self.0)
            }
        }
        (self.path.as_str(), Bytes(&self.bytes)).serialize(serializer)
    }
}

/// Where one build's cache lives and what it must have been made for.
#[derive(Debug, Clone)]
pub struct Store {
    pub path: PathBuf,
    fingerprint: u64,
}

/// Why a cache file was not used (`--json`'s `cache.status`, with `loaded` when it was).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rejected {
    /// There is no file yet.
    Missing,
    /// Not a cache file, or its bytes do not match their checksum.
    Corrupt,
    /// Written by another mfbundle (version or executable).
    Version,
    /// Made with another configuration.
    Configuration,
}

/// A hash of what every cached result depends on besides its own inputs: the resolved
/// configuration (paths, mode, target, federation options, ...) and the mfbundle version.
/// `compressed_sizes` only says what the terminal shows, so it does not count.
pub fn fingerprint(config: &BuildConfig) -> u64 {
    let mut config = config.clone();
    config.compressed_sizes = false;
    let text = format!("{}|{config:?}", env!("CARGO_PKG_VERSION"));
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

impl Store {
    /// The cache file of `config`'s build.
    pub fn for_build(config: &BuildConfig) -> Store {
        let mode = match config.mode {
            crate::config::Mode::Production => "production",
            crate::config::Mode::Development => "development",
        };
        let target = match config.target {
            crate::config::Target::Web => "web",
            crate::config::Target::Node => "node",
        };
        let hot = if config.hot { "-hot" } else { "" };
        Store {
            path: config.cache_dir.join(format!("{mode}-{target}{hot}.bin")),
            fingerprint: fingerprint(config),
        }
    }

    /// The contents of the cache file, if it can be trusted for this build: its parse
    /// entries, and its code entries still encoded.
    pub fn load(&self) -> Result<Loaded, Rejected> {
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(_) => return Err(Rejected::Missing),
        };
        decode(bytes, self.fingerprint)
    }

    /// Writes `contents` (made with this build's configuration) in place of the file.
    pub fn save(&self, mut contents: Contents) -> std::io::Result<()> {
        contents.version = writer();
        contents.fingerprint = self.fingerprint;
        let bytes = encode(&contents)?;
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // One temporary name per file: two processes saving at once may mix their bytes
        // there, which the checksum then refuses; nothing accumulates.
        let temp = dir.join(format!(".{name}.tmp"));
        let written =
            std::fs::write(&temp, &bytes).and_then(|_| std::fs::rename(&temp, &self.path));
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        written
    }
}

/// MAGIC, the payload's xxh3 (little-endian), the payload (postcard).
fn encode(contents: &Contents) -> std::io::Result<Vec<u8>> {
    let payload = postcard::to_stdvec(contents).map_err(std::io::Error::other)?;
    let mut bytes = Vec::with_capacity(payload.len() + 24);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    Ok(bytes)
}

/// A trusted cache file as [`Store::load`] reads it. The parse entries stay encoded until
/// the scan asks for each file's, and the code entries until the generate stage needs them
/// ([`EncodedCode::decode`], which a build runs on another thread while it scans and links).
pub struct Loaded {
    pub parse: EncodedParses,
    pub resolutions: Option<StoredResolutions>,
    pub code: EncodedCode,
}

/// [`Contents::code`] as postcard encoded it: the file's bytes from `at` on.
pub struct EncodedCode {
    bytes: Arc<Vec<u8>>,
    at: usize,
}

impl EncodedCode {
    /// The code entries (none if their bytes do not decode, which the checksum over the
    /// whole payload makes a defect, not a corruption).
    pub fn decode(self) -> Vec<crate::codegen::cache::StoredCode> {
        postcard::from_bytes(&self.bytes[self.at..]).unwrap_or_default()
    }
}

/// The fields of [`Contents`] before `code`, in order, borrowing the parse entries' paths
/// and bytes: postcard writes a struct as its fields one after the other, so a file's
/// payload is these followed by the code entries.
type Head<'a> = (
    String,
    u64,
    Vec<(&'a str, &'a [u8])>,
    Option<StoredResolutions>,
);

fn decode(bytes: Vec<u8>, fingerprint: u64) -> Result<Loaded, Rejected> {
    let rest = bytes.strip_prefix(MAGIC).ok_or(Rejected::Corrupt)?;
    let (sum, payload) = rest.split_at_checked(8).ok_or(Rejected::Corrupt)?;
    let sum = u64::from_le_bytes(sum.try_into().map_err(|_| Rejected::Corrupt)?);
    if xxhash_rust::xxh3::xxh3_64(payload) != sum {
        return Err(Rejected::Corrupt);
    }
    let ((version, written_for, parse, resolutions), code) =
        postcard::take_from_bytes::<Head>(payload).map_err(|_| Rejected::Corrupt)?;
    if version != writer() {
        return Err(Rejected::Version);
    }
    if written_for != fingerprint {
        return Err(Rejected::Configuration);
    }
    // Where each borrowed slice lies in the file.
    let range = |part: &[u8]| {
        let start = part.as_ptr() as usize - bytes.as_ptr() as usize;
        start..start + part.len()
    };
    let entries = parse
        .iter()
        .map(|(path, entry)| (range(path.as_bytes()), range(entry)))
        .collect();
    let at = bytes.len() - code.len();
    let bytes = Arc::new(bytes);
    Ok(Loaded {
        parse: EncodedParses {
            bytes: bytes.clone(),
            entries,
        },
        resolutions,
        code: EncodedCode { bytes, at },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Contents {
        Contents {
            version: writer(),
            fingerprint: 7,
            parse: vec![],
            resolutions: None,
            code: vec![crate::codegen::cache::StoredCode {
                id: "./src/a.js".into(),
                key: 42,
                esm: true,
                body: "__mf_exports__.x = 1;\n".into(),
                map: None,
            }],
        }
    }

    #[test]
    fn round_trips_and_refuses_what_it_cannot_trust() {
        let bytes = encode(&sample()).unwrap();
        let back = decode(bytes.clone(), 7).unwrap().code.decode();
        assert_eq!(back.len(), 1);
        assert_eq!(&*back[0].body, "__mf_exports__.x = 1;\n");
        assert_eq!(
            decode(bytes.clone(), 8).err(),
            Some(Rejected::Configuration)
        );
        // Any flipped byte of the payload, a truncation, or another file.
        for at in [MAGIC.len() + 8, bytes.len() - 1] {
            let mut bad = bytes.clone();
            bad[at] ^= 0x20;
            assert_eq!(decode(bad, 7).err(), Some(Rejected::Corrupt));
        }
        assert_eq!(
            decode(bytes[..bytes.len() - 3].to_vec(), 7).err(),
            Some(Rejected::Corrupt)
        );
        assert_eq!(decode(b"{}".to_vec(), 7).err(), Some(Rejected::Corrupt));
        let mut other = sample();
        other.version = "0.0.0-other".into();
        assert_eq!(
            decode(encode(&other).unwrap(), 7).err(),
            Some(Rejected::Version)
        );
    }
}
