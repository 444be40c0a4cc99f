//! One module's body as it goes into the registry: ES module syntax becomes calls into the
//! runtime (`__mf_require__`, `.r`, `.d`, `.n`, `.t`, `.es`), with imported bindings read
//! through the exporting module's exports object on every use, so bindings stay live and
//! circular imports work as in Node.
//!
//! The prologue (exports definition, import variables) is written as text; the body is the
//! module's own AST with references rewritten, printed by swc_ecma_codegen.

use crate::analysis::UsedExports;
use std::collections::HashMap;
use std::fmt::Write;

use swc_common::util::take::Take;
use swc_common::{DUMMY_SP, GLOBALS, SyntaxContext, sync::Lrc};
use swc_ecma_ast::*;
use swc_ecma_codegen::{Emitter, text_writer::JsWriter};
use swc_ecma_transforms_base::fixer::fixer;
use swc_ecma_visit::{VisitMut, VisitMutWith};

use crate::analysis::ResolvedExport;
use crate::graph::collect_imports::export_name;
use crate::graph::{Barrel, ExportSource, Imported, ModuleFormat, ModuleIdx, NormalModule};
use crate::js_names::is_ident_name;

/// The names of the wrapper's parameters. ES modules get names no user code uses, so a
/// top-level `const exports` in an ES module stays legal; CommonJS gets Node's names.
pub const ESM_PARAMS: &str = "__mf_module__, __mf_exports__, __mf_require__";
pub const CJS_PARAMS: &str = "module, exports, __mf_require__";

/// What the transform needs to know about other modules.
pub struct ModuleMeta {
    /// Its registry id as the output writes it ([`ModuleIds::literal`]).
    pub id: String,
    pub format: ModuleFormat,
    /// Loading it has no side effects (its package says `"sideEffects": false`; for a
    /// consume-shared module, its fallback's package): imports of it are marked
    /// `/*#__PURE__*/`, so that a minifier drops the ones nothing uses.
    pub pure: bool,
    /// It evaluates asynchronously (top-level await): importers wait for it.
    pub is_async: bool,
}

pub struct TransformContext<'a> {
    pub metas: &'a crate::graph::ModuleVec<ModuleMeta>,
    pub exports: &'a crate::analysis::Exports,
    /// Chunk ids an `import()` of each module must load first.
    pub dynamic_chunks: &'a HashMap<ModuleIdx, Vec<String>>,
    /// Module a `new Worker(new URL(...))` starts -> its entry chunk's file.
    pub worker_files: &'a HashMap<ModuleIdx, String>,
    /// Production builds: the exports each ES module must keep (`None` inside: all).
    pub used_exports: Option<&'a UsedExports>,
    /// Collect source-map mappings (`sourcemap = true`).
    pub source_maps: bool,
    /// Scope hoisting keeps the `.name` of functions and classes it renames. Not needed when
    /// the minifier mangles names anyway and no module reads a `.name`.
    pub keep_fn_names: bool,
    /// A Node build: the output file's CommonJS scope (`require`, `module`, `exports`,
    /// `__filename`, `__dirname`) must not show through in ES modules Node would run as such.
    pub node_target: bool,
    /// Hot module replacement: `module.hot` and `import.meta.hot` are the runtime's.
    pub hot: bool,
    /// React Fast Refresh: project modules register their components
    /// ([`super::hot::refresh_epilogue`]).
    pub refresh: bool,
}

/// One module's registry function: wrapper parameters, body text and, with source maps,
/// where the body's code came from.
#[derive(Clone)]
pub struct ModuleOutput {
    pub params: &'static str,
    /// Shared with the module-code cache, which hands out the same text to every build
    /// that reuses it.
    pub body: std::sync::Arc<str>,
    pub map: Option<BodyMap>,
}

/// Mappings of a module body back to the module's source.
#[derive(Default, Clone)]
pub struct BodyMap {
    /// (line in the body, column, byte offset in the source, module of that source), in
    /// output order (a concatenated group's body comes from several modules).
    pub mappings: Vec<(u32, u32, u32, ModuleIdx)>,
}

/// The wrapper parameters and body text of `m`.
pub fn transform_module(
    m: &NormalModule,
    program: Program,
    idx: ModuleIdx,
    cx: &TransformContext,
) -> ModuleOutput {
    if m.format == ModuleFormat::Json {
        let mut body = String::with_capacity(m.source.len() + 20);
        body.push_str("module.exports = ");
        body.push_str(m.source.trim());
        body.push_str(";\n");
        return ModuleOutput {
            params: CJS_PARAMS,
            body: body.into(),
            map: None,
        };
    }
    let mut map = cx.source_maps.then(BodyMap::default);
    let globals = m.globals();
    let (params, body) = GLOBALS.set(&globals, || match program {
        Program::Module(module) => (ESM_PARAMS, transform_esm(m, idx, module, cx, map.as_mut())),
        Program::Script(script) => {
            let mut rw = Rewriter::new(m, cx, HashMap::new(), false);
            let mut body = script.body;
            if m.format == ModuleFormat::CommonJs
                && let Some(Some(used)) = cx.used_exports.map(|u| &u[idx])
            {
                crate::analysis::cjs_exports::prune(&mut body, used, m.unresolved_ctxt);
            }
            body.visit_mut_with(&mut rw);
            (CJS_PARAMS, print_mapped(body, 0, idx, map.as_mut()))
        }
    });
    let mut body = body;
    if cx.refresh && super::hot::refreshes(m) {
        let module = if params == ESM_PARAMS {
            "__mf_module__"
        } else {
            "module"
        };
        body.push_str(&super::hot::refresh_epilogue(
            module,
            cx.metas[idx].is_async,
        ));
    }
    ModuleOutput {
        params,
        body: body.into(),
        map,
    }
}

pub(crate) fn import_var(m: &NormalModule, record: usize) -> String {
    let req = &m.records[record].request;
    let stem = req
        .rsplit('/')
        .find(|s| !s.is_empty() && *s != "." && *s != "..")
        .unwrap_or("module");
    let stem = stem.split('.').next().unwrap_or(stem);
    let clean = crate::js_names::underscore_except(stem, "");
    format!("__mf_{clean}_{record}")
}

fn is_esm(cx: &TransformContext, m: &NormalModule, record: usize) -> bool {
    cx.metas[m.records[record].target].format == ModuleFormat::Esm
}

