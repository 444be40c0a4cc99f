//! CSS and asset output: each chunk's CSS modules, in import order, concatenated into one
//! `.css` file next to the chunk; every asset (imported from JavaScript or named by a CSS
//! `url()`) written once under `assets/`; the JavaScript of CSS and asset modules.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::OutputFile;
use super::transform_module::{CJS_PARAMS, json};
use crate::graph::css::{Resource, UrlTarget};
use crate::graph::{Barrel, ImportKind, Module, ModuleFormat, ModuleGraph, ModuleIdx};

/// The registry body of a CSS or asset module, `None` for other modules.
pub fn module_code(graph: &ModuleGraph, idx: ModuleIdx) -> Option<(&'static str, String)> {
    let format = graph.module(idx).format();
    if !matches!(format, ModuleFormat::Css | ModuleFormat::Asset) {
        return None;
    }
    let body = match graph.resources.get(&idx) {
        Some(Resource::Asset(a)) => {
            format!("module.exports = __mf_require__.p + {};\n", json(&a.name))
        }
        Some(Resource::Css(c)) => match &c.classes {
            Some(classes) => {
                let mut out = String::from("module.exports = {\n");
                for (local, names) in classes {
                    let _ = writeln!(out, "  {}: {},", json(local), json(names));
                }
                out.push_str("};\n");
                out
            }
            None => "// extracted to the chunk's .css file\n".to_string(),
        },
        None => String::new(),
    };
    Some((CJS_PARAMS, body))
}

/// Whether any module of the build is an asset (its JS reads `__mf_require__.p`).
pub fn has_assets(graph: &ModuleGraph) -> bool {
    graph
        .resources
        .values()
        .any(|r| matches!(r, Resource::Asset(_)))
}

/// Rank of every module in a depth-first post-order over static imports in source order,
/// from the entries first: the order in which a browser would apply the CSS if each
/// import were a `<link>` (webpack's order). Deterministic: indices and records only.
pub fn css_order(graph: &ModuleGraph) -> Vec<u32> {
    let n = graph.modules.len();
    let mut rank = vec![u32::MAX; n];
    let mut seen = vec![false; n];
    let mut next = 0u32;
    let children = |m: usize| -> Vec<usize> {
        match graph.module(ModuleIdx(m as u32)) {
            Module::Normal(nm) => nm
                .records
                .iter()
                .filter(|r| {
                    r.kind != ImportKind::Dynamic && !matches!(r.barrel, Barrel::Skipped { .. })
                })
                .map(|r| r.target.index())
                .collect(),
            _ => {
                let mut v: Vec<usize> = graph
                    .edges(ModuleIdx(m as u32))
                    .into_iter()
                    .map(|(target, _)| target.index())
                    .collect();
                v.sort();
                v
            }
        }
    };
    let mut roots: Vec<usize> = graph
        .entries
        .iter()
        .flat_map(|(_, ms)| ms.iter().map(|m| m.index()))
        .collect();
    roots.extend(0..n);
    for root in roots {
        if seen[root] {
            continue;
        }
        seen[root] = true;
        let mut stack: Vec<(usize, Vec<usize>, usize)> = vec![(root, children(root), 0)];
        while let Some(top) = stack.last_mut() {
            if top.2 < top.1.len() {
                let c = top.1[top.2];
                top.2 += 1;
                if c < n && !seen[c] {
                    seen[c] = true;
                    let kids = children(c);
                    stack.push((c, kids, 0));
                }
            } else {
                rank[top.0] = next;
                next += 1;
                stack.pop();
            }
        }
    }
    rank
}

/// The CSS of `modules` (a chunk's), in import order, as written to the file `name`;
/// `None` when the chunk has no CSS.
pub fn chunk_css(
    graph: &ModuleGraph,
    modules: &[ModuleIdx],
    order: &[u32],
    name: &str,
    development: bool,
) -> Option<String> {
    let mut styles: Vec<ModuleIdx> = modules
        .iter()
        .copied()
        .filter(|m| matches!(graph.resources.get(m), Some(Resource::Css(_))))
        .collect();
    if styles.is_empty() {
        return None;
    }
    styles.sort_by_key(|m| (order[m.index()], m.index()));
    let mut out = String::new();
    for m in styles {
        let Some(Resource::Css(c)) = graph.resources.get(&m) else {
            continue;
        };
        if development {
            let _ = writeln!(out, "/* {} */", graph.module(m).id().replace("*/", "*\\/"));
        }
        let text = c.render(name);
        out.push_str(text.trim_end());
        out.push('\n');
    }
    Some(out)
}

/// Every asset of the modules in chunks (JS imports and CSS `url()`s), once each.
pub fn asset_files(
    graph: &ModuleGraph,
    modules: impl Iterator<Item = ModuleIdx>,
) -> Vec<OutputFile> {
    let mut out: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for m in modules {
        match graph.resources.get(&m) {
            Some(Resource::Asset(a)) => {
                out.entry(a.name.clone())
                    .or_insert_with(|| a.bytes.to_vec());
            }
            Some(Resource::Css(c)) => {
                for (_, t) in &c.urls {
                    if let UrlTarget::Asset { file, .. } = t {
                        out.entry(file.name.clone())
                            .or_insert_with(|| file.bytes.to_vec());
                    }
                }
            }
            None => {}
        }
    }
    out.into_iter()
        .map(|(name, contents)| OutputFile { name, contents })
        .collect()
}

/// Runtime for the browser: `__mf_require__.f.css` loads an async chunk's stylesheet with a
/// `<link rel="stylesheet">` (from `__mf_require__.p`, so a remote's CSS comes from the
/// remote) and the chunk's modules run only once it has loaded, as with webpack's
/// mini-css-extract-plugin.
pub fn css_loading_runtime(css_files: &[(String, String)]) -> String {
    if css_files.is_empty() {
        return String::new();
    }
    let mut out = String::from("var __mf_css_files__ = {\n");
    for (chunk, file) in css_files {
        let _ = writeln!(out, "  {}: {},", json(chunk), json(file));
    }
    out.push_str("};\n");
    out.push_str(RUNTIME_CSS_WEB);
    out
}

pub const RUNTIME_CSS_WEB: &str = include_str!("runtime/css_loading_web.js");
