//! Stage 1, the scan: parse every reachable module and resolve its requests into a module
//! graph. Output: [`ScanOutput`], a [`ModuleGraph`] whose nodes are [`ModuleIdx`] and whose
//! edges are typed by [`ImportKind`].
//!
//! - `parse.rs`: one file -> swc program (module/script detection, define, dead branches)
//! - `collect_imports.rs`: a program's requests and static ESM shape
//! - `resolve.rs`: requests -> files, with webpack-like options and diagnostics
//! - `scan.rs`: the parallel breadth-first walk that assigns indices
//! - `module.rs`: the node kinds and their data

pub mod collect_imports;
pub mod module;
pub mod parse;
pub mod resolve;
pub mod scan;

pub use module::*;
pub use scan::{NoProgress, Progress, scan};

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
}

impl ModuleGraph {
    pub fn module(&self, idx: ModuleIdx) -> &Module {
        &self.modules[idx.index()]
    }
}

pub struct ScanOutput {
    pub graph: ModuleGraph,
    pub diagnostics: Diagnostics,
}
