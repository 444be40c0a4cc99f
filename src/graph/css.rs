//! CSS and asset modules, read during the scan.
//!
//! A `.css` file imported from JavaScript is bundled with its `@import`s by lightningcss
//! (media, supports and layer conditions kept), printed once with every `url()` replaced by a
//! placeholder, and the placeholders' targets resolved relative to the CSS file that contains
//! them and read as assets. `*.module.css` files are CSS modules: their classes are renamed
//! `<file-stem>_<class>_<hash of the project-relative path>` and the JS import yields the map.
//! Images and fonts imported from JavaScript are assets: their bytes, emitted under a
//! content-hashed name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lightningcss::bundler::{
    BundleErrorKind, Bundler, FileProvider, ResolveResult, SourceProvider,
};
use lightningcss::css_modules::{Config as CssModulesConfig, CssModuleReference, Pattern};
use lightningcss::dependencies::{Dependency, DependencyOptions};
use lightningcss::error::ErrorLocation;
use lightningcss::stylesheet::{ParserOptions, PrinterOptions};

use super::module::ImportKind;
use super::resolve::{Resolved, Resolvers};
use crate::config::{BuildConfig, Mode, display_path};
use crate::diagnostics::{Code, Diagnostic, Location};

/// File extensions imported as assets (their URL), not parsed.
pub const ASSET_EXTENSIONS: [&str; 15] = [
    "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "bmp", "woff", "woff2", "ttf",
    "eot", "otf", "mp4",
];

pub fn is_asset(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ASSET_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

pub fn is_css(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()) == Some("css")
}

/// A file copied to the output under a content-hashed name.
#[derive(Debug, Clone)]
pub struct AssetFile {
    /// Name relative to outDir: `assets/logo.3f2a1b9c.png`.
    pub name: String,
    pub bytes: Arc<[u8]>,
}

/// What a `url()` placeholder becomes.
#[derive(Debug, Clone)]
pub enum UrlTarget {
    /// Left as written (`data:`, `http(s):`, `//host`, `/abs`, `#fragment`).
    Keep(String),
    /// An emitted asset; `suffix` is the request's `?query` / `#hash`.
    Asset { file: AssetFile, suffix: String },
}

/// A CSS module's output.
#[derive(Debug, Clone)]
pub struct CssData {
    /// The bundled CSS, with `url()` placeholders.
    pub code: String,
    /// Placeholder -> target, in the order found.
    pub urls: Vec<(String, UrlTarget)>,
    /// CSS modules: local class -> generated names (space-separated with `composes`).
    pub classes: Option<BTreeMap<String, String>>,
}

impl CssData {
    /// Whether `other` gives the module the same JavaScript and the same files besides its
    /// CSS text: the same CSS-modules classes and the same `url()`s (an asset's name has the
    /// hash of its bytes). An incremental rebuild then only writes the stylesheets again.
    pub fn same_interface(&self, other: &CssData) -> bool {
        let same_target = |a: &UrlTarget, b: &UrlTarget| match (a, b) {
            (UrlTarget::Keep(a), UrlTarget::Keep(b)) => a == b,
            (
                UrlTarget::Asset { file, suffix },
                UrlTarget::Asset {
                    file: other,
                    suffix: other_suffix,
                },
            ) => file.name == other.name && suffix == other_suffix,
            _ => false,
        };
        self.classes == other.classes
            && self.urls.len() == other.urls.len()
            && self
                .urls
                .iter()
                .zip(&other.urls)
                .all(|((p, a), (q, b))| p == q && same_target(a, b))
    }
}

/// Non-JavaScript payload of a module, kept next to the graph.
#[derive(Debug, Clone)]
pub enum Resource {
    Css(CssData),
    Asset(AssetFile),
}

impl CssData {
    /// The CSS text as written next to the chunk file `from` (a `/`-separated name relative
    /// to outDir): asset URLs are relative to it.
    pub fn render(&self, from: &str) -> String {
        let up = "../".repeat(from.matches('/').count());
        let mut out = self.code.clone();
        for (placeholder, target) in &self.urls {
            let url = match target {
                UrlTarget::Keep(u) => u.clone(),
                UrlTarget::Asset { file, suffix } => format!("{up}{}{suffix}", file.name),
            };
            out = out.replace(placeholder.as_str(), &url);
        }
        out
    }
}

/// The asset at `path`, named after its stem and a hash of its bytes.
pub fn load_asset(path: &Path, id: &str) -> Result<AssetFile, Vec<Diagnostic>> {
    let bytes = std::fs::read(path).map_err(|e| {
        vec![
            Diagnostic::new(Code::ReadFailed, format!("cannot read {id}: {e}"))
                .at(Location::file_only(id)),
        ]
    })?;
    Ok(asset_file(path, bytes))
}

fn asset_file(path: &Path, bytes: Vec<u8>) -> AssetFile {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("asset");
    let stem = crate::js_names::underscore_except(stem, "-_");
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("bin")
        .to_ascii_lowercase();
    let hash = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&bytes));
    AssetFile {
        name: format!("assets/{stem}.{}.{ext}", &hash[..8]),
        bytes: bytes.into(),
    }
}

