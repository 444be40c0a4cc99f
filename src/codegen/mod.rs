//! Stage 4, codegen: chunks, module code, runtime, files.
//!
//! - `transform_module.rs`: one module's registry function (ESM -> runtime calls)
//! - `concatenate/`: scope hoisting, one registry function for a group of ES modules
//! - `render_chunk.rs`: chunk files with the runtime (`runtime/*.js`)

pub mod cache;
pub mod concatenate;
pub mod content_hash;
pub mod css;
pub mod hot;
pub mod html;
mod inline_constants;
pub mod manifest;
pub mod minify;
pub mod render_chunk;
pub mod render_federation;
pub mod shake;
pub mod source_map;
pub mod transform_module;
pub mod types;
mod types_tsc;

/// A file of the build's output.
pub struct OutputFile {
    /// File name relative to outDir, `/`-separated.
    pub name: String,
    pub contents: Vec<u8>,
}

/// The rendered wrapper parameters and body of every module (index-aligned).
pub type ModuleCode = crate::graph::ModuleVec<Option<transform_module::ModuleOutput>>;

use crate::analysis::UsedExports;
use rayon::prelude::*;

use crate::analysis::{AnalysisOutput, Layout, LinkOutput};
use crate::config::{BuildConfig, Target};
use crate::graph::{Module, ModuleFormat, ModuleGraph, ModuleIdx};
use transform_module::{ModuleMeta, TransformContext, transform_module};

/// What generate makes: the output files and, in hot builds, what the dev server needs to
/// send pages their updates.
#[derive(Default)]
pub struct Generated {
    pub files: Vec<OutputFile>,
    pub hot: Option<hot::HotModules>,
    /// Async chunk files an incremental rebuild wrote as the last render made them (none of
    /// their modules changed).
    pub reused_chunks: usize,
}

/// [`LinkOutput`] -> output files. Generation consumes the link output: each module's AST
/// becomes its code; the rest it only reads, and frees on another thread when done.
/// `cache` (watch mode, `mfbundle dev`) keeps module code between builds.
pub fn generate(
    linked: LinkOutput,
    config: &BuildConfig,
    cache: Option<&cache::CodeCache>,
) -> Result<Generated, Box<crate::diagnostics::Diagnostic>> {
    let (generated, kept) = generate_inner(linked, config, cache, false);
    // Freeing every AST and module takes about 100 ms for 20,000 modules: off the critical
    // path (a one-shot build's process exits before it ends).
    std::thread::spawn(move || drop(kept));
    generated
}

/// What generate read and made, kept by `mfbundle dev` for its incremental rebuilds
/// (`crate::incremental`): the link output and every module's code.
pub struct Kept {
    pub graph: ModuleGraph,
    pub analysis: AnalysisOutput,
    pub used_exports: Option<UsedExports>,
    pub layout: Layout,
    pub side_effect_free: crate::graph::ModuleVec<bool>,
    pub code: ModuleCode,
    /// Per module, whether its code reads a `.name` (minified builds: [`name_readers`]).
    readers: Option<Vec<bool>>,
    /// What transforming a module reads of the others ([`module_metas`]).
    metas: crate::graph::ModuleVec<ModuleMeta>,
    facts: render_chunk::Facts,
    /// The last render's async chunk files, for the next incremental rebuild's render.
    rendered: Vec<Option<render_chunk::RenderedChunk>>,
}

/// [`generate`], handing back what it read and made instead of freeing it.
pub fn generate_keeping(
    linked: LinkOutput,
    config: &BuildConfig,
    cache: Option<&cache::CodeCache>,
) -> (Result<Generated, Box<crate::diagnostics::Diagnostic>>, Kept) {
    generate_inner(linked, config, cache, true)
}

