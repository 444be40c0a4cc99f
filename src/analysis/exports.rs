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
    let mut reach: Vec<BTreeMap<String, u32>> = vec![BTreeMap::new(); n];
    let mut dynamic = vec![false; n];
    // Components in reverse topological order: the ones a component's stars reach are final.
    for component in tarjan_scc(&stars) {
        for node in &component {
            if let Some(m) = esm(node.index()) {
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
    (0..n)
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
            // A name comes through the first star on a shortest path to its declaration: in a
            // cycle, a star back to this module (or one that leads back to it) would make the
            // name's getter read itself forever.
            for &record in &m.esm.star_exports {
                let t = m.records[record].target.index();
                if esm(t).is_none() {
                    continue;
                }
                for (name, d) in &reach[t] {
                    if name != "default" && reach[i].get(name) == Some(&(d + 1)) {
                        info.names
                            .entry(name.clone())
                            .or_insert(ResolvedExport::Star { record });
                    }
                }
            }
            Some(info)
        })
        .collect()
}
