//! Scope hoisting (webpack's ModuleConcatenationPlugin, rolldown's and esbuild's default):
//! the ES modules of a chunk that only static imports of other ES modules in the same
//! chunk reach are written into their importer's scope instead of a registry function
//! each. An imported binding becomes a direct reference to the exporting module's
//! top-level binding, renamed where two modules' names would meet, so bindings stay live
//! and evaluation order stays that of ES modules (a depth-first walk of the imports).
//!
//! - `analysis/concat_plan.rs` (link stage) picks the groups: a root (any ES module) and the *inner* modules
//!   hoisted into it. A module is inner only if every importer is an ES module of the same
//!   group, it is no entry, no `import()` or `require()` target and no shared or exposed
//!   module, and nothing of its exports is only known at run time.
//! - `prepare.rs`: [`prepare`] lowers each member alone (its AST carries its own hygiene
//!   marks).
//! - this file: [`render_group`] names every top-level binding of the group, resolves
//!   imports through re-exports to those names (`ns.name` of a namespace import to the
//!   binding; a namespace used as a value to an object made in the group), and prints the
//!   members in evaluation order; imports of modules outside the group stay
//!   `__mf_require__` calls at their place in that order.
//! - `names.rs`: functions and classes keep their `.name` when renamed.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write;

use rayon::prelude::*;
use swc_atoms::Atom;
use swc_common::GLOBALS;
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitMut, VisitMutWith, VisitWith};

mod names;
mod prepare;

pub use prepare::{Prepared, prepare};

use names::keep_names;
use prepare::stem;

use crate::analysis::ResolvedExport;
use crate::codegen::transform_module::{
    Access, BodyMap, ModuleOutput, Needs, Rewriter, TransformContext, access, import_order,
    import_var, json, print_mapped,
};
use crate::graph::{ExportSource, ImportKind, Imported, ModuleGraph, ModuleIdx, NormalModule};
use crate::js_names::is_ident_name;

/// A module's namespace imports of other members: binding -> (member, its exports' accesses).
type NsImports = HashMap<Id, (usize, HashMap<String, Access>)>;

/// `ns.name` and `ns["name"]` of a member's namespace become the binding itself (`name` of
/// a call's callee too: `this` is then `undefined`, as webpack makes it).
struct NsMembers<'a> {
    namespaces: &'a NsImports,
}

impl VisitMut for NsMembers<'_> {
    fn visit_mut_expr(&mut self, e: &mut Expr) {
        if self.is_delete_of_member(e) {
            if let Expr::Unary(u) = e
                && let Expr::Member(m) = &mut *u.arg
            {
                m.prop.visit_mut_with(self);
            }
            return;
        }
        if let Expr::Member(m) = e
            && let Expr::Ident(obj) = &*m.obj
            && let Some((_, members)) = self.namespaces.get(&obj.to_id())
        {
            let name = match &m.prop {
                MemberProp::Ident(i) => Some(i.sym.to_string()),
                MemberProp::Computed(c) => match &*c.expr {
                    Expr::Lit(Lit::Str(s)) => Some(s.value.to_string_lossy().into_owned()),
                    _ => None,
                },
                MemberProp::PrivateName(_) => None,
            };
            if let Some(name) = name {
                let access = members.get(&name).cloned().unwrap_or(Access::Undefined);
                *e = match access {
                    Access::Member(..) => crate::codegen::transform_module::zero_seq(access.expr()),
                    a => a.expr(),
                };
                return;
            }
        }
        e.visit_mut_children_with(self);
    }
}

impl NsMembers<'_> {
    /// `delete ns.name` stays a delete on the namespace object (refused: a TypeError in
    /// strict code), not on the binding.
    fn is_delete_of_member(&self, e: &Expr) -> bool {
        matches!(e, Expr::Unary(u) if u.op == UnaryOp::Delete
            && matches!(&*u.arg, Expr::Member(m)
                if matches!(&*m.obj, Expr::Ident(obj) if self.namespaces.contains_key(&obj.to_id()))))
    }
}

/// The members whose namespace object a module still uses as a value.
struct NsUses<'a> {
    namespaces: &'a NsImports,
    escaped: BTreeSet<usize>,
}

impl Visit for NsUses<'_> {
    fn visit_ident(&mut self, i: &Ident) {
        if let Some((j, _)) = self.namespaces.get(&i.to_id()) {
            self.escaped.insert(*j);
        }
    }
}