/// How an imported name is read, as text (for the prologue) and as an expression (for the body).
#[derive(Clone)]
pub(crate) enum Access {
    /// `var` itself (`module.exports` as a Node-strict default, a local binding).
    Var(String),
    /// The namespace object of the exports object in `var`: `__mf_require__.ns(var)` where
    /// code holds it as a value, `var.name` straight from the exports object for a member.
    Namespace(String),
    /// `var.name` / `var["name"]`: needs `(0, ...)` when called.
    Member(String, String),
    /// `var_default()`: the `__esModule`-aware default of a CommonJS module.
    CallGetter(String),
    /// An export that does not exist: `undefined`, as in webpack.
    Undefined,
}

impl Access {
    pub(crate) fn text(&self) -> String {
        match self {
            Access::Var(v) => v.clone(),
            Access::Namespace(v) => format!("__mf_require__.ns({v})"),
            Access::Member(v, n) => {
                if is_ident_name(n) {
                    format!("{v}.{n}")
                } else {
                    format!("{v}[{}]", serde_json::to_string(n).unwrap_or_default())
                }
            }
            Access::CallGetter(v) => format!("{v}()"),
            Access::Undefined => "void 0".into(),
        }
    }

    pub(crate) fn expr(&self) -> Expr {
        match self {
            Access::Var(v) => ident(v).into(),
            Access::Namespace(v) => Expr::Call(CallExpr {
                span: DUMMY_SP,
                ctxt: SyntaxContext::empty(),
                callee: Callee::Expr(Box::new(member(ident("__mf_require__").into(), "ns"))),
                args: vec![Expr::from(ident(v)).into()],
                type_args: None,
            }),
            Access::Member(v, n) => member(ident(v).into(), n),
            Access::CallGetter(v) => Expr::Call(CallExpr {
                span: DUMMY_SP,
                ctxt: SyntaxContext::empty(),
                callee: Callee::Expr(Box::new(ident(v).into())),
                args: vec![],
                type_args: None,
            }),
            Access::Undefined => Expr::Unary(UnaryExpr {
                span: DUMMY_SP,
                op: UnaryOp::Void,
                arg: Box::new(Expr::from(0usize)),
            }),
        }
    }
}

/// Interop variables a record needs besides its plain import variable.
#[derive(Default, Clone, Copy)]
pub(crate) struct Needs {
    pub default_getter: bool,
    pub namespace: bool,
}

/// How `m` reads `imported` of its record through the record's import variable (named
/// [`import_var`] followed by `suffix`).
pub(crate) fn access(
    cx: &TransformContext,
    m: &NormalModule,
    record: usize,
    imported: &Imported,
    needs: &mut HashMap<usize, Needs>,
    suffix: &str,
) -> Access {
    let var = format!("{}{suffix}", import_var(m, record));
    if is_esm(cx, m, record) {
        return match imported {
            Imported::Namespace => Access::Namespace(var),
            Imported::Default => Access::Member(var, "default".into()),
            Imported::Named(n) => Access::Member(var, n.clone()),
        };
    }
    let target_format = cx.metas[m.records[record].target].format;
    // A shared module may come from another build: decide by `__esModule` at run time.
    let strict = m.node_strict && target_format != ModuleFormat::Dynamic;
    match imported {
        Imported::Named(n) => Access::Member(var, n.clone()),
        Imported::Default if strict || target_format == ModuleFormat::Json => Access::Var(var),
        Imported::Default => {
            needs.entry(record).or_default().default_getter = true;
            Access::CallGetter(format!("{var}_default"))
        }
        // Where webpack's rules apply (not Node-strict, or a module of another build), the
        // namespace is what `__mf_require__.t` gives, the exports object itself if it says
        // `__esModule`, as webpack's.
        Imported::Namespace => {
            needs.entry(record).or_default().namespace = true;
            match namespace_mode(m, &cx.metas[m.records[record].target]) {
                "false" => Access::Var(format!("{var}_ns")),
                _ => Access::Namespace(format!("{var}_ns")),
            }
        }
    }
}

