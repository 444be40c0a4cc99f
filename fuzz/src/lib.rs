//! The bodies of mfbundle's fuzz targets, one module each. `fuzz_targets/*.rs` hand them
//! libFuzzer's input; the main crate's `tests/fuzz_corpus.rs` includes this file as a module
//! and replays the committed corpora and regressions through the same functions with an
//! ordinary `cargo test` (hence `super::`, not `crate::`, in the modules).
//!
//! Every body must hold for *any* input: a panic (an `unwrap` reachable from input, an index
//! out of range, an arithmetic overflow with debug assertions) is a finding, and so is, for
//! `graph`, a bundle that prints something else than the source does in Node.

pub mod config;
pub mod graph;
pub mod module;
pub mod reports;

use std::path::Path;
use std::sync::Once;

use mfbundle::diagnostics::{Diagnostic, render};

/// As the CLI (src/main.rs): deeply nested input recurses deeply in swc, so the build runs on
/// a thread with a large stack, and rayon's pool (one thread: one core per fuzzer) too.
const STACK_SIZE: usize = 512 * 1024 * 1024;

pub fn with_big_stack<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    static POOL: Once = Once::new();
    POOL.call_once(|| {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .stack_size(STACK_SIZE)
            .build_global();
    });
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(STACK_SIZE)
            .spawn_scoped(s, f)
            .expect("spawn the build thread")
            .join()
            // A panic in the build is the finding: let libFuzzer see it.
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
    })
}

/// Renders every diagnostic as the CLI prints it (locations, snippets, carets): rendering
/// is part of what user input reaches.
pub fn render_all<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
    for d in diagnostics {
        let text = render(d);
        assert!(!text.is_empty());
    }
}

/// A fresh temporary directory (canonical) that outlives the process: each target builds
/// one project per process in it.
pub fn temp_project(prefix: &str) -> std::path::PathBuf {
    let dir = tempfile::Builder::new()
        .prefix(prefix)
        .tempdir()
        .expect("temp dir")
        .keep();
    dir.canonicalize().expect("canonical temp dir")
}

/// Writes `contents` to `root`/`rel`, creating its directory.
pub fn write(root: &Path, rel: &str, contents: impl AsRef<[u8]>) {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create a directory in the fuzz project");
    }
    std::fs::write(&path, contents).expect("write a file of the fuzz project");
}
