//! Chunk graph: one initial chunk per entry (its whole static closure) and async chunks for
//! `import()`. A module that several dynamic imports need, and that is not already loaded
//! with every entry that can reach them, goes into one chunk shared by those imports rather
//! than being copied (esbuild's "entry bits" grouping).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::config::BuildConfig;
use crate::graph::{ImportKind, Module, ModuleGraph, ModuleIdx, ModuleVec};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChunkKind {
    Entry,
    Async,
}

#[derive(Debug)]
pub struct Chunk {
    /// The chunk id in the runtime, and the base of its file name. Unique.
    pub name: String,
    pub kind: ChunkKind,
    /// Modules, sorted by id.
    pub modules: Vec<ModuleIdx>,
    /// Entry chunks: the modules started, in order.
    pub entry_modules: Vec<ModuleIdx>,
    /// The file name when it is not `<name>.js` (remoteEntry.js, `entryFileNames`; a
    /// `[contenthash]` in it is filled in when the file is rendered).
    pub file_name: Option<String>,
    /// An entry that a `new Worker(new URL(...))` starts, not the page.
    pub worker: bool,
}

#[derive(Debug)]
pub struct ChunkGraph {
    /// Entry chunks first (by entry name), then async chunks.
    pub chunks: Vec<Chunk>,
    /// Module target of an `import()` -> names of the chunks to load first.
    pub dynamic_chunks: HashMap<ModuleIdx, Vec<String>>,
    /// Entry chunk index -> async chunk indices it can ever load (for its file-name map).
    pub reachable_async: HashMap<usize, Vec<usize>>,
    /// Module a `new Worker(new URL(...))` starts -> the file of its entry chunk.
    pub worker_files: HashMap<ModuleIdx, String>,
}

/// Edges that start a new chunk group: `import()`, and the lazy side of shared modules
/// (a consume's fallback, a provided module).
fn is_async(kind: ImportKind) -> bool {
    matches!(kind, ImportKind::Dynamic | ImportKind::SharedAsync)
}

/// Module -> its edges (`ModuleGraph::adjacency`).
type Adjacency = ModuleVec<Vec<(ModuleIdx, ImportKind)>>;

fn closure(graph: &Adjacency, roots: &[ModuleIdx], follow_dynamic: bool) -> BTreeSet<ModuleIdx> {
    let mut seen: BTreeSet<ModuleIdx> = BTreeSet::new();
    let mut stack: Vec<ModuleIdx> = roots.to_vec();
    while let Some(m) = stack.pop() {
        if !seen.insert(m) {
            continue;
        }
        // A worker's modules run in the worker, from its own entry chunk.
        for &(target, kind) in &graph[m] {
            if kind != ImportKind::Worker && (follow_dynamic || !is_async(kind)) {
                stack.push(target);
            }
        }
    }
    seen
}

fn dynamic_targets(graph: &Adjacency, modules: &BTreeSet<ModuleIdx>) -> BTreeSet<ModuleIdx> {
    let mut out = BTreeSet::new();
    for &m in modules {
        for &(target, kind) in &graph[m] {
            if is_async(kind) {
                out.insert(target);
            }
        }
    }
    out
}

