//! Which exports each import site references, and which of those the importing code really
//! uses: the basis of `mfbundle analyze` and of share-usage.json.
//!
//! An imported binding is *used* when an expression refers to it (swc's resolver tells bindings
//! apart by syntax context, so shadowing is handled); an import whose bindings are never
//! referenced is *imported but unused*. A namespace (`import * as ns`) counts member by member
//! while every use is `ns.name` or `ns["name"]`; anything else (passed around, computed access)
//! makes it use every export. `require` and `import()` are read the same way when their
//! results are destructured or accessed directly, or bound to a variable that is only ever
//! read as `m.name` (`const m = require("x")`, `const ns = await import("x")`), as webpack 5
//! reads CommonJS imports.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use crate::graph::{ImportKind, Imported, NormalModule};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PatternType {
    /// `import "x"`: nothing imported (ordered first: any binding makes it more specific).
    SideEffect,
    Named,
    Default,
    /// `import * as ns`, `require`, `import()`, `export *`.
    Namespace,
}

/// What one request of a module references of its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordUsage {
    pub record: usize,
    pub pattern: PatternType,
    /// Export names the import statement names (or, for a namespace, the members accessed).
    pub imported: BTreeSet<String>,
    /// The subset that code refers to.
    pub used: BTreeSet<String>,
    /// Every export may be used (an escaping namespace, `require` kept whole, ...).
    pub uses_all: bool,
    /// Why `uses_all` is set, for the report's bailout reasons.
    pub bailout: Option<String>,
}

/// What names a request's result in one module: its import bindings and the variables bound
/// to a `require`/`import()` (one per module, shared by every walk over it).
pub struct ModuleBindings {
    imports: HashMap<Id, (usize, Imported)>,
    requests: HashMap<Id, usize>,
}

impl ModuleBindings {
    pub fn new(m: &NormalModule) -> ModuleBindings {
        let imports = m
            .esm
            .imports
            .iter()
            .map(|b| (b.local.clone(), (b.record, b.imported.clone())))
            .collect();
        let mut request_bindings = RequestBindings {
            m,
            found: HashMap::new(),
        };
        m.program().visit_with(&mut request_bindings);
        ModuleBindings {
            imports,
            requests: request_bindings.found,
        }
    }
}

/// A record's usage, created on first sight with its most general pattern so far.
fn entry(by_record: &mut BTreeMap<usize, RecordUsage>, record: usize, pattern: PatternType) {
    let u = by_record.entry(record).or_insert_with(|| RecordUsage {
        record,
        pattern,
        imported: BTreeSet::new(),
        used: BTreeSet::new(),
        uses_all: false,
        bailout: None,
    });
    u.pattern = u.pattern.max(pattern);
}

/// Usage of every record of `m` (records that are not imports of any kind are skipped).
pub fn record_usages(m: &NormalModule) -> Vec<RecordUsage> {
    let bindings = ModuleBindings::new(m);
    let mut by_record: BTreeMap<usize, RecordUsage> = BTreeMap::new();
    for (r, record) in m.records.iter().enumerate() {
        if matches!(record.kind, ImportKind::Static | ImportKind::ReExport) {
            entry(&mut by_record, r, PatternType::SideEffect);
        }
    }
    let walked = usages_in(m, &bindings, &*m.program());
    for (r, u) in walked.imports {
        merge(&mut by_record, r, u);
    }
    reexport_usages(m, &mut by_record);
    for (r, u) in walked.calls {
        merge(&mut by_record, r, u);
    }
    by_record.into_values().collect()
}

/// Adds `u` into the record's usage.
fn merge(by_record: &mut BTreeMap<usize, RecordUsage>, record: usize, u: RecordUsage) {
    entry(by_record, record, u.pattern);
    let into = by_record.get_mut(&record).expect("inserted above");
    into.imported.extend(u.imported);
    into.used.extend(u.used);
    if u.uses_all {
        into.uses_all = true;
        into.bailout = u.bailout;
    }
}

