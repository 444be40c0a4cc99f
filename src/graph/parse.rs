//! Parsing one file: swc's parser, Node's module-vs-script rules, swc's resolver (so that later
//! passes can tell bindings apart by syntax context), TypeScript and JSX lowered to
//! JavaScript (`transform_ts.rs`), then `[define]` substitution and
//! dead-branch removal, so that code in `if (process.env.NODE_ENV !== "production")` never
//! reaches the graph in production.

use std::sync::Arc;

use swc_common::comments::{Comments, SingleThreadedComments};
use swc_common::util::take::Take;
use swc_common::{BytePos, GLOBALS, Globals, Mark, Spanned, SyntaxContext, pass::Repeat};
use swc_ecma_ast::{EsVersion, Expr, Module, Program, Script};
use swc_ecma_parser::{EsSyntax, Parser, StringInput, Syntax, error::Error as ParseError};
use swc_ecma_transforms_base::resolver;
use swc_ecma_transforms_optimization::inline_globals;
use swc_ecma_transforms_optimization::simplify::{dead_branch_remover, expr_simplifier};
use swc_ecma_utils::NodeIgnoringSpan;

pub use super::transform_ts::Lang;
use super::transform_ts::lower;
use crate::config::JsxConfig;
use crate::diagnostics::{Code, Diagnostic, Location, contain_panic};

/// Node's view of a file before parsing: its extension and its package's `"type"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SourceKind {
    /// `.mjs`, or `.js` under `"type": "module"`: always an ES module.
    Module,
    /// `.cjs`: always CommonJS.
    CommonJs,
    /// `.js` elsewhere: an ES module if it has import/export syntax.
    Auto,
}

pub struct Parsed {
    pub program: Program,
    pub globals: Arc<Globals>,
    pub unresolved_ctxt: SyntaxContext,
    /// Positions (span starts) of expressions annotated `/*#__PURE__*/` or `/*@__PURE__*/`,
    /// sorted: calls a minifier, and production tree shaking, may drop when unused.
    pub pure: Arc<[u32]>,
}

/// `[define]` parsed once per build: expression -> replacement.
#[derive(Default)]
pub struct Defines {
    pairs: Vec<(Expr, Expr)>,
    /// Last segment of each key: a file that contains none of them is not searched.
    needles: Vec<String>,
}

