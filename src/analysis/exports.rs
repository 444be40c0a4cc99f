//! The export names of every ES module, with `export *` expanded through the graph.

use super::Exports;
use std::collections::BTreeMap;

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::graph::{ExportSource, ModuleFormat, ModuleGraph, ModuleIdx};

/// Where an export name of a module comes from once stars are expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolvedExport {
    /// Declared or listed in the module's own export statements.
    Own,
    /// Brought in by `export * from` the record.
    Star { record: usize },
}

#[derive(Debug, Default, Clone)]
pub struct ExportsInfo {
    /// Every statically known export name.
    pub names: BTreeMap<String, ResolvedExport>,
    /// Some `export *` reaches a module whose exports are only known at run time (CommonJS);
    /// names missing from `names` may still exist.
    pub has_dynamic: bool,
    /// Names two `export *` provide with different bindings: the specification leaves them
    /// out of the module's exports (a named import of one is a link error in Node).
    pub ambiguous: std::collections::BTreeSet<String>,
}

/// Exports of every module; `None` for modules that are not ES modules.
///
/// `export *` may form cycles (a module re-exporting a module that re-exports it): the
/// modules of a cycle reach each other's names, so the names are computed per strongly
/// connected component of the `export *` graph, components reached first, with a fixpoint
/// inside each component. (Memoizing a depth-first walk that cuts cycles would keep the
/// incomplete names of a module met inside a cycle.)
pub fn compute_exports(graph: &ModuleGraph) -> Exports {
    let n = graph.modules.len();
    let esm = |i: usize| {
        graph
            .module(ModuleIdx(i as u32))
            .as_normal()
            .filter(|m| m.format == ModuleFormat::Esm)
    };
    let mut stars: DiGraph<(), (), u32> = DiGraph::with_capacity(n, 0);
    for _ in 0..n {
        stars.add_node(());
    }
    for i in 0..n {
        if let Some(m) = esm(i) {
            for &record in &m.esm.star_exports {
                let target = m.records[record].target.index();
                stars.add_edge(NodeIndex::new(i), NodeIndex::new(target), ());
            }
        }
    }
    // Every name a module makes available to `export *` (its own, `default` included, and
    // those of its stars) with the number of `export *` steps to the module that declares it,
    // and whether a star reaches a module whose exports are only known at run time.
    // Only modules with an `export *` and those one names have one (every other's stays
    // empty: nothing reads it).
    let mut reach: Vec<BTreeMap<String, u32>> = vec![BTreeMap::new(); n];
    let mut dynamic = vec![false; n];
    // Components in reverse topological order: the ones a component's stars reach are final.
    for component in tarjan_scc(&stars) {
        for node in &component {
            let starred = stars.neighbors_undirected(*node).next().is_some();
            if starred && let Some(m) = esm(node.index()) {
                reach[node.index()] = m.esm.exports.keys().map(|k| (k.clone(), 0)).collect();
            }
        }
        loop {
            let mut changed = false;
            for node in &component {
                let i = node.index();
                let Some(m) = esm(i) else { continue };
                for &record in &m.esm.star_exports {
                    let t = m.records[record].target.index();
                    if esm(t).is_none() || dynamic[t] {
                        changed |= !dynamic[i];
                        dynamic[i] = true;
                        if esm(t).is_none() {
                            continue;
                        }
                    }
                    let shorter: Vec<(String, u32)> = reach[t]
                        .iter()
                        .filter(|(name, d)| {
                            *name != "default" && reach[i].get(*name).is_none_or(|e| *e > **d + 1)
                        })
                        .map(|(name, d)| (name.clone(), d + 1))
                        .collect();
                    changed |= !shorter.is_empty();
                    reach[i].extend(shorter);
                }
            }
            if !changed {
                break;
            }
        }
    }
    use rayon::prelude::*;
    let infos: Vec<Option<ExportsInfo>> = (0..n)
        .into_par_iter()
        .map(|i| {
            let m = esm(i)?;
            let mut info = ExportsInfo {
                has_dynamic: dynamic[i],
                ..Default::default()
            };
            for (name, source) in &m.esm.exports {
                debug_assert!(matches!(
                    source,
                    ExportSource::Local | ExportSource::ReExport { .. }
                ));
                info.names.insert(name.clone(), ResolvedExport::Own);
            }
            // A name comes through the first star on a shortest path to its declaration, or
            // failing that through any star, provided it resolves there without coming back
            // to this module's name: a star that leads back would make the name's getter read
            // itself forever (and a name no star resolves is not exported, as in Node).
            let me = ModuleIdx(i as u32);
            let resolves_through = |t: usize, name: &String| {
                let mut seen = vec![(me, name.clone())];
                resolve_export(graph, ModuleIdx(t as u32), name, &mut seen).is_some()
            };
            for shortest_only in [true, false] {
                for &record in &m.esm.star_exports {
                    let t = m.records[record].target.index();
                    if esm(t).is_none() {
                        continue;
                    }
                    for (name, d) in &reach[t] {
                        if name != "default"
                            && !info.names.contains_key(name)
                            && (!shortest_only || reach[i].get(name) == Some(&(d + 1)))
                            && resolves_through(t, name)
                        {
                            info.names
                                .insert(name.clone(), ResolvedExport::Star { record });
                        }
                    }
                }
            }
            // A name stars provide: ambiguous if two resolve to different bindings, or one
            // finds it ambiguous (ResolveExport's rule).
            let star_names: Vec<String> = info
                .names
                .iter()
                .filter(|(_, how)| matches!(how, ResolvedExport::Star { .. }))
                .map(|(n, _)| n.clone())
                .collect();
            for name in star_names {
                let providers: Vec<ModuleIdx> = m
                    .esm
                    .star_exports
                    .iter()
                    .map(|&r| m.records[r].target)
                    .filter(|t| esm(t.index()).is_some() && reach[t.index()].contains_key(&name))
                    .collect();
                // One provider may itself find the name ambiguous (the ambiguity carries).
                if star_resolution(graph, &providers, &name, &mut Vec::new())
                    == Some(Binding::Ambiguous)
                {
                    info.names.remove(&name);
                    info.ambiguous.insert(name);
                }
            }
            Some(info)
        })
        .collect();
    Exports::from_vec(infos)
}

