//! Context requests (webpack's context modules, `@rollup/plugin-dynamic-import-vars`):
//! `import(`./locales/${lang}.mjs`)`, `import("./dir/" + x)` and `require("./dir/" + x)` name
//! every module file under the directory of their literal prefix (and its subdirectories)
//! whose path matches their literal parts in order. Each file becomes a request of its own,
//! so an `import()` of one is its own chunk.

use std::collections::HashMap;
use std::path::Path;

use super::module::{Barrel, ContextRequest, ImportKind, ImportRecord};
use crate::diagnostics::{Code, Diagnostic, Location};

/// Extensions of files a context can name: what the scan bundles as modules.
pub(crate) const MODULE_EXTENSIONS: [&str; 10] = [
    "js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts", "json", "css",
];

/// Directories deeper than this under a context's directory are not listed.
const MAX_DEPTH: usize = 8;

/// The files of each context request of the module at `importer`, as records appended to
/// `records`: call offset -> (request as the code computes it, record), sorted by request.
pub fn expand(
    importer: &Path,
    out_dir: &Path,
    (id, source): (&str, &super::source::Source),
    contexts: Vec<ContextRequest>,
    records: &mut Vec<ImportRecord<()>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> HashMap<u32, Vec<(String, usize)>> {
    let mut out = HashMap::new();
    for c in contexts {
        let first = &c.parts[0];
        let (dir_prefix, head) = first.split_at(first.rfind('/').map_or(0, |i| i + 1));
        let dir = importer.parent().unwrap_or(Path::new("")).join(dir_prefix);
        let mut files = Vec::new();
        list_module_files(&dir, "", 0, out_dir, &mut files);
        files.sort();
        let kind = if c.dynamic {
            ImportKind::Dynamic
        } else {
            ImportKind::Require
        };
        let mut entries = Vec::new();
        for rel in files.iter().filter(|f| matches(f, head, &c.parts[1..])) {
            let request = format!("{dir_prefix}{rel}");
            let r = push_record(records, &request, kind, c.span, c.optional);
            entries.push((request, r));
        }
        if !c.dynamic {
            // `require` also finds "./dir/a" as "./dir/a.js" (then .json, Node's order) and
            // "./dir/b" as its index file.
            let mut aliases = Vec::new();
            for ext in [".js", ".json"] {
                for (request, r) in &entries {
                    for short in require_aliases(request, ext) {
                        let taken = entries.iter().any(|(k, _)| *k == short)
                            || aliases.iter().any(|(k, _)| *k == short);
                        if !taken {
                            aliases.push((short, *r));
                        }
                    }
                }
            }
            entries.extend(aliases);
        }
        if entries.is_empty() {
            diagnostics.push(
                Diagnostic::new(
                    Code::DynamicRequest,
                    format!(
                        "{} matches no file under {dir_prefix}: it fails whatever the value",
                        if c.dynamic { "import()" } else { "require()" }
                    ),
                )
                .at(Location::from_range(
                    id,
                    source,
                    c.span.0 as usize,
                    c.span.1 as usize,
                ))
                .hint("the literal parts of the request must match the path of a module file"),
            );
        }
        entries.sort();
        entries.dedup_by(|a, b| a.0 == b.0);
        out.insert(c.call, entries);
    }
    out
}

/// Whether `rel` (a path under the context's directory) is `head`, then anything, then
/// each of `rest` in order with anything between, the last one ending it.
fn matches(rel: &str, head: &str, rest: &[String]) -> bool {
    let Some(mut tail) = rel.strip_prefix(head) else {
        return false;
    };
    let Some((last, middle)) = rest.split_last() else {
        return true;
    };
    for part in middle {
        match tail.find(part.as_str()) {
            Some(i) => tail = &tail[i + part.len()..],
            None => return false,
        }
    }
    tail.ends_with(last.as_str())
}

/// Module files under `dir`, as `/`-separated paths after `prefix`; `node_modules`, hidden
/// entries and the build's own outDir are skipped.
fn list_module_files(
    dir: &Path,
    prefix: &str,
    depth: usize,
    out_dir: &Path,
    out: &mut Vec<String>,
) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name == "node_modules" {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            let is_out_dir = std::fs::canonicalize(&path).is_ok_and(|p| p == out_dir);
            if depth < MAX_DEPTH && !is_out_dir {
                list_module_files(&path, &format!("{prefix}{name}/"), depth + 1, out_dir, out);
            }
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| MODULE_EXTENSIONS.contains(&e))
        {
            out.push(format!("{prefix}{name}"));
        }
    }
}

/// The shorter requests `require` resolves to `request` when it ends with `ext` (`.js` or
/// `.json`, the extensions Node's `require` tries): without it, and a directory for its
/// `index` file.
fn require_aliases(request: &str, ext: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Some(stem) = request.strip_suffix(ext).filter(|s| !s.ends_with('/')) else {
        return out;
    };
    out.push(stem.to_string());
    if let Some(dir) = stem.strip_suffix("/index") {
        out.push(dir.to_string());
    }
    out
}

/// The record of `request` and `kind`, added unless the module already has one.
fn push_record(
    records: &mut Vec<ImportRecord<()>>,
    request: &str,
    kind: ImportKind,
    span: (u32, u32),
    optional: bool,
) -> usize {
    if let Some(i) = records
        .iter()
        .position(|r| r.request == request && r.kind == kind)
    {
        records[i].optional &= optional;
        return i;
    }
    records.push(ImportRecord {
        request: request.to_string(),
        kind,
        span,
        chunk_name: None,
        optional,
        shared: None,
        remote: None,
        barrel: Barrel::None,
        target: (),
    });
    records.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_match_in_order_with_anything_between() {
        let parts = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(matches("en.mjs", "", &parts(&[".mjs"])));
        assert!(matches("de/messages.mjs", "", &parts(&[".mjs"])));
        assert!(!matches("en.json", "", &parts(&[".mjs"])));
        assert!(matches("msg-en.js", "msg-", &parts(&[""])));
        assert!(!matches("other.js", "msg-", &parts(&[""])));
        assert!(matches("a/x/b.js", "a/", &parts(&["/b", ".js"])));
        assert!(!matches("a/b.js", "a/", &parts(&["/b", ".js"])));
        assert_eq!(require_aliases("./d/a.js", ".js"), vec!["./d/a"]);
        assert_eq!(
            require_aliases("./d/index.js", ".js"),
            vec!["./d/index", "./d"]
        );
        assert!(require_aliases("./d/a.mjs", ".js").is_empty());
    }
}