fn transform_esm(
    m: &NormalModule,
    idx: ModuleIdx,
    module: Module,
    cx: &TransformContext,
    map: Option<&mut BodyMap>,
) -> String {
    let mut needs: HashMap<usize, Needs> = HashMap::new();
    let mut bindings: HashMap<Id, Access> = HashMap::new();
    for b in &m.esm.imports {
        let a = access(cx, m, b.record, &b.imported, &mut needs, "");
        bindings.insert(b.local.clone(), a);
    }

    // Export getters: name -> expression text or a local identifier to rewrite.
    let Lowered {
        mut name_fixes,
        mut body,
        exports,
    } = lower_esm(module, DEFAULT_LOCAL);
    let mut getters: Vec<(String, Getter)> = exports
        .into_iter()
        .map(|(name, local)| (name, Getter::Ident(local)))
        .collect();
    for (name, source) in &m.esm.exports {
        if let ExportSource::ReExport {
            record, imported, ..
        } = source
        {
            let a = access(cx, m, *record, imported, &mut needs, "");
            getters.push((name.clone(), Getter::Text(a.text())));
        }
    }
    let own: std::collections::HashSet<String> = getters.iter().map(|(n, _)| n.clone()).collect();
    let mut dynamic_stars = Vec::new();
    if let Some(Some(info)) = cx.exports.get(idx) {
        for (name, how) in &info.names {
            if let ResolvedExport::Star { record } = how
                && !own.contains(name)
            {
                let a = access(cx, m, *record, &Imported::from_name(name), &mut needs, "");
                getters.push((name.clone(), Getter::Text(a.text())));
            }
        }
    }
    for &record in &m.esm.star_exports {
        let target = m.records[record].target;
        let dynamic = match cx.exports.get(target) {
            Some(Some(t)) => t.has_dynamic,
            _ => true,
        };
        if dynamic {
            dynamic_stars.push(record);
        }
    }

    // Tree shaking: only the exports someone uses get a getter, and declarations nothing
    // needs any more go.
    // The exports object is observed (its `__esModule` marker, null prototype and
    // `Symbol.toStringTag` written by `__mf_require__.r`) unless every use of the module is a
    // static read of one of its exports, as webpack leaves the marker out when `__esModule`
    // is unused. Async modules and runtime `export *` keep it.
    let mut observed = true;
    if let Some(Some(used)) = cx.used_exports.map(|u| &u[idx]) {
        observed = cx.metas[idx].is_async
            || !dynamic_stars.is_empty()
            || !used
                .iter()
                .all(|u| getters.iter().any(|(name, _)| name == u));
        getters.retain(|(name, _)| used.contains(name));
        if !used.contains("default") {
            // The hoisted anonymous default function may go; its name fix must go with it.
            name_fixes.clear();
        }
        let roots: std::collections::HashSet<swc_atoms::Atom> = getters
            .iter()
            .filter_map(|(_, g)| match g {
                Getter::Ident(i) => Some(i.sym.clone()),
                Getter::Text(t) if is_ident_name(t) => Some(t.as_str().into()),
                Getter::Text(_) => None,
            })
            .collect();
        body = super::shake::shake(body, &roots, &m.pure);
    }

    if !bindings.is_empty() {
        body.visit_mut_with(&mut ImportWrites(|id: &Id| bindings.contains_key(id)));
    }
    let mut rw = Rewriter::new(m, cx, bindings, true);
    body.visit_mut_with(&mut rw);

    // Prologue.
    let mut out = String::with_capacity(m.source.len() + 256);
    out.push_str("\"use strict\";\n");
    if observed {
        out.push_str("__mf_require__.r(__mf_exports__);");
    }
    out.push('\n');
    getters.sort_by(|a, b| a.0.cmp(&b.0));
    getters.dedup_by(|a, b| a.0 == b.0);
    if !getters.is_empty() {
        out.push_str("__mf_require__.d(__mf_exports__, {\n");
        for (name, g) in &getters {
            let value = match g {
                Getter::Text(t) => t.clone(),
                Getter::Ident(i) => {
                    let mut e = Expr::Ident(i.clone());
                    e.visit_mut_with(&mut rw);
                    expr_text(&e)
                }
            };
            let key = if is_ident_name(name) {
                name.clone()
            } else {
                serde_json::to_string(name).unwrap_or_default()
            };
            let _ = writeln!(out, "  {key}: () => {value},");
        }
        out.push_str("});\n");
    }
    // The hoisted default function is named before any import runs: a module in a cycle
    // may read its `.name` before this body does.
    out.push_str(&print_mapped(std::mem::take(&mut name_fixes), 0, idx, None));
    import_lines(&mut out, m, cx, &needs, &dynamic_stars);
    let is_async = cx.metas[idx].is_async;
    if is_async {
        async_frame_start(&mut out, m, cx, &dynamic_stars);
    }
    let first_line = out.matches('\n').count() as u32;
    out.push_str(&print_mapped(body, first_line, idx, map));
    if is_async {
        let has_await = if m.top_level_await.is_some() {
            ", 1"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "__mf_async_result__();\n}} catch (e) {{ __mf_async_result__(e, 1); }} }}{has_await});"
        );
    }
    out
}

/// An ES module's imports: a variable per imported module, with the default getter and
/// namespace object the module needs, and `export *` of modules known at run time.
fn import_lines(
    out: &mut String,
    m: &NormalModule,
    cx: &TransformContext,
    needs: &HashMap<usize, Needs>,
    dynamic_stars: &[usize],
) {
    for record in import_order(m) {
        let r = &m.records[record];
        if !r.kind.is_static() {
            continue;
        }
        let var = import_var(m, record);
        let id = &cx.metas[r.target].id;
        let pure = if cx.metas[r.target].pure {
            "/*#__PURE__*/"
        } else {
            ""
        };
        let _ = writeln!(out, "var {var} = {pure}__mf_require__({id});");
        let n = needs.get(&record).copied().unwrap_or_default();
        if n.default_getter {
            let _ = writeln!(
                out,
                "var {var}_default = /*#__PURE__*/__mf_require__.n({var});"
            );
        }
        if n.namespace {
            let _ = writeln!(
                out,
                "var {var}_ns = /*#__PURE__*/__mf_require__.t({var}, {});",
                namespace_mode(m, &cx.metas[r.target])
            );
        }
        if dynamic_stars.contains(&record) {
            let _ = writeln!(out, "__mf_require__.es(__mf_exports__, {var});");
        }
    }
}

/// The second argument of `__mf_require__.t` (the namespace of a CommonJS or JSON module):
/// `true` where Node itself would run the importer as ESM and ignore `__esModule`, `2` for a
/// JSON module there (Node's JSON namespace has `default` only), else `false`.
pub(crate) fn namespace_mode(m: &NormalModule, target: &ModuleMeta) -> &'static str {
    match (m.node_strict, target.format) {
        (true, ModuleFormat::Json) => "2",
        (true, ModuleFormat::Dynamic) | (false, _) => "false",
        (true, _) => "true",
    }
}

/// An async module's code runs in webpack's frame (`__mf_require__.a`): an async function
/// that first waits for the async modules it imports, then runs the body and reports its
/// end. The frame opens on the line of `__mf_require__.r`, so the body's lines (and source
/// maps) stay where they are.
fn async_frame_start(
    out: &mut String,
    m: &NormalModule,
    cx: &TransformContext,
    dynamic_stars: &[usize],
) {
    const MARK: &str = "__mf_require__.r(__mf_exports__);\n";
    *out = out.replacen(
        MARK,
        "__mf_require__.r(__mf_exports__); __mf_require__.a(__mf_module__, async (__mf_async_deps__, __mf_async_result__) => { try {\n",
        1,
    );
    let mut deps: Vec<String> = import_order(m)
        .into_iter()
        .filter(|&r| {
            let r = &m.records[r];
            r.kind.is_static() && cx.metas[r.target].is_async
        })
        .map(|r| import_var(m, r))
        .collect();
    deps.dedup();
    if !deps.is_empty() {
        let list = deps.join(", ");
        // `export *` of an async module is read once it has finished (before, the variable
        // holds its promise).
        let stars: String = dynamic_stars
            .iter()
            .filter(|&&r| cx.metas[m.records[r].target].is_async)
            .map(|&r| format!(" __mf_require__.es(__mf_exports__, {});", import_var(m, r)))
            .collect();
        let _ = writeln!(
            out,
            "var __mf_deps__ = __mf_async_deps__([{list}]); [{list}] = __mf_deps__.then ? (await __mf_deps__)() : __mf_deps__;{stars}"
        );
    }
}

/// An ES module's statements without its import and export declarations, which become
/// data: the exported local bindings (`export default expr` is bound to `default_local`).
pub(crate) struct Lowered {
    /// `Object.defineProperty(f, "name", ...)` of hoisted anonymous default functions.
    pub name_fixes: Vec<Stmt>,
    pub body: Vec<Stmt>,
    /// Export name -> the local binding it reads (possibly an import binding).
    pub exports: Vec<(String, Ident)>,
}

