//! Removing the top-level declarations of an ES module that nothing needs: unused exports and
//! whatever only they used (production builds). Only declarations that cannot have side
//! effects go: function declarations, classes without static initialisers, computed keys or
//! a computed `extends`, and `var`/`let`/`const` of simple names initialised with literals,
//! functions, classes of that kind, object/array literals of those, or calls and `new`
//! annotated `/*#__PURE__*/` (with such arguments). A top-level statement that is only an
//! annotated call goes too.

use std::collections::HashSet;

use swc_atoms::Atom;
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

/// `body` without the removable declarations that neither `roots` (names the kept exports
/// read) nor any kept statement refers to.
pub fn shake(body: Vec<Stmt>, roots: &HashSet<Atom>, pure: &[u32]) -> Vec<Stmt> {
    let declared: Vec<Vec<Atom>> = body.iter().map(declared_names).collect();
    let top: HashSet<Atom> = declared.iter().flatten().cloned().collect();
    let refs: Vec<HashSet<Atom>> = body
        .iter()
        .map(|s| {
            let mut r = Refs {
                names: HashSet::new(),
                top: &top,
            };
            s.visit_with(&mut r);
            r.names
        })
        .collect();
    let removable: Vec<bool> = body.iter().map(|s| is_removable(s, pure)).collect();
    let mut live: Vec<bool> = removable.iter().map(|r| !r).collect();
    let mut needed: HashSet<Atom> = roots.clone();
    for (i, l) in live.iter().enumerate() {
        if *l {
            needed.extend(refs[i].iter().cloned());
        }
    }
    loop {
        let mut changed = false;
        for i in 0..body.len() {
            if !live[i] && declared[i].iter().any(|n| needed.contains(n)) {
                live[i] = true;
                needed.extend(refs[i].iter().cloned());
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    body.into_iter()
        .zip(live)
        .filter(|(_, l)| *l)
        .map(|(s, _)| s)
        .collect()
}

fn declared_names(s: &Stmt) -> Vec<Atom> {
    match s {
        Stmt::Decl(Decl::Fn(f)) => vec![f.ident.sym.clone()],
        Stmt::Decl(Decl::Class(c)) => vec![c.ident.sym.clone()],
        Stmt::Decl(Decl::Var(v)) => {
            let ids: Vec<Id> = swc_ecma_utils::find_pat_ids(&v.decls);
            ids.into_iter().map(|(s, _)| s).collect()
        }
        _ => vec![],
    }
}

fn is_removable(s: &Stmt, pure: &[u32]) -> bool {
    match s {
        Stmt::Decl(Decl::Fn(_)) => true,
        Stmt::Decl(Decl::Class(c)) => pure_class(&c.class, pure),
        Stmt::Decl(Decl::Var(v)) => v.decls.iter().all(|d| {
            matches!(d.name, Pat::Ident(_)) && d.init.as_deref().is_none_or(|e| pure_expr(e, pure))
        }),
        Stmt::Expr(e) => {
            matches!(&*e.expr, Expr::Call(_) | Expr::New(_)) && pure_expr(&e.expr, pure)
        }
        _ => false,
    }
}

/// An argument list without spreads whose values are side-effect-free.
fn pure_args(args: &[ExprOrSpread], pure: &[u32]) -> bool {
    args.iter()
        .all(|a| a.spread.is_none() && pure_expr(&a.expr, pure))
}

fn pure_class(c: &Class, pure: &[u32]) -> bool {
    if !c.decorators.is_empty() {
        return false;
    }
    if let Some(sup) = &c.super_class
        && !matches!(&**sup, Expr::Ident(_))
    {
        return false;
    }
    c.body.iter().all(|m| match m {
        ClassMember::Method(m) => !matches!(m.key, PropName::Computed(_)),
        ClassMember::PrivateMethod(_) | ClassMember::Empty(_) => true,
        ClassMember::Constructor(_) => true,
        ClassMember::ClassProp(p) => {
            !matches!(p.key, PropName::Computed(_))
                && (!p.is_static || p.value.as_deref().is_none_or(|e| pure_expr(e, pure)))
        }
        ClassMember::PrivateProp(p) => {
            !p.is_static || p.value.as_deref().is_none_or(|e| pure_expr(e, pure))
        }
        _ => false,
    })
}

fn pure_expr(e: &Expr, pure: &[u32]) -> bool {
    let annotated = |lo: swc_common::BytePos| pure.binary_search(&lo.0).is_ok();
    match e {
        Expr::Lit(_) | Expr::Fn(_) | Expr::Arrow(_) | Expr::Ident(_) => true,
        Expr::Call(c) => annotated(c.span.lo) && pure_args(&c.args, pure),
        Expr::New(n) => {
            annotated(n.span.lo) && n.args.as_deref().is_none_or(|a| pure_args(a, pure))
        }
        Expr::Class(c) => pure_class(&c.class, pure),
        Expr::Tpl(t) => t.exprs.is_empty(),
        Expr::Paren(p) => pure_expr(&p.expr, pure),
        Expr::Unary(u) => {
            matches!(
                u.op,
                UnaryOp::Minus | UnaryOp::Plus | UnaryOp::Bang | UnaryOp::Void
            ) && pure_expr(&u.arg, pure)
        }
        Expr::Array(a) => a
            .elems
            .iter()
            .flatten()
            .all(|x| x.spread.is_none() && pure_expr(&x.expr, pure)),
        Expr::Object(o) => o.props.iter().all(|p| match p {
            PropOrSpread::Prop(p) => match &**p {
                Prop::KeyValue(kv) => {
                    !matches!(kv.key, PropName::Computed(_)) && pure_expr(&kv.value, pure)
                }
                Prop::Shorthand(_) => true,
                Prop::Method(m) => !matches!(m.key, PropName::Computed(_)),
                Prop::Getter(g) => !matches!(g.key, PropName::Computed(_)),
                Prop::Setter(s) => !matches!(s.key, PropName::Computed(_)),
                Prop::Assign(_) => false,
            },
            PropOrSpread::Spread(_) => false,
        }),
        // `({ "name": value })["name"]`, how the bundler names anonymous functions and
        // classes: reading a plain data property of a fresh object.
        Expr::Member(m) => {
            matches!(&*m.obj, Expr::Object(_))
                && matches!(&m.prop, MemberProp::Computed(c) if matches!(&*c.expr, Expr::Lit(Lit::Str(_))))
                && pure_expr(&m.obj, pure)
        }
        _ => false,
    }
}

/// Top-level names a statement reads or writes (by name: a nested binding that shadows one
/// only makes the result keep more).
struct Refs<'a> {
    names: HashSet<Atom>,
    top: &'a HashSet<Atom>,
}

impl Refs<'_> {
    fn add(&mut self, i: &Ident) {
        if self.top.contains(&i.sym) {
            self.names.insert(i.sym.clone());
        }
    }
}

impl Visit for Refs<'_> {
    fn visit_expr(&mut self, e: &Expr) {
        if let Expr::Ident(i) = e {
            self.add(i);
        }
        e.visit_children_with(self);
    }

    fn visit_prop(&mut self, p: &Prop) {
        if let Prop::Shorthand(i) = p {
            self.add(i);
        }
        p.visit_children_with(self);
    }

    fn visit_simple_assign_target(&mut self, t: &SimpleAssignTarget) {
        if let SimpleAssignTarget::Ident(i) = t {
            self.add(&i.id);
        }
        t.visit_children_with(self);
    }

    fn visit_assign_pat_prop(&mut self, p: &AssignPatProp) {
        // `({ x } = obj)` writes x.
        self.add(&Ident::from(p.key.clone()));
        p.visit_children_with(self);
    }
}
