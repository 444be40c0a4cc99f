//! Consume-shared and provide-shared nodes, and the federation diagnostics about them.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::config::shared::satisfies;
use crate::config::{BuildConfig, VersionSetting, display_path};
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::graph::package_facts::{PackageFacts, RequiredVersion};
use crate::graph::resolve::package_name;
use crate::graph::{
    ConsumeSharedModule, ImportKind, Module, ModuleGraph, ModuleIdx, ProvideHit,
    ProvideSharedModule, ScanOutput,
};

#[derive(PartialEq, Eq, Hash)]
struct ConsumeKey {
    scope: String,
    share_key: String,
    required: Option<String>,
    strict: bool,
    singleton: bool,
    eager: bool,
    fallback: Option<ModuleIdx>,
}

struct Issuer {
    location: Location,
    /// The package.json the required version came from.
    package_json: Option<PathBuf>,
}

/// What the passes of [`create_shared_nodes`] share.
struct SharedPass<'a> {
    config: &'a BuildConfig,
    facts: &'a PackageFacts,
    config_text: crate::config::ConfigText,
    out: Vec<Diagnostic>,
    /// Items some module requests.
    used_items: BTreeSet<usize>,
    /// Items whose include/exclude filtered out a module they matched.
    filtered_items: BTreeSet<usize>,
    /// Each consuming record, in assignment order: where it is, its package.json.
    issuer_info: Vec<Issuer>,
    /// Consumes: one node per distinct (scope, key, version check, fallback).
    consume_nodes: HashMap<ConsumeKey, ModuleIdx>,
    /// Consume node -> its issuers (indexes into `issuer_info`).
    consume_issuers: BTreeMap<ModuleIdx, Vec<usize>>,
    /// Provides: one node per distinct (scope, key, version, module).
    provide_nodes: BTreeMap<(String, String, Option<String>, ModuleIdx), ModuleIdx>,
    used_ids: HashSet<String>,
}

/// The federation stage's shared part: consume nodes for the requests `shared` matched,
/// provide nodes for the modules it provides, and the diagnostics about them, pass by pass.
pub fn create_shared_nodes(scan: &mut ScanOutput, config: &BuildConfig) -> Vec<Diagnostic> {
    let facts = std::mem::take(&mut scan.graph.packages);
    let mut pass = SharedPass {
        config,
        facts: &facts,
        config_text: crate::config::ConfigText::read(config),
        out: Vec::new(),
        used_items: BTreeSet::new(),
        filtered_items: BTreeSet::new(),
        issuer_info: Vec::new(),
        consume_nodes: HashMap::new(),
        consume_issuers: BTreeMap::new(),
        provide_nodes: BTreeMap::new(),
        used_ids: scan
            .graph
            .modules
            .iter()
            .map(|m| m.id().to_string())
            .collect(),
    };
    let assignments = pass.assign_consumes(&scan.graph);
    pass.create_consume_nodes(&mut scan.graph, assignments);
    pass.create_provide_nodes(&mut scan.graph, std::mem::take(&mut scan.provides));
    pass.warn_unused(&scan.graph);
    pass.check_versions(&scan.graph);
    pass.check_eager_requires_lazy(&scan.graph);
    let out = pass.out;
    scan.graph.packages = facts;
    out
}

/// A record that consumes: (module, record, its consume, the shared item).
type Assignment = (ModuleIdx, usize, ConsumeKey, usize);