pub(crate) fn lower_esm(module: Module, default_local: &str) -> Lowered {
    let mut exports: Vec<(String, Ident)> = Vec::new();
    let mut body: Vec<Stmt> = Vec::new();
    let mut name_fixes: Vec<Stmt> = Vec::new();
    for item in module.body {
        match item {
            ModuleItem::Stmt(s) => body.push(s),
            ModuleItem::ModuleDecl(decl) => match decl {
                ModuleDecl::Import(_) | ModuleDecl::ExportAll(_) => {}
                ModuleDecl::ExportDecl(e) => {
                    for name in decl_idents(&e.decl) {
                        exports.push((name.sym.to_string(), name));
                    }
                    body.push(Stmt::Decl(e.decl));
                }
                ModuleDecl::ExportNamed(named) => {
                    if named.type_only {
                        continue;
                    }
                    if named.src.is_some() {
                        // Re-exports: getters come from the scan's export table below.
                        continue;
                    }
                    for spec in named.specifiers {
                        if let ExportSpecifier::Named(n) = spec {
                            if n.is_type_only {
                                continue;
                            }
                            let exported = n
                                .exported
                                .as_ref()
                                .map(export_name)
                                .unwrap_or_else(|| export_name(&n.orig));
                            if let ModuleExportName::Ident(orig) = n.orig {
                                exports.push((exported, orig));
                            }
                        }
                    }
                }
                ModuleDecl::ExportDefaultExpr(e) => {
                    // An anonymous function or class is named "default" when it is made.
                    let init = if is_anonymous_fn_or_class(&e.expr) {
                        Box::new(named_value(*e.expr, "default"))
                    } else {
                        e.expr
                    };
                    body.push(Stmt::Decl(Decl::Var(Box::new(VarDecl {
                        span: DUMMY_SP,
                        ctxt: SyntaxContext::empty(),
                        kind: VarDeclKind::Const,
                        declare: false,
                        decls: vec![VarDeclarator {
                            span: DUMMY_SP,
                            name: Pat::Ident(ident(default_local).into()),
                            init: Some(init),
                            definite: false,
                        }],
                    }))));
                    exports.push(("default".into(), ident(default_local)));
                }
                ModuleDecl::ExportDefaultDecl(d) => match d.decl {
                    DefaultDecl::Fn(f) => {
                        let (id, anonymous) = match f.ident {
                            Some(i) => (i, false),
                            None => (ident(default_local), true),
                        };
                        if anonymous {
                            name_fixes.push(name_fix(default_local));
                        }
                        exports.push(("default".into(), id.clone()));
                        body.push(Stmt::Decl(Decl::Fn(FnDecl {
                            ident: id,
                            declare: false,
                            function: f.function,
                        })));
                    }
                    DefaultDecl::Class(c) => match c.ident {
                        Some(id) => {
                            exports.push(("default".into(), id.clone()));
                            body.push(Stmt::Decl(Decl::Class(ClassDecl {
                                ident: id,
                                declare: false,
                                class: c.class,
                            })));
                        }
                        None => {
                            // Named "default" when made, before static initialisers run.
                            let class = Expr::Class(ClassExpr {
                                ident: None,
                                class: c.class,
                            });
                            exports.push(("default".into(), ident(default_local)));
                            body.push(Stmt::Decl(Decl::Var(Box::new(VarDecl {
                                span: DUMMY_SP,
                                ctxt: SyntaxContext::empty(),
                                kind: VarDeclKind::Let,
                                declare: false,
                                decls: vec![VarDeclarator {
                                    span: DUMMY_SP,
                                    name: Pat::Ident(ident(default_local).into()),
                                    init: Some(Box::new(named_value(class, "default"))),
                                    definite: false,
                                }],
                            }))));
                        }
                    },
                    DefaultDecl::TsInterfaceDecl(_) => {}
                },
                ModuleDecl::TsImportEquals(_)
                | ModuleDecl::TsExportAssignment(_)
                | ModuleDecl::TsNamespaceExport(_) => {}
            },
        }
    }
    Lowered {
        name_fixes,
        body,
        exports,
    }
}

const DEFAULT_LOCAL: &str = "__mf_default_export__";

/// Assignments to an import binding throw `TypeError`, as in ES modules (once concatenated,
/// the binding is the exporting module's own variable: the write must not happen).
/// The closure says whether an identifier is an import binding.
pub(crate) struct ImportWrites<F: Fn(&Id) -> bool>(pub F);

impl<F: Fn(&Id) -> bool> VisitMut for ImportWrites<F> {
    fn visit_mut_expr(&mut self, e: &mut Expr) {
        e.visit_mut_children_with(self);
        let value = match e {
            Expr::Assign(a) => match &a.left {
                AssignTarget::Simple(SimpleAssignTarget::Ident(i)) if (self.0)(&i.to_id()) => {
                    Some(Some(a.right.clone()))
                }
                _ => None,
            },
            Expr::Update(u) => match &*u.arg {
                Expr::Ident(i) if (self.0)(&i.to_id()) => Some(None),
                _ => None,
            },
            _ => None,
        };
        if let Some(value) = value {
            let throw = parse_expr(
                "(() => { throw new TypeError(\"Assignment to constant variable.\"); })()",
            );
            let mut exprs: Vec<Box<Expr>> = value.into_iter().collect();
            exprs.push(Box::new(throw));
            *e = Expr::Seq(SeqExpr {
                span: DUMMY_SP,
                exprs,
            });
        }
    }
}

/// A module's records in the order they load: source order, with a skipped barrel's place
/// taken by the modules that define what was imported through it.
pub(crate) fn import_order(m: &NormalModule) -> Vec<usize> {
    let mut order = Vec::new();
    for (record, r) in m.records.iter().enumerate() {
        match &r.barrel {
            Barrel::None => order.push(record),
            Barrel::Skipped { redirects } => order.extend(redirects.iter().copied()),
            Barrel::Redirect => {}
        }
    }
    order
}

enum Getter {
    Text(String),
    Ident(Ident),
}

pub(crate) fn is_anonymous_fn_or_class(e: &Expr) -> bool {
    match e {
        Expr::Fn(f) => f.ident.is_none(),
        Expr::Class(c) => c.ident.is_none(),
        Expr::Arrow(_) => true,
        Expr::Paren(p) => is_anonymous_fn_or_class(&p.expr),
        _ => false,
    }
}

