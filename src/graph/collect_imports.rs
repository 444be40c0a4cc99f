//! Finds a module's requests and its static ESM shape: import/export declarations,
//! `require("x")` calls on the unbound `require`, and `import("x")` calls.

use std::collections::HashMap;

use swc_common::{Spanned, SyntaxContext};
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use super::module::{
    Barrel, ContextRequest, EsmInfo, ExportSource, ImportBinding, ImportKind, ImportRecord,
    Imported,
};
use crate::diagnostics::{Code, Diagnostic, Location};

#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub struct Collected {
    pub records: Vec<ImportRecord<()>>,
    pub call_sites: std::sync::Arc<rustc_hash::FxHashMap<u32, usize>>,
    pub esm: std::sync::Arc<EsmInfo>,
    /// Not stored by the persistent cache (which keeps only parses without diagnostics).
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
    /// The code reads `import.meta`.
    pub import_meta: bool,
    /// An `import(x, options)` whose options the build cannot read: checked at run time.
    pub attributes_at_run_time: bool,
    /// The first top-level `await` / `for await`.
    pub top_level_await: Option<(u32, u32)>,
    /// Requests computed from a literal prefix and expressions (the scan lists their files).
    pub contexts: Vec<ContextRequest>,
    /// Records imported `with { type: "json" }`, and where the attribute is.
    pub json_records: Vec<(usize, (u32, u32))>,
    /// The text names `__webpack_share_scopes__` or `__webpack_init_sharing__`
    /// ([`reads_share_scopes`]).
    pub reads_share_scopes: bool,
}

/// Whether `source` names `__webpack_share_scopes__` or `__webpack_init_sharing__` (then an
/// entry's runtime needs share scopes even in a build that shares nothing).
pub fn reads_share_scopes(source: &str) -> bool {
    // Both names start with `__webpack_`: one search, SIMD.
    let finder = memchr::memmem::Finder::new("__webpack_");
    finder.find_iter(source.as_bytes()).any(|at| {
        let rest = &source.as_bytes()[at..];
        rest.starts_with(b"__webpack_share_scopes__")
            || rest.starts_with(b"__webpack_init_sharing__")
    })
}

pub fn collect(
    file: &str,
    source: &str,
    program: &Program,
    unresolved: SyntaxContext,
) -> Collected {
    let mut c = Collector {
        file,
        source,
        unresolved,
        records: Vec::new(),
        index: HashMap::new(),
        call_sites: Default::default(),
        esm: EsmInfo::default(),
        diagnostics: Vec::new(),
        fn_depth: 0,
        try_depth: 0,
        caught: std::collections::HashSet::new(),
        import_meta: false,
        attributes_at_run_time: false,
        top_level_await: None,
        contexts: Vec::new(),
        json_records: Vec::new(),
    };
    if let Program::Module(m) = program {
        for item in &m.body {
            if let ModuleItem::ModuleDecl(decl) = item {
                c.module_decl(decl);
            }
        }
    }
    program.visit_with(&mut c);
    Collected {
        records: c.records,
        call_sites: c.call_sites.into(),
        esm: c.esm.into(),
        diagnostics: c.diagnostics,
        import_meta: c.import_meta,
        attributes_at_run_time: c.attributes_at_run_time,
        top_level_await: c.top_level_await,
        contexts: c.contexts,
        json_records: c.json_records,
        reads_share_scopes: reads_share_scopes(source),
    }
}

struct Collector<'a> {
    file: &'a str,
    source: &'a str,
    unresolved: SyntaxContext,
    records: Vec<ImportRecord<()>>,
    /// (request, is_require, is_dynamic) -> record index: one record per request and kind.
    index: HashMap<(String, u8), usize>,
    call_sites: rustc_hash::FxHashMap<u32, usize>,
    esm: EsmInfo,
    diagnostics: Vec<Diagnostic>,
    fn_depth: u32,
    /// `try` blocks around the code being visited, in the current function.
    try_depth: u32,
    /// `import()` calls whose rejection is handled (`.catch(f)`, `.then(f, g)`), by start.
    caught: std::collections::HashSet<u32>,
    import_meta: bool,
    attributes_at_run_time: bool,
    top_level_await: Option<(u32, u32)>,
    contexts: Vec<ContextRequest>,
    json_records: Vec<(usize, (u32, u32))>,
}

