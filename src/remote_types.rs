//! Federated types, the host side (`mfbundle types`, and `build` with `types = true`): each
//! remote's `@mf-types.zip` is fetched (named by its mf-manifest.json's `metaData.types`, or
//! next to its remote entry, as `@module-federation/dts-plugin` hosts find it) and unpacked
//! to `@mf-types/<remote key>/`, with the remote's API file as `apis.d.ts`. With
//! `"paths": { "*": ["./@mf-types/*"] }` in tsconfig.json, `import W from "remote/Widget"`
//! then type-checks.
//!
//! A remote that is down, or answers something that is not a types archive, is a warning
//! (MF5002) and its last fetched types stay. A folder is replaced only when mfbundle wrote
//! it (its `.mfbundle-output` marker lists every file in it): types a user wrote or another
//! tool unpacked there are never deleted.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;

use crate::config::{BuildConfig, RemoteExternal, display_path};
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::write::marker::{MARKER, Marker};

/// The folder in the host project.
pub const TYPES_DIR: &str = "@mf-types";
/// Attempts per download (the dts-plugin's `maxRetries`).
const ATTEMPTS: usize = 3;
/// Per attempt.
const TIMEOUT: Duration = Duration::from_secs(10);
/// An archive that unpacks to more than this is refused (a zip bomb, not types).
const MAX_UNPACKED: u64 = 64 << 20;

/// What happened to one remote's types.
#[derive(Debug, Serialize)]
pub struct RemoteTypes {
    pub remote: String,
    /// Where the archive was fetched from (none: the remote has no URL, or no types).
    #[serde(rename = "zipUrl", skip_serializing_if = "Option::is_none")]
    pub zip_url: Option<String>,
    /// "fetched", "kept" (the fetch failed; the last ones stay), "none" (the remote
    /// publishes none, or is not loaded from a URL).
    pub status: &'static str,
    /// Files now under `@mf-types/<remote>/`.
    pub files: usize,
}

/// Fetches every remote's types into `<root>/@mf-types/`.
pub fn consume(config: &BuildConfig) -> (Vec<RemoteTypes>, Vec<Diagnostic>) {
    let mut results = Vec::new();
    let mut diagnostics = Vec::new();
    let file = display_path(&config.root, &config.config_file);
    for remote in &config.containers.remotes {
        let warn = |message: String, hint: &str| {
            Diagnostic::new(Code::TypesUnavailable, message)
                .at(Location::file_only(&file))
                .hint(hint.to_string())
        };
        let folder = config.root.join(TYPES_DIR).join(&remote.key);
        let kept = || count_files(&folder);
        let urls = match remote.externals.first() {
            Some(RemoteExternal::Script { url, .. }) | Some(RemoteExternal::Module(url)) => {
                Ok(Some(next_to_entry(url)))
            }
            Some(RemoteExternal::Manifest { url, .. }) => from_manifest(url),
            _ => Ok(None),
        };
        let (zip_url, api_url) =
            match urls {
                Ok(Some(u)) => u,
                Ok(None) => {
                    results.push(RemoteTypes {
                        remote: remote.key.clone(),
                        zip_url: None,
                        status: "none",
                        files: kept(),
                    });
                    continue;
                }
                Err(e) => {
                    diagnostics.push(warn(
                    format!("types of remote `{}`: {e}; the last fetched ones stay", remote.key),
                    "start the remote's server (or check its URL) and run `mfbundle types` again",
                ));
                    results.push(RemoteTypes {
                        remote: remote.key.clone(),
                        zip_url: None,
                        status: "kept",
                        files: kept(),
                    });
                    continue;
                }
            };
        let fetched = download(&zip_url).and_then(|zip| {
            let api = download(&api_url).ok().map(|api| {
                String::from_utf8_lossy(&api).replace("REMOTE_ALIAS_IDENTIFIER", &remote.key)
            });
            unpack(&zip, api.as_deref(), &folder, &config.root)
        });
        match fetched {
            Ok(files) => results.push(RemoteTypes {
                remote: remote.key.clone(),
                zip_url: Some(zip_url),
                status: "fetched",
                files,
            }),
            Err(e) => {
                diagnostics.push(warn(
                    format!(
                        "types of remote `{}` from {zip_url}: {e}; the last fetched ones stay",
                        remote.key
                    ),
                    "start the remote's server (a build with TypeScript exposes writes @mf-types.zip) and run `mfbundle types` again",
                ));
                results.push(RemoteTypes {
                    remote: remote.key.clone(),
                    zip_url: Some(zip_url),
                    status: "kept",
                    files: kept(),
                });
            }
        }
    }
    (results, diagnostics)
}

