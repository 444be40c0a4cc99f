//! Skipping side-effect-free barrels (production builds), as webpack's `sideEffects`
//! optimisation and esbuild do: `import { debounce } from "lodash-es"` loads
//! `lodash-es/debounce.js` directly instead of `lodash-es/lodash.js`, which would load all
//! of lodash. A module is skipped only when its package.json says `"sideEffects": false`,
//! it is an ES module, and every binding imported through the request resolves, through
//! re-exports and `export *`, to an ES module that defines it.
//!
//! The same rule drops imports of side-effect-free modules that load nothing the importer
//! uses (`import "./pure.js"`, or bindings never referenced), as webpack's `sideEffects`
//! optimisation does: such a module is not loaded at all. Modules whose code, not their
//! package, says they are side-effect-free get the same once the used exports are known
//! (`used_exports::drop_unused_imports`).
//!
//! A namespace import read only as `ns.name` (`import * as _ from "lodash-es"; _.debounce`)
//! is pointed at a small module that re-exports just the names read, from the modules that
//! define them (the same copy shared tree shaking makes, `reexport_copy::make_copy`).

use super::Exports;
use std::collections::HashMap;

use super::reexport_copy::esm;
use crate::graph::{
    Barrel, ExportSource, ImportKind, ImportRecord, Imported, Module, ModuleFormat, ModuleGraph,
    ModuleIdx,
};

/// (importing module, skipped record, [(binding, defining module, export name)])
type Plan = (ModuleIdx, usize, Vec<(usize, ModuleIdx, String)>);

pub fn skip_barrels(graph: &mut ModuleGraph, exports: &mut Exports) {
    // Decide everything first (the graph is read), then apply.
    let mut plans: Vec<Plan> = Vec::new();
    // (importing module, record, barrel) -> the names its namespace is read for.
    let mut namespaces: Vec<(
        ModuleIdx,
        usize,
        ModuleIdx,
        std::collections::BTreeSet<String>,
    )> = Vec::new();
    let mut usages: HashMap<ModuleIdx, Vec<super::usage::RecordUsage>> = HashMap::new();
    for (i, module) in graph.modules.iter_enumerated() {
        let Module::Normal(m) = module else { continue };
        if m.format != ModuleFormat::Esm {
            continue;
        }
        'records: for (r, record) in m.records.iter().enumerate() {
            if record.kind != ImportKind::Static || !esm(graph, record.target) {
                continue;
            }
            let Module::Normal(target) = graph.module(record.target) else {
                continue;
            };
            if !graph.packages.side_effect_free(&target.path) {
                continue;
            }
            // Only plain named/default imports: a namespace, a re-export or `export *` of the
            // request needs the module itself.
            if m.esm.star_exports.contains(&r)
                || m.esm
                    .exports
                    .values()
                    .any(|s| matches!(s, ExportSource::ReExport { record, .. } if *record == r))
            {
                continue;
            }
            // Nothing imported through it is referenced: not loaded at all.
            let usage = usages
                .entry(i)
                .or_insert_with(|| super::usage::record_usages(m));
            let unused = usage
                .iter()
                .find(|u| u.record == r)
                .is_none_or(|u| !u.uses_all && u.used.is_empty());
            if unused {
                plans.push((i, r, Vec::new()));
                continue;
            }
            // A namespace binding read member by member (with any named ones): the copy
            // exports every name read through the request.
            if m.esm
                .imports
                .iter()
                .any(|b| b.record == r && b.imported == Imported::Namespace)
            {
                if let Some(u) = usage.iter().find(|u| u.record == r)
                    && !u.uses_all
                {
                    namespaces.push((i, r, record.target, u.used.clone()));
                }
                continue;
            }
            let mut moves = Vec::new();
            for (b, binding) in m.esm.imports.iter().enumerate() {
                if binding.record != r {
                    continue;
                }
                let Some(name) = binding.imported.name() else {
                    continue 'records;
                };
                match super::reexport_copy::resolve(graph, exports, record.target, name, 0) {
                    Some((to, n)) if to != record.target => moves.push((b, to, n)),
                    _ => continue 'records,
                }
            }
            if !moves.is_empty() {
                plans.push((i, r, moves));
            }
        }
    }
    for (i, r, moves) in plans {
        let Module::Normal(m) = &mut graph.modules[i] else {
            continue;
        };
        let mut added: HashMap<ModuleIdx, usize> = HashMap::new();
        let mut redirects = Vec::new();
        for (b, to, name) in moves {
            let idx = *added.entry(to).or_insert_with(|| {
                let base = &m.records[r];
                let rec = ImportRecord {
                    request: base.request.clone(),
                    kind: ImportKind::Static,
                    span: base.span,
                    chunk_name: None,
                    optional: false,
                    shared: None,
                    remote: None,
                    barrel: Barrel::Redirect,
                    target: to,
                };
                m.records.push(rec);
                redirects.push(m.records.len() - 1);
                m.records.len() - 1
            });
            // (Shared with the parse cache's copy: copied on this first write.)
            let binding = &mut std::sync::Arc::make_mut(&mut m.esm).imports[b];
            binding.record = idx;
            binding.imported = Imported::from_name(&name);
        }
        m.records[r].barrel = Barrel::Skipped { redirects };
    }
    // Namespaces: one copy per barrel with every name read through any of them.
    let mut wanted: std::collections::BTreeMap<ModuleIdx, std::collections::BTreeSet<String>> =
        Default::default();
    for (_, _, barrel, names) in &namespaces {
        wanted
            .entry(*barrel)
            .or_default()
            .extend(names.iter().cloned());
    }
    let mut copies: HashMap<ModuleIdx, ModuleIdx> = HashMap::new();
    for (barrel, names) in wanted {
        let names: Vec<String> = names.into_iter().collect();
        if let Ok(copy) = super::reexport_copy::make_copy(graph, exports, barrel, &names) {
            copies.insert(barrel, copy);
        }
    }
    for (i, r, barrel, _) in namespaces {
        if let (Some(copy), Module::Normal(m)) = (copies.get(&barrel), &mut graph.modules[i]) {
            m.records[r].target = *copy;
        }
    }
}
