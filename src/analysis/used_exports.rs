//! Which exports of each ES module the build uses (production tree shaking). An export is used
//! when some import site refers to it (`usage.rs`); entries, exposed, provided and fallback
//! modules are used whole (other builds may use any export), and so is every module imported
//! in a way that cannot be followed statically (escaping namespaces, `require` kept whole,
//! `export *`).

use super::UsedExports;
use std::collections::BTreeSet;

use rayon::prelude::*;

use super::usage::record_usages;
use crate::graph::{Module, ModuleFormat, ModuleGraph, ModuleIdx};

/// Per module: `Some(names)` for an ES module whose used exports are known, `None` when every
/// export counts as used (or the module is not an ES module).
pub fn used_exports(graph: &ModuleGraph) -> UsedExports {
    let mut used: UsedExports = graph
        .modules
        .iter()
        .map(|m| match m {
            Module::Normal(n) if n.format == ModuleFormat::Esm => Some(BTreeSet::new()),
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
    // One AST walk per module, on every core; merged in module order.
    let per_module: Vec<(usize, Vec<super::usage::RecordUsage>)> = graph
        .modules
        .par_iter()
        .enumerate()
        .filter_map(|(i, module)| match module {
            Module::Normal(m) if loaded[i] => Some((i, record_usages(m))),
            _ => None,
        })
        .collect();
    for (i, usages) in per_module {
        let Module::Normal(m) = graph.module(ModuleIdx(i as u32)) else {
            continue;
        };
        for u in usages {
            if matches!(
                m.records[u.record].barrel,
                crate::graph::Barrel::Skipped { .. }
            ) {
                continue;
            }
            let target = m.records[u.record].target;
            if u.uses_all {
                all(target, &mut used);
            } else if let Some(set) = &mut used[target] {
                set.extend(u.used);
            }
        }
    }
    used
}
