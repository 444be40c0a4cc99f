//! The build, stage by stage: scan (graph) -> federate (`FederatedGraph`) -> link
//! (analysis: exports, used exports, shared tree shaking, the share-usage report) ->
//! generate (codegen) -> write. `build` and `analyze` share the front end (scan to link);
//! `analyze` stops there. The pipeline stops at the first stage that reports an error, and
//! nothing is written unless every stage succeeded. outDir is claimed (checked and locked,
//! `write::claim`) before the first stage, so an unsafe outDir costs no work.

use std::time::{Duration, Instant};

use crate::config::{BuildConfig, display_path};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location};
use crate::graph::{Progress, cache::ParseCache, parse::Defines};
use crate::persistent_cache::{Contents, Rejected, Store};
use crate::{analysis, codegen, federation, graph, write};

#[derive(Debug, serde::Serialize)]
pub struct WrittenFile {
    /// Relative to outDir.
    pub name: String,
    pub size: u64,
    /// Gzip'd size (default level), when the build measures it (the table, `--json`).
    #[serde(rename = "gzipSize", skip_serializing_if = "Option::is_none")]
    pub gzip_size: Option<u64>,
}

/// Bytes of `contents` gzip'd at the default level, as the size reports of Vite and
/// webpack-bundle-analyzer count them.
fn gzip_size(contents: &[u8]) -> u64 {
    use std::io::Write;
    /// Counts the bytes written to it and keeps none.
    struct Count(u64);
    impl Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len() as u64;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut encoder = flate2::write::GzEncoder::new(Count(0), flate2::Compression::default());
    match encoder.write_all(contents).and_then(|_| encoder.finish()) {
        Ok(count) => count.0,
        Err(_) => 0,
    }
}

#[derive(Debug)]
pub struct BuildOutcome {
    pub files: Vec<WrittenFile>,
    pub diagnostics: Diagnostics,
    pub module_count: usize,
    pub elapsed: Duration,
    /// Stage name -> wall time, in pipeline order (`--timings`).
    pub timings: Vec<(&'static str, Duration)>,
    /// The build's name (`from` in the share scope) and where it came from.
    pub name: crate::config::BuildName,
    /// What the persistent cache gave the build (`cache = true`).
    pub cache: Option<CacheLoad>,
}

impl BuildOutcome {
    pub fn success(&self) -> bool {
        !self.diagnostics.has_errors()
    }
}

/// What watch mode and `mfbundle dev` keep from one build to the next: parses (scan) and
/// module code (generate); with `cache = true`, also from one process to the next (scan
/// results without the ASTs, and module code: [`crate::persistent_cache`]).
#[derive(Default)]
pub struct BuildCache {
    pub parse: ParseCache,
    pub code: codegen::cache::CodeCache,
    /// What loading the persistent cache file found, when the build has one.
    persistent: Option<CacheLoad>,
    /// The persistent file holds what the in-memory caches hold (loaded or saved since).
    file_current: std::sync::atomic::AtomicBool,
    /// A one-shot build's: the process exits after it.
    one_shot: bool,
    /// What the last build of `mfbundle dev` left for an incremental rebuild.
    last: std::sync::Mutex<Option<crate::incremental::Last>>,
}

/// What the persistent cache gave a build (`--json`'s `cache`).
#[derive(Debug, Clone)]
pub struct CacheLoad {
    /// The cache file, relative to the project.
    pub file: String,
    /// Files whose scan results the file held, or why it was not used.
    pub loaded: Result<usize, Rejected>,
    /// Modules of the build whose code came from the cache.
    pub reused: usize,
    /// Programs parsed late so far (of files whose scan results came from the file): the
    /// modules a stage read the AST of.
    pub late_parses: usize,
    /// Requests answered by the file's resolutions (without asking the resolver).
    pub resolutions_reused: usize,
    /// Texts read late so far (of files the scan did not read, as the file vouched for
    /// them): the modules a stage read the text of.
    pub late_reads: usize,
    /// Files the last build parsed (their scan results were neither in the file nor kept).
    pub parsed: usize,
}

impl serde::Serialize for CacheLoad {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (status, entries) = match self.loaded {
            Ok(n) => (serde_json::json!("loaded"), n),
            Err(why) => (serde_json::json!(why), 0),
        };
        serde_json::json!({
            "file": self.file,
            "status": status,
            "entries": entries,
            "reused": self.reused,
            "lateParses": self.late_parses,
            "resolutionsReused": self.resolutions_reused,
            "lateReads": self.late_reads,
            "parsed": self.parsed,
        })
        .serialize(s)
    }
}

