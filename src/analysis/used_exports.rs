//! Which exports of each ES module the build uses (production tree shaking). An export is used
//! when some import site refers to it (`usage.rs`) from code the build keeps: an import
//! referenced only by declarations that no used export reaches does not count
//! (`inner_graph.rs`, read again as the used exports grow); entries, exposed, provided and fallback
//! modules are used whole (other builds may use any export), and so is every module imported
//! in a way that cannot be followed statically (escaping namespaces, `require` kept whole,
//! `export *`).

use super::UsedExports;
use std::collections::BTreeSet;

use rayon::prelude::*;

use super::usage::record_usages;
use crate::graph::{ImportKind, Module, ModuleFormat, ModuleGraph, ModuleIdx, ModuleVec};

/// Static imports through which nothing is used, of modules whose code loads without side
/// effects: (importing module, record).
pub type UnusedImports = Vec<(ModuleIdx, usize)>;

/// Per module: `Some(names)` for an ES module whose used exports are known, `None` when every
/// export counts as used (or the module is not an ES module); and the static imports of
/// side-effect-free modules (`pure`, from `side_effects.rs`) that nothing uses.
pub fn used_exports(graph: &ModuleGraph, pure: &ModuleVec<bool>) -> (UsedExports, UnusedImports) {
    let mut used: UsedExports = graph
        .modules
        .iter()
        .map(|m| match m {
            Module::Normal(n) if n.format == ModuleFormat::Esm => Some(BTreeSet::new()),
            // CommonJS exporting one object literal: its properties, as webpack reads them.
            Module::Normal(n) if super::cjs_exports::object_export_keys(n).is_some() => {
                Some(BTreeSet::new())
            }
            _ => None,
        })
        .collect();
    let all = |m: ModuleIdx, used: &mut UsedExports| used[m] = None;
    for (_, modules) in &graph.entries {
        for m in modules {
            all(*m, &mut used);
        }
    }
    for module in &graph.modules {
        match module {
            Module::ProvideShared(p) => {
                all(p.module, &mut used);
                if let Some((shaken, _)) = p.shaken {
                    all(shaken, &mut used);
                }
            }
            Module::ConsumeShared(c) => {
                if let Some(f) = c.fallback {
                    all(f, &mut used);
                }
            }
            Module::ContainerEntry(c) => {
                for (_, ms) in &c.exposes {
                    for m in ms {
                        all(*m, &mut used);
                    }
                }
            }
            _ => {}
        }
    }
    // Only modules the build loads count: a skipped barrel's re-exports use nothing.
    let mut roots: Vec<ModuleIdx> = graph
        .entries
        .iter()
        .flat_map(|(_, m)| m.iter().copied())
        .collect();
    roots.extend(graph.provides.iter().copied());
    roots.extend(graph.remote_containers.iter().copied());
    roots.extend(graph.container);
    let mut loaded = vec![false; graph.modules.len()];
    let mut stack = roots;
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut loaded[i.index()], true) {
            continue;
        }
        stack.extend(graph.edges(i).into_iter().map(|(target, _)| target));
    }
    // One AST walk per module, on every core: the usages of CommonJS modules and of modules
    // used whole, and the inner graph of the ES modules whose used exports are not known yet.
    enum Reads {
        Fixed(Vec<super::usage::RecordUsage>),
        Inner(super::inner_graph::InnerGraph),
    }
    let reads: Vec<Option<Reads>> = graph
        .modules
        .par_iter()
        .enumerate()
        .map(|(i, module)| match module {
            Module::Normal(m) if loaded[i] => Some(match &used[ModuleIdx(i as u32)] {
                Some(_) if m.format == ModuleFormat::Esm => super::inner_graph::InnerGraph::new(m)
                    .map_or_else(|| Reads::Fixed(record_usages(m)), Reads::Inner),
                _ => Reads::Fixed(record_usages(m)),
            }),
            _ => None,
        })
        .collect();
    // What a module uses depends on what others use of it: until nothing grows. A module
    // is read again only when its own used exports grew.
    let mut queue: std::collections::VecDeque<ModuleIdx> = graph
        .modules
        .indices()
        .filter(|i| reads[i.index()].is_some())
        .collect();
    let mut queued = vec![true; graph.modules.len()];
    let mut whole_read = vec![false; graph.modules.len()];
    // The usages an inner graph gave each module when last read (fixed ones stay in `reads`).
    let mut last: Vec<Option<Vec<super::usage::RecordUsage>>> = vec![None; graph.modules.len()];
    while let Some(i) = queue.pop_front() {
        queued[i.index()] = false;
        let Module::Normal(m) = graph.module(i) else {
            continue;
        };
        let usages: &[super::usage::RecordUsage] = match (&reads[i.index()], &used[i]) {
            (Some(Reads::Inner(inner)), Some(set)) => last[i.index()].insert(inner.usages(set)),
            (Some(Reads::Inner(_)), None) => {
                // Used whole since it was split: read it whole, once.
                if std::mem::replace(&mut whole_read[i.index()], true) {
                    continue;
                }
                last[i.index()].insert(record_usages(m))
            }
            (Some(Reads::Fixed(u)), _) => u,
            (None, _) => continue,
        };
        for u in usages {
            if matches!(
                m.records[u.record].barrel,
                crate::graph::Barrel::Skipped { .. }
            ) {
                continue;
            }
            let target = m.records[u.record].target;
            let grew = if u.uses_all {
                used[target].take().is_some()
            } else if let Some(set) = &mut used[target] {
                let before = set.len();
                set.extend(u.used.iter().cloned());
                set.len() > before
            } else {
                false
            };
            if grew && reads[target.index()].is_some() && !queued[target.index()] {
                queued[target.index()] = true;
                queue.push_back(target);
            }
        }
    }
    let last_read = |i: ModuleIdx| match (&last[i.index()], &reads[i.index()]) {
        (Some(u), _) => Some(u.as_slice()),
        (None, Some(Reads::Fixed(u))) => Some(u.as_slice()),
        _ => None,
    };
    let unused = unused_imports(graph, pure, last_read);
    // A CommonJS module read whole (a default import) keeps every property.
    for (i, module) in graph.modules.iter_enumerated() {
        if let Module::Normal(n) = module
            && n.format == ModuleFormat::CommonJs
            && used[i]
                .as_ref()
                .is_some_and(super::cjs_exports::reads_whole)
        {
            used[i] = None;
        }
    }
    (used, unused)
}

