//! Following re-exports to the modules that define names, and the small re-exporting copy
//! of a module made from that: used by barrel skipping (`barrels.rs`, a namespace import read
//! only as `ns.name`) and shared tree shaking (`shared_shaking.rs`, a shaken copy of a shared
//! module).

use super::Exports;
use std::collections::HashMap;

use super::exports::{ExportsInfo, ResolvedExport};
use crate::graph::collect_imports::collect;
use crate::graph::parse::{Defines, Lang, SourceKind, parse_js};
use crate::graph::{
    ExportSource, ImportRecord, Module, ModuleFormat, ModuleGraph, ModuleIdx, NormalModule,
};

/// Whether module `m` is an ES module of the project (not a federation node).
pub(super) fn esm(graph: &ModuleGraph, m: ModuleIdx) -> bool {
    matches!(graph.module(m), Module::Normal(n) if n.format == ModuleFormat::Esm)
}

/// Follows `name` of `module` through re-exports of side-effect-free ES modules to the ES
/// module that defines it. `None` when it cannot be followed safely.
pub fn resolve(
    graph: &ModuleGraph,
    exports: &Exports,
    module: ModuleIdx,
    name: &str,
    depth: u32,
) -> Option<(ModuleIdx, String)> {
    if depth > 32 {
        return None;
    }
    let Module::Normal(m) = graph.module(module) else {
        return None;
    };
    if m.format != ModuleFormat::Esm {
        return None;
    }
    // Only a side-effect-free module may be passed through; others define what they export.
    if !graph.packages.side_effect_free(&m.path) {
        return Some((module, name.to_string()));
    }
    let next = match m.esm.exports.get(name) {
        Some(ExportSource::Local) => return Some((module, name.to_string())),
        Some(ExportSource::ReExport {
            record, imported, ..
        }) => {
            let n = imported.name()?.to_string();
            (m.records[*record].target, n)
        }
        None => match exports.get(module)?.as_ref()?.names.get(name)? {
            ResolvedExport::Star { record } => (m.records[*record].target, name.to_string()),
            ResolvedExport::Own => return None,
        },
    };
    if !esm(graph, next.0) {
        return None;
    }
    resolve(graph, exports, next.0, &next.1, depth + 1)
}

/// A module `<root id>?shaken` that re-exports `names` of `root` from the modules that define
/// them (`?shaken-2`, ... when several copies of one module exist).
pub fn make_copy(
    graph: &mut ModuleGraph,
    exports: &mut Exports,
    root: ModuleIdx,
    names: &[String],
) -> Result<ModuleIdx, String> {
    let Module::Normal(r) = graph.module(root) else {
        return Err(format!(
            "{} is not a JavaScript module",
            graph.module(root).id()
        ));
    };
    if r.format != ModuleFormat::Esm {
        return Err(format!("{} is not an ES module", r.id));
    }
    let (root_id, root_path) = (r.id.clone(), r.path.clone());
    // The modules load in the order the root's own requests would load them.
    let position = |name: &String| match r.esm.exports.get(name) {
        Some(crate::graph::ExportSource::ReExport { record, .. }) => *record,
        _ => match exports.get(root).and_then(|e| e.as_ref()?.names.get(name)) {
            Some(ResolvedExport::Star { record }) => *record,
            _ => usize::MAX,
        },
    };
    let mut ordered: Vec<&String> = names.iter().collect();
    ordered.sort_by_key(|n| (position(n), (*n).clone()));
    let mut source = String::new();
    let mut targets: HashMap<String, ModuleIdx> = HashMap::new();
    for name in ordered {
        let Some((to, export)) = resolve(graph, exports, root, name, 0) else {
            return Err(format!(
                "`{name}` cannot be followed to the module that defines it"
            ));
        };
        if to == root {
            return Err(format!(
                "`{name}` is defined in {root_id} itself (or its package may have side effects), so the whole module is needed"
            ));
        }
        let request = graph.module(to).id().to_string();
        targets.insert(request.clone(), to);
        source.push_str(&format!(
            "export {{ {} as {} }} from {};\n",
            export_name(&export),
            export_name(name),
            serde_json::to_string(&request).unwrap_or_default()
        ));
    }
    let mut id = format!("{root_id}?shaken");
    let mut n = 2;
    while graph.modules.iter().any(|m| m.id() == id) {
        id = format!("{root_id}?shaken-{n}");
        n += 1;
    }
    let parsed = parse_js(
        &id,
        &source,
        SourceKind::Module,
        Lang::Js,
        &Defines::default(),
        &Default::default(),
    )
    .map_err(|_| format!("internal: the shaken copy of {root_id} does not parse"))?;
    let collected = collect(&id, &source, &parsed.program, parsed.unresolved_ctxt);
    let records = collected
        .records
        .into_iter()
        .map(|rec| ImportRecord {
            target: targets[&rec.request],
            request: rec.request,
            kind: rec.kind,
            span: rec.span,
            chunk_name: rec.chunk_name,
            optional: rec.optional,
            shared: None,
            remote: None,
            barrel: rec.barrel,
        })
        .collect();
    let module = NormalModule {
        id,
        path: root_path,
        reads_share_scopes: crate::graph::collect_imports::reads_share_scopes(&source),
        source: crate::graph::source::Source::from(source.as_str()),
        format: ModuleFormat::Esm,
        node_strict: true,
        ast: crate::graph::ast::ModuleAst::consumed(parsed.program, parsed.globals),
        unresolved_ctxt: parsed.unresolved_ctxt,
        pure: parsed.pure.clone(),
        records,
        call_sites: collected.call_sites,
        esm: collected.esm,
        import_meta: false,
        attributes_at_run_time: false,
        top_level_await: None,
        contexts: Default::default(),
    };
    let idx = graph.push(Module::Normal(Box::new(module)));
    exports.push(Some(ExportsInfo {
        names: names
            .iter()
            .map(|n| (n.clone(), ResolvedExport::Own))
            .collect(),
        has_dynamic: false,
        ambiguous: Default::default(),
    }));
    Ok(idx)
}

/// An export name as written in `export { a as b }`: an identifier or a string.
fn export_name(name: &str) -> String {
    if crate::js_names::is_ident_name(name) || name == "default" {
        name.to_string()
    } else {
        serde_json::to_string(name).unwrap_or_default()
    }
}