/// Reads files for lightningcss and resolves `@import` requests like webpack's css-loader:
/// relative first, then as a package request (`~pkg/x.css` or `pkg/x.css`).
struct Provider<'r> {
    files: FileProvider,
    resolvers: &'r Resolvers,
}

#[derive(Debug)]
struct ProviderError(String);

impl std::fmt::Display for ProviderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ProviderError {}

impl SourceProvider for Provider<'_> {
    type Error = ProviderError;

    fn read<'a>(&'a self, file: &Path) -> Result<&'a str, Self::Error> {
        self.files
            .read(file)
            .map_err(|e| ProviderError(format!("cannot read {}: {e}", file.display())))
    }

    fn resolve(&self, specifier: &str, from: &Path) -> Result<ResolveResult, Self::Error> {
        if is_remote_url(specifier) {
            return Ok(ResolveResult::External(specifier.to_string()));
        }
        let dir = from.parent().unwrap_or(Path::new("/"));
        resolve_css_request(self.resolvers, dir, specifier)
            .map(ResolveResult::File)
            .ok_or_else(|| ProviderError(format!("Could not resolve \"{specifier}\"")))
    }
}

fn is_remote_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//")
}

/// A request of CSS (`@import`, `url()`): a relative file, else a package file.
fn resolve_css_request(resolvers: &Resolvers, dir: &Path, request: &str) -> Option<PathBuf> {
    let file = |r: Result<Resolved, _>| match r {
        Ok(Resolved::File { path, .. }) => Some(path),
        _ => None,
    };
    if let Some(package) = request.strip_prefix('~') {
        return file(resolvers.resolve(dir, package, ImportKind::Static));
    }
    let relative = if crate::config::shared::is_relative(request) {
        request.to_string()
    } else {
        format!("./{request}")
    };
    let candidate = dir.join(&relative);
    if candidate.is_file() {
        return std::fs::canonicalize(&candidate).ok().or(Some(candidate));
    }
    if request.starts_with('.') {
        return None;
    }
    file(resolvers.resolve(dir, request, ImportKind::Static))
}

/// Bundles, prints and resolves the CSS file at `path`.
pub fn scan_css(
    path: &Path,
    id: &str,
    config: &BuildConfig,
    resolvers: &Resolvers,
) -> Result<CssData, Vec<Diagnostic>> {
    let root = config.root.to_string_lossy().to_string();
    let provider = Provider {
        files: FileProvider::new(),
        resolvers,
    };
    let options = ParserOptions {
        filename: path.to_string_lossy().to_string(),
        css_modules: css_modules_config(path, id)?,
        ..ParserOptions::default()
    };
    let mut bundler = Bundler::new(&provider, None, options);
    let sheet = bundler
        .bundle(path)
        .map_err(|e| vec![bundle_error(config, id, e)])?;
    let printed = sheet.to_css(PrinterOptions {
        minify: config.mode == Mode::Production,
        project_root: Some(&root),
        analyze_dependencies: Some(DependencyOptions {
            remove_imports: false,
        }),
        ..PrinterOptions::default()
    });
    let printed = match printed {
        Ok(p) => p,
        Err(e) => {
            return Err(vec![
                Diagnostic::new(Code::CssSyntaxError, format!("CSS cannot be printed: {e}"))
                    .at(error_location(config, id, e.loc)),
            ]);
        }
    };

    let mut diagnostics = Vec::new();
    let urls = dependencies(
        config,
        resolvers,
        printed.dependencies.unwrap_or_default(),
        &mut diagnostics,
    );
    let classes = printed
        .exports
        .map(|exports| class_names(exports, id, &mut diagnostics));
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    Ok(CssData {
        code: printed.code,
        urls,
        classes,
    })
}

/// CSS modules' naming for a `.module.css` file: `[name]_[local]_` + a hash of the
/// project-relative path, stable across machines, thread counts and toolchains.
fn css_modules_config(path: &Path, id: &str) -> Result<Option<CssModulesConfig>, Vec<Diagnostic>> {
    let is_module = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".module.css"));
    if !is_module {
        return Ok(None);
    }
    let hash = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(id.as_bytes()));
    let pattern = Pattern::parse(&format!("[name]_[local]_{}", &hash[..6]))
        .map_err(|e| vec![Diagnostic::new(Code::Unsupported, e.to_string())])?;
    Ok(Some(CssModulesConfig {
        pattern,
        dashed_idents: false,
        ..CssModulesConfig::default()
    }))
}

