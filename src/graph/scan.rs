//! The scan: from the entries, read, parse and resolve every reachable module. Each round
//! parses the current frontier in parallel (rayon); the coordinator then hands out indices
//! in frontier order, so indices and output never depend on the thread count.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use oxc_resolver::ModuleType;
use rayon::prelude::*;

use super::cache::ParseCache;
use super::collect_imports::{Collected, collect};
use super::css::{self, Resource};
use super::module::*;
use super::parse::{Defines, Lang, Parsed, SourceKind, parse_js};
use super::resolve::{Resolved, Resolvers};
use super::source::{Source, Stamp};
use super::{ModuleGraph, ScanOutput};
use crate::config::{BuildConfig, Target, display_path};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location};
use crate::federation::matcher::SharedMatcher;

/// Progress reporting for terminals: modules found so far and modules parsed.
pub trait Progress: Sync {
    fn scanned(&self, found: usize, parsed: usize);
}

pub struct NoProgress;
impl Progress for NoProgress {
    fn scanned(&self, _: usize, _: usize) {}
}

struct Job {
    idx: ModuleIdx,
    path: PathBuf,
    module_type: Option<ModuleType>,
    /// Named by `new URL(..., import.meta.url)` only: an asset whatever its extension.
    asset: bool,
}

struct Scanned {
    module: Option<NormalModule>,
    records: Vec<ImportRecord<()>>,
    resolved: Vec<Option<Resolved>>,
    /// Record index -> the provide its resolution creates.
    provides: Vec<(usize, SharedRequest)>,
    diagnostics: Vec<Diagnostic>,
    /// CSS and asset modules' payload.
    resource: Option<Resource>,
}

impl Scanned {
    /// A module without requests (JSON, CSS, an asset), and its payload.
    fn payload(
        module: NormalModule,
        diagnostics: Vec<Diagnostic>,
        resource: Option<Resource>,
    ) -> Scanned {
        Scanned {
            module: Some(module),
            records: Vec::new(),
            resolved: Vec::new(),
            provides: Vec::new(),
            diagnostics,
            resource,
        }
    }
}

/// A module that a `shared` item provides, found while resolving.
#[derive(Debug, Clone)]
pub struct ProvideHit {
    pub shared: SharedRequest,
    pub module: ModuleIdx,
}

/// Key of a module in the table that turns resolutions into indices.
#[derive(PartialEq, Eq, Hash)]
enum ModuleKey {
    File(PathBuf),
    /// A file `new URL(..., import.meta.url)` names that is not an asset by its extension.
    Asset(PathBuf),
    Builtin(String),
    Ignored(PathBuf),
    Missing(String, bool),
}

pub fn scan(config: &BuildConfig, defines: &Arc<Defines>, progress: &dyn Progress) -> ScanOutput {
    scan_cached(config, defines, progress, None)
}