pub fn build_chunks(graph: &ModuleGraph, config: &BuildConfig) -> ChunkGraph {
    let adjacency = graph.adjacency();
    let id = |m: &ModuleIdx| graph.module(*m).id();
    // (By the ids as they are: a key made per comparison was 100,000 strings for one
    // chunk of 5,000 modules.)
    let sorted = |set: &BTreeSet<ModuleIdx>| {
        let mut v: Vec<ModuleIdx> = set.iter().copied().collect();
        v.sort_by(|a, b| id(a).cmp(id(b)));
        v
    };

    let mut chunks = Vec::new();
    let mut initial: Vec<BTreeSet<ModuleIdx>> = Vec::new();
    let mut reach: Vec<BTreeSet<ModuleIdx>> = Vec::new();
    let mut used_names: BTreeSet<String> = BTreeSet::new();
    // The container is an entry of its own, written to remoteEntry.js.
    let mut entries: Vec<(String, Vec<ModuleIdx>, Option<String>)> = graph
        .entries
        .iter()
        .map(|(n, m)| {
            let file = config
                .entry_file_names
                .as_ref()
                .map(|p| p.replace("[name]", n));
            (n.clone(), m.clone(), file)
        })
        .collect();
    if let Some(container) = graph.container {
        let file = config.containers.filename.clone();
        let mut name = file
            .trim_end_matches(".js")
            .trim_end_matches(".mjs")
            .to_string();
        while entries.iter().any(|(n, _, _)| *n == name) {
            name.push('_');
        }
        // remoteEntry.js registers the runtime plugins too, for the pages that load it.
        let mut mods = graph.runtime_plugins.clone();
        mods.push(container);
        entries.push((name, mods, Some(file)));
    }
    // Workers started from any of them are entries too, found until none is new (a
    // worker may start another). Their files are `<name>.js`: the code that starts one
    // names it before any file is rendered.
    let mut worker_files: HashMap<ModuleIdx, String> = HashMap::new();
    let mut next = 0;
    while next < entries.len() {
        let start = next;
        next = entries.len();
        let mut found: BTreeSet<ModuleIdx> = BTreeSet::new();
        for (_, mods, _) in &entries[start..] {
            let mut roots = mods.clone();
            roots.extend(graph.provides.iter().copied());
            roots.extend(graph.remote_containers.iter().copied());
            for m in closure(&adjacency, &roots, true) {
                for &(target, kind) in &adjacency[m] {
                    if kind == ImportKind::Worker && !worker_files.contains_key(&target) {
                        found.insert(target);
                    }
                }
            }
        }
        for target in sorted(&found) {
            let base = stem(id(&target));
            let mut name = base.clone();
            let mut n = 2;
            // Neither the name nor the file of another entry (remoteEntry.js, a page entry).
            let taken = |name: &str| {
                entries.iter().any(|(e, _, file)| {
                    e == name || file.as_deref() == Some(format!("{name}.js").as_str())
                })
            };
            while taken(&name) {
                name = format!("{base}-{n}");
                n += 1;
            }
            let file = format!("{name}.js");
            worker_files.insert(target, file.clone());
            entries.push((name, vec![target], Some(file)));
        }
    }
    for (name, mods, file_name) in &entries {
        // Every entry's runtime registers this build's provides when a share scope starts,
        // and can reach the remote containers whose init that calls.
        let mut roots = mods.clone();
        roots.extend(graph.provides.iter().copied());
        roots.extend(graph.remote_containers.iter().copied());
        let set = closure(&adjacency, &roots, false);
        chunks.push(Chunk {
            name: name.clone(),
            kind: ChunkKind::Entry,
            modules: sorted(&set),
            entry_modules: mods.clone(),
            file_name: file_name.clone(),
            worker: file_name
                .as_ref()
                .is_some_and(|f| mods.iter().any(|m| worker_files.get(m) == Some(f))),
        });
        used_names.insert(name.clone());
        initial.push(set);
        reach.push(closure(&adjacency, &roots, true));
    }

    let all_reached: BTreeSet<ModuleIdx> = reach.iter().flatten().copied().collect();
    let roots = dynamic_targets(&adjacency, &all_reached);

    let groups = async_groups(&adjacency, &roots, &reach, &initial);

    // Names: a chunk loaded by one import() is named after its module (or the import's
    // webpackChunkName); a chunk shared by several imports is "shared-" + its first module.
    let magic_names = wanted_names(graph, config);
    let mut dynamic_chunks: HashMap<ModuleIdx, Vec<String>> = HashMap::new();
    let mut group_list: Vec<(Vec<ModuleIdx>, Vec<ModuleIdx>)> = groups
        .into_iter()
        .map(|(rs, ms)| (rs, sorted(&ms)))
        .collect();
    // Order chunks by their first module's id, so the order does not depend on indices.
    group_list.sort_by_key(|(_, ms)| ms.first().map(id));
    let first_async = chunks.len();
    for (roots_of, modules) in group_list {
        let base = if roots_of.len() == 1 {
            magic_names
                .get(&roots_of[0])
                .cloned()
                .unwrap_or_else(|| stem(id(&roots_of[0])))
        } else {
            format!("shared-{}", stem(id(&modules[0])))
        };
        let mut name = base.clone();
        let mut n = 2;
        while used_names.contains(&name) {
            name = format!("{base}-{n}");
            n += 1;
        }
        used_names.insert(name.clone());
        for r in &roots_of {
            dynamic_chunks.entry(*r).or_default().push(name.clone());
        }
        chunks.push(Chunk {
            name,
            kind: ChunkKind::Async,
            modules,
            entry_modules: vec![],
            file_name: None,
            worker: false,
        });
    }
    for v in dynamic_chunks.values_mut() {
        v.sort();
    }
    let mut reachable_async = HashMap::new();
    for (e, r) in reach.iter().enumerate() {
        let list: Vec<usize> = (first_async..chunks.len())
            .filter(|&c| chunks[c].modules.iter().any(|m| r.contains(m)))
            .collect();
        reachable_async.insert(e, list);
    }
    ChunkGraph {
        chunks,
        dynamic_chunks,
        reachable_async,
        worker_files,
    }
}