/// Serialises the writes of cache files by this process.
static SAVING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// How many cache files are being written on other threads ([`BuildCache::save`] with
/// `background`), counted from before the thread starts until its write ends.
static WRITING: (std::sync::Mutex<usize>, std::sync::Condvar) =
    (std::sync::Mutex::new(0), std::sync::Condvar::new());

/// Waits (ten seconds at most) for the cache files being written on other threads, so that
/// a process about to exit does not cut them off.
pub fn wait_for_cache_writes() {
    let (count, done) = &WRITING;
    let count = count.lock().unwrap_or_else(|e| e.into_inner());
    let _ = done.wait_timeout_while(count, std::time::Duration::from_secs(10), |n| *n > 0);
}

impl BuildCache {
    /// A cache for builds of `config`, with the contents of its persistent cache file when
    /// `cache = true` and the file can be trusted.
    pub fn for_config(config: &BuildConfig) -> BuildCache {
        BuildCache::with_parse_cache(config, ParseCache::new())
    }

    /// [`BuildCache::for_config`] for one build of a process that exits after it (its
    /// modules consume their programs).
    pub fn one_shot(config: &BuildConfig) -> BuildCache {
        let mut cache = BuildCache::with_parse_cache(config, ParseCache::one_shot());
        cache.one_shot = true;
        cache
    }

    fn with_parse_cache(config: &BuildConfig, parse: ParseCache) -> BuildCache {
        let mut cache = BuildCache {
            parse,
            ..BuildCache::default()
        };
        if config.cache {
            let store = Store::for_build(config);
            let loaded = store.load().map(|contents| {
                let n = contents.parse.entries.len();
                cache
                    .parse
                    .import(config, contents.parse, contents.resolutions);
                cache
                    .code
                    .import_later(config, move || contents.code.decode());
                n
            });
            cache
                .file_current
                .store(loaded.is_ok(), std::sync::atomic::Ordering::Relaxed);
            let file = display_path(&config.root, &store.path);
            cache.persistent = Some(CacheLoad {
                file,
                loaded,
                reused: 0,
                late_parses: 0,
                resolutions_reused: 0,
                late_reads: 0,
                parsed: 0,
            });
        }
        cache
    }

    /// What the persistent cache file gave this cache, if it has one, and how many modules
    /// of the last build reused code.
    pub fn persistent_load(&self) -> Option<CacheLoad> {
        let mut load = self.persistent.clone()?;
        load.reused = self.code.reused();
        load.late_parses = self.parse.late_parses();
        load.resolutions_reused = self.parse.reused_resolutions();
        load.late_reads = crate::graph::source::Source::late_reads();
        load.parsed = self.parse.parsed();
        Some(load)
    }

    /// What the last build left for an incremental rebuild, taken.
    pub(crate) fn take_last(&self) -> Option<crate::incremental::Last> {
        self.last.lock().unwrap_or_else(|e| e.into_inner()).take()
    }

