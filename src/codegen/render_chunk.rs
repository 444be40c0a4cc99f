//! Chunk files: the module registry of each chunk, plus, in entry chunks, the runtime
//! (`runtime/*.js`, included at build time) and the startup call.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write;

use super::content_hash::{HashedName, Placeholders};
use super::render_federation::{
    container_entry_code, initial_requirements, remote_container_code, render_federation_runtime,
};
use super::transform_module::{CJS_PARAMS, json};
use super::{ModuleCode, OutputFile};
use crate::analysis::chunks::{Chunk, ChunkGraph, ChunkKind};
use crate::analysis::concat_plan::Plan;
use crate::analysis::module_ids::ModuleIds;
use crate::config::{BuildConfig, LibraryType, Mode, Target};
use crate::graph::{Module, ModuleGraph, ModuleIdx};

const RUNTIME_REQUIRE: &str = include_str!("runtime/require.js");
const RUNTIME_ENSURE_CHUNK: &str = include_str!("runtime/ensure_chunk.js");
const RUNTIME_ESM: &str = include_str!("runtime/esm_interop.js");
const RUNTIME_INTEROP_DEFAULT: &str = include_str!("runtime/interop_default.js");
const RUNTIME_INTEROP_NAMESPACE: &str = include_str!("runtime/interop_namespace.js");
const RUNTIME_INTEROP_STAR: &str = include_str!("runtime/interop_star.js");
const RUNTIME_IMPORT_ATTRIBUTES: &str = include_str!("runtime/import_attributes.js");
const RUNTIME_NAMESPACE_OBJECT: &str = include_str!("runtime/namespace_object.js");
const RUNTIME_PUBLIC_PATH_AUTO: &str = include_str!("runtime/public_path_auto.js");
const RUNTIME_CHUNKS_WEB: &str = include_str!("runtime/chunk_loading_web.js");
const RUNTIME_CHUNKS_NODE: &str = include_str!("runtime/chunk_loading_node.js");
const RUNTIME_COMMONJS_HTTP_NODE: &str = include_str!("runtime/commonjs_http_node.js");
const RUNTIME_CHUNKS_HTTP_NODE: &str = include_str!("runtime/chunk_loading_http_node.js");
const RUNTIME_IMPORT_META_NODE: &str = include_str!("runtime/import_meta_node.js");
const RUNTIME_IMPORT_META_WEB: &str = include_str!("runtime/import_meta_web.js");
const RUNTIME_ASYNC_MODULE: &str = include_str!("runtime/async_module.js");
const RUNTIME_CONTEXT: &str = include_str!("runtime/context.js");

/// Every runtime file by name, for tools that want to recognise the runtime in output
/// (the snapshot tests replace it by its name).
pub const RUNTIME_FILES: [(&str, &str); 18] = [
    ("require.js", RUNTIME_REQUIRE),
    ("ensure_chunk.js", RUNTIME_ENSURE_CHUNK),
    ("esm_interop.js", RUNTIME_ESM),
    ("interop_default.js", RUNTIME_INTEROP_DEFAULT),
    ("interop_namespace.js", RUNTIME_INTEROP_NAMESPACE),
    ("interop_star.js", RUNTIME_INTEROP_STAR),
    ("import_attributes.js", RUNTIME_IMPORT_ATTRIBUTES),
    ("namespace_object.js", RUNTIME_NAMESPACE_OBJECT),
    ("public_path_auto.js", RUNTIME_PUBLIC_PATH_AUTO),
    ("chunk_loading_web.js", RUNTIME_CHUNKS_WEB),
    ("chunk_loading_node.js", RUNTIME_CHUNKS_NODE),
    ("commonjs_http_node.js", RUNTIME_COMMONJS_HTTP_NODE),
    ("chunk_loading_http_node.js", RUNTIME_CHUNKS_HTTP_NODE),
    ("css_loading_web.js", super::css::RUNTIME_CSS_WEB),
    ("import_meta_node.js", RUNTIME_IMPORT_META_NODE),
    ("import_meta_web.js", RUNTIME_IMPORT_META_WEB),
    ("async_module.js", RUNTIME_ASYNC_MODULE),
    ("context.js", RUNTIME_CONTEXT),
];

/// Where each module's body starts in each JavaScript file (file name -> (module, 0-based
/// line)), recorded as the files are rendered; source maps are built from it.
pub type ModuleStarts = HashMap<String, Vec<(ModuleIdx, u32)>>;

/// How a chunk made of one concatenated group, without a runtime, opens (the root's id
/// follows, as JSON).
const STANDALONE_OPENING: &str = "(() => { // ";

/// The number of lines before the end of `text` (its `\n`s).
fn line_count(text: &str) -> u32 {
    memchr::memchr_iter(b'\n', text.as_bytes()).count() as u32
}

/// What rendering reads of the whole graph, made once per link output (an incremental
/// rebuild's edits change neither).
pub struct Facts {
    /// The runtime carries React Fast Refresh ([`super::hot::refresh_active`]).
    pub refresh: bool,
    /// Each module's place in stylesheet order ([`super::css::css_order`]).
    css_order: Vec<u32>,
}

impl Facts {
    pub fn of(graph: &ModuleGraph, config: &BuildConfig) -> Facts {
        Facts {
            refresh: super::hot::refresh_active(graph, config),
            css_order: super::css::css_order(graph),
        }
    }
}

