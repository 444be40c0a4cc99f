//! Chunk files: the module registry of each chunk, plus, in entry chunks, the runtime
//! (`runtime/*.js`, included at build time) and the startup call.

use std::fmt::Write;

use super::chunks::{ChunkGraph, ChunkKind};
use super::render_federation::render_federation_runtime;
use super::transform_module::{CJS_PARAMS, json};
use crate::config::{BuildConfig, Mode, Target};
use crate::graph::{Module, ModuleGraph, ModuleIdx};

const RUNTIME_REQUIRE: &str = include_str!("runtime/require.js");
const RUNTIME_ESM: &str = include_str!("runtime/esm_interop.js");
const RUNTIME_PUBLIC_PATH_AUTO: &str = include_str!("runtime/public_path_auto.js");
const RUNTIME_CHUNKS_WEB: &str = include_str!("runtime/chunk_loading_web.js");
const RUNTIME_CHUNKS_NODE: &str = include_str!("runtime/chunk_loading_node.js");

/// Every runtime file by name, for tools that want to recognise the runtime in output
/// (the snapshot tests replace it by its name).
pub const RUNTIME_FILES: [(&str, &str); 5] = [
    ("require.js", RUNTIME_REQUIRE),
    ("esm_interop.js", RUNTIME_ESM),
    ("public_path_auto.js", RUNTIME_PUBLIC_PATH_AUTO),
    ("chunk_loading_web.js", RUNTIME_CHUNKS_WEB),
    ("chunk_loading_node.js", RUNTIME_CHUNKS_NODE),
];

pub struct OutputFile {
    /// File name relative to outDir, `/`-separated.
    pub name: String,
    pub contents: Vec<u8>,
}

/// The rendered wrapper parameters and body of every module (index-aligned).
pub type ModuleCode = Vec<Option<(&'static str, String)>>;

pub fn render_chunks(
    graph: &ModuleGraph,
    chunks: &ChunkGraph,
    code: &ModuleCode,
    config: &BuildConfig,
) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let mut file_names: Vec<String> = vec![String::new(); chunks.chunks.len()];
    let chunk_global = format!(
        "mfbundleChunk_{}",
        config
            .unique_name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect::<String>()
    );
    // Async chunks first: entry chunks embed their file names.
    for (i, chunk) in chunks.chunks.iter().enumerate() {
        if chunk.kind != ChunkKind::Async {
            continue;
        }
        let mut out = String::new();
        let registry = registry(graph, &chunk.modules, code);
        if registry.is_empty() {
            // Only consume-shared nodes: the chunk is runtime data, not a file.
            continue;
        }
        match config.target {
            Target::Web => {
                let _ = write!(
                    out,
                    "(self[{g}] = self[{g}] || []).push([[{id}], {{\n{registry}}}]);\n",
                    g = json(&chunk_global),
                    id = json(&chunk.name),
                );
            }
            Target::Node => {
                let _ = write!(
                    out,
                    "exports.ids = [{id}];\nexports.modules = {{\n{registry}}};\n",
                    id = json(&chunk.name),
                );
            }
        }
        let name = match config.mode {
            Mode::Production => format!("{}.{}.js", chunk.name, content_hash(out.as_bytes())),
            Mode::Development => format!("{}.js", chunk.name),
        };
        file_names[i] = name.clone();
        files.push(OutputFile {
            name,
            contents: out.into_bytes(),
        });
    }
    for (i, chunk) in chunks.chunks.iter().enumerate() {
        if chunk.kind != ChunkKind::Entry {
            continue;
        }
        let mut out = String::new();
        let _ = writeln!(
            out,
            "/* mfbundle: entry \"{}\" ({:?}, {}) */",
            chunk.name,
            config.target,
            config.mode.as_str()
        );
        out.push_str("(() => {\nvar __mf_modules__ = {\n");
        out.push_str(&registry(graph, &chunk.modules, code));
        out.push_str("};\n");
        out.push_str(RUNTIME_REQUIRE);
        out.push_str(RUNTIME_ESM);
        let async_chunks = chunks.reachable_async.get(&i).cloned().unwrap_or_default();
        if !async_chunks.is_empty() {
            out.push_str("var __mf_chunk_files__ = {\n");
            for c in &async_chunks {
                let _ = writeln!(
                    out,
                    "  {}: {},",
                    json(&chunks.chunks[*c].name),
                    json(&file_names[*c])
                );
            }
            out.push_str("};\n");
            let _ = writeln!(out, "var __mf_this_chunk__ = {};", json(&chunk.name));
            match config.target {
                Target::Web => {
                    if config.public_path == "auto" {
                        out.push_str(RUNTIME_PUBLIC_PATH_AUTO);
                    } else {
                        let _ = writeln!(out, "__mf_require__.p = {};", json(&config.public_path));
                    }
                    let _ = writeln!(out, "var __mf_chunk_global__ = {};", json(&chunk_global));
                    out.push_str(RUNTIME_CHUNKS_WEB);
                }
                Target::Node => out.push_str(RUNTIME_CHUNKS_NODE),
            }
        }
        let (federation, initial_consumes) = render_federation_runtime(graph, chunks, i, config);
        out.push_str(&federation);
        let starts: Vec<String> = chunk
            .entry_modules
            .iter()
            .map(|m| format!("__mf_require__({});", json(graph.module(*m).id())))
            .collect();
        if initial_consumes.is_empty() {
            for s in starts {
                let _ = writeln!(out, "{s}");
            }
        } else {
            let ids: Vec<String> = initial_consumes.iter().map(|c| json(c)).collect();
            let _ = writeln!(
                out,
                "__mf_require__.consume([{}]).then(function () {{\n  {}\n}});",
                ids.join(", "),
                starts.join("\n  ")
            );
        }
        out.push_str("})();\n");
        files.push(OutputFile {
            name: format!("{}.js", chunk.name),
            contents: out.into_bytes(),
        });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files
}

fn registry(graph: &ModuleGraph, modules: &[ModuleIdx], code: &ModuleCode) -> String {
    let mut out = String::new();
    for &m in modules {
        let module = graph.module(m);
        if !module.has_registry_code() {
            continue;
        }
        let id = module.id();
        let _ = writeln!(out, "/* {} */", id.replace("*/", "*\\/"));
        match (module, &code[m.index()]) {
            (Module::Normal(_), Some((params, body))) => {
                let _ = write!(out, "{}: (function ({params}) {{\n{body}}}),\n", json(id));
            }
            (Module::External(e), _) => {
                let _ = writeln!(
                    out,
                    "{}: (function ({CJS_PARAMS}) {{\nmodule.exports = require({});\n}}),",
                    json(id),
                    json(&e.request)
                );
            }
            _ => {
                let _ = writeln!(out, "{}: (function () {{}}),", json(id));
            }
        }
    }
    out
}

/// First 8 hex digits of the xxh3 hash of a chunk's contents.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))[..8].to_string()
}
