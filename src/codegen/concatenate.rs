//! Scope hoisting (webpack's ModuleConcatenationPlugin, rolldown's and esbuild's default):
//! the ES modules of a chunk that only static imports of other ES modules in the same
//! chunk reach are written into their importer's scope instead of a registry function
//! each. An imported binding becomes a direct reference to the exporting module's
//! top-level binding, renamed where two modules' names would meet, so bindings stay live
//! and evaluation order stays that of ES modules (a depth-first walk of the imports).
//!
//! - [`plan`] picks the groups: a root (any ES module) and the *inner* modules hoisted into
//!   it. A module is inner only if every importer is an ES module of the same group, none
//!   imports its namespace object, it is no entry, no `import()` or `require()` target and
//!   no shared or exposed module, and nothing of its exports is only known at run time.
//! - [`prepare`] lowers each member alone (its AST carries its own hygiene marks).
//! - [`render_group`] names every top-level binding of the group, resolves imports through
//!   re-exports to those names, and prints the members in evaluation order; imports of
//!   modules outside the group stay `__mf_require__` calls at their place in that order.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;
use std::sync::Arc;

use petgraph::Direction;
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;
use rayon::prelude::*;
use swc_atoms::Atom;
use swc_common::{GLOBALS, Globals, SyntaxContext};
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitMutWith, VisitWith};

use super::chunks::ChunkGraph;
use super::transform_module::{
    Access, BodyMap, ModuleOutput, Needs, Rewriter, TransformContext, access, decl_idents,
    import_order, import_var, is_ident_name, json, lower_esm, print_mapped,
};
use crate::analysis::ResolvedExport;
use crate::graph::{
    ExportSource, ImportKind, Imported, Module, ModuleFormat, ModuleGraph, ModuleIdx, NormalModule,
};

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
            && matches!(n.program, Program::Module(_))
            && !(n.source.contains("eval")
                && swc_ecma_transforms_base::rename::contains_eval(&n.program, true))
    })
}

