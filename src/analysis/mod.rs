//! Stage 3, link: what every module exports (with `export *` expanded), whether every import
//! can be satisfied, shared tree shaking, the share-usage report, barrel skipping and the
//! exports production code keeps. [`link`] runs it, from the federation stage's output to a
//! [`LinkOutput`] that code generation reads.
//!
//! - `exports.rs`: export names per ES module
//! - `import_checks.rs`: missing-export diagnostics
//! - `usage.rs`, `used_exports.rs`, `inner_graph.rs`: what each import site uses; the used
//!   exports, from the code that the used exports reach
//! - `shared_shaking.rs`, `reexport_copy.rs`, `barrels.rs`: shaken copies, skipped barrels;
//!   `side_effects.rs`: modules whose code loads without side effects
//! - `share_usage.rs`: the share-usage report
//! - `chunks.rs`: the chunk graph; `concat_plan.rs`: which ES modules scope hoisting joins;
//!   `module_ids.rs`: the modules' ids in the output

pub mod async_modules;
pub mod barrels;
pub mod chunks;
pub mod cjs_exports;
pub mod concat_plan;
pub mod exports;
pub mod import_checks;
pub mod inner_graph;
pub mod module_ids;
pub mod reexport_copy;
pub mod share_usage;
pub mod shared_shaking;
pub mod side_effects;
pub mod usage;
pub mod used_exports;

pub use exports::{ExportsInfo, ResolvedExport};

/// What each module exports; `None` for modules that are not ES modules.
pub type Exports = crate::graph::ModuleVec<Option<ExportsInfo>>;
/// The exports code keeps of each module; `None`: all of them.
pub type UsedExports = crate::graph::ModuleVec<Option<BTreeSet<String>>>;

use std::collections::BTreeSet;

use crate::config::{BuildConfig, Mode};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::graph::ModuleGraph;

pub struct AnalysisOutput {
    /// Indexed by module; `None` for modules that are not ES modules.
    pub exports: Exports,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn analyze(graph: &ModuleGraph, config: &BuildConfig) -> AnalysisOutput {
    let exports = exports::compute_exports(graph);
    let mut diagnostics = import_checks::check_imports(graph, &exports, config);
    diagnostics.extend(async_modules::check_requires(
        graph,
        &async_modules::async_modules(graph),
    ));
    AnalysisOutput {
        exports,
        diagnostics,
    }
}

/// The link stage's output: the graph as code generation renders it (shaken copies added,
/// barrels skipped), what every module exports and, in production, uses; the share-usage
/// report.
pub struct LinkOutput {
    pub graph: ModuleGraph,
    pub analysis: AnalysisOutput,
    /// Module -> the exports code keeps (production builds); `None`: all of them.
    pub used_exports: Option<UsedExports>,
    pub share_usage: Option<serde_json::Value>,
    /// Chunks and scope-hoisting groups, made for code generation only.
    pub layout: Option<Layout>,
    /// Modules whose code loads without side effects (`side_effects.rs`; code generation
    /// only, else empty): their loads are marked `/*#__PURE__*/`.
    pub side_effect_free: crate::graph::ModuleVec<bool>,
}

/// How the modules are laid out in output files: which module goes in which chunk, which
/// ES modules scope hoisting joins into one registry function, and each module's id there.
pub struct Layout {
    pub chunks: chunks::ChunkGraph,
    pub concat_plan: concat_plan::Plan,
    pub module_ids: module_ids::ModuleIds,
    /// Modules that evaluate asynchronously (`async_modules.rs`).
    pub async_modules: crate::graph::ModuleVec<bool>,
}

impl Layout {
    pub fn new(graph: &ModuleGraph, exports: &Exports, config: &BuildConfig) -> Layout {
        let chunks = chunks::build_chunks(graph, config);
        let async_modules = async_modules::async_modules(graph);
        let concat_plan = if config.concatenate_modules {
            concat_plan::plan(graph, &chunks, exports, &async_modules)
        } else {
            concat_plan::Plan::default()
        };
        // Ids for the modules the registry lists (the chunks' modules, less the ones scope
        // hoisting inlines into their group's root): their count sets the ids' length.
        let mut emitted: crate::graph::ModuleVec<bool> =
            graph.modules.iter().map(|_| false).collect();
        for c in &chunks.chunks {
            for m in c.modules.iter().chain(&c.entry_modules) {
                emitted[*m] = !concat_plan.root_of.contains_key(m);
            }
        }
        let module_ids =
            module_ids::ModuleIds::assign(graph, config.module_ids, &emitted, config.hot);
        Layout {
            chunks,
            concat_plan,
            module_ids,
            async_modules,
        }
    }
}

/// What [`link`] does beyond analysis: the share-usage report also when nothing is shared
/// (`analyze` reports it), and the changes only code generation needs (`build`).
pub struct LinkOptions {
    pub report: bool,
    pub for_codegen: bool,
}

/// federated graph -> [`LinkOutput`]: exports and missing-export checks, then shared tree
/// shaking (with `--shared-used-exports`) and its report, then, for code generation, barrel
/// skipping and used exports (production). Diagnostics so far, and the output unless one of
/// them is an error. `mark` ends a timed step (`--timings`).
pub fn link(
    graph: ModuleGraph,
    config: &BuildConfig,
    options: LinkOptions,
    mark: &mut dyn FnMut(&'static str),
) -> (Option<LinkOutput>, Diagnostics) {
    let mut graph = graph;
    let mut diagnostics = Diagnostics::default();
    let mut analyzed = analyze(&graph, config);
    mark("analysis");
    diagnostics.extend(analyzed.diagnostics.iter().cloned());
    if diagnostics.has_errors() {
        return (None, diagnostics);
    }
    let elsewhere = match &config.shared_used_exports {
        None => Default::default(),
        Some(p) => match shared_shaking::UsedElsewhere::read(
            p,
            &crate::config::display_path(&config.root, p),
        ) {
            Ok(e) => e,
            Err(d) => {
                diagnostics.push(*d);
                return (None, diagnostics);
            }
        },
    };
    // The share-usage report describes the graph as written: made before shared tree shaking
    // changes fallbacks, completed with what it did.
    let mut share_usage = (options.report || !config.shared.is_empty())
        .then(|| share_usage::share_usage_report(&graph, &analyzed.exports));
    let shaken =
        shared_shaking::shake_shared(&mut graph, &mut analyzed.exports, config, &elsewhere);
    if let Some(report) = &mut share_usage {
        share_usage::finish_report(report, &graph, &shaken);
    }
    mark("shared tree shaking");
    let mut used_exports = None;
    let mut side_effect_free = Default::default();
    if options.for_codegen {
        if config.mode == Mode::Production {
            barrels::skip_barrels(&mut graph, &mut analyzed.exports);
            mark("barrels");
        }
        side_effect_free = side_effects::side_effect_free(&graph);
    }
    if options.for_codegen && config.mode == Mode::Production {
        // Production builds drop unused exports and what only they need, and do not load a
        // side-effect-free module through an import nothing uses.
        let (used, unused) = used_exports::used_exports(&graph, &side_effect_free);
        used_exports::drop_unused_imports(&mut graph, unused);
        used_exports = Some(used);
        mark("used exports");
    }
    let layout = options.for_codegen.then(|| {
        let layout = Layout::new(&graph, &analyzed.exports, config);
        mark("chunks");
        layout
    });
    let linked = LinkOutput {
        graph,
        analysis: analyzed,
        used_exports,
        share_usage,
        layout,
        side_effect_free,
    };
    (Some(linked), diagnostics)
}
