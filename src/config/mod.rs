//! `federation.toml`: reading, validating and resolving it into a [`BuildConfig`] that the
//! stages consume. Option names are camelCase, as webpack users write them.

pub mod containers;
pub(crate) mod raw;
pub mod shared;

pub use containers::{Containers, Expose, LibraryType, Remote, RemoteExternal};
pub use shared::{SharedItem, VersionSetting};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic, Location};
use raw::{RawConfig, RawEntry};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    Web,
    Node,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Production,
    Development,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Production => "production",
            Mode::Development => "development",
        }
    }
}

/// The page written to `<outDir>/index.html` (`html`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Html {
    /// `html = true`: a default page with a `<div id="root">`.
    Default,
    /// `html = "./index.html"`: the template (its path and text) the tags go into.
    Template { path: PathBuf, text: String },
}

/// The ids of modules in the output registry (`moduleIds`, webpack's
/// `optimization.moduleIds`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModuleIds {
    /// The project-relative path (development's default).
    Named,
    /// A short number derived from the path (production's default).
    Deterministic,
}

/// How JSX becomes JavaScript (`jsx`, `jsxImportSource`, `jsxFactory`, `jsxFragment`,
/// `jsxDev`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsxConfig {
    pub runtime: JsxRuntime,
    /// Automatic runtime: calls are imported from `<import_source>/jsx-runtime`.
    pub import_source: String,
    /// Classic runtime: the function called for each element, e.g. `React.createElement`.
    pub factory: String,
    /// Classic runtime: the value used for `<>...</>`, e.g. `React.Fragment`.
    pub fragment: String,
    /// Automatic runtime: `jsxDEV` from `<import_source>/jsx-dev-runtime`, with source
    /// positions (default: development mode).
    pub development: bool,
    /// React Fast Refresh: swc's refresh transform registers components and hook
    /// signatures (hot builds with development JSX for React).
    pub refresh: bool,
}

impl Default for JsxConfig {
    fn default() -> JsxConfig {
        JsxConfig {
            runtime: JsxRuntime::Automatic,
            import_source: "react".into(),
            factory: "React.createElement".into(),
            fragment: "React.Fragment".into(),
            development: false,
            refresh: false,
        }
    }
}

impl JsxConfig {
    /// Whether the JSX is React's (what Fast Refresh applies to), not Preact's or another
    /// library's.
    pub fn is_react(&self) -> bool {
        match self.runtime {
            JsxRuntime::Automatic => self.import_source == "react",
            JsxRuntime::Classic => self.factory.starts_with("React."),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsxRuntime {
    /// React 17+: `jsx`/`jsxs` imported from `react/jsx-runtime`.
    Automatic,
    /// `React.createElement` (or `jsxFactory`) called where the element is written.
    Classic,
}

/// The resolved configuration of one build. Paths are absolute.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    /// The project directory: every user-visible path is relative to it.
    pub root: PathBuf,
    /// The configuration file, for diagnostics.
    pub config_file: PathBuf,
    /// Entry name -> requests (relative to `root`), in the order written.
    pub entries: BTreeMap<String, Vec<String>>,
    pub out_dir: PathBuf,
    /// outDir came from `--out-dir` rather than the file (for messages).
    pub out_dir_from_cli: bool,
    /// `emptyOutDir` / `--empty-out-dir`: outDir may be emptied even when it holds files
    /// mfbundle did not write (never the project, its sources, `/` or the home directory).
    pub empty_out_dir: bool,
    pub target: Target,
    pub mode: Mode,
    /// `"auto"` or a URL/path prefix ending with `/`.
    pub public_path: String,
    /// Expression text -> replacement JavaScript expression text.
    pub define: BTreeMap<String, String>,
    pub alias: Vec<(String, String)>,
    pub condition_names: Vec<String>,
    pub extensions: Vec<String>,
    /// Name used for the chunk-loading global and as `from` in share scopes: `name`, else
    /// the package.json name, else "app".
    pub unique_name: String,
    pub unique_name_from: NameFrom,
    /// The federation `name` (required once `shared` is used).
    pub name: Option<String>,
    /// The default share scope of shared items.
    pub share_scope: String,
    pub shared: Vec<SharedItem>,
    /// Federation warnings are errors (`--strict-federation`).
    pub strict_federation: bool,
    /// Optional requests that do not resolve (MF1010) are errors.
    pub strict_optional: bool,
    /// `--shared-used-exports`: the exports other apps use of `treeShaking` shared modules.
    pub shared_used_exports: Option<PathBuf>,
    /// Exposes and remotes.
    pub containers: Containers,
    pub jsx: JsxConfig,
    /// Warnings about the configuration itself (options ignored as webpack ignores them),
    /// reported with the build's diagnostics.
    pub warnings: Vec<Diagnostic>,
    /// Write a `.map` next to every JavaScript file (`sourcemap = true`, `--sourcemap`).
    pub sourcemap: bool,
    /// Scope hoisting: ES modules of a chunk that only static imports reach share their
    /// importer's scope (`concatenateModules`, default: production).
    pub concatenate_modules: bool,
    /// How long the runtime waits for a chunk script, a remote container or a stylesheet
    /// before it gives up, in ms (`chunkLoadTimeout`, webpack's `output.chunkLoadTimeout`);
    /// 0: no limit.
    pub chunk_load_timeout: u32,
    /// Minify the JavaScript output: production builds unless `minify = false` or
    /// `--no-minify`. (CSS is minified in every production build, as before.)
    pub minify: Option<Minify>,
    /// Federated types (`types = …`): what the remote side writes, what the host side fetches.
    pub types: Types,
    /// Write mf-manifest.json and mf-stats.json: `manifest`, by default when the build
    /// exposes modules (a host writes them with `manifest = true`, as MF 2.0's plugin).
    pub manifest: bool,
    /// Measure each written file's gzip size (when the table or `--json` shows it).
    pub compressed_sizes: bool,
    /// Registry ids: short numbers in production, paths in development.
    pub module_ids: ModuleIds,
    /// `html`: write `index.html` with the entry scripts and stylesheets.
    pub html: Option<Html>,
    /// `[devServer]`: how `mfbundle dev` serves the project.
    pub dev_server: DevServer,
    /// `entryFileNames`: how entry files are named, `[name]` and `[contenthash]` to fill in
    /// (`None`: `[name].js`).
    pub entry_file_names: Option<String>,
    /// Hot module replacement: `mfbundle dev` in development mode for the browser, unless
    /// `[devServer] hot = false`. The runtime gets `module.hot`/`import.meta.hot` and a
    /// client that applies the server's updates.
    pub hot: bool,
    /// `runtimeDebug`: the federation runtime carries the debug console and health data
    /// (`__MF_DEBUG__`; default: development). Its counters are recorded either way.
    pub runtime_debug: bool,
    /// `shareStrategy` (MF 2.0): how the runtime initialises share scopes and picks versions.
    pub share_strategy: ShareStrategy,
    /// `runtimePlugins`: requests of modules whose default export returns an MF 2.0 runtime
    /// plugin, registered by every entry before its startup.
    pub runtime_plugins: Vec<String>,
    /// `cache`: keep module code under `node_modules/.cache/mfbundle` for the next process
    /// (`crate::persistent_cache`): `mfbundle dev`'s default, opt-in for `build`.
    pub cache: bool,
    /// `cacheDir` / `--cache-dir`: where the persistent cache lives (Vite's `cacheDir`,
    /// webpack's `cache.cacheDirectory`).
    pub cache_dir: PathBuf,
    /// `ssr`: a Node container of this remote, built with it (`crate::pipeline`).
    pub ssr: Option<Box<Ssr>>,
    /// This is the Node build `ssr` adds to a browser build.
    pub ssr_build: bool,
}

/// `ssr = true`: the same remote built for Node as a CommonJS container into
/// `<outDir>/<dir>`, written with the browser build, and named by the browser manifest's
/// `metaData.ssrRemoteEntry`, where MF 2.0 runtimes in Node look for it (rsbuild's `ssr`
/// option, `@module-federation/vite`'s SSR entry). Loaded over HTTP, its runtime fetches its
/// chunks from where its entry came from (`chunk_loading_http_node.js`).
#[derive(Debug, Clone)]
pub struct Ssr {
    /// Relative to outDir, `/`-separated (the manifest's `path`).
    pub dir: String,
    /// The Node build: the configuration file read again with `target = "node"`, the
    /// container only (no entries, no html), `library = { type = "commonjs-module" }`.
    pub config: BuildConfig,
}

/// `shareStrategy`: MF 2.0's two strategies (see `src/federation/runtime/sharing.js`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShareStrategy {
    /// webpack 5's rules, MF 2.0's default: initialising a scope initialises its remotes.
    #[default]
    VersionFirst,
    /// Remotes initialised when loaded; consumes prefer what is loaded.
    LoadedFirst,
}

impl ShareStrategy {
    pub fn as_str(self) -> &'static str {
        match self {
            ShareStrategy::VersionFirst => "version-first",
            ShareStrategy::LoadedFirst => "loaded-first",
        }
    }
}

