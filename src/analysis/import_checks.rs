//! Linking checks: every named import and re-export of an ES module must name an export that
//! module has (Node fails such a program at link time; we fail the build instead).

use super::Exports;
use super::exports::ExportsInfo;
use crate::config::BuildConfig;
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::graph::{ExportSource, Imported, ModuleGraph, NormalModule};

pub fn check_imports(
    graph: &ModuleGraph,
    exports: &Exports,
    _config: &BuildConfig,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for module in &graph.modules {
        let Some(m) = module.as_normal() else {
            continue;
        };
        let mut check = |record: usize, imported: &Imported, span: (u32, u32)| {
            let Some(name) = imported.name() else { return };
            let target_idx = m.records[record].target;
            if m.node_strict
                && name != "default"
                && graph.module(target_idx).format() == crate::graph::ModuleFormat::Json
            {
                // Node's JSON modules export their value as `default` only.
                let at = Location::from_range(&m.id, &m.source, span.0 as usize, span.1 as usize);
                out.push(
                    Diagnostic::new(
                        Code::MissingExport,
                        format!(
                            "\"{}\" is a JSON module: it has no export named \"{name}\"",
                            m.records[record].request
                        ),
                    )
                    .at(at)
                    .hint(format!("in an ES module, as in Node, import the value as default (import data from \"{}\" with {{ type: \"json\" }}) and read data[\"{name}\"]", m.records[record].request)),
                );
                return;
            }
            let Some(Some(info)) = exports.get(target_idx) else {
                return;
            };
            // The import's location, and what the target module is called in a message.
            let problem = |message: String, hint: String| {
                let at = Location::from_range(&m.id, &m.source, span.0 as usize, span.1 as usize);
                let target = format!(
                    "\"{}\" ({})",
                    m.records[record].request,
                    graph.module(target_idx).id()
                );
                Diagnostic::new(Code::MissingExport, format!("{target} {message}"))
                    .at(at)
                    .hint(hint)
            };
            if info.ambiguous.contains(name) {
                out.push(problem(
                    format!("exports \"{name}\" through two export * that name different bindings: it is ambiguous, so not exported"),
                    format!("import \"{name}\" from the module that declares the one you mean, or re-export it by name (export {{ {name} }} from ...) to choose"),
                ));
                return;
            }
            if info.names.contains_key(name) {
                if !super::exports::resolves(graph, target_idx, name) {
                    out.push(problem(
                        format!("re-exports \"{name}\" in a cycle that never reaches a declaration"),
                        "one module of the cycle must declare the name (or import it from one that does)".into(),
                    ));
                }
                return;
            }
            if info.has_dynamic {
                return;
            }
            out.push(missing_export(
                m,
                graph.module(target_idx).id(),
                name,
                info,
                span,
                &m.records[record].request,
            ));
        };
        for b in &m.esm.imports {
            check(b.record, &b.imported, b.span);
        }
        for source in m.esm.exports.values() {
            if let ExportSource::ReExport {
                record,
                imported,
                span,
            } = source
            {
                check(*record, imported, *span);
            }
        }
    }
    out
}

fn missing_export(
    m: &NormalModule,
    target_id: &str,
    name: &str,
    info: &ExportsInfo,
    span: (u32, u32),
    request: &str,
) -> Diagnostic {
    let location = Location::from_range(&m.id, &m.source, span.0 as usize, span.1 as usize);
    let mut d = Diagnostic::new(
        Code::MissingExport,
        format!("\"{request}\" ({target_id}) has no export named \"{name}\""),
    )
    .at(location);
    let candidates: Vec<String> = info.names.keys().cloned().collect();
    let best = candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(s, _)| *s > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    d = match best {
        Some((_, c)) => d.hint(format!("did you mean \"{c}\"?")),
        None if candidates.is_empty() => d.hint(format!("{target_id} has no exports")),
        None if name == "default" => d.hint(format!(
            "{target_id} has no default export; use a named or namespace import (import * as x from \"{request}\")"
        )),
        None => {
            let shown: Vec<&str> = candidates.iter().take(10).map(String::as_str).collect();
            d.hint(format!("its exports are: {}", shown.join(", ")))
        }
    };
    d
}