fn span_range(s: swc_common::Span) -> (u32, u32) {
    (s.lo.0.saturating_sub(1), s.hi.0.saturating_sub(1))
}

pub fn export_name(n: &ModuleExportName) -> String {
    match n {
        ModuleExportName::Ident(i) => i.sym.to_string(),
        ModuleExportName::Str(s) => s.value.to_string_lossy().into_owned(),
    }
}

impl Collector<'_> {
    fn record(
        &mut self,
        request: String,
        kind: ImportKind,
        span: (u32, u32),
        chunk_name: Option<String>,
        optional: bool,
    ) -> usize {
        let class = match kind {
            ImportKind::Static | ImportKind::ReExport => 0,
            ImportKind::Require => 1,
            ImportKind::Dynamic | ImportKind::SharedAsync => 2,
            ImportKind::Url => 3,
            ImportKind::Worker => 4,
        };
        if let Some(&i) = self.index.get(&(request.clone(), class)) {
            if kind == ImportKind::Static {
                self.records[i].kind = ImportKind::Static;
            }
            // Optional only if every occurrence is.
            self.records[i].optional &= optional;
            return i;
        }
        let i = self.records.len();
        self.index.insert((request.clone(), class), i);
        self.records.push(ImportRecord {
            request,
            kind,
            span,
            chunk_name,
            optional,
            shared: None,
            remote: None,
            barrel: Barrel::None,
            target: (),
        });
        i
    }

    fn module_decl(&mut self, decl: &ModuleDecl) {
        match decl {
            ModuleDecl::Import(import) => {
                if import.type_only {
                    return;
                }
                let r = self.record(
                    import.src.value.to_string_lossy().into_owned(),
                    ImportKind::Static,
                    span_range(import.src.span),
                    None,
                    false,
                );
                self.attributes(import.with.as_deref(), r);
                for spec in &import.specifiers {
                    let (local, imported, span) = match spec {
                        ImportSpecifier::Named(n) => {
                            if n.is_type_only {
                                continue;
                            }
                            let name = n
                                .imported
                                .as_ref()
                                .map(export_name)
                                .unwrap_or_else(|| n.local.sym.to_string());
                            (&n.local, Imported::from_name(&name), n.span)
                        }
                        ImportSpecifier::Default(d) => (&d.local, Imported::Default, d.span),
                        ImportSpecifier::Namespace(ns) => (&ns.local, Imported::Namespace, ns.span),
                    };
                    self.esm.imports.push(ImportBinding {
                        local: local.to_id(),
                        record: r,
                        imported,
                        span: span_range(span),
                    });
                }
            }
            ModuleDecl::ExportDecl(e) => {
                for name in decl_names(&e.decl) {
                    self.esm.exports.insert(name, ExportSource::Local);
                }
            }
            ModuleDecl::ExportNamed(named) => {
                if named.type_only {
                    return;
                }
                let record = named.src.as_ref().map(|src| {
                    self.record(
                        src.value.to_string_lossy().into_owned(),
                        ImportKind::ReExport,
                        span_range(src.span),
                        None,
                        false,
                    )
                });
                if let Some(r) = record {
                    self.attributes(named.with.as_deref(), r);
                }
                for spec in &named.specifiers {
                    let (exported, imported, span) = match spec {
                        ExportSpecifier::Named(n) => {
                            if n.is_type_only {
                                continue;
                            }
                            let orig = export_name(&n.orig);
                            let exported = n
                                .exported
                                .as_ref()
                                .map(export_name)
                                .unwrap_or_else(|| orig.clone());
                            (exported, Imported::from_name(&orig), n.span)
                        }
                        ExportSpecifier::Namespace(ns) => {
                            (export_name(&ns.name), Imported::Namespace, ns.span)
                        }
                        ExportSpecifier::Default(d) => (
                            d.exported.sym.to_string(),
                            Imported::Default,
                            d.exported.span,
                        ),
                    };
                    let source = match record {
                        Some(record) => ExportSource::ReExport {
                            record,
                            imported,
                            span: span_range(span),
                        },
                        None => {
                            if let Some(local) = imported.name() {
                                self.esm
                                    .export_locals
                                    .insert(exported.clone(), local.to_string());
                            }
                            ExportSource::Local
                        }
                    };
                    self.esm.exports.insert(exported, source);
                }
            }
            ModuleDecl::ExportDefaultDecl(_) | ModuleDecl::ExportDefaultExpr(_) => {
                self.esm
                    .exports
                    .insert("default".into(), ExportSource::Local);
            }
            ModuleDecl::ExportAll(all) => {
                if all.type_only {
                    return;
                }
                let r = self.record(
                    all.src.value.to_string_lossy().into_owned(),
                    ImportKind::ReExport,
                    span_range(all.src.span),
                    None,
                    false,
                );
                self.attributes(all.with.as_deref(), r);
                if !self.esm.star_exports.contains(&r) {
                    self.esm.star_exports.push(r);
                }
            }
            ModuleDecl::TsImportEquals(_)
            | ModuleDecl::TsExportAssignment(_)
            | ModuleDecl::TsNamespaceExport(_) => {}
        }
    }

    fn string_arg(args: &[ExprOrSpread]) -> Option<(String, swc_common::Span)> {
        let first = args.first()?;
        if first.spread.is_some() {
            return None;
        }
        match &*first.expr {
            Expr::Lit(Lit::Str(s)) => Some((s.value.to_string_lossy().into_owned(), s.span)),
            Expr::Tpl(t) if t.exprs.is_empty() && t.quasis.len() == 1 => {
                let q = &t.quasis[0];
                q.cooked
                    .as_ref()
                    .map(|c| (c.to_string_lossy().into_owned(), t.span))
            }
            // "./a/" + "b.js": a constant too.
            Expr::Bin(b) => match context_parts(&first.expr)?.as_slice() {
                [whole] => Some((whole.clone(), b.span)),
                _ => None,
            },
            _ => None,
        }
    }

    fn dynamic_warning(&mut self, what: &str, span: swc_common::Span) {
        let (s, e) = span_range(span);
        self.diagnostics.push(
            Diagnostic::new(
                Code::DynamicRequest,
                format!("{what} with a request that is not a constant string is left to run time"),
            )
            .at(Location::from_range(
                self.file,
                self.source,
                s as usize,
                e as usize,
            ))
            .hint("use a string literal so the bundler can include the module"),
        );
    }

    /// Import attributes: `type: "json"` marks the record for the scan to check that it
    /// names a JSON file; any other type or key is an error, as in Node.
    fn attributes(&mut self, with: Option<&ObjectLit>, record: usize) {
        let Some(with) = with else { return };
        for p in &with.props {
            let (key, value, span) = match p {
                PropOrSpread::Prop(p) => match &**p {
                    Prop::KeyValue(kv) => (prop_name(&kv.key), Some(&*kv.value), kv.key.span()),
                    other => (None, None, other.span()),
                },
                PropOrSpread::Spread(s) => (None, None, s.expr.span()),
            };
            let value = match value {
                Some(Expr::Lit(Lit::Str(s))) => Some(s.value.to_string_lossy().into_owned()),
                _ => None,
            };
            let problem = match (key.as_deref(), value.as_deref()) {
                (Some("type"), Some("json")) => {
                    self.json_records.push((record, span_range(span)));
                    continue;
                }
                (Some("type"), Some(other)) => {
                    format!("import attribute type \"{other}\" is not supported")
                }
                (Some(k), _) if k != "type" => format!("import attribute \"{k}\" is not supported"),
                _ => "import attributes are string keys with string values".to_string(),
            };
            let (s, e) = span_range(span);
            self.diagnostics.push(
                Diagnostic::new(Code::ImportAttributeInvalid, problem)
                    .at(Location::from_range(self.file, self.source, s as usize, e as usize))
                    .hint("the one attribute Node and the bundler know is type: \"json\", for JSON files"),
            );
        }
    }

    /// A request made of a relative literal prefix and expressions: recorded for the scan
    /// to list the files it can name. False when the request has no such shape.
    fn context(&mut self, call: &CallExpr, dynamic: bool, optional: bool) -> bool {
        // import(x, { with: ... }) too; its attributes are not checked for each file.
        let (Some(arg), true) = (
            call.args.first(),
            call.args.len() <= 1 + usize::from(dynamic),
        ) else {
            return false;
        };
        let Some(parts) = arg
            .spread
            .is_none()
            .then(|| context_parts(&arg.expr))
            .flatten()
        else {
            return false;
        };
        let relative = crate::config::shared::is_relative(&parts[0]);
        if parts.len() < 2 || !relative {
            return false;
        }
        self.contexts.push(ContextRequest {
            call: call.span.lo.0,
            dynamic,
            parts,
            span: span_range(arg.expr.span()),
            optional,
        });
        true
    }

    /// `webpackChunkName` / `mfbundleChunkName` in a magic comment inside `import(...)`.
    fn chunk_name(&self, call: &CallExpr) -> Option<String> {
        let (s, _) = span_range(call.span);
        let arg = call.args.first()?;
        let (a, _) = span_range(arg.expr.span());
        let text = self.source.get(s as usize..a as usize)?;
        for key in ["webpackChunkName", "mfbundleChunkName"] {
            if let Some(pos) = text.find(key) {
                let rest = &text[pos + key.len()..];
                let rest = rest.trim_start().strip_prefix(':')?.trim_start();
                let quote = rest.chars().next()?;
                if quote == '"' || quote == '\'' {
                    let body = &rest[1..];
                    let end = body.find(quote)?;
                    let name = crate::js_names::underscore_except(&body[..end], "-_");
                    if !name.is_empty() {
                        return Some(name);
                    }
                }
            }
        }
        None
    }
}