/// Where [`BuildConfig::unique_name`] came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum NameFrom {
    /// `name` in federation.toml.
    #[serde(rename = "federation.toml")]
    Config,
    /// The project's package.json `name`, as webpack defaults output.uniqueName.
    #[serde(rename = "package.json")]
    PackageJson,
    /// Neither: "app".
    #[serde(rename = "default")]
    Default,
}

/// The build's name as `--json` reports it: `{ "value": "shop", "from": "package.json" }`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BuildName {
    pub value: String,
    pub from: NameFrom,
}

impl BuildConfig {
    pub fn build_name(&self) -> BuildName {
        BuildName {
            value: self.unique_name.clone(),
            from: self.unique_name_from,
        }
    }
}

/// `[devServer]` (`mfbundle dev`): each unset field has the command line's or the default.
#[derive(Debug, Default, Clone)]
pub struct DevServer {
    pub port: Option<u16>,
    pub host: Option<String>,
    pub headers: Vec<(String, String)>,
    /// `proxy`: path prefix -> `http(s)://host:port[/base]`, longest prefix first.
    pub proxy: Vec<(String, ProxyTarget)>,
    /// Open the page in the browser once it is built.
    pub open: bool,
    /// Serve HTTPS (`https = { cert, key }`).
    pub https: Option<Https>,
}

/// Where `[devServer] proxy` passes a prefix's requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyTarget {
    /// `http://host:port[/base]` or `https://…`.
    pub url: String,
    /// Check an `https://` target's certificate (default; `secure = false` does not).
    pub secure: bool,
}

/// The certificate chain and private key (PEM files) `mfbundle dev` serves HTTPS with, as
/// webpack-dev-server's `server.options` and Vite's `server.https` take them.
#[derive(Debug, Clone)]
pub struct Https {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// Overrides given on the command line; they win over the file.
#[derive(Debug, Default, Clone)]
pub struct CliOverrides {
    pub config: Option<PathBuf>,
    pub out_dir: Option<PathBuf>,
    pub empty_out_dir: bool,
    pub mode: Option<Mode>,
    pub target: Option<Target>,
    pub strict_federation: bool,
    /// Optional requests that do not resolve (MF1010) are errors.
    pub strict_optional: bool,
    pub shared_used_exports: Option<PathBuf>,
    pub sourcemap: bool,
    /// `--no-minify`.
    pub no_minify: bool,
    /// Measure each file's gzip size (for the file table and `--json`).
    pub compressed_sizes: bool,
    /// `--module-ids`.
    pub module_ids: Option<ModuleIds>,
    /// `mfbundle dev`: hot module replacement, where the build allows it (see
    /// [`BuildConfig::hot`]).
    pub hot: bool,
    /// `--cache` / `--no-cache`: wins over `cache` in the file.
    pub cache: Option<bool>,
    /// Whether the persistent cache is on when neither the file nor the command line says
    /// (`mfbundle dev`: yes).
    pub cache_by_default: bool,
    /// `--cache-dir`: wins over `cacheDir`.
    pub cache_dir: Option<PathBuf>,
}

/// Reads and validates the configuration of the project in `dir`.
pub fn load(dir: &Path, overrides: &CliOverrides) -> Result<BuildConfig, Vec<Diagnostic>> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let dir = cwd.join(dir);
    let root = match dir.canonicalize() {
        Ok(p) => p,
        Err(_) => {
            return Err(vec![
                Diagnostic::new(
                    Code::ConfigNotFound,
                    format!("project directory {} does not exist", dir.display()),
                )
                .hint("pass the directory that holds federation.toml: mfbundle build path/to/app"),
            ]);
        }
    };
    let config_file = match &overrides.config {
        Some(c) => cwd.join(c),
        None => root.join("federation.toml"),
    };
    let display_name = display_path(&root, &config_file);
    let text = match std::fs::read_to_string(&config_file) {
        Ok(t) => t,
        Err(e) => {
            return Err(vec![
                Diagnostic::new(
                    Code::ConfigNotFound,
                    format!("cannot read configuration file {display_name}: {e}"),
                )
                .at(Location::file_only(&display_name))
                .hint("create federation.toml (see federation.toml.example) or pass --config FILE"),
            ]);
        }
    };
    let raw = raw::parse(&text, &display_name)?;
    resolve(raw, root, config_file, &text, &display_name, overrides)
}

/// Resolves configuration `text` as if it were `root`/federation.toml (`root` absolute),
/// without reading the file: what [`load`] does after reading it. For tools and fuzzing.
pub fn load_from_str(
    root: &Path,
    text: &str,
    overrides: &CliOverrides,
) -> Result<BuildConfig, Vec<Diagnostic>> {
    let config_file = root.join("federation.toml");
    let display_name = display_path(root, &config_file);
    let raw = raw::parse(text, &display_name)?;
    resolve(
        raw,
        root.to_path_buf(),
        config_file,
        text,
        &display_name,
        overrides,
    )
}

