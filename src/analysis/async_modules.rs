//! Async modules (webpack's term): an ES module that awaits at top level, and every ES module
//! that imports one, evaluates asynchronously; its importers wait for it before their own
//! code runs, as the specification's module evaluation does. CommonJS cannot wait: a
//! `require()` of an async module is an error, as it is in Node.

use crate::diagnostics::{Code, Diagnostic, Location};
use crate::graph::{ImportKind, Module, ModuleGraph, ModuleIdx, ModuleVec};

/// Which modules are async: those with a top-level await and, transitively, the modules that
/// import them statically (`import`, `export ... from`).
pub fn async_modules(graph: &ModuleGraph) -> ModuleVec<bool> {
    let mut is_async: ModuleVec<bool> = graph
        .modules
        .iter()
        .map(|m| m.as_normal().is_some_and(|n| n.top_level_await.is_some()))
        .collect();
    if !is_async.iter().any(|a| *a) {
        return is_async;
    }
    let mut importers: ModuleVec<Vec<ModuleIdx>> =
        graph.modules.iter().map(|_| Vec::new()).collect();
    for (idx, m) in graph.modules.iter_enumerated() {
        if let Module::Normal(n) = m {
            for r in &n.records {
                // A skipped barrel is not loaded: its importers read past it.
                if r.kind.is_static() && !matches!(r.barrel, crate::graph::Barrel::Skipped { .. }) {
                    importers[r.target].push(idx);
                }
            }
        }
    }
    let mut stack: Vec<ModuleIdx> = is_async
        .iter_enumerated()
        .filter(|(_, a)| **a)
        .map(|(i, _)| i)
        .collect();
    while let Some(m) = stack.pop() {
        for &p in &importers[m] {
            if !is_async[p] {
                is_async[p] = true;
                stack.push(p);
            }
        }
    }
    is_async
}

/// `require()` of an async module: an error at the `require`, naming where the module (or
/// the module it waits for) awaits.
pub fn check_requires(graph: &ModuleGraph, is_async: &ModuleVec<bool>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Federation hands out a module's exports synchronously (a container's `get` factory, a
    // share scope's `get`): an async module there would give its promise instead.
    let federated = graph.modules.iter().flat_map(|m| match m {
        Module::ContainerEntry(c) => c.exposes.iter().flat_map(|(_, ms)| ms.clone()).collect(),
        Module::ProvideShared(p) => vec![p.module],
        Module::ConsumeShared(c) => c.fallback.into_iter().collect(),
        _ => Vec::new(),
    });
    let mut reported = std::collections::HashSet::new();
    for f in federated.filter(|f| is_async[*f]) {
        if reported.insert(f) {
            out.push(
                Diagnostic::new(
                    Code::Unsupported,
                    format!(
                        "{} is exposed or shared but awaits at top level (or imports a module that does): not supported yet",
                        graph.module(f).id()
                    ),
                )
                .at(Location::file_only(graph.module(f).id()))
                .note(format!("it waits for the top-level await at {}", first_await(graph, f, is_async)))
                .hint("move the await into a function the module exports, or load the awaiting module with import()"),
            );
        }
    }
    for m in graph.modules.iter() {
        let Module::Normal(n) = m else { continue };
        for r in n.records.iter().filter(|r| r.kind == ImportKind::Require) {
            if !is_async[r.target] {
                continue;
            }
            let target = graph.module(r.target);
            let awaits = first_await(graph, r.target, is_async);
            out.push(
                Diagnostic::new(
                    Code::RequireOfAsyncModule,
                    format!(
                        "require() of {}, an ES module that awaits at top level",
                        target.id()
                    ),
                )
                .at(Location::from_range(
                    &n.id,
                    &n.source,
                    r.span.0 as usize,
                    r.span.1 as usize,
                ))
                .note(format!("it waits for the top-level await at {awaits}"))
                .hint("load it with import() (a Promise), or make the importer an ES module that imports it"),
            );
        }
    }
    out
}

/// `file:line:column` of the top-level await `m` waits for (its own, or the first async
/// module its static imports reach).
fn first_await(graph: &ModuleGraph, m: ModuleIdx, is_async: &ModuleVec<bool>) -> String {
    let mut seen = std::collections::HashSet::new();
    let mut current = m;
    while seen.insert(current) {
        let Some(n) = graph.module(current).as_normal() else {
            break;
        };
        if let Some((s, e)) = n.top_level_await {
            let at = Location::from_range(&n.id, &n.source, s as usize, e as usize);
            return format!("{}:{}:{}", at.file, at.line, at.column);
        }
        match n
            .records
            .iter()
            .find(|r| r.kind.is_static() && is_async[r.target])
        {
            Some(r) => current = r.target,
            None => break,
        }
    }
    graph.module(m).id().to_string()
}
