//! The container this build publishes (remoteEntry.js) and the remote containers it loads:
//! requests of remote modules become remote nodes, named as webpack names them so that
//! error texts match (`webpack/container/reference/app2`).

use std::collections::BTreeMap;

use crate::config::{BuildConfig, RemoteExternal, Target};
use crate::diagnostics::{Code, Diagnostic};
use crate::graph::{
    ContainerEntryModule, Module, ModuleIdx, RemoteContainerModule, RemoteModule, ScanOutput,
};

pub fn create_container_nodes(scan: &mut ScanOutput, config: &BuildConfig) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let graph = &mut scan.graph;
    let config_text = crate::config::ConfigText::read(config);
    let key_location = |key: &str| config_text.key_location(key);
    let remotes = &config.containers.remotes;

    // Configuration checks that need the file system or the target.
    let shared_scopes: Vec<&str> = config
        .shared
        .iter()
        .map(|s| s.share_scope.as_str())
        .collect();
    for remote in remotes {
        if config.root.join("node_modules").join(&remote.key).is_dir() {
            out.push(
                Diagnostic::new(
                    Code::RemoteShadowsPackage,
                    format!("remote \"{}\" has the name of an installed package: its requests load the remote, never node_modules/{}", remote.key, remote.key),
                )
                .at(key_location(&remote.key))
                .hint("rename the remote key (the container's own name can stay), or remove the package"),
            );
        }
        if remote.share_scope != config.share_scope
            && !shared_scopes.contains(&remote.share_scope.as_str())
        {
            out.push(
                Diagnostic::new(
                    Code::RemoteScopeNotShared,
                    format!(
                        "remote \"{}\" is initialised with share scope \"{}\", in which this build shares nothing",
                        remote.key, remote.share_scope
                    ),
                )
                .at(key_location(&remote.key))
                .hint("share the modules the remote needs in that scope (shareScope on the shared items), or use the default scope"),
            );
        }
        if config.target == Target::Node
            && remote
                .externals
                .iter()
                .any(|e| matches!(e, RemoteExternal::Script { .. }))
        {
            let d = if config.ssr_build {
                // The browser build needs the remote as it is; its SSR container goes
                // without it (the import rejects in Node).
                let mut d = Diagnostic::new(
                    Code::RemoteTypeUnsupported,
                    format!("remote \"{}\" is loaded with a script tag, which the ssr (Node) build cannot do: importing it rejects in Node", remote.key),
                )
                .hint("name the remote by its mf-manifest.json (name@http://…/mf-manifest.json): in Node its ssrRemoteEntry is loaded");
                d.severity = crate::diagnostics::Severity::Warning;
                d
            } else {
                Diagnostic::new(
                    Code::RemoteTypeUnsupported,
                    format!("remote \"{}\" is loaded with a script tag, which a Node build cannot do", remote.key),
                )
                .hint("in a Node build use \"commonjs-module ./path/remoteEntry.js\" (or promise/var)")
            };
            out.push(d.at(key_location(&remote.key)));
        }
    }

    // Remote modules, one per (remote, request); remote containers for the remotes used.
    let mut containers: BTreeMap<usize, ModuleIdx> = BTreeMap::new();
    let mut remote_nodes: BTreeMap<(usize, String), ModuleIdx> = BTreeMap::new();
    let mut wanted: Vec<(ModuleIdx, usize, usize, String)> = Vec::new();
    for (i, module) in graph.modules.iter_enumerated() {
        let Module::Normal(m) = module else { continue };
        for (r, record) in m.records.iter().enumerate() {
            if let Some((remote, request)) = &record.remote {
                wanted.push((i, r, *remote, request.clone()));
            }
        }
    }
    for (module, record, remote, request) in wanted {
        let container = *containers.entry(remote).or_insert_with(|| {
            let node = RemoteContainerModule {
                id: format!("webpack/container/reference/{}", remotes[remote].key),
                remote,
                share_scope: remotes[remote].share_scope.clone(),
            };
            let idx = graph.push(Module::RemoteContainer(node));
            graph.remote_containers.push(idx);
            idx
        });
        let idx = *remote_nodes
            .entry((remote, request.clone()))
            .or_insert_with(|| {
                let suffix = request.trim_start_matches('.').trim_start_matches('/');
                let id = if suffix.is_empty() {
                    format!("webpack/container/remote/{}", remotes[remote].key)
                } else {
                    format!("webpack/container/remote/{}/{suffix}", remotes[remote].key)
                };
                graph.push(Module::Remote(RemoteModule {
                    id,
                    request: request.clone(),
                    share_scope: remotes[remote].share_scope.clone(),
                    container,
                }))
            });
        if let Module::Normal(m) = &mut graph.modules[module] {
            m.records[record].target = idx;
        }
    }

    if !config.containers.exposes.is_empty() {
        let name = config
            .name
            .clone()
            .unwrap_or_else(|| config.unique_name.clone());
        let node = ContainerEntryModule {
            id: format!("webpack/container/entry/{name}"),
            share_scope: config.share_scope.clone(),
            exposes: scan.exposes.clone(),
        };
        graph.container = Some(graph.push(Module::ContainerEntry(node)));
    }
    out
}