/// [`generate_keeping`]; with `keep`, the render also keeps its async chunk files for the
/// incremental rebuilds that may follow.
fn generate_inner(
    linked: LinkOutput,
    config: &BuildConfig,
    cache: Option<&cache::CodeCache>,
    keep: bool,
) -> (Result<Generated, Box<crate::diagnostics::Diagnostic>>, Kept) {
    let LinkOutput {
        mut graph,
        analysis,
        used_exports,
        layout,
        side_effect_free,
        ..
    } = linked;
    let layout = layout.unwrap_or_else(|| Layout::new(&graph, &analysis.exports, config));
    let programs: Vec<Option<std::sync::Arc<crate::graph::ast::ModuleAst>>> =
        graph.modules.iter_mut().map(Module::take_program).collect();
    let readers = name_readers(&graph, config);
    let metas = module_metas(&graph, &layout, &side_effect_free);
    let facts = render_chunk::Facts::of(&graph, config);
    let code = transform_all(
        (&graph, programs),
        (&analysis, &metas),
        used_exports.as_ref(),
        &layout,
        (config, readers.as_deref(), facts.refresh),
        cache,
    );
    let mut kept = Kept {
        graph,
        analysis,
        used_exports,
        layout,
        side_effect_free,
        code,
        readers,
        metas,
        facts,
        rendered: Vec::new(),
    };
    let generated = finish(&mut kept, config, (None, keep));
    (generated, kept)
}

/// An incremental rebuild's generate: the modules in `changed` (whose source and AST the
/// caller replaced in `kept.graph`, everything the link stage read of them unchanged) get
/// their code again; every other module keeps its code, and the files are rendered from it.
/// The files are the ones [`generate`] would make from a full build of the same sources.
pub fn regenerate(
    kept: &mut Kept,
    changed: &[ModuleIdx],
    config: &BuildConfig,
    cache: Option<&cache::CodeCache>,
) -> Result<Generated, Box<crate::diagnostics::Diagnostic>> {
    kept.readers = name_readers(&kept.graph, config);
    let cx = transform_context(
        &kept.metas,
        &kept.analysis,
        kept.used_exports.as_ref(),
        &kept.layout,
        kept.readers.as_deref(),
        (config, kept.facts.refresh),
    );
    // The code cache learns the new code too, so that the persistent cache written after
    // these rebuilds has it; the few export hashes its keys read are made when asked.
    let export_hash = |m| cache::export_hash(&cx, m);
    let outputs: Vec<(ModuleIdx, Option<transform_module::ModuleOutput>)> = changed
        .par_iter()
        .map(|&i| {
            let output = match kept.graph.module(i) {
                Module::Normal(n) => {
                    let transform = || {
                        transform_module(n, std::sync::Arc::unwrap_or_clone(n.ast.take()), i, &cx)
                    };
                    Some(match cache {
                        Some(cache) => cache.code(n, i, (&cx, &export_hash), transform),
                        None => transform(),
                    })
                }
                _ => None,
            };
            (i, output)
        })
        .collect();
    for (i, output) in outputs {
        kept.code[i] = output;
    }
    let changed: rustc_hash::FxHashSet<ModuleIdx> = changed.iter().copied().collect();
    finish(kept, config, (Some(&changed), true))
}

/// Module code -> output files: chunks, source maps, minification, content hashes. With
/// `changed` (an incremental rebuild: the modules whose code changed since the last render
/// of `kept`), the async chunks of none of them are written as the last render made them;
/// with `keep`, this render's are kept in `kept` for the next.
fn finish(
    kept: &mut Kept,
    config: &BuildConfig,
    (changed, keep): (Option<&rustc_hash::FxHashSet<ModuleIdx>>, bool),
) -> Result<Generated, Box<crate::diagnostics::Diagnostic>> {
    let reuse = changed.map(|changed| render_chunk::Reuse {
        chunks: &kept.rendered,
        changed,
    });
    let (mut files, hashed, keep_names, hot, rendered) = render_files(kept, config, (reuse, keep));
    kept.rendered = rendered.chunks;
    if let Some(options) = &config.minify {
        minify::minify_files(&mut files, options, &keep_names).map_err(|e| {
            Box::new(
                crate::diagnostics::Diagnostic::new(crate::diagnostics::Code::Unsupported, e)
                    .hint("build with minify = false (or --no-minify) and report the file"),
            )
        })?;
    }
    let (runtime_key, renamed) = content_hash::finalize(&mut files, hashed);
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let hot = hot.map(|h| h.finish(runtime_key, &files, &renamed));
    Ok(Generated {
        files,
        hot,
        reused_chunks: rendered.reused,
    })
}