impl Visit for Collector<'_> {
    fn visit_call_expr(&mut self, call: &CallExpr) {
        // `import("x").catch(f)` and `import("x").then(f, g)` handle a failed load.
        if let Callee::Expr(callee) = &call.callee
            && let Expr::Member(m) = &**callee
            && let MemberProp::Ident(prop) = &m.prop
            && (prop.sym == *"catch" || (prop.sym == *"then" && call.args.len() >= 2))
            && let Expr::Call(inner) = &*m.obj
            && matches!(inner.callee, Callee::Import(_))
        {
            self.caught.insert(inner.span.lo.0);
        }
        if let Callee::Import(import) = &call.callee
            && let Some(problem) = import_call_problem(import, &call.args)
        {
            let (s, e) = span_range(call.span);
            self.diagnostics.push(
                Diagnostic::new(problem.0, problem.1)
                    .at(Location::from_range(
                        self.file,
                        self.source,
                        s as usize,
                        e as usize,
                    ))
                    .hint(problem.2),
            );
            call.visit_children_with(self);
            return;
        }
        match &call.callee {
            Callee::Import(_) => match Self::string_arg(&call.args) {
                Some((request, span)) => {
                    let name = self.chunk_name(call);
                    let optional = self.try_depth > 0 || self.caught.contains(&call.span.lo.0);
                    let r = self.record(
                        request,
                        ImportKind::Dynamic,
                        span_range(span),
                        name,
                        optional,
                    );
                    self.call_sites.insert(call.span.lo.0, r);
                    // import(x, { with: { type: "json" } }) (or the older `assert`); options the
                    // build cannot read are checked when the import runs.
                    if let Some(options) = call.args.get(1)
                        && !import_options_known(&options.expr)
                    {
                        self.attributes_at_run_time = true;
                    } else if let Some(options) = call.args.get(1)
                        && let Expr::Object(o) = &*options.expr
                    {
                        for p in &o.props {
                            if let PropOrSpread::Prop(p) = p
                                && let Prop::KeyValue(kv) = &**p
                                && matches!(prop_name(&kv.key).as_deref(), Some("with" | "assert"))
                                && let Expr::Object(with) = &*kv.value
                            {
                                self.attributes(Some(with), r);
                            }
                        }
                    }
                }
                None => {
                    let optional = self.try_depth > 0 || self.caught.contains(&call.span.lo.0);
                    if !self.context(call, true, optional) {
                        self.dynamic_warning("import()", call.span);
                    }
                }
            },
            Callee::Expr(callee) => {
                if let Expr::Ident(id) = &**callee
                    && id.sym == *"require"
                    && id.ctxt == self.unresolved
                {
                    match Self::string_arg(&call.args) {
                        Some((request, span)) if call.args.len() == 1 => {
                            let optional = self.try_depth > 0;
                            let r = self.record(
                                request,
                                ImportKind::Require,
                                span_range(span),
                                None,
                                optional,
                            );
                            self.call_sites.insert(call.span.lo.0, r);
                        }
                        _ => {
                            if !self.context(call, false, self.try_depth > 0) {
                                self.dynamic_warning("require()", call.span);
                            }
                        }
                    }
                }
            }
            Callee::Super(_) => {}
        }
        call.visit_children_with(self);
    }

    fn visit_function(&mut self, f: &Function) {
        self.fn_depth += 1;
        // A function's body runs where it is called, not inside the enclosing `try`.
        let try_depth = std::mem::take(&mut self.try_depth);
        f.visit_children_with(self);
        self.try_depth = try_depth;
        self.fn_depth -= 1;
    }

    fn visit_arrow_expr(&mut self, f: &ArrowExpr) {
        self.fn_depth += 1;
        let try_depth = std::mem::take(&mut self.try_depth);
        f.visit_children_with(self);
        self.try_depth = try_depth;
        self.fn_depth -= 1;
    }

    /// A request in a `try` block is optional: the code handles its failure (webpack and
    /// esbuild treat it so too). The handler and the finalizer are not covered.
    fn visit_try_stmt(&mut self, s: &TryStmt) {
        self.try_depth += 1;
        s.block.visit_with(self);
        self.try_depth -= 1;
        s.handler.visit_with(self);
        s.finalizer.visit_with(self);
    }

    fn visit_class(&mut self, c: &Class) {
        // The heritage and decorators run where the class is defined.
        c.super_class.visit_with(self);
        c.decorators.visit_with(self);
        self.fn_depth += 1;
        c.body.visit_with(self);
        self.fn_depth -= 1;
    }

    fn visit_await_expr(&mut self, e: &AwaitExpr) {
        if self.fn_depth == 0 {
            self.top_level_await.get_or_insert(span_range(e.span));
        }
        e.visit_children_with(self);
    }

    fn visit_for_of_stmt(&mut self, s: &ForOfStmt) {
        if s.is_await && self.fn_depth == 0 {
            self.top_level_await.get_or_insert(span_range(s.span));
        }
        s.visit_children_with(self);
    }

    fn visit_meta_prop_expr(&mut self, e: &MetaPropExpr) {
        if e.kind == MetaPropKind::ImportMeta {
            self.import_meta = true;
            // `import.m\u0065ta`: keywords are written without escapes (swc accepts it).
            let (s, end) = span_range(e.span);
            if self
                .source
                .get(s as usize..end as usize)
                .and_then(|t| t.rsplit('.').next())
                .is_some_and(|meta| meta.contains('\\'))
            {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::SyntaxError,
                        "import.meta is written with an escape sequence",
                    )
                    .at(Location::from_range(
                        self.file,
                        self.source,
                        s as usize,
                        end as usize,
                    ))
                    .hint("write `import.meta` literally"),
                );
            }
        }
    }

    /// `import.meta.env` that no `[define]` replaced: Vite's variables do not exist here.
    fn visit_member_expr(&mut self, e: &MemberExpr) {
        if let Expr::MetaProp(meta) = &*e.obj
            && meta.kind == MetaPropKind::ImportMeta
            && matches!(&e.prop, MemberProp::Ident(p) if p.sym == *"env")
        {
            let (s, end) = span_range(e.span);
            self.diagnostics.push(
                Diagnostic::new(Code::Unsupported, "import.meta.env is not defined in this build")
                    .at(Location::from_range(self.file, self.source, s as usize, end as usize))
                    .hint("give each variable the code reads a [define] value, e.g. \"import.meta.env.MODE\" = '\"production\"'"),
            );
        }
        e.visit_children_with(self);
    }

    /// `new URL("./file", import.meta.url)` names a file the build emits as an asset.
    fn visit_new_expr(&mut self, e: &NewExpr) {
        // `new Worker(new URL("./w.js", import.meta.url), options)`: a worker entry.
        if let Expr::Ident(callee) = &*e.callee
            && matches!(&*callee.sym, "Worker" | "SharedWorker")
            && callee.ctxt == self.unresolved
            && let Some(first) = e.args.as_ref().and_then(|a| a.first())
            && first.spread.is_none()
            && let Expr::New(url) = &*first.expr
            && let Some((request, span)) = url_asset_request(url, self.unresolved)
        {
            let r = self.record(request, ImportKind::Worker, span_range(span), None, false);
            self.call_sites.insert(url.span.lo.0, r);
            for arg in e.args.iter().flatten().skip(1) {
                arg.visit_with(self);
            }
            return;
        }
        if let Some((request, span)) = url_asset_request(e, self.unresolved) {
            let r = self.record(request, ImportKind::Url, span_range(span), None, false);
            self.call_sites.insert(e.span.lo.0, r);
            // Rewritten whole: its `import.meta.url` is not read at run time.
            return;
        }
        e.visit_children_with(self);
    }
}

