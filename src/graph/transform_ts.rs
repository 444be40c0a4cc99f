//! TypeScript and JSX lowered to plain JavaScript, right after parsing and swc's resolver
//! and before every other pass, so that define, dead-branch removal, import collection and
//! code generation only ever see JavaScript.
//!
//! - `.ts`, `.mts`, `.cts`, `.tsx`: legacy decorators as `tsc` emits them with
//!   `experimentalDecorators`, then swc's strip (types, type-only imports, enums, namespaces,
//!   parameter properties; class fields keep ES2022 define semantics, as `tsc` with
//!   `target >= ES2022`).
//! - `.jsx`, `.tsx`: JSX with the automatic runtime (`<source>/jsx-runtime`, or
//!   `jsx-dev-runtime` in development) or the classic one (`jsxFactory`/`jsxFragment`).
//!
//! swc's transforms report errors through `HANDLER`; they come back as MF1001 diagnostics.

use std::sync::{Arc, Mutex};

use swc_common::comments::SingleThreadedComments;
use swc_common::errors::{DiagnosticBuilder, Emitter, HANDLER, Handler};
use swc_common::{DUMMY_SP, FileName, Mark, SourceMap, Span, sync::Lrc};
use swc_ecma_ast::{CallExpr, Callee, Expr, ExprStmt, MemberProp, ModuleItem, Program, Stmt};
use swc_ecma_parser::{EsSyntax, Syntax, TsSyntax};
use swc_ecma_transforms_base::helpers::{HELPERS, Helpers, inject_helpers};
use swc_ecma_transforms_proposal::decorators;
use swc_ecma_transforms_react::{Options as JsxOptions, Runtime, react};
use swc_ecma_transforms_typescript::{
    Config as TsConfig, TsImportExportAssignConfig, TsxConfig, tsx, typescript,
};
use swc_ecma_visit::{VisitMut, VisitMutWith};

use super::parse::SourceKind;
use crate::config::{JsxConfig, JsxRuntime};
use crate::diagnostics::{Code, Diagnostic, Location};

/// The language of a file, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    Js,
    Jsx,
    Ts,
    Tsx,
}

impl Lang {
    pub fn of_extension(ext: &str) -> Lang {
        match ext {
            "ts" | "mts" | "cts" => Lang::Ts,
            "tsx" => Lang::Tsx,
            "jsx" => Lang::Jsx,
            _ => Lang::Js,
        }
    }

    pub fn is_typescript(self) -> bool {
        matches!(self, Lang::Ts | Lang::Tsx)
    }

    fn has_jsx(self) -> bool {
        matches!(self, Lang::Jsx | Lang::Tsx)
    }

    pub fn syntax(self) -> Syntax {
        match self {
            Lang::Js | Lang::Jsx => Syntax::Es(EsSyntax {
                jsx: self == Lang::Jsx,
                import_attributes: true,
                explicit_resource_management: true,
                ..Default::default()
            }),
            Lang::Ts | Lang::Tsx => Syntax::Typescript(TsSyntax {
                tsx: self == Lang::Tsx,
                decorators: true,
                ..Default::default()
            }),
        }
    }
}

/// Collects the errors swc's transforms emit.
#[derive(Clone, Default)]
struct Collect(Arc<Mutex<Vec<(Span, String)>>>);

impl Emitter for Collect {
    fn emit(&mut self, db: &mut DiagnosticBuilder<'_>) {
        if db.is_error() {
            let span = db.span.primary_span().unwrap_or(DUMMY_SP);
            if let Ok(mut v) = self.0.lock() {
                v.push((span, db.message()));
            }
        }
    }
}