/// Where an export of a member ends up.
enum Resolved {
    /// A top-level binding of member `k`.
    Local(usize, Id),
    /// Read from a module outside the group through member `k`'s import of `record`.
    External(usize, usize, Imported),
    /// The namespace object of member `k` (`import * as ns`, `export * as ns`).
    Namespace(usize),
    /// Read from the root's exports object at run time (its `export *` of CommonJS).
    RootExports(String),
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
        self.graph
            .module(self.members[k])
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
        if let Some(Some(info)) = self.cx.exports.get(self.members[k]) {
            if let Some(ResolvedExport::Star { record }) = info.names.get(name) {
                return self.resolve_import(k, *record, &Imported::from_name(name), depth);
            }
            if k == 0 && info.has_dynamic && name != "default" {
                // Maybe one of the root's `export *` of CommonJS: its exports object knows.
                return Resolved::RootExports(name.to_string());
            }
        }
        Resolved::Missing
    }

    fn resolve_import(&self, k: usize, record: usize, imported: &Imported, depth: u32) -> Resolved {
        let target = self.module(k).records[record].target;
        match (self.index.get(&target), imported.name()) {
            (Some(&j), Some(name)) => self.resolve(j, name, depth + 1),
            (Some(&j), None) => Resolved::Namespace(j),
            _ => Resolved::External(k, record, imported.clone()),
        }
    }

    /// Every export name of member `k` (its namespace object's keys), sorted.
    fn export_names(&self, k: usize) -> Vec<String> {
        let m = self.module(k);
        let mut names: Vec<String> = self.prepared[k]
            .exports
            .iter()
            .map(|(n, _)| n.clone())
            .collect();
        names.extend(m.esm.exports.keys().cloned());
        if let Some(Some(info)) = self.cx.exports.get(self.members[k]) {
            names.extend(info.names.keys().cloned());
        }
        names.sort();
        names.dedup();
        if let Some(Some(used)) = self.cx.used_exports.map(|u| &u[self.members[k]]) {
            names.retain(|n| used.contains(n));
        }
        names
    }
}

enum Entry {
    /// Member `k` loads its import `record` from outside the group.
    External(usize, usize),
    Module(usize),
}

impl Group<'_> {
    /// Evaluation order: imports depth-first in source order, then the module.
    fn evaluation_order(&self) -> Vec<Entry> {
        let count = self.members.len();
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
        visit(self, 0, &mut visited, &mut order);
        for k in 0..count {
            if !visited[k] {
                visit(self, k, &mut visited, &mut order);
            }
        }

        order
    }

    /// Names: a top-level binding keeps its name unless another member uses that name in
    /// any other way (a global, a nested binding) or already took it; then the names of the
    /// members' namespace objects.
    fn member_names(&self, order: &[Entry]) -> MemberNames {
        let group = self;
        let count = self.members.len();
        // Globals the bundler's own code in the group reads are never a member's name.
        let reserved: HashSet<Atom> = group
            .prepared
            .iter()
            .flat_map(|p| p.atoms.iter().cloned())
            .chain(["Object", "Symbol", "TypeError"].map(Atom::from))
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
        for entry in order {
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

        // Namespace objects (made only for members whose namespace is used as a value).
        let ns_names: Vec<String> = (0..count)
            .map(|k| {
                let base = format!("{}_namespace", stem(&group.module(k).id));
                let mut name: Atom = base.as_str().into();
                let mut n = 1;
                while everything.contains(&name)
                    || taken.contains(&name)
                    || reserved.contains(&name)
                {
                    name = format!("{base}${n}").into();
                    n += 1;
                }
                taken.insert(name.clone());
                name.to_string()
            })
            .collect();
        MemberNames {
            everything,
            taken,
            names,
            ns_names,
        }
    }
}

/// The names a group's members get (see [`Group::member_names`]).
struct MemberNames {
    /// Every name some member uses, and the globals the bundler's code reads.
    everything: HashSet<Atom>,
    /// The names given out.
    taken: HashSet<Atom>,
    /// Member -> its top-level bindings' names.
    names: Vec<HashMap<Id, Atom>>,
    /// Member -> the name of its namespace object (made only if used as a value).
    ns_names: Vec<String>,
}

/// A member to print: its index, (name fixes, body), its imports' accesses, its namespace
/// imports.
type Work = (
    usize,
    (Vec<Stmt>, Vec<Stmt>),
    HashMap<Id, Access>,
    NsImports,
);

