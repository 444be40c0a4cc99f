//! Which imports an ES module needs for the exports the build uses (webpack's inner graph):
//! an import referenced only inside a top-level declaration that nothing used reaches (an
//! unused export, or a function only it calls) does not make the imported export used.
//!
//! Each top-level item is walked once: declarations (functions, side-effect-free classes and
//! variable initialisers, `export default` of a pure value, `export { a as b }`) with the
//! imports and top-level bindings they reference; everything else (statements, initialisers
//! with side effects) runs when the module loads, so what it references always counts. A
//! module that calls `eval` is read whole.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use swc_ecma_ast::*;
use swc_ecma_utils::{ExprCtx, ExprExt};
use swc_ecma_visit::{Visit, VisitWith};

use super::usage::{ModuleBindings, RecordUsage, Walked, usages_in};
use crate::graph::NormalModule;

/// One top-level item: the imports it references and the items whose bindings it reads.
#[derive(Default)]
struct Item {
    walked: Vec<RecordUsage>,
    reads: Vec<usize>,
}

/// A module's items, which of them always run, and which one each export names.
pub struct InnerGraph {
    items: Vec<Item>,
    always: Vec<usize>,
    exports: HashMap<String, usize>,
    /// The usages that do not depend on the used exports (re-exports, `export *`).
    fixed: Vec<RecordUsage>,
}

impl InnerGraph {
    /// `None` when the module cannot be split (not an ES module, or it calls `eval`).
    pub fn new(m: &NormalModule) -> Option<InnerGraph> {
        let program = m.program();
        let Program::Module(program) = &*program else {
            return None;
        };
        if m.source.contains("eval") {
            return None;
        }
        let bindings = ModuleBindings::new(m);
        let ctx = super::side_effects::purity_context(m);
        let mut builder = Builder {
            m,
            bindings: &bindings,
            ctx,
            items: Vec::new(),
            binding_item: HashMap::new(),
            always: Vec::new(),
            exports: HashMap::new(),
            read_ids: Vec::new(),
            export_aliases: Vec::new(),
        };
        for item in &program.body {
            builder.item(item);
        }
        Some(builder.finish())
    }

    /// The usages of the module's records when `used` are the exports the build uses.
    pub fn usages(&self, used: &BTreeSet<String>) -> Vec<RecordUsage> {
        let mut live = vec![false; self.items.len()];
        let mut stack: Vec<usize> = self.always.clone();
        stack.extend(used.iter().filter_map(|n| self.exports.get(n).copied()));
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut live[i], true) {
                continue;
            }
            stack.extend(self.items[i].reads.iter().copied());
        }
        let mut by_record: BTreeMap<usize, RecordUsage> = BTreeMap::new();
        let walked = live
            .iter()
            .enumerate()
            .filter(|(_, l)| **l)
            .flat_map(|(i, _)| self.items[i].walked.iter());
        for u in walked.chain(self.fixed.iter()) {
            let into = by_record.entry(u.record).or_insert_with(|| RecordUsage {
                used: BTreeSet::new(),
                ..u.clone()
            });
            into.used.extend(u.used.iter().cloned());
            into.uses_all |= u.uses_all;
        }
        by_record.into_values().collect()
    }
}

struct Builder<'a> {
    m: &'a NormalModule,
    bindings: &'a ModuleBindings,
    ctx: ExprCtx,
    items: Vec<Item>,
    binding_item: HashMap<Id, usize>,
    always: Vec<usize>,
    exports: HashMap<String, usize>,
    /// Per item, the identifiers it reads (resolved to items once all are known).
    read_ids: Vec<Vec<Id>>,
    /// `export { local as name }`: (name, local).
    export_aliases: Vec<(String, Id)>,
}

