//! The federation part of an entry chunk's runtime: this build's provides, the consumes its
//! chunks need, which chunk needs which consume, and the consumes to resolve before startup.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::transform_module::json;
use crate::analysis::chunks::{Chunk, ChunkGraph, ChunkKind};
use crate::analysis::module_ids::ModuleIds;
use crate::config::{BuildConfig, Remote, RemoteExternal};
use crate::graph::{ConsumeSharedModule, ContainerEntryModule, Module, ModuleGraph, ModuleIdx};

const RUNTIME_SEMVER: &str = include_str!("../federation/runtime/semver.js");
const RUNTIME_STATS: &str = include_str!("../federation/runtime/stats.js");
const RUNTIME_PLUGINS: &str = include_str!("../federation/runtime/plugins.js");
const RUNTIME_SHARING: &str = include_str!("../federation/runtime/sharing.js");
const RUNTIME_DEBUG: &str = include_str!("../federation/runtime/debug.js");
const RUNTIME_FEDERATION_GLOBAL: &str = include_str!("../federation/runtime/federation_global.js");
const RUNTIME_API: &str = include_str!("../federation/runtime/api.js");
const RUNTIME_CONSUMES: &str = include_str!("../federation/runtime/consumes.js");
const RUNTIME_REMOTES: &str = include_str!("../federation/runtime/remotes.js");

pub const RUNTIME_FILES: [(&str, &str); 9] = [
    ("semver.js", RUNTIME_SEMVER),
    ("stats.js", RUNTIME_STATS),
    ("plugins.js", RUNTIME_PLUGINS),
    ("sharing.js", RUNTIME_SHARING),
    ("debug.js", RUNTIME_DEBUG),
    ("federation_global.js", RUNTIME_FEDERATION_GLOBAL),
    ("api.js", RUNTIME_API),
    ("consumes.js", RUNTIME_CONSUMES),
    ("remotes.js", RUNTIME_REMOTES),
];

/// Whether an entry's runtime needs share scopes: the build shares, or user code reads
/// `__webpack_share_scopes__` / `__webpack_init_sharing__`.
pub fn needs_sharing(graph: &ModuleGraph, config: &BuildConfig) -> bool {
    !config.shared.is_empty()
        || !graph.runtime_plugins.is_empty()
        || graph.container.is_some()
        || !graph.remote_containers.is_empty()
        || graph
            .modules
            .iter()
            .any(|m| m.as_normal().is_some_and(|n| n.reads_share_scopes))
}

/// `function () { return <factory or Promise of factory>; }` loading `modules` (their
/// chunks first, unless `eager`). Several modules (a multi-import expose) all run in order;
/// the last one's exports count.
fn module_getter(
    ids: &ModuleIds,
    chunks: &ChunkGraph,
    modules: &[ModuleIdx],
    eager: bool,
) -> String {
    let calls: Vec<String> = modules
        .iter()
        .map(|m| format!("__mf_require__({})", ids.literal(*m)))
        .collect();
    let require = format!("function () {{ return ({}); }}", calls.join(", "));
    if eager {
        return format!("function () {{ return {require}; }}");
    }
    let mut ids: Vec<String> = modules
        .iter()
        .filter_map(|m| chunks.dynamic_chunks.get(m))
        .flatten()
        .map(|c| json(c))
        .collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        format!(
            "function () {{ return Promise.resolve().then(function () {{ return {require}; }}); }}"
        )
    } else {
        format!(
            "function () {{ return __mf_require__.e([{}]).then(function () {{ return {require}; }}); }}",
            ids.join(", ")
        )
    }
}

fn loader_name(c: &ConsumeSharedModule) -> &'static str {
    match (&c.required_version, c.strict_version, c.singleton) {
        (Some(_), true, true) => "loadStrictSingletonVersion",
        (Some(_), true, false) => "loadStrictVersion",
        (Some(_), false, true) => "loadSingletonVersion",
        (Some(_), false, false) => "loadVersion",
        (None, _, true) => "loadSingleton",
        (None, _, false) => "load",
    }
}