/// A printed member: (body, its mappings, members whose namespace it uses as a value, name
/// fixes to run at the start of the group).
type Printed = (String, Option<BodyMap>, BTreeSet<usize>, String);

/// Each member's statements, renamed, rewritten and printed (in parallel: independent once
/// names and bindings are known).
fn print_members(
    group: &Group,
    names: &[HashMap<Id, Atom>],
    work: Vec<Work>,
) -> HashMap<usize, Printed> {
    let cx = group.cx;
    let source_maps = cx.source_maps;
    work.into_par_iter()
        .filter(|(k, (_, body), _, _)| !body.is_empty() || *k == 0)
        .map(|(k, (mut fixes, mut body), bindings, namespaces)| {
            let m = group.module(k);
            let printed = GLOBALS.set(&group.prepared[k].globals, || {
                let rename: rustc_hash::FxHashMap<Id, Atom> = names[k]
                    .iter()
                    .filter(|(id, name)| id.0 != **name)
                    .map(|(id, name)| (id.clone(), name.clone()))
                    .collect();
                if !rename.is_empty() && cx.keep_fn_names {
                    let (hoisted, kept) = keep_names(body, &rename);
                    fixes.extend(hoisted);
                    body = kept;
                }
                // The fixes go through the same renaming and rewriting, then apart again.
                let fix_count = fixes.len();
                fixes.extend(body);
                body = fixes;
                if !rename.is_empty() {
                    body.visit_mut_with(&mut swc_ecma_transforms_base::rename::rename(&rename));
                }
                let mut escaped = BTreeSet::new();
                if !namespaces.is_empty() {
                    body.visit_mut_with(&mut NsMembers {
                        namespaces: &namespaces,
                    });
                    let mut uses = NsUses {
                        namespaces: &namespaces,
                        escaped: BTreeSet::new(),
                    };
                    body.visit_with(&mut uses);
                    escaped = uses.escaped;
                }
                let mut rw = Rewriter::new(m, cx, bindings, true);
                body.visit_mut_with(&mut rw);
                let rest = body.split_off(fix_count);
                let fixes = print_mapped(body, 0, group.members[k], None);
                let mut map = source_maps.then(BodyMap::default);
                let text = print_mapped(rest, 0, group.members[k], map.as_mut());
                (text, map, escaped, fixes)
            });
            (k, printed)
        })
        .collect()
}

/// How the code of a group reads what a [`Resolved`] names, and what it needs for that:
/// the requires of modules outside the group (`needs`, per member) and the namespace
/// objects some code uses as a value (`ns_used`).
struct Accessor<'g> {
    group: &'g Group<'g>,
    names: &'g [HashMap<Id, Atom>],
    ns_names: &'g [String],
    suffixes: &'g [String],
    needs: Vec<HashMap<usize, Needs>>,
    ns_used: Vec<bool>,
}

impl Accessor<'_> {
    fn access(&mut self, r: Resolved) -> Access {
        match r {
            Resolved::Local(j, id) => Access::Var(
                self.names[j]
                    .get(&id)
                    .map_or_else(|| id.0.to_string(), |a| a.to_string()),
            ),
            Resolved::External(j, record, imported) => access(
                self.group.cx,
                self.group.module(j),
                record,
                &imported,
                &mut self.needs[j],
                &self.suffixes[j],
            ),
            Resolved::Namespace(j) => {
                self.ns_used[j] = true;
                Access::Var(self.ns_names[j].clone())
            }
            Resolved::RootExports(name) => Access::Member("__mf_exports__".into(), name),
            Resolved::Missing => Access::Undefined,
        }
    }

    /// `key: <how to read it>` of each export of member `j`, by name.
    fn exports_of(&mut self, j: usize) -> Vec<(String, Access)> {
        let group = self.group;
        group
            .export_names(j)
            .into_iter()
            .map(|name| {
                let a = self.access(group.resolve(j, &name, 0));
                (name, a)
            })
            .collect()
    }
}