/// What the code of `node` (the module, or one of its top-level statements) references
/// through import bindings, and through `require`/`import()` calls, by record.
pub struct Walked {
    pub imports: BTreeMap<usize, RecordUsage>,
    pub calls: BTreeMap<usize, RecordUsage>,
}

pub fn usages_in<N: for<'a> VisitWith<RefCollector<'a>>>(
    m: &NormalModule,
    bindings: &ModuleBindings,
    node: &N,
) -> Walked {
    let mut refs = RefCollector {
        bindings: &bindings.imports,
        request_bindings: &bindings.requests,
        named: HashMap::new(),
        members: HashMap::new(),
        escapes: HashMap::new(),
        m,
        calls: BTreeMap::new(),
    };
    node.visit_with(&mut refs);
    let mut by_record: BTreeMap<usize, RecordUsage> = BTreeMap::new();
    for b in &m.esm.imports {
        let pattern = match b.imported {
            Imported::Default => PatternType::Default,
            Imported::Named(_) => PatternType::Named,
            Imported::Namespace => PatternType::Namespace,
        };
        entry(&mut by_record, b.record, pattern);
        let u = by_record.get_mut(&b.record).expect("inserted above");
        match &b.imported {
            Imported::Namespace => {
                if refs.escapes.get(&b.local).copied().unwrap_or(false) {
                    u.uses_all = true;
                    u.bailout = Some(
                        "namespace object escapes (passed on or accessed with a computed key)"
                            .into(),
                    );
                }
                for name in refs.members.get(&b.local).into_iter().flatten() {
                    u.imported.insert(name.clone());
                    u.used.insert(name.clone());
                }
            }
            other => {
                let name = other.name().unwrap_or_default().to_string();
                u.imported.insert(name.clone());
                if refs.named.get(&b.local).copied().unwrap_or(0) > 0 {
                    u.used.insert(name);
                }
            }
        }
    }
    // require() / import() call sites.
    let mut calls: BTreeMap<usize, RecordUsage> = BTreeMap::new();
    for (record, uses) in refs.calls {
        let pattern = match m.records[record].kind {
            ImportKind::Dynamic | ImportKind::Require => PatternType::Namespace,
            _ => PatternType::SideEffect,
        };
        entry(&mut calls, record, pattern);
        let u = calls.get_mut(&record).expect("inserted above");
        for call in uses {
            match call {
                CallUse::Names(names) => {
                    u.imported.extend(names.iter().cloned());
                    u.used.extend(names);
                }
                CallUse::Whole => {
                    u.uses_all = true;
                    u.bailout = Some(match m.records[record].kind {
                        ImportKind::Dynamic => "import() result used as a whole".into(),
                        _ => "require() result used as a whole".into(),
                    });
                }
            }
        }
    }
    Walked {
        imports: by_record,
        calls,
    }
}

/// Re-exports pass names on: they count as used (the importers of this module decide).
pub(crate) fn reexport_usages(m: &NormalModule, by_record: &mut BTreeMap<usize, RecordUsage>) {
    for source in m.esm.exports.values() {
        if let crate::graph::ExportSource::ReExport {
            record, imported, ..
        } = source
        {
            entry(by_record, *record, PatternType::Named);
            let u = by_record.get_mut(record).expect("inserted above");
            match imported.name() {
                Some(n) => {
                    u.imported.insert(n.to_string());
                    u.used.insert(n.to_string());
                }
                None => {
                    u.uses_all = true;
                    u.bailout = Some("export * as namespace re-exports every export".into());
                }
            }
        }
    }
    for &record in &m.esm.star_exports {
        entry(by_record, record, PatternType::Namespace);
        let u = by_record.get_mut(&record).expect("inserted above");
        u.uses_all = true;
        u.bailout = Some("export * re-exports every export".into());
    }
}

enum CallUse {
    Names(Vec<String>),
    Whole,
}

/// Variables bound to a request's result: `const m = require("x")` (any declaration kind;
/// an assignment to the variable later makes it use every export).
struct RequestBindings<'a> {
    m: &'a NormalModule,
    found: HashMap<Id, usize>,
}