    pub(crate) fn keep_last(&self, last: crate::incremental::Last) {
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) = Some(last);
    }

    /// Starts a build with `config` (each cache empties if what it depends on changed).
    pub fn begin_build(&self, config: &BuildConfig) {
        self.parse.begin_build(config);
        self.code.begin_build(config);
    }

    /// Ends a build and returns the parse counts.
    pub fn end_build(&self, succeeded: bool) -> crate::graph::cache::CacheStats {
        self.code.end_build(succeeded);
        self.parse.end_build(succeeded)
    }

    /// Writes what the cache holds after a successful build with `config` to the build's
    /// persistent file (when `cache = true`), now or, with `background`, on another thread.
    /// A file that cannot be written only costs the next process the work: the error is
    /// returned, not raised.
    pub fn save(&self, config: &BuildConfig, background: bool) -> std::io::Result<()> {
        if !config.cache {
            return Ok(());
        }
        let changed = self.code.take_changed() | self.parse.take_changed();
        if !changed && self.file_current.load(std::sync::atomic::Ordering::Relaxed) {
            return Ok(());
        }
        self.file_current
            .store(true, std::sync::atomic::Ordering::Relaxed);
        let store = Store::for_build(config);
        let contents = Contents {
            parse: self.parse.export(),
            resolutions: self.parse.export_resolutions(),
            code: self.code.export(),
            ..Default::default()
        };
        let write = move || {
            let _turn = SAVING.lock().unwrap_or_else(|e| e.into_inner());
            store.save(contents)
        };
        if background {
            let (count, done) = &WRITING;
            *count.lock().unwrap_or_else(|e| e.into_inner()) += 1;
            std::thread::spawn(move || {
                let _ = write();
                *count.lock().unwrap_or_else(|e| e.into_inner()) -= 1;
                done.notify_all();
            });
            Ok(())
        } else {
            write()
        }
    }
}

pub fn build(config: &BuildConfig, progress: &dyn Progress) -> BuildOutcome {
    if !config.cache {
        return build_cached(config, progress, None);
    }
    let cache = BuildCache::one_shot(config);
    cache.begin_build(config);
    let mut outcome = build_cached(config, progress, Some(&cache));
    cache.end_build(outcome.success());
    if outcome.success()
        && let Err(e) = cache.save(config, false)
    {
        outcome.diagnostics.push(cache_write_warning(config, &e));
    }
    outcome.cache = cache.persistent_load();
    // The process exits next: freeing the cache would only delay that.
    std::mem::forget(cache);
    outcome
}

/// The warning of a persistent cache file that could not be written.
pub fn cache_write_warning(config: &BuildConfig, e: &std::io::Error) -> Diagnostic {
    Diagnostic::new(
        Code::CacheWriteFailed,
        format!(
            "cannot write the persistent cache {}: {e}",
            display_path(&config.root, &Store::for_build(config).path)
        ),
    )
    .hint("the output is written all the same; the next build starts without the cache (cache = false turns it off)")
}

/// [`build`], reusing the parses of unchanged files kept in `cache` (watch mode). The output
/// is the same as [`build`]'s.
pub fn build_cached(
    config: &BuildConfig,
    progress: &dyn Progress,
    cache: Option<&BuildCache>,
) -> BuildOutcome {
    run(config, progress, cache, true).0
}

/// [`build`] without writing outDir: the outcome (its `files` what would be written) and the
/// files themselves. For tools and fuzzing; frees what the build made.
pub fn build_in_memory(
    config: &BuildConfig,
    progress: &dyn Progress,
) -> (BuildOutcome, Vec<codegen::OutputFile>) {
    let (outcome, generated) = run(config, progress, None, false);
    (outcome, generated.files)
}

/// [`build_in_memory`] reusing the parses of unchanged files kept in `cache` (`mfbundle dev`),
/// with what a hot build tells the dev server.
pub fn build_in_memory_cached(
    config: &BuildConfig,
    progress: &dyn Progress,
    cache: &BuildCache,
) -> (BuildOutcome, codegen::Generated) {
    run(config, progress, Some(cache), false)
}