/// Every chunk's files, the page and the manifests.
pub fn render_chunks(
    graph: &ModuleGraph,
    layout: &crate::analysis::Layout,
    code: &ModuleCode,
    config: &BuildConfig,
    facts: &Facts,
    (reuse, keep): (Option<Reuse>, bool),
) -> (
    Vec<OutputFile>,
    ModuleStarts,
    Placeholders,
    Option<super::hot::HotRecorder>,
    Rendered,
) {
    let (chunks, plan, ids) = (&layout.chunks, &layout.concat_plan, &layout.module_ids);
    // Kept for the incremental rebuilds that may follow, in builds that have them
    // (development: a production build names its chunks by their hash).
    let keep = keep && crate::incremental::eligible(config);
    let mut r = ChunkRenderer {
        graph,
        chunks,
        code,
        plan,
        ids,
        config,
        files: Vec::new(),
        starts: ModuleStarts::new(),
        file_names: vec![String::new(); chunks.chunks.len()],
        css_names: vec![String::new(); chunks.chunks.len()],
        css_order: &facts.css_order,
        chunk_global: format!(
            "mfbundleChunk_{}",
            crate::js_names::underscore_except(&config.unique_name, "")
        ),
        hashed: Vec::new(),
        hot: config.hot.then(Default::default),
        reuse: reuse.filter(|_| keep),
        rendered: keep.then(|| vec![None; chunks.chunks.len()]),
        reused: 0,
    };
    // Async chunks first: entry chunks embed their file names.
    for (i, chunk) in chunks.chunks.iter().enumerate() {
        if chunk.kind == ChunkKind::Async {
            r.async_chunk(i, chunk);
        }
    }
    for (i, chunk) in chunks.chunks.iter().enumerate() {
        if chunk.kind == ChunkKind::Entry {
            r.entry_css(i, chunk);
        }
    }
    r.files.extend(super::css::asset_files(
        graph,
        chunks.chunks.iter().flat_map(|c| c.modules.iter().copied()),
    ));
    let mut runtime = build_runtime(&r);
    // A placeholder until the entry files are final (content_hash::finalize).
    let runtime_key = super::content_hash::runtime_key_text(build_hash(graph, code));
    if config.hot {
        runtime.push_str(&super::hot::runtime(config, &runtime_key, facts.refresh));
    }
    for (i, chunk) in chunks.chunks.iter().enumerate() {
        if chunk.kind == ChunkKind::Entry {
            r.entry_chunk(i, chunk, &runtime, &runtime_key);
        }
    }
    if let Some(html) = &config.html {
        r.page(html);
    }
    let mut files = r.files;
    if config.manifest {
        let (manifest, stats) =
            super::manifest::manifests(graph, chunks, &r.file_names, &r.css_names, config);
        files.push(OutputFile {
            name: "mf-manifest.json".into(),
            contents: manifest.into_bytes(),
        });
        files.push(OutputFile {
            name: "mf-stats.json".into(),
            contents: stats.into_bytes(),
        });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let placeholders = Placeholders {
        files: r.hashed,
        runtime_key,
    };
    let rendered = Rendered {
        chunks: r.rendered.unwrap_or_default(),
        reused: r.reused,
    };
    (files, r.starts, placeholders, r.hot, rendered)
}

/// A chunk's module functions: registry id, byte range in its registry (hot builds).
type Functions = Vec<(String, std::ops::Range<usize>)>;

/// An async chunk's file as a render wrote it, kept by a build of `mfbundle dev` that
/// incremental rebuilds may follow ([`crate::incremental::eligible`]): a later render of the
/// same layout in which none of the chunk's modules changed writes it again as it was
/// (development names carry no hash), rather than rendering its registry again.
#[derive(Clone)]
pub struct RenderedChunk {
    name: String,
    text: std::sync::Arc<str>,
    registry: std::ops::Range<usize>,
    functions: Functions,
    starts: Vec<(ModuleIdx, u32)>,
}

/// What a render may take from the last one: its async chunks (by chunk index) and the
/// modules whose code changed since.
pub struct Reuse<'a> {
    pub chunks: &'a [Option<RenderedChunk>],
    pub changed: &'a rustc_hash::FxHashSet<ModuleIdx>,
}

/// What [`render_chunks`] made besides the files: the async chunks a later render may reuse
/// (kept only when there can be one), and how many this render reused.
pub struct Rendered {
    pub chunks: Vec<Option<RenderedChunk>>,
    pub reused: usize,
}

/// What rendering the chunks gathers: the files, where modules start in them, and the
/// chunks' file and stylesheet names (entry files embed the async ones').
struct ChunkRenderer<'a> {
    graph: &'a ModuleGraph,
    chunks: &'a ChunkGraph,
    code: &'a ModuleCode,
    plan: &'a Plan,
    ids: &'a ModuleIds,
    config: &'a BuildConfig,
    files: Vec<OutputFile>,
    starts: ModuleStarts,
    file_names: Vec<String>,
    /// Each chunk's stylesheet (empty: none), written next to it.
    css_names: Vec<String>,
    /// Each module's place in stylesheet order.
    css_order: &'a [u32],
    chunk_global: String,
    /// Files named with a placeholder content hash.
    hashed: Vec<HashedName>,
    /// Hot builds: the module functions and the rest of the JavaScript files.
    hot: Option<super::hot::HotRecorder>,
    /// The last render's async chunks, when this one may take them.
    reuse: Option<Reuse<'a>>,
    /// This render's async chunks, when a later one may take them.
    rendered: Option<Vec<Option<RenderedChunk>>>,
    reused: usize,
}

