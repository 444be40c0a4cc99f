//! Incremental rebuilds (`mfbundle dev`): an edit that changes what a module's code does but
//! nothing the link stage reads of it skips scan, federation and link, transforms only the
//! edited modules and renders the files from the code the last build kept.
//!
//! After each full build of `mfbundle dev`, [`Last`] keeps generate's input and output
//! ([`codegen::Kept`]: the linked graph, the analysis, the layout, every module's code) and
//! the build's diagnostics. The next rebuild takes the short way when:
//! - the watcher said that only the contents of source files changed (no file created,
//!   removed or renamed, no `package.json`, `tsconfig.json` or federation.toml edited:
//!   [`crate::graph::cache::ParseCache::note_changes`]), and the configuration is the same;
//! - the build is one whose link stage reads no program: development mode, no minification,
//!   no scope hoisting, no shared tree shaking, no SSR build ([`eligible`]);
//! - every edited file is an ES module of the last build (not CSS, JSON or an asset), no
//!   diagnostic points into it, and its new parse has the same import records (spans
//!   included), call sites, ESM shape, PURE positions and top-level purity as the old one
//!   ([`crate::graph::scan::rescan_edited`]).
//!
//! Then resolution, federation and linking would compute what they computed last time, so
//! the rebuild replaces the edited modules' text and program in the kept graph, transforms
//! them ([`codegen::regenerate`]), redoes what reads module text after the link stage (the
//! federated types, the share-usage report) and renders every file. The files are the ones a
//! full build would write (`tests/incremental.rs` compares them on every fixture). Anything
//! else (an import added, an export renamed, a CSS edit, a new file) runs the full pipeline,
//! which also keeps a new [`Last`].

use std::path::PathBuf;
use std::time::Instant;

use crate::analysis::share_usage;
use crate::codegen::{self, Generated};
use crate::config::{BuildConfig, Mode};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::graph::{Module, ModuleFormat, ModuleIdx, parse::Defines};
use crate::pipeline::{BuildCache, BuildOutcome};

/// What a full build leaves for the incremental rebuilds after it.
pub struct Last {
    pub(crate) kept: codegen::Kept,
    /// The configuration the build ran with (`Debug` text, as the caches compare it).
    pub(crate) fingerprint: String,
    /// Its diagnostics up to and including the link stage (the federated types' are made
    /// again).
    pub(crate) front: Diagnostics,
    pub(crate) module_count: usize,
}

/// Whether builds with `config` can be rebuilt incrementally: builds whose link stage reads
/// module text and programs only where [`rebuild`] redoes it.
pub fn eligible(config: &BuildConfig) -> bool {
    config.mode == Mode::Development
        && config.minify.is_none()
        && !config.concatenate_modules
        && config.ssr.is_none()
        && config.shared.iter().all(|s| !s.tree_shaking)
}

/// The rebuild after an edit, the short way, or `None` when it cannot be taken (the caller
/// then runs the full pipeline). `cache` must be the one the last build of `config` ran with.
pub fn rebuild(config: &BuildConfig, cache: &BuildCache) -> Option<(BuildOutcome, Generated)> {
    let start = Instant::now();
    let changed = cache.parse.contents_changed()?;
    let mut last = cache.take_last()?;
    let done = rebuild_from(&mut last, &changed, config, cache, start);
    if done.is_some() {
        cache.keep_last(last);
        cache.parse.end_incremental();
    } else {
        // The full build that follows keeps its own (the new parses the checks made are in
        // the parse cache for it). Freeing a graph is not free: off the critical path.
        std::thread::spawn(move || drop(last));
    }
    done
}

fn rebuild_from(
    last: &mut Last,
    changed: &[PathBuf],
    config: &BuildConfig,
    cache: &BuildCache,
    start: Instant,
) -> Option<(BuildOutcome, Generated)> {
    if !eligible(config) || last.fingerprint != format!("{config:?}") || changed.is_empty() {
        return None;
    }
    let defines = Defines::parse(&config.define).ok()?;
    let graph = &last.kept.graph;
    // Each edited file: its one module, and the module's new text and parse.
    let mut edits = Vec::with_capacity(changed.len());
    for path in changed {
        let mut found = graph
            .modules
            .iter_enumerated()
            .filter(|(_, m)| m.as_normal().is_some_and(|n| n.path == *path));
        let (idx, Module::Normal(n)) = found.next()? else {
            return None;
        };
        if found.next().is_some()
            || n.format != ModuleFormat::Esm
            || graph.resources.contains_key(&idx)
            || last
                .front
                .iter()
                .any(|d| d.location.as_ref().is_some_and(|l| l.file == n.id))
        {
            return None;
        }
        let edited = crate::graph::scan::rescan_edited(n, config, &defines, &cache.parse)?;
        edits.push((idx, edited));
    }
    let scanned = start.elapsed();

    // A failed check from here on leaves the kept build half-edited: it is dropped then.
    let mut indices: Vec<ModuleIdx> = Vec::with_capacity(edits.len());
    for (idx, edited) in edits {
        let Module::Normal(n) = &mut last.kept.graph.modules[idx] else {
            return None;
        };
        n.source = edited.source;
        n.ast = edited.parse.ast;
        indices.push(idx);
        // The side-effects analysis read the old program's top level: the new one must read
        // the same.
        if let Some(before) = edited.declarations_only
            && crate::analysis::side_effects::declarations_only(n) != before
        {
            return None;
        }
    }
    let linked = start.elapsed();

    let graph = &last.kept.graph;
    let mut diagnostics = last.front.clone();
    let types = codegen::types::federated_types(graph, config);
    diagnostics.extend(types.diagnostics);
    let share_usage = (!config.shared.is_empty())
        .then(|| share_usage::finished_report(graph, &last.kept.analysis.exports, &[]));
    let types_done = start.elapsed();
    let mut generated = match codegen::regenerate(&mut last.kept, &indices, config) {
        Ok(g) => g,
        Err(d) => {
            // Not in a build that is eligible (only minification fails); the full build
            // reports it.
            let _: Box<Diagnostic> = d;
            return None;
        }
    };
    crate::pipeline::add_report_files(&mut generated.files, types.files, share_usage.as_ref());
    let elapsed = start.elapsed();
    diagnostics.sort();
    let files = crate::pipeline::written_files(&generated.files, config);
    let outcome = BuildOutcome {
        files,
        diagnostics,
        module_count: last.module_count,
        elapsed,
        timings: vec![
            ("incremental: rescan", scanned),
            ("incremental: relink", linked - scanned),
            ("types", types_done - linked),
            ("codegen", elapsed - types_done),
        ],
        name: config.build_name(),
        cache: None,
    };
    Some((outcome, generated))
}