/// Wall time per stage, for `--timings`.
struct Timings {
    stages: Vec<(&'static str, Duration)>,
    lap: Instant,
}

impl Timings {
    fn new() -> Timings {
        Timings {
            stages: Vec::new(),
            lap: Instant::now(),
        }
    }

    /// The stage `name` ends now.
    fn mark(&mut self, name: &'static str) {
        self.stages.push((name, self.lap.elapsed()));
        self.lap = Instant::now();
    }
}

/// The front end that `build` and `analyze` share: scan -> federate -> link. `after_scan`
/// may refuse the scanned modules (build's outDir claim); `link` says what linking does
/// beyond analysis. Diagnostics so far, the link stage's output unless a stage reported an
/// error, and the number of modules scanned.
fn front_end(
    config: &BuildConfig,
    progress: &dyn Progress,
    cache: Option<&ParseCache>,
    link: analysis::LinkOptions,
    after_scan: &dyn Fn(&graph::ScanOutput) -> Option<Diagnostic>,
    timings: &mut Timings,
) -> (Option<analysis::LinkOutput>, Diagnostics, usize) {
    let mut diagnostics = Diagnostics::default();
    diagnostics.extend(config.warnings.iter().cloned());
    let defines = match Defines::parse(&config.define) {
        Ok(d) => std::sync::Arc::new(d),
        Err(errors) => {
            let file = display_path(&config.root, &config.config_file);
            diagnostics.extend(errors.into_iter().map(|d| d.at(Location::file_only(&file))));
            return (None, diagnostics, 0);
        }
    };

    let scanned = graph::scan_cached(config, &defines, progress, cache);
    timings.mark("scan");
    timings
        .stages
        .push(("  parse (summed over threads)", scanned.parse_time));
    timings
        .stages
        .push(("  resolve (summed over threads)", scanned.resolve_time));
    let module_count = scanned.graph.modules.len();
    diagnostics.extend(scanned.diagnostics.iter().cloned());
    if let Some(d) = after_scan(&scanned) {
        diagnostics.push(d);
    }
    if diagnostics.has_errors() {
        return (None, diagnostics, module_count);
    }

    let federated = federation::apply(scanned, config);
    timings.mark("federation");
    // The federation stage's diagnostics include the scan's.
    diagnostics = Diagnostics::default();
    diagnostics.extend(config.warnings.iter().cloned());
    diagnostics.extend(federated.diagnostics.iter().cloned());
    if diagnostics.has_errors() {
        return (None, diagnostics, module_count);
    }

    let (linked, link_diagnostics) = analysis::link(federated.graph, config, link, &mut |stage| {
        timings.mark(stage)
    });
    diagnostics.extend(link_diagnostics.iter().cloned());
    match linked {
        Some(linked) if !diagnostics.has_errors() => (Some(linked), diagnostics, module_count),
        _ => (None, diagnostics, module_count),
    }
}

fn run(
    config: &BuildConfig,
    progress: &dyn Progress,
    cache: Option<&BuildCache>,
    write_out: bool,
) -> (BuildOutcome, codegen::Generated) {
    let start = Instant::now();
    // What the last build kept for incremental rebuilds describes other sources from now on
    // (this build keeps its own if it succeeds); freed off the critical path.
    if let Some(last) = cache.and_then(BuildCache::take_last) {
        std::thread::spawn(move || drop(last));
    }
    let mut timings = Timings::new();
    let finish = |diagnostics: Diagnostics, files, module_count, timings: &Timings| {
        let mut diagnostics: Diagnostics = diagnostics;
        diagnostics.sort();
        BuildOutcome {
            files,
            diagnostics,
            module_count,
            elapsed: start.elapsed(),
            timings: timings.stages.clone(),
            name: config.build_name(),
            cache: None,
        }
    };

    let claim = if write_out {
        match write::claim(config) {
            Ok(c) => Some(c),
            Err(d) => {
                let mut diagnostics = Diagnostics::default();
                diagnostics.extend(config.warnings.iter().cloned());
                diagnostics.push(*d);
                return (
                    finish(diagnostics, vec![], 0, &timings),
                    codegen::Generated::default(),
                );
            }
        }
    } else {
        None
    };
    // outDir may hold none of the modules (it is replaced as a whole).
    let check_modules = |scanned: &graph::ScanOutput| {
        let claim = claim.as_ref()?;
        let modules = scanned.graph.modules.iter();
        claim
            .check_modules(modules.filter_map(|m| m.as_normal().map(|n| n.path.as_path())))
            .err()
            .map(|d| *d)
    };
    let link = analysis::LinkOptions {
        report: false,
        for_codegen: true,
    };
    let (linked, mut diagnostics, module_count) = front_end(
        config,
        progress,
        cache.map(|c| &c.parse),
        link,
        &check_modules,
        &mut timings,
    );
    let Some(mut linked) = linked else {
        return (
            finish(diagnostics, vec![], module_count, &timings),
            codegen::Generated::default(),
        );
    };

    let share_usage = linked.share_usage.take();
    // `mfbundle dev` keeps what generate read and made for the incremental rebuilds, with
    // the diagnostics up to the link stage (the federated types' are made again).
    let keep = cache.filter(|_| !write_out && crate::incremental::eligible(config));
    let front = keep.map(|_| diagnostics.clone());
    let types = codegen::types::federated_types(&linked.graph, config);
    diagnostics.extend(types.diagnostics);
    timings.mark("types");
    // Texts the scan did not read (the persistent cache vouched for their files): read by
    // a stage, each must be the text the cache described.
    let unread: Vec<(String, graph::source::Source)> = linked
        .graph
        .modules
        .iter()
        .filter_map(graph::Module::as_normal)
        .filter(|n| n.source.is_unread())
        .map(|n| (n.id.clone(), n.source.clone()))
        .collect();
    let generated = match keep {
        Some(cache) => {
            let (generated, kept) = codegen::generate_keeping(linked, config, Some(&cache.code));
            if generated.is_ok() {
                cache.keep_last(crate::incremental::Last {
                    kept,
                    fingerprint: format!("{config:?}"),
                    front: front.unwrap_or_default(),
                    module_count,
                    share_usage: share_usage.clone(),
                });
            }
            generated
        }
        None => codegen::generate(linked, config, cache.map(|c| &c.code)),
    };
    let codegen::Generated { mut files, hot, .. } = match generated {
        Ok(generated) => generated,
        Err(d) => {
            diagnostics.push(*d);
            return (
                finish(diagnostics, vec![], module_count, &timings),
                codegen::Generated::default(),
            );
        }
    };
    add_report_files(&mut files, types.files, share_usage.as_ref());
    timings.mark("codegen");
    let stale: Vec<Diagnostic> = unread
        .iter()
        .filter(|(_, source)| source.is_stale())
        .map(|(id, _)| {
            Diagnostic::new(
                Code::ReadFailed,
                format!("{id} changed while it was being built"),
            )
            .at(Location::file_only(id))
            .hint("build again: nothing was written")
        })
        .collect();
    if !stale.is_empty() {
        diagnostics.extend(stale);
        return (
            finish(diagnostics, vec![], module_count, &timings),
            codegen::Generated::default(),
        );
    }
    if let Some(ssr) = &config.ssr {
        // The Node container is written with the browser build, in the same outDir swap.
        let (ssr_outcome, ssr_files) = build_in_memory(&ssr.config, &graph::NoProgress);
        timings.mark("ssr build");
        // What the browser build reported too is said once; the rest says which build.
        let ssr_dir = display_path(&config.root, &ssr.config.out_dir);
        for d in ssr_outcome.diagnostics.iter() {
            if !diagnostics.iter().any(|seen| seen == d) {
                diagnostics.push(d.clone().note(format!(
                    "in the ssr build (the Node container in {ssr_dir})"
                )));
            }
        }
        if diagnostics.has_errors() {
            return (
                finish(diagnostics, vec![], module_count, &timings),
                codegen::Generated::default(),
            );
        }
        files.extend(ssr_files.into_iter().map(|f| codegen::OutputFile {
            name: format!("{}/{}", ssr.dir, f.name),
            contents: f.contents,
        }));
        files.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let written = match &claim {
        Some(claim) => write::write_output(claim, &files),
        None => Ok(None),
    };
    drop(claim);
    timings.mark("write");
    match written {
        Ok(kept) => diagnostics.extend(kept),
        Err(write::WriteError::Refused(d)) => {
            diagnostics.push(*d);
            return (
                finish(diagnostics, vec![], module_count, &timings),
                codegen::Generated::default(),
            );
        }
        Err(write::WriteError::Io(e)) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::WriteFailed,
                    format!("cannot write {}: {e}", display_path(&config.root, &config.out_dir)),
                )
                .hint("check that the directory is writable and the disk is not full; the previous output was left in place"),
            );
            return (
                finish(diagnostics, vec![], module_count, &timings),
                codegen::Generated::default(),
            );
        }
    }
    let written = written_files(&files, config);
    let outcome = finish(diagnostics, written, module_count, &timings);
    if !write_out {
        return (
            outcome,
            codegen::Generated {
                files,
                hot,
                ..Default::default()
            },
        );
    }
    if cache.is_none_or(|c| c.one_shot) {
        // A one-shot build's process exits next: freeing the output would only delay that.
        // Watch mode frees it.
        std::mem::forget(files);
        return (outcome, codegen::Generated::default());
    }
    (
        outcome,
        codegen::Generated {
            files,
            hot,
            ..Default::default()
        },
    )
}