/// `Object.defineProperty(x, "name", { value: "default", configurable: true })`: Node names
/// anonymous default-exported functions and classes `default`.
/// `({ "name": value })["name"]`: an anonymous function or class named `name` as it is made
/// (the name a binding or `export default` would have given it).
pub(crate) fn named_value(value: Expr, name: &str) -> Expr {
    let key = || Str {
        span: DUMMY_SP,
        value: name.into(),
        raw: None,
    };
    let object = Expr::Object(ObjectLit {
        span: DUMMY_SP,
        props: vec![PropOrSpread::Prop(Box::new(Prop::KeyValue(KeyValueProp {
            key: PropName::Str(key()),
            value: Box::new(value),
        })))],
    });
    Expr::Member(MemberExpr {
        span: DUMMY_SP,
        obj: Box::new(object),
        prop: MemberProp::Computed(ComputedPropName {
            span: DUMMY_SP,
            expr: Box::new(Expr::Lit(Lit::Str(key()))),
        }),
    })
}

/// `Object.defineProperty(target, "name", { value: name, configurable: true })`.
pub(crate) fn name_fix_for(target: Ident, name: &str) -> Stmt {
    let mut s = parse_stmt(&format!(
        "Object.defineProperty(__mf_target__, \"name\", {{ value: {}, configurable: true }});",
        json(name)
    ));
    struct Put(Option<Ident>);
    impl VisitMut for Put {
        fn visit_mut_ident(&mut self, i: &mut Ident) {
            if i.sym == *"__mf_target__"
                && let Some(t) = self.0.take()
            {
                *i = t;
            }
        }
    }
    s.visit_mut_with(&mut Put(Some(target)));
    s
}

fn name_fix(local: &str) -> Stmt {
    let code = format!(
        "Object.defineProperty({local}, \"name\", {{ value: \"default\", configurable: true }});"
    );
    parse_stmt(&code)
}

pub(crate) fn parse_stmt(code: &str) -> Stmt {
    use swc_common::BytePos;
    use swc_ecma_parser::{Parser, StringInput, Syntax};
    let mut p = Parser::new(
        Syntax::Es(Default::default()),
        StringInput::new(code, BytePos(1), BytePos(1 + code.len() as u32)),
        None,
    );
    match p.parse_script() {
        Ok(mut s) if s.body.len() == 1 => s.body.remove(0),
        _ => Stmt::Empty(EmptyStmt { span: DUMMY_SP }),
    }
}

pub(crate) struct Rewriter<'a> {
    m: &'a NormalModule,
    cx: &'a TransformContext<'a>,
    bindings: HashMap<Id, Access>,
    /// ES modules: top-level `this` is `undefined`.
    esm: bool,
    this_depth: u32,
}

impl<'a> Rewriter<'a> {
    pub(crate) fn new(
        m: &'a NormalModule,
        cx: &'a TransformContext<'a>,
        bindings: HashMap<Id, Access>,
        esm: bool,
    ) -> Self {
        Rewriter {
            m,
            cx,
            bindings,
            esm,
            this_depth: 0,
        }
    }

    fn target_id(&self, record: usize) -> &str {
        &self.cx.metas[self.m.records[record].target].id
    }

    /// `require("x")` -> `__mf_require__("id")`; `import("x")` -> a Promise of the namespace;
    /// a context request -> `__mf_require__.x(files, request, dynamic)`.
    fn rewrite_call(&self, call: &mut CallExpr) -> Option<Expr> {
        if let Some(files) = self.m.context_of(call) {
            let dynamic = matches!(call.callee, Callee::Import(_));
            let mut map = String::from("({");
            for (request, record) in files {
                let _ = write!(
                    map,
                    "{}: () => {},",
                    json(request),
                    self.request_code(*record, dynamic)
                );
            }
            map.push_str("})");
            let request = call.args.pop().map(|a| a.expr)?;
            return Some(Expr::Call(CallExpr {
                span: call.span,
                ctxt: SyntaxContext::empty(),
                callee: Callee::Expr(Box::new(parse_expr("__mf_require__.x"))),
                args: vec![
                    parse_expr(&map).into(),
                    request.into(),
                    Expr::from(dynamic).into(),
                ],
                type_args: None,
            }));
        }
        let record = self.m.request_record(call)?;
        let dynamic = matches!(call.callee, Callee::Import(_));
        let load = parse_expr(&self.request_code(record, dynamic));
        // `import(x, options)` with options the build could not read: checked first.
        match call.args.get_mut(1) {
            Some(options)
                if dynamic
                    && !crate::graph::collect_imports::import_options_known(&options.expr) =>
            {
                let target = self.m.records[record].target;
                let json = self.cx.metas[target].format == ModuleFormat::Json;
                let options = options.expr.take();
                let mut check = parse_expr(&format!("__mf_require__.ia(__mf_options__, {json})"));
                if let Expr::Call(c) = &mut check {
                    c.args[0].expr = options;
                }
                let then = parse_expr("__mf_check__.then(() => __mf_load__)");
                Some(fill_then(then, check, load))
            }
            _ => Some(load),
        }
    }

    /// The code of `require()` (`dynamic` false) or `import()` of the record's module.
    fn request_code(&self, record: usize, dynamic: bool) -> String {
        let id = self.target_id(record);
        let require = format!("__mf_require__({id})");
        match dynamic {
            true => {
                let target = self.m.records[record].target;
                // An async module's exports come once it has finished (a promise of them).
                let (ns, then) = if self.cx.metas[target].is_async {
                    (require, ".then(__mf_require__.ns)")
                } else if is_esm(self.cx, self.m, record) {
                    (format!("__mf_require__.ns({require})"), "")
                } else {
                    let ns = match namespace_mode(self.m, &self.cx.metas[target]) {
                        "false" => format!("__mf_require__.t({require}, false)"),
                        mode => format!("__mf_require__.ns(__mf_require__.t({require}, {mode}))"),
                    };
                    (ns, "")
                };
                let load = match self.cx.dynamic_chunks.get(&target) {
                    Some(chunks) if !chunks.is_empty() => {
                        let ids: Vec<String> = chunks.iter().map(|c| json(c)).collect();
                        format!("__mf_require__.e([{}])", ids.join(", "))
                    }
                    _ => "Promise.resolve()".to_string(),
                };
                format!("{load}.then(() => {ns}){then}")
            }
            false => require,
        }
    }
}