/// The literal parts of a request computed by a template literal (\`./a/${x}.js\`) or a
/// `+` chain that starts with a string (`"./a/" + x + ".js"`); an expression stands between
/// each two parts.
fn context_parts(e: &Expr) -> Option<Vec<String>> {
    match e {
        Expr::Tpl(t) => t
            .quasis
            .iter()
            .map(|q| q.cooked.as_ref().map(|c| c.to_string_lossy().into_owned()))
            .collect(),
        Expr::Bin(_) => {
            let mut leaves = Vec::new();
            plus_leaves(e, &mut leaves);
            let mut parts = vec![String::new()];
            for (i, leaf) in leaves.iter().enumerate() {
                match leaf {
                    Expr::Lit(Lit::Str(s)) => {
                        parts.last_mut()?.push_str(&s.value.to_string_lossy())
                    }
                    _ if i == 0 => return None,
                    _ => parts.push(String::new()),
                }
            }
            Some(parts)
        }
        Expr::Paren(p) => context_parts(&p.expr),
        _ => None,
    }
}

/// What is wrong with an `import(...)` call the parser accepts but the language does not
/// (a spread, no argument or more than two; Node refuses them), or that the build cannot
/// do (`import.defer`, `import.source`, proposals Node 20 does not have).
fn import_call_problem(
    import: &Import,
    args: &[ExprOrSpread],
) -> Option<(Code, &'static str, &'static str)> {
    if import.phase != ImportPhase::Evaluation {
        return Some((
            Code::Unsupported,
            "import.defer() and import.source() are not supported",
            "use import()",
        ));
    }
    if args.iter().any(|a| a.spread.is_some()) || args.is_empty() || args.len() > 2 {
        return Some((
            Code::SyntaxError,
            "import() takes a request and an optional options object, without spread",
            "write import(request) or import(request, { with: { type: \"json\" } })",
        ));
    }
    None
}