/// [`scan`], reusing the parses of unchanged files from `cache` (watch mode).
pub fn scan_cached(
    config: &BuildConfig,
    defines: &Arc<Defines>,
    progress: &dyn Progress,
    cache: Option<&ParseCache>,
) -> ScanOutput {
    let resolvers = match cache {
        Some(cache) => cache.resolvers(config),
        None => std::sync::Arc::new(Resolvers::new(config)),
    };
    let mut diagnostics = Diagnostics::default();
    // About as many modules as the last build had: room up front rather than growing (and
    // copying) tables of thousands of paths.
    let expected = cache.map_or(0, ParseCache::expected_files);
    let mut interner = Interner {
        table: rustc_hash::FxHashMap::with_capacity_and_hasher(expected, Default::default()),
        slots: Vec::with_capacity(expected),
        frontier: Vec::new(),
        config,
    };
    let parsed_count = AtomicUsize::new(0);
    let timings = StageClock::default();

    let Roots {
        matcher,
        mut provides,
        entries,
        exposes,
        runtime_plugins,
    } = roots(config, &resolvers, &mut interner, &mut diagnostics);

    let mut records_by_module: Vec<Vec<ImportRecord<()>>> = Vec::with_capacity(expected);
    let mut resolved_targets: Vec<Vec<Option<ModuleIdx>>> = Vec::with_capacity(expected);
    let mut resources = std::collections::BTreeMap::new();
    while !interner.frontier.is_empty() {
        let jobs = std::mem::take(&mut interner.frontier);
        let found = interner.slots.len();
        let results: Vec<(ModuleIdx, Scanned)> = jobs
            .into_par_iter()
            .map(|job| {
                let scanned =
                    scan_one(&job, config, defines, &resolvers, &matcher, &timings, cache);
                let n = parsed_count.fetch_add(1, Ordering::Relaxed) + 1;
                progress.scanned(found, n);
                (job.idx, scanned)
            })
            .collect();
        for (idx, scanned) in results {
            diagnostics.extend(scanned.diagnostics);
            let mut targets = Vec::with_capacity(scanned.resolved.len());
            for resolved in scanned.resolved {
                targets.push(resolved.map(|r| interner.intern(r)));
            }
            for (record, shared) in scanned.provides {
                if let Some(module) = targets[record] {
                    provides.push(ProvideHit { shared, module });
                }
            }
            let i = idx.index();
            if records_by_module.len() <= i {
                records_by_module.resize_with(i + 1, Vec::new);
                resolved_targets.resize_with(i + 1, Vec::new);
            }
            records_by_module[i] = scanned.records;
            resolved_targets[i] = targets;
            if let Some(m) = scanned.module {
                interner.slots[i] = Some(Module::Normal(Box::new(m)));
            }
            if let Some(r) = scanned.resource {
                resources.insert(idx, r);
            }
        }
        progress.scanned(interner.slots.len(), parsed_count.load(Ordering::Relaxed));
    }

    // Modules that failed to parse leave a hole; the build stops at the error anyway, but the
    // graph must stay well-formed, so they become empty modules.
    let mut modules: Vec<Module> = interner
        .slots
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            m.unwrap_or_else(|| {
                Module::Empty(EmptyModule {
                    id: format!("(failed) {i}"),
                })
            })
        })
        .collect();

    attach_records(&mut modules, records_by_module, &resolved_targets);
    let package_json_warnings = package_json_warnings(&diagnostics, &modules, config);
    diagnostics.extend(package_json_warnings);
    // Every package.json a later stage may consult: above each module, the project and
    // outDir (a Node build's outDir under a "type": "module" package).
    let packages = super::package_facts::PackageFacts::read(
        modules
            .iter()
            .filter_map(|m| m.as_normal().and_then(|n| n.path.parent()))
            .chain([config.root.as_path(), config.out_dir.as_path()]),
    );
    ScanOutput {
        graph: ModuleGraph {
            modules: ModuleVec::from_vec(modules),
            entries,
            runtime_plugins,
            provides: Vec::new(),
            remote_containers: Vec::new(),
            container: None,
            resources,
            packages,
        },
        provides,
        exposes,
        diagnostics,
        parse_time: std::time::Duration::from_nanos(timings.parse.load(Ordering::Relaxed)),
        resolve_time: std::time::Duration::from_nanos(timings.resolve.load(Ordering::Relaxed)),
    }
}

/// Nanoseconds spent in parsing and resolving, summed over worker threads.
#[derive(Default)]
struct StageClock {
    parse: std::sync::atomic::AtomicU64,
    resolve: std::sync::atomic::AtomicU64,
}