impl Visit for RequestBindings<'_> {
    fn visit_var_declarator(&mut self, d: &VarDeclarator) {
        if let (Pat::Ident(binding), Some(init)) = (&d.name, &d.init)
            && let Some(record) = request_of(self.m, init)
        {
            self.found.insert(binding.to_id(), record);
        }
        d.visit_children_with(self);
    }
}

/// `require("x")`, `import("x")` or `await import("x")` as the expression: its record.
fn request_of(m: &NormalModule, e: &Expr) -> Option<usize> {
    match e {
        Expr::Call(c) => m.request_record(c),
        Expr::Await(a) => request_of(m, &a.arg),
        Expr::Paren(p) => request_of(m, &p.expr),
        _ => None,
    }
}

pub struct RefCollector<'a> {
    bindings: &'a HashMap<Id, (usize, Imported)>,
    /// `const m = require("x")`: binding -> record.
    request_bindings: &'a HashMap<Id, usize>,
    /// Binding -> references (non-namespace imports).
    named: HashMap<Id, usize>,
    /// Namespace binding -> statically accessed members.
    members: HashMap<Id, BTreeSet<String>>,
    /// Namespace binding -> used other than by static member access.
    escapes: HashMap<Id, bool>,
    m: &'a NormalModule,
    calls: BTreeMap<usize, Vec<CallUse>>,
}

fn static_prop(prop: &MemberProp) -> Option<String> {
    match prop {
        MemberProp::Ident(i) => Some(i.sym.to_string()),
        MemberProp::Computed(c) => match &*c.expr {
            Expr::Lit(Lit::Str(s)) => Some(s.value.to_string_lossy().into_owned()),
            _ => None,
        },
        MemberProp::PrivateName(_) => None,
    }
}

impl RefCollector<'_> {
    fn request_record(&self, call: &CallExpr) -> Option<usize> {
        self.m.request_record(call)
    }

    fn pattern_names(pat: &Pat) -> Option<Vec<String>> {
        let Pat::Object(o) = pat else { return None };
        let mut names = Vec::new();
        for p in &o.props {
            match p {
                ObjectPatProp::KeyValue(kv) => match &kv.key {
                    PropName::Ident(i) => names.push(i.sym.to_string()),
                    PropName::Str(s) => names.push(s.value.to_string_lossy().into_owned()),
                    _ => return None,
                },
                ObjectPatProp::Assign(a) => names.push(a.key.sym.to_string()),
                ObjectPatProp::Rest(_) => return None,
            }
        }
        Some(names)
    }

    /// `import("x")` or `await import("x")` / `require("x")` as the expression.
    fn call_of(&self, e: &Expr) -> Option<usize> {
        request_of(self.m, e)
    }

    fn request_use(&mut self, record: usize, use_: CallUse) {
        self.calls.entry(record).or_default().push(use_);
    }
}

