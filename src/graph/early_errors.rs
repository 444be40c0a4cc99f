//! The specification's early errors of ES modules that swc's parser does not report, checked
//! on the resolved AST of plain JavaScript modules (TypeScript has `tsc` for these, and
//! allows what looks like a duplicate: overloads, declaration merging). Node refuses such a
//! module with a SyntaxError before running anything, so the build does too:
//! - an export name used twice, or one that is not well-formed Unicode;
//! - a top-level name declared twice lexically (`let`, `const`, `class`, `function` and
//!   imports, which are all lexical at a module's top level), or both lexically and with
//!   `var`;
//! - `export { x }` of a name the module does not declare;
//! - an import binding named `eval` or `arguments`;
//! - `#x` outside a class that declares it.

use std::collections::{HashMap, HashSet};

use swc_common::{Span, Spanned, SyntaxContext};
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use super::collect_imports::{decl_bindings, export_name};
use crate::diagnostics::{Code, Diagnostic, Location};

/// The early errors of `module` (empty when there are none).
pub fn check(
    module: &Module,
    file: &str,
    source: &str,
    unresolved: SyntaxContext,
) -> Vec<Diagnostic> {
    let mut c = Checker {
        file,
        source,
        errors: Vec::new(),
    };
    c.exports(module, unresolved);
    c.declarations(module);
    // Private names need a walk of the whole module: only where one can appear.
    if source.contains('#') {
        let mut p = PrivateNames {
            classes: Vec::new(),
            undeclared: Vec::new(),
        };
        module.visit_with(&mut p);
        for (name, span) in p.undeclared {
            c.error(
                span,
                format!("private name #{name} is not declared in an enclosing class"),
                "declare it in the class body (`#name;` or a `#name() {}` method) or use a public name",
            );
        }
    }
    c.errors
}

