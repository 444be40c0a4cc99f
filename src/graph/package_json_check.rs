//! The package.json files that decide something about the scanned modules (each module's
//! nearest one, and the project's own) must be JSON objects. One that is not would be read as
//! absent by every later look-up, silently changing `sideEffects`, versions and the package
//! name, so the scan reports it (MF1009, a warning) at the place the JSON breaks.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use super::module::Module;
use crate::config::display_path;
use crate::diagnostics::{Code, Diagnostic, Location};

pub fn check_package_json_files(modules: &[Module], root: &Path) -> Vec<Diagnostic> {
    // Directory -> its nearest package.json (memoised per directory walked).
    let mut nearest: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    let mut files = BTreeSet::new();
    let own = root.join("package.json");
    if own.is_file() {
        files.insert(own);
    }
    for m in modules.iter().filter_map(Module::as_normal) {
        let Some(dir) = m.path.parent() else { continue };
        if let Some(p) = nearest_package_json(dir, &mut nearest) {
            files.insert(p);
        }
    }
    files
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let file = display_path(root, &path);
            let (problem, at) = match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(v) if v.is_object() => return None,
                Ok(_) => ("is not a JSON object".to_string(), Location::at_line_column(&file, &text, 1, 1)),
                Err(e) => (
                    format!("is not valid JSON: {e}"),
                    Location::at_line_column(&file, &text, e.line(), e.column()),
                ),
            };
            Some(
                Diagnostic::new(Code::PackageJsonInvalid, format!("{file} {problem}"))
                .at(at)
                .note("it is read as if it were absent: its sideEffects, version, name and type do not apply")
                .hint("fix the JSON (npm and Node refuse this file too)"),
            )
        })
        .collect()
}

fn nearest_package_json(
    dir: &Path,
    memo: &mut HashMap<PathBuf, Option<PathBuf>>,
) -> Option<PathBuf> {
    if let Some(found) = memo.get(dir) {
        return found.clone();
    }
    let candidate = dir.join("package.json");
    let found = if candidate.is_file() {
        Some(candidate)
    } else {
        dir.parent().and_then(|p| nearest_package_json(p, memo))
    };
    memo.insert(dir.to_path_buf(), found.clone());
    found
}
