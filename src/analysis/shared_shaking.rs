//! Shaking shared modules (`treeShaking = true` on a `shared` item). webpack and Rspack keep
//! every export of a shared module because a provider cannot know what other apps need; here
//! each provide and each fallback gets a *shaken copy*: a small ES module that re-exports only
//! the exports this build uses (plus those `--shared-used-exports` lists for the key and
//! version) straight from the modules that define them, so that the rest of the library is
//! never loaded. The full copy stays registered as the share-scope entry's `get` (what
//! webpack, Rspack and any consumer that needs more load); the shaken copy is registered
//! beside it with the list of its exports, and consumers that know their needs take it when
//! the list covers them (`federation/runtime/consumes.js`).
//!
//! A copy is made only when every kept export can be followed, through side-effect-free
//! re-exports, to a module other than the library's entry; otherwise the item keeps its full
//! copy and the report says why.

use super::Exports;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use super::usage::record_usages;
use crate::config::BuildConfig;
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::graph::{Module, ModuleGraph, ModuleIdx};

/// What some set of importers uses of a shared key: named exports, or everything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Needs {
    Names(BTreeSet<String>),
    All,
}

impl Needs {
    fn none() -> Needs {
        Needs::Names(BTreeSet::new())
    }

    fn add(&mut self, other: &Needs) {
        match (&mut *self, other) {
            (Needs::All, _) => {}
            (_, Needs::All) => *self = Needs::All,
            (Needs::Names(a), Needs::Names(b)) => a.extend(b.iter().cloned()),
        }
    }
}

/// (share scope, share key)
type ShareKey = (String, String);

/// `--shared-used-exports`: per share scope and key, [(version or any, exports)].
#[derive(Debug, Default)]
pub struct UsedElsewhere {
    by_key: BTreeMap<ShareKey, Vec<(Option<String>, Needs)>>,
}

impl UsedElsewhere {
    /// Reads the union `mfbundle analyze --merge` writes.
    pub fn read(path: &Path, shown: &str) -> Result<UsedElsewhere, Box<Diagnostic>> {
        let bad = |what: String| {
            Box::new(
                Diagnostic::new(Code::ConfigInvalid, what)
                    .at(Location::file_only(shown))
                    .hint("pass the file `mfbundle analyze --merge A.json B.json -o UNION.json` writes"),
            )
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| bad(format!("cannot read --shared-used-exports {shown}: {e}")))?;
        UsedElsewhere::parse(&text, shown)
    }

    /// Reads the text of the union `mfbundle analyze --merge` writes (`shown`: its name in
    /// diagnostics).
    pub fn parse(text: &str, shown: &str) -> Result<UsedElsewhere, Box<Diagnostic>> {
        let bad = |what: String| {
            Box::new(
                Diagnostic::new(Code::ConfigInvalid, what)
                    .at(Location::file_only(shown))
                    .hint("pass the file `mfbundle analyze --merge A.json B.json -o UNION.json` writes"),
            )
        };
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| bad(format!("--shared-used-exports {shown} is not JSON: {e}")))?;
        let list = value["shared_used_exports"].as_array().ok_or_else(|| {
            bad(format!(
                "--shared-used-exports {shown} has no \"shared_used_exports\" list"
            ))
        })?;
        let mut out = UsedElsewhere::default();
        for item in list {
            let (Some(scope), Some(key), Some(used)) = (
                item["share_scope"].as_str(),
                item["share_key"].as_str(),
                item["used_exports"].as_array(),
            ) else {
                return Err(bad(format!(
                    "--shared-used-exports {shown}: every item needs share_scope, share_key and used_exports"
                )));
            };
            let names: BTreeSet<String> = used
                .iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect();
            let needs = if names.contains("*") {
                Needs::All
            } else {
                Needs::Names(names)
            };
            out.by_key
                .entry((scope.to_string(), key.to_string()))
                .or_default()
                .push((item["version"].as_str().map(String::from), needs));
        }
        Ok(out)
    }

    /// What other apps use of this key at this version (entries without a version count for
    /// every version).
    fn get(&self, scope: &str, key: &str, version: Option<&str>) -> Needs {
        let mut out = Needs::none();
        for (v, needs) in self
            .by_key
            .get(&(scope.to_string(), key.to_string()))
            .into_iter()
            .flatten()
        {
            if v.is_none() || v.as_deref() == version {
                out.add(needs);
            }
        }
        out
    }
}

/// The outcome for one consume-shared module, for the share-usage report.
#[derive(Debug, Clone)]
pub struct ShakenConsume {
    pub consume: ModuleIdx,
    /// The fallback's shaken copy and the exports it keeps.
    pub copy: Option<(ModuleIdx, Vec<String>)>,
    /// Why there is no shaken copy.
    pub bailout: Option<String>,
}