/// Static imports of side-effect-free ES modules whose last read usage uses nothing (no
/// binding read, the namespace never read), other than re-exports and `export *`.
fn unused_imports<'a>(
    graph: &ModuleGraph,
    pure: &ModuleVec<bool>,
    last_read: impl Fn(ModuleIdx) -> Option<&'a [super::usage::RecordUsage]>,
) -> UnusedImports {
    let mut out = Vec::new();
    for (i, module) in graph.modules.iter_enumerated() {
        let (Module::Normal(m), Some(usages)) = (module, last_read(i)) else {
            continue;
        };
        if m.format != ModuleFormat::Esm {
            continue;
        }
        for (r, record) in m.records.iter().enumerate() {
            let target_is_esm = graph
                .module(record.target)
                .as_normal()
                .is_some_and(|t| t.format == ModuleFormat::Esm);
            if record.kind != ImportKind::Static
                || !pure.get(record.target).copied().unwrap_or(false)
                || !target_is_esm
                || !matches!(record.barrel, crate::graph::Barrel::None)
                || m.esm.star_exports.contains(&r)
            {
                continue;
            }
            let uses = usages
                .iter()
                .any(|u| u.record == r && (u.uses_all || !u.used.is_empty()));
            if !uses {
                out.push((i, r));
            }
        }
    }
    out
}

/// Marks the imports [`used_exports`] found unused as skipped: their modules are not loaded
/// through them (nor, if nothing else loads them, at all).
pub fn drop_unused_imports(graph: &mut ModuleGraph, unused: UnusedImports) {
    for (i, r) in unused {
        if let Module::Normal(m) = &mut graph.modules[i] {
            m.records[r].barrel = crate::graph::Barrel::Skipped {
                redirects: Vec::new(),
            };
        }
    }
}
