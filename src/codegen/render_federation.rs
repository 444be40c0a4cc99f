//! The federation part of an entry chunk's runtime: this build's provides, the consumes its
//! chunks need, which chunk needs which consume, and the consumes to resolve before startup.

use std::fmt::Write;

use super::chunks::{ChunkGraph, ChunkKind};
use super::transform_module::json;
use crate::config::BuildConfig;
use crate::graph::{ConsumeSharedModule, Module, ModuleGraph, ModuleIdx};

const RUNTIME_SEMVER: &str = include_str!("../federation/runtime/semver.js");
const RUNTIME_SHARING: &str = include_str!("../federation/runtime/sharing.js");
const RUNTIME_CONSUMES: &str = include_str!("../federation/runtime/consumes.js");

pub const RUNTIME_FILES: [(&str, &str); 3] = [
    ("semver.js", RUNTIME_SEMVER),
    ("sharing.js", RUNTIME_SHARING),
    ("consumes.js", RUNTIME_CONSUMES),
];

/// Whether an entry's runtime needs share scopes: the build shares, or user code reads
/// `__webpack_share_scopes__` / `__webpack_init_sharing__`.
pub fn needs_sharing(graph: &ModuleGraph, config: &BuildConfig) -> bool {
    !config.shared.is_empty()
        || graph.modules.iter().any(|m| {
            m.as_normal().is_some_and(|n| {
                n.source.contains("__webpack_share_scopes__")
                    || n.source.contains("__webpack_init_sharing__")
            })
        })
}

/// `function () { return <factory or Promise of factory>; }` loading `module` (its chunks
/// first, unless `eager`).
fn module_getter(
    graph: &ModuleGraph,
    chunks: &ChunkGraph,
    module: ModuleIdx,
    eager: bool,
) -> String {
    let require = format!(
        "function () {{ return __mf_require__({}); }}",
        json(graph.module(module).id())
    );
    if eager {
        return format!("function () {{ return {require}; }}");
    }
    match chunks.dynamic_chunks.get(&module) {
        Some(ids) if !ids.is_empty() => {
            let ids: Vec<String> = ids.iter().map(|c| json(c)).collect();
            format!(
                "function () {{ return __mf_require__.e([{}]).then(function () {{ return {require}; }}); }}",
                ids.join(", ")
            )
        }
        _ => format!(
            "function () {{ return Promise.resolve().then(function () {{ return {require}; }}); }}"
        ),
    }
}

fn loader_name(c: &ConsumeSharedModule) -> &'static str {
    match (&c.required_version, c.strict_version, c.singleton) {
        (Some(_), true, true) => "loadStrictSingletonVersion",
        (Some(_), true, false) => "loadStrictVersion",
        (Some(_), false, true) => "loadSingletonVersion",
        (Some(_), false, false) => "loadVersion",
        (None, _, true) => "loadSingleton",
        (None, _, false) => "load",
    }
}

/// Runtime text for entry chunk `entry`, placed after chunk loading; and the consumes its
/// startup must resolve first.
pub fn render_federation_runtime(
    graph: &ModuleGraph,
    chunks: &ChunkGraph,
    entry: usize,
    config: &BuildConfig,
) -> (String, Vec<String>) {
    let mut out = String::new();
    if !needs_sharing(graph, config) {
        return (out, Vec::new());
    }
    let entry_chunk = &chunks.chunks[entry];
    let async_chunks = chunks
        .reachable_async
        .get(&entry)
        .cloned()
        .unwrap_or_default();

    // Provides, by scope, in id order.
    let mut by_scope: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    let mut provides: Vec<ModuleIdx> = graph.provides.clone();
    provides.sort_by_key(|p| graph.module(*p).id().to_string());
    for p in provides {
        let Module::ProvideShared(ps) = graph.module(p) else {
            continue;
        };
        by_scope.entry(&ps.share_scope).or_default().push(format!(
            "[{}, {}, {}, {}]",
            json(&ps.share_key),
            json(ps.version.as_deref().unwrap_or("0")),
            module_getter(graph, chunks, ps.module, ps.eager),
            u8::from(ps.eager)
        ));
    }
    let _ = writeln!(
        out,
        "var __mf_unique_name__ = {};",
        json(&config.unique_name)
    );
    out.push_str("var __mf_provides__ = {\n");
    for (scope, list) in &by_scope {
        let _ = writeln!(
            out,
            "  {}: [\n    {}\n  ],",
            json(scope),
            list.join(",\n    ")
        );
    }
    out.push_str("};\n");
    out.push_str("var __mf_init_remotes__ = function () {};\n");
    out.push_str(RUNTIME_SHARING);

    // Consumes this entry can reach.
    let consumes_of = |chunk: usize| -> Vec<ModuleIdx> {
        chunks.chunks[chunk]
            .modules
            .iter()
            .copied()
            .filter(|m| matches!(graph.module(*m), Module::ConsumeShared(_)))
            .collect()
    };
    let mut all: Vec<ModuleIdx> = consumes_of(entry);
    for &c in &async_chunks {
        all.extend(consumes_of(c));
    }
    all.sort_by_key(|m| graph.module(*m).id().to_string());
    all.dedup();
    if all.is_empty() {
        return (out, Vec::new());
    }
    out.push_str(RUNTIME_SEMVER);
    out.push_str("var __mf_consumes__ = {\n");
    for &c in &all {
        let Module::ConsumeShared(cs) = graph.module(c) else {
            continue;
        };
        let fallback = cs
            .fallback
            .map(|f| module_getter(graph, chunks, f, cs.eager))
            .unwrap_or_else(|| "undefined".into());
        let _ = writeln!(
            out,
            "  {}: [{}, {}, {}, {}, {}, {}],",
            json(&cs.id),
            json(loader_name(cs)),
            json(&cs.share_scope),
            json(&cs.share_key),
            cs.eager,
            cs.required_version
                .as_deref()
                .map(json)
                .unwrap_or_else(|| "undefined".into()),
            fallback
        );
    }
    out.push_str("};\nvar __mf_chunk_consumes__ = {\n");
    for &c in &async_chunks {
        debug_assert_eq!(chunks.chunks[c].kind, ChunkKind::Async);
        let ids: Vec<String> = consumes_of(c)
            .iter()
            .map(|m| json(graph.module(*m).id()))
            .collect();
        if !ids.is_empty() {
            let _ = writeln!(
                out,
                "  {}: [{}],",
                json(&chunks.chunks[c].name),
                ids.join(", ")
            );
        }
    }
    out.push_str("};\n");
    out.push_str(RUNTIME_CONSUMES);
    // Non-eager consumes of the entry chunk are resolved before any module runs, so an entry
    // can import a shared module directly (no bootstrap file). Eager ones resolve on first
    // use, synchronously, as in webpack.
    let initial: Vec<String> = consumes_of(entry)
        .into_iter()
        .filter(|m| matches!(graph.module(*m), Module::ConsumeShared(c) if !c.eager))
        .map(|m| graph.module(m).id().to_string())
        .collect();
    let _ = entry_chunk;
    (out, initial)
}