/// The federation runtime of the build (the same in every entry file): provides, consumes,
/// remotes, and which async chunk needs which of them.
pub fn render_federation_runtime(
    graph: &ModuleGraph,
    chunks: &ChunkGraph,
    ids: &ModuleIds,
    config: &BuildConfig,
) -> String {
    let mut out = String::new();
    if !needs_sharing(graph, config) {
        return out;
    }
    let async_chunks: Vec<usize> = (0..chunks.chunks.len())
        .filter(|&c| chunks.chunks[c].kind == ChunkKind::Async)
        .collect();
    render_provides(&mut out, graph, chunks, ids, config);
    render_init_remotes(&mut out, graph, ids, config);
    render_consumes(&mut out, graph, chunks, ids, &async_chunks);
    render_remotes(&mut out, graph, chunks, ids, &async_chunks, config);
    out.push_str(RUNTIME_FEDERATION_GLOBAL);
    // MF 2.0's runtime API, for builds whose code imports it.
    let api = crate::graph::resolve::mf_runtime_api_path(&config.root);
    if graph
        .modules
        .iter()
        .any(|m| m.as_normal().is_some_and(|n| n.path == api))
    {
        out.push_str(RUNTIME_API);
    }
    if config.runtime_debug {
        out.push_str(RUNTIME_DEBUG);
    }
    out
}

/// `var <name> = { chunk id: [ids of the chunk's modules that `pick` selects] };`
fn chunk_map(
    out: &mut String,
    name: &str,
    graph: &ModuleGraph,
    chunks: &ChunkGraph,
    ids: &ModuleIds,
    async_chunks: &[usize],
    pick: fn(&Module) -> bool,
) {
    let _ = writeln!(out, "var {name} = {{");
    for &c in async_chunks {
        let ids: Vec<String> = chunks.chunks[c]
            .modules
            .iter()
            .filter(|m| pick(graph.module(**m)))
            .map(|m| ids.literal(*m))
            .collect();
        if !ids.is_empty() {
            let _ = writeln!(
                out,
                "  {}: [{}],",
                json(&chunks.chunks[c].name),
                ids.join(", ")
            );
        }
    }
    out.push_str("};\n");
}

/// `__mf_unique_name__` and `__mf_provides__`: this build's providers, by share scope.
fn render_provides(
    out: &mut String,
    graph: &ModuleGraph,
    chunks: &ChunkGraph,
    ids: &ModuleIds,
    config: &BuildConfig,
) {
    // Provides, by scope, in the order webpack registers them (by its ProvideSharedModule
    // identifier, `key@version = request`): the first of two equal providers of one build
    // stays in the share scope.
    let mut by_scope: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut provides: Vec<ModuleIdx> = graph.provides.clone();
    provides.sort_by_cached_key(|p| match graph.module(*p) {
        Module::ProvideShared(ps) => format!(
            "{}@{} = {}",
            ps.share_key,
            ps.version.as_deref().unwrap_or("0"),
            graph.module(ps.module).id()
        ),
        m => m.id().to_string(),
    });
    for p in provides {
        let Module::ProvideShared(ps) = graph.module(p) else {
            continue;
        };
        // A shaken copy comes after the full one: [its exports, its getter].
        let shaken = ps
            .shaken
            .as_ref()
            .map(|(copy, names)| {
                format!(
                    ", {}, {}",
                    serde_json::to_string(names).unwrap_or_default(),
                    module_getter(ids, chunks, &[*copy], ps.eager)
                )
            })
            .unwrap_or_default();
        by_scope.entry(&ps.share_scope).or_default().push(format!(
            "[{}, {}, {}, {}{}]",
            json(&ps.share_key),
            json(ps.version.as_deref().unwrap_or("0")),
            module_getter(ids, chunks, &[ps.module], ps.eager),
            u8::from(ps.eager),
            shaken
        ));
    }
    let _ = writeln!(
        out,
        "var __mf_unique_name__ = {};\nvar __mf_share_strategy__ = {};",
        json(&config.unique_name),
        json(config.share_strategy.as_str())
    );
    out.push_str("var __mf_provides__ = {\n");
    for (scope, list) in &by_scope {
        let _ = writeln!(
            out,
            "  {}: [\n    {}\n  ],",
            json(scope),
            list.join(",\n    ")
        );
    }
    out.push_str("};\n");
}