impl ChunkRenderer<'_> {
    /// The last render's file of async chunk `i`, if none of its modules changed since.
    fn reusable(&self, i: usize, chunk: &Chunk) -> Option<RenderedChunk> {
        let reuse = self.reuse.as_ref()?;
        let kept = reuse.chunks.get(i)?.as_ref()?;
        (!chunk.modules.iter().any(|m| reuse.changed.contains(m))).then(|| kept.clone())
    }

    /// `pattern`'s `[contenthash]` filled with a placeholder hash of `contents`, which
    /// [`super::content_hash::finalize`] replaces once every file is final.
    fn hashed(&mut self, pattern: &str, contents: &str) -> String {
        let hashed = HashedName::new(pattern, contents.as_bytes());
        let name = hashed.name.clone();
        self.hashed.push(hashed);
        name
    }

    /// The registry of `chunk`'s modules (an object expression), written at the end of `out`
    /// with room for `extra` more bytes: its byte range in `out` (`None`, and nothing
    /// written, when it has no module functions), and where each module's body starts
    /// (lines from the registry's start). A hot build records each module's function.
    fn registry(
        &mut self,
        chunk: &Chunk,
        out: &mut String,
        extra: usize,
    ) -> (
        Option<std::ops::Range<usize>>,
        Vec<(ModuleIdx, u32)>,
        Functions,
    ) {
        let start = out.len();
        let r = registry(self, &chunk.modules, out, extra);
        if r.empty {
            out.truncate(start);
            return (None, r.starts, Vec::new());
        }
        let functions = match &self.hot {
            Some(_) => r
                .functions
                .into_iter()
                .map(|(m, range)| (self.ids.get(m).to_string(), range))
                .collect(),
            None => Vec::new(),
        };
        (Some(start..out.len()), r.starts, functions)
    }

    /// An async chunk's file (its registry, pushed onto the chunk-loading global or
    /// exported for `require`) and its stylesheet.
    fn async_chunk(&mut self, i: usize, chunk: &Chunk) {
        let (graph, config) = (self.graph, self.config);
        let development = config.mode == Mode::Development;
        let (prefix, suffix) = match config.target {
            Target::Web => (
                format!(
                    "(self[{g}] = self[{g}] || []).push([[{id}], ",
                    g = json(&self.chunk_global),
                    id = json(&chunk.name),
                ),
                "]);\n",
            ),
            Target::Node => (
                format!(
                    "exports.ids = [{id}];\nexports.modules = ",
                    id = json(&chunk.name)
                ),
                ";\n",
            ),
        };
        // The chunk's file: the last render's when none of its modules changed, else its
        // registry rendered now.
        let (chunk_file, kept_text) = match self.reusable(i, chunk) {
            Some(kept) => {
                self.reused += 1;
                let text = kept.text.to_string();
                let RenderedChunk {
                    name,
                    text: kept_text,
                    registry,
                    functions,
                    starts,
                } = kept;
                ((name, text, registry, functions, starts), Some(kept_text))
            }
            None => {
                let mut out = prefix;
                let base = line_count(&out);
                let (registry, registry_starts, functions) =
                    self.registry(chunk, &mut out, suffix.len());
                let Some(registry) = registry else {
                    // Only consume-shared nodes: the chunk is runtime data, not a file.
                    return;
                };
                out.push_str(suffix);
                let name = match config.mode {
                    Mode::Production => {
                        self.hashed(&format!("{}.[contenthash].js", chunk.name), &out)
                    }
                    Mode::Development => format!("{}.js", chunk.name),
                };
                let starts = registry_starts
                    .into_iter()
                    .map(|(m, l)| (m, base + l))
                    .collect();
                ((name, out, registry, functions, starts), None)
            }
        };
        let (name, out, registry, functions, starts) = chunk_file;
        if let Some(rendered) = &mut self.rendered {
            rendered[i] = Some(RenderedChunk {
                name: name.clone(),
                text: kept_text.unwrap_or_else(|| out.as_str().into()),
                registry: registry.clone(),
                functions: functions.clone(),
                starts: starts.clone(),
            });
        }
        if let Some(hot) = &mut self.hot {
            hot.file(&name, &out, (registry, functions), "");
        }
        self.file_names[i] = name.clone();
        self.starts.insert(name.clone(), starts);
        self.files.push(OutputFile {
            name,
            contents: out.into_bytes(),
        });
        // Hashed like the chunk in production; the hash is of the CSS with its URLs as
        // written, so the placeholder text never reaches a name.
        let dev_name = format!("{}.css", chunk.name);
        if let Some(css) = super::css::chunk_css(
            graph,
            &chunk.modules,
            self.css_order,
            &dev_name,
            development,
        ) {
            let name = match config.mode {
                Mode::Production => self.hashed(&format!("{}.[contenthash].css", chunk.name), &css),
                Mode::Development => dev_name,
            };
            self.css_names[i] = name.clone();
            self.files.push(OutputFile {
                name,
                contents: css.into_bytes(),
            });
        }
    }

    /// The entry's stylesheet: a file the page links, named after the entry.
    fn entry_css(&mut self, i: usize, chunk: &Chunk) {
        let (graph, config) = (self.graph, self.config);
        let development = config.mode == Mode::Development;
        let css_order = &self.css_order;
        let base = chunk
            .file_name
            .as_deref()
            .map(|f| f.trim_end_matches(".js").trim_end_matches(".mjs"))
            .unwrap_or(&chunk.name);
        let name = format!("{base}.css");
        if let Some(css) =
            super::css::chunk_css(graph, &chunk.modules, css_order, &name, development)
        {
            let name = if name.contains("[contenthash]") {
                self.hashed(&name, &css)
            } else {
                name
            };
            self.css_names[i] = name.clone();
            self.files.push(OutputFile {
                name,
                contents: css.into_bytes(),
            });
        }
    }

    /// An entry chunk's file: a standalone group, or its modules, the runtime (shared with
    /// the build's other entry files on the page) and its startup, published as a container
    /// when it is remoteEntry.js.
    fn entry_chunk(&mut self, i: usize, chunk: &Chunk, runtime: &str, runtime_key: &str) {
        let (graph, chunks, code, plan, config) =
            (self.graph, self.chunks, self.code, self.plan, self.config);
        let file_name = chunk
            .file_name
            .clone()
            .unwrap_or_else(|| format!("{}.js", chunk.name));
        let mut out = String::new();
        let _ = writeln!(
            out,
            "/* mfbundle: entry \"{}\" ({:?}, {}) */",
            chunk.name,
            config.target,
            config.mode.as_str()
        );
        if let Some(body) = standalone(graph, chunks, chunk, code, plan) {
            // One group of concatenated ES modules that uses nothing of the runtime.
            let root = chunk.entry_modules[0];
            let _ = writeln!(out, "{STANDALONE_OPENING}{}", self.ids.literal(root));
            self.starts
                .insert(file_name.clone(), vec![(root, line_count(&out))]);
            out.push_str(&body);
            out.push_str("})();\n");
            if let Some(hot) = &mut self.hot {
                hot.file(&file_name, &out, (0..0, Vec::new()), runtime_key);
            }
            self.push_entry(i, file_name, out);
            return;
        }
        let container = chunk
            .entry_modules
            .iter()
            .find(|m| matches!(graph.module(**m), Module::ContainerEntry(_)));
        let library = config.containers.library.unwrap_or(LibraryType::Var);
        let global_name = &config.containers.global_name;
        if container.is_some() && es_module_container(config) {
            // No `document.currentScript` in an ES module: publicPath "auto" reads this.
            out.push_str("var __mf_module_url__ = import.meta.url;\n");
        }
        if container.is_some() && library == LibraryType::Module && config.target == Target::Node {
            // An ES module has no `require`; chunks of a Node build load with one.
            out.push_str(
                "import { createRequire as __mf_create_require__ } from \"module\";\nvar require = __mf_create_require__(import.meta.url);\n",
            );
            // Nor `__filename`, from which the runtime finds the files it emitted (and sees
            // that it was loaded from disk, chunk_loading_node.js).
            out.push_str("var __filename = require(\"url\").fileURLToPath(import.meta.url);\n");
        }
        let frame = match container {
            Some(c) => library_frame(
                library,
                global_name,
                config.containers.umd_named_define,
                &self.ids.literal(*c),
            ),
            None => LibraryFrame::default(),
        };
        out.push_str(&frame.before);
        out.push_str("(() => {\n");
        // This file's modules; the runtime is created by the first file of this build that
        // runs on the page and reused by the others (remoteEntry.js next to main.js), so no
        // module is ever evaluated twice.
        out.push_str("var __mf_file_modules__ = ");
        let base = line_count(&out);
        let (registry, registry_starts, functions) =
            self.registry(chunk, &mut out, runtime.len() + 4096);
        let registry_range = registry.unwrap_or_else(|| {
            out.push_str("{}");
            out.len() - 2..out.len()
        });
        self.starts.insert(
            file_name.clone(),
            registry_starts
                .into_iter()
                .map(|(m, l)| (m, base + l))
                .collect(),
        );
        out.push_str(";\n");
        out.push_str(
            "var __mf_page__ = typeof globalThis !== \"undefined\" ? globalThis : typeof self !== \"undefined\" ? self : {};\n",
        );
        let _ = writeln!(
            out,
            "var __mf_require__ = __mf_page__[{}];",
            json(runtime_key)
        );
        out.push_str(
            "if (!__mf_require__) {\n__mf_require__ = (function () {\nvar __mf_modules__ = {};\n",
        );
        out.push_str(runtime);
        out.push_str("return __mf_require__;\n})();\n");
        let _ = writeln!(
            out,
            "__mf_page__[{}] = __mf_require__;\n}}",
            json(runtime_key)
        );
        out.push_str(
            "for (var __mf_id__ in __mf_file_modules__) {\n  if (!__mf_require__.o(__mf_require__.m, __mf_id__)) __mf_require__.m[__mf_id__] = __mf_file_modules__[__mf_id__];\n}\n",
        );
        let (consumes, remotes) = initial_requirements(graph, self.ids, chunk);
        // `runtimePlugins` come first in every entry: registered before its startup.
        let (plugins, entries): (Vec<ModuleIdx>, Vec<ModuleIdx>) = chunk
            .entry_modules
            .iter()
            .partition(|m| graph.runtime_plugins.contains(m));
        for m in &plugins {
            let _ = writeln!(
                out,
                "__mf_require__.plugin(__mf_require__({}));",
                self.ids.literal(*m)
            );
        }
        let starts: Vec<String> = entries
            .iter()
            .map(|m| format!("__mf_require__({})", self.ids.literal(*m)))
            .collect();
        if container.is_some() {
            let _ = writeln!(out, "{}", frame.inside);
        } else if consumes.is_empty() && remotes.is_empty() {
            for s in starts {
                let _ = writeln!(out, "{s};");
            }
        } else {
            // The entry's shared modules and remote modules are resolved before any of its
            // modules runs: no bootstrap file is needed.
            let list = |ids: &[String]| ids.join(", ");
            let mut waits = Vec::new();
            if !consumes.is_empty() {
                waits.push(format!(
                    "__mf_require__.consumeAtStartup([{}])",
                    list(&consumes)
                ));
            }
            if !remotes.is_empty() {
                waits.push(format!("__mf_require__.remotes([{}])", list(&remotes)));
            }
            let _ = writeln!(
                out,
                "Promise.all([{}]).then(function () {{\n  {};\n}});",
                waits.join(", "),
                starts.join(";\n  ")
            );
        }
        out.push_str("})()");
        out.push_str(&frame.after);
        out.push_str(";\n");
        if container.is_some() && library == LibraryType::Module {
            out.push_str("var get = __mf_container__.get;\nvar init = __mf_container__.init;\nexport { get, init };\n");
        }
        if let Some(hot) = &mut self.hot {
            hot.file(&file_name, &out, (registry_range, functions), runtime_key);
        }
        self.push_entry(i, file_name, out);
    }

    /// Adds an entry file, named by its pattern (`entryFileNames`, with `[contenthash]`
    /// filled in from `out`).
    fn push_entry(&mut self, i: usize, pattern: String, out: String) {
        let name = if pattern.contains("[contenthash]") {
            let name = self.hashed(&pattern, &out);
            if let Some(starts) = self.starts.remove(&pattern) {
                self.starts.insert(name.clone(), starts);
            }
            name
        } else {
            pattern
        };
        self.file_names[i] = name.clone();
        self.files.push(OutputFile {
            name,
            contents: out.into_bytes(),
        });
    }

    /// `index.html`, loading every entry but the container and workers, and the entries'
    /// stylesheets.
    fn page(&mut self, html: &crate::config::Html) {
        let entries = || {
            self.chunks.chunks.iter().enumerate().filter(|(_, c)| {
                c.kind == ChunkKind::Entry
                    && !c.worker
                    && !c
                        .entry_modules
                        .iter()
                        .any(|m| matches!(self.graph.module(*m), Module::ContainerEntry(_)))
            })
        };
        let scripts: Vec<&str> = entries()
            .map(|(i, _)| self.file_names[i].as_str())
            .collect();
        let stylesheets: Vec<&str> = entries()
            .map(|(i, _)| self.css_names[i].as_str())
            .filter(|n| !n.is_empty())
            .collect();
        let page = super::html::page(html, self.config, &scripts, &stylesheets);
        self.files.push(OutputFile {
            name: super::html::PAGE.into(),
            contents: page.into_bytes(),
        });
    }
}