impl StageClock {
    fn add(counter: &std::sync::atomic::AtomicU64, since: std::time::Instant) {
        counter.fetch_add(since.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }
}

/// The import records of every module, pointed at the modules they resolved to; an
/// unresolved one (already an error) at the importer itself, so the records stay
/// index-aligned with the AST's call sites.
fn attach_records(
    modules: &mut [Module],
    mut records_by_module: Vec<Vec<ImportRecord<()>>>,
    resolved_targets: &[Vec<Option<ModuleIdx>>],
) {
    for (i, module) in modules.iter_mut().enumerate() {
        let Module::Normal(m) = module else { continue };
        let raw = std::mem::take(&mut records_by_module[i]);
        let targets = &resolved_targets[i];
        let mut records = Vec::with_capacity(raw.len());
        for (r, target) in raw.into_iter().zip(targets) {
            let target = target.unwrap_or(ModuleIdx(i as u32));
            records.push(ImportRecord {
                request: r.request,
                kind: r.kind,
                span: r.span,
                chunk_name: r.chunk_name,
                optional: r.optional,
                shared: r.shared,
                remote: r.remote,
                barrel: r.barrel,
                target,
            });
        }
        m.records = records;
    }
}

/// Warnings about malformed package.json files near the modules (MF1009), but for those a
/// resolution already reported as an error.
fn package_json_warnings(
    diagnostics: &Diagnostics,
    modules: &[Module],
    config: &BuildConfig,
) -> Vec<Diagnostic> {
    // A package.json that already failed a resolution is reported there, as an error.
    let reported: std::collections::HashSet<String> = diagnostics
        .iter()
        .filter(|d| d.code == Code::PackageJsonInvalid)
        .filter_map(|d| d.location.as_ref().map(|l| l.file.clone()))
        .collect();
    super::package_json_check::check_package_json_files(modules, &config.root)
        .into_iter()
        .filter(|d| {
            d.location
                .as_ref()
                .is_none_or(|l| !reported.contains(&l.file))
        })
        .collect()
}

/// The scan's starting points and what the configuration resolves once: the `shared`
/// matcher (path keys resolved to files), the provides of `[shared]` keys, the entries and
/// the exposed modules, each interned.
struct Roots {
    matcher: SharedMatcher,
    provides: Vec<ProvideHit>,
    entries: Vec<(String, Vec<ModuleIdx>)>,
    exposes: Vec<(String, Vec<ModuleIdx>)>,
    runtime_plugins: Vec<ModuleIdx>,
}

fn roots(
    config: &BuildConfig,
    resolvers: &Resolvers,
    interner: &mut Interner,
    diagnostics: &mut Diagnostics,
) -> Roots {
    let root_importer = config.root_importer();
    let mut entries = Vec::new();
    let config_text = crate::config::ConfigText::read(config);
    let config_location = |request: &str| config_text.value_location(request);

    let mut matcher = SharedMatcher::new(config);
    let mut provides: Vec<ProvideHit> = Vec::new();
    // Path keys of `shared` match resolved files; they are resolved once, from the root, and
    // their provides always exist (webpack's rule), so they are scan roots too. Other keys
    // with a module to provide are provided whether or not a module of this build
    // imports them (a shell app that offers its remotes a library it does not use): the
    // request resolves from the project directory. webpack provides such a key only when a
    // module imports it; an import that resolves to the same file shares the provide. One
    // that does not resolve provides nothing (MF4005 says so). Path keys first.
    for path_keys in [true, false] {
        for (i, item) in config.shared.iter().enumerate() {
            if item.is_path_key() != path_keys {
                continue;
            }
            let provided = if path_keys {
                match resolvers.resolve(&root_importer, &item.key, ImportKind::Static) {
                    Ok(Resolved::File { path, module_type }) => {
                        matcher.add_resolved_path(i, item, path.clone());
                        item.import
                            .is_some()
                            .then_some(Resolved::File { path, module_type })
                    }
                    Ok(_) | Err(_) => {
                        diagnostics.push(
                            Diagnostic::new(
                                Code::UnresolvedImport,
                                format!("shared \"{}\" does not resolve to a file", item.key),
                            )
                            .at(config_location(&item.key))
                            .hint("path keys of [shared] are relative to the project directory"),
                        );
                        None
                    }
                }
            } else {
                match item.import.as_ref().filter(|_| !item.is_prefix()) {
                    Some(request) => resolvers
                        .resolve(&root_importer, request, ImportKind::Static)
                        .ok()
                        .filter(|r| matches!(r, Resolved::File { .. })),
                    None => None,
                }
            };
            if let Some(resolved) = provided {
                let idx = interner.intern(resolved);
                provides.push(ProvideHit {
                    shared: SharedRequest {
                        item: i,
                        share_key: item.share_key.clone(),
                    },
                    module: idx,
                });
            }
        }
    }
    // `runtimePlugins`: modules of the project or of npm packages, run first in every entry.
    let mut runtime_plugins = Vec::new();
    for request in &config.runtime_plugins {
        match resolvers.resolve(&root_importer, request, ImportKind::Static) {
            Ok(resolved @ Resolved::File { .. }) => runtime_plugins.push(interner.intern(resolved)),
            Ok(_) | Err(_) => diagnostics.push(
                Diagnostic::new(
                    Code::EntryNotFound,
                    format!("runtime plugin \"{request}\" does not resolve"),
                )
                .at(config_location(request))
                .hint("runtimePlugins lists modules whose default export returns an MF 2.0 plugin: a path relative to federation.toml (\"./src/retry.js\") or a package name"),
            ),
        }
    }
    for (name, requests) in &config.entries {
        let mut idxs = runtime_plugins.clone();
        for request in requests {
            match resolvers.resolve(&root_importer, request, ImportKind::Static) {
                Ok(resolved) => {
                    let idx = interner.intern(resolved);
                    idxs.push(idx);
                }
                Err(e) => {
                    let loc = config_location(request);
                    let mut d = resolvers.unresolved_diagnostic(&root_importer, request, &e, loc);
                    if d.code == Code::UnresolvedImport {
                        d.code = Code::EntryNotFound;
                        d.message = format!("entry \"{name}\" does not resolve: \"{request}\"");
                    }
                    diagnostics.push(d);
                }
            }
        }
        entries.push((name.clone(), idxs));
    }

    // Exposed modules are roots too: the container loads them on `get`.
    let mut exposes = Vec::new();
    for expose in &config.containers.exposes {
        let mut idxs = Vec::new();
        for request in &expose.imports {
            match resolvers.resolve(&root_importer, request, ImportKind::Static) {
                Ok(resolved @ Resolved::File { .. }) => {
                    idxs.push(interner.intern(resolved));
                }
                Ok(_) | Err(_) => diagnostics.push(
                    Diagnostic::new(
                        Code::ExposeNotFound,
                        format!("exposed module \"{}\" does not resolve: \"{request}\"", expose.key),
                    )
                    .at(config_location(request))
                    .hint("exposes map a name to a file of this project, relative to federation.toml: \"./Button\" = \"./src/Button.js\""),
                ),
            }
        }
        exposes.push((expose.key.clone(), idxs));
    }

    Roots {
        matcher,
        provides,
        entries,
        exposes,
        runtime_plugins,
    }
}

/// The modules found so far: one index per resolved file (or builtin, or ignored request),
/// and the files still to scan.
struct Interner<'c> {
    table: rustc_hash::FxHashMap<ModuleKey, ModuleIdx>,
    slots: Vec<Option<Module>>,
    frontier: Vec<Job>,
    config: &'c BuildConfig,
}