struct Checker<'a> {
    file: &'a str,
    source: &'a str,
    errors: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error(&mut self, span: Span, message: String, hint: &str) {
        let start = span.lo.0.saturating_sub(1) as usize;
        let end = span.hi.0.saturating_sub(1) as usize;
        self.errors.push(
            Diagnostic::new(Code::SyntaxError, message)
                .at(Location::from_range(self.file, self.source, start, end))
                .hint(hint.to_string()),
        );
    }

    /// Each export name once, well-formed; `export { x }` names a declared binding.
    fn exports(&mut self, module: &Module, unresolved: SyntaxContext) {
        let mut seen: HashSet<String> = HashSet::new();
        let mut exported = |c: &mut Self, name: String, span: Span| {
            if !seen.insert(name.clone()) {
                c.error(
                    span,
                    format!("the export name {name:?} is exported more than once"),
                    "export each name once; rename one of them with `as`",
                );
            }
        };
        for item in &module.body {
            let ModuleItem::ModuleDecl(decl) = item else {
                continue;
            };
            match decl {
                ModuleDecl::ExportDecl(e) => {
                    for (name, span) in decl_bindings(&e.decl) {
                        exported(self, name, span);
                    }
                }
                ModuleDecl::ExportDefaultDecl(d) => exported(self, "default".into(), d.span),
                ModuleDecl::ExportDefaultExpr(d) => exported(self, "default".into(), d.span),
                ModuleDecl::ExportAll(_) => {}
                ModuleDecl::ExportNamed(named) => {
                    for spec in &named.specifiers {
                        match spec {
                            ExportSpecifier::Named(n) => {
                                self.well_formed(&n.orig);
                                let name = n.exported.as_ref().unwrap_or(&n.orig);
                                if n.exported.is_some() {
                                    self.well_formed(name);
                                }
                                exported(self, export_name(name), name.span());
                                if named.src.is_none()
                                    && let ModuleExportName::Ident(local) = &n.orig
                                    && local.ctxt == unresolved
                                {
                                    self.error(
                                        local.span,
                                        format!("export of {:?}, which this module does not declare", &*local.sym),
                                        "declare it in this module, or re-export it with `export { name } from \"./module\"`",
                                    );
                                }
                            }
                            ExportSpecifier::Namespace(ns) => {
                                self.well_formed(&ns.name);
                                exported(self, export_name(&ns.name), ns.name.span());
                            }
                            ExportSpecifier::Default(d) => {
                                exported(self, d.exported.sym.to_string(), d.exported.span)
                            }
                        }
                    }
                }
                ModuleDecl::Import(import) => {
                    for spec in &import.specifiers {
                        let local = match spec {
                            ImportSpecifier::Named(n) => {
                                if let Some(imported) = &n.imported {
                                    self.well_formed(imported);
                                }
                                &n.local
                            }
                            ImportSpecifier::Default(d) => &d.local,
                            ImportSpecifier::Namespace(ns) => &ns.local,
                        };
                        if matches!(&*local.sym, "eval" | "arguments") {
                            self.error(
                                local.span,
                                format!(
                                    "an import cannot be named {:?} in strict code",
                                    &*local.sym
                                ),
                                "choose another local name with `as`",
                            );
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// A string export name must be well-formed Unicode (no lone surrogate).
    fn well_formed(&mut self, name: &ModuleExportName) {
        if let ModuleExportName::Str(s) = name
            && s.value.as_wtf8().as_str().is_none()
        {
            self.error(
                s.span,
                "this export name has a lone surrogate, which is not well-formed Unicode".into(),
                "use a name of whole characters (a surrogate pair, not half of one)",
            );
        }
    }

    /// Top-level lexical names are unique and not also declared with `var`.
    fn declarations(&mut self, module: &Module) {
        let mut lexical: HashMap<String, Span> = HashMap::new();
        let mut vars = VarNames::default();
        for item in &module.body {
            let names = match item {
                ModuleItem::ModuleDecl(ModuleDecl::Import(import)) => import
                    .specifiers
                    .iter()
                    .map(|s| match s {
                        ImportSpecifier::Named(n) => &n.local,
                        ImportSpecifier::Default(d) => &d.local,
                        ImportSpecifier::Namespace(ns) => &ns.local,
                    })
                    .map(|i| (i.sym.to_string(), i.span))
                    .collect(),
                ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => lexical_names(&e.decl),
                ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(d)) => match &d.decl {
                    DefaultDecl::Class(c) => c
                        .ident
                        .iter()
                        .map(|i| (i.sym.to_string(), i.span))
                        .collect(),
                    DefaultDecl::Fn(f) => f
                        .ident
                        .iter()
                        .map(|i| (i.sym.to_string(), i.span))
                        .collect(),
                    DefaultDecl::TsInterfaceDecl(_) => vec![],
                },
                ModuleItem::Stmt(Stmt::Decl(d)) => lexical_names(d),
                _ => vec![],
            };
            for (name, span) in names {
                if lexical.insert(name.clone(), span).is_some() {
                    self.error(
                        span,
                        format!("{name:?} is already declared in this module"),
                        "a module's top-level names are declared once; rename one of them",
                    );
                }
            }
            item.visit_with(&mut vars);
        }
        for (name, span) in vars.names {
            if lexical.contains_key(&name) {
                self.error(
                    span,
                    format!("{name:?} is declared with var and also lexically in this module"),
                    "a module's top-level names are declared once; rename one of them",
                );
            }
        }
    }
}

/// The lexical names a top-level declaration binds (all but `var`'s).
fn lexical_names(decl: &Decl) -> Vec<(String, Span)> {
    match decl {
        Decl::Var(v) if v.kind == VarDeclKind::Var => vec![],
        d => decl_bindings(d),
    }
}

/// `var` names of the module's top level: in nested blocks too, not inside functions.
#[derive(Default)]
struct VarNames {
    names: Vec<(String, Span)>,
}

impl Visit for VarNames {
    fn visit_var_decl(&mut self, v: &VarDecl) {
        if v.kind == VarDeclKind::Var {
            let ids: Vec<Ident> = swc_ecma_utils::find_pat_ids(&v.decls);
            self.names
                .extend(ids.into_iter().map(|i| (i.sym.to_string(), i.span)));
        }
    }
    fn visit_function(&mut self, _: &Function) {}
    fn visit_arrow_expr(&mut self, _: &ArrowExpr) {}
    fn visit_class(&mut self, _: &Class) {}
    fn visit_expr(&mut self, _: &Expr) {}
}

/// `#x` in a class body that declares it (or in a class nested in one).
struct PrivateNames {
    classes: Vec<HashSet<swc_atoms::Atom>>,
    undeclared: Vec<(String, Span)>,
}

impl Visit for PrivateNames {
    fn visit_class(&mut self, c: &Class) {
        let names = c
            .body
            .iter()
            .filter_map(|m| match m {
                ClassMember::PrivateMethod(m) => Some(m.key.name.clone()),
                ClassMember::PrivateProp(p) => Some(p.key.name.clone()),
                ClassMember::AutoAccessor(a) => match &a.key {
                    Key::Private(p) => Some(p.name.clone()),
                    Key::Public(_) => None,
                },
                _ => None,
            })
            .collect();
        // The heritage is outside the class's private environment.
        c.super_class.visit_with(self);
        self.classes.push(names);
        c.decorators.visit_with(self);
        c.body.visit_with(self);
        self.classes.pop();
    }

    fn visit_private_name(&mut self, n: &PrivateName) {
        if !self.classes.iter().any(|names| names.contains(&n.name)) {
            self.undeclared.push((n.name.to_string(), n.span));
        }
    }
}
