//! Which modules share a scope: groups of a root and the ES modules only it reaches.

use std::collections::{BTreeMap, HashMap};

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
            && matches!(*n.program(), Program::Module(_))
            && !(n.source.contains("eval")
                && swc_ecma_transforms_base::rename::contains_eval(&*n.program(), true))
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
    // A group has exactly one root: a candidate belongs to the root all its importers lead
    // to (an importer that is not a candidate is a root; a candidate leads to its own root),
    // as webpack's ModuleConcatenationPlugin adds a module whose importers are all in the
    // group. One whose importers lead to two roots, or to a root that cannot host it, is a
    // root itself. Repeat until every group is well formed (candidates only ever decrease).
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (c, imp) in incoming.iter().enumerate() {
        for (p, _) in imp {
            dependents[*p].push(c);
        }
    }
    loop {
        let mut root: Vec<Option<usize>> = (0..n).map(|m| (!candidate[m]).then_some(m)).collect();
        let mut queue: std::collections::VecDeque<usize> = (0..n)
            .filter(|&m| !candidate[m])
            .flat_map(|m| dependents[m].iter().copied())
            .filter(|&c| candidate[c])
            .collect();
        while let Some(c) = queue.pop_front() {
            if root[c].is_some() {
                continue;
            }
            let mut leads = importers(c).into_iter().filter_map(|(p, _)| root[p]);
            let Some(first) = leads.next() else { continue };
            if leads.all(|r| r == first) {
                root[c] = Some(first);
                queue.extend(dependents[c].iter().copied().filter(|&d| candidate[d]));
            }
        }
        // Demote the candidates whose importers lead to two roots or to one that cannot
        // host them. Only when there are none, the ones left without a root: importers in a
        // cycle that no root reaches (a candidate waiting on a demoted importer gets its
        // root in the next round).
        let conflicts = |c: usize| {
            let mut leads = importers(c).into_iter().filter_map(|(p, _)| root[p]);
            let first = leads.next();
            first.is_some_and(|r| !host[r] || leads.any(|other| other != r))
        };
        let mut demoted: Vec<usize> = (0..n).filter(|&c| candidate[c] && conflicts(c)).collect();
        if demoted.is_empty() {
            demoted = (0..n)
                .filter(|&c| candidate[c] && root[c].is_none())
                .collect();
        }
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
            // Every candidate left has a root (the ones without were demoted).
            for (c, r) in (0..n)
                .filter(|&c| candidate[c])
                .filter_map(|c| Some((c, root[c]?)))
            {
                let root = ModuleIdx(r as u32);
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