impl SharedPass<'_> {
    fn key_location(&self, key: &str) -> Location {
        self.config_text.key_location(key)
    }

    fn shown(&self, p: &Path) -> String {
        display_path(&self.config.root, p)
    }

    /// Which consume each matched request gets (its required version from the importer's
    /// package.json, MF4001 when there is none); include/exclude may keep a request unshared.
    fn assign_consumes(&mut self, graph: &ModuleGraph) -> Vec<Assignment> {
        let mut assignments: Vec<Assignment> = Vec::new();
        let mut warned_requests = HashSet::new();
        for (i, module) in graph.modules.iter_enumerated() {
            let Module::Normal(m) = module else { continue };
            for (r_idx, r) in m.records.iter().enumerate() {
                let Some(sh) = &r.shared else { continue };
                let item = &self.config.shared[sh.item];
                // include/exclude versions test the fallback's version: one that fails stays
                // the module it resolved to, not shared (webpack's ConsumeSharedPlugin).
                if item.import.is_some()
                    && (item.include.is_some() || item.exclude.is_some())
                    && let Module::Normal(target) = &graph.modules[r.target]
                    && !item.shares_version(self.facts.nearest_version(&target.path).1.as_deref())
                {
                    self.filtered_items.insert(sh.item);
                    continue;
                }
                self.used_items.insert(sh.item);
                let location =
                    Location::from_range(&m.id, &m.source, r.span.0 as usize, r.span.1 as usize);
                let mut package_json = None;
                let required = match &item.required_version {
                    VersionSetting::Given(range) => Some(range.clone()),
                    VersionSetting::Disabled => None,
                    VersionSetting::Auto if item.is_path_key() => None,
                    VersionSetting::Auto => {
                        let package = item
                            .package_name
                            .clone()
                            .unwrap_or_else(|| package_name(&r.request).to_string());
                        let dir = m.path.parent().unwrap_or(Path::new("/"));
                        match self.facts.required_version(dir, &package) {
                            RequiredVersion::Found(range, file) => {
                                package_json = Some(file);
                                Some(range)
                            }
                            RequiredVersion::NoCheck => None,
                            RequiredVersion::NotFound(checked) => {
                                if warned_requests.insert(r.request.clone()) {
                                    let files: Vec<String> =
                                        checked.iter().map(|p| self.shown(p)).collect();
                                    self.out.push(
                                        Diagnostic::new(
                                            Code::SharedRequiredVersionUnknown,
                                            "No required version specified and unable to automatically determine one.",
                                        )
                                        .at(location.clone())
                                        .note(format!(
                                            "Unable to find required version for \"{package}\" in description file/s {}. It need to be in dependencies, devDependencies or peerDependencies.",
                                            if files.is_empty() { "(none found)".to_string() } else { files.join(", ") }
                                        ))
                                        .hint(format!(
                                            "add \"{package}\" to the dependencies of your package.json, or set requiredVersion for \"{}\" in federation.toml (false turns the check off)",
                                            item.key
                                        )),
                                    );
                                }
                                None
                            }
                        }
                    }
                };
                let key = ConsumeKey {
                    scope: item.share_scope.clone(),
                    share_key: sh.share_key.clone(),
                    required,
                    strict: item.strict_version,
                    singleton: item.singleton,
                    eager: item.eager,
                    fallback: item.import.as_ref().map(|_| r.target),
                };
                self.issuer_info.push(Issuer {
                    location,
                    package_json,
                });
                assignments.push((i, r_idx, key, sh.item));
            }
        }
        assignments
    }

    /// One consume node per distinct consume; each record is pointed at its node.
    fn create_consume_nodes(&mut self, graph: &mut ModuleGraph, assignments: Vec<Assignment>) {
        for (n, (module, record, key, item)) in assignments.into_iter().enumerate() {
            let idx = match self.consume_nodes.get(&key) {
                Some(&idx) => idx,
                None => {
                    let base = match &key.required {
                        Some(r) => format!("consume-shared/{}/{}@{}", key.scope, key.share_key, r),
                        None => format!("consume-shared/{}/{}", key.scope, key.share_key),
                    };
                    let id = unique_id(base, &mut self.used_ids);
                    let node = ConsumeSharedModule {
                        id,
                        share_scope: key.scope.clone(),
                        share_key: key.share_key.clone(),
                        required_version: key.required.clone(),
                        strict_version: key.strict,
                        singleton: key.singleton,
                        eager: key.eager,
                        fallback: key.fallback,
                        item,
                        needs: None,
                    };
                    let idx = graph.push(Module::ConsumeShared(node));
                    self.consume_nodes.insert(key, idx);
                    idx
                }
            };
            self.consume_issuers.entry(idx).or_default().push(n);
            if let Module::Normal(m) = &mut graph.modules[module] {
                m.records[record].target = idx;
            }
        }
    }

    /// One provide node per distinct (scope, key, version, module); MF4002 when a version
    /// cannot be found.
    fn create_provide_nodes(&mut self, graph: &mut ModuleGraph, mut hits: Vec<ProvideHit>) {
        hits.sort_by_key(|h| (h.module, h.shared.item));
        for hit in hits {
            let item = &self.config.shared[hit.shared.item];
            let version = match &item.version {
                VersionSetting::Given(v) => Some(v.clone()),
                VersionSetting::Disabled => None,
                VersionSetting::Auto => {
                    let path = match graph.module(hit.module) {
                        Module::Normal(m) => Some(m.path.clone()),
                        _ => None,
                    };
                    let (pj, version) = match &path {
                        Some(p) => self.facts.nearest_version(p),
                        None => (None, None),
                    };
                    if version.is_none() {
                        let details = match &pj {
                            None => "No description file (usually package.json) found. Add description file with name and version, or manually specify version in shared config.".to_string(),
                            Some(pj) => format!(
                                "No version in description file (usually package.json). Add version to description file {}, or manually specify version in shared config.",
                                self.shown(pj)
                            ),
                        };
                        self.out.push(
                            Diagnostic::new(
                                Code::SharedVersionUnknown,
                                format!("No version specified and unable to automatically determine one. {details}"),
                            )
                            .at(self.key_location(&item.key))
                            .note(format!("shared module {} -> {}", item.key, graph.module(hit.module).id()))
                            .hint(format!("set version for \"{}\" in federation.toml; it registers as \"0\" meanwhile", item.key)),
                        );
                    }
                    version
                }
            };
            // include/exclude versions: a provide whose version fails is not registered.
            if !item.shares_version(version.as_deref()) {
                self.filtered_items.insert(hit.shared.item);
                continue;
            }
            let key = (
                item.share_scope.clone(),
                hit.shared.share_key.clone(),
                version.clone(),
                hit.module,
            );
            if self.provide_nodes.contains_key(&key) {
                continue;
            }
            let base = format!(
                "provide-shared/{}/{}@{}",
                item.share_scope,
                hit.shared.share_key,
                version.as_deref().unwrap_or("0")
            );
            let node = ProvideSharedModule {
                id: unique_id(base, &mut self.used_ids),
                share_scope: item.share_scope.clone(),
                share_key: hit.shared.share_key.clone(),
                version,
                eager: item.eager,
                module: hit.module,
                item: hit.shared.item,
                shaken: None,
            };
            let idx = graph.push(Module::ProvideShared(node));
            self.provide_nodes.insert(key, idx);
            graph.provides.push(idx);
        }
    }

    /// MF4005: a shared key that does nothing: no module requests it and it provides nothing
    /// (not installed, or `import = false`). One that provides without being imported is fine.
    fn warn_unused(&mut self, graph: &ModuleGraph) {
        let provided_items: HashSet<usize> = self
            .provide_nodes
            .values()
            .filter_map(|&p| match graph.module(p) {
                Module::ProvideShared(p) => Some(p.item),
                _ => None,
            })
            .collect();
        for (i, item) in self.config.shared.iter().enumerate() {
            if !self.used_items.contains(&i) && !provided_items.contains(&i) {
                let why = match &item.import {
                    _ if self.filtered_items.contains(&i) => "and include/exclude filter out every module it matched, so they are bundled as if not shared".to_string(),
                    None => "and import = false provides nothing".to_string(),
                    Some(r) if item.is_prefix() => {
                        format!("(a prefix key provides only what modules import under \"{r}\")")
                    }
                    Some(r) => format!(
                        "and \"{r}\" does not resolve from the project directory, so nothing is provided"
                    ),
                };
                self.out.push(
                    Diagnostic::new(
                        Code::SharedUnused,
                        format!(
                            "shared \"{}\" is not requested by any module of this build",
                            item.key
                        ),
                    )
                    .at(self.key_location(&item.key))
                    .note(why)
                    .hint("remove it from [shared], or check the spelling against the import requests (or install it)"),
                );
            }
        }
    }

    /// MF4003/MF4004: version checks among this build's own consumers and providers.
    fn check_versions(&mut self, graph: &ModuleGraph) {
        let mut out = Vec::new();
        let provide_nodes = &self.provide_nodes;
        let provided_versions = |scope: &str, key: &str| -> Vec<String> {
            let mut v: Vec<String> = provide_nodes
                .keys()
                .filter(|(s, k, _, _)| s == scope && k == key)
                .map(|(_, _, v, _)| v.clone().unwrap_or_else(|| "0".into()))
                .collect();
            v.sort_by(|a, b| compare_versions(a, b));
            v
        };
        let mut groups: BTreeMap<(String, String), Vec<ModuleIdx>> = BTreeMap::new();
        for &idx in self.consume_nodes.values() {
            if let Module::ConsumeShared(c) = graph.module(idx) {
                groups
                    .entry((c.share_scope.clone(), c.share_key.clone()))
                    .or_default()
                    .push(idx);
            }
        }
        for ((scope, key), mut consumes) in groups {
            consumes.sort();
            let versions = provided_versions(&scope, &key);
            let singleton = consumes
                .iter()
                .any(|c| matches!(graph.module(*c), Module::ConsumeShared(c) if c.singleton));
            let describe = |c: ModuleIdx| -> Vec<String> {
                self.consume_issuers
                    .get(&c)
                    .into_iter()
                    .flatten()
                    .map(|&n| {
                        let is = &self.issuer_info[n];
                        let from = is
                            .package_json
                            .as_ref()
                            .map(|p| format!(" (from {})", self.shown(p)))
                            .unwrap_or_default();
                        format!(
                            "{}:{}:{}{from}",
                            is.location.file, is.location.line, is.location.column
                        )
                    })
                    .collect()
            };
            let ranges: Vec<(ModuleIdx, String)> = consumes
                .iter()
                .filter_map(|c| match graph.module(*c) {
                    Module::ConsumeShared(cs) => cs.required_version.clone().map(|r| (*c, r)),
                    _ => None,
                })
                .collect();
            if ranges.is_empty() {
                continue;
            }
            let first = |c: ModuleIdx| {
                self.issuer_info[self.consume_issuers[&c][0]]
                    .location
                    .clone()
            };
            if singleton {
                if let Some(version) = versions.last() {
                    for (c, range) in &ranges {
                        if !satisfies(range, version) {
                            out.push(
                                Diagnostic::new(
                                    Code::SharedSingletonConflict,
                                    format!("shared singleton \"{key}\": this build provides {version}, but some of its modules require {range}"),
                                )
                                .at(first(*c))
                                .note(format!("requiring {range}: {}", describe(*c).join(", ")))
                                .hint(format!(
                                    "align the versions in package.json, or set requiredVersion for \"{key}\"; at run time webpack's rule warns \"Unsatisfied version {version} ... (required {range})\""
                                )),
                            );
                        }
                    }
                } else {
                    for (n, (a, ra)) in ranges.iter().enumerate() {
                        for (b, rb) in &ranges[n + 1..] {
                            if !intersects(ra, rb) {
                                out.push(
                                    Diagnostic::new(
                                        Code::SharedSingletonConflict,
                                        format!("shared singleton \"{key}\": modules of this build require {ra} and {rb}, which no single version satisfies"),
                                    )
                                    .at(first(*a))
                                    .note(format!("requiring {ra}: {}", describe(*a).join(", ")))
                                    .note(format!("requiring {rb}: {}", describe(*b).join(", ")))
                                    .hint("align the versions in the package.json files involved"),
                                );
                            }
                        }
                    }
                }
            } else {
                for version in &versions {
                    if !ranges.iter().any(|(_, r)| satisfies(r, version)) {
                        let wanted: Vec<&str> = ranges.iter().map(|(_, r)| r.as_str()).collect();
                        out.push(
                            Diagnostic::new(
                                Code::SharedVersionUnaccepted,
                                format!("shared \"{key}\": this build provides {version}, which none of its own consumers accepts ({})", wanted.join(", ")),
                            )
                            .at(self.key_location(&key))
                            .note(format!("consumers: {}", ranges.iter().flat_map(|(c, _)| describe(*c)).collect::<Vec<_>>().join(", ")))
                            .hint("install a version the consumers accept, or widen their requiredVersion"),
                        );
                    }
                }
            }
        }
        self.out.extend(out);
    }

    /// MF4006: an eager shared module that synchronously requires a non-eager shared module:
    /// loaded synchronously by another build before this one started, it would fail with
    /// "Shared module is not available for eager consumption".
    fn check_eager_requires_lazy(&mut self, graph: &ModuleGraph) {
        let eager_roots: Vec<(ModuleIdx, String)> = graph
            .modules
            .iter()
            .filter_map(|m| match m {
                Module::ProvideShared(p) if p.eager => Some((p.module, p.share_key.clone())),
                _ => None,
            })
            .collect();
        for (root, key) in eager_roots {
            if let Some((lazy, via)) = find_sync_lazy_consume(graph, root) {
                let Module::ConsumeShared(c) = graph.module(lazy) else {
                    continue;
                };
                let Module::Normal(m) = graph.module(via.0) else {
                    continue;
                };
                let r = &m.records[via.1];
                self.out.push(
                    Diagnostic::new(
                        Code::SharedEagerRequiresLazy,
                        format!(
                            "eager shared module \"{key}\" synchronously requires \"{}\", which is not eager",
                            c.share_key
                        ),
                    )
                    .at(Location::from_range(&m.id, &m.source, r.span.0 as usize, r.span.1 as usize))
                    .note("a build that consumes the eager module before this one has started fails with \"Shared module is not available for eager consumption\"")
                    .hint(format!("make \"{}\" eager as well, or load it with import()", c.share_key)),
                );
            }
        }
    }
}

