//! Which ES modules load without side effects, read from their code (webpack's
//! `optimization.sideEffects` analysis of module source, beside the package.json flag): every
//! top-level statement only declares (functions, classes without side-effecting static
//! parts, variables initialised by expressions swc's `may_have_side_effects` calls pure,
//! exports of those), and every module it imports statically is side-effect-free too (or
//! its package says `"sideEffects": false`). An import of such a module whose bindings are
//! never used can be dropped without changing what the program does.

use swc_ecma_ast::*;
use swc_ecma_utils::{ExprCtx, ExprExt, StmtExt, class_has_side_effect};

use crate::graph::{
    ImportKind, Module, ModuleFormat, ModuleGraph, ModuleIdx, ModuleVec, NormalModule,
};

/// Per module: loading it has no side effects (known from its code and its imports'; a
/// package's `"sideEffects": false` is [`crate::graph::Packages::side_effect_free`]).
pub fn side_effect_free(graph: &ModuleGraph) -> ModuleVec<bool> {
    use rayon::prelude::*;
    let own: Vec<bool> = graph
        .modules
        .par_iter()
        .enumerate()
        .map(|(i, m)| match m {
            Module::Normal(n) => {
                n.format == ModuleFormat::Esm
                    && !graph.resources.contains_key(&ModuleIdx(i as u32))
                    && declarations_only(n)
            }
            _ => false,
        })
        .collect();
    let mut free: ModuleVec<bool> = own.into_iter().collect();
    // Who loads each module statically; a module that loads one with side effects has them.
    let mut importers: ModuleVec<Vec<ModuleIdx>> =
        graph.modules.iter().map(|_| Vec::new()).collect();
    for (i, m) in graph.modules.iter_enumerated() {
        let Module::Normal(n) = m else { continue };
        for r in &n.records {
            if matches!(r.kind, ImportKind::Static | ImportKind::ReExport) {
                importers[r.target].push(i);
            }
        }
    }
    let mut stack: Vec<ModuleIdx> = graph
        .modules
        .indices()
        .filter(|&i| !free[i] && !graph.declared_side_effect_free(i))
        .collect();
    while let Some(t) = stack.pop() {
        for &i in &importers[t] {
            if free[i] {
                free[i] = false;
                stack.push(i);
            }
        }
    }
    free
}

/// How swc's `may_have_side_effects` reads the module's top level: strict (an ES module),
/// its own unresolved globals.
pub(super) fn purity_context(m: &NormalModule) -> ExprCtx {
    ExprCtx {
        unresolved_ctxt: m.unresolved_ctxt,
        is_unresolved_ref_safe: false,
        in_strict: true,
        remaining_depth: 4,
    }
}

/// Every top-level statement of the ES module only declares or imports (remembered with
/// the module's parse, which the persistent cache keeps).
pub(crate) fn declarations_only(m: &NormalModule) -> bool {
    *m.ast
        .declarations_only
        .get_or_init(|| top_level_declarations_only(m))
}

fn top_level_declarations_only(m: &NormalModule) -> bool {
    let program = m.program();
    let Program::Module(program) = &*program else {
        return false;
    };
    let ctx = purity_context(m);
    program.body.iter().all(|item| match item {
        ModuleItem::Stmt(s) => stmt_is_pure(s, ctx),
        ModuleItem::ModuleDecl(d) => match d {
            ModuleDecl::Import(_) | ModuleDecl::ExportNamed(_) | ModuleDecl::ExportAll(_) => true,
            ModuleDecl::ExportDecl(e) => decl_is_pure(&e.decl, ctx),
            ModuleDecl::ExportDefaultDecl(e) => match &e.decl {
                DefaultDecl::Class(c) => class_is_pure(&c.class, ctx),
                DefaultDecl::Fn(_) => true,
                DefaultDecl::TsInterfaceDecl(_) => true,
            },
            ModuleDecl::ExportDefaultExpr(e) => !e.expr.may_have_side_effects(ctx),
            _ => false,
        },
    })
}

fn stmt_is_pure(s: &Stmt, ctx: ExprCtx) -> bool {
    match s {
        Stmt::Decl(d) => decl_is_pure(d, ctx),
        Stmt::Empty(_) => true,
        // "use strict" and other directives.
        Stmt::Expr(e) => matches!(&*e.expr, Expr::Lit(Lit::Str(_))),
        s => !s.may_have_side_effects(ctx),
    }
}

fn decl_is_pure(d: &Decl, ctx: ExprCtx) -> bool {
    match d {
        Decl::Fn(_) => true,
        Decl::Class(c) => class_is_pure(&c.class, ctx),
        // A module's `var` is the module's own (swc's check counts it as a global's).
        Decl::Var(v) => v.decls.iter().all(|d| {
            d.name.is_ident()
                && d.init
                    .as_ref()
                    .is_none_or(|e| !e.may_have_side_effects(ctx))
        }),
        Decl::Using(_) | Decl::TsEnum(_) | Decl::TsModule(_) => false,
        // Types only.
        Decl::TsInterface(_) | Decl::TsTypeAlias(_) => true,
    }
}

/// Defining the class runs nothing: no decorators, no side-effecting `extends`, computed
/// keys, static initialisers or static blocks.
pub(super) fn class_is_pure(c: &Class, ctx: ExprCtx) -> bool {
    let decorated = !c.decorators.is_empty()
        || c.body.iter().any(|m| match m {
            ClassMember::Method(m) => !m.function.decorators.is_empty(),
            ClassMember::ClassProp(p) => !p.decorators.is_empty(),
            ClassMember::PrivateProp(p) => !p.decorators.is_empty(),
            _ => false,
        });
    !decorated && !class_has_side_effect(ctx, c)
}