/// Lowers `program` (of `lang`, parsed from `source` at byte position 1) in place. The
/// resolver must have run with `typescript: lang.is_typescript()` and the same marks.
#[allow(clippy::too_many_arguments)]
pub fn lower(
    program: &mut Program,
    lang: Lang,
    kind: SourceKind,
    file: &str,
    source: &str,
    comments: &SingleThreadedComments,
    jsx_config: &JsxConfig,
    unresolved: Mark,
    top_level: Mark,
) -> Result<(), Vec<Diagnostic>> {
    if lang == Lang::Js {
        return Ok(());
    }
    // The JSX pass reads positions (jsxDEV's source argument) and parses pragmas through a
    // SourceMap; its first file starts at byte position 1, like the parser's input.
    if let Some(d) = export_assign_in_es_module(program, file, source) {
        return Err(vec![d]);
    }
    let has_export_assign = program.as_module().is_some_and(|m| {
        m.body.iter().any(|i| {
            matches!(
                i,
                ModuleItem::ModuleDecl(swc_ecma_ast::ModuleDecl::TsExportAssignment(_))
            )
        })
    });
    let cm: Lrc<SourceMap> = Default::default();
    let fm = cm.new_source_file(
        FileName::Custom(file.to_string()).into(),
        source.to_string(),
    );
    debug_assert_eq!(fm.start_pos.0, 1);

    let collected = Collect::default();
    let handler = Handler::with_emitter(false, false, Box::new(collected.clone()));
    // Decorators call helpers (`_ts_decorate`, `_ts_param`), defined inline in the file.
    let helpers = Helpers::new(false);
    let outcome = HANDLER.set(&handler, || {
        crate::diagnostics::contain_panic(|| {
            HELPERS.set(&helpers, || {
                if lang.is_typescript() {
                    program.mutate(decorators::decorators(decorators::Config {
                        legacy: true,
                        emit_metadata: false,
                        use_define_for_class_fields: true,
                    }));
                    let config = TsConfig {
                        native_class_properties: true,
                        // `import x = require()` and `export =` are CommonJS; an ES module
                        // (.mts, "type": "module") cannot use them, as tsc says.
                        import_export_assign_config: if kind == SourceKind::Module {
                            TsImportExportAssignConfig::EsNext
                        } else {
                            TsImportExportAssignConfig::Classic
                        },
                        // A file with `export =` is CommonJS: no `export {}` to keep it a
                        // module once its type-only imports are gone.
                        no_empty_export: has_export_assign,
                        ..Default::default()
                    };
                    if lang == Lang::Tsx {
                        // Keeps the import of the classic factory (`React`) although only JSX,
                        // not yet lowered, uses it.
                        let pragmas = TsxConfig {
                            pragma: Some(jsx_config.factory.clone().into()),
                            pragma_frag: Some(jsx_config.fragment.clone().into()),
                        };
                        program.mutate(tsx(
                            cm.clone(),
                            config,
                            pragmas,
                            comments.clone(),
                            unresolved,
                            top_level,
                        ));
                    } else {
                        program.mutate(typescript(config, unresolved, top_level));
                    }
                    program.visit_mut_with(&mut InstanceMembersFirst);
                    program.mutate(inject_helpers(unresolved));
                }
                if lang.has_jsx() {
                    // The React preset: JSX, plus `__source`/`__self` for jsxDEV in development.
                    program.mutate(react(
                        cm.clone(),
                        Some(comments.clone()),
                        jsx_options(jsx_config),
                        top_level,
                        unresolved,
                    ));
                }
                program.visit_mut_with(&mut RequireSpans);
            })
        })
    });
    let at = |span: Span| {
        if span.lo.0 == 0 || span.hi.0 as usize > source.len() + 1 {
            Location::file_only(file)
        } else {
            Location::from_range(
                file,
                source,
                span.lo.0 as usize - 1,
                span.hi.0.max(span.lo.0) as usize - 1,
            )
        }
    };
    let mut errors: Vec<Diagnostic> = collected
        .0
        .lock()
        .map(|v| v.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|(span, message)| Diagnostic::new(Code::SyntaxError, message).at(at(span)))
        .collect();
    if let Err(what) = outcome {
        errors.push(
            Diagnostic::new(
                Code::SyntaxError,
                format!("cannot compile this TypeScript/JSX: {what}"),
            )
            .at(Location::file_only(file))
            .hint("this is a bug in mfbundle or swc; please report it with the file"),
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// `export =` makes a CommonJS module; ES import/export declarations beside it would need
/// an ES-to-CommonJS conversion that this bundler does not do, so they are refused.
fn export_assign_in_es_module(program: &Program, file: &str, source: &str) -> Option<Diagnostic> {
    use swc_ecma_ast::{ModuleDecl, ModuleItem as Item};
    let module = program.as_module()?;
    let assign = module.body.iter().find_map(|i| match i {
        Item::ModuleDecl(ModuleDecl::TsExportAssignment(a)) => Some(a.span),
        _ => None,
    })?;
    let es = module.body.iter().any(|i| match i {
        Item::ModuleDecl(ModuleDecl::Import(d)) => !d.type_only,
        Item::ModuleDecl(ModuleDecl::ExportNamed(d)) => !d.type_only,
        Item::ModuleDecl(
            ModuleDecl::ExportDecl(_)
            | ModuleDecl::ExportDefaultDecl(_)
            | ModuleDecl::ExportDefaultExpr(_)
            | ModuleDecl::ExportAll(_),
        ) => true,
        _ => false,
    });
    es.then(|| {
        Diagnostic::new(
            Code::SyntaxError,
            "`export =` cannot be combined with import or export declarations in one file",
        )
        .at(Location::from_range(
            file,
            source,
            assign.lo.0 as usize - 1,
            assign.hi.0 as usize - 1,
        ))
        .hint("use `import x = require(\"...\")` for the imports of a CommonJS file, or `export default` in an ES module")
    })
}

fn jsx_options(c: &JsxConfig) -> JsxOptions {
    JsxOptions {
        runtime: Some(match c.runtime {
            JsxRuntime::Automatic => Runtime::Automatic,
            JsxRuntime::Classic => Runtime::Classic,
        }),
        import_source: Some(c.import_source.as_str().into()),
        pragma: Some(c.factory.clone().into()),
        pragma_frag: Some(c.fragment.clone().into()),
        development: Some(c.development),
        // Fast Refresh: components and hook signatures registered through two names the
        // codegen defines in each module (`refresh_prologue`).
        refresh: c
            .refresh
            .then(|| swc_ecma_transforms_react::RefreshOptions {
                refresh_reg: REFRESH_REG.into(),
                refresh_sig: REFRESH_SIG.into(),
                emit_full_signatures: false,
            }),
        ..Default::default()
    }
}

/// The functions swc's refresh transform calls (`$RefreshReg$`, `$RefreshSig$` in React's
/// own Babel plugin), defined per module by the codegen in hot builds.
pub const REFRESH_REG: &str = "__mf_refresh_reg__";
pub const REFRESH_SIG: &str = "__mf_refresh_sig__";

/// swc decorates class members in source order; tsc decorates all instance members, then
/// all static ones (then the class). Reorders each run of member `_ts_decorate(...)` calls
/// to tsc's order, since decorators can observe it.
struct InstanceMembersFirst;

impl InstanceMembersFirst {
    /// For a member decoration statement: whether its target is static.
    fn member_is_static(stmt: &Stmt) -> Option<bool> {
        let Stmt::Expr(ExprStmt { expr, .. }) = stmt else {
            return None;
        };
        let Expr::Call(call) = &**expr else {
            return None;
        };
        let Callee::Expr(callee) = &call.callee else {
            return None;
        };
        if !matches!(&**callee, Expr::Ident(i) if i.sym == *"_ts_decorate") || call.args.len() != 4
        {
            return None;
        }
        Some(match &*call.args[1].expr {
            Expr::Member(m) => !matches!(&m.prop, MemberProp::Ident(p) if p.sym == *"prototype"),
            _ => true,
        })
    }

    fn reorder<T>(items: &mut [T], stmt: fn(&T) -> Option<&Stmt>) {
        let mut i = 0;
        while i < items.len() {
            let run = items[i..]
                .iter()
                .take_while(|item| stmt(item).and_then(Self::member_is_static).is_some())
                .count();
            // A stable sort on "is static" puts instance members first, in order.
            items[i..i + run].sort_by_key(|item| stmt(item).and_then(Self::member_is_static));
            i += run.max(1);
        }
    }
}

impl VisitMut for InstanceMembersFirst {
    fn visit_mut_module_items(&mut self, items: &mut Vec<ModuleItem>) {
        items.visit_mut_children_with(self);
        Self::reorder(items, ModuleItem::as_stmt);
    }

    fn visit_mut_stmts(&mut self, stmts: &mut Vec<Stmt>) {
        stmts.visit_mut_children_with(self);
        Self::reorder(stmts, |s| Some(s));
    }
}

/// `import x = require("y")` becomes a `require` call without a position; import
/// collection keys calls by position, so each takes its argument's.
struct RequireSpans;

impl VisitMut for RequireSpans {
    fn visit_mut_call_expr(&mut self, call: &mut CallExpr) {
        call.visit_mut_children_with(self);
        if call.span.lo.0 == 0
            && let Callee::Expr(callee) = &call.callee
            && matches!(&**callee, Expr::Ident(i) if i.sym == *"require")
            && let Some(arg) = call.args.first()
            && let Expr::Lit(lit) = &*arg.expr
        {
            call.span = swc_common::Spanned::span(lit);
        }
    }
}
