//! Stage 3, analysis: what every module exports (with `export *` expanded) and whether every
//! import can be satisfied. Later issues add usage and tree shaking here.
//!
//! - `exports.rs`: export names per ES module
//! - `link.rs`: missing-export diagnostics

pub mod barrels;
pub mod exports;
pub mod link;
pub mod reexport_copy;
pub mod share_usage;
pub mod shared_shaking;
pub mod usage;
pub mod used_exports;

pub use exports::{ExportsInfo, ResolvedExport};

use crate::config::BuildConfig;
use crate::diagnostics::Diagnostic;
use crate::graph::ModuleGraph;

pub struct AnalysisOutput {
    /// Indexed by module; `None` for modules that are not ES modules.
    pub exports: Vec<Option<ExportsInfo>>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn analyze(graph: &ModuleGraph, config: &BuildConfig) -> AnalysisOutput {
    let exports = exports::compute_exports(graph);
    let diagnostics = link::check_imports(graph, &exports, config);
    AnalysisOutput {
        exports,
        diagnostics,
    }
}