impl Visit for RefCollector<'_> {
    fn visit_member_expr(&mut self, e: &MemberExpr) {
        if let Expr::Ident(i) = &*e.obj
            && let Some((_, Imported::Namespace)) = self.bindings.get(&i.to_id())
        {
            match static_prop(&e.prop) {
                Some(name) => {
                    self.members.entry(i.to_id()).or_default().insert(name);
                }
                None => {
                    self.escapes.insert(i.to_id(), true);
                }
            }
            if let MemberProp::Computed(c) = &e.prop {
                c.visit_with(self);
            }
            return;
        }
        // m.name, with const m = require("x")
        if let Expr::Ident(i) = &*e.obj
            && let Some(&record) = self.request_bindings.get(&i.to_id())
        {
            let use_ = static_prop(&e.prop).map_or(CallUse::Whole, |n| CallUse::Names(vec![n]));
            self.request_use(record, use_);
            if let MemberProp::Computed(c) = &e.prop {
                c.visit_with(self);
            }
            return;
        }
        // require("x").name
        if let Some(record) = self.call_of(&e.obj)
            && let Some(name) = static_prop(&e.prop)
        {
            self.calls
                .entry(record)
                .or_default()
                .push(CallUse::Names(vec![name]));
            if let Expr::Call(c) = &*e.obj {
                c.args.visit_with(self);
            }
            return;
        }
        e.visit_children_with(self);
    }

    fn visit_var_declarator(&mut self, d: &VarDeclarator) {
        // const m = require("x"): its uses decide.
        if let (Pat::Ident(binding), Some(init)) = (&d.name, &d.init)
            && self.request_bindings.contains_key(&binding.to_id())
            && self.call_of(init).is_some()
        {
            if let Some(Expr::Call(c)) = Some(strip_await(init)) {
                c.args.visit_with(self);
            }
            return;
        }
        // const { a, b } = require("x") / await import("x")
        if let Some(init) = &d.init
            && let Some(record) = self.call_of(init)
            && let Some(names) = Self::pattern_names(&d.name)
        {
            self.calls
                .entry(record)
                .or_default()
                .push(CallUse::Names(names));
            d.name.visit_with(self);
            return;
        }
        d.visit_children_with(self);
    }

    fn visit_call_expr(&mut self, c: &CallExpr) {
        // import("x").then(({ a }) => ...) / .then((m) => m.a)
        if let Callee::Expr(callee) = &c.callee
            && let Expr::Member(me) = &**callee
            && let Some(record) = self.call_of(&me.obj)
            && static_prop(&me.prop).as_deref() == Some("then")
        {
            let names = c.args.first().and_then(|first| then_names(&first.expr));
            let use_ = names.map_or(CallUse::Whole, CallUse::Names);
            self.calls.entry(record).or_default().push(use_);
            // The callbacks may use other imports.
            c.args.visit_with(self);
            return;
        }
        if let Some(files) = self.m.context_of(c) {
            // A context request: any of its files, used as a whole.
            for &(_, record) in files {
                self.calls.entry(record).or_default().push(CallUse::Whole);
            }
            c.visit_children_with(self);
            return;
        }
        if let Some(record) = self.request_record(c) {
            // A request whose result is used as a whole.
            self.calls.entry(record).or_default().push(CallUse::Whole);
            return;
        }
        c.visit_children_with(self);
    }

    fn visit_expr(&mut self, e: &Expr) {
        if let Expr::Ident(i) = e
            && let Some(&record) = self.request_bindings.get(&i.to_id())
        {
            // Passed on, compared, spread...: every export.
            self.request_use(record, CallUse::Whole);
            return;
        }
        if let Expr::Ident(i) = e
            && let Some((_, imported)) = self.bindings.get(&i.to_id())
        {
            if *imported == Imported::Namespace {
                self.escapes.insert(i.to_id(), true);
            } else {
                *self.named.entry(i.to_id()).or_default() += 1;
            }
            return;
        }
        e.visit_children_with(self);
    }

    fn visit_simple_assign_target(&mut self, t: &SimpleAssignTarget) {
        // m = other: `m` no longer holds only the request's result.
        if let SimpleAssignTarget::Ident(i) = t
            && let Some(&record) = self.request_bindings.get(&i.to_id())
        {
            self.request_use(record, CallUse::Whole);
            return;
        }
        t.visit_children_with(self);
    }

    fn visit_prop(&mut self, p: &Prop) {
        if let Prop::Shorthand(i) = p {
            self.visit_expr(&Expr::Ident(i.clone()));
            return;
        }
        p.visit_children_with(self);
    }

    fn visit_export_named_specifier(&mut self, s: &ExportNamedSpecifier) {
        // `export { x }` of an imported binding uses it.
        if let ModuleExportName::Ident(i) = &s.orig {
            self.visit_expr(&Expr::Ident(i.clone()));
        }
    }

    fn visit_import_decl(&mut self, _: &ImportDecl) {}
}

/// The call under `await` and parentheses.
fn strip_await(e: &Expr) -> &Expr {
    match e {
        Expr::Await(a) => strip_await(&a.arg),
        Expr::Paren(p) => strip_await(&p.expr),
        e => e,
    }
}

