//! `mf-manifest.json` and `mf-stats.json` (the Module Federation 2.0 formats of
//! `@module-federation/sdk`), written next to remoteEntry.js so hosts on the
//! `@module-federation/*` runtime can load this build's container by manifest; with
//! `manifest = true`, a host writes them too (its shared modules and remotes, for MF 2.0's
//! tooling).

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::analysis::chunks::ChunkGraph;
use crate::config::{BuildConfig, LibraryType, RemoteExternal};
use crate::graph::{Module, ModuleGraph, ModuleIdx};

/// The async chunk files `modules` need, sorted: (JavaScript, CSS).
fn files_of(
    chunks: &ChunkGraph,
    file_names: &[String],
    css_names: &[String],
    modules: &[ModuleIdx],
) -> (Vec<String>, Vec<String>) {
    let mut js = BTreeSet::new();
    let mut css = BTreeSet::new();
    for m in modules {
        for name in chunks.dynamic_chunks.get(m).into_iter().flatten() {
            if let Some(i) = chunks.chunks.iter().position(|c| &c.name == name) {
                if !file_names[i].is_empty() {
                    js.insert(file_names[i].clone());
                }
                if !css_names[i].is_empty() {
                    css.insert(css_names[i].clone());
                }
            }
        }
    }
    (js.into_iter().collect(), css.into_iter().collect())
}

