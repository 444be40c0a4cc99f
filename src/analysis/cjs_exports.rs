//! CommonJS modules whose exports are one object literal (`module.exports = { a, b: …,
//! c() {} }`), the shape webpack 5's CommonJS tree shaking reads: when every importer's use
//! is known (`require("./m").a`, `const { a } = require("./m")`, `import { a } from "./m"`),
//! the properties nobody reads are dropped in production, and the minifier then drops the
//! functions only they referred to.
//!
//! The shape is checked strictly, so that dropping a property can change nothing else:
//! exactly one reference to the free `module` (the assignment, a top-level statement), none
//! to the free `exports`, no `this` anywhere (a method or the top level could read the
//! object through it), no `eval`, and static, distinct, plain keys (no spread, no computed
//! key, no `__esModule`).

use std::collections::BTreeSet;

use swc_common::SyntaxContext;
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use crate::graph::{ModuleFormat, NormalModule};

/// The key of a property of the exports object, if it is a plain static one.
fn key_name(prop: &PropOrSpread) -> Option<String> {
    let PropOrSpread::Prop(p) = prop else {
        return None;
    };
    let key = match &**p {
        Prop::Shorthand(i) => return Some(i.sym.to_string()),
        Prop::KeyValue(kv) => &kv.key,
        Prop::Method(m) => &m.key,
        Prop::Getter(g) => &g.key,
        Prop::Setter(s) => &s.key,
        Prop::Assign(_) => return None,
    };
    match key {
        PropName::Ident(i) => Some(i.sym.to_string()),
        PropName::Str(s) => s.value.as_str().map(str::to_string),
        _ => None,
    }
}

/// `module.exports = <object>` with `module` free: the object.
fn exports_object(stmt: &Stmt, unresolved: SyntaxContext) -> Option<&ObjectLit> {
    let Stmt::Expr(ExprStmt { expr, .. }) = stmt else {
        return None;
    };
    let Expr::Assign(AssignExpr {
        op: AssignOp::Assign,
        left,
        right,
        ..
    }) = &**expr
    else {
        return None;
    };
    let AssignTarget::Simple(SimpleAssignTarget::Member(member)) = left else {
        return None;
    };
    let Expr::Ident(obj) = &*member.obj else {
        return None;
    };
    let MemberProp::Ident(prop) = &member.prop else {
        return None;
    };
    if obj.sym != *"module" || obj.ctxt != unresolved || prop.sym != *"exports" {
        return None;
    }
    match &**right {
        Expr::Object(o) => Some(o),
        _ => None,
    }
}

/// Counts what would make dropping a property unsafe.
struct Hazards {
    unresolved: SyntaxContext,
    module_refs: usize,
    exports_refs: usize,
    this: bool,
}

impl Visit for Hazards {
    fn visit_ident(&mut self, i: &Ident) {
        if i.ctxt == self.unresolved {
            match &*i.sym {
                "module" => self.module_refs += 1,
                "exports" | "eval" => self.exports_refs += 1,
                _ => {}
            }
        }
    }

    fn visit_this_expr(&mut self, _: &ThisExpr) {
        self.this = true;
    }
}

/// The exports object's keys when `m` has the shape (see the module documentation).
pub fn object_export_keys(m: &NormalModule) -> Option<BTreeSet<String>> {
    if m.format != ModuleFormat::CommonJs {
        return None;
    }
    let program = m.program();
    let Program::Script(script) = &*program else {
        return None;
    };
    let mut object = None;
    for stmt in &script.body {
        if let Some(o) = exports_object(stmt, m.unresolved_ctxt) {
            if object.is_some() {
                return None;
            }
            object = Some(o);
        }
    }
    let object = object?;
    let mut hazards = Hazards {
        unresolved: m.unresolved_ctxt,
        module_refs: 0,
        exports_refs: 0,
        this: false,
    };
    script.visit_with(&mut hazards);
    if hazards.module_refs != 1 || hazards.exports_refs != 0 || hazards.this {
        return None;
    }
    let mut keys = BTreeSet::new();
    for prop in &object.props {
        let key = key_name(prop)?;
        if key == "__esModule" || !keys.insert(key) {
            return None;
        }
    }
    Some(keys)
}

/// Drops the properties of the exports object that `used` does not name (the module has
/// the shape: [`object_export_keys`] said so).
pub fn prune(body: &mut [Stmt], used: &BTreeSet<String>, unresolved: SyntaxContext) {
    for stmt in body.iter_mut() {
        if exports_object(stmt, unresolved).is_none() {
            continue;
        }
        let Stmt::Expr(ExprStmt { expr, .. }) = stmt else {
            continue;
        };
        let Expr::Assign(assign) = &mut **expr else {
            continue;
        };
        if let Expr::Object(o) = &mut *assign.right {
            o.props
                .retain(|p| key_name(p).is_some_and(|k| used.contains(&k)));
        }
    }
}

/// `used` reads the whole object (a default import, `__esModule`), not properties.
pub fn reads_whole(used: &BTreeSet<String>) -> bool {
    used.contains("default") || used.contains("__esModule")
}
