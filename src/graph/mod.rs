//! Stage 1, the scan: parse every reachable module and resolve its requests into a module
//! graph. Output: [`ScanOutput`], a [`ModuleGraph`] whose nodes are [`ModuleIdx`] and whose
//! edges are typed by [`ImportKind`].
//!
//! - `parse.rs`: one file -> swc program (module/script detection, define, dead branches)
//! - `transform_ts.rs`: TypeScript and JSX -> JavaScript, run by `parse.rs` before the rest
//! - `collect_imports.rs`: a program's requests and static ESM shape
//! - `resolve.rs`: requests -> files, with webpack-like options and diagnostics
//! - `scan.rs`: the parallel breadth-first walk that assigns indices
//! - `css.rs`: CSS files (lightningcss) and assets (images, fonts) imported from JavaScript
//! - `cache.rs`: parses kept between the builds of watch mode
//! - `module.rs`: the node kinds and their data

pub mod cache;
pub mod collect_imports;
pub mod css;
pub mod module;
pub mod package_facts;
pub mod package_json_check;
pub mod parse;
pub mod resolve;
pub mod scan;
pub mod transform_ts;

pub use module::*;
pub use scan::{NoProgress, Progress, ProvideHit, scan, scan_cached};

use petgraph::graph::DiGraph;

use crate::diagnostics::Diagnostics;

#[derive(Debug)]
pub struct ModuleGraph {
    /// Indexed by [`ModuleIdx`]. Index order is discovery order (deterministic).
    pub modules: Vec<Module>,
    /// Node `i` is module `i`; edge weights say how the request was made.
    pub graph: DiGraph<(), ImportKind, u32>,
    /// Entry name -> its modules, by name.
    pub entries: Vec<(String, Vec<ModuleIdx>)>,
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
        &self.modules[idx.index()]
    }

    /// Adds a module (a federation node) and its graph node; returns its index.
    pub fn push(&mut self, module: Module) -> ModuleIdx {
        let idx = ModuleIdx(self.modules.len() as u32);
        self.modules.push(module);
        self.graph.add_node(());
        idx
    }

    /// Recomputes every edge from the modules' records and the federation nodes' links.
    pub fn rebuild_edges(&mut self) {
        self.graph.clear_edges();
        for (i, module) in self.modules.iter().enumerate() {
            let from = (i as u32).into();
            match module {
                Module::Normal(m) => {
                    for r in &m.records {
                        if matches!(r.barrel, Barrel::Skipped { .. }) {
                            continue;
                        }
                        if r.target.index() != i || r.kind == ImportKind::Dynamic {
                            self.graph.add_edge(from, r.target.0.into(), r.kind);
                        }
                    }
                }
                Module::ConsumeShared(c) => {
                    if let Some(f) = c.fallback {
                        let kind = if c.eager {
                            ImportKind::Static
                        } else {
                            ImportKind::SharedAsync
                        };
                        self.graph.add_edge(from, f.0.into(), kind);
                    }
                }
                Module::ProvideShared(p) => {
                    let kind = if p.eager {
                        ImportKind::Static
                    } else {
                        ImportKind::SharedAsync
                    };
                    self.graph.add_edge(from, p.module.0.into(), kind);
                    if let Some((shaken, _)) = p.shaken {
                        self.graph.add_edge(from, shaken.0.into(), kind);
                    }
                }
                Module::ContainerEntry(c) => {
                    for (_, modules) in &c.exposes {
                        for m in modules {
                            self.graph
                                .add_edge(from, m.0.into(), ImportKind::SharedAsync);
                        }
                    }
                }
                Module::Remote(r) => {
                    self.graph
                        .add_edge(from, r.container.0.into(), ImportKind::Static);
                }
                Module::External(_) | Module::Empty(_) | Module::RemoteContainer(_) => {}
            }
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
