//! Functions and classes keep the `.name` they had when the group renames their binding.

use swc_atoms::Atom;
use swc_ecma_ast::*;
use swc_ecma_visit::{VisitMut, VisitMutWith};

use crate::codegen::transform_module::json;

/// Functions and classes report the name they were declared with (`f.name`), also when
/// the group renamed their binding: `Object.defineProperty` puts it back, for functions at
/// the start of the group (returned first: functions are hoisted, and a cycle may read them
/// early), for classes in a leading `static {}` block (before static initialisers read it;
/// not if the class defines a static `name` itself); anonymous functions and classes given
/// to a renamed binding are named through [`NamedEvaluation`]. Runs before renaming (the
/// fix reads the binding's identifier, which the renaming then updates).
pub(super) fn keep_names(
    body: Vec<Stmt>,
    rename: &rustc_hash::FxHashMap<Id, Atom>,
) -> (Vec<Stmt>, Vec<Stmt>) {
    let fix = |i: &Ident| crate::codegen::transform_module::name_fix_for(i.clone(), &i.sym);
    let mut hoisted = Vec::new();
    let mut out = Vec::with_capacity(body.len());
    for mut s in body {
        if let Stmt::Decl(d) = &mut s {
            match d {
                Decl::Fn(f) if rename.contains_key(&f.ident.to_id()) => hoisted.push(fix(&f.ident)),
                Decl::Class(c)
                    if rename.contains_key(&c.ident.to_id()) && !has_static_name(&c.class) =>
                {
                    let code = format!(
                        "class __mf_c__ {{ static {{ Object.defineProperty(this, \"name\", {{ value: {}, configurable: true }}); }} }}",
                        json(&c.ident.sym)
                    );
                    if let Stmt::Decl(Decl::Class(mut template)) =
                        crate::codegen::transform_module::parse_stmt(&code)
                    {
                        let block = template.class.body.remove(0);
                        c.class.body.insert(0, block);
                    }
                }
                _ => {}
            }
        }
        s.visit_mut_with(&mut NamedEvaluation { rename });
        out.push(s);
    }
    (hoisted, out)
}

/// An anonymous function or class given to a renamed binding (`const f = () => {}`,
/// `f = function () {}`, `{ f = class {} } = o`) takes the binding's name; renamed, it
/// would take the new one. `({ f: <value> }).f` names it as the original did.
struct NamedEvaluation<'a> {
    rename: &'a rustc_hash::FxHashMap<Id, Atom>,
}

impl NamedEvaluation<'_> {
    fn wrap(&self, binding: &Ident, value: &mut Box<Expr>) {
        if !self.rename.contains_key(&binding.to_id())
            || !crate::codegen::transform_module::is_anonymous_fn_or_class(value)
        {
            return;
        }
        let inner = std::mem::replace(
            &mut **value,
            Expr::Invalid(Invalid {
                span: swc_common::DUMMY_SP,
            }),
        );
        **value = crate::codegen::transform_module::named_value(inner, &binding.sym);
    }
}

impl VisitMut for NamedEvaluation<'_> {
    fn visit_mut_var_declarator(&mut self, d: &mut VarDeclarator) {
        d.visit_mut_children_with(self);
        if let (Pat::Ident(name), Some(init)) = (&d.name, &mut d.init) {
            self.wrap(&name.id, init);
        }
    }

    fn visit_mut_assign_expr(&mut self, a: &mut AssignExpr) {
        a.visit_mut_children_with(self);
        let named = matches!(
            a.op,
            AssignOp::Assign | AssignOp::AndAssign | AssignOp::OrAssign | AssignOp::NullishAssign
        );
        if named && let AssignTarget::Simple(SimpleAssignTarget::Ident(name)) = &a.left {
            self.wrap(&name.id, &mut a.right);
        }
    }

    fn visit_mut_assign_pat(&mut self, p: &mut AssignPat) {
        p.visit_mut_children_with(self);
        if let Pat::Ident(name) = &*p.left {
            self.wrap(&name.id, &mut p.right);
        }
    }

    fn visit_mut_assign_pat_prop(&mut self, p: &mut AssignPatProp) {
        p.visit_mut_children_with(self);
        if let Some(value) = &mut p.value {
            self.wrap(&p.key.id, value);
        }
    }
}

/// The class defines its own static `name` (field, method or accessor).
fn has_static_name(c: &Class) -> bool {
    c.body.iter().any(|m| {
        let (is_static, key) = match m {
            ClassMember::ClassProp(p) => (p.is_static, Some(&p.key)),
            ClassMember::Method(m) => (m.is_static, Some(&m.key)),
            ClassMember::AutoAccessor(a) => match &a.key {
                Key::Public(k) => (a.is_static, Some(k)),
                Key::Private(_) => (false, None),
            },
            _ => (false, None),
        };
        is_static
            && match key {
                Some(PropName::Ident(i)) => i.sym == *"name",
                Some(PropName::Str(s)) => s.value.to_string_lossy() == "name",
                Some(PropName::Computed(_)) => true,
                _ => false,
            }
    })
}