fn assets(sync: (Vec<String>, Vec<String>), r#async: (Vec<String>, Vec<String>)) -> Value {
    json!({
        "js": { "sync": sync.0, "async": r#async.0 },
        "css": { "sync": sync.1, "async": r#async.1 }
    })
}

/// (mf-manifest.json, mf-stats.json)
pub fn manifests(
    graph: &ModuleGraph,
    chunks: &ChunkGraph,
    file_names: &[String],
    css_names: &[String],
    config: &BuildConfig,
) -> (String, String) {
    let name = container_name(config);
    let (build_name, build_version) = package_info(graph, config);
    let mut meta = json!({
        "name": name,
        "globalName": config.containers.global_name,
        "type": "app",
        "buildInfo": { "buildVersion": build_version, "buildName": build_name },
        // A host's manifest (`manifest = true` without exposes) names no entry, as MF 2.0's.
        "remoteEntry": {
            "name": if graph.container.is_some() { config.containers.filename.as_str() } else { "" },
            "path": "",
            "type": config.containers.library.unwrap_or(LibraryType::Var).name(),
        },
        "types": if super::types::publishes(graph, config) {
            json!({ "path": "", "name": "", "zip": super::types::ZIP_NAME, "api": super::types::API_NAME })
        } else {
            json!({ "path": "", "name": "", "zip": "", "api": "" })
        },
        "pluginVersion": format!("mfbundle {}", env!("CARGO_PKG_VERSION")),
        "publicPath": config.public_path,
    });
    // `ssr = true`: the Node container of the same remote, which MF 2.0 runtimes load in
    // Node instead of remoteEntry (runtime-core's getRemoteEntryInfoFromSnapshot).
    if let Some(ssr) = &config.ssr {
        meta["ssrRemoteEntry"] = json!({
            "name": ssr.config.containers.filename,
            "path": ssr.dir,
            "type": LibraryType::CommonJsModule.name(),
        });
    }

    let (shared_m, shared_s) = shared_entries(graph, chunks, file_names, css_names, config);
    let (remotes_m, remotes_s) = remote_entries(graph, config);
    let (exposes_m, exposes_s) =
        expose_entries(graph, chunks, file_names, css_names, config, &shared_m);

    let manifest = json!({
        "id": name,
        "name": name,
        "metaData": meta,
        "shared": shared_m,
        "remotes": remotes_m,
        "exposes": exposes_m,
    });
    let stats = json!({
        "id": name,
        "name": name,
        "metaData": meta,
        "shared": shared_s,
        "remotes": remotes_s,
        "exposes": exposes_s,
    });
    (
        serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n",
        serde_json::to_string_pretty(&stats).unwrap_or_default() + "\n",
    )
}

/// The container's name in the manifests: `name`, else the build's name.
fn container_name(config: &BuildConfig) -> String {
    config
        .name
        .clone()
        .unwrap_or_else(|| config.unique_name.clone())
}

/// The `shared` entries of mf-manifest.json and mf-stats.json: what this build provides.
fn shared_entries(
    graph: &ModuleGraph,
    chunks: &ChunkGraph,
    file_names: &[String],
    css_names: &[String],
    config: &BuildConfig,
) -> (Vec<Value>, Vec<Value>) {
    let name = container_name(config);
    let mut shared_m = Vec::new();
    let mut shared_s = Vec::new();
    let mut provides: Vec<ModuleIdx> = graph.provides.clone();
    provides.sort_by_key(|p| graph.module(*p).id().to_string());
    for p in provides {
        let Module::ProvideShared(ps) = graph.module(p) else {
            continue;
        };
        let item = &config.shared[ps.item];
        let required = graph
            .modules
            .iter()
            .find_map(|m| match m {
                Module::ConsumeShared(c)
                    if c.share_key == ps.share_key && c.share_scope == ps.share_scope =>
                {
                    c.required_version.clone()
                }
                _ => None,
            })
            .unwrap_or_else(|| "*".into());
        let used_in: Vec<String> = graph
            .modules
            .iter()
            .filter_map(|m| m.as_normal())
            .filter(|m| m.records.iter().any(|r| {
                matches!(graph.module(r.target), Module::ConsumeShared(c) if c.share_key == ps.share_key)
            }))
            .map(|m| m.id.clone())
            .collect();
        let files = files_of(chunks, file_names, css_names, &[ps.module]);
        let base = json!({
            "id": format!("{name}:{}", ps.share_key),
            "name": ps.share_key,
            "version": ps.version.clone().unwrap_or_else(|| "0".into()),
            "singleton": item.singleton,
            "requiredVersion": required,
            "hash": "",
            "assets": assets(Default::default(), files),
        });
        shared_m.push(base.clone());
        let mut s = base;
        s["deps"] = json!([]);
        s["usedIn"] = json!(used_in);
        s["usedExports"] = json!([]);
        s["fallback"] = json!("");
        s["fallbackName"] = json!("");
        s["fallbackType"] = json!("");
        shared_s.push(s);
    }

    (shared_m, shared_s)
}

/// The `remotes` entries: the containers this build loads.
fn remote_entries(graph: &ModuleGraph, config: &BuildConfig) -> (Vec<Value>, Vec<Value>) {
    let name = container_name(config);
    let mut remotes_m = Vec::new();
    let mut remotes_s = Vec::new();
    for &c in &graph.remote_containers {
        let Module::RemoteContainer(rc) = graph.module(c) else {
            continue;
        };
        let remote = &config.containers.remotes[rc.remote];
        let (container_name, entry) = match remote.externals.first() {
            Some(RemoteExternal::Script { global, url }) => (global.clone(), url.clone()),
            Some(RemoteExternal::Module(url)) => (remote.key.clone(), url.clone()),
            Some(RemoteExternal::Manifest { name, url }) => (name.clone(), url.clone()),
            _ => (remote.key.clone(), String::new()),
        };
        for m in &graph.modules {
            let Module::Remote(r) = m else { continue };
            if r.container != c {
                continue;
            }
            let module_name = r.request.trim_start_matches("./").to_string();
            let base = json!({
                "federationContainerName": container_name,
                "moduleName": if module_name == "." { ".".to_string() } else { module_name },
                "alias": remote.key,
                "entry": entry,
            });
            remotes_m.push(base.clone());
            let mut s = base;
            s["consumingFederationContainerName"] = json!(name);
            s["usedIn"] = json!(
                graph
                    .modules
                    .iter()
                    .filter_map(|m| m.as_normal())
                    .filter(|n| n.records.iter().any(
                        |rec| matches!(graph.module(rec.target), Module::Remote(x) if x.id == r.id)
                    ))
                    .map(|n| n.id.clone())
                    .collect::<Vec<_>>()
            );
            remotes_s.push(s);
        }
    }

    (remotes_m, remotes_s)
}

/// The `exposes` entries: the modules this build's container offers.
fn expose_entries(
    graph: &ModuleGraph,
    chunks: &ChunkGraph,
    file_names: &[String],
    css_names: &[String],
    config: &BuildConfig,
    shared_m: &[Value],
) -> (Vec<Value>, Vec<Value>) {
    let name = container_name(config);
    let mut exposes_m = Vec::new();
    let mut exposes_s = Vec::new();
    if let Some(Module::ContainerEntry(ce)) = graph.container.map(|c| graph.module(c)) {
        for (key, modules) in &ce.exposes {
            let short = key.trim_start_matches("./");
            let short = if short == "." || short.is_empty() {
                "."
            } else {
                short
            };
            let files = files_of(chunks, file_names, css_names, modules);
            let base = json!({
                "id": format!("{name}:{short}"),
                "name": short,
                "path": key,
                "assets": assets(files, Default::default()),
            });
            exposes_m.push(base.clone());
            let mut s = base;
            s["file"] = json!(
                modules
                    .first()
                    .map(|m| graph.module(*m).id().to_string())
                    .unwrap_or_default()
            );
            s["requires"] = json!(
                shared_m
                    .iter()
                    .map(|x| x["name"].clone())
                    .collect::<Vec<_>>()
            );
            exposes_s.push(s);
        }
    }

    (exposes_m, exposes_s)
}

/// The project's package.json name and version (read by the scan).
fn package_info(graph: &ModuleGraph, config: &BuildConfig) -> (String, String) {
    let v = graph.packages.of_dir(&config.root).unwrap_or(&Value::Null);
    (
        v.get("name")
            .and_then(|n| n.as_str())
            .unwrap_or(&config.unique_name)
            .to_string(),
        v.get("version")
            .and_then(|n| n.as_str())
            .unwrap_or("0.0.0")
            .to_string(),
    )
}