/// A property key as a string (`with`, `"type"`), `None` when computed.
/// Whether the build reads `import(x, options)`'s attributes itself: `options` is an object
/// literal of `key: value` properties, and its `with` (or `assert`) one whose values are
/// string literals. Anything else (a variable, `null`, a getter, a number) is checked at run
/// time, where the specification rejects the import with a TypeError.
pub fn import_options_known(options: &Expr) -> bool {
    fn key_values(o: &ObjectLit) -> Option<Vec<(String, &Expr)>> {
        o.props
            .iter()
            .map(|p| match p {
                PropOrSpread::Prop(p) => match &**p {
                    Prop::KeyValue(kv) => Some((prop_name(&kv.key)?, &*kv.value)),
                    _ => None,
                },
                PropOrSpread::Spread(_) => None,
            })
            .collect()
    }
    let Expr::Object(o) = options else {
        return false;
    };
    let Some(props) = key_values(o) else {
        return false;
    };
    props
        .iter()
        .all(|(key, value)| match (key.as_str(), value) {
            ("with" | "assert", Expr::Object(with)) => key_values(with).is_some_and(|attributes| {
                attributes
                    .iter()
                    .all(|(_, v)| matches!(v, Expr::Lit(Lit::Str(_))))
            }),
            ("with" | "assert", _) => false,
            _ => true,
        })
}

