//! The runtime's JavaScript tested on its own: each `tests/runtime/*_table.cjs` is a
//! table-driven Node script that exits non-zero on the first failing row.

mod support;

use support::*;

fn run_table(name: &str) {
    let script = repo_root().join("tests/runtime").join(name);
    let out = run_node(&script, &repo_root());
    assert!(
        out.status.success(),
        "{name} failed:\n{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    print!("{}", text(&out.stdout));
}

#[test]
fn semver_matches_webpack() {
    run_table("semver_table.cjs");
}

#[test]
fn consume_behaviours() {
    run_table("consume_table.cjs");
}

#[test]
fn shaken_copies_chosen_by_coverage() {
    run_table("shaken_table.cjs");
}

#[test]
fn counters_and_debug_console() {
    run_table("debug_table.cjs");
}

#[test]
fn share_strategies() {
    run_table("strategy_table.cjs");
}

#[test]
fn mf2_plugin_hooks_on_remotes() {
    run_table("plugin_table.cjs");
}

#[test]
fn mf2_runtime_api_and_its_hooks() {
    run_table("api_table.cjs");
}