pub fn plan(
    graph: &ModuleGraph,
    chunks: &ChunkGraph,
    exports: &[Option<crate::analysis::ExportsInfo>],
) -> Plan {
    let n = graph.modules.len();
    let host: Vec<bool> = graph.modules.par_iter().map(hostable).collect();
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
    let importers = |c: usize| -> Vec<(usize, ImportKind)> {
        graph
            .graph
            .edges_directed((c as u32).into(), Direction::Incoming)
            .map(|e| (e.source().index(), *e.weight()))
            .filter(|(p, _)| !chunks_of[*p].is_empty())
            .collect()
    };
    let mut candidate: Vec<bool> = (0..n)
        .map(|c| {
            if entry[c] || !host[c] || chunks_of[c].is_empty() {
                return false;
            }
            let dynamic_star = exports
                .get(c)
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
                        && graph.modules[p].as_normal().is_some_and(|pm| {
                            host[p] && !imports_namespace(pm, ModuleIdx(c as u32))
                        })
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

/// `import * as ns from "c"` or `export * as ns from "c"` in `m`: c's namespace object
/// must exist, so c keeps its registry function.
fn imports_namespace(m: &NormalModule, c: ModuleIdx) -> bool {
    let targets = |record: usize| m.records.get(record).is_some_and(|r| r.target == c);
    m.esm
        .imports
        .iter()
        .any(|b| b.imported == Imported::Namespace && targets(b.record))
        || m.esm.exports.values().any(|s| {
            matches!(s, ExportSource::ReExport { record, imported: Imported::Namespace, .. } if targets(*record))
        })
}

/// One member lowered on its own: statements without import/export declarations, shaken.
pub struct Prepared {
    body: Vec<Stmt>,
    /// Export name -> local binding (possibly an import binding).
    exports: Vec<(String, Ident)>,
    /// Top-level bindings, in declaration order.
    top: Vec<Id>,
    /// Every other identifier name in the body: nested bindings and globals (not top-level
    /// bindings, not import bindings, which get their names from the group).
    atoms: HashSet<Atom>,
    globals: Arc<Globals>,
}

pub fn prepare(m: &mut NormalModule, idx: ModuleIdx, cx: &TransformContext) -> Prepared {
    let program = std::mem::replace(
        &mut m.program,
        Program::Script(Script {
            span: swc_common::DUMMY_SP,
            body: vec![],
            shebang: None,
        }),
    );
    let Program::Module(module) = program else {
        unreachable!("plan() only takes ES modules")
    };
    let globals = m.globals.clone();
    GLOBALS.set(&globals, || {
        let default_local = format!("{}_default", stem(&m.id));
        let lowered = lower_esm(module, &default_local);
        let mut body = lowered.name_fixes;
        body.extend(lowered.body);
        let mut exports = lowered.exports;
        let import_ids: HashSet<Id> = m.esm.imports.iter().map(|b| b.local.clone()).collect();
        alias_default(&mut body, &mut exports, &default_local, &import_ids);
        if let Some(Some(used)) = cx.used_exports.map(|u| &u[idx.index()]) {
            let roots: HashSet<Atom> = exports
                .iter()
                .filter(|(name, _)| used.contains(name))
                .map(|(_, i)| i.sym.clone())
                .collect();
            body = super::shake::shake(body, &roots, &m.pure);
        }
        let top = top_level_ids(&body);
        let mut skip = import_ids;
        skip.extend(top.iter().cloned());
        let mut atoms = Atoms {
            skip: &skip,
            names: HashSet::new(),
        };
        body.visit_with(&mut atoms);
        Prepared {
            body,
            exports,
            top,
            atoms: atoms.names,
            globals: globals.clone(),
        }
    })
}

fn stem(id: &str) -> String {
    let file = id.rsplit('/').next().unwrap_or(id);
    let file = file.split('?').next().unwrap_or(file);
    let base = file.split('.').next().unwrap_or(file);
    let clean: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '$' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if clean.is_empty() || clean.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{clean}")
    } else {
        clean
    }
}

/// `export default x` of a top-level binding nothing assigns again: the default export is
/// `x` itself, not a copy (`const x_default = x`) that every importer would read instead.
fn alias_default(
    body: &mut Vec<Stmt>,
    exports: &mut [(String, Ident)],
    default_local: &str,
    imports: &HashSet<Id>,
) {
    let Some(pos) = body
        .iter()
        .position(|s| default_copy(s, default_local).is_some())
    else {
        return;
    };
    let Some(source) = default_copy(&body[pos], default_local).cloned() else {
        return;
    };
    let top: HashSet<Id> = top_level_ids(body).into_iter().collect();
    if imports.contains(&source.to_id()) || !top.contains(&source.to_id()) {
        return;
    }
    let mut assigned = Assigned::default();
    body.visit_with(&mut assigned);
    if assigned.ids.contains(&source.to_id()) {
        return;
    }
    body.remove(pos);
    for (name, local) in exports.iter_mut() {
        if name == "default" && local.sym == *default_local {
            *local = source.clone();
        }
    }
}

/// `const <default_local> = <identifier>;`: the identifier.
fn default_copy<'a>(s: &'a Stmt, default_local: &str) -> Option<&'a Ident> {
    let Stmt::Decl(Decl::Var(v)) = s else {
        return None;
    };
    let [d] = v.decls.as_slice() else { return None };
    let Pat::Ident(name) = &d.name else {
        return None;
    };
    if name.sym != *default_local {
        return None;
    }
    match d.init.as_deref() {
        Some(Expr::Ident(i)) => Some(i),
        _ => None,
    }
}

/// Bindings of the module scope: top-level declarations and `var`s in top-level blocks.
fn top_level_ids(body: &[Stmt]) -> Vec<Id> {
    let mut out: Vec<Id> = Vec::new();
    let mut ctxts: HashSet<SyntaxContext> = HashSet::new();
    for s in body {
        if let Stmt::Decl(d) = s {
            for i in decl_idents(d) {
                ctxts.insert(i.ctxt);
                out.push(i.to_id());
            }
        }
    }
    // `for (var i ...)` and `if (x) { var y }` at the top level bind in the module scope
    // too: they carry the same context as the top-level declarations.
    let mut seen: HashSet<Id> = out.iter().cloned().collect();
    let nested = body
        .iter()
        .filter(|s| !matches!(s, Stmt::Decl(Decl::Fn(_) | Decl::Class(_))))
        .flat_map(swc_ecma_utils::find_pat_ids::<_, Id>);
    for id in nested {
        if ctxts.contains(&id.1) && seen.insert(id.clone()) {
            out.push(id);
        }
    }
    out
}

struct Atoms<'a> {
    skip: &'a HashSet<Id>,
    names: HashSet<Atom>,
}

impl Visit for Atoms<'_> {
    fn visit_ident(&mut self, i: &Ident) {
        if !self.skip.contains(&i.to_id()) {
            self.names.insert(i.sym.clone());
        }
    }
}

/// Identifiers written to anywhere (assignments, `++`, `for (x in/of ...)`).
#[derive(Default)]
struct Assigned {
    ids: HashSet<Id>,
}

