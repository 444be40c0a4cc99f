//! Stage 2, federation: turns requests that match `shared` into consume-shared nodes (with
//! the normally resolved module as fallback) and the modules `shared` provides into
//! provide-shared nodes, finds the versions webpack would find, and reports version problems.
//!
//! - `matcher.rs`: which requests and files `shared` applies to (used by the scan)
//! - `package_json.rs`: versions from package.json files
//! - `shared_nodes.rs`: the consume and provide nodes and their diagnostics
//! - `container_nodes.rs`: the container entry, remote modules and remote containers
//! - `runtime/*.js`: share scopes and consume loaders in the output

/// `@module-federation/runtime` in builds that federate (see `graph::resolve`).
pub const MF_RUNTIME_API: &str = include_str!("runtime/mf_runtime_api.mjs");

mod container_nodes;
pub mod matcher;
mod shared_nodes;

use crate::config::BuildConfig;
use crate::diagnostics::Severity;
use crate::graph::ScanOutput;

pub fn apply(mut scan: ScanOutput, config: &BuildConfig) -> FederatedGraph {
    let containers = &config.containers;
    if config.shared.is_empty() && containers.exposes.is_empty() && containers.remotes.is_empty() {
        return FederatedGraph {
            graph: scan.graph,
            diagnostics: scan.diagnostics,
        };
    }
    let mut diagnostics = Vec::new();
    if !config.shared.is_empty() {
        diagnostics.extend(shared_nodes::create_shared_nodes(&mut scan, config));
    }
    diagnostics.extend(container_nodes::create_container_nodes(&mut scan, config));
    if config.strict_federation {
        for d in &mut diagnostics {
            if d.code.is_federation() {
                d.severity = Severity::Error;
                d.notes
                    .push("an error because of --strict-federation".into());
            }
        }
    }
    scan.diagnostics.extend(diagnostics);
    FederatedGraph {
        graph: scan.graph,
        diagnostics: scan.diagnostics,
    }
}

/// The federation stage's output: the module graph with its consume-shared, provide-shared,
/// container and remote nodes, and the diagnostics so far (the scan's and federation's).
pub struct FederatedGraph {
    pub graph: crate::graph::ModuleGraph,
    pub diagnostics: crate::diagnostics::Diagnostics,
}