/// Letters, digits and `-` kept, anything else `_`: safe in a file name and a chunk id.
fn file_safe(s: &str) -> String {
    crate::js_names::underscore_except(s, "-")
}

/// `src/pages/About.page.js` -> `About_page`; `node_modules/x/index.js` -> `x`.
fn stem(id: &str) -> String {
    let mut parts: Vec<&str> = id.split('/').collect();
    let file = parts.pop().unwrap_or("chunk");
    let base = file.rsplit_once('.').map_or(file, |(b, _)| b);
    let base = if base == "index" {
        parts.pop().unwrap_or(base)
    } else {
        base
    };
    let clean = file_safe(base);
    if clean.is_empty() {
        "chunk".into()
    } else {
        clean
    }
}

/// The async chunks: each module that a dynamic root loads and that the entries reaching the
/// root do not all have already, grouped by the set of roots that need it.
fn async_groups(
    adjacency: &Adjacency,
    roots: &BTreeSet<ModuleIdx>,
    reach: &[BTreeSet<ModuleIdx>],
    initial: &[BTreeSet<ModuleIdx>],
) -> BTreeMap<Vec<ModuleIdx>, BTreeSet<ModuleIdx>> {
    // Module -> the dynamic roots that must load it.
    let mut owners: BTreeMap<ModuleIdx, Vec<ModuleIdx>> = BTreeMap::new();
    for &root in roots {
        let entries: Vec<usize> = (0..reach.len())
            .filter(|&e| reach[e].contains(&root))
            .collect();
        let mut available: Option<BTreeSet<ModuleIdx>> = None;
        for &e in &entries {
            available = Some(match available {
                None => initial[e].clone(),
                Some(a) => a.intersection(&initial[e]).copied().collect(),
            });
        }
        let available = available.unwrap_or_default();
        for m in closure(adjacency, &[root], false) {
            if !available.contains(&m) {
                owners.entry(m).or_default().push(root);
            }
        }
    }
    let mut groups: BTreeMap<Vec<ModuleIdx>, BTreeSet<ModuleIdx>> = BTreeMap::new();
    for (m, rs) in owners {
        groups.entry(rs).or_default().insert(m);
    }
    groups
}

/// Names asked for a chunk by its root module: an exposed module's (`expose-Button`, or
/// its configured name), a shaken copy's (`lodash-shaken`), an `import()`'s
/// webpackChunkName.
fn wanted_names(graph: &ModuleGraph, config: &BuildConfig) -> HashMap<ModuleIdx, String> {
    let mut magic_names: HashMap<ModuleIdx, String> = HashMap::new();
    if let Some(Module::ContainerEntry(c)) = graph.container.map(|c| graph.module(c)) {
        for (key, modules) in &c.exposes {
            let configured = config
                .containers
                .exposes
                .iter()
                .find(|e| e.key == *key)
                .and_then(|e| e.name.clone());
            let name = configured.unwrap_or_else(|| {
                let clean = file_safe(key.trim_start_matches("./"));
                format!(
                    "expose-{}",
                    if clean.is_empty() || clean == "." {
                        "main".into()
                    } else {
                        clean
                    }
                )
            });
            for m in modules {
                magic_names.entry(*m).or_insert_with(|| name.clone());
            }
        }
    }
    for (i, module) in graph.modules.iter().enumerate() {
        // A shared module's shaken copy (analysis/shared_shaking.rs): `lodash-shaken`.
        if let Some((root, _)) = module.id().split_once("?shaken") {
            magic_names.insert(ModuleIdx(i as u32), format!("{}-shaken", stem(root)));
        }
        if let Module::Normal(m) = module {
            for r in &m.records {
                if r.kind == ImportKind::Dynamic
                    && let Some(n) = &r.chunk_name
                {
                    magic_names.entry(r.target).or_insert_with(|| n.clone());
                }
            }
        }
    }
    magic_names
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn stems() {
        for (id, want) in [
            ("src/lazy.js", "lazy"),
            ("src/pages/About.page.js", "About_page"),
            ("node_modules/lodash-es/index.js", "lodash-es"),
            ("index.js", "index"),
        ] {
            assert_eq!(stem(id), want, "{id}");
        }
    }
}