/// Adds the federated types' files and the share-usage report to generate's files.
pub(crate) fn add_report_files(
    files: &mut Vec<codegen::OutputFile>,
    types: Vec<codegen::OutputFile>,
    share_usage: Option<&serde_json::Value>,
) {
    files.extend(types);
    if let Some(report) = share_usage {
        let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
        text.push('\n');
        files.push(codegen::OutputFile {
            name: "share-usage.json".into(),
            contents: text.into_bytes(),
        });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
}

/// The size report's view of the output files.
pub(crate) fn written_files(
    files: &[codegen::OutputFile],
    config: &BuildConfig,
) -> Vec<WrittenFile> {
    use rayon::prelude::*;
    files
        .par_iter()
        .map(|f| WrittenFile {
            name: f.name.clone(),
            size: f.contents.len() as u64,
            gzip_size: config.compressed_sizes.then(|| gzip_size(&f.contents)),
        })
        .collect()
}

/// `mfbundle analyze`: the front end that `build` runs (scan, federation, linking) and the
/// share-usage report, with this run's duration and peak memory; nothing is written.
pub fn analyze(
    config: &BuildConfig,
    progress: &dyn Progress,
) -> (Option<serde_json::Value>, Diagnostics) {
    let start = Instant::now();
    let link = analysis::LinkOptions {
        report: true,
        for_codegen: false,
    };
    let (linked, mut diagnostics, _) =
        front_end(config, progress, None, link, &|_| None, &mut Timings::new());
    diagnostics.sort();
    let Some(mut report) = linked.and_then(|l| l.share_usage) else {
        return (None, diagnostics);
    };
    report["performance_metrics"]["analysis_duration_ms"] =
        serde_json::json!(start.elapsed().as_millis() as u64);
    report["performance_metrics"]["peak_rss_bytes"] = serde_json::json!(peak_rss_bytes());
    (Some(report), diagnostics)
}

/// The process's peak resident set size (Linux `VmHWM`), if known.
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