impl Visit for Assigned {
    fn visit_assign_expr(&mut self, a: &AssignExpr) {
        match &a.left {
            AssignTarget::Simple(SimpleAssignTarget::Ident(i)) => {
                self.ids.insert(i.to_id());
            }
            AssignTarget::Pat(p) => {
                let ids: Vec<Id> = swc_ecma_utils::find_pat_ids(p);
                self.ids.extend(ids);
            }
            _ => {}
        }
        a.visit_children_with(self);
    }

    fn visit_update_expr(&mut self, u: &UpdateExpr) {
        if let Expr::Ident(i) = &*u.arg {
            self.ids.insert(i.to_id());
        }
        u.visit_children_with(self);
    }

    fn visit_for_head(&mut self, h: &ForHead) {
        if let ForHead::Pat(p) = h {
            let ids: Vec<Id> = swc_ecma_utils::find_pat_ids(&**p);
            self.ids.extend(ids);
        }
        h.visit_children_with(self);
    }
}

/// Where an export of a member ends up.
enum Resolved {
    /// A top-level binding of member `k`.
    Local(usize, Id),
    /// Read from a module outside the group through member `k`'s import of `record`.
    External(usize, usize, Imported),
    /// No such export.
    Missing,
}

struct Group<'a> {
    graph: &'a ModuleGraph,
    cx: &'a TransformContext<'a>,
    members: Vec<ModuleIdx>,
    index: HashMap<ModuleIdx, usize>,
    prepared: Vec<Prepared>,
}

impl Group<'_> {
    fn module(&self, k: usize) -> &NormalModule {
        self.graph.modules[self.members[k].index()]
            .as_normal()
            .expect("group members are normal modules")
    }

    fn resolve(&self, k: usize, name: &str, depth: u32) -> Resolved {
        if depth > 64 {
            return Resolved::Missing;
        }
        let m = self.module(k);
        if let Some((_, local)) = self.prepared[k].exports.iter().find(|(n, _)| n == name) {
            if let Some(b) = m.esm.imports.iter().find(|b| b.local == local.to_id()) {
                return self.resolve_import(k, b.record, &b.imported, depth);
            }
            return Resolved::Local(k, local.to_id());
        }
        if let Some(ExportSource::ReExport {
            record, imported, ..
        }) = m.esm.exports.get(name)
        {
            return self.resolve_import(k, *record, imported, depth);
        }
        if let Some(Some(info)) = self.cx.exports.get(self.members[k].index())
            && let Some(ResolvedExport::Star { record }) = info.names.get(name)
        {
            return self.resolve_import(k, *record, &Imported::from_name(name), depth);
        }
        Resolved::Missing
    }

    fn resolve_import(&self, k: usize, record: usize, imported: &Imported, depth: u32) -> Resolved {
        let target = self.module(k).records[record].target;
        match (self.index.get(&target), imported.name()) {
            (Some(&j), Some(name)) => self.resolve(j, name, depth + 1),
            _ => Resolved::External(k, record, imported.clone()),
        }
    }
}

/// Functions and classes report the name they were declared with (`f.name`), also when
/// the group renamed their binding: `Object.defineProperty` puts it back, at the top of the
/// module for hoisted functions and after the declaration otherwise. Runs before renaming
/// (the fix reads the binding's identifier, which the renaming then updates).
fn keep_names(body: Vec<Stmt>, rename: &rustc_hash::FxHashMap<Id, Atom>) -> Vec<Stmt> {
    let fix = |i: &Ident| super::transform_module::name_fix_for(i.clone(), &i.sym);
    let mut hoisted = Vec::new();
    let mut out = Vec::with_capacity(body.len());
    for s in body {
        let mut after = Vec::new();
        if let Stmt::Decl(d) = &s {
            match d {
                Decl::Fn(f) if rename.contains_key(&f.ident.to_id()) => hoisted.push(fix(&f.ident)),
                Decl::Class(c) if rename.contains_key(&c.ident.to_id()) => {
                    after.push(fix(&c.ident))
                }
                Decl::Var(v) => {
                    for d in &v.decls {
                        if let (Pat::Ident(name), Some(init)) = (&d.name, &d.init)
                            && rename.contains_key(&name.to_id())
                            && super::transform_module::is_anonymous_fn_or_class(init)
                        {
                            after.push(fix(&name.id));
                        }
                    }
                }
                _ => {}
            }
        }
        out.push(s);
        out.extend(after);
    }
    hoisted.extend(out);
    hoisted
}

enum Entry {
    /// Member `k` loads its import `record` from outside the group.
    External(usize, usize),
    Module(usize),
}