/// A browser build whose remote entry is an ES module: chunks load with `import()` and
/// publicPath "auto" comes from the entry's `import.meta.url`.
fn es_module_container(config: &BuildConfig) -> bool {
    config.target == Target::Web && config.containers.library == Some(LibraryType::Module)
}

/// The runtime helpers the module code may call that only some builds include.
const HELPERS: [&str; 5] = [
    "__mf_require__.e(",
    "__mf_require__.n(",
    "__mf_require__.t(",
    "__mf_require__.es(",
    "__mf_require__.ns",
];

/// Which of [`HELPERS`] some module's code names: one pass over each body, looking at what
/// follows each `__mf_require__.` (rather than a pass per helper over megabytes of code).
fn helpers_called(code: &ModuleCode) -> [bool; HELPERS.len()] {
    use rayon::prelude::*;
    const PREFIX: &str = "__mf_require__.";
    let finder = memchr::memmem::Finder::new(PREFIX);
    code.as_raw_slice()
        .par_iter()
        .flatten()
        .map(|c| {
            let mut found = [false; HELPERS.len()];
            let body = c.body.as_bytes();
            for at in finder.find_iter(body) {
                let rest = &body[at..];
                for (f, h) in found.iter_mut().zip(HELPERS) {
                    *f |= rest.starts_with(h.as_bytes());
                }
            }
            found
        })
        .reduce(
            || [false; HELPERS.len()],
            |a, b| std::array::from_fn(|i| a[i] | b[i]),
        )
}

