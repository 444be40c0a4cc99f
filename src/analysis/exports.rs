//! The export names of every ES module, with `export *` expanded through the graph.

use std::collections::{BTreeMap, BTreeSet};

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
pub fn compute_exports(graph: &ModuleGraph) -> Vec<Option<ExportsInfo>> {
    let mut memo: Vec<Option<Option<ExportsInfo>>> = vec![None; graph.modules.len()];
    for i in 0..graph.modules.len() {
        let mut visiting = BTreeSet::new();
        exports_of(graph, ModuleIdx(i as u32), &mut memo, &mut visiting);
    }
    memo.into_iter().map(|m| m.flatten()).collect()
}

fn exports_of(
    graph: &ModuleGraph,
    idx: ModuleIdx,
    memo: &mut Vec<Option<Option<ExportsInfo>>>,
    visiting: &mut BTreeSet<ModuleIdx>,
) -> Option<ExportsInfo> {
    if let Some(done) = &memo[idx.index()] {
        return done.clone();
    }
    let m = graph
        .module(idx)
        .as_normal()
        .filter(|m| m.format == ModuleFormat::Esm)?;
    if !visiting.insert(idx) {
        // A cycle of `export *`: the names found on the way in are all there is.
        return Some(ExportsInfo::default());
    }
    let mut info = ExportsInfo::default();
    for (name, source) in &m.esm.exports {
        debug_assert!(matches!(
            source,
            ExportSource::Local | ExportSource::ReExport { .. }
        ));
        info.names.insert(name.clone(), ResolvedExport::Own);
    }
    for &record in &m.esm.star_exports {
        let target = m.records[record].target;
        match exports_of(graph, target, memo, visiting) {
            Some(t) => {
                info.has_dynamic |= t.has_dynamic;
                for name in t.names.into_keys() {
                    if name != "default" {
                        info.names
                            .entry(name)
                            .or_insert(ResolvedExport::Star { record });
                    }
                }
            }
            None => info.has_dynamic = true,
        }
    }
    visiting.remove(&idx);
    memo[idx.index()] = Some(Some(info.clone()));
    Some(info)
}