/// Whether ResolveExport(`name`) of module `m` ends at a binding: not when a chain of
/// re-exports comes back to where it started (Node: "Detected cycle while resolving name").
pub fn resolves(graph: &ModuleGraph, m: ModuleIdx, name: &str) -> bool {
    resolve_export(graph, m, name, &mut Vec::new()).is_some()
}

/// What an export name resolves to (the specification's ResolvedBinding), for telling
/// whether two `export *` provide the same binding.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Binding {
    /// A module's own binding, or a property of a CommonJS module's exports.
    Local(ModuleIdx, String),
    Namespace(ModuleIdx),
    Ambiguous,
}

/// ResolveExport(`name`) of module `m`; `None` when it does not export the name (or the
/// request is circular). `seen` holds the (module, name) pairs being resolved.
fn resolve_export(
    graph: &ModuleGraph,
    m: ModuleIdx,
    name: &str,
    seen: &mut Vec<(ModuleIdx, String)>,
) -> Option<Binding> {
    let Some(module) = graph
        .module(m)
        .as_normal()
        .filter(|n| n.format == ModuleFormat::Esm)
    else {
        return Some(Binding::Local(m, name.to_string()));
    };
    if seen.iter().any(|(s, n)| *s == m && n == name) {
        return None;
    }
    seen.push((m, name.to_string()));
    let resolved = match module.esm.exports.get(name) {
        Some(ExportSource::Local) => {
            // `import { x } from "./a"; export { x }` exports a's binding.
            let local = module
                .esm
                .export_locals
                .get(name)
                .map_or(name, String::as_str);
            match module.esm.imports.iter().find(|b| b.local.0 == *local) {
                Some(b) => {
                    let t = module.records[b.record].target;
                    match &b.imported {
                        crate::graph::Imported::Namespace => Some(Binding::Namespace(t)),
                        other => resolve_export(graph, t, other.name().unwrap_or("default"), seen),
                    }
                }
                None => Some(Binding::Local(m, local.to_string())),
            }
        }
        Some(ExportSource::ReExport {
            record, imported, ..
        }) => {
            let t = module.records[*record].target;
            match imported {
                crate::graph::Imported::Namespace => Some(Binding::Namespace(t)),
                other => resolve_export(graph, t, other.name().unwrap_or("default"), seen),
            }
        }
        None if name == "default" => None,
        None => {
            let targets: Vec<ModuleIdx> = module
                .esm
                .star_exports
                .iter()
                .map(|&r| module.records[r].target)
                .collect();
            star_resolution(graph, &targets, name, seen)
        }
    };
    seen.pop();
    resolved
}

/// The resolution of `name` through the `export *` of `targets`: the one binding they agree
/// on, or `Ambiguous`.
fn star_resolution(
    graph: &ModuleGraph,
    targets: &[ModuleIdx],
    name: &str,
    seen: &mut Vec<(ModuleIdx, String)>,
) -> Option<Binding> {
    let mut found: Option<Binding> = None;
    for &t in targets {
        if graph.module(t).format() != ModuleFormat::Esm {
            // Known only at run time.
            continue;
        }
        match (resolve_export(graph, t, name, seen), &found) {
            (None, _) => {}
            (Some(Binding::Ambiguous), _) => return Some(Binding::Ambiguous),
            (Some(r), None) => found = Some(r),
            (Some(r), Some(f)) if r != *f => return Some(Binding::Ambiguous),
            _ => {}
        }
    }
    found
}
