//! The file as written: serde structs that reject unknown keys, and the translation of
//! toml/serde errors into located diagnostics with a did-you-mean hint.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostics::{Code, Diagnostic, Location};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawConfig {
    pub entry: Option<RawEntry>,
    pub out_dir: Option<String>,
    pub empty_out_dir: Option<bool>,
    pub target: Option<String>,
    pub mode: Option<String>,
    pub public_path: Option<String>,
    #[serde(default)]
    pub define: BTreeMap<String, toml::Value>,
    pub resolve: Option<RawResolve>,
    pub name: Option<String>,
    pub share_scope: Option<String>,
    pub shared: Option<toml::Value>,
    pub filename: Option<String>,
    pub library: Option<RawLibrary>,
    pub remote_type: Option<String>,
    pub exposes: Option<toml::Value>,
    pub remotes: Option<toml::Value>,
    pub jsx: Option<String>,
    pub jsx_import_source: Option<String>,
    pub jsx_factory: Option<String>,
    pub jsx_fragment: Option<String>,
    pub jsx_dev: Option<bool>,
    pub sourcemap: Option<bool>,
    pub concatenate_modules: Option<bool>,
    /// Checked in `resolve`: true/false or `{ compress, mangle, keepNames }`.
    pub minify: Option<toml::Value>,
    /// Checked in `resolve`: true, false or a template's path.
    pub html: Option<toml::Value>,
    /// MF 2.0's `manifest`: write mf-manifest.json and mf-stats.json (default: with exposes).
    pub manifest: Option<bool>,
    /// Checked in `resolve`: true, false or `{ generate, consume, compiler }`.
    pub types: Option<toml::Value>,
    /// Checked in `resolve`: `[name]`, `[contenthash]`, ending in `.js`.
    pub entry_file_names: Option<String>,
    /// Checked in `resolve`: "named" or "deterministic".
    pub module_ids: Option<String>,
    /// Checked in `resolve` (a non-negative integer that fits a timer).
    pub chunk_load_timeout: Option<toml::Value>,
    /// `__MF_DEBUG__` in the runtime (default: development).
    pub runtime_debug: Option<bool>,
    /// Checked in `resolve`: "version-first" or "loaded-first".
    pub share_strategy: Option<String>,
    /// MF 2.0 runtime plugins: module requests, resolved by the scan.
    #[serde(default)]
    pub runtime_plugins: Vec<String>,
    /// webpack's `runtime` (a runtime chunk name, or false): accepted and ignored, with a
    /// warning (every file of a build carries the runtime it shares on the page).
    pub runtime: Option<toml::Value>,
    /// `mfbundle dev`'s server for this project.
    pub dev_server: Option<RawDevServer>,
    /// The persistent cache (default: on in `mfbundle dev`, off in `build`).
    pub cache: Option<bool>,
    /// Where the persistent cache lives (default: `node_modules/.cache/mfbundle`).
    pub cache_dir: Option<String>,
    /// Checked in `resolve`: true, false or `{ dir = "ssr" }`.
    pub ssr: Option<toml::Value>,
}

/// `[devServer]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawDevServer {
    pub port: Option<u16>,
    pub host: Option<String>,
    /// Sent with every response, e.g. `"Cross-Origin-Embedder-Policy" = "require-corp"`.
    #[serde(default)]
    pub headers: std::collections::BTreeMap<String, String>,
    /// Path prefix -> `http://` or `https://` server the requests under it are passed to
    /// (an API): its URL, or `{ target = URL, secure = false }`.
    #[serde(default)]
    pub proxy: std::collections::BTreeMap<String, RawProxy>,
    /// Hot module replacement (and React Fast Refresh) in development; `false`: a changed
    /// module reloads the page.
    pub hot: Option<bool>,
    /// Open the page in the browser once it is built (as `--open`).
    pub open: Option<bool>,
    /// Serve HTTPS with this certificate and key (PEM files, relative to the project).
    pub https: Option<RawHttps>,
}

/// A `[devServer] proxy` target: its URL, or webpack-dev-server's and Vite's options object.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawProxy {
    Url(String),
    Options(RawProxyOptions),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProxyOptions {
    pub target: String,
    /// `false`: an `https://` target's certificate is not checked (a development
    /// server's self-signed one).
    pub secure: Option<bool>,
}