/// Creates the shaken copies and points provides and fallbacks at them. Returns one entry per
/// consume-shared module of a `treeShaking` item.
pub fn shake_shared(
    graph: &mut ModuleGraph,
    exports: &mut Exports,
    config: &BuildConfig,
    elsewhere: &UsedElsewhere,
) -> Vec<ShakenConsume> {
    let shaking = |item: usize| config.shared.get(item).is_some_and(|s| s.tree_shaking);
    let needs = consume_needs(graph, &shaking);
    let by_key = needs_by_key(graph, &needs, &shaking);
    let mut copies = Copies::default();

    // Provides: the copy has what this build and the listed apps use of the key and version.
    let provides = graph.provides.clone();
    for p in provides {
        let Module::ProvideShared(ps) = graph.module(p) else {
            continue;
        };
        if !shaking(ps.item) {
            continue;
        }
        let mut wanted = by_key
            .get(&(ps.share_scope.clone(), ps.share_key.clone()))
            .cloned()
            .unwrap_or_else(Needs::none);
        wanted.add(&elsewhere.get(&ps.share_scope, &ps.share_key, ps.version.as_deref()));
        let root = ps.module;
        if let Ok(copy) = copies.copy_of(graph, exports, root, &wanted)
            && let Module::ProvideShared(ps) = &mut graph.modules[p]
        {
            ps.shaken = Some(copy);
        }
    }

    // Fallbacks: the same copy as the provide of the same module, else this build's needs.
    let mut out = Vec::new();
    for c in graph.modules.indices() {
        let Module::ConsumeShared(cs) = graph.module(c) else {
            continue;
        };
        if !shaking(cs.item) {
            continue;
        }
        let own = needs.get(&c).cloned().unwrap_or_else(Needs::none);
        let (scope, key, fallback) = (cs.share_scope.clone(), cs.share_key.clone(), cs.fallback);
        let mut result = ShakenConsume {
            consume: c,
            copy: None,
            bailout: None,
        };
        if let Some(f) = fallback {
            let version = graph.modules.iter().find_map(|m| match m {
                Module::ProvideShared(p) if p.module == f => Some(p.version.clone()),
                _ => None,
            });
            let mut wanted = by_key
                .get(&(scope.clone(), key.clone()))
                .cloned()
                .unwrap_or_else(Needs::none);
            wanted.add(&elsewhere.get(&scope, &key, version.flatten().as_deref()));
            match copies.copy_of(graph, exports, f, &wanted) {
                Ok(copy) => result.copy = Some(copy),
                Err(why) => result.bailout = Some(why),
            }
        } else if own == Needs::All {
            result.bailout = Some(WHOLE_MODULE.into());
        }
        if let Module::ConsumeShared(cs) = &mut graph.modules[c] {
            if let Some((copy, _)) = &result.copy {
                cs.fallback = Some(*copy);
            }
            cs.needs = match &own {
                Needs::Names(n) if result.bailout.is_none() => Some(n.iter().cloned().collect()),
                _ => None,
            };
        }
        out.push(result);
    }
    out
}

const WHOLE_MODULE: &str = "some importer uses the whole module (namespace or require kept whole)";

/// What the importers of each consume of a `treeShaking` item use.
fn consume_needs(
    graph: &ModuleGraph,
    shaking: &dyn Fn(usize) -> bool,
) -> BTreeMap<ModuleIdx, Needs> {
    let mut needs: BTreeMap<ModuleIdx, Needs> = BTreeMap::new();
    for module in &graph.modules {
        let Module::Normal(m) = module else { continue };
        let targets_shaken = m
            .records
            .iter()
            .any(|r| matches!(graph.module(r.target), Module::ConsumeShared(c) if shaking(c.item)));
        if !targets_shaken {
            continue;
        }
        for u in record_usages(m) {
            let target = m.records[u.record].target;
            let Module::ConsumeShared(c) = graph.module(target) else {
                continue;
            };
            if !shaking(c.item) {
                continue;
            }
            let n = if u.uses_all {
                Needs::All
            } else {
                Needs::Names(u.used.clone())
            };
            needs.entry(target).or_insert_with(Needs::none).add(&n);
        }
    }
    needs
}

/// What this build uses per share scope and key (the union over its consumes of the key).
fn needs_by_key(
    graph: &ModuleGraph,
    needs: &BTreeMap<ModuleIdx, Needs>,
    shaking: &dyn Fn(usize) -> bool,
) -> BTreeMap<ShareKey, Needs> {
    let mut by_key: BTreeMap<ShareKey, Needs> = BTreeMap::new();
    for (i, module) in graph.modules.iter_enumerated() {
        if let Module::ConsumeShared(c) = module
            && shaking(c.item)
        {
            let n = needs.get(&i).cloned().unwrap_or_else(Needs::none);
            by_key
                .entry((c.share_scope.clone(), c.share_key.clone()))
                .or_insert_with(Needs::none)
                .add(&n);
        }
    }
    by_key
}

/// The shaken copies made so far: one per module and set of kept exports, shared by a
/// provide and the fallback of the same module.
#[derive(Default)]
struct Copies(HashMap<(ModuleIdx, Vec<String>), Result<ModuleIdx, String>>);

impl Copies {
    /// The copy of `root` that keeps what `wanted` names of its exports, and those names;
    /// or why there can be none.
    fn copy_of(
        &mut self,
        graph: &mut ModuleGraph,
        exports: &mut Exports,
        root: ModuleIdx,
        wanted: &Needs,
    ) -> Result<(ModuleIdx, Vec<String>), String> {
        let Needs::Names(wanted) = wanted else {
            return Err(WHOLE_MODULE.into());
        };
        let info = match exports.get(root) {
            Some(Some(info)) if !info.has_dynamic => info,
            _ => {
                return Err(format!(
                    "{} is not an ES module with static exports",
                    graph.module(root).id()
                ));
            }
        };
        let names: Vec<String> = wanted
            .iter()
            .filter(|n| info.names.contains_key(*n))
            .cloned()
            .collect();
        let key = (root, names.clone());
        if let Some(done) = self.0.get(&key) {
            return done.clone().map(|idx| (idx, names));
        }
        let result = super::reexport_copy::make_copy(graph, exports, root, &names);
        self.0.insert(key, result.clone());
        result.map(|idx| (idx, names))
    }
}
