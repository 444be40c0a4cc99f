//! Which modules share a scope: groups of a root and the ES modules only it reaches.

use std::collections::{BTreeMap, HashMap};

use petgraph::unionfind::UnionFind;
use rayon::prelude::*;
use swc_ecma_ast::*;

use super::chunks::ChunkGraph;
use crate::graph::{ImportKind, Module, ModuleFormat, ModuleGraph, ModuleIdx};

/// Which modules are hoisted into which.
#[derive(Debug, Default)]
pub struct Plan {
    /// Inner modules -> the root of their group.
    pub root_of: HashMap<ModuleIdx, ModuleIdx>,
    /// Roots with at least one inner module -> the inner modules, sorted.
    pub groups: BTreeMap<ModuleIdx, Vec<ModuleIdx>>,
}

impl Plan {
    pub fn is_member(&self, m: ModuleIdx) -> bool {
        self.root_of.contains_key(&m) || self.groups.contains_key(&m)
    }
}

/// An ES module whose top-level scope can be shared: parsed as a module and free of direct
/// `eval` (which could read any name).
fn hostable(m: &Module) -> bool {
    m.as_normal().is_some_and(|n| {
        n.format == ModuleFormat::Esm
            && matches!(*n.program, Program::Module(_))
            && !(n.source.contains("eval")
                && swc_ecma_transforms_base::rename::contains_eval(&*n.program, true))
    })
}

pub fn plan(
    graph: &ModuleGraph,
    chunks: &ChunkGraph,
    exports: &crate::analysis::Exports,
    async_modules: &crate::graph::ModuleVec<bool>,
) -> Plan {
    let n = graph.modules.len();
    // An async module's code runs inside its own async function: it shares no scope.
    let host: Vec<bool> = graph
        .modules
        .par_iter()
        .zip(async_modules.par_iter())
        .map(|(m, is_async)| !is_async && hostable(m))
        .collect();
    let mut chunks_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut entry = vec![false; n];
    for (c, chunk) in chunks.chunks.iter().enumerate() {
        for m in &chunk.modules {
            chunks_of[m.index()].push(c);
        }
        for m in &chunk.entry_modules {
            entry[m.index()] = true;
        }
    }
    // Importers that are part of the output (a skipped barrel stays in the graph, unused).
    let mut incoming: Vec<Vec<(usize, ImportKind)>> = vec![Vec::new(); graph.modules.len()];
    for p in 0..graph.modules.len() {
        for (target, kind) in graph.edges(ModuleIdx(p as u32)) {
            incoming[target.index()].push((p, kind));
        }
    }
    let importers = |c: usize| -> Vec<(usize, ImportKind)> {
        incoming[c]
            .iter()
            .copied()
            .filter(|(p, _)| !chunks_of[*p].is_empty())
            .collect()
    };
    let mut candidate: Vec<bool> = (0..n)
        .map(|c| {
            if entry[c] || !host[c] || chunks_of[c].is_empty() {
                return false;
            }
            let dynamic_star = exports
                .get(ModuleIdx(c as u32))
                .and_then(|e| e.as_ref())
                .is_none_or(|e| e.has_dynamic);
            if dynamic_star {
                return false;
            }
            let imp = importers(c);
            !imp.is_empty()
                && imp.iter().all(|&(p, kind)| {
                    matches!(kind, ImportKind::Static | ImportKind::ReExport)
                        && p != c
                        && chunks_of[p] == chunks_of[c]
                        && host[p]
                })
        })
        .collect();
    // A group must have exactly one root; a module imported from two groups is a root
    // itself. Repeat until every group is well formed (candidates only ever decrease).
    loop {
        let mut sets = UnionFind::<usize>::new(n);
        for c in (0..n).filter(|&c| candidate[c]) {
            for (p, _) in importers(c) {
                sets.union(c, p);
            }
        }
        let mut roots: HashMap<usize, Vec<usize>> = HashMap::new();
        for (m, _) in candidate.iter().enumerate().filter(|(_, c)| !**c) {
            roots.entry(sets.find(m)).or_default().push(m);
        }
        let demoted: Vec<usize> = (0..n)
            .filter(|&c| candidate[c])
            .filter(|&c| {
                match roots.get(&sets.find(c)).map(Vec::as_slice).unwrap_or(&[]) {
                    [] => true,
                    [r] => !host[*r],
                    // Two roots meet: the modules imported from more than one place part them.
                    _ => importers(c).len() > 1,
                }
            })
            .collect();
        for &c in &demoted {
            candidate[c] = false;
        }
        if demoted.is_empty() {
            let mut plan = Plan::default();
            // Entry modules are always rendered as a group (of one, at least), so that a
            // chunk that needs no runtime can be written without one.
            for (e, is_entry) in entry.iter().enumerate() {
                if *is_entry && host[e] {
                    plan.groups.entry(ModuleIdx(e as u32)).or_default();
                }
            }
            for c in (0..n).filter(|&c| candidate[c]) {
                let root = ModuleIdx(roots[&sets.find(c)][0] as u32);
                plan.root_of.insert(ModuleIdx(c as u32), root);
                plan.groups
                    .entry(root)
                    .or_default()
                    .push(ModuleIdx(c as u32));
            }
            return plan;
        }
    }
}