impl Defines {
    pub fn parse(
        define: &std::collections::BTreeMap<String, String>,
    ) -> Result<Defines, Vec<Diagnostic>> {
        let mut out = Defines::default();
        let mut errors = Vec::new();
        for (k, v) in define {
            let key = parse_expr(k);
            let value = parse_expr(v);
            match (key, value) {
                (Some(key), Some(value)) => {
                    out.pairs.push((key, value));
                    out.needles
                        .push(k.rsplit('.').next().unwrap_or(k).trim().to_string());
                }
                (None, _) => errors.push(
                    Diagnostic::new(
                        Code::ConfigInvalid,
                        format!("define key `{k}` is not a JavaScript expression"),
                    )
                    .hint("keys are identifiers or member chains such as process.env.API_URL"),
                ),
                (_, None) => errors.push(
                    Diagnostic::new(
                        Code::ConfigInvalid,
                        format!("define value of `{k}` is not a JavaScript expression: {v}"),
                    )
                    .hint("strings need inner quotes: \"process.env.API\" = '\"https://x\"'"),
                ),
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    fn applies_to(&self, source: &str) -> bool {
        self.needles.iter().any(|n| source.contains(n.as_str()))
    }
}

fn parse_expr(text: &str) -> Option<Expr> {
    let mut p = Parser::new(
        Syntax::Es(EsSyntax::default()),
        StringInput::new(text, BytePos(1), BytePos(1 + text.len() as u32)),
        None,
    );
    if let Ok(e) = p.parse_expr()
        && p.take_errors().is_empty()
    {
        return Some(*e);
    }
    // `import.meta.env.MODE` is an expression of module code only.
    let mut p = Parser::new(
        Syntax::Es(EsSyntax::default()),
        StringInput::new(text, BytePos(1), BytePos(1 + text.len() as u32)),
        None,
    );
    let module = p.parse_module().ok()?;
    match (p.take_errors().is_empty(), module.body.as_slice()) {
        (true, [swc_ecma_ast::ModuleItem::Stmt(swc_ecma_ast::Stmt::Expr(e))]) => {
            Some(*e.expr.clone())
        }
        _ => None,
    }
}

/// Parses `source` (the file `file`, project-relative, in `lang`) into a JavaScript program
/// with resolved syntax contexts: TypeScript and JSX are lowered first (see
/// `transform_ts.rs`). Byte positions are offsets into `source` plus one (swc reserves 0).
pub fn parse_js(
    file: &str,
    source: &str,
    kind: SourceKind,
    lang: Lang,
    defines: &Defines,
    jsx: &JsxConfig,
) -> Result<Parsed, Vec<Diagnostic>> {
    if let Some(pos) = too_deep(source) {
        return Err(vec![
            Diagnostic::new(
                Code::TooDeeplyNested,
                format!("brackets are nested more than {MAX_NESTING} levels deep"),
            )
            .at(Location::from_range(file, source, pos, pos + 1))
            .hint("generated code this deep cannot be compiled; split the expression or load the data as JSON"),
        ]);
    }
    // Comments carry JSX pragmas (`/** @jsx h */`) and PURE annotations; plain JavaScript
    // without annotations does not need them.
    let comments = SingleThreadedComments::default();
    let input = StringInput::new(source, BytePos(1), BytePos(1 + source.len() as u32));
    let want_comments = lang != Lang::Js || source.contains("__PURE__");
    // swc's parser has debug assertions that some malformed input trips (debug builds):
    // such a file is a syntax error, not a crash.
    let parsed = contain_panic(|| {
        let mut parser = Parser::new(
            lang.syntax(),
            input,
            want_comments.then_some(&comments as &dyn Comments),
        );
        let result = match kind {
            SourceKind::Module => parser.parse_module().map(Program::Module),
            SourceKind::CommonJs => parser.parse_commonjs().map(Program::Script),
            SourceKind::Auto => parser.parse_program(),
        };
        (result, parser.take_errors())
    });
    let (result, mut errors): (_, Vec<ParseError>) = match parsed {
        Ok(r) => r,
        Err(what) => {
            return Err(vec![
                Diagnostic::new(Code::SyntaxError, format!("cannot parse this file: {what}"))
                    .at(Location::file_only(file))
                    .hint("the parser stopped on malformed input; check the syntax (this is a bug in mfbundle or swc: please report it with the file)"),
            ]);
        }
    };
    let program = match result {
        Ok(p) => Some(p),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    if !errors.is_empty() {
        return Err(errors
            .into_iter()
            .map(|e| syntax_diagnostic(file, source, lang, &e))
            .collect());
    }
    let Some(mut program) = program else {
        return Err(vec![]);
    };
    if kind == SourceKind::Auto {
        program = script_unless_module_syntax(program);
    }

    let globals = Arc::new(Globals::new());
    let unresolved_ctxt = GLOBALS.set(&globals, || {
        let unresolved = Mark::new();
        let top_level = Mark::new();
        program.mutate(resolver(unresolved, top_level, lang.is_typescript()));
        if matches!(lang, Lang::Js | Lang::Jsx)
            && let Program::Module(m) = &program
        {
            let unresolved_ctxt = SyntaxContext::empty().apply_mark(unresolved);
            let errors = super::early_errors::check(m, file, source, unresolved_ctxt);
            if !errors.is_empty() {
                return Err(errors);
            }
        }
        lower(
            &mut program,
            lang,
            kind,
            file,
            source,
            &comments,
            jsx,
            unresolved,
            top_level,
        )?;
        if kind == SourceKind::Auto && lang.is_typescript() {
            // `import x = require()` and `export =` were module syntax and are now CommonJS.
            program = script_unless_module_syntax(std::mem::replace(
                &mut program,
                Program::Script(Script::dummy()),
            ));
        }
        if !defines.pairs.is_empty() && defines.applies_to(source) {
            let map: rustc_hash::FxHashMap<_, _> = defines
                .pairs
                .iter()
                .map(|(k, v)| (NodeIgnoringSpan::owned(k.clone()), v.clone()))
                .collect();
            program.mutate(inline_globals(
                Default::default(),
                Default::default(),
                swc_common::sync::Lrc::new(map),
                Default::default(),
            ));
            program.mutate(Repeat::new((
                expr_simplifier(unresolved, Default::default()),
                dead_branch_remover(unresolved),
            )));
        }
        Ok::<_, Vec<Diagnostic>>(SyntaxContext::empty().apply_mark(unresolved))
    })?;
    let mut pure: Vec<u32> = {
        let (leading, _) = comments.borrow_all();
        leading
            .iter()
            .filter(|(_, list)| {
                list.iter()
                    .any(|c| c.text.contains("#__PURE__") || c.text.contains("@__PURE__"))
            })
            .map(|(pos, _)| pos.0)
            .collect()
    };
    pure.sort_unstable();
    Ok(Parsed {
        program,
        globals,
        unresolved_ctxt,
        pure: pure.into(),
    })
}

/// `parse_program` returns a Module for files without import/export only when they need
/// module grammar; normalise so that "has module declarations" decides for Auto files,
/// except that a top-level await or `import.meta` makes a module too (Node runs such a
/// file as one).
fn script_unless_module_syntax(program: Program) -> Program {
    match program {
        Program::Module(m) if !m.body.iter().any(|i| i.is_module_decl()) && !needs_module(&m) => {
            let Module {
                span,
                body,
                shebang,
            } = m;
            Program::Script(Script {
                span,
                body: body.into_iter().filter_map(|i| i.stmt()).collect(),
                shebang,
            })
        }
        other => other,
    }
}

/// Whether the module awaits at top level or reads `import.meta`.
fn needs_module(m: &Module) -> bool {
    use swc_ecma_ast::{ArrowExpr, AwaitExpr, ForOfStmt, Function, MetaPropExpr, MetaPropKind};
    use swc_ecma_visit::{Visit, VisitWith};
    #[derive(Default)]
    struct Find {
        depth: u32,
        found: bool,
    }
    impl Visit for Find {
        fn visit_function(&mut self, f: &Function) {
            self.depth += 1;
            f.visit_children_with(self);
            self.depth -= 1;
        }
        fn visit_arrow_expr(&mut self, f: &ArrowExpr) {
            self.depth += 1;
            f.visit_children_with(self);
            self.depth -= 1;
        }
        fn visit_await_expr(&mut self, e: &AwaitExpr) {
            self.found |= self.depth == 0;
            e.visit_children_with(self);
        }
        fn visit_for_of_stmt(&mut self, s: &ForOfStmt) {
            self.found |= s.is_await && self.depth == 0;
            s.visit_children_with(self);
        }
        fn visit_meta_prop_expr(&mut self, e: &MetaPropExpr) {
            self.found |= e.kind == MetaPropKind::ImportMeta;
        }
    }
    let mut find = Find::default();
    m.visit_with(&mut find);
    find.found
}

/// Nesting deeper than this is refused before parsing: swc's passes recurse once per level
/// and overflow even the large stacks `main` gives them somewhere past 20,000 levels.
pub const MAX_NESTING: usize = 10_000;

/// Byte offset where bracket nesting first exceeds [`MAX_NESTING`]. Strings and comments are
/// skipped; regular expressions are not recognised, which can only overcount, and only
/// matters for files near the limit.
fn too_deep(source: &str) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            q @ (b'"' | b'\'' | b'`') => {
                i += 1;
                while i < bytes.len() && bytes[i] != q && !(q != b'`' && bytes[i] == b'\n') {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn syntax_diagnostic(file: &str, source: &str, lang: Lang, e: &ParseError) -> Diagnostic {
    let span = e.span();
    let start = span.lo.0.saturating_sub(1) as usize;
    let end = span.hi.0.saturating_sub(1) as usize;
    let msg = e.kind().msg().to_string();
    let hint = syntax_hint(&msg, lang);
    let mut d =
        Diagnostic::new(Code::SyntaxError, msg).at(Location::from_range(file, source, start, end));
    if let Some(h) = hint {
        d = d.hint(h);
    }
    d
}

fn syntax_hint(msg: &str, lang: Lang) -> Option<&'static str> {
    if (msg.contains("jsx") || msg.contains("JSX")) && lang == Lang::Js {
        Some("JSX is not enabled for .js files; rename the file to .jsx (or .tsx)")
    } else if (msg.contains("jsx") || msg.contains("JSX")) && lang == Lang::Ts {
        Some("JSX is not enabled for .ts files; rename the file to .tsx")
    } else if msg.contains("'import', and 'export' cannot be used outside of module code") {
        Some(
            "the file is parsed as CommonJS (.cjs or \"type\": \"commonjs\"); rename it to .mjs or use require",
        )
    } else if msg.contains("Unexpected eof") || msg.contains("Expected") {
        Some("check for a missing bracket, brace or parenthesis before this point")
    } else {
        None
    }
}

/// The ES version swc's codegen is told to keep: everything we parse.
pub const TARGET: EsVersion = EsVersion::EsNext;