fn resolve(
    mut raw: RawConfig,
    root: PathBuf,
    config_file: PathBuf,
    text: &str,
    display_name: &str,
    overrides: &CliOverrides,
) -> Result<BuildConfig, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let key_error = |key: &str, message: String, hint: &str| {
        let loc = raw::locate_key(text, key)
            .map(|(s, e)| Location::from_range(display_name, text, s, e))
            .unwrap_or_else(|| Location::file_only(display_name));
        Diagnostic::new(Code::ConfigInvalid, message)
            .at(loc)
            .hint(hint)
    };

    let entries = entries(&mut raw, &mut errors, &key_error);

    let (target, mode) = target_and_mode(&raw, overrides, &mut errors, &key_error);

    let mut jsx = jsx_config(&raw, mode, &mut errors, &key_error);
    let hot = overrides.hot
        && mode == Mode::Development
        && target == Target::Web
        && raw.dev_server.as_ref().and_then(|d| d.hot) != Some(false);
    jsx.refresh = hot && jsx.development && jsx.is_react();

    let mut public_path = raw.public_path.take().unwrap_or_else(|| "auto".to_string());
    if public_path != "auto" && !public_path.is_empty() && !public_path.ends_with('/') {
        public_path.push('/');
    }

    let define = defines(
        std::mem::take(&mut raw.define),
        mode,
        target,
        &mut errors,
        &key_error,
    );

    let (condition_names, extensions, alias) = resolve_options(
        raw.resolve.take().unwrap_or_default(),
        target,
        &root,
        &mut errors,
        &key_error,
    );

    let out_dir = out_dir(&raw, &root, overrides, &mut errors, &key_error);
    let share_scope = share_scope(&raw, &mut errors, &key_error);
    let mut warnings = Vec::new();
    let (shared, mut containers, package_name) = federation_options(
        &raw,
        &root,
        &share_scope,
        (text, display_name),
        &mut warnings,
        &mut errors,
        &key_error,
    );
    let global_name = check_names(&raw, &containers, &mut errors, &key_error);
    let chunk_load_timeout = chunk_load_timeout(&raw, &mut errors, &key_error);
    let minify = minify(&raw, mode, overrides, &mut errors, &key_error);
    let types = types(&raw, &mut errors, &key_error);
    let module_ids = module_ids(&raw, mode, overrides, &mut errors, &key_error);
    let share_strategy = share_strategy(&raw, &mut errors, &key_error);
    let entry_file_names = entry_file_names(&raw, &entries, &mut errors, &key_error);
    let html = html(&raw, &root, target, &mut errors, &key_error);
    // `--target node` builds the Node side alone.
    let ssr_dir = match overrides.target {
        Some(Target::Node) => None,
        _ => ssr_dir(&raw, target, &containers, &mut errors, &key_error),
    };
    let dev_https = https(raw.dev_server.as_mut().and_then(|d| d.https.take()), &root);
    if !errors.is_empty() {
        return Err(errors);
    }
    if containers.library.is_some() {
        containers.global_name = global_name;
        containers.umd_named_define = raw
            .library
            .as_ref()
            .and_then(|l| l.umd_named_define)
            .unwrap_or(false);
    }
    ignored_options(&raw, &mut warnings, &key_error);
    let (unique_name, unique_name_from) = match (raw.name.clone(), package_name) {
        (Some(n), _) => (n, NameFrom::Config),
        (None, Some(n)) => (n, NameFrom::PackageJson),
        (None, None) => ("app".to_string(), NameFrom::Default),
    };
    let manifest = raw.manifest.unwrap_or(!containers.exposes.is_empty());
    let cache_dir = match (&overrides.cache_dir, &raw.cache_dir) {
        (Some(d), _) => std::env::current_dir().unwrap_or_default().join(d),
        (None, Some(d)) => root.join(d),
        (None, None) => root.join("node_modules/.cache/mfbundle"),
    };
    let ssr = match ssr_dir {
        Some(dir) => Some(Box::new(ssr_config(
            dir,
            &root,
            &config_file,
            &out_dir,
            text,
            display_name,
            overrides,
        )?)),
        None => None,
    };
    Ok(BuildConfig {
        ssr,
        ssr_build: false,
        root,
        config_file,
        entries,
        out_dir,
        out_dir_from_cli: overrides.out_dir.is_some(),
        empty_out_dir: overrides.empty_out_dir || raw.empty_out_dir.unwrap_or(false),
        target,
        mode,
        public_path,
        define,
        alias,
        condition_names,
        extensions,
        unique_name,
        unique_name_from,
        name: raw.name,
        share_scope,
        shared,
        strict_federation: overrides.strict_federation,
        strict_optional: overrides.strict_optional,
        shared_used_exports: overrides
            .shared_used_exports
            .as_ref()
            .map(|p| std::env::current_dir().unwrap_or_default().join(p)),
        containers,
        jsx,
        warnings,
        sourcemap: overrides.sourcemap || raw.sourcemap.unwrap_or(false),
        // Hot updates replace modules one by one (webpack too leaves them unconcatenated).
        concatenate_modules: !hot && raw.concatenate_modules.unwrap_or(mode == Mode::Production),
        chunk_load_timeout,
        runtime_debug: raw.runtime_debug.unwrap_or(mode == Mode::Development),
        cache: overrides
            .cache
            .or(raw.cache)
            .unwrap_or(overrides.cache_by_default),
        cache_dir,
        share_strategy,
        runtime_plugins: raw.runtime_plugins,
        minify,
        types,
        manifest,
        compressed_sizes: overrides.compressed_sizes,
        module_ids,
        entry_file_names,
        html,
        dev_server: raw
            .dev_server
            .map(|d| DevServer {
                https: dev_https,
                port: d.port,
                host: d.host,
                headers: d.headers.into_iter().collect(),
                proxy: {
                    let mut p: Vec<(String, ProxyTarget)> = d
                        .proxy
                        .into_iter()
                        .map(|(prefix, target)| {
                            let target = match target {
                                raw::RawProxy::Url(url) => ProxyTarget { url, secure: true },
                                raw::RawProxy::Options(o) => ProxyTarget {
                                    url: o.target,
                                    secure: o.secure.unwrap_or(true),
                                },
                            };
                            (prefix, target)
                        })
                        .collect();
                    p.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
                    p
                },
                open: d.open.unwrap_or(false),
            })
            .unwrap_or_default(),
        hot,
    })
}