/// `<check>.then(() => <load>)` from the parsed `__mf_check__.then(() => __mf_load__)`.
fn fill_then(mut then: Expr, check: Expr, load: Expr) -> Expr {
    if let Expr::Call(c) = &mut then
        && let Callee::Expr(callee) = &mut c.callee
        && let Expr::Member(m) = &mut **callee
        && let Some(arg) = c.args.first_mut()
        && let Expr::Arrow(arrow) = &mut *arg.expr
        && let ArrowFunctionBody::Expr(body) = &mut *arrow.body
    {
        *m.obj = check;
        **body = load;
    }
    then
}

/// `x.__esModule`: the exports object has that marker, a namespace does not.
fn reads_es_module_marker(prop: &MemberProp) -> bool {
    match prop {
        MemberProp::Ident(i) => i.sym == "__esModule",
        MemberProp::Computed(c) => {
            matches!(&*c.expr, Expr::Lit(Lit::Str(s)) if s.value == *"__esModule")
        }
        MemberProp::PrivateName(_) => false,
    }
}

pub(crate) fn parse_expr(code: &str) -> Expr {
    use swc_common::BytePos;
    use swc_ecma_parser::{Parser, StringInput, Syntax};
    let mut p = Parser::new(
        Syntax::Es(Default::default()),
        StringInput::new(code, BytePos(1), BytePos(1 + code.len() as u32)),
        None,
    );
    match p.parse_expr() {
        Ok(e) => *e,
        Err(_) => Expr::Ident(ident("undefined")),
    }
}

/// The hot-module-replacement object an expression names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum HotObject {
    /// webpack's `module.hot` (`import.meta.webpackHot`).
    Webpack,
    /// Vite's `import.meta.hot`.
    Vite,
}

impl Rewriter<'_> {
    /// `module.hot` (free `module`), `import.meta.hot`, `import.meta.webpackHot`.
    fn hot_object(&self, e: &Expr) -> Option<HotObject> {
        let Expr::Member(m) = e else {
            return None;
        };
        let MemberProp::Ident(p) = &m.prop else {
            return None;
        };
        match &*m.obj {
            Expr::MetaProp(mp) if mp.kind == MetaPropKind::ImportMeta => match &*p.sym {
                "hot" => Some(HotObject::Vite),
                "webpackHot" => Some(HotObject::Webpack),
                _ => None,
            },
            Expr::Ident(i)
                if i.sym == *"module" && i.ctxt == self.m.unresolved_ctxt && p.sym == *"hot" =>
            {
                Some(HotObject::Webpack)
            }
            _ => None,
        }
    }

    /// What an ES module's hot object becomes: the runtime's (hot builds), or nothing. A
    /// CommonJS module's `module.hot` is its own module's already.
    fn hot_replacement(&self, kind: HotObject) -> Option<Expr> {
        if !self.esm || (kind == HotObject::Webpack && self.cx.node_target && !self.cx.hot) {
            return None;
        }
        Some(parse_expr(match (self.cx.hot, kind) {
            (false, _) => "void 0",
            (true, HotObject::Webpack) => "__mf_module__.hot",
            (true, HotObject::Vite) => "__mf_module__.metaHot",
        }))
    }

    /// `hot.accept(deps, callback)` / `hot.decline(deps)`: requests become the ids the
    /// runtime knows the modules by (as webpack resolves them at build time), and in an ES
    /// module the callback first reads the new exports into the import's variable, as
    /// webpack's harmony accept does.
    /// `callee` is the call's (`hot.accept`, or `hot?.accept` of an optional call).
    fn rewrite_hot_deps(&self, callee: &Expr, args: &mut Vec<ExprOrSpread>) {
        if !self.cx.hot {
            return;
        }
        let member = match callee {
            Expr::Member(member) => member,
            Expr::OptChain(chain) => match &*chain.base {
                OptChainBase::Member(member) => member,
                OptChainBase::Call(_) => return,
            },
            _ => return,
        };
        let accept = match &member.prop {
            MemberProp::Ident(p) if p.sym == *"accept" => true,
            MemberProp::Ident(p) if p.sym == *"decline" => false,
            _ => return,
        };
        if self.hot_object(&member.obj).is_none() {
            return;
        }
        let Some(first) = args.first_mut() else {
            return;
        };
        let mut reimports = Vec::new();
        let mut rewrite = |lit: &mut Expr| {
            if let Expr::Lit(Lit::Str(s)) = lit
                && let Some(request) = s.value.as_str()
                && let Some(record) = self
                    .m
                    .records
                    .iter()
                    .position(|r| r.request == request && r.kind.is_static())
                    .or_else(|| self.m.records.iter().position(|r| r.request == request))
            {
                let id = self.target_id(record).to_string();
                if self.esm && self.m.records[record].kind.is_static() {
                    reimports.push((import_var(self.m, record), id.clone()));
                }
                *lit = parse_expr(&id);
            }
        };
        match &mut *first.expr {
            Expr::Array(a) => a
                .elems
                .iter_mut()
                .flatten()
                .for_each(|e| rewrite(&mut e.expr)),
            e => rewrite(e),
        }
        if !accept || reimports.is_empty() {
            return;
        }
        let mut reads = String::new();
        for (var, id) in &reimports {
            let _ = write!(reads, "{var} = __mf_require__({id});");
            for suffix in ["_default", "_ns"] {
                let derived = format!("{var}{suffix}");
                if self.bindings.values().any(|a| a.text().contains(&derived)) {
                    let init = if suffix == "_default" {
                        format!("{derived} = __mf_require__.n({var});")
                    } else {
                        format!("{derived} = __mf_require__.t({var}, false);")
                    };
                    reads.push_str(&init);
                }
            }
        }
        let wrapper = parse_expr(&format!(
            "(function (__mf_cb__) {{ return function () {{ {reads} return __mf_cb__ && __mf_cb__.apply(this, arguments); }}; }})"
        ));
        let callback = match args.get_mut(1) {
            Some(arg) => {
                std::mem::replace(&mut arg.expr, Box::new(Expr::Invalid(Default::default())))
            }
            None => Box::new(parse_expr("void 0")),
        };
        let wrapped = Expr::Call(CallExpr {
            span: Default::default(),
            ctxt: SyntaxContext::empty(),
            callee: Callee::Expr(Box::new(wrapper)),
            args: vec![callback.into()],
            type_args: None,
        });
        match args.get_mut(1) {
            Some(arg) => *arg.expr = wrapped,
            None => args.push(wrapped.into()),
        }
    }
}