/// A module of the project (not of a package) whose code reads a `.name`: the minifier keeps
/// function and class names in its file. Packages get what every peer's minifier gives
/// them (terser, SWC and esbuild keep no names).
fn reads_name(m: &Module) -> bool {
    m.as_normal().is_some_and(|n| {
        !crate::graph::resolve::in_package(&n.path) && minify::reads_name(&n.source)
    })
}

/// Per module, whether it is a project module that reads a `.name`; `None` when names are
/// not mangled anyway (no minification, no mangling, or `keepNames`). Read once per build.
fn name_readers(graph: &ModuleGraph, config: &BuildConfig) -> Option<Vec<bool>> {
    match &config.minify {
        Some(m) if m.mangle && !m.keep_names => {
            Some(graph.modules.par_iter().map(reads_name).collect())
        }
        _ => None,
    }
}

/// The JavaScript files holding a project module that reads a `.name` (whole registry
/// entries: a concatenated group's members are in its root's).
fn files_reading_names(
    readers: &[bool],
    starts: &render_chunk::ModuleStarts,
    plan: &crate::analysis::concat_plan::Plan,
) -> std::collections::HashSet<String> {
    starts
        .iter()
        .filter(|(_, entries)| {
            entries.iter().any(|(m, _)| {
                readers[m.index()]
                    || plan
                        .groups
                        .get(m)
                        .is_some_and(|inner| inner.iter().any(|i| readers[i.index()]))
            })
        })
        .map(|(file, _)| file.clone())
        .collect()
}

/// What the transform of each module needs to know about the modules it imports.
fn module_metas(
    graph: &ModuleGraph,
    layout: &Layout,
    code_pure: &crate::graph::ModuleVec<bool>,
) -> crate::graph::ModuleVec<ModuleMeta> {
    let declared = |i: ModuleIdx| graph.declared_side_effect_free(i);
    // Its package says so, or its code (link's side-effect analysis). A consume only on its
    // package's word: another build's version of it may be other code.
    let pure: Vec<bool> = graph
        .modules
        .iter_enumerated()
        .map(|(i, m)| match m {
            Module::ConsumeShared(c) => c.fallback.is_some_and(declared),
            _ => declared(i) || code_pure.get(i).copied().unwrap_or(false),
        })
        .collect();
    graph
        .modules
        .iter_enumerated()
        .zip(pure)
        .map(|((i, m), pure)| ModuleMeta {
            id: layout.module_ids.literal(i),
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
            is_async: layout.async_modules[i],
        })
        .collect()
}

/// What transforming a module reads besides the module.
fn transform_context<'a>(
    metas: &'a crate::graph::ModuleVec<ModuleMeta>,
    analysis: &'a AnalysisOutput,
    used: Option<&'a UsedExports>,
    layout: &'a Layout,
    readers: Option<&[bool]>,
    (config, refresh): (&BuildConfig, bool),
) -> TransformContext<'a> {
    TransformContext {
        metas,
        exports: &analysis.exports,
        dynamic_chunks: &layout.chunks.dynamic_chunks,
        worker_files: &layout.chunks.worker_files,
        used_exports: used,
        source_maps: config.sourcemap,
        // Scope hoisting keeps `.name`s unless the minifier mangles them and no project
        // module reads one.
        keep_fn_names: readers.is_none_or(|r| r.contains(&true)),
        node_target: config.target == crate::config::Target::Node,
        hot: config.hot,
        refresh,
    }
}