/// `[devServer] https`, its files relative to the project. They are read when `mfbundle
/// dev` starts its server (a `build` does not need them: a CI machine has no local
/// certificate).
fn https(raw: Option<raw::RawHttps>, root: &Path) -> Option<Https> {
    let raw = raw?;
    Some(Https {
        cert: root.join(raw.cert),
        key: root.join(raw.key),
    })
}

/// MF2001 at `key` of `config`'s configuration file: a value that loaded but does not work
/// (`mfbundle dev`'s certificate files).
pub fn key_diagnostic(config: &BuildConfig, key: &str, message: String, hint: &str) -> Diagnostic {
    let name = display_path(&config.root, &config.config_file);
    let text = std::fs::read_to_string(&config.config_file).unwrap_or_default();
    let at = raw::locate_key(&text, key)
        .map(|(s, e)| Location::from_range(&name, &text, s, e))
        .unwrap_or_else(|| Location::file_only(&name));
    Diagnostic::new(Code::ConfigInvalid, message)
        .at(at)
        .hint(hint)
}

/// `outDir` (`--out-dir` wins), relative to the project; never empty.
fn out_dir(
    raw: &RawConfig,
    root: &Path,
    overrides: &CliOverrides,
    errors: &mut Vec<Diagnostic>,
    key_error: &dyn Fn(&str, String, &str) -> Diagnostic,
) -> PathBuf {
    let out_dir = match &overrides.out_dir {
        Some(o) => std::env::current_dir().unwrap_or_default().join(o),
        None => root.join(raw.out_dir.as_deref().unwrap_or("dist")),
    };
    if raw.out_dir.as_deref().is_some_and(|o| o.trim().is_empty()) {
        errors.push(key_error(
            "outDir",
            "outDir is empty".into(),
            "name a directory of its own, such as \"dist\"",
        ));
    }
    out_dir
}

/// `shareScope`, `default` unless given; never empty.
fn share_scope(
    raw: &RawConfig,
    errors: &mut Vec<Diagnostic>,
    key_error: &dyn Fn(&str, String, &str) -> Diagnostic,
) -> String {
    let share_scope = raw
        .share_scope
        .clone()
        .unwrap_or_else(|| "default".to_string());
    if share_scope.trim().is_empty() {
        errors.push(key_error(
            "shareScope",
            "shareScope is empty".into(),
            "name the default share scope, e.g. shareScope = \"default\"",
        ));
    }
    share_scope
}

/// `shared`, `exposes`, `remotes` and the container options, and the package.json name
/// that is the `from` of shared entries when `name` is absent.
fn federation_options(
    raw: &RawConfig,
    root: &Path,
    share_scope: &str,
    (text, display_name): (&str, &str),
    warnings: &mut Vec<Diagnostic>,
    errors: &mut Vec<Diagnostic>,
    key_error: &dyn Fn(&str, String, &str) -> Diagnostic,
) -> (Vec<SharedItem>, Containers, Option<String>) {
    let shared = match shared::parse_shared(
        raw.shared.as_ref(),
        share_scope,
        text,
        display_name,
        warnings,
    ) {
        Ok(items) => items,
        Err(mut e) => {
            errors.append(&mut e);
            Vec::new()
        }
    };
    let containers = match containers::parse_containers(
        containers::RawContainers {
            filename: raw.filename.as_deref(),
            library_type: raw.library.as_ref().map(|l| l.kind.as_str()),
            remote_type: raw.remote_type.as_deref(),
            exposes: raw.exposes.as_ref(),
            remotes: raw.remotes.as_ref(),
        },
        share_scope,
        text,
        display_name,
    ) {
        Ok(c) => c,
        Err(mut e) => {
            errors.append(&mut e);
            Containers::default()
        }
    };
    if !containers.exposes.is_empty() && raw.name.as_deref().is_none_or(str::is_empty) {
        errors.push(key_error(
            "exposes",
            "`name` is required when modules are exposed".into(),
            "add name = \"app1\": hosts find the container under this name",
        ));
    }
    // The `from` of this build's share-scope entries: `name`, else, as webpack takes
    // output.uniqueName, the package.json name.
    let package_name = package_name(root);
    if !shared.is_empty() && raw.name.is_none() && package_name.is_none() {
        errors.push(key_error(
            "shared",
            "`name` is required when modules are shared and package.json gives none".into(),
            "add name = \"app1\" (or a \"name\" to package.json): it is the `from` of this build's entries in the share scope",
        ));
    }
    (shared, containers, package_name)
}

/// `entry`: one request (`main`), a table of named entries, or none (`./src/index.js`, or
/// the container alone when modules are exposed).
fn entries(
    raw: &mut RawConfig,
    errors: &mut Vec<Diagnostic>,
    key_error: &dyn Fn(&str, String, &str) -> Diagnostic,
) -> BTreeMap<String, Vec<String>> {
    let mut entries = BTreeMap::new();
    let raw_entry_is_table = matches!(raw.entry, Some(RawEntry::Many(_)));
    match raw.entry.take() {
        Some(RawEntry::One(e)) => {
            entries.insert("main".to_string(), vec![e]);
        }
        Some(RawEntry::Many(map)) => {
            for (name, reqs) in map {
                let reqs = reqs.into_vec();
                if reqs.is_empty() {
                    errors.push(key_error(
                        &name,
                        format!("entry \"{name}\" lists no module"),
                        "give at least one request, e.g. main = \"./src/index.js\"",
                    ));
                }
                if !containers::is_file_name(&name) {
                    errors.push(key_error(
                        &name,
                        format!("entry name \"{name}\" cannot be used as a file name"),
                        "use a plain name such as main or admin",
                    ));
                }
                entries.insert(name, reqs);
            }
            if entries.is_empty() {
                errors.push(key_error(
                    "entry",
                    "the [entry] table is empty".into(),
                    "add main = \"./src/index.js\"",
                ));
            }
        }
        // A remote that only exposes modules is built as its container alone, as webpack
        // builds a ModuleFederationPlugin with exposes and no entry.
        None if raw
            .exposes
            .as_ref()
            .and_then(toml::Value::as_table)
            .is_some_and(|t| !t.is_empty()) => {}
        None => {
            entries.insert("main".to_string(), vec!["./src/index.js".to_string()]);
        }
    }

    for (name, reqs) in &entries {
        if reqs.iter().any(|r| r.trim().is_empty()) {
            errors.push(key_error(
                if raw_entry_is_table { name } else { "entry" },
                format!("entry \"{name}\" has an empty request"),
                "name the module to start from, e.g. \"./src/index.js\"",
            ));
        }
    }

    entries
}

