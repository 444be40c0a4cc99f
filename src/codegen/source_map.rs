//! Source maps (`sourcemap = true`, `--sourcemap`): a `.map` next to every JavaScript file,
//! mapping each registry entry's body back to its module's source as written (TypeScript and
//! JSX included: swc keeps the original positions through its transforms). Encoded with
//! swc's source-map crate. Runtime code and the lines the bundler adds (getters, requires)
//! have no mappings. Sources are named as webpack names them, `mfbundle://<uniqueName>/<path
//! in the project>`, with their text embedded: the same bytes wherever the project and
//! outDir are.

use std::collections::HashMap;

use super::render_chunk::ModuleStarts;
use super::{ModuleCode, OutputFile};
use crate::config::BuildConfig;
use crate::graph::{Module, ModuleGraph, ModuleIdx};

/// Adds a `.map` for every `.js` file and the `sourceMappingURL` comment that points at it,
/// from where the renderer says each module's body starts (`starts`).
pub fn add_source_maps(
    files: &mut Vec<OutputFile>,
    starts: &ModuleStarts,
    graph: &ModuleGraph,
    code: &ModuleCode,
    config: &BuildConfig,
) {
    let mut maps = Vec::new();
    for file in files.iter_mut().filter(|f| f.name.ends_with(".js")) {
        let base = file
            .name
            .rsplit('/')
            .next()
            .unwrap_or(&file.name)
            .to_string();
        let mut builder = swc_sourcemap::SourceMapBuilder::new(Some(base.clone().into()));
        // Source index and line index of each module with mappings in this file.
        let mut sources: HashMap<ModuleIdx, (u32, LineIndex)> = HashMap::new();
        for &(i, start) in starts.get(&file.name).into_iter().flatten() {
            let Some(Some(c)) = code.get(i) else {
                continue;
            };
            let Some(map) = &c.map else { continue };
            for &(body_line, col, offset, module) in &map.mappings {
                let Module::Normal(m) = graph.module(module) else {
                    continue;
                };
                let (src, lines) = sources.entry(module).or_insert_with(|| {
                    let source = format!("mfbundle://{}/{}", config.unique_name, m.id);
                    let src = builder.add_source(source.into());
                    builder.set_source_contents(src, Some(m.source.to_string().into()));
                    (src, LineIndex::new(&m.source))
                });
                let src = *src;
                let (src_line, src_col) = lines.position(&m.source, offset as usize);
                builder.add_raw(
                    start + body_line,
                    col,
                    src_line,
                    src_col,
                    Some(src),
                    None,
                    false,
                );
            }
        }
        let mut out = Vec::new();
        if builder.into_sourcemap().to_writer(&mut out).is_err() {
            continue;
        }
        file.contents
            .extend_from_slice(format!("//# sourceMappingURL={base}.map\n").as_bytes());
        maps.push(OutputFile {
            name: format!("{}.map", file.name),
            contents: out,
        });
    }
    files.extend(maps);
    files.sort_by(|a, b| a.name.cmp(&b.name));
}

/// Line starts of a source, for byte offset -> (line, UTF-16 column), as source maps count.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(source: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    fn position(&self, source: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(source.len());
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts[line];
        let col = source
            .get(start..offset)
            .map_or(0, |s| s.encode_utf16().count());
        (line as u32, col as u32)
    }
}