/// A non-eager consume reachable from `root` through synchronous requests, and the record
/// (module, record index) that reaches it.
fn find_sync_lazy_consume(
    graph: &crate::graph::ModuleGraph,
    root: ModuleIdx,
) -> Option<(ModuleIdx, (ModuleIdx, usize))> {
    let mut seen = HashSet::new();
    let mut stack = vec![root];
    while let Some(i) = stack.pop() {
        if !seen.insert(i) {
            continue;
        }
        let Module::Normal(m) = graph.module(i) else {
            continue;
        };
        for (n, r) in m.records.iter().enumerate() {
            if matches!(r.kind, ImportKind::Dynamic | ImportKind::SharedAsync) {
                continue;
            }
            match graph.module(r.target) {
                Module::ConsumeShared(c) if !c.eager => return Some((r.target, (i, n))),
                Module::ConsumeShared(c) => {
                    if let Some(f) = c.fallback {
                        stack.push(f);
                    }
                }
                _ => stack.push(r.target),
            }
        }
    }
    None
}

fn unique_id(base: String, used: &mut HashSet<String>) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}#{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

/// Whether two ranges can both be satisfied (unknown for ranges that are not semver).
fn intersects(a: &str, b: &str) -> bool {
    match (
        nodejs_semver::Range::parse(a),
        nodejs_semver::Range::parse(b),
    ) {
        (Ok(a), Ok(b)) => a.intersect(&b).is_some(),
        _ => true,
    }
}

fn compare_versions(a: &str, b: &str) -> std::cmp::Ordering {
    match (
        nodejs_semver::Version::parse(a),
        nodejs_semver::Version::parse(b),
    ) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        _ => a.cmp(b),
    }
}

#[cfg(test)]
mod tests {
    /// Build-time checks: npm ranges as npm reads them, other strings as webpack compares them.
    #[test]
    fn satisfies_semver_and_exact_strings() {
        let table = [
            ("^1.0.0", "1.5.0", true),
            ("^1.0.0", "2.0.0", false),
            ("*", "1.0.0", true),
            ("alpha", "alpha", true),
            ("alpha", "beta", false),
            ("alpha", "1.0.0", false),
            // An unknown version ("0") under a semver range is not judged.
            ("^1.0.0", "0", true),
        ];
        for (range, version, want) in table {
            assert_eq!(super::satisfies(range, version), want, "{range} {version}");
        }
    }
}