/// `target` and `mode`, the command line winning over the file.
fn target_and_mode(
    raw: &RawConfig,
    overrides: &CliOverrides,
    errors: &mut Vec<Diagnostic>,
    key_error: &dyn Fn(&str, String, &str) -> Diagnostic,
) -> (Target, Mode) {
    let target = overrides
        .target
        .or(match raw.target.as_deref() {
            None | Some("web") => Some(Target::Web),
            Some("node") => Some(Target::Node),
            Some(other) => {
                errors.push(key_error(
                    "target",
                    format!("unknown target \"{other}\""),
                    "target is \"web\" or \"node\"",
                ));
                None
            }
        })
        .unwrap_or(Target::Web);
    let mode = overrides
        .mode
        .or(match raw.mode.as_deref() {
            None | Some("production") => Some(Mode::Production),
            Some("development") => Some(Mode::Development),
            Some(other) => {
                errors.push(key_error(
                    "mode",
                    format!("unknown mode \"{other}\""),
                    "mode is \"production\" or \"development\"",
                ));
                None
            }
        })
        .unwrap_or(Mode::Production);

    (target, mode)
}

/// `[define]` as JavaScript source text, with `process.env.NODE_ENV` (and `global` on the
/// web) unless given.
fn defines(
    raw: BTreeMap<String, toml::Value>,
    mode: Mode,
    target: Target,
    errors: &mut Vec<Diagnostic>,
    key_error: &dyn Fn(&str, String, &str) -> Diagnostic,
) -> BTreeMap<String, String> {
    let mut define = BTreeMap::new();
    for (k, v) in raw {
        let value = match v {
            toml::Value::String(s) => s,
            toml::Value::Boolean(b) => b.to_string(),
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Float(f) => f.to_string(),
            other => {
                errors.push(key_error(
                    &k,
                    format!("define \"{k}\" has a {} value", other.type_str()),
                    "give the replacement as JavaScript source in a string: \"process.env.API\" = '\"https://x\"'",
                ));
                continue;
            }
        };
        define.insert(k, value);
    }
    define
        .entry("process.env.NODE_ENV".to_string())
        .or_insert_with(|| format!("\"{}\"", mode.as_str()));
    if target == Target::Web {
        // CommonJS packages written for Node read `global`; webpack maps it to the global
        // object on the web too.
        define
            .entry("global".to_string())
            .or_insert_with(|| "globalThis".to_string());
    }

    define
}

/// `[resolve]`: condition names (by target), extensions and aliases (relative ones from the
/// project directory).
fn resolve_options(
    resolve: raw::RawResolve,
    target: Target,
    root: &Path,
    errors: &mut Vec<Diagnostic>,
    key_error: &dyn Fn(&str, String, &str) -> Diagnostic,
) -> (Vec<String>, Vec<String>, Vec<(String, String)>) {
    let condition_names = resolve.condition_names.unwrap_or_else(|| {
        match target {
            Target::Web => vec!["browser", "import", "module", "default"],
            Target::Node => vec!["node", "import", "module", "default"],
        }
        .into_iter()
        .map(String::from)
        .collect()
    });
    let extensions = resolve
        .extensions
        .unwrap_or_else(|| DEFAULT_EXTENSIONS.into_iter().map(String::from).collect());
    if resolve.alias.keys().any(|k| k.trim().is_empty()) {
        errors.push(key_error(
            "alias",
            "resolve.alias has an empty key".into(),
            "the key is the request to replace, e.g. \"@\" = \"./src\"",
        ));
    }
    let alias = resolve
        .alias
        .into_iter()
        .map(|(k, v)| {
            let target = if shared::is_relative(&v) {
                root.join(v).to_string_lossy().into_owned()
            } else {
                v
            };
            (k, target)
        })
        .collect();

    (condition_names, extensions, alias)
}

/// `name` and `library.name`: any non-empty string, except where a library type writes it
/// as JavaScript. Returns the container's global name.
fn check_names(
    raw: &RawConfig,
    containers: &Containers,
    errors: &mut Vec<Diagnostic>,
    key_error: &dyn Fn(&str, String, &str) -> Diagnostic,
) -> String {
    if raw.name.as_deref() == Some("") {
        errors.push(key_error(
            "name",
            "name is empty".into(),
            "name the build, e.g. name = \"app1\", or leave name out to take the package.json name",
        ));
    }
    // Any string is a name (a `from` in the share scope, a property of the global object);
    // only a `var` container declares it as a variable, which needs an identifier. webpack
    // refuses the same with the same words.
    let library_name = raw.library.as_ref().and_then(|l| l.name.clone());
    let global_name = library_name
        .clone()
        .or_else(|| raw.name.clone())
        .unwrap_or_default();
    if containers
        .library
        .is_some_and(LibraryType::needs_identifier)
        && !global_name.is_empty()
        && !crate::js_names::is_binding_name(&global_name)
    {
        errors.push(key_error(
            if library_name.is_some() { "library" } else { "name" },
            format!(
                "Library name base ({global_name}) must be a valid identifier when using a {} library type",
                match containers.library {
                    Some(LibraryType::Var) | None => "var declaring",
                    Some(t) => t.name(),
                }
            ),
            &format!(
                "use a valid identifier, e.g. library = {{ type = \"var\", name = \"{}\" }} (the name hosts then give in their remotes), or a library type that assigns a property of the global object instead of declaring a variable: library = {{ type = \"window\" }} (or \"self\", \"global\")",
                crate::js_names::to_identifier(&global_name)
            ),
        ));
    }
    global_name
}

/// How declarations of exposed modules are made (`types = { compiler }`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TypesCompiler {
    /// From each source alone, without a type checker (TypeScript's isolatedDeclarations,
    /// by oxc): milliseconds, but exported functions need their return types written.
    #[default]
    Isolated,
    /// The project's own `tsc` (node_modules/.bin/tsc), as `@module-federation/dts-plugin`
    /// runs it: infers everything, takes seconds.
    Tsc,
}

/// Federated types (`types = true | false | { generate, consume, compiler }`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Types {
    /// Write `@mf-types.zip` and `@mf-types.d.ts` for the exposed modules. `None` (the
    /// default): when an exposed module is TypeScript.
    pub generate: Option<bool>,
    /// `build` fetches the remotes' types into `@mf-types/` too (`mfbundle types` always
    /// does).
    pub consume: bool,
    pub compiler: TypesCompiler,
}

/// `types`: true turns both sides on, false both off; a table sets each.
fn types(
    raw: &RawConfig,
    errors: &mut Vec<Diagnostic>,
    key_error: &dyn Fn(&str, String, &str) -> Diagnostic,
) -> Types {
    let hint = "types = true, false, or { generate = true, consume = false, compiler = \"isolated\" | \"tsc\" }";
    match &raw.types {
        None => Types::default(),
        Some(toml::Value::Boolean(b)) => Types {
            generate: Some(*b),
            consume: *b,
            compiler: TypesCompiler::Isolated,
        },
        Some(toml::Value::Table(t)) => {
            let mut types = Types::default();
            for (k, v) in t {
                match (k.as_str(), v) {
                    ("generate", toml::Value::Boolean(b)) => types.generate = Some(*b),
                    ("consume", toml::Value::Boolean(b)) => types.consume = *b,
                    ("compiler", toml::Value::String(s)) if s == "isolated" => {
                        types.compiler = TypesCompiler::Isolated
                    }
                    ("compiler", toml::Value::String(s)) if s == "tsc" => {
                        types.compiler = TypesCompiler::Tsc
                    }
                    ("generate" | "consume" | "compiler", _) => {
                        errors.push(key_error("types", format!("types.{k} cannot be {v}"), hint))
                    }
                    _ => errors.push(key_error(
                        "types",
                        format!("unknown key `{k}` in types"),
                        hint,
                    )),
                }
            }
            types
        }
        Some(other) => {
            errors.push(key_error(
                "types",
                format!("types must be true, false or a table, not {other}"),
                hint,
            ));
            Types::default()
        }
    }
}