/// `__mf_init_remotes__` (share-scope init calls `init` on the remote containers of the
/// scope) and the share-scope runtime.
fn render_init_remotes(
    out: &mut String,
    graph: &ModuleGraph,
    ids: &ModuleIds,
    config: &BuildConfig,
) {
    // Share-scope init calls `init` on every remote container that uses the scope.
    let mut remote_scopes: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for &c in &graph.remote_containers {
        if let Module::RemoteContainer(rc) = graph.module(c) {
            remote_scopes
                .entry(&rc.share_scope)
                .or_default()
                .push(format!(
                    "{}, {}",
                    ids.literal(c),
                    json(&container_name(graph, c, config))
                ));
        }
    }
    out.push_str("var __mf_init_remotes__ = function (name, initExternal) {\n");
    for (scope, ids) in &remote_scopes {
        let _ = writeln!(
            out,
            "  if (name === {}) {{ {} }}",
            json(scope),
            ids.iter()
                .map(|i| format!("initExternal({i});"))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    out.push_str("};\n");
    let _ = writeln!(
        out,
        "var __mf_remote_list__ = {};",
        mf2_remotes(&config.containers.remotes)
    );
    out.push_str(RUNTIME_SHARING);
    out.push_str(RUNTIME_STATS);
    out.push_str(RUNTIME_PLUGINS);
}

/// `__mf_consumes__`, which async chunk needs which consume, and the consume runtime.
fn render_consumes(
    out: &mut String,
    graph: &ModuleGraph,
    chunks: &ChunkGraph,
    ids: &ModuleIds,
    async_chunks: &[usize],
) {
    let mut consumes: Vec<ModuleIdx> = (0..graph.modules.len() as u32)
        .map(ModuleIdx)
        .filter(|m| matches!(graph.module(*m), Module::ConsumeShared(_)))
        .collect();
    consumes.sort_by_key(|m| graph.module(*m).id().to_string());
    if !consumes.is_empty() {
        out.push_str(RUNTIME_SEMVER);
        out.push_str("var __mf_consumes__ = {\n");
        for &c in &consumes {
            let Module::ConsumeShared(cs) = graph.module(c) else {
                continue;
            };
            let fallback = cs
                .fallback
                .map(|f| module_getter(ids, chunks, &[f], cs.eager))
                .unwrap_or_else(|| "undefined".into());
            // treeShaking items: the exports this build needs, so that a shaken copy is
            // taken only if it has them.
            let needs = cs
                .needs
                .as_ref()
                .map(|n| format!(", {}", serde_json::to_string(n).unwrap_or_default()))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {}: [{}, {}, {}, {}, {}, {}{}],",
                ids.literal(c),
                json(loader_name(cs)),
                json(&cs.share_scope),
                json(&cs.share_key),
                cs.eager,
                cs.required_version
                    .as_deref()
                    .map(json)
                    .unwrap_or_else(|| "undefined".into()),
                fallback,
                needs
            );
        }
        out.push_str("};\n");
        chunk_map(
            out,
            "__mf_chunk_consumes__",
            graph,
            chunks,
            ids,
            async_chunks,
            |m| matches!(m, Module::ConsumeShared(_)),
        );
        out.push_str(RUNTIME_CONSUMES);
    }
}

/// `__mf_remotes__`, which async chunk needs which remote module, and the remote runtime.
fn render_remotes(
    out: &mut String,
    graph: &ModuleGraph,
    chunks: &ChunkGraph,
    ids: &ModuleIds,
    async_chunks: &[usize],
    config: &BuildConfig,
) {
    let mut remotes: Vec<ModuleIdx> = (0..graph.modules.len() as u32)
        .map(ModuleIdx)
        .filter(|m| matches!(graph.module(*m), Module::Remote(_)))
        .collect();
    remotes.sort_by_key(|m| graph.module(*m).id().to_string());
    if !remotes.is_empty() {
        out.push_str("var __mf_remotes__ = {\n");
        for &r in &remotes {
            let Module::Remote(rm) = graph.module(r) else {
                continue;
            };
            // Its remote's index in `__mf_remote_list__`, for MF 2.0 plugins' `remoteInfo`.
            let remote = match graph.module(rm.container) {
                Module::RemoteContainer(rc) => rc.remote.to_string(),
                _ => "-1".into(),
            };
            let _ = writeln!(
                out,
                "  {}: [{}, {}, {}, {}, {}],",
                ids.literal(r),
                json(&rm.share_scope),
                json(&rm.request),
                ids.literal(rm.container),
                json(&container_name(graph, rm.container, config)),
                remote
            );
        }
        out.push_str("};\n");
        chunk_map(
            out,
            "__mf_chunk_remotes__",
            graph,
            chunks,
            ids,
            async_chunks,
            |m| matches!(m, Module::Remote(_)),
        );
        out.push_str(RUNTIME_REMOTES);
    }
}

/// The consumes (non-eager: eager ones resolve on first use, as in webpack) and remote
/// modules of an entry chunk, which its startup resolves before running any module: their
/// ids as the output writes them.
pub fn initial_requirements(
    graph: &ModuleGraph,
    ids: &ModuleIds,
    chunk: &Chunk,
) -> (Vec<String>, Vec<String>) {
    let mut consumes = Vec::new();
    let mut remotes = Vec::new();
    for &m in &chunk.modules {
        match graph.module(m) {
            Module::ConsumeShared(c) if !c.eager => consumes.push(ids.literal(m)),
            Module::Remote(_) => remotes.push(ids.literal(m)),
            _ => {}
        }
    }
    (consumes, remotes)
}

/// The container object of remoteEntry.js, as webpack's ContainerEntryModule writes it.
pub fn container_entry_code(
    ids: &ModuleIds,
    chunks: &ChunkGraph,
    c: &ContainerEntryModule,
) -> String {
    let mut out = String::from("var moduleMap = {\n");
    for (key, modules) in &c.exposes {
        let _ = writeln!(
            out,
            "  {}: {},",
            json(key),
            module_getter(ids, chunks, modules, false)
        );
    }
    out.push_str("};\n");
    let _ = write!(
        out,
        r#"var get = function (module, getScope) {{
  __mf_require__.R = getScope;
  getScope = __mf_require__.o(moduleMap, module)
    ? moduleMap[module]()
    : Promise.resolve().then(function () {{
        throw new Error('Module "' + module + '" does not exist in container.');
      }});
  __mf_require__.R = undefined;
  return getScope;
}};
var init = function (shareScope, initScope) {{
  if (!__mf_require__.S) return;
  var name = {scope};
  var oldScope = __mf_require__.S[name];
  if (oldScope && oldScope !== shareScope) throw new Error("Container initialization failed as it has already been initialized with a different share scope");
  __mf_require__.S[name] = shareScope;
  return __mf_require__.I(name, initScope);
}};
__mf_require__.d(exports, {{
  get: function () {{ return get; }},
  init: function () {{ return init; }}
}});
"#,
        scope = json(&c.share_scope)
    );
    out
}