/// Every module's code: transformed, or from `cache` when what its transform reads is
/// unchanged; scope-hoisted groups rendered as one function each (at their root).
fn transform_all(
    (graph, programs): (
        &ModuleGraph,
        Vec<Option<std::sync::Arc<crate::graph::ast::ModuleAst>>>,
    ),
    (analysis, metas): (&AnalysisOutput, &crate::graph::ModuleVec<ModuleMeta>),
    used: Option<&UsedExports>,
    layout: &Layout,
    (config, readers, refresh): (&BuildConfig, Option<&[bool]>, bool),
    cache: Option<&cache::CodeCache>,
) -> ModuleCode {
    let plan = &layout.concat_plan;
    let cx = transform_context(metas, analysis, used, layout, readers, (config, refresh));
    // CSS and asset modules' JavaScript comes from their payload.
    let resource_code: Vec<Option<(&'static str, String)>> = graph
        .modules
        .indices()
        .map(|i| css::module_code(graph, i))
        .collect();
    let export_hashes = match cache {
        Some(_) => cache::export_hashes(&cx, graph.modules.len()),
        None => Vec::new(),
    };
    enum Step {
        Done(Option<transform_module::ModuleOutput>),
        Hoisted(concatenate::Prepared),
    }
    let steps: Vec<Step> = graph
        .modules
        .par_iter()
        .zip(programs)
        .zip(resource_code)
        .enumerate()
        .map(|(i, ((m, program), resource))| match (m, program) {
            (Module::Normal(_), _) if resource.is_some() => Step::Done(resource.map(
                |(params, body)| transform_module::ModuleOutput {
                    params,
                    body: body.into(),
                    map: None,
                },
            )),
            (Module::Normal(n), Some(ast)) if plan.is_member(ModuleIdx(i as u32)) => {
                let program = std::sync::Arc::unwrap_or_clone(ast.take());
                Step::Hoisted(concatenate::prepare(n, program, ModuleIdx(i as u32), &cx))
            }
            (Module::Normal(n), Some(ast)) => {
                let idx = ModuleIdx(i as u32);
                // The parse cache holds the program too: copied only when transformed (and
                // parsed only then, for a module the persistent cache knows).
                let transform =
                    || transform_module(n, std::sync::Arc::unwrap_or_clone(ast.take()), idx, &cx);
                Step::Done(Some(match cache {
                    Some(cache) => cache.code(
                        n,
                        idx,
                        (&cx, &|m: ModuleIdx| export_hashes[m.index()]),
                        transform,
                    ),
                    None => transform(),
                }))
            }
            _ => Step::Done(None),
        })
        .collect();
    let mut prepared: Vec<Option<concatenate::Prepared>> = Vec::with_capacity(steps.len());
    let mut code = ModuleCode::with_capacity(steps.len());
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
        code[root] = Some(output);
    }
    code
}

/// The files of the build from every module's code.
fn render_files(
    kept: &Kept,
    config: &BuildConfig,
    reuse: (Option<render_chunk::Reuse>, bool),
) -> (
    Vec<OutputFile>,
    content_hash::Placeholders,
    std::collections::HashSet<String>,
    Option<hot::HotRecorder>,
    render_chunk::Rendered,
) {
    let Kept {
        graph,
        layout,
        code,
        readers,
        facts,
        ..
    } = kept;
    let (mut files, starts, hashed, hot, rendered) =
        render_chunk::render_chunks(graph, layout, code, config, facts, reuse);
    let keep_names = readers
        .as_ref()
        .map(|r| files_reading_names(r, &starts, &layout.concat_plan))
        .unwrap_or_default();
    if config.sourcemap {
        source_map::add_source_maps(&mut files, &starts, graph, code, config);
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
    (files, hashed, keep_names, hot, rendered)
}