/// The hint to print when tsconfig.json does not map requests into `@mf-types/`.
pub fn tsconfig_hint(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join("tsconfig.json")).unwrap_or_default();
    (!text.contains(TYPES_DIR)).then(|| {
        "tsconfig.json does not look into @mf-types/: add \"paths\": { \"*\": [\"./@mf-types/*\"] } to its compilerOptions so `import W from \"<remote>/<module>\"` finds these types".to_string()
    })
}

/// The dts-plugin's URLs for a remote named by its entry: the entry's folder.
fn next_to_entry(url: &str) -> (String, String) {
    let base = match url.rfind('/') {
        Some(i) if i > "http://".len() => &url[..i],
        _ => url.trim_end_matches('/'),
    };
    (
        format!("{base}/{}", crate::codegen::types::ZIP_NAME),
        format!("{base}/{}", crate::codegen::types::API_NAME),
    )
}

/// The URLs `metaData.types` names, against the manifest's publicPath ("auto": the
/// manifest's folder). None: the remote publishes no types.
fn from_manifest(url: &str) -> Result<Option<(String, String)>, String> {
    let body = download(url)?;
    let manifest: serde_json::Value =
        serde_json::from_slice(&body).map_err(|e| format!("{url} is not a manifest ({e})"))?;
    let meta = &manifest["metaData"];
    let zip = meta["types"]["zip"].as_str().unwrap_or("");
    if zip.is_empty() {
        return Ok(None);
    }
    let api = meta["types"]["api"].as_str().unwrap_or("");
    let folder = match url.rfind('/') {
        Some(i) => &url[..=i],
        None => url,
    };
    let public_path = match meta["publicPath"].as_str() {
        None | Some("auto") | Some("") => folder.to_string(),
        Some(p) if p.starts_with("http://") => p.to_string(),
        Some(p) => join(folder, p),
    };
    let public_path = if public_path.ends_with('/') {
        public_path
    } else {
        public_path + "/"
    };
    let api = if api.is_empty() {
        zip.replace(".zip", ".d.ts")
    } else {
        api.to_string()
    };
    Ok(Some((join(&public_path, zip), join(&public_path, &api))))
}

/// `rel` against the folder URL `base` (absolute paths keep base's origin).
fn join(base: &str, rel: &str) -> String {
    if rel.starts_with("http://") {
        return rel.to_string();
    }
    if let Some(path) = rel.strip_prefix('/') {
        let origin_end = base["http://".len().min(base.len())..]
            .find('/')
            .map(|i| i + "http://".len())
            .unwrap_or(base.len());
        return format!("{}/{path}", &base[..origin_end]);
    }
    format!("{base}{}", rel.trim_start_matches("./"))
}

/// GET with the dts-plugin's retries; an HTML answer (a page server's fallback) is not a
/// file.
fn download(url: &str) -> Result<Vec<u8>, String> {
    let mut last = String::new();
    for _ in 0..ATTEMPTS {
        match crate::http::get(url, TIMEOUT) {
            Ok(r) if r.status == 200 => {
                if r.header("content-type")
                    .is_some_and(|t| t.contains("text/html"))
                {
                    return Err(format!("{url} answered an HTML page, not the file"));
                }
                return Ok(r.body);
            }
            Ok(r) => {
                last = format!("{url} answered {}", r.status);
                if r.status == 404 {
                    break;
                }
            }
            Err(e) => last = format!("cannot fetch {url}: {e}"),
        }
    }
    Err(last)
}