impl Builder<'_> {
    /// Adds an item for `node`: `binding` (if any) names it, `export` (if any) exports it,
    /// and it always runs unless `pure`.
    fn add<N>(&mut self, node: &N, binding: Option<Id>, export: Option<String>, pure: bool)
    where
        N: for<'b> VisitWith<super::usage::RefCollector<'b>> + VisitWith<Idents>,
    {
        let Walked { imports, calls } = usages_in(self.m, self.bindings, node);
        let walked = imports
            .into_values()
            .chain(calls.into_values())
            .filter(|u| u.uses_all || !u.used.is_empty())
            .collect();
        let mut ids = Idents(Vec::new());
        node.visit_with(&mut ids);
        let index = self.items.len();
        self.items.push(Item {
            walked,
            reads: Vec::new(),
        });
        self.read_ids.push(ids.0);
        if let Some(b) = binding {
            self.binding_item.insert(b, index);
        }
        if let Some(name) = export {
            self.exports.insert(name, index);
        }
        if !pure {
            self.always.push(index);
        }
    }

    fn item(&mut self, item: &ModuleItem) {
        match item {
            ModuleItem::ModuleDecl(ModuleDecl::Import(_)) => {}
            // Re-exports and `export *`: in `fixed`.
            ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(e)) if e.src.is_some() => {}
            ModuleItem::ModuleDecl(ModuleDecl::ExportAll(_)) => {}
            ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(e)) => {
                for s in &e.specifiers {
                    if let ExportSpecifier::Named(n) = s
                        && let ModuleExportName::Ident(orig) = &n.orig
                    {
                        let name = match &n.exported {
                            Some(ModuleExportName::Ident(i)) => i.sym.to_string(),
                            Some(ModuleExportName::Str(s)) => {
                                s.value.to_string_lossy().into_owned()
                            }
                            None => orig.sym.to_string(),
                        };
                        // An imported binding exported again: its own item.
                        if self.bindings_has_import(orig) {
                            self.add(&Expr::Ident(orig.clone()), None, Some(name), true);
                        } else {
                            self.export_aliases.push((name, orig.to_id()));
                        }
                    }
                }
            }
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => self.decl(&e.decl, true),
            ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(e)) => match &e.decl {
                DefaultDecl::Fn(f) => {
                    let binding = f.ident.as_ref().map(|i| i.to_id());
                    self.add(&f.function, binding, Some("default".into()), true);
                }
                DefaultDecl::Class(c) => {
                    let pure = self.class_pure(&c.class);
                    let binding = c.ident.as_ref().map(|i| i.to_id());
                    self.add(&c.class, binding, Some("default".into()), pure);
                }
                DefaultDecl::TsInterfaceDecl(_) => {}
            },
            ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultExpr(e)) => {
                let pure = !e.expr.may_have_side_effects(self.ctx);
                self.add(&*e.expr, None, Some("default".into()), pure);
            }
            ModuleItem::ModuleDecl(other) => self.add(other, None, None, false),
            ModuleItem::Stmt(Stmt::Decl(d)) => self.decl(d, false),
            ModuleItem::Stmt(s) => self.add(s, None, None, false),
        }
    }

    fn bindings_has_import(&self, i: &Ident) -> bool {
        self.m.esm.imports.iter().any(|b| b.local == i.to_id())
    }

    fn class_pure(&self, c: &Class) -> bool {
        super::side_effects::class_is_pure(c, self.ctx)
    }

    fn decl(&mut self, d: &Decl, exported: bool) {
        let export = |i: &Ident| exported.then(|| i.sym.to_string());
        match d {
            Decl::Fn(f) => self.add(&f.function, Some(f.ident.to_id()), export(&f.ident), true),
            Decl::Class(c) => {
                let pure = self.class_pure(&c.class);
                self.add(&c.class, Some(c.ident.to_id()), export(&c.ident), pure);
            }
            Decl::Var(v) => {
                for d in &v.decls {
                    match (&d.name, &d.init) {
                        (Pat::Ident(b), init) => {
                            let pure = init
                                .as_ref()
                                .is_none_or(|e| !e.may_have_side_effects(self.ctx));
                            self.add(d, Some(b.to_id()), export(&b.id), pure);
                        }
                        // Destructuring may throw or call getters: it runs; its bindings are
                        // exported through it.
                        _ => {
                            let index = self.items.len();
                            self.add(d, None, None, false);
                            let mut names = Idents(Vec::new());
                            d.name.visit_with(&mut names);
                            for id in names.0 {
                                if exported {
                                    self.exports.insert(id.0.to_string(), index);
                                }
                                self.binding_item.insert(id, index);
                            }
                        }
                    }
                }
            }
            // Types only, or not bundled yet: read as always running.
            other => self.add(other, None, None, false),
        }
    }

    fn finish(mut self) -> InnerGraph {
        for (name, local) in std::mem::take(&mut self.export_aliases) {
            if let Some(&i) = self.binding_item.get(&local) {
                self.exports.insert(name, i);
            }
        }
        for (i, ids) in self.read_ids.iter().enumerate() {
            let mut reads: Vec<usize> = ids
                .iter()
                .filter_map(|id| self.binding_item.get(id).copied())
                .filter(|&j| j != i)
                .collect();
            reads.sort_unstable();
            reads.dedup();
            self.items[i].reads = reads;
        }
        let mut fixed = BTreeMap::new();
        super::usage::reexport_usages(self.m, &mut fixed);
        InnerGraph {
            items: self.items,
            always: self.always,
            exports: self.exports,
            fixed: fixed.into_values().collect(),
        }
    }
}

/// Every identifier a node mentions (references and bindings alike: a binding of another
/// scope has another syntax context, so it never matches a top-level one).
pub struct Idents(Vec<Id>);

impl Visit for Idents {
    fn visit_ident(&mut self, i: &Ident) {
        self.0.push(i.to_id());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn used_by(source: &str, exports: &[&str]) -> BTreeSet<String> {
        let m = crate::analysis::usage::tests::module(source);
        let inner = InnerGraph::new(&m).expect("an ES module");
        let used: BTreeSet<String> = exports.iter().map(|s| s.to_string()).collect();
        inner
            .usages(&used)
            .into_iter()
            .flat_map(|u| u.used)
            .collect()
    }

    #[test]
    fn imports_count_only_from_code_the_used_exports_reach() {
        let source = "import { a, b, c, d } from 'x';\n\
                      function helper() { return b(); }\n\
                      export function used() { return a() + helper(); }\n\
                      export function unused() { return c(); }\n\
                      const kept = d();\n";
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        // d: an initialiser that calls runs whatever is used.
        assert_eq!(used_by(source, &["used"]), names(&["a", "b", "d"]));
        assert_eq!(used_by(source, &[]), names(&["d"]));
        assert_eq!(used_by(source, &["unused"]), names(&["c", "d"]));
        // export { local as name } and export default of a binding.
        let source = "import { a, b } from 'x';\nconst f = () => a();\nconst g = () => b();\n\
                      export { f as named };\nexport default g;\n";
        assert_eq!(used_by(source, &["named"]), names(&["a"]));
        assert_eq!(used_by(source, &["default"]), names(&["b"]));
    }
}