/// An export name as an object literal key.
fn key(name: &str) -> String {
    if is_ident_name(name) {
        name.to_string()
    } else {
        json(name)
    }
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
    let order = group.evaluation_order();
    let MemberNames {
        everything,
        taken,
        names,
        ns_names,
    } = group.member_names(&order);
    let mut bodies: Vec<(Vec<Stmt>, Vec<Stmt>)> = group
        .prepared
        .iter_mut()
        .map(|p| {
            (
                std::mem::take(&mut p.name_fixes),
                std::mem::take(&mut p.body),
            )
        })
        .collect();
    let suffixes = external_suffixes(&group, &everything, &taken);
    let group = &group;
    let mut acc = Accessor {
        group,
        names: &names,
        ns_names: &ns_names,
        suffixes: &suffixes,
        needs: vec![HashMap::new(); count],
        ns_used: vec![false; count],
    };

    // The root's exports object (read by whatever is outside the group).
    let getters: Vec<String> = acc
        .exports_of(0)
        .into_iter()
        .map(|(name, a)| format!("{}: () => {}", key(&name), a.text()))
        .collect();
    let (mut bindings, mut ns_imports) = member_bindings(&mut acc);

    let mut out = String::new();
    // As for a module of its own (`transform_module`): the `__esModule` marker only where
    // the root's exports object may be observed.
    let root = group.members[0];
    let observed = match cx.used_exports.map(|u| &u[root]) {
        Some(Some(used)) => {
            used.len() != getters.len()
                || cx.metas[root].is_async
                || !matches!(cx.exports.get(root), Some(Some(info)) if !info.has_dynamic)
        }
        _ => true,
    };
    out.push_str("\"use strict\";\n");
    if observed {
        out.push_str("__mf_require__.r(__mf_exports__);");
    }
    if !getters.is_empty() {
        let _ = write!(
            out,
            " __mf_require__.d(__mf_exports__, {{ {} }});",
            getters.join(", ")
        );
    }
    out.push('\n');
    let work: Vec<Work> = order
        .iter()
        .filter_map(|e| match *e {
            Entry::Module(k) => Some(k),
            Entry::External(..) => None,
        })
        .map(|k| {
            (
                k,
                std::mem::take(&mut bodies[k]),
                std::mem::take(&mut bindings[k]),
                std::mem::take(&mut ns_imports[k]),
            )
        })
        .collect();
    let printed = print_members(group, &names, work);
    let root_complete = dynamic_stars(group).is_empty();
    write_namespace_objects(&mut out, &mut acc, &printed, root_complete);
    for entry in &order {
        if let Entry::Module(k) = *entry
            && let Some((_, _, _, fixes)) = printed.get(&k)
        {
            out.push_str(fixes);
        }
    }

    let map = write_members(
        &mut out,
        group,
        &order,
        printed,
        &acc.needs,
        &suffixes,
        &dynamic_stars(group),
    );
    ModuleOutput {
        params: crate::codegen::transform_module::ESM_PARAMS,
        body: out.into(),
        map,
    }
}

/// Suffixes of the import variables of modules outside the group:
/// `__mf_<stem>_<record>_<member>`, made longer in the unlikely case that a member already
/// uses such a name.
fn external_suffixes(
    group: &Group,
    everything: &HashSet<Atom>,
    taken: &HashSet<Atom>,
) -> Vec<String> {
    (0..group.members.len())
        .map(|k| {
            let m = group.module(k);
            let mut suffix = format!("_{k}");
            while (0..m.records.len()).any(|r| {
                let name: Atom = format!("{}{suffix}", import_var(m, r)).into();
                everything.contains(&name) || taken.contains(&name)
            }) {
                suffix.push('$');
            }
            suffix
        })
        .collect()
}

/// The root's `export *` records whose target's exports are only known at run time.
fn dynamic_stars(group: &Group) -> Vec<usize> {
    let root = group.module(0);
    root.esm
        .star_exports
        .iter()
        .copied()
        .filter(|&record| {
            let target = root.records[record].target;
            !matches!(group.cx.exports.get(target), Some(Some(t)) if !t.has_dynamic)
        })
        .collect()
}

/// Each member's imports, resolved. A namespace import of a member reads `ns.name` as the
/// binding itself; only other uses of `ns` need the namespace object.
fn member_bindings(acc: &mut Accessor) -> (Vec<HashMap<Id, Access>>, Vec<NsImports>) {
    let group = acc.group;
    let count = group.members.len();
    let mut bindings: Vec<HashMap<Id, Access>> = Vec::with_capacity(count);
    let mut ns_imports: Vec<NsImports> = Vec::with_capacity(count);
    for k in 0..count {
        let mut map = HashMap::new();
        let mut namespaces = HashMap::new();
        for b in &group.module(k).esm.imports {
            match group.resolve_import(k, b.record, &b.imported, 0) {
                Resolved::Namespace(j) => {
                    let members = acc.exports_of(j).into_iter().collect();
                    map.insert(b.local.clone(), Access::Var(acc.ns_names[j].clone()));
                    namespaces.insert(b.local.clone(), (j, members));
                }
                r => {
                    map.insert(b.local.clone(), acc.access(r));
                }
            }
        }
        bindings.push(map);
        ns_imports.push(namespaces);
    }
    (bindings, ns_imports)
}