/// Names a `.then` callback reads from its argument: `({ a, b }) => ...` or
/// `(m) => m.a` (only member reads of the parameter; anything else is the whole namespace).
fn then_names(e: &Expr) -> Option<Vec<String>> {
    let (param, body): (&Pat, Option<&ArrowFunctionBody>) = match e {
        Expr::Arrow(a) => (a.params.first()?, Some(&a.body)),
        _ => return None,
    };
    if let Some(names) = RefCollector::pattern_names(param) {
        return Some(names);
    }
    let Pat::Ident(p) = param else { return None };
    let mut finder = ParamUses {
        id: p.to_id(),
        names: BTreeSet::new(),
        whole: false,
    };
    body?.visit_with(&mut finder);
    if finder.whole {
        None
    } else {
        Some(finder.names.into_iter().collect())
    }
}

struct ParamUses {
    id: Id,
    names: BTreeSet<String>,
    whole: bool,
}

impl Visit for ParamUses {
    fn visit_member_expr(&mut self, e: &MemberExpr) {
        if let Expr::Ident(i) = &*e.obj
            && i.to_id() == self.id
        {
            match static_prop(&e.prop) {
                Some(n) => {
                    self.names.insert(n);
                }
                None => self.whole = true,
            }
            return;
        }
        e.visit_children_with(self);
    }

    fn visit_ident(&mut self, i: &Ident) {
        if i.to_id() == self.id {
            self.whole = true;
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::graph::collect_imports::collect;
    use crate::graph::parse::{Defines, Lang, SourceKind, parse_js};
    use crate::graph::{ImportRecord, ModuleFormat, ModuleIdx};

    pub(crate) fn module(source: &str) -> NormalModule {
        let parsed = parse_js(
            "t.js",
            source,
            SourceKind::Auto,
            Lang::Js,
            &Defines::default(),
            &Default::default(),
        )
        .expect("parses");
        let c = collect("t.js", source, &parsed.program, parsed.unresolved_ctxt);
        NormalModule {
            id: "t.js".into(),
            path: "/t.js".into(),
            source: source.into(),
            reads_share_scopes: false,
            format: ModuleFormat::Esm,
            node_strict: false,
            ast: crate::graph::ast::ModuleAst::consumed(parsed.program, parsed.globals),
            unresolved_ctxt: parsed.unresolved_ctxt,
            pure: parsed.pure.clone(),
            records: c
                .records
                .into_iter()
                .map(|r| ImportRecord {
                    request: r.request,
                    kind: r.kind,
                    span: r.span,
                    chunk_name: r.chunk_name,
                    optional: r.optional,
                    shared: None,
                    remote: None,
                    barrel: Default::default(),
                    target: ModuleIdx(0),
                })
                .collect(),
            call_sites: c.call_sites,
            esm: c.esm,
            import_meta: c.import_meta,
            attributes_at_run_time: c.attributes_at_run_time,
            top_level_await: c.top_level_await,
            contexts: Default::default(),
        }
    }

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    /// (comment, source, pattern, imported, used, uses all)
    type Row = (
        &'static str,
        &'static str,
        PatternType,
        &'static [&'static str],
        &'static [&'static str],
        bool,
    );

    fn check(table: &[Row]) {
        for (comment, source, pattern, imported, used, all) in table {
            let m = module(source);
            let usages = record_usages(&m);
            assert_eq!(usages.len(), 1, "{comment}: {usages:?}");
            let u = &usages[0];
            assert_eq!(u.pattern, *pattern, "{comment}");
            assert_eq!(u.imported, set(imported), "{comment}: imported");
            assert_eq!(u.used, set(used), "{comment}: used");
            assert_eq!(u.uses_all, *all, "{comment}: uses all");
        }
    }