/// The registry function body of a group (root first in `members`).
pub fn render_group(
    graph: &ModuleGraph,
    cx: &TransformContext,
    members: Vec<ModuleIdx>,
    prepared: Vec<Prepared>,
) -> ModuleOutput {
    let index: HashMap<ModuleIdx, usize> =
        members.iter().enumerate().map(|(k, m)| (*m, k)).collect();
    let mut group = Group {
        graph,
        cx,
        members,
        index,
        prepared,
    };

    let count = group.members.len();

    // Evaluation order: imports depth-first in source order, then the module.
    let mut order: Vec<Entry> = Vec::new();
    let mut visited = vec![false; count];
    fn visit(g: &Group, k: usize, visited: &mut [bool], order: &mut Vec<Entry>) {
        visited[k] = true;
        let m = g.module(k);
        for record in import_order(m) {
            let r = &m.records[record];
            if !matches!(r.kind, ImportKind::Static | ImportKind::ReExport) {
                continue;
            }
            match g.index.get(&r.target) {
                Some(&j) if !visited[j] => visit(g, j, visited, order),
                Some(_) => {}
                None => order.push(Entry::External(k, record)),
            }
        }
        order.push(Entry::Module(k));
    }
    visit(&group, 0, &mut visited, &mut order);
    for k in 0..count {
        if !visited[k] {
            visit(&group, k, &mut visited, &mut order);
        }
    }

    // Names: a top-level binding keeps its name unless another member uses that name in any
    // other way (a global, a nested binding) or already took it.
    let reserved: HashSet<Atom> = group
        .prepared
        .iter()
        .flat_map(|p| p.atoms.iter().cloned())
        .collect();
    let everything: HashSet<Atom> = group
        .prepared
        .iter()
        .flat_map(|p| p.top.iter().map(|(s, _)| s.clone()))
        .chain(reserved.iter().cloned())
        .collect();
    let mut taken: HashSet<Atom> = HashSet::new();
    // Next suffix to try per name, so that a name used by many members costs one probe each.
    let mut next: HashMap<Atom, u32> = HashMap::new();
    let mut names: Vec<HashMap<Id, Atom>> = vec![HashMap::new(); count];
    for entry in &order {
        let Entry::Module(k) = *entry else { continue };
        for id in &group.prepared[k].top {
            let mut name = id.0.clone();
            if reserved.contains(&name) || taken.contains(&name) {
                let n = next.entry(id.0.clone()).or_insert(1);
                loop {
                    let candidate: Atom = format!("{}${n}", id.0).into();
                    *n += 1;
                    if !everything.contains(&candidate)
                        && !taken.contains(&candidate)
                        && !reserved.contains(&candidate)
                    {
                        name = candidate;
                        break;
                    }
                }
            }
            taken.insert(name.clone());
            names[k].insert(id.clone(), name);
        }
    }

    let suffix = |k: usize| format!("_{k}");
    let mut needs: Vec<HashMap<usize, Needs>> = vec![HashMap::new(); count];
    let access_of = |r: Resolved, needs: &mut Vec<HashMap<usize, Needs>>| -> Access {
        match r {
            Resolved::Local(j, id) => Access::Var(
                names[j]
                    .get(&id)
                    .map_or_else(|| id.0.to_string(), |a| a.to_string()),
            ),
            Resolved::External(j, record, imported) => access(
                cx,
                group.module(j),
                record,
                &imported,
                &mut needs[j],
                &suffix(j),
            ),
            Resolved::Missing => Access::Undefined,
        }
    };

    // The root's exports object (read by whatever is outside the group).
    let root_idx = group.members[0];
    let root = group.module(0);
    let mut export_names: Vec<String> = group.prepared[0]
        .exports
        .iter()
        .map(|(n, _)| n.clone())
        .collect();
    export_names.extend(root.esm.exports.keys().cloned());
    if let Some(Some(info)) = cx.exports.get(root_idx.index()) {
        export_names.extend(info.names.keys().cloned());
    }
    export_names.sort();
    export_names.dedup();
    if let Some(Some(used)) = cx.used_exports.map(|u| &u[root_idx.index()]) {
        export_names.retain(|n| used.contains(n));
    }
    let mut getters = Vec::new();
    for name in &export_names {
        let a = access_of(group.resolve(0, name, 0), &mut needs);
        let key = if is_ident_name(name) {
            name.clone()
        } else {
            json(name)
        };
        getters.push(format!("{key}: () => {}", a.text()));
    }
    let dynamic_stars: Vec<usize> = root
        .esm
        .star_exports
        .iter()
        .copied()
        .filter(|&record| {
            let target = root.records[record].target.index();
            !matches!(cx.exports.get(target), Some(Some(t)) if !t.has_dynamic)
        })
        .collect();

    // Each member's imports, resolved.
    let mut bindings: Vec<HashMap<Id, Access>> = Vec::with_capacity(count);
    for k in 0..count {
        let mut map = HashMap::new();
        for b in &group.module(k).esm.imports {
            let r = group.resolve_import(k, b.record, &b.imported, 0);
            map.insert(b.local.clone(), access_of(r, &mut needs));
        }
        bindings.push(map);
    }

    let mut out = String::new();
    out.push_str("\"use strict\";\n__mf_require__.r(__mf_exports__);");
    if !getters.is_empty() {
        let _ = write!(
            out,
            " __mf_require__.d(__mf_exports__, {{ {} }});",
            getters.join(", ")
        );
    }
    out.push('\n');
    // Lines of `out` up to byte `counted` (counted as it grows, for the mappings).
    let (mut lines, mut counted) = (0u32, 0usize);
    // Each member's statements, renamed, rewritten and printed (in parallel: independent
    // once names and bindings are known).
    let work: Vec<(usize, Vec<Stmt>, HashMap<Id, Access>)> = order
        .iter()
        .filter_map(|e| match *e {
            Entry::Module(k) => Some(k),
            Entry::External(..) => None,
        })
        .map(|k| {
            (
                k,
                std::mem::take(&mut group.prepared[k].body),
                std::mem::take(&mut bindings[k]),
            )
        })
        .collect();
    let group = &group;
    let names = &names;
    let source_maps = cx.source_maps;
    let printed: HashMap<usize, (String, Option<BodyMap>)> = work
        .into_par_iter()
        .filter(|(k, body, _)| !body.is_empty() || *k == 0)
        .map(|(k, mut body, bindings)| {
            let m = group.module(k);
            let printed = GLOBALS.set(&group.prepared[k].globals, || {
                let rename: rustc_hash::FxHashMap<Id, Atom> = names[k]
                    .iter()
                    .filter(|(id, name)| id.0 != **name)
                    .map(|(id, name)| (id.clone(), name.clone()))
                    .collect();
                if !rename.is_empty() {
                    body = keep_names(body, &rename);
                    body.visit_mut_with(&mut swc_ecma_transforms_base::rename::rename(&rename));
                }
                let mut rw = Rewriter::new(m, cx, bindings, true);
                body.visit_mut_with(&mut rw);
                let mut map = source_maps.then(BodyMap::default);
                let text = print_mapped(body, 0, group.members[k], map.as_mut());
                (text, map)
            });
            (k, printed)
        })
        .collect();
    let mut printed = printed;
    let mut map = cx.source_maps.then(BodyMap::default);
    for entry in &order {
        match *entry {
            Entry::External(k, record) => {
                let m = group.module(k);
                let target = m.records[record].target.index();
                let var = format!("{}{}", import_var(m, record), suffix(k));
                let pure = if cx.metas[target].pure {
                    "/*#__PURE__*/"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "var {var} = {pure}__mf_require__({});",
                    json(&cx.metas[target].id)
                );
                let n = needs[k].get(&record).copied().unwrap_or_default();
                if n.default_getter {
                    let _ = writeln!(
                        out,
                        "var {var}_default = /*#__PURE__*/__mf_require__.n({var});"
                    );
                }
                if n.namespace {
                    let strict = m.node_strict && cx.metas[target].format != ModuleFormat::Dynamic;
                    let _ = writeln!(
                        out,
                        "var {var}_ns = /*#__PURE__*/__mf_require__.t({var}, {strict});"
                    );
                }
                if k == 0 && dynamic_stars.contains(&record) {
                    let _ = writeln!(out, "__mf_require__.es(__mf_exports__, {var});");
                }
            }
            Entry::Module(k) => {
                let Some((text, body_map)) = printed.remove(&k) else {
                    continue;
                };
                let _ = writeln!(out, "// module {}", json(&group.module(k).id));
                lines += out[counted..].matches('\n').count() as u32;
                counted = out.len();
                if let (Some(map), Some(body_map)) = (map.as_mut(), body_map) {
                    map.mappings.extend(
                        body_map
                            .mappings
                            .into_iter()
                            .map(|(line, col, offset, module)| (line + lines, col, offset, module)),
                    );
                }
                out.push_str(&text);
            }
        }
    }
    ModuleOutput {
        params: super::transform_module::ESM_PARAMS,
        body: out,
        map,
    }
}
