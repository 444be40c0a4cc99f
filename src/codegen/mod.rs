//! Stage 4, codegen: chunks, module code, runtime, files.
//!
//! - `chunks.rs`: which module goes in which chunk
//! - `transform_module.rs`: one module's registry function (ESM -> runtime calls)
//! - `concatenate/`: scope hoisting, one registry function for a group of ES modules
//! - `render_chunk.rs`: chunk files with the runtime (`runtime/*.js`)

pub mod chunks;
pub mod concatenate;
pub mod css;
pub mod manifest;
pub mod render_chunk;
pub mod render_federation;
pub mod shake;
pub mod source_map;
pub mod transform_module;

/// A file of the build's output.
pub struct OutputFile {
    /// File name relative to outDir, `/`-separated.
    pub name: String,
    pub contents: Vec<u8>,
}

/// The rendered wrapper parameters and body of every module (index-aligned).
pub type ModuleCode = Vec<Option<transform_module::ModuleOutput>>;

use rayon::prelude::*;

use crate::analysis::LinkOutput;
use crate::config::{BuildConfig, Target};
use crate::graph::{Module, ModuleFormat, ModuleGraph, ModuleIdx};
use transform_module::{ModuleMeta, TransformContext, transform_module};

pub fn generate(linked: &mut LinkOutput, config: &BuildConfig) -> Vec<OutputFile> {
    let graph = &mut linked.graph;
    let analysis = &linked.analysis;
    let chunk_graph = chunks::build_chunks(graph, config);
    let used = linked.used_exports.as_ref();
    let side_effect_free = |m: &Module| {
        m.as_normal()
            .is_some_and(|n| graph.packages.side_effect_free(&n.path))
    };
    let pure: Vec<bool> = graph
        .modules
        .iter()
        .map(|m| match m {
            Module::ConsumeShared(c) => c
                .fallback
                .is_some_and(|f| side_effect_free(graph.module(f))),
            m => side_effect_free(m),
        })
        .collect();
    let metas: Vec<ModuleMeta> = graph
        .modules
        .iter()
        .zip(pure)
        .map(|(m, pure)| ModuleMeta {
            id: m.id().to_string(),
            // A consume is read as its fallback is (webpack's ConsumeSharedModule takes the
            // fallback's exports type): an ES module's default is `.default`, a CommonJS
            // one's from a Node-strict importer is `module.exports`. Without a fallback,
            // `__esModule` decides at run time.
            format: match m {
                Module::ConsumeShared(c) => c
                    .fallback
                    .map(|f| graph.module(f).format())
                    .unwrap_or(ModuleFormat::Dynamic),
                m => m.format(),
            },
            pure,
        })
        .collect();
    let cx = TransformContext {
        metas: &metas,
        exports: &analysis.exports,
        dynamic_chunks: &chunk_graph.dynamic_chunks,
        used_exports: used.map(Vec::as_slice),
        source_maps: config.sourcemap,
    };
    // CSS and asset modules' JavaScript comes from their payload.
    let resource_code: Vec<Option<(&'static str, String)>> = (0..graph.modules.len())
        .map(|i| css::module_code(graph, ModuleIdx(i as u32)))
        .collect();
    let plan = if config.concatenate_modules {
        concatenate::plan(graph, &chunk_graph, &analysis.exports)
    } else {
        concatenate::Plan::default()
    };
    enum Step {
        Done(Option<transform_module::ModuleOutput>),
        Hoisted(concatenate::Prepared),
    }
    let steps: Vec<Step> = graph
        .modules
        .par_iter_mut()
        .zip(resource_code)
        .enumerate()
        .map(|(i, (m, resource))| match m {
            Module::Normal(_) if resource.is_some() => Step::Done(resource.map(
                |(params, body)| transform_module::ModuleOutput {
                    params,
                    body,
                    map: None,
                },
            )),
            Module::Normal(n) if plan.is_member(ModuleIdx(i as u32)) => {
                Step::Hoisted(concatenate::prepare(n, ModuleIdx(i as u32), &cx))
            }
            Module::Normal(n) => Step::Done(Some(transform_module(n, ModuleIdx(i as u32), &cx))),
            _ => Step::Done(None),
        })
        .collect();
    let mut prepared: Vec<Option<concatenate::Prepared>> = Vec::with_capacity(steps.len());
    let mut code: ModuleCode = Vec::with_capacity(steps.len());
    for step in steps {
        match step {
            Step::Done(c) => {
                code.push(c);
                prepared.push(None);
            }
            Step::Hoisted(p) => {
                code.push(None);
                prepared.push(Some(p));
            }
        }
    }
    let groups: Vec<(Vec<ModuleIdx>, Vec<concatenate::Prepared>)> = plan
        .groups
        .iter()
        .map(|(root, inner)| {
            let members: Vec<ModuleIdx> = std::iter::once(*root)
                .chain(inner.iter().copied())
                .collect();
            let bodies = members
                .iter()
                .filter_map(|m| prepared[m.index()].take())
                .collect();
            (members, bodies)
        })
        .collect();
    let graph_ref: &ModuleGraph = graph;
    let rendered: Vec<(ModuleIdx, transform_module::ModuleOutput)> = groups
        .into_par_iter()
        .map(|(members, bodies)| {
            let root = members[0];
            (
                root,
                concatenate::render_group(graph_ref, &cx, members, bodies),
            )
        })
        .collect();
    for (root, output) in rendered {
        code[root.index()] = Some(output);
    }
    let (mut files, starts) =
        render_chunk::render_chunks(graph, &chunk_graph, &code, &plan, config);
    if config.sourcemap {
        source_map::add_source_maps(&mut files, &starts, graph, &code, config);
    }
    if config.target == Target::Node && graph.packages.nearest_type_is_module(&config.out_dir) {
        // The chunks are CommonJS scripts; a "type": "module" package above outDir would make
        // Node read them as ES modules.
        files.push(OutputFile {
            name: "package.json".into(),
            contents: b"{\n  \"type\": \"commonjs\"\n}\n".to_vec(),
        });
        files.sort_by(|a, b| a.name.cmp(&b.name));
    }
    files
}