/// `[devServer] https = { cert = "...", key = "..." }`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHttps {
    pub cert: String,
    pub key: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawLibrary {
    #[serde(rename = "type")]
    pub kind: String,
    /// The global the container is published under (webpack's `library.name`); `name` by
    /// default.
    pub name: Option<String>,
    /// umd: `define(name, [], factory)` rather than `define([], factory)`.
    pub umd_named_define: Option<bool>,
    /// webpack's options for libraries that are not containers' concern: accepted, ignored
    /// with a warning.
    pub export: Option<toml::Value>,
    pub auxiliary_comment: Option<toml::Value>,
    pub amd_container: Option<toml::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawEntry {
    One(String),
    Many(BTreeMap<String, OneOrMany>),
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawResolve {
    #[serde(default)]
    pub alias: BTreeMap<String, String>,
    pub condition_names: Option<Vec<String>>,
    pub extensions: Option<Vec<String>>,
}

pub fn parse(text: &str, file: &str) -> Result<RawConfig, Vec<Diagnostic>> {
    toml::from_str::<RawConfig>(text).map_err(|e| {
        let message = e.message().trim().to_string();
        let loc = match e.span() {
            Some(span) => Location::from_range(file, text, span.start, span.end),
            None => Location::file_only(file),
        };
        let mut d;
        if let Some((field, expected)) = parse_unknown_field(&message) {
            d = Diagnostic::new(Code::ConfigUnknownKey, format!("unknown key `{field}`")).at(loc);
            match did_you_mean(&field, &expected) {
                Some(best) => d = d.hint(format!("did you mean `{best}`?")),
                None => {
                    d = d.hint(format!(
                        "known keys here: {}; see federation.toml.example",
                        expected.join(", ")
                    ))
                }
            }
        } else {
            let message = if message.contains("did not match any variant of untagged enum RawEntry")
            {
                "entry must be a string or a table of name = request(s)".to_string()
            } else {
                message
            };
            d = Diagnostic::new(Code::ConfigInvalid, message)
                .at(loc)
                .hint("see federation.toml.example for every key and its type");
        }
        vec![d]
    })
}

/// serde's text for an unknown field is "unknown field `x`, expected one of `a`, `b`"
/// (or "expected `a` or `b`"); its parts are not exposed otherwise.
fn parse_unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect();
    Some((field.to_string(), expected))
}

pub fn did_you_mean<'a>(word: &str, candidates: &'a [String]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| {
            (
                strsim::jaro_winkler(&word.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.as_str())
}

/// Byte range of the first line that sets `key` (`key =` or `"key" =` or `[key]`), for
/// diagnostics about values that parsed but are not valid.
pub fn locate_key(text: &str, key: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        for candidate in [key.to_string(), format!("\"{key}\""), format!("[{key}]")] {
            if let Some(rest) = trimmed.strip_prefix(&candidate)
                && (candidate.starts_with('[') || rest.trim_start().starts_with('='))
            {
                let start = offset + indent;
                return Some((start, start + candidate.len()));
            }
        }
        offset += line.len();
    }
    None
}

/// [`locate_key`] within the `[section]` table when the file has that header (so that a key
/// written in two tables is found in the right one), else anywhere.
pub fn locate_key_in(text: &str, section: &str, key: &str) -> Option<(usize, usize)> {
    let header = format!("[{section}]");
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        if line.trim() == header {
            let rest = &text[offset..];
            let end = rest
                .split_inclusive('\n')
                .scan(0, |pos, l| {
                    let at = *pos;
                    *pos += l.len();
                    Some((at, l))
                })
                .find(|(_, l)| l.trim_start().starts_with('['))
                .map_or(rest.len(), |(at, _)| at);
            if let Some((s, e)) = locate_key(&rest[..end], key) {
                return Some((offset + s, offset + e));
            }
            break;
        }
    }
    locate_key(text, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_parts() {
        let (f, e) =
            parse_unknown_field("unknown field `outdir`, expected one of `entry`, `outDir`")
                .unwrap();
        assert_eq!(f, "outdir");
        assert_eq!(e, vec!["entry", "outDir"]);
        assert_eq!(did_you_mean("outdir", &e), Some("outDir"));
    }

    #[test]
    fn locate() {
        let t = "entry = \"x\"\n  mode = \"y\"\n";
        assert_eq!(locate_key(t, "mode"), Some((14, 18)));
        assert_eq!(locate_key(t, "nope"), None);
        let t = "[shared]\n\"\" = {}\n[remotes]\n\"\" = \"a@b\"\n";
        assert_eq!(locate_key_in(t, "remotes", ""), Some((27, 29)));
        assert_eq!(locate_key_in(t, "shared", ""), Some((9, 11)));
        assert_eq!(locate_key_in(t, "exposes", ""), Some((9, 11)));
    }
}
