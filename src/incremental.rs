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
//! - the build is one whose link stage reads programs only where this rebuild can tell:
//!   development mode, no minification, no scope hoisting, no SSR build ([`eligible`]);
//! - every edited file is an ES module or a stylesheet of the last build (not JSON or an
//!   asset), no diagnostic points into it, and an ES module's new parse has the same
//!   import records (spans included), call sites, ESM shape and top-level purity as the
//!   old one ([`crate::graph::scan::rescan_edited`]);
//! - in a build with shared `treeShaking`, the edited module is not part of a shared
//!   module's fallback or provided code, and uses the same exports of the shared modules it
//!   imports as before (they decide the shaken copies).
//!
//! Then resolution, federation and linking would compute what they computed last time, so
//! the rebuild replaces the edited modules' text, program and PURE positions in the kept
//! graph, transforms them ([`codegen::regenerate`]), redoes what reads module text after
//! the link stage (the federated types; the share-usage report when an edited module
//! imports a shared one in a build without shared tree shaking, else the last one stands)
//! and renders the files: an async chunk none of whose modules changed is written as the last
//! render made it (`codegen::Kept` keeps each render's async chunk files), the others again
//! from the kept code. An edited stylesheet of the last build whose CSS, bundled again, has
//! the same CSS-modules classes and `url()`s replaces the module's CSS and nothing else (its
//! JavaScript is made of the classes). The files are the ones a full build would write
//! (`tests/incremental.rs` compares them on every fixture and on the React example's
//! stylesheets). Anything else (an import added, an export renamed, a class added, a new
//! file) runs the full pipeline, which also keeps a new [`Last`].

use std::path::PathBuf;
use std::time::Instant;

use crate::analysis::share_usage;
use crate::codegen::{self, Generated};
use crate::config::{BuildConfig, Mode};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::graph::css::Resource;
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
    /// The share-usage report the build wrote, if any.
    pub(crate) share_usage: Option<serde_json::Value>,
}

/// Whether builds with `config` can be rebuilt incrementally: builds whose link stage reads
/// module text and programs only where [`rebuild`] redoes it.
pub fn eligible(config: &BuildConfig) -> bool {
    config.mode == Mode::Development
        && config.minify.is_none()
        && !config.concatenate_modules
        && config.ssr.is_none()
}

/// Modules a shared module's code is made of: statically or dynamically required from a
/// consume's fallback or a provided module.
fn shared_code(graph: &crate::graph::ModuleGraph) -> Vec<bool> {
    let mut seen = vec![false; graph.modules.len()];
    let mut stack: Vec<ModuleIdx> = graph
        .modules
        .iter()
        .filter_map(|m| match m {
            Module::ConsumeShared(c) => c.fallback,
            Module::ProvideShared(p) => Some(p.module),
            _ => None,
        })
        .collect();
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i.index()], true) {
            continue;
        }
        if let Module::Normal(n) = graph.module(i) {
            stack.extend(n.records.iter().map(|r| r.target));
        }
    }
    seen
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
    let shaking = config.shared.iter().any(|s| s.tree_shaking);
    let shared_code = (!config.shared.is_empty()).then(|| shared_code(graph));
    // Each edited file: its one module, and the module's new text and parse (a stylesheet:
    // its new CSS).
    let mut edits = Vec::with_capacity(changed.len());
    let mut stylesheets = Vec::new();
    for path in changed {
        let mut found = graph
            .modules
            .iter_enumerated()
            .filter(|(_, m)| m.as_normal().is_some_and(|n| n.path == *path));
        let (idx, Module::Normal(n)) = found.next()? else {
            return None;
        };
        if found.next().is_some()
            || last
                .front
                .iter()
                .any(|d| d.location.as_ref().is_some_and(|l| l.file == n.id))
        {
            return None;
        }
        if n.format == ModuleFormat::Css {
            // The same classes and url()s: only the stylesheets change.
            let Some(Resource::Css(old)) = graph.resources.get(&idx) else {
                return None;
            };
            let resolvers = cache.parse.resolvers(config);
            let new = crate::graph::css::scan_css(path, &n.id, config, &resolvers).ok()?;
            if !old.same_interface(&new) {
                return None;
            }
            stylesheets.push((idx, new));
            continue;
        }
        if n.format != ModuleFormat::Esm
            || graph.resources.contains_key(&idx)
            || (shaking && shared_code.as_ref().is_some_and(|s| s[idx.index()]))
        {
            return None;
        }
        let edited = crate::graph::scan::rescan_edited(n, config, &defines, &cache.parse)?;
        edits.push((idx, edited));
    }
    for (idx, css) in stylesheets {
        last.kept.graph.resources.insert(idx, Resource::Css(css));
    }
    let scanned = start.elapsed();

    // A failed check from here on leaves the kept build half-edited: it is dropped then.
    let mut indices: Vec<ModuleIdx> = Vec::with_capacity(edits.len());
    // Whether the share-usage report must be made again.
    let mut report_reads_edits = false;
    for (idx, edited) in edits {
        let graph = &last.kept.graph;
        let Module::Normal(n) = graph.module(idx) else {
            return None;
        };
        // What the report and shared tree shaking read of the module, before and after.
        let imports_shared = n
            .records
            .iter()
            .any(|r| matches!(graph.module(r.target), Module::ConsumeShared(_)));
        let reads_before = (imports_shared && shaking).then(|| share_usage::shared_reads(graph, n));
        let Module::Normal(n) = &mut last.kept.graph.modules[idx] else {
            return None;
        };
        n.source = edited.source;
        n.ast = edited.parse.ast;
        n.pure = edited.parse.pure;
        indices.push(idx);
        // The side-effects analysis read the old program's top level: the new one must read
        // the same.
        if let Some(before) = edited.declarations_only
            && crate::analysis::side_effects::declarations_only(n) != before
        {
            return None;
        }
        let graph = &last.kept.graph;
        let Module::Normal(n) = graph.module(idx) else {
            return None;
        };
        // With shared tree shaking, what the build uses of shared modules decides the shaken
        // copies, and the report (made of the graph before shaking) is not made again: both
        // stand only when that use is unchanged. Without shaking the report is made again.
        if let Some(before) = reads_before
            && share_usage::shared_reads(graph, n) != before
        {
            return None;
        }
        report_reads_edits |= imports_shared && !shaking;
        report_reads_edits |= shared_code.as_ref().is_some_and(|s| s[idx.index()]);
    }
    let linked = start.elapsed();

    let graph = &last.kept.graph;
    let mut diagnostics = last.front.clone();
    let types = codegen::types::federated_types(graph, config);
    diagnostics.extend(types.diagnostics);
    // Made again only in builds without shared tree shaking, whose linked graph is the one
    // the report was made from.
    let share_usage = match &last.share_usage {
        Some(_) if report_reads_edits => Some(share_usage::finished_report(
            graph,
            &last.kept.analysis.exports,
            &[],
        )),
        kept => kept.clone(),
    };
    let types_done = start.elapsed();
    let mut generated =
        match codegen::regenerate(&mut last.kept, &indices, config, Some(&cache.code)) {
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