impl Interner<'_> {
    /// The index of `resolved`, a new one (and a job to scan it) the first time.
    fn intern(&mut self, resolved: Resolved) -> ModuleIdx {
        let (key, module_type) = match resolved {
            Resolved::File { path, module_type } => (ModuleKey::File(path), module_type),
            Resolved::Asset(path) if css::is_asset(&path) => (ModuleKey::File(path), None),
            Resolved::Asset(path) => (ModuleKey::Asset(path), None),
            Resolved::Builtin(b) => (ModuleKey::Builtin(b), None),
            Resolved::Ignored(p) => (ModuleKey::Ignored(p), None),
            Resolved::Missing { request, dynamic } => (ModuleKey::Missing(request, dynamic), None),
        };
        if let Some(&idx) = self.table.get(&key) {
            return idx;
        }
        let idx = ModuleIdx(self.slots.len() as u32);
        let slot = match &key {
            ModuleKey::File(path) | ModuleKey::Asset(path) => {
                self.frontier.push(Job {
                    idx,
                    path: path.clone(),
                    module_type,
                    asset: matches!(key, ModuleKey::Asset(_)),
                });
                None
            }
            ModuleKey::Builtin(b) => Some(Module::External(ExternalModule {
                id: b.clone(),
                request: b.clone(),
            })),
            ModuleKey::Ignored(p) => Some(Module::Empty(EmptyModule {
                id: format!("(ignored) {}", display_path(&self.config.root, p)),
            })),
            ModuleKey::Missing(request, dynamic) => Some(Module::Missing(MissingModule {
                id: format!(
                    "(missing{}) {request}",
                    if *dynamic { " import()" } else { "" }
                ),
                request: request.clone(),
                dynamic: *dynamic,
            })),
        };
        self.slots.push(slot);
        self.table.insert(key, idx);
        idx
    }
}