/// A remote container as messages name it, whatever its id in the output: its reference
/// (`webpack/container/reference/app2`) and where it comes from.
fn container_name(graph: &ModuleGraph, container: ModuleIdx, config: &BuildConfig) -> String {
    match graph.module(container) {
        Module::RemoteContainer(rc) => format!(
            "{} ({})",
            rc.id,
            remote_location(&config.containers.remotes[rc.remote])
        ),
        m => m.id().to_string(),
    }
}

/// The remotes as MF 2.0's `options.remotes` lists them (`__FEDERATION__`): name, entry,
/// share scope, type (MF 2.0's name for a script tag remote is "global"), and the global a
/// script defines.
fn mf2_remotes(remotes: &[Remote]) -> String {
    let list: Vec<serde_json::Value> = remotes
        .iter()
        .map(|r| {
            let mut remote = serde_json::json!({
                "name": r.key,
                "entry": remote_location(r),
                "shareScope": r.share_scope,
            });
            let (kind, global) = match r.externals.first() {
                Some(RemoteExternal::Script { global, .. }) => ("global", Some(global)),
                Some(RemoteExternal::Module(_)) => ("module", None),
                // MF 2.0 reads the type from the manifest.
                Some(RemoteExternal::Manifest { .. }) => ("manifest", None),
                Some(RemoteExternal::Var(_)) => ("var", None),
                Some(RemoteExternal::Promise(_)) => ("promise", None),
                Some(RemoteExternal::CommonJsModule(_)) => ("commonjs-module", None),
                None => ("global", None),
            };
            remote["type"] = kind.into();
            if let Some(global) = global {
                remote["entryGlobalName"] = global.as_str().into();
            }
            remote
        })
        .collect();
    serde_json::to_string(&list).unwrap_or_else(|_| "[]".into())
}

