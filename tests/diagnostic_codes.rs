//! Every stable diagnostic code has a test that pins its rendering: a fixture's
//! expected_stderr.txt, or an assertion in tests/cli.rs for the codes about the command line
//! itself (missing project, unwritable outDir) and in tests/out_dir_safety.rs for outDir
//! refusals.

use mfbundle::diagnostics::Code;

#[test]
fn every_code_is_covered_by_a_test() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut covered = std::fs::read_to_string(root.join("tests/cli.rs")).unwrap();
    covered.push_str(&std::fs::read_to_string(root.join("tests/out_dir_safety.rs")).unwrap());
    for entry in std::fs::read_dir(root.join("fixtures/diagnostics"))
        .unwrap()
        .flatten()
    {
        if let Ok(t) = std::fs::read_to_string(entry.path().join("expected_stderr.txt")) {
            covered.push_str(&t);
        }
    }
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|code| !covered.contains(&format!("[{code}]")))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a rendering test: {missing:?}"
    );
}