/// The diagnostic for a file the CSS bundler could not read, resolve or parse.
fn bundle_error(
    config: &BuildConfig,
    id: &str,
    e: lightningcss::error::Error<BundleErrorKind<'_, ProviderError>>,
) -> Diagnostic {
    let (code, message, hint) = match &e.kind {
        BundleErrorKind::ResolverError(r) if r.0.starts_with("cannot read") => {
            (Code::ReadFailed, r.0.clone(), None)
        }
        BundleErrorKind::ResolverError(r) => (
            Code::UnresolvedImport,
            format!("{} (@import in CSS)", r.0),
            Some(
                "@import requests are relative to the CSS file; a package file is \"~pkg/file.css\" or \"pkg/file.css\"",
            ),
        ),
        BundleErrorKind::ParserError(p) => (
            Code::CssSyntaxError,
            format!("CSS syntax error: {p}"),
            Some("the CSS must parse as standard CSS (no Sass or Less syntax)"),
        ),
        other => (Code::Unsupported, other.to_string(), None),
    };
    let mut d = Diagnostic::new(code, message).at(error_location(config, id, e.loc));
    if let Some(h) = hint {
        d = d.hint(h);
    }
    d
}

/// The remote `@import`s (refused) and `url()`s of the printed sheet: each url's placeholder
/// and what it becomes.
fn dependencies(
    config: &BuildConfig,
    resolvers: &Resolvers,
    deps: Vec<Dependency>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, UrlTarget)> {
    let mut urls = Vec::new();
    for dep in deps {
        match dep {
            Dependency::Import(i) => {
                // Only remote @imports are left by the bundler.
                let file = PathBuf::from(&i.loc.file_path);
                diagnostics.push(
                    Diagnostic::new(
                        Code::Unsupported,
                        format!("@import of a remote URL is not bundled: \"{}\"", i.url),
                    )
                    .at(dependency_location(
                        config,
                        &file,
                        i.loc.start.line,
                        i.loc.start.column,
                    ))
                    .hint(
                        "link the remote stylesheet from the page with <link rel=\"stylesheet\">",
                    ),
                );
            }
            Dependency::Url(u) => {
                let url = u.url.clone();
                if url.is_empty()
                    || url.starts_with("data:")
                    || url.starts_with('#')
                    || url.starts_with('/')
                    || is_remote_url(&url)
                    || url.contains("://")
                {
                    urls.push((u.placeholder, UrlTarget::Keep(url)));
                    continue;
                }
                let cut = url.find(['?', '#']).unwrap_or(url.len());
                let (request, suffix) = url.split_at(cut);
                let file = PathBuf::from(&u.loc.file_path);
                let dir = file.parent().unwrap_or(Path::new("/"));
                let found = resolve_css_request(resolvers, dir, request)
                    .and_then(|p| std::fs::read(&p).ok().map(|b| (p, b)));
                match found {
                Some((p, bytes)) => urls.push((
                    u.placeholder,
                    UrlTarget::Asset {
                        file: asset_file(&p, bytes),
                        suffix: suffix.to_string(),
                    },
                )),
                None => diagnostics.push(
                    Diagnostic::new(
                        Code::CssUnresolvedUrl,
                        format!("Could not resolve url(\"{url}\")"),
                    )
                    .at(dependency_location(config, &file, u.loc.start.line, u.loc.start.column))
                    .note(format!("tried: {}", display_path(&config.root, &dir.join(request))))
                    .hint("url() paths are relative to the CSS file that contains them; a package file is \"~pkg/file.png\""),
                ),
            }
            }
        }
    }
    urls
}

/// CSS modules' class map: local name -> the exported class names, `composes` included.
fn class_names(
    exports: lightningcss::css_modules::CssModuleExports,
    id: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for (local, export) in exports {
        let mut names = vec![export.name.clone()];
        for c in &export.composes {
            match c {
                CssModuleReference::Local { name } | CssModuleReference::Global { name } => {
                    names.push(name.clone())
                }
                CssModuleReference::Dependency { name, specifier } => diagnostics.push(
                    Diagnostic::new(
                        Code::Unsupported,
                        format!("composes: {name} from \"{specifier}\" is not supported yet"),
                    )
                    .at(Location::file_only(id))
                    .hint("compose classes of the same file, or import both modules and join their class names in JavaScript"),
                ),
            }
        }
        map.insert(local, names.join(" "));
    }
    map
}

/// A lightningcss location (0-based line, 1-based column) as a diagnostic location.
fn error_location(config: &BuildConfig, id: &str, loc: Option<ErrorLocation>) -> Location {
    match loc {
        Some(l) => dependency_location(config, Path::new(&l.filename), l.line + 1, l.column),
        None => Location::file_only(id),
    }
}

/// Location of a 1-based line and column in `file`.
fn dependency_location(config: &BuildConfig, file: &Path, line: u32, column: u32) -> Location {
    let name = display_path(&config.root, file);
    let Ok(text) = std::fs::read_to_string(file) else {
        return Location::file_only(&name);
    };
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1) as usize)
        .map(str::len)
        .sum();
    let rest = &text[line_start.min(text.len())..];
    let col: usize = rest
        .chars()
        .take(column.saturating_sub(1) as usize)
        .map(char::len_utf8)
        .sum();
    let start = line_start + col;
    Location::from_range(&name, &text, start, start + 1)
}
