//! One member of a group lowered on its own (its AST carries its own hygiene marks):
//! statements without import/export declarations, shaken, with its top-level bindings and
//! the other names it uses.

use std::collections::HashSet;
use std::sync::Arc;

use swc_atoms::Atom;
use swc_common::{GLOBALS, Globals};
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitMutWith, VisitWith};

use crate::codegen::transform_module::{TransformContext, decl_idents, lower_esm};
use crate::graph::{ModuleIdx, NormalModule};

/// One member lowered on its own: statements without import/export declarations, shaken.
pub struct Prepared {
    /// `Object.defineProperty(f, "name", ...)` of anonymous default functions: run at the
    /// start of the group (functions are hoisted; a cycle may read them early).
    pub(super) name_fixes: Vec<Stmt>,
    pub(super) body: Vec<Stmt>,
    /// Export name -> local binding (possibly an import binding).
    pub(super) exports: Vec<(String, Ident)>,
    /// Top-level bindings, in declaration order.
    pub(super) top: Vec<Id>,
    /// Every other identifier name in the body: nested bindings and globals (not top-level
    /// bindings, not import bindings, which get their names from the group).
    pub(super) atoms: HashSet<Atom>,
    pub(super) globals: Arc<Globals>,
}

pub fn prepare(
    m: &NormalModule,
    program: Program,
    idx: ModuleIdx,
    cx: &TransformContext,
) -> Prepared {
    let Program::Module(module) = program else {
        unreachable!("plan() only takes ES modules")
    };
    let globals = m.globals();
    GLOBALS.set(&globals, || {
        let default_local = format!("{}_default", stem(&m.id));
        let lowered = lower_esm(module, &default_local);
        let mut name_fixes = lowered.name_fixes;
        let mut body = lowered.body;
        let mut exports = lowered.exports;
        let import_ids: HashSet<Id> = m.esm.imports.iter().map(|b| b.local.clone()).collect();
        if !import_ids.is_empty() {
            body.visit_mut_with(&mut crate::codegen::transform_module::ImportWrites(
                |id: &Id| import_ids.contains(id),
            ));
        }
        alias_default(&mut body, &mut exports, &default_local, &import_ids);
        if let Some(Some(used)) = cx.used_exports.map(|u| &u[idx]) {
            if !used.contains("default") {
                name_fixes.clear();
            }
            let roots: HashSet<Atom> = exports
                .iter()
                .filter(|(name, _)| used.contains(name))
                .map(|(_, i)| i.sym.clone())
                .collect();
            body = crate::codegen::shake::shake(body, &roots, &m.pure);
        }
        let top = top_level_ids(&body);
        let mut skip = import_ids;
        skip.extend(top.iter().cloned());
        let mut atoms = Atoms {
            skip: &skip,
            names: HashSet::new(),
        };
        body.visit_with(&mut atoms);
        name_fixes.visit_with(&mut atoms);
        Prepared {
            name_fixes,
            body,
            exports,
            top,
            atoms: atoms.names,
            globals: globals.clone(),
        }
    })
}

pub(super) fn stem(id: &str) -> String {
    let file = id.rsplit('/').next().unwrap_or(id);
    let file = file.split('?').next().unwrap_or(file);
    let base = file.split('.').next().unwrap_or(file);
    let clean = crate::js_names::underscore_except(base, "_$");
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
    // Safe when the binding holds its final value whenever the `export default` runs: a
    // function declaration (initialised before any code), or a declaration placed before
    // it; declared once and never assigned again.
    let id = source.to_id();
    let decls: Vec<(Id, usize, bool)> = top_level_decls(body)
        .into_iter()
        .filter(|(d, _, _)| *d == id)
        .collect();
    let [(_, at, function)] = decls.as_slice() else {
        return;
    };
    if imports.contains(&id) || !(*function || *at < pos) {
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
    let mut seen: HashSet<Id> = HashSet::new();
    top_level_decls(body)
        .into_iter()
        .filter(|(id, _, _)| seen.insert(id.clone()))
        .map(|(id, _, _)| id)
        .collect()
}

/// Every declaration of a module-scope binding: (binding, statement index, is a function
/// declaration), repeats included. `var`s in top-level blocks and loops count; bindings of
/// nested functions and block-scoped ones do not.
fn top_level_decls(body: &[Stmt]) -> Vec<(Id, usize, bool)> {
    let mut out = Vec::new();
    for (at, s) in body.iter().enumerate() {
        match s {
            Stmt::Decl(Decl::Fn(f)) => out.push((f.ident.to_id(), at, true)),
            Stmt::Decl(Decl::Class(c)) => out.push((c.ident.to_id(), at, false)),
            Stmt::Decl(d @ (Decl::Var(_) | Decl::Using(_))) if !matches!(d, Decl::Var(v) if v.kind == VarDeclKind::Var) =>
            {
                out.extend(decl_idents(d).into_iter().map(|i| (i.to_id(), at, false)));
            }
            s => {
                let mut vars = TopVars(Vec::new());
                s.visit_with(&mut vars);
                out.extend(vars.0.into_iter().map(|id| (id, at, false)));
            }
        }
    }
    out
}

/// `var` declarations outside nested functions and classes.
struct TopVars(Vec<Id>);

impl Visit for TopVars {
    fn visit_var_decl(&mut self, v: &VarDecl) {
        if v.kind == VarDeclKind::Var {
            self.0
                .extend(swc_ecma_utils::find_pat_ids::<_, Id>(&v.decls));
        }
        v.visit_children_with(self);
    }
    fn visit_function(&mut self, _: &Function) {}
    fn visit_arrow_expr(&mut self, _: &ArrowExpr) {}
    fn visit_class(&mut self, _: &Class) {}
    fn visit_getter_prop(&mut self, _: &GetterProp) {}
    fn visit_setter_prop(&mut self, _: &SetterProp) {}
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