/// The JSX options of `job`'s file: Fast Refresh registers the project's components, not a
/// package's (whose modules get no registration functions).
fn jsx_options<'c>(
    path: &Path,
    config: &'c BuildConfig,
) -> std::borrow::Cow<'c, crate::config::JsxConfig> {
    if config.jsx.refresh && super::resolve::in_package(path) {
        std::borrow::Cow::Owned(crate::config::JsxConfig {
            refresh: false,
            ..config.jsx.clone()
        })
    } else {
        std::borrow::Cow::Borrowed(&config.jsx)
    }
}

/// The scan of an edited JavaScript module for an incremental rebuild (`crate::incremental`):
/// its new text and parse, when the file reads as UTF-8, parses without diagnostics and
/// everything the link stage reads of it besides its program is as the cached parse had it
/// ([`ParseCache::edited`]); else `None` (a full build follows).
pub fn rescan_edited(
    module: &NormalModule,
    config: &BuildConfig,
    defines: &Defines,
    cache: &ParseCache,
) -> Option<super::cache::Edited> {
    let path = &module.path;
    let source = read_source(path, &module.id, config, None).ok()?;
    let jsx = jsx_options(path, config);
    cache.edited(path, source, |source, kind, lang| {
        parse_module(&module.id, source, (kind, lang), defines, &jsx)
    })
}

/// A JavaScript module's program and what the scan collects of it.
fn parse_module(
    id: &str,
    source: &str,
    (kind, lang): (SourceKind, Lang),
    defines: &Defines,
    jsx: &crate::config::JsxConfig,
) -> Result<(Parsed, Collected), Vec<Diagnostic>> {
    let parsed = parse_js(id, source, kind, lang, defines, jsx)?;
    let collected = collect(id, source, &parsed.program, parsed.unresolved_ctxt);
    Ok((parsed, collected))
}

/// A module's text (its read noted in the cache): as the last build read it when the watcher
/// says it is unchanged, to be read when needed when the persistent cache vouches for the
/// file by its stat, else read now (UTF-8, without a byte order mark).
fn read_source(
    path: &Path,
    id: &str,
    config: &BuildConfig,
    cache: Option<&ParseCache>,
) -> Result<Source, Vec<Diagnostic>> {
    if path == super::resolve::mf_runtime_api_path(&config.root) {
        if let Some(cache) = cache {
            cache.note_read(path);
        }
        return Ok(Source::from(crate::federation::MF_RUNTIME_API));
    }
    if let Some(cache) = cache
        && let Some(source) = cache.known_source(path, config)
    {
        return Ok(source);
    }
    let read = || -> std::io::Result<(Vec<u8>, std::fs::Metadata)> {
        use std::io::Read;
        let mut file = std::fs::File::open(path)?;
        // The stat from before the read: a write after it changes the stat the next
        // process compares.
        let metadata = file.metadata()?;
        let mut bytes = Vec::with_capacity(metadata.len() as usize);
        file.read_to_end(&mut bytes)?;
        Ok((bytes, metadata))
    };
    match read() {
        Ok((bytes, metadata)) => match super::source::text_of(bytes) {
            Some(text) => Ok(Source::read(text, Stamp::settled(&metadata))),
            None => Err(vec![
                Diagnostic::new(Code::ReadFailed, format!("{id} is not UTF-8 text"))
                    .at(Location::file_only(id))
                    .hint("JavaScript sources must be UTF-8"),
            ]),
        },
        Err(e) => Err(vec![
            Diagnostic::new(Code::ReadFailed, format!("cannot read {id}: {e}"))
                .at(Location::file_only(id)),
        ]),
    }
}