fn prop_name(key: &PropName) -> Option<String> {
    match key {
        PropName::Ident(i) => Some(i.sym.to_string()),
        PropName::Str(s) => Some(s.value.to_string_lossy().into_owned()),
        _ => None,
    }
}

/// The operands of a left-associated `a + b + c`.
fn plus_leaves<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match e {
        Expr::Bin(b) if b.op == BinaryOp::Add => {
            plus_leaves(&b.left, out);
            out.push(&b.right);
        }
        _ => out.push(e),
    }
}

/// The relative path of `new URL("./file", import.meta.url)` (on the global `URL`).
fn url_asset_request(e: &NewExpr, unresolved: SyntaxContext) -> Option<(String, swc_common::Span)> {
    let Expr::Ident(callee) = &*e.callee else {
        return None;
    };
    if callee.sym != *"URL" || callee.ctxt != unresolved {
        return None;
    }
    let args = e.args.as_ref()?;
    let [_, base] = args.as_slice() else {
        return None;
    };
    let is_meta_url = base.spread.is_none()
        && matches!(&*base.expr, Expr::Member(m)
            if matches!(&*m.obj, Expr::MetaProp(p) if p.kind == MetaPropKind::ImportMeta)
                && matches!(&m.prop, MemberProp::Ident(p) if p.sym == *"url"));
    let (request, span) = Collector::string_arg(args)?;
    (is_meta_url && crate::config::shared::is_relative(&request)).then_some((request, span))
}

/// Names bound by an exported declaration.
pub fn decl_names(decl: &Decl) -> Vec<String> {
    decl_bindings(decl).into_iter().map(|(n, _)| n).collect()
}

/// Names bound by a declaration, with where each is written.
pub fn decl_bindings(decl: &Decl) -> Vec<(String, swc_common::Span)> {
    let ids: Vec<Ident> = match decl {
        Decl::Class(c) => vec![c.ident.clone()],
        Decl::Fn(f) => vec![f.ident.clone()],
        Decl::Var(v) => swc_ecma_utils::find_pat_ids(&v.decls),
        Decl::Using(u) => swc_ecma_utils::find_pat_ids(&u.decls),
        _ => vec![],
    };
    ids.into_iter()
        .map(|i| (i.sym.to_string(), i.span))
        .collect()
}