/// The runtime every entry file of this build carries (identical in all of them): module
/// system, chunk loading with the whole build's chunk files, federation.
/// The async chunks' file and stylesheet names come from `r`, which rendered them.
fn build_runtime(r: &ChunkRenderer) -> String {
    let (graph, code, chunks, ids, config) = (r.graph, r.code, r.chunks, r.ids, r.config);
    let (file_names, css_names, chunk_global) = (&r.file_names, &r.css_names, &r.chunk_global);
    let mut out = String::new();
    let federation = render_federation_runtime(graph, chunks, ids, config);
    let async_chunks: Vec<usize> = (0..chunks.chunks.len())
        .filter(|&c| chunks.chunks[c].kind == ChunkKind::Async)
        .collect();
    // The helpers only some builds call are left out of the others, as webpack includes
    // only the runtime globals its modules require. A hot build keeps them all: an update
    // may bring code that calls one.
    let found = helpers_called(code);
    let named = |helper: &str| HELPERS.iter().zip(found).any(|(h, f)| f && *h == helper);
    let called = |helper: &str| config.hot || named(helper);
    if config.hot {
        out.push_str(&super::hot::require_runtime(RUNTIME_REQUIRE));
    } else {
        out.push_str(RUNTIME_REQUIRE);
    }
    if !async_chunks.is_empty()
        || graph.container.is_some()
        || federation.contains("__mf_require__.f")
        || called("__mf_require__.e(")
    {
        out.push_str(RUNTIME_ENSURE_CHUNK);
    }
    out.push_str(RUNTIME_ESM);
    for (helper, text) in [
        ("__mf_require__.n(", RUNTIME_INTEROP_DEFAULT),
        ("__mf_require__.t(", RUNTIME_INTEROP_NAMESPACE),
        ("__mf_require__.es(", RUNTIME_INTEROP_STAR),
    ] {
        if called(helper) {
            out.push_str(text);
        }
    }
    let features = RuntimeFeatures::of(graph);
    if features.async_modules {
        out.push_str(RUNTIME_ASYNC_MODULE);
    }
    if features.contexts {
        out.push_str(RUNTIME_CONTEXT);
    }
    if features.import_attributes {
        out.push_str(RUNTIME_IMPORT_ATTRIBUTES);
    }
    // Namespace objects as values (`__mf_require__.ns`, written by the module transform and
    // scope hoisting): only where some module's code asks for one.
    if named("__mf_require__.ns") {
        out.push_str(RUNTIME_NAMESPACE_OBJECT);
    }
    let needs_script_loader = config.target == Target::Web
        && config.containers.remotes.iter().any(|r| {
            r.externals.iter().any(|e| {
                matches!(
                    e,
                    crate::config::RemoteExternal::Script { .. }
                        | crate::config::RemoteExternal::Manifest { .. }
                )
            })
        });
    let css_files: Vec<(String, String)> = async_chunks
        .iter()
        .filter(|&&c| !css_names[c].is_empty())
        .map(|&c| (chunks.chunks[c].name.clone(), css_names[c].clone()))
        .collect();
    let has_public_path = !async_chunks.is_empty() || needs_script_loader;
    // A container may be fetched over HTTP (an SSR remote entry): so may its chunks.
    let container = !config.containers.exposes.is_empty();
    if config.target == Target::Node
        && ((has_public_path && container) || !config.containers.remotes.is_empty())
    {
        // Chunks of a container fetched over HTTP, remotes' SSR entries.
        out.push_str(RUNTIME_COMMONJS_HTTP_NODE);
    }
    if (has_public_path && (config.target == Target::Web || container))
        || !config.containers.remotes.is_empty()
    {
        // Read by the chunk, stylesheet and remote container loaders.
        let _ = writeln!(
            out,
            "var __mf_load_timeout__ = {};",
            config.chunk_load_timeout
        );
    }
    if has_public_path {
        out.push_str("var __mf_chunk_files__ = {\n");
        for c in &async_chunks {
            if !file_names[*c].is_empty() {
                let _ = writeln!(
                    out,
                    "  {}: {},",
                    json(&chunks.chunks[*c].name),
                    json(&file_names[*c])
                );
            }
        }
        out.push_str("};\nvar __mf_this_chunk__ = null;\n");
        match config.target {
            Target::Web => {
                if config.public_path == "auto" {
                    out.push_str(RUNTIME_PUBLIC_PATH_AUTO);
                } else {
                    let _ = writeln!(out, "__mf_require__.p = {};", json(&config.public_path));
                }
                let _ = writeln!(out, "var __mf_chunk_global__ = {};", json(chunk_global));
                let _ = writeln!(
                    out,
                    "var __mf_chunk_import__ = {};",
                    es_module_container(config)
                );
                out.push_str(RUNTIME_CHUNKS_WEB);
            }
            Target::Node => {
                out.push_str(RUNTIME_CHUNKS_NODE);
                if container {
                    let own = &config.containers.global_name;
                    let _ = writeln!(
                        out,
                        "var __mf_self_name__ = {};\nvar __mf_public_path__ = {};",
                        json(own),
                        json(&config.public_path)
                    );
                    out.push_str(RUNTIME_CHUNKS_HTTP_NODE);
                }
            }
        }
        if config.target == Target::Web {
            out.push_str(&super::css::css_loading_runtime(&css_files));
        }
    }
    // Asset modules export publicPath + their file name (in Node, "auto" is the empty
    // prefix); a module's `import.meta.url` in the browser is under publicPath too.
    let import_meta = features.import_meta;
    let web_meta = import_meta && config.target == Target::Web;
    // The hot client finds its server from publicPath.
    if (super::css::has_assets(graph) || web_meta || config.hot)
        && !(has_public_path && config.target == Target::Web)
    {
        match config.target {
            Target::Web if config.public_path == "auto" => out.push_str(RUNTIME_PUBLIC_PATH_AUTO),
            _ => {
                let prefix = if config.public_path == "auto" {
                    ""
                } else {
                    &config.public_path
                };
                let _ = writeln!(out, "__mf_require__.p = {};", json(prefix));
            }
        }
    }
    if import_meta {
        match config.target {
            Target::Web => out.push_str(RUNTIME_IMPORT_META_WEB),
            Target::Node => {
                let root = crate::config::display_path(&config.out_dir, &config.root);
                let root = if root == "." {
                    String::new()
                } else {
                    root + "/"
                };
                let _ = writeln!(out, "var __mf_source_root__ = {};", json(&root));
                out.push_str(RUNTIME_IMPORT_META_NODE);
            }
        }
    }
    out.push_str(&federation);
    out
}