fn scan_one(
    job: &Job,
    config: &BuildConfig,
    defines: &Arc<Defines>,
    resolvers: &Resolvers,
    matcher: &SharedMatcher,
    clock: &StageClock,
    cache: Option<&ParseCache>,
) -> Scanned {
    let mut id = display_path(&config.root, &job.path);
    if job.asset {
        // Apart from the same file imported as a module.
        id.push_str("?url");
    }
    let mut diagnostics = Vec::new();
    let failed = |diagnostics| Scanned {
        module: None,
        records: Vec::new(),
        resolved: Vec::new(),
        provides: Vec::new(),
        diagnostics,
        resource: None,
    };
    // CSS and assets: a stub module for JavaScript, the payload next to it. Assets are
    // binary, so they are read before the UTF-8 check below.
    if job.asset || css::is_asset(&job.path) || css::is_css(&job.path) {
        if let Some(cache) = cache {
            cache.note_read(&job.path);
        }
        return match css_or_asset(job, id, config, resolvers) {
            Ok((module, resource)) => Scanned::payload(module, diagnostics, Some(resource)),
            Err(d) => failed(d),
        };
    }
    let source = match read_source(&job.path, &id, config, cache) {
        Ok(s) => s,
        Err(d) => return failed(d),
    };
    let ext = job.path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext == "json" || job.module_type == Some(ModuleType::Json) {
        if let Err(e) = serde_json::from_str::<serde_json::Value>(&source) {
            return failed(vec![
                Diagnostic::new(Code::JsonSyntaxError, format!("invalid JSON: {e}"))
                    .at(Location::at_line_column(&id, &source, e.line(), e.column()))
                    .hint("JSON modules must be strict JSON: no comments, no trailing commas"),
            ]);
        }
        return match payload_module(id, &job.path, source, ModuleFormat::Json, config) {
            Ok(module) => Scanned::payload(module, diagnostics, None),
            Err(d) => failed(d),
        };
    }
    let kind = match ext {
        "mjs" | "mts" => SourceKind::Module,
        "cjs" => SourceKind::CommonJs,
        // tsc compiles import/export in a .cts file to CommonJS: such a file is an ES module
        // here with CommonJS interop (never Node's strict ESM), and a CommonJS script without.
        "cts" => SourceKind::Auto,
        _ if job.module_type == Some(ModuleType::Module) => SourceKind::Module,
        _ => SourceKind::Auto,
    };
    let parse_start = std::time::Instant::now();
    let lang = Lang::of_extension(ext);
    let jsx = jsx_options(&job.path, config);
    let parse = |source: &str| parse_module(&id, source, (kind, lang), defines, &jsx);
    // For a file the persistent cache knows: its program, parsed when a later stage reads it.
    let reparse = || -> crate::graph::ast::Reparse {
        let (id, source, jsx) = (id.clone(), source.clone(), jsx.clone().into_owned());
        let defines = defines.clone();
        Box::new(move || {
            parse_js(&id, &source, kind, lang, &defines, &jsx)
                .ok()
                .map(|p| (p.program, p.globals))
        })
    };
    let result = match cache {
        Some(cache) => cache.parse(&job.path, source.clone(), kind, lang, parse, reparse),
        None => parse(&source).map(|(p, c)| (source, p.into(), c)),
    };
    StageClock::add(&clock.parse, parse_start);
    let (source, parsed, collected) = match result {
        Ok(r) => r,
        Err(d) => return failed(d),
    };
    let resolve_start = std::time::Instant::now();
    diagnostics.extend(collected.diagnostics);
    let format = if parsed.is_module {
        ModuleFormat::Esm
    } else {
        ModuleFormat::CommonJs
    };
    let mut records = collected.records;
    let contexts = super::context::expand(
        &job.path,
        &config.out_dir,
        (&id, &source),
        collected.contexts,
        &mut records,
        &mut diagnostics,
    );
    let (resolved, provides) = resolve_records(
        job,
        (&id, &source),
        &mut records,
        config,
        resolvers,
        matcher,
        &mut diagnostics,
    );
    StageClock::add(&clock.resolve, resolve_start);
    diagnostics.extend(json_attribute_errors(
        (&id, &source),
        &collected.json_records,
        &records,
        &resolved,
        config,
    ));
    Scanned {
        module: Some(NormalModule {
            id,
            path: job.path.clone(),
            source,
            reads_share_scopes: collected.reads_share_scopes,
            format,
            node_strict: kind == SourceKind::Module,
            ast: parsed.ast,
            unresolved_ctxt: parsed.unresolved_ctxt,
            pure: parsed.pure.clone(),
            records: Vec::new(),
            call_sites: collected.call_sites,
            esm: collected.esm,
            import_meta: collected.import_meta,
            attributes_at_run_time: collected.attributes_at_run_time,
            top_level_await: collected.top_level_await,
            contexts,
        }),
        records,
        resolved,
        provides,
        diagnostics,
        resource: None,
    }
}