/// Namespace objects that some code uses as a value, with ES namespace semantics (the
/// runtime's `__mf_require__.ns` over the member's exports: the root's exports object, or
/// getters for another member's). Making one may need another (an export that is a
/// namespace), so this runs until none is pending.
fn write_namespace_objects(
    out: &mut String,
    acc: &mut Accessor,
    printed: &HashMap<usize, Printed>,
    root_complete: bool,
) {
    for (_, _, escaped, _) in printed.values() {
        for &j in escaped {
            acc.ns_used[j] = true;
        }
    }
    let count = acc.ns_used.len();
    let mut made = vec![false; count];
    loop {
        let pending: Vec<usize> = (0..count).filter(|&j| acc.ns_used[j] && !made[j]).collect();
        if pending.is_empty() {
            break;
        }
        for j in pending {
            made[j] = true;
            // The root's namespace is the one `import()` and other chunks see: one object.
            // Not while the root's exports object still misses the names of its `export *`
            // of CommonJS (added as the group runs): the namespace would keep that snapshot.
            let exports = if j == 0 && root_complete {
                "__mf_exports__".to_string()
            } else {
                let getters: Vec<String> = acc
                    .exports_of(j)
                    .into_iter()
                    .map(|(name, a)| {
                        format!(
                            "{}: {{ enumerable: true, get: () => {} }}",
                            key(&name),
                            a.text()
                        )
                    })
                    .collect();
                format!(
                    "Object.defineProperties(Object.create(null), {{ {} }})",
                    getters.join(", ")
                )
            };
            let _ = writeln!(
                out,
                "var {} = /*#__PURE__*/__mf_require__.ns({exports});",
                acc.ns_names[j]
            );
        }
    }
}

/// The group's code after its exports line and namespace objects, in evaluation order: the
/// requires of modules outside the group (with their default and namespace helpers), and
/// each member's printed body; returns the mappings of the whole body.
fn write_members(
    out: &mut String,
    group: &Group,
    order: &[Entry],
    mut printed: HashMap<usize, Printed>,
    needs: &[HashMap<usize, Needs>],
    suffixes: &[String],
    dynamic_stars: &[usize],
) -> Option<BodyMap> {
    let cx = group.cx;
    let suffix = |k: usize| suffixes[k].clone();
    // Lines of `out` up to byte `counted` (counted as it grows, for the mappings).
    let (mut lines, mut counted) = (0u32, 0usize);
    let mut map = cx.source_maps.then(BodyMap::default);
    // The first variable each module outside the group was required into: members that
    // import it again alias it (one `__mf_require__` per module and group, as webpack's
    // concatenated modules share one import variable).
    let mut required: HashMap<ModuleIdx, String> = HashMap::new();
    for entry in order {
        match *entry {
            Entry::External(k, record) => {
                let m = group.module(k);
                let target = m.records[record].target;
                let var = format!("{}{}", import_var(m, record), suffix(k));
                let pure = if cx.metas[target].pure {
                    "/*#__PURE__*/"
                } else {
                    ""
                };
                match required.get(&target) {
                    Some(first) => {
                        let _ = writeln!(out, "var {var} = {first};");
                    }
                    None => {
                        let _ = writeln!(
                            out,
                            "var {var} = {pure}__mf_require__({});",
                            cx.metas[target].id
                        );
                        required.insert(target, var.clone());
                    }
                }
                let n = needs[k].get(&record).copied().unwrap_or_default();
                if n.default_getter {
                    let _ = writeln!(
                        out,
                        "var {var}_default = /*#__PURE__*/__mf_require__.n({var});"
                    );
                }
                if n.namespace {
                    let mode = super::transform_module::namespace_mode(m, &cx.metas[target]);
                    let _ = writeln!(
                        out,
                        "var {var}_ns = /*#__PURE__*/__mf_require__.t({var}, {mode});"
                    );
                }
                if k == 0 && dynamic_stars.contains(&record) {
                    let _ = writeln!(out, "__mf_require__.es(__mf_exports__, {var});");
                }
            }
            Entry::Module(k) => {
                let Some((text, body_map, _, _)) = printed.remove(&k) else {
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
    map
}