/// What minification does (`minify = { compress, mangle, keepNames }`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minify {
    /// Rewrite code to be smaller (drop dead code, join statements, fold constants).
    pub compress: bool,
    /// Rename local bindings to short names.
    pub mangle: bool,
    /// Keep `fn.name` and `class.name` (off by default, as webpack's terser and esbuild).
    pub keep_names: bool,
}

/// `minify`: on in production unless false or `--no-minify`, off in development unless
/// true or a table.
fn minify(
    raw: &RawConfig,
    mode: Mode,
    overrides: &CliOverrides,
    errors: &mut Vec<Diagnostic>,
    key_error: &dyn Fn(&str, String, &str) -> Diagnostic,
) -> Option<Minify> {
    let all = Minify {
        compress: true,
        mangle: true,
        keep_names: false,
    };
    let hint = "minify = true, false, or { compress = true, mangle = true, keepNames = false }";
    let chosen = match &raw.minify {
        None => (mode == Mode::Production).then_some(all),
        Some(toml::Value::Boolean(b)) => b.then_some(all),
        Some(toml::Value::Table(t)) => {
            let mut m = all;
            for (k, v) in t {
                let slot = match k.as_str() {
                    "compress" => &mut m.compress,
                    "mangle" => &mut m.mangle,
                    "keepNames" => &mut m.keep_names,
                    _ => {
                        errors.push(key_error(
                            "minify",
                            format!("unknown key `{k}` in minify"),
                            hint,
                        ));
                        continue;
                    }
                };
                match v {
                    toml::Value::Boolean(b) => *slot = *b,
                    _ => errors.push(key_error(
                        "minify",
                        format!("minify.{k} must be true or false, not {v}"),
                        hint,
                    )),
                }
            }
            Some(m)
        }
        Some(other) => {
            errors.push(key_error(
                "minify",
                format!("minify must be true, false or a table, not {other}"),
                hint,
            ));
            None
        }
    };
    chosen.filter(|_| !overrides.no_minify)
}

/// `ssr`: true, false or `{ dir = "…" }` (default dir "ssr"); a web build that exposes
/// modules only.
fn ssr_dir(
    raw: &RawConfig,
    target: Target,
    containers: &Containers,
    errors: &mut Vec<Diagnostic>,
    key_error: &dyn Fn(&str, String, &str) -> Diagnostic,
) -> Option<String> {
    let hint = "ssr = true builds a Node container of this remote into outDir/ssr; ssr = { dir = \"server\" } names the directory";
    let dir = match raw.ssr.as_ref()? {
        toml::Value::Boolean(false) => return None,
        toml::Value::Boolean(true) => "ssr".to_string(),
        toml::Value::Table(t) => {
            let mut dir = "ssr".to_string();
            for (k, v) in t {
                match (k.as_str(), v) {
                    ("dir", toml::Value::String(d)) => dir = d.trim_end_matches('/').to_string(),
                    ("dir", other) => {
                        errors.push(key_error(
                            "ssr",
                            format!("ssr.dir must be a directory name, not {other}"),
                            hint,
                        ));
                        return None;
                    }
                    _ => {
                        errors.push(key_error("ssr", format!("unknown key `{k}` in ssr"), hint));
                        return None;
                    }
                }
            }
            dir
        }
        other => {
            errors.push(key_error(
                "ssr",
                format!("ssr must be true, false or a table, not {other}"),
                hint,
            ));
            return None;
        }
    };
    let plain = !dir.is_empty()
        && !dir.contains(['\\', ':'])
        && dir
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..");
    if !plain {
        errors.push(key_error(
            "ssr",
            format!("ssr.dir \"{dir}\" is not a directory inside outDir"),
            "use a relative name such as \"ssr\"",
        ));
        return None;
    }
    if target == Target::Node {
        errors.push(key_error(
            "ssr",
            "ssr adds a Node build to a browser build, and this is a Node build".into(),
            "remove ssr, or build with target = \"web\"",
        ));
        return None;
    }
    if raw.manifest == Some(false) {
        errors.push(key_error(
            "ssr",
            "ssr's Node container is named by mf-manifest.json's ssrRemoteEntry, and manifest = false writes none".into(),
            "remove manifest = false, or remove ssr",
        ));
        return None;
    }
    if containers.exposes.is_empty() {
        errors.push(key_error(
            "ssr",
            "ssr builds this remote's container for Node, and this build exposes nothing".into(),
            "add [exposes], or remove ssr",
        ));
        return None;
    }
    Some(dir)
}

/// The Node build of `ssr`: the configuration text read again as a container-only Node
/// build written to `<outDir>/<dir>`.
fn ssr_config(
    dir: String,
    root: &Path,
    config_file: &Path,
    out_dir: &Path,
    text: &str,
    display_name: &str,
    overrides: &CliOverrides,
) -> Result<Ssr, Vec<Diagnostic>> {
    let mut raw = raw::parse(text, display_name)?;
    raw.target = Some("node".into());
    raw.entry = None;
    raw.html = None;
    raw.ssr = None;
    raw.dev_server = None;
    raw.out_dir = None;
    raw.types = Some(toml::Value::Boolean(false));
    raw.entry_file_names = None;
    raw.library.get_or_insert_with(Default::default).kind = "commonjs-module".into();
    let overrides = CliOverrides {
        out_dir: None,
        target: None,
        hot: false,
        ..overrides.clone()
    };
    let mut config = resolve(
        raw,
        root.to_path_buf(),
        config_file.to_path_buf(),
        text,
        display_name,
        &overrides,
    )?;
    config.out_dir = out_dir.join(&dir);
    config.manifest = true;
    config.ssr_build = true;
    // Its files are under publicPath/dir (with "auto", the runtime finds them from its entry).
    if config.public_path != "auto" {
        config.public_path = format!("{}{dir}/", config.public_path);
    }
    Ok(Ssr { dir, config })
}

