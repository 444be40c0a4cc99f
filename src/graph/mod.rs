//! Stage 1, the scan: parse every reachable module and resolve its requests into a module
//! graph. Output: [`ScanOutput`], a [`ModuleGraph`] whose nodes are [`ModuleIdx`] and whose
//! edges are typed by [`ImportKind`].
//!
//! - `parse.rs`: one file -> swc program (module/script detection, define, dead branches)
//! - `transform_ts.rs`: TypeScript and JSX -> JavaScript, run by `parse.rs` before the rest
//! - `collect_imports.rs`: a program's requests and static ESM shape
//! - `resolve.rs`: requests -> files, with webpack-like options and diagnostics
//! - `resolve_cache.rs`: resolutions kept by the persistent cache, and what they depend on
//! - `scan.rs`: the parallel breadth-first walk that assigns indices
//! - `css.rs`: CSS files (lightningcss) and assets (images, fonts) imported from JavaScript
//! - `cache.rs`: parses kept between the builds of watch mode
//! - `source.rs`: a module's text, read late where the persistent cache vouches for the file
//! - `module.rs`: the node kinds and their data

pub mod ast;
pub mod cache;
pub mod collect_imports;
pub mod context;
pub mod css;
pub mod early_errors;
pub mod module;
pub mod package_facts;
pub mod package_json_check;
pub mod parse;
pub mod path_index;
pub mod resolve;
pub mod resolve_cache;
pub mod scan;
pub mod sorted_map;
pub mod source;
pub mod transform_ts;

pub use module::*;
pub use scan::{NoProgress, Progress, ProvideHit, scan, scan_cached};

use crate::diagnostics::Diagnostics;

#[derive(Debug)]
pub struct ModuleGraph {
    /// Indexed by [`ModuleIdx`]. Index order is discovery order (deterministic).
    pub modules: ModuleVec<Module>,
    /// Entry name -> its modules, by name (the runtime plugins first).
    pub entries: Vec<(String, Vec<ModuleIdx>)>,
    /// `runtimePlugins`: the modules whose default export every entry registers as an MF 2.0
    /// plugin before its startup.
    pub runtime_plugins: Vec<ModuleIdx>,
    /// Provide-shared nodes: registered by every entry's runtime when a share scope starts.
    pub provides: Vec<ModuleIdx>,
    /// Remote containers: every entry's runtime can obtain them (share-scope init calls their
    /// `init`).
    pub remote_containers: Vec<ModuleIdx>,
    /// The container published in remoteEntry.js, if the build exposes modules.
    pub container: Option<ModuleIdx>,
    /// CSS and asset modules' payload (their JS is a stub that [`Module::format`] names).
    pub resources: std::collections::BTreeMap<ModuleIdx, css::Resource>,
    /// Every package.json the later stages consult, read by the scan.
    pub packages: package_facts::PackageFacts,
}

impl ModuleGraph {
    pub fn module(&self, idx: ModuleIdx) -> &Module {
        &self.modules[idx]
    }

    /// Adds a module (a federation node, a shaken copy); returns its index.
    pub fn push(&mut self, module: Module) -> ModuleIdx {
        self.modules.push(module)
    }

    /// The module's package.json says loading it has no side effects (`"sideEffects"`).
    pub fn declared_side_effect_free(&self, m: ModuleIdx) -> bool {
        self.module(m)
            .as_normal()
            .is_some_and(|n| self.packages.side_effect_free(&n.path))
    }

    /// Every module's edges ([`ModuleGraph::edges`]), computed once, for a stage that walks
    /// the graph many times (chunking).
    pub fn adjacency(&self) -> ModuleVec<Vec<(ModuleIdx, ImportKind)>> {
        self.modules.indices().map(|i| self.edges(i)).collect()
    }

    /// The module's outgoing edges, derived from its import records (a barrel skipped by
    /// the link stage is no edge; a module's request of itself is one only when dynamic) and
    /// from the federation nodes' links (fallbacks, provided modules, exposed modules,
    /// remote containers), with how each request is made.
    pub fn edges(&self, idx: ModuleIdx) -> Vec<(ModuleIdx, ImportKind)> {
        let async_unless = |eager: bool| {
            if eager {
                ImportKind::Static
            } else {
                ImportKind::SharedAsync
            }
        };
        match self.module(idx) {
            Module::Normal(m) => m
                .records
                .iter()
                .filter(|r| !matches!(r.barrel, Barrel::Skipped { .. }))
                .filter(|r| r.target != idx || r.kind == ImportKind::Dynamic)
                .map(|r| (r.target, r.kind))
                .collect(),
            Module::ConsumeShared(c) => c
                .fallback
                .map(|f| (f, async_unless(c.eager)))
                .into_iter()
                .collect(),
            Module::ProvideShared(p) => std::iter::once(p.module)
                .chain(p.shaken.as_ref().map(|(shaken, _)| *shaken))
                .map(|m| (m, async_unless(p.eager)))
                .collect(),
            Module::ContainerEntry(c) => c
                .exposes
                .iter()
                .flat_map(|(_, modules)| modules.iter().map(|m| (*m, ImportKind::SharedAsync)))
                .collect(),
            Module::Remote(r) => vec![(r.container, ImportKind::Static)],
            Module::External(_)
            | Module::Empty(_)
            | Module::Missing(_)
            | Module::RemoteContainer(_) => Vec::new(),
        }
    }
}

pub struct ScanOutput {
    pub graph: ModuleGraph,
    /// Modules that `shared` items provide (possibly repeated); the federation stage turns
    /// them into provide-shared nodes.
    pub provides: Vec<ProvideHit>,
    /// Exposed key -> its modules (resolved from the project root), in config order.
    pub exposes: Vec<(String, Vec<ModuleIdx>)>,
    pub diagnostics: Diagnostics,
    /// Time spent parsing (with define and dead-branch removal) and resolving, summed over
    /// the threads, for `--timings`.
    pub parse_time: std::time::Duration,
    pub resolve_time: std::time::Duration,
}