impl VisitMut for Rewriter<'_> {
    fn visit_mut_expr(&mut self, e: &mut Expr) {
        if let Some(kind) = self.hot_object(e)
            && let Some(replacement) = self.hot_replacement(kind)
        {
            *e = replacement;
            return;
        }
        if let Expr::Call(call) = e
            && let Callee::Expr(callee) = &call.callee
        {
            self.rewrite_hot_deps(callee, &mut call.args);
        }
        // `import.meta.hot?.accept("./dep", cb)`, as Vite's docs write it.
        if let Expr::OptChain(chain) = e
            && let OptChainBase::Call(call) = &mut *chain.base
        {
            self.rewrite_hot_deps(&call.callee, &mut call.args);
        }
        // `new URL("./file", import.meta.url)`: the emitted asset's URL, as webpack writes it.
        if let Expr::New(n) = e
            && let Some(record) = self.m.url_record(n)
        {
            *e = parse_expr(&format!(
                "new URL(__mf_require__({}), __mf_require__.b)",
                self.target_id(record)
            ));
            return;
        }
        // `new Worker(new URL("./w.js", import.meta.url), options)`: the URL of the worker's
        // entry chunk. That chunk is a classic script (it loads its own chunks with
        // `importScripts`), so `type: "module"` becomes `undefined`, as webpack does.
        if let Expr::New(n) = e
            && let Some(record) = self.m.worker_record(n)
        {
            let target = self.m.records[record].target;
            let file = self.cx.worker_files.get(&target).map_or("", String::as_str);
            *e = parse_expr(&format!(
                "new URL(__mf_require__.p + {}, __mf_require__.b)",
                json(file)
            ));
            return;
        }
        if let Expr::New(n) = e
            && let Some(first) = n.args.as_ref().and_then(|a| a.first())
            && let Expr::New(url) = &*first.expr
            && self.m.worker_record(url).is_some()
        {
            for arg in n.args.iter_mut().flatten().skip(1) {
                if let Expr::Object(o) = &mut *arg.expr {
                    for p in &mut o.props {
                        if let PropOrSpread::Prop(p) = p
                            && let Prop::KeyValue(kv) = &mut **p
                            && match &kv.key {
                                PropName::Ident(k) => k.sym == *"type",
                                PropName::Str(k) => k.value == *"type",
                                _ => false,
                            }
                        {
                            *kv.value = parse_expr("void 0");
                        }
                    }
                }
            }
            n.visit_mut_children_with(self);
            return;
        }
        match e {
            Expr::Ident(i) => {
                if let Some(a) = self.bindings.get(&i.to_id()) {
                    *e = a.expr();
                } else if i.ctxt == self.m.unresolved_ctxt {
                    // webpack's free variables for share scopes, used for dynamic remotes and
                    // to seed scopes in tests.
                    match &*i.sym {
                        "__webpack_share_scopes__" => {
                            *e = member(ident("__mf_require__").into(), "S")
                        }
                        "__webpack_init_sharing__" => {
                            *e = member(ident("__mf_require__").into(), "I")
                        }
                        // Node gives an ES module none of its CommonJS wrapper's names.
                        "require" | "module" | "exports" | "__filename" | "__dirname"
                            if self.esm && self.m.node_strict && self.cx.node_target =>
                        {
                            *e = Expr::Unary(UnaryExpr {
                                span: i.span,
                                op: UnaryOp::Void,
                                arg: Box::new(Expr::from(0usize)),
                            });
                        }
                        _ => {}
                    }
                }
                return;
            }
            // `import.meta`: the runtime's object for this module (url, and in Node
            // filename, dirname, resolve).
            Expr::MetaProp(p) if p.kind == MetaPropKind::ImportMeta => {
                *e = parse_expr(&format!("__mf_require__.im({})", json(&self.m.id)));
                return;
            }
            // `ns.name`, `ns[key]`: read from the exports object, not through the namespace.
            Expr::Member(m)
                if let Expr::Ident(i) = &*m.obj
                    && let Some(Access::Namespace(v)) = self.bindings.get(&i.to_id())
                    && !reads_es_module_marker(&m.prop) =>
            {
                *m.obj = ident(v).into();
                m.prop.visit_mut_with(self);
                return;
            }
            Expr::This(t) if self.esm && self.this_depth == 0 => {
                let span = t.span;
                *e = Expr::Unary(UnaryExpr {
                    span,
                    op: UnaryOp::Void,
                    arg: Box::new(Expr::from(0usize)),
                });
                return;
            }
            _ => {}
        }
        e.visit_mut_children_with(self);
        if let Expr::Call(call) = e
            && let Some(new) = self.rewrite_call(call)
        {
            *e = new;
        }
    }

    fn visit_mut_callee(&mut self, c: &mut Callee) {
        if let Callee::Expr(e) = c
            && let Expr::Ident(i) = &**e
            && let Some(a @ Access::Member(..)) = self.bindings.get(&i.to_id())
        {
            **e = zero_seq(a.expr());
            return;
        }
        c.visit_mut_children_with(self);
    }

    /// `f?.()` of an imported function: called with `this` undefined, as `f()` is.
    fn visit_mut_opt_call(&mut self, c: &mut OptCall) {
        if let Expr::Ident(i) = &*c.callee
            && let Some(a @ Access::Member(..)) = self.bindings.get(&i.to_id())
        {
            *c.callee = zero_seq(a.expr());
            c.args.visit_mut_with(self);
            return;
        }
        c.visit_mut_children_with(self);
    }

    fn visit_mut_tagged_tpl(&mut self, t: &mut TaggedTpl) {
        if let Expr::Ident(i) = &*t.tag
            && let Some(a @ Access::Member(..)) = self.bindings.get(&i.to_id())
        {
            *t.tag = zero_seq(a.expr());
            t.tpl.visit_mut_with(self);
            return;
        }
        t.visit_mut_children_with(self);
    }

    fn visit_mut_prop(&mut self, p: &mut Prop) {
        if let Prop::Shorthand(i) = p
            && let Some(a) = self.bindings.get(&i.to_id())
        {
            *p = Prop::KeyValue(KeyValueProp {
                key: PropName::Ident(IdentName::new(i.sym.clone(), i.span)),
                value: Box::new(a.expr()),
            });
            return;
        }
        p.visit_mut_children_with(self);
    }

    fn visit_mut_function(&mut self, f: &mut Function) {
        self.this_depth += 1;
        f.visit_mut_children_with(self);
        self.this_depth -= 1;
    }

    fn visit_mut_class(&mut self, c: &mut Class) {
        // The heritage and computed keys run where the class is defined, with its `this`.
        c.super_class.visit_mut_with(self);
        for m in &mut c.body {
            let key = match m {
                ClassMember::Method(m) => Some(&mut m.key),
                ClassMember::ClassProp(p) => Some(&mut p.key),
                ClassMember::AutoAccessor(a) => match &mut a.key {
                    Key::Public(k) => Some(k),
                    Key::Private(_) => None,
                },
                _ => None,
            };
            if let Some(PropName::Computed(k)) = key {
                k.visit_mut_with(self);
            }
        }
        c.decorators.visit_mut_with(self);
        self.this_depth += 1;
        c.body.visit_mut_with(self);
        self.this_depth -= 1;
    }

    fn visit_mut_getter_prop(&mut self, g: &mut GetterProp) {
        self.this_depth += 1;
        g.visit_mut_children_with(self);
        self.this_depth -= 1;
    }

    fn visit_mut_setter_prop(&mut self, s: &mut SetterProp) {
        self.this_depth += 1;
        s.visit_mut_children_with(self);
        self.this_depth -= 1;
    }
}