/// `html`: true (a default page), false, or a template's path relative to the project; web
/// builds only.
fn html(
    raw: &RawConfig,
    root: &Path,
    target: Target,
    errors: &mut Vec<Diagnostic>,
    key_error: &dyn Fn(&str, String, &str) -> Diagnostic,
) -> Option<Html> {
    let hint = "html = true (a default page) or html = \"./index.html\" (a template the script and stylesheet tags go into)";
    let html = match raw.html.as_ref()? {
        toml::Value::Boolean(false) => return None,
        toml::Value::Boolean(true) => Html::Default,
        toml::Value::String(p) => {
            let path = root.join(p);
            match std::fs::read_to_string(&path) {
                Ok(text) => Html::Template { path, text },
                Err(e) => {
                    let message = match e.kind() {
                        std::io::ErrorKind::NotFound => {
                            format!("the html template {p} does not exist")
                        }
                        _ => format!("cannot read the html template {p}: {e}"),
                    };
                    errors.push(key_error("html", message, hint));
                    return None;
                }
            }
        }
        other => {
            errors.push(key_error(
                "html",
                format!("html must be true, false or a template's path, not {other}"),
                hint,
            ));
            return None;
        }
    };
    if target == Target::Node {
        errors.push(key_error(
            "html",
            "html writes a page for the browser, and this is a Node build".into(),
            "remove html, or build with target = \"web\"",
        ));
        return None;
    }
    Some(html)
}

/// `entryFileNames`: a file name in outDir with `[name]` (required with several entries)
/// and `[contenthash]` to fill in, ending in `.js`.
fn entry_file_names(
    raw: &RawConfig,
    entries: &BTreeMap<String, Vec<String>>,
    errors: &mut Vec<Diagnostic>,
    key_error: &dyn Fn(&str, String, &str) -> Diagnostic,
) -> Option<String> {
    let pattern = raw.entry_file_names.as_ref()?;
    let hint = "e.g. entryFileNames = \"[name].[contenthash].js\" (the default is \"[name].js\")";
    let unknown = placeholders(pattern)
        .into_iter()
        .find(|p| *p != "[name]" && *p != "[contenthash]");
    let problem = if let Some(p) = unknown {
        Some(format!("entryFileNames: unknown placeholder {p}"))
    } else if pattern.contains('/') || pattern.contains('\\') {
        Some(format!(
            "entryFileNames \"{pattern}\" names a subdirectory: entry files are written in outDir itself"
        ))
    } else if !pattern.ends_with(".js") {
        Some(format!("entryFileNames \"{pattern}\" must end with .js"))
    } else if entries.len() > 1 && !pattern.contains("[name]") {
        Some(format!(
            "entryFileNames \"{pattern}\" has no [name], so the {} entries would share one file",
            entries.len()
        ))
    } else if pattern.matches("[contenthash]").count() > 1 {
        Some(format!(
            "entryFileNames \"{pattern}\": [contenthash] may appear once"
        ))
    } else {
        None
    };
    match problem {
        Some(message) => {
            errors.push(key_error("entryFileNames", message, hint));
            None
        }
        None => Some(pattern.clone()),
    }
}

/// The `[...]` placeholders of a file name pattern (an unclosed `[` runs to the end).
fn placeholders(pattern: &str) -> Vec<&str> {
    static PLACEHOLDER: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\[[^\]]*(\]|$)").expect("a valid pattern"));
    PLACEHOLDER.find_iter(pattern).map(|m| m.as_str()).collect()
}

/// `moduleIds` (`--module-ids` wins): "deterministic" in production, "named" in development.
fn module_ids(
    raw: &RawConfig,
    mode: Mode,
    overrides: &CliOverrides,
    errors: &mut Vec<Diagnostic>,
    key_error: &dyn Fn(&str, String, &str) -> Diagnostic,
) -> ModuleIds {
    let from_file = match raw.module_ids.as_deref() {
        None => None,
        Some("named") => Some(ModuleIds::Named),
        Some("deterministic") => Some(ModuleIds::Deterministic),
        Some(other) => {
            errors.push(key_error(
                "moduleIds",
                format!("unknown moduleIds \"{other}\""),
                "moduleIds is \"deterministic\" (short numbers, production's default) or \"named\" (paths)",
            ));
            None
        }
    };
    overrides.module_ids.or(from_file).unwrap_or(match mode {
        Mode::Production => ModuleIds::Deterministic,
        Mode::Development => ModuleIds::Named,
    })
}

/// `shareStrategy`: "version-first" (the default) or "loaded-first".
fn share_strategy(
    raw: &RawConfig,
    errors: &mut Vec<Diagnostic>,
    key_error: &dyn Fn(&str, String, &str) -> Diagnostic,
) -> ShareStrategy {
    match raw.share_strategy.as_deref() {
        None | Some("version-first") => ShareStrategy::VersionFirst,
        Some("loaded-first") => ShareStrategy::LoadedFirst,
        Some(other) => {
            errors.push(key_error(
                "shareStrategy",
                format!("unknown shareStrategy \"{other}\""),
                "shareStrategy is \"version-first\" (the default, webpack's rules) or \"loaded-first\"",
            ));
            ShareStrategy::VersionFirst
        }
    }
}

/// `chunkLoadTimeout`: whole milliseconds a timer can wait.
fn chunk_load_timeout(
    raw: &RawConfig,
    errors: &mut Vec<Diagnostic>,
    key_error: &dyn Fn(&str, String, &str) -> Diagnostic,
) -> u32 {
    match &raw.chunk_load_timeout {
        None => DEFAULT_CHUNK_LOAD_TIMEOUT,
        Some(toml::Value::Integer(ms)) if (0..=MAX_TIMER_MS).contains(ms) => *ms as u32,
        Some(other) => {
            errors.push(key_error(
                "chunkLoadTimeout",
                format!("chunkLoadTimeout must be a whole number of milliseconds from 0 to {MAX_TIMER_MS}, not {other}"),
                "e.g. chunkLoadTimeout = 120000 (the default, 2 minutes); 0 waits without a limit",
            ));
            DEFAULT_CHUNK_LOAD_TIMEOUT
        }
    }
}

/// Options webpack takes that change nothing here: warnings, as for version with
/// import = false.
fn ignored_options(
    raw: &RawConfig,
    warnings: &mut Vec<Diagnostic>,
    key_error: &dyn Fn(&str, String, &str) -> Diagnostic,
) {
    let ignored = |key: &str, message: String, hint: &str| {
        let mut d = key_error(key, message, hint);
        d.code = Code::ConfigIgnored;
        d.severity = crate::diagnostics::Severity::Warning;
        d
    };
    if raw.runtime.is_some() {
        warnings.push(ignored(
            "runtime",
            "runtime is ignored: mfbundle writes no separate runtime chunk".into(),
            "every file of a build (main.js, remoteEntry.js) carries the runtime, and the first one on a page creates it for the others, which is what webpack's runtime chunk is for; drop runtime",
        ));
    }
    if let Some(l) = &raw.library {
        for (k, set) in [
            ("export", l.export.is_some()),
            ("auxiliaryComment", l.auxiliary_comment.is_some()),
            ("amdContainer", l.amd_container.is_some()),
        ] {
            if set {
                warnings.push(ignored(
                    "library",
                    format!("library.{k} is ignored"),
                    "a container publishes its get/init object as it is; drop it",
                ));
            }
        }
    }
}