/// The optional parts of the runtime the build's modules need, found in one pass.
#[derive(Default)]
struct RuntimeFeatures {
    /// A module awaits at top level (`__mf_require__.a`).
    async_modules: bool,
    /// A module makes a context request (`__mf_require__.x`).
    contexts: bool,
    /// An `import(x, options)` has options the build could not read
    /// (`__mf_require__.ia`).
    import_attributes: bool,
    /// A module reads `import.meta` or names an asset with `new URL(..., import.meta.url)`
    /// (`__mf_require__.im`, `__mf_require__.b`).
    import_meta: bool,
}

impl RuntimeFeatures {
    fn of(graph: &ModuleGraph) -> RuntimeFeatures {
        let mut f = RuntimeFeatures::default();
        for n in graph.modules.iter().filter_map(|m| m.as_normal()) {
            f.async_modules |= n.top_level_await.is_some();
            f.contexts |= !n.contexts.is_empty();
            f.import_attributes |= n.attributes_at_run_time;
            f.import_meta |= n.import_meta
                || n.records.iter().any(|r| {
                    matches!(
                        r.kind,
                        crate::graph::ImportKind::Url | crate::graph::ImportKind::Worker
                    )
                });
        }
        f
    }
}

/// Identifies this build's output, so that its entry files share one runtime on a page and
/// never share it with another build's (a placeholder: the key is a hash of the final
/// entry files).
fn build_hash(graph: &ModuleGraph, code: &ModuleCode) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for (m, c) in graph.modules.iter().zip(code) {
        h.update(m.id().as_bytes());
        if let Some(c) = c {
            h.update(c.body.as_bytes());
        }
    }
    h.digest()
}