/// A CSS file or an asset: its stub module and its payload.
fn css_or_asset(
    job: &Job,
    id: String,
    config: &BuildConfig,
    resolvers: &Resolvers,
) -> Result<(NormalModule, Resource), Vec<Diagnostic>> {
    let (format, resource) = if job.asset || css::is_asset(&job.path) {
        (
            ModuleFormat::Asset,
            Resource::Asset(css::load_asset(&job.path, &id)?),
        )
    } else {
        (
            ModuleFormat::Css,
            Resource::Css(css::scan_css(&job.path, &id, config, resolvers)?),
        )
    };
    let module = payload_module(id, &job.path, Source::from(""), format, config)?;
    Ok((module, resource))
}

/// `with { type: "json" }` on a request that resolves to a file that is not JSON (MF1012).
fn json_attribute_errors(
    (id, source): (&str, &Source),
    json_records: &[(usize, (u32, u32))],
    records: &[ImportRecord<()>],
    resolved: &[Option<Resolved>],
    config: &BuildConfig,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for &(r, (s, e)) in json_records {
        if let Some(Some(Resolved::File { path, module_type })) = resolved.get(r)
            && path.extension().and_then(|e| e.to_str()) != Some("json")
            && *module_type != Some(ModuleType::Json)
        {
            out.push(
                Diagnostic::new(
                    Code::ImportAttributeInvalid,
                    format!(
                        "\"{}\" is imported with type: \"json\" but {} is not a JSON file",
                        records[r].request,
                        display_path(&config.root, path)
                    ),
                )
                .at(Location::from_range(id, source, s as usize, e as usize))
                .hint("type: \"json\" is for .json files; import a JavaScript module without it"),
            );
        }
    }
    out
}

/// Resolves a module's requests: a remote's modules resolve to nothing (`record.remote`), a
/// request `shared` matches resolves its item's `import` as the fallback (or nothing for
/// `import = false`), any other request as written. Marks the shared records and returns
/// each record's resolution and the provides the resolutions create.
fn resolve_records(
    job: &Job,
    (id, source): (&str, &Source),
    records: &mut [ImportRecord<()>],
    config: &BuildConfig,
    resolvers: &Resolvers,
    matcher: &SharedMatcher,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Option<Resolved>>, Vec<(usize, SharedRequest)>) {
    let mut resolved = Vec::with_capacity(records.len());
    let mut provides = Vec::new();
    for (index, record) in records.iter_mut().enumerate() {
        let loc =
            || Location::from_range(id, source, record.span.0 as usize, record.span.1 as usize);
        // `app2` and `app2/...` name modules of a remote container: nothing to resolve.
        if let Some((n, remote)) = config.containers.remotes.iter().enumerate().find(|(_, r)| {
            record.request == r.key || record.request.starts_with(&format!("{}/", r.key))
        }) {
            let rest = &record.request[remote.key.len()..];
            record.remote = Some((
                n,
                if rest.is_empty() {
                    ".".to_string()
                } else {
                    format!(".{rest}")
                },
            ));
            resolved.push(None);
            continue;
        }
        // A request that matches `shared` resolves its item's `import` as the fallback, or
        // nothing at all for `import = false`.
        let root_importer;
        let (request, from) = match matcher.consume_for_request(&record.request, &config.shared) {
            Some(m) => {
                record.shared = Some(m.shared);
                match m.import {
                    Some(import) if crate::config::shared::is_path(&import) => {
                        root_importer = config.root_importer();
                        (import, root_importer.as_path())
                    }
                    Some(import) => (import, job.path.as_path()),
                    None => {
                        resolved.push(None);
                        continue;
                    }
                }
            }
            None => (record.request.clone(), job.path.as_path()),
        };
        if record.kind == ImportKind::Url {
            let path = url_asset(&job.path, &request);
            if path.is_none() {
                diagnostics.push(
                    Diagnostic::new(Code::UnresolvedImport, format!("cannot find the file {request:?}"))
                        .at(loc())
                        .hint("new URL(\"./file\", import.meta.url) names a file relative to the module; the build emits it as an asset"),
                );
            }
            resolved.push(path.map(Resolved::Asset));
            continue;
        }
        let failed = match resolvers.resolve(from, &request, record.kind) {
            Ok(Resolved::Builtin(b)) if config.target == Target::Web => {
                resolvers.builtin_on_web_diagnostic(&b, loc())
            }
            Ok(r) => {
                if let Resolved::File { path, .. } = &r {
                    if record.shared.is_none() {
                        record.shared = matcher.consume_for_file(path, &config.shared);
                    }
                    if let Some(p) = matcher.provide_for(&request, path, &config.shared) {
                        provides.push((index, p));
                    }
                }
                resolved.push(Some(r));
                continue;
            }
            Err(e) => resolvers.unresolved_diagnostic(&job.path, &request, &e, loc()),
        };
        resolved.push(missing_if_optional(
            job,
            record,
            &request,
            failed,
            config,
            diagnostics,
        ));
    }
    (resolved, provides)
}

