//! Stage 2, federation: rewrites requests that match the federation config into
//! consume-shared, provide-shared, remote and container-entry nodes.
//!
//! Issue 2 builds no federation nodes yet: this stage passes the scanned graph through
//! unchanged, so that the pipeline already has its final shape and the federation issues
//! (#3 shared modules, #4 containers and remotes) fill it in without moving other stages.

use crate::graph::ScanOutput;

pub fn apply(scan: ScanOutput) -> ScanOutput {
    scan
}