    #[test]
    fn static_import_patterns() {
        check(&[
            (
                "named, both used",
                "import { a, b } from 'x'; a(); b;",
                PatternType::Named,
                &["a", "b"],
                &["a", "b"],
                false,
            ),
            (
                "named, one unused",
                "import { debounce, map } from 'x'; debounce();",
                PatternType::Named,
                &["debounce", "map"],
                &["debounce"],
                false,
            ),
            (
                "renamed",
                "import { a as z } from 'x'; z();",
                PatternType::Named,
                &["a"],
                &["a"],
                false,
            ),
            (
                "shadowed is not a use",
                "import { a } from 'x'; function f(a) { return a; }",
                PatternType::Named,
                &["a"],
                &[],
                false,
            ),
            (
                "default",
                "import d from 'x'; d();",
                PatternType::Default,
                &["default"],
                &["default"],
                false,
            ),
            (
                "namespace members",
                "import * as _ from 'x'; _.debounce(); _['chunk'];",
                PatternType::Namespace,
                &["chunk", "debounce"],
                &["chunk", "debounce"],
                false,
            ),
            (
                "namespace escapes",
                "import * as _ from 'x'; use(_);",
                PatternType::Namespace,
                &[],
                &[],
                true,
            ),
            (
                "namespace computed",
                "import * as _ from 'x'; const k = 'a'; _[k];",
                PatternType::Namespace,
                &[],
                &[],
                true,
            ),
            (
                "side effect",
                "import 'x';",
                PatternType::SideEffect,
                &[],
                &[],
                false,
            ),
            (
                "re-export",
                "export { a as b } from 'x';",
                PatternType::Named,
                &["a"],
                &["a"],
                false,
            ),
            (
                "export star",
                "export * from 'x';",
                PatternType::Namespace,
                &[],
                &[],
                true,
            ),
            (
                "exported import is used",
                "import { a } from 'x'; export { a };",
                PatternType::Named,
                &["a"],
                &["a"],
                false,
            ),
            (
                "shorthand property",
                "import { a } from 'x'; const o = { a };",
                PatternType::Named,
                &["a"],
                &["a"],
                false,
            ),
        ]);
    }

    #[test]
    fn require_and_dynamic_import_patterns() {
        check(&[
            (
                "require destructured",
                "const { a, b } = require('x'); a();",
                PatternType::Namespace,
                &["a", "b"],
                &["a", "b"],
                false,
            ),
            (
                "require member",
                "const a = require('x').a;",
                PatternType::Namespace,
                &["a"],
                &["a"],
                false,
            ),
            (
                "require bound, read by member",
                "const x = require('x'); x.a(); function later() { return x['b']; }",
                PatternType::Namespace,
                &["a", "b"],
                &["a", "b"],
                false,
            ),
            (
                "require bound, passed on",
                "const x = require('x'); x.a; use(x);",
                PatternType::Namespace,
                &["a"],
                &["a"],
                true,
            ),
            (
                "require bound, then reassigned",
                "let x = require('x'); x = {}; x.a;",
                PatternType::Namespace,
                &["a"],
                &["a"],
                true,
            ),
            (
                "require bound, computed member",
                "var x = require('x'); x[key];",
                PatternType::Namespace,
                &[],
                &[],
                true,
            ),
            (
                "await import() bound, read by member",
                "const ns = await import('x'); ns.a + ns.b;",
                PatternType::Namespace,
                &["a", "b"],
                &["a", "b"],
                false,
            ),
            (
                "import() then destructured",
                "import('x').then(({ a }) => a());",
                PatternType::Namespace,
                &["a"],
                &["a"],
                false,
            ),
            (
                "import() then member",
                "import('x').then((m) => m.a + m.b);",
                PatternType::Namespace,
                &["a", "b"],
                &["a", "b"],
                false,
            ),
            (
                "import() then whole",
                "import('x').then((m) => use(m));",
                PatternType::Namespace,
                &[],
                &[],
                true,
            ),
            (
                "await import() destructured",
                "async function f() { const { a } = await import('x'); }",
                PatternType::Namespace,
                &["a"],
                &["a"],
                false,
            ),
        ]);
    }
}