/// Where a remote's container comes from, for error messages: its URL or path, or the
/// expression as written; alternatives joined by " or ".
pub fn remote_location(remote: &Remote) -> String {
    let one = |e: &RemoteExternal| match e {
        RemoteExternal::Script { url, .. }
        | RemoteExternal::Module(url)
        | RemoteExternal::Manifest { url, .. } => url.clone(),
        RemoteExternal::CommonJsModule(path) => path.clone(),
        RemoteExternal::Var(expr) => format!("var {expr}"),
        RemoteExternal::Promise(expr) => format!("promise {expr}"),
    };
    remote
        .externals
        .iter()
        .map(one)
        .collect::<Vec<_>>()
        .join(" or ")
}

/// How a remote container is obtained: a Promise of it or the container itself. Promises
/// give up after chunkLoadTimeout (script tags do in `__mf_require__.l`).
pub fn remote_container_code(remote: &Remote) -> String {
    let one = |e: &RemoteExternal| -> String {
        match e {
            RemoteExternal::Script { global, url } => format!(
                "__mf_require__.scriptRemote({}, {})",
                json(url),
                json(global)
            ),
            RemoteExternal::Var(expr) => format!("({expr})"),
            RemoteExternal::Promise(expr) => format!(
                "__mf_require__.timeout(({expr}), {}, 0)",
                json(&format!("promise {expr}"))
            ),
            RemoteExternal::CommonJsModule(url)
                if url.starts_with("http://") || url.starts_with("https://") =>
            {
                format!("__mf_require__.commonJsRemote({})", json(url))
            }
            RemoteExternal::CommonJsModule(path) => format!("require({})", json(path)),
            RemoteExternal::Module(url) => {
                format!("__mf_require__.timeout(import({u}), {u}, 1)", u = json(url))
            }
            RemoteExternal::Manifest { name, url } => format!(
                "__mf_require__.manifestRemote({}, {})",
                json(name),
                json(url)
            ),
        }
    };
    if remote.externals.len() == 1 {
        format!("module.exports = {};\n", one(&remote.externals[0]))
    } else {
        let alternatives: Vec<String> = remote
            .externals
            .iter()
            .map(|e| format!("function () {{ return {}; }}", one(e)))
            .collect();
        format!(
            "module.exports = __mf_require__.firstContainer([\n{}\n]);\n",
            alternatives.join(",\n")
        )
    }
}