/// webpack's default `output.chunkLoadTimeout`: 2 minutes.
pub const DEFAULT_CHUNK_LOAD_TIMEOUT: u32 = 120_000;
/// The longest delay `setTimeout` honours (2^31 - 1 ms); browsers and Node run a longer one
/// at once.
const MAX_TIMER_MS: i64 = i32::MAX as i64;

/// Extensions tried for requests without one: TypeScript before JavaScript, as esbuild
/// orders them, so that `./util` finds `util.ts` next to a stale `util.js`.
pub const DEFAULT_EXTENSIONS: [&str; 9] = [
    ".tsx", ".ts", ".jsx", ".js", ".mjs", ".cjs", ".mts", ".cts", ".json",
];

fn jsx_config(
    raw: &RawConfig,
    mode: Mode,
    errors: &mut Vec<Diagnostic>,
    key_error: &dyn Fn(&str, String, &str) -> Diagnostic,
) -> JsxConfig {
    let runtime = match raw.jsx.as_deref() {
        None | Some("automatic") => JsxRuntime::Automatic,
        Some("classic") => JsxRuntime::Classic,
        Some(other) => {
            errors.push(key_error(
                "jsx",
                format!("unknown jsx runtime \"{other}\""),
                "jsx is \"automatic\" (react/jsx-runtime) or \"classic\" (React.createElement)",
            ));
            JsxRuntime::Automatic
        }
    };
    let mut pragma = |key: &str, value: &Option<String>, default: &str| match value {
        None => default.to_string(),
        Some(v) if is_dotted_name(v) => v.clone(),
        Some(v) => {
            errors.push(key_error(
                key,
                format!("{key} \"{v}\" is not a name or a dotted member chain"),
                "write an expression such as \"h\" or \"React.createElement\"",
            ));
            default.to_string()
        }
    };
    let default = JsxConfig::default();
    let factory = pragma("jsxFactory", &raw.jsx_factory, &default.factory);
    let fragment = pragma("jsxFragment", &raw.jsx_fragment, &default.fragment);
    let import_source = match raw.jsx_import_source.as_deref() {
        None => default.import_source.clone(),
        Some(s) if !s.trim().is_empty() && !s.contains(char::is_whitespace) => s.to_string(),
        Some(s) => {
            errors.push(key_error(
                "jsxImportSource",
                format!("jsxImportSource \"{s}\" is not a package name"),
                "name the package that provides jsx-runtime, e.g. \"react\" or \"preact\"",
            ));
            default.import_source.clone()
        }
    };
    JsxConfig {
        runtime,
        import_source,
        factory,
        fragment,
        development: raw.jsx_dev.unwrap_or(mode == Mode::Development),
        refresh: false,
    }
}

/// `h`, `React.createElement`: what swc's JSX pass accepts as a pragma.
fn is_dotted_name(s: &str) -> bool {
    s.split('.').all(|part| {
        let mut chars = part.chars();
        chars
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
            && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
    })
}

impl BuildConfig {
    /// The build takes part in Module Federation: it shares, exposes, has remotes or
    /// runtime plugins (its runtime then serves `@module-federation/runtime`'s API).
    pub fn federates(&self) -> bool {
        !self.shared.is_empty()
            || !self.containers.exposes.is_empty()
            || !self.containers.remotes.is_empty()
            || !self.runtime_plugins.is_empty()
    }

    /// The importer of requests written in federation.toml (entries, path keys of
    /// `shared`): a file of the project directory, so that they resolve from there.
    pub fn root_importer(&self) -> PathBuf {
        self.root.join("federation.toml")
    }
}

fn package_name(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join("package.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v.get("name")?.as_str().map(String::from)
}

/// The configuration file's text, for diagnostics that point at one of its keys.
pub struct ConfigText {
    name: String,
    text: String,
}

impl ConfigText {
    pub fn read(config: &BuildConfig) -> ConfigText {
        ConfigText {
            name: display_path(&config.root, &config.config_file),
            text: std::fs::read_to_string(&config.config_file).unwrap_or_default(),
        }
    }

    /// Where the string value `"value"` first appears in the file.
    pub fn value_location(&self, value: &str) -> crate::diagnostics::Location {
        use crate::diagnostics::Location;
        match self.text.find(&format!("\"{value}\"")) {
            Some(pos) => Location::from_range(&self.name, &self.text, pos, pos + value.len() + 2),
            None => Location::file_only(&self.name),
        }
    }

    /// Where `key` is set in the file (the whole file when it cannot be found).
    pub fn key_location(&self, key: &str) -> crate::diagnostics::Location {
        use crate::diagnostics::Location;
        raw::locate_key(&self.text, key)
            .map(|(s, e)| Location::from_range(&self.name, &self.text, s, e))
            .unwrap_or_else(|| Location::file_only(&self.name))
    }
}

/// `path` relative to `root`, `/`-separated; the user-visible form of every path.
pub fn display_path(root: &Path, path: &Path) -> String {
    // A file under the root (every module id of a project): its components after the
    // root's, without collecting both paths' components (this runs once per module).
    // (Bytes: `Path::strip_prefix` parses both paths' components.)
    let (path_bytes, root_bytes) = (
        path.as_os_str().as_encoded_bytes(),
        root.as_os_str().as_encoded_bytes(),
    );
    if let Some(rel) = path_bytes.strip_prefix(root_bytes)
        && let Some(rel) = rel.strip_prefix(b"/")
        && !root_bytes.ends_with(b"/")
        && let Ok(rel) = std::str::from_utf8(rel)
        && !rel.is_empty()
        && !rel.contains('\\')
        && rel
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != "..")
    {
        return rel.to_string();
    }
    let rel = pathdiff(path, root);
    let s = rel.to_string_lossy().replace('\\', "/");
    if s.is_empty() { ".".to_string() } else { s }
}

fn pathdiff(path: &Path, base: &Path) -> PathBuf {
    use std::path::Component;
    let p: Vec<Component> = path.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &p[common..] {
        out.push(c.as_os_str());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::display_path;
    use std::path::Path;

    #[test]
    fn display_paths_are_relative_to_the_root_with_slashes() {
        let root = Path::new("/p/app");
        assert_eq!(display_path(root, Path::new("/p/app/src/a.js")), "src/a.js");
        assert_eq!(display_path(root, Path::new("/p/app")), ".");
        assert_eq!(display_path(root, Path::new("/p/lib/x.js")), "../lib/x.js");
        assert_eq!(
            display_path(root, Path::new("/p/app/./src//b.js")),
            "src/b.js"
        );
        assert_eq!(display_path(root, Path::new("/p/app/a\\b.js")), "a/b.js");
    }
}