/// A chunk's registry, written at the end of `out` (with room for `extra` more bytes): an
/// object of its modules' functions (`{\n<id>(...) {...},\n...}`); where each module's body
/// starts in it, and each module's function (its byte range).
///
/// Outside hot builds, the functions of strict-mode modules (ES modules, and CommonJS ones
/// that say "use strict") are written in one function that says it once for all of them:
/// `Object.assign({<others>}, function () { "use strict"; return {<strict ones>}; }())`.
/// Each module's own directive becomes an empty line (its lines stay where they are); 13
/// bytes a module, and over a kilobyte of gzip on synthetic-5000, whose every ES module
/// repeated it (webpack's output does).
fn registry(
    renderer: &ChunkRenderer,
    modules: &[ModuleIdx],
    out: &mut String,
    extra: usize,
) -> Registry {
    let ChunkRenderer {
        graph,
        chunks,
        ids,
        code,
        plan,
        config,
        ..
    } = *renderer;
    const STRICT: &str = "\"use strict\";\n";
    // Each module with a function: its parameters, its body, whether it is a normal
    // module (whose body start is recorded) and whether it goes in the strict part.
    let mut functions = Vec::with_capacity(modules.len());
    let mut room = extra + 128;
    for &m in modules {
        let module = graph.module(m);
        // Concatenated into its group's root: no function of its own.
        if !module.has_registry_code() || plan.root_of.contains_key(&m) {
            continue;
        }
        let (params, body, normal) = match (module, &code[m]) {
            (Module::Normal(_), Some(c)) => (c.params, Cow::Borrowed(&*c.body), true),
            (Module::External(e), _) => (
                CJS_PARAMS,
                Cow::Owned(format!("module.exports = require({});\n", json(&e.request))),
                false,
            ),
            (Module::Missing(m), _) => (
                CJS_PARAMS,
                Cow::Owned(missing_module_code(m, config)),
                false,
            ),
            (Module::ContainerEntry(c), _) => (
                CJS_PARAMS,
                Cow::Owned(container_entry_code(ids, chunks, c)),
                false,
            ),
            (Module::RemoteContainer(c), _) => (
                CJS_PARAMS,
                Cow::Owned(remote_container_code(&config.containers.remotes[c.remote])),
                false,
            ),
            _ => ("", Cow::Borrowed(""), false),
        };
        let strict = !config.hot && body.starts_with(STRICT);
        room += body.len() + 64;
        functions.push((m, params, body, normal, strict));
    }
    let sloppy = functions.iter().any(|f| !f.4);
    let strict = functions.iter().any(|f| f.4);
    let (opening, middle, closing) = match (sloppy, strict) {
        (_, false) => ("{\n", "", "}"),
        (false, true) => (
            "(function () {\n\"use strict\";\nreturn {\n",
            "",
            "};\n})()",
        ),
        (true, true) => (
            "Object.assign({\n",
            "}, function () {\n\"use strict\";\nreturn {\n",
            "};\n}())",
        ),
    };
    // Room for every function up front: growing a registry of megabytes by doubling copies
    // it and touches fresh pages each time. It is written straight into the file's text.
    out.reserve(room);
    let start = out.len();
    let mut r = Registry {
        empty: functions.is_empty(),
        starts: Vec::with_capacity(functions.len()),
        functions: Vec::with_capacity(functions.len()),
    };
    out.push_str(opening);
    // Lines up to byte `.1` of `out` (counted as it grows).
    let mut counted = (0u32, start);
    for part_strict in [false, true] {
        if part_strict && strict {
            out.push_str(middle);
        }
        for (m, params, body, normal, _) in functions.iter().filter(|f| f.4 == part_strict) {
            let id = ids.literal(*m);
            if *normal {
                let (lines, bytes) = &mut counted;
                *lines += line_count(&out[*bytes..]);
                *bytes = out.len();
                // The body starts on the line after the function's opening.
                r.starts.push((*m, *lines + 1));
            }
            // A strict module's own directive becomes an empty line.
            let (before, body) = match part_strict {
                true => ("\n", &body[STRICT.len()..]),
                false => ("", &body[..]),
            };
            // Hot builds write `<id>: (<function>),\n`, whose function a hot update carries
            // as it is; the others a method (`<id>(...) {...},\n`, as webpack writes them
            // for environments with method shorthand), 12 bytes shorter per module.
            let function_start = out.len() - start + id.len() + 2;
            if config.hot {
                let _ = write!(out, "{id}: (function ({params}) {{\n{before}{body}}}),\n");
            } else {
                let _ = write!(out, "{id}({params}) {{\n{before}{body}}},\n");
            }
            r.functions
                .push((*m, function_start..out.len() - start - 2));
        }
    }
    out.push_str(closing);
    r
}

#[derive(Default)]
struct Registry {
    /// The chunk has no module functions.
    empty: bool,
    /// Where each module's body starts, in lines from the registry's start.
    starts: Vec<(ModuleIdx, u32)>,
    /// Each module's function: its byte range from the registry's start.
    functions: Vec<(ModuleIdx, std::ops::Range<usize>)>,
}