/// A request that does not resolve is an error (`d`), unless the code treats it as
/// optional: in a `try` block, with a rejection handler, or a package the importer's
/// package.json declares optional. Then it is a warning (an error with
/// `--strict-optional`) and the request becomes a [`Module::Missing`] that fails at run
/// time, as Node fails it.
fn missing_if_optional(
    job: &Job,
    record: &ImportRecord<()>,
    request: &str,
    d: Diagnostic,
    config: &BuildConfig,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Resolved> {
    let why = if record.shared.is_some() || d.code == Code::PackageJsonInvalid {
        None
    } else if record.optional {
        Some(if record.kind == ImportKind::Dynamic {
            "a try block or a rejection handler handles its failure"
        } else {
            "it is in a try block"
        })
    } else if super::package_facts::declared_optional(&job.path, request) {
        Some("its package.json declares the package optional")
    } else {
        None
    };
    let Some(why) = why else {
        diagnostics.push(d);
        return None;
    };
    let at_run_time =
        if config.target == Target::Node && super::resolve::is_package_request(request) {
            "the bundle asks Node's require for it at run time"
        } else {
            "loading it throws MODULE_NOT_FOUND at run time, as in Node"
        };
    let mut optional = d;
    optional.message = format!("{} (optional: {why})", optional.message);
    optional.code = Code::OptionalRequestMissing;
    optional.severity = if config.strict_optional {
        crate::diagnostics::Severity::Error
    } else {
        Code::OptionalRequestMissing.default_severity()
    };
    optional.hint = Some(if config.strict_optional {
        "install it to bundle it, or build without --strict-optional to let it fail at run time"
            .to_string()
    } else {
        format!("{at_run_time}; install it to bundle it, or build with --strict-optional to refuse")
    });
    diagnostics.push(optional);
    Some(Resolved::Missing {
        request: request.to_string(),
        dynamic: record.kind == ImportKind::Dynamic,
    })
}

/// The file `new URL(request, import.meta.url)` names in the module at `importer`: a path
/// relative to the module's directory (a URL, so no module resolution; `?query` and
/// `#hash` are not part of the file).
fn url_asset(importer: &Path, request: &str) -> Option<PathBuf> {
    let file = request
        .split(['?', '#'])
        .next()
        .unwrap_or(request)
        .replace("%20", " ");
    let path = importer.parent().unwrap_or(Path::new("")).join(&file);
    std::fs::canonicalize(&path)
        .ok()
        .filter(|real| real.is_file())
}

/// The module of a file whose JavaScript is generated from its payload (JSON, CSS, assets):
/// an empty program, no requests.
fn payload_module(
    id: String,
    path: &std::path::Path,
    source: Source,
    format: ModuleFormat,
    config: &BuildConfig,
) -> Result<NormalModule, Vec<Diagnostic>> {
    let parsed = parse_js(
        &id,
        "",
        SourceKind::CommonJs,
        Lang::Js,
        &Defines::default(),
        &config.jsx,
    )?;
    Ok(NormalModule {
        id,
        path: path.to_path_buf(),
        reads_share_scopes: super::collect_imports::reads_share_scopes(&source),
        source,
        format,
        node_strict: false,
        ast: crate::graph::ast::ModuleAst::consumed(parsed.program, parsed.globals),
        unresolved_ctxt: parsed.unresolved_ctxt,
        pure: parsed.pure,
        records: Vec::new(),
        call_sites: Default::default(),
        esm: Default::default(),
        import_meta: false,
        attributes_at_run_time: false,
        top_level_await: None,
        contexts: HashMap::new(),
    })
}