/// The files under `dir` other than its marker.
fn count_files(dir: &Path) -> usize {
    let mut files = Vec::new();
    list_files(dir, "", &mut files);
    files.iter().filter(|f| f.as_str() != MARKER).count()
}

/// Every file under `dir`, relative, `/`-separated.
fn list_files(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(|e| e.ok()) {
        let name = format!("{prefix}{}", e.file_name().to_string_lossy());
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            list_files(&e.path(), &format!("{name}/"), out);
        } else {
            out.push(name);
        }
    }
}

/// Unpacks `zip` (and `api` as apis.d.ts) into `folder`, replacing what mfbundle wrote there
/// before; refuses a folder holding files it did not write. The number of files.
fn unpack(zip: &[u8], api: Option<&str>, folder: &Path, root: &Path) -> Result<usize, String> {
    let shown = |p: &Path| display_path(root, p);
    if folder.exists() {
        let mine = Marker::read(folder).map(|m| m.files).unwrap_or_default();
        let mut present = Vec::new();
        list_files(folder, "", &mut present);
        let foreign: Vec<&String> = present
            .iter()
            .filter(|f| f.as_str() != MARKER && !mine.contains(f))
            .collect();
        if !foreign.is_empty() {
            return Err(format!(
                "{} holds files mfbundle did not write ({}), so it is left as it is; delete it to let mfbundle manage it",
                shown(folder),
                foreign
                    .iter()
                    .take(5)
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip))
        .map_err(|e| format!("not a zip archive ({e})"))?;
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|e| format!("broken archive ({e})"))?;
        if entry.is_dir() {
            continue;
        }
        let Some(name) = entry.enclosed_name() else {
            return Err("the archive names a file outside its folder".into());
        };
        total += entry.size();
        if total > MAX_UNPACKED {
            return Err(format!(
                "the archive unpacks to more than {MAX_UNPACKED} bytes"
            ));
        }
        let mut contents = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut contents)
            .map_err(|e| format!("broken archive ({e})"))?;
        if name.as_os_str() == MARKER {
            continue;
        }
        files.push((name, contents));
    }
    if let Some(api) = api {
        files.push((PathBuf::from("apis.d.ts"), api.as_bytes().to_vec()));
    }

    // Written next to the folder, then swapped in: a failure leaves the last types.
    let parent = folder.parent().unwrap_or(root);
    let leaf = folder
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let staging = parent.join(format!(".{leaf}.mfbundle-new"));
    let old = parent.join(format!(".{leaf}.mfbundle-old"));
    let io = |e: std::io::Error, p: &Path| format!("cannot write {}: {e}", shown(p));
    for stale in [&staging, &old] {
        if stale.exists() && Marker::read(stale).is_some() {
            std::fs::remove_dir_all(stale).map_err(|e| io(e, stale))?;
        }
    }
    std::fs::create_dir_all(&staging).map_err(|e| io(e, &staging))?;
    let mut names = Vec::new();
    for (name, contents) in &files {
        let path = staging.join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io(e, dir))?;
        }
        std::fs::write(&path, contents).map_err(|e| io(e, &path))?;
        names.push(name.to_string_lossy().replace('\\', "/"));
    }
    let count = names.len();
    let marker = Marker::new("@mf-types", names);
    std::fs::write(staging.join(MARKER), marker.to_bytes()).map_err(|e| io(e, &staging))?;
    if folder.exists() {
        std::fs::rename(folder, &old).map_err(|e| io(e, folder))?;
    }
    std::fs::rename(&staging, folder).map_err(|e| io(e, folder))?;
    if old.exists() {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            next_to_entry("http://a:1/x/remoteEntry.js"),
            (
                "http://a:1/x/@mf-types.zip".to_string(),
                "http://a:1/x/@mf-types.d.ts".to_string()
            )
        );
        assert_eq!(
            join("http://a:1/x/", "@mf-types.zip"),
            "http://a:1/x/@mf-types.zip"
        );
        assert_eq!(join("http://a:1/x/", "/t/z.zip"), "http://a:1/t/z.zip");
    }
}