/// The body of a [`Module::Missing`]: a Node build asks Node's `require` for a package at run
/// time (installed later, it is found, as with esbuild's output); otherwise loading it throws
/// the error Node throws for a module it cannot find, so the code's own fallback runs.
fn missing_module_code(m: &crate::graph::MissingModule, config: &BuildConfig) -> String {
    let bare = crate::graph::resolve::is_package_request(&m.request);
    if config.target == Target::Node && bare {
        let require = format!("module.exports = require({});", json(&m.request));
        if !m.dynamic {
            return format!("{require}\n");
        }
        // `import()` of a package Node cannot find rejects with ERR_MODULE_NOT_FOUND.
        return format!(
            "try {{ {require} }} catch (e) {{ if (e && e.code === \"MODULE_NOT_FOUND\") e.code = \"ERR_MODULE_NOT_FOUND\"; throw e; }}\n"
        );
    }
    let (message, code) = if m.dynamic {
        let what = if bare { "package" } else { "module" };
        (
            format!("Cannot find {what} '{}'", m.request),
            "ERR_MODULE_NOT_FOUND",
        )
    } else {
        (
            format!("Cannot find module '{}'", m.request),
            "MODULE_NOT_FOUND",
        )
    };
    format!(
        "var e = new Error({}); e.code = {}; throw e;\n",
        json(&message),
        json(code)
    )
}

/// The body of an entry chunk that needs no runtime: the build has no other chunk, no
/// federation and no assets, the chunk is one concatenated group rooted at its only entry,
/// and that group's code calls nothing of `__mf_require__`. Its exports line (the second
/// line: nothing reads the entry's exports) is left out, its line kept for source maps.
fn standalone(
    graph: &ModuleGraph,
    chunks: &ChunkGraph,
    chunk: &crate::analysis::chunks::Chunk,
    code: &ModuleCode,
    plan: &Plan,
) -> Option<String> {
    let [root] = chunk.entry_modules.as_slice() else {
        return None;
    };
    if chunks.chunks.len() != 1
        || graph.container.is_some()
        || super::css::has_assets(graph)
        || !plan.groups.contains_key(root)
    {
        return None;
    }
    let alone = chunk
        .modules
        .iter()
        .all(|m| m == root || plan.root_of.get(m) == Some(root));
    let body = &code[*root].as_ref()?.body;
    let (strict, rest) = body.split_once('\n')?;
    let (_exports, rest) = rest.split_once('\n')?;
    if !alone || rest.contains("__mf_require__") {
        return None;
    }
    Some(format!("{strict}\n\n{rest}"))
}

/// How remoteEntry.js publishes its container, as webpack's library plugins write it: text
/// before the file's IIFE, the statement that ends it (`container` is the container), and text
/// after it.
#[derive(Default)]
struct LibraryFrame {
    before: String,
    inside: String,
    after: String,
}

fn library_frame(
    library: LibraryType,
    name: &str,
    umd_named_define: bool,
    container_id: &str,
) -> LibraryFrame {
    let container = format!("__mf_require__({container_id})");
    let quoted = json(name);
    let returned = format!("return {container};");
    let amd_name = if umd_named_define {
        format!("{quoted}, ")
    } else {
        String::new()
    };
    let frame = |before: String, inside: String, after: &str| LibraryFrame {
        before,
        inside,
        after: after.to_string(),
    };
    match library {
        LibraryType::Var => frame(format!("var {name};\n{name} = "), returned, ""),
        LibraryType::Assign => frame(format!("{name} = "), returned, ""),
        LibraryType::Module => frame("var __mf_container__ = ".into(), returned, ""),
        LibraryType::CommonJsModule => {
            frame(String::new(), format!("module.exports = {container};"), "")
        }
        LibraryType::CommonJs => frame(
            String::new(),
            format!("exports[{quoted}] = {container};"),
            "",
        ),
        LibraryType::Global => frame(
            String::new(),
            format!("__mf_page__[{quoted}] = {container};"),
            "",
        ),
        LibraryType::Window => frame(
            String::new(),
            format!("window[{quoted}] = {container};"),
            "",
        ),
        LibraryType::SelfGlobal => {
            frame(String::new(), format!("self[{quoted}] = {container};"), "")
        }
        // The IIFE is an arrow function: `this` inside is the file's top-level `this`.
        LibraryType::This => frame(String::new(), format!("this[{quoted}] = {container};"), ""),
        LibraryType::Umd => frame(
            format!(
                "(function (root, factory) {{\n  if (typeof exports === \"object\" && typeof module === \"object\") module.exports = factory();\n  else if (typeof define === \"function\" && define.amd) define({amd_name}[], factory);\n  else if (typeof exports === \"object\") exports[{quoted}] = factory();\n  else root[{quoted}] = factory();\n}})(typeof self !== \"undefined\" ? self : this, function () {{\nreturn "
            ),
            returned,
            ";\n})",
        ),
        LibraryType::Amd => frame(
            format!("define({quoted}, [], function () {{\nreturn "),
            returned,
            ";\n})",
        ),
        LibraryType::AmdRequire => frame(
            "require([], function () {\n".into(),
            format!("{container};"),
            ";\n})",
        ),
        LibraryType::Jsonp => frame(format!("{name}("), returned, ")"),
        LibraryType::System => frame(
            format!(
                "System.register({quoted}, [], function (__mf_system_export__) {{\n  return {{ execute: function () {{\n__mf_system_export__("
            ),
            returned,
            ");\n  } };\n})",
        ),
    }
}
