//! The fuzz targets' smoke test: every committed seed (fuzz/corpus/<target>/) and every kept
//! finding (fuzz/regressions/<target>/) replayed through the targets' bodies, which this test
//! includes from fuzz/src (the same code the libFuzzer binaries run). A plain `cargo test`:
//! the harness cannot rot and a fixed crash stays fixed, without the instrumented build that
//! `fuzz/smoke.sh` needs. Running the fuzzers longer: fuzz/README.md.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod fuzz;

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).unwrap();
            eprintln!("{target}: {}", file.display());
            run(&data);
            count += 1;
        }
    }
    assert!(count > 0, "no seeds for {target}");
}

#[test]
fn config_corpus() {
    replay("config", fuzz::config::run);
}

#[test]
fn module_corpus() {
    replay("module", fuzz::module::run);
}

#[test]
fn reports_corpus() {
    replay("reports", fuzz::reports::run);
}

#[test]
fn graph_corpus() {
    replay("graph", fuzz::graph::run);
}