pub(crate) fn zero_seq(e: Expr) -> Expr {
    Expr::Seq(SeqExpr {
        span: DUMMY_SP,
        exprs: vec![Box::new(Expr::from(0usize)), Box::new(e)],
    })
}

fn ident(name: &str) -> Ident {
    Ident::new_no_ctxt(name.into(), DUMMY_SP)
}

fn member(obj: Expr, name: &str) -> Expr {
    let prop = if is_ident_name(name) {
        MemberProp::Ident(IdentName::new(name.into(), DUMMY_SP))
    } else {
        MemberProp::Computed(ComputedPropName {
            span: DUMMY_SP,
            expr: Box::new(Expr::from(name)),
        })
    };
    Expr::Member(MemberExpr {
        span: DUMMY_SP,
        obj: Box::new(obj),
        prop,
    })
}

pub fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn expr_text(e: &Expr) -> String {
    print(vec![Stmt::Expr(ExprStmt {
        span: DUMMY_SP,
        expr: Box::new(e.clone()),
    })])
    .trim_end()
    .trim_end_matches(';')
    .to_string()
}

/// Parentheses around an expression statement that would start with `function`, `class`
/// or `{` (a declaration or a block, not an expression): swc's fixer drops the side-effect
/// free leading elements of a sequence (`1, function () {}() ? a : b`) and leaves one.
struct StatementStarts;

impl VisitMut for StatementStarts {
    fn visit_mut_expr_stmt(&mut self, s: &mut ExprStmt) {
        s.visit_mut_children_with(self);
        if starts_like_statement(&s.expr) {
            let inner = std::mem::replace(&mut *s.expr, Expr::Invalid(Invalid { span: DUMMY_SP }));
            *s.expr = Expr::Paren(ParenExpr {
                span: DUMMY_SP,
                expr: Box::new(inner),
            });
        }
    }
}

/// Whether the printed expression begins with `function`, `class`, `async function` or `{`.
fn starts_like_statement(e: &Expr) -> bool {
    match e {
        Expr::Fn(_) | Expr::Class(_) | Expr::Object(_) => true,
        Expr::Seq(s) => s.exprs.first().is_some_and(|f| starts_like_statement(f)),
        Expr::Bin(b) => starts_like_statement(&b.left),
        Expr::Cond(c) => starts_like_statement(&c.test),
        Expr::Call(c) => match &c.callee {
            Callee::Expr(f) => starts_like_statement(f),
            _ => false,
        },
        Expr::Member(m) => starts_like_statement(&m.obj),
        Expr::TaggedTpl(t) => starts_like_statement(&t.tag),
        Expr::Update(u) => !u.prefix && starts_like_statement(&u.arg),
        Expr::Assign(a) => match &a.left {
            AssignTarget::Simple(SimpleAssignTarget::Member(m)) => starts_like_statement(&m.obj),
            AssignTarget::Pat(AssignTargetPat::Object(_)) => true,
            _ => false,
        },
        Expr::OptChain(o) => match &*o.base {
            OptChainBase::Member(m) => starts_like_statement(&m.obj),
            OptChainBase::Call(c) => starts_like_statement(&c.callee),
        },
        _ => false,
    }
}

/// Prints statements with swc_ecma_codegen, after the fixer adds the parentheses that
/// rewritten expressions need.
fn print(body: Vec<Stmt>) -> String {
    print_mapped(body, 0, ModuleIdx(0), None)
}

/// [`print`], adding to `map` where each piece of output came from (output lines shifted by
/// `first_line`; positions of nodes the bundler made are skipped).
pub(crate) fn print_mapped(
    body: Vec<Stmt>,
    first_line: u32,
    module: ModuleIdx,
    map: Option<&mut BodyMap>,
) -> String {
    let mut script = Program::Script(Script {
        span: DUMMY_SP,
        body,
        shebang: None,
    });
    script.visit_mut_with(&mut fixer(None));
    script.visit_mut_with(&mut StatementStarts);
    let cm: Lrc<swc_common::SourceMap> = Default::default();
    let mut buf = Vec::new();
    let mut raw = Vec::new();
    let want_map = map.is_some();
    {
        let wr = JsWriter::new(cm.clone(), "\n", &mut buf, want_map.then_some(&mut raw));
        let mut emitter = Emitter {
            cfg: swc_ecma_codegen::Config::default().with_target(EsVersion::EsNext),
            cm,
            comments: None,
            wr,
        };
        // Writing into a Vec cannot fail.
        let _ = emitter.emit_program(&script);
    }
    if let Some(map) = map {
        // Source positions start at 1 (parse.rs); 0 is a node without a position.
        map.mappings.extend(
            raw.iter()
                .filter(|(pos, _)| pos.0 > 0 && !pos.is_reserved_for_comments())
                .map(|(pos, lc)| (first_line + lc.line, lc.col, pos.0 - 1, module)),
        );
    }
    String::from_utf8(buf).unwrap_or_default()
}

/// The bindings a declaration introduces.
pub(crate) fn decl_idents(decl: &Decl) -> Vec<Ident> {
    match decl {
        Decl::Class(c) => vec![c.ident.clone()],
        Decl::Fn(f) => vec![f.ident.clone()],
        Decl::Var(v) => swc_ecma_utils::find_pat_ids(&v.decls),
        Decl::Using(u) => swc_ecma_utils::find_pat_ids(&u.decls),
        _ => vec![],
    }
}
