//! Federated types, the remote side: declarations of the exposed TypeScript modules and of
//! the local modules they import, laid out as `@module-federation/dts-plugin` lays them out
//! (`compiled-types/<path under the sources' common directory>.d.ts`, one re-export file
//! per exposed key), zipped as `@mf-types.zip`, with `@mf-types.d.ts` (the `RemoteKeys` /
//! `PackageType` helper types) next to it. Hosts (ours: `mfbundle types`; MF 2.0's
//! dts-plugin) find both through `metaData.types` in mf-manifest.json.
//!
//! Declarations come from each source alone (TypeScript's isolatedDeclarations, by oxc), so
//! no type checker runs. One inference is added where isolated mode gives up and `tsc`
//! does not: a function whose every `return` is JSX (or `null`) returns
//! `import("react").JSX.Element` (`| null`), which is what `tsc` writes for React
//! components. What else needs an annotation is a warning (MF5001) at the export, and the
//! declaration is published without that type. Packages stay references
//! (`import type { FC } from "react"`): only the project's own files are declared.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    ArrowFunctionExpression, Expression, Function, ReturnStatement, Statement, TSImportType,
};
use oxc_ast_visit::{Visit, walk};
use oxc_codegen::{Codegen, CodegenOptions, IndentChar};
use oxc_isolated_declarations::{IsolatedDeclarations, IsolatedDeclarationsOptions};
use oxc_parser::Parser;
use oxc_span::SourceType;
use oxc_syntax::scope::ScopeFlags;

use crate::config::{BuildConfig, Mode, TypesCompiler, display_path};
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::graph::{Module, ModuleGraph};

use super::OutputFile;

/// The archive's and the API file's names (the dts-plugin's defaults, which MF 2.0 hosts
/// also derive from a remote entry's URL when there is no manifest).
pub const ZIP_NAME: &str = "@mf-types.zip";
pub const API_NAME: &str = "@mf-types.d.ts";
/// The folder inside the zip (and the unzipped copy in development builds).
const TYPES_DIR: &str = "@mf-types";
/// Where the exposed modules' own declarations go inside the zip.
const COMPILED: &str = "compiled-types";
/// The placeholder of the API file that hosts replace with the remote's alias.
const ALIAS: &str = "REMOTE_ALIAS_IDENTIFIER";

/// What the generate stage adds for federated types.
#[derive(Default)]
pub struct FederatedTypes {
    pub files: Vec<OutputFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// `metaData.types` is filled (the zip and the API file were written).
    pub written: bool,
}

/// A declared source: its `.d.ts` text, the relative requests it keeps, whether it has a
/// default export, and the exports isolated mode could not type (byte range, message).
pub struct Declared {
    pub dts: String,
    pub requests: Vec<String>,
    pub has_default: bool,
    pub problems: Vec<(u32, u32, String)>,
}

fn is_typescript(path: &Path) -> bool {
    let name = path.to_string_lossy();
    !is_declaration(path)
        && [".ts", ".tsx", ".mts", ".cts"]
            .iter()
            .any(|e| name.ends_with(e))
}

fn is_declaration(path: &Path) -> bool {
    let name = path.to_string_lossy();
    [".d.ts", ".d.mts", ".d.cts"]
        .iter()
        .any(|e| name.ends_with(e))
}

/// The exposed keys and their files (the module each key returns), in the order written.
fn exposed_files(graph: &ModuleGraph) -> Vec<(String, PathBuf)> {
    let Some(Module::ContainerEntry(ce)) = graph.container.map(|c| graph.module(c)) else {
        return Vec::new();
    };
    ce.exposes
        .iter()
        .filter_map(|(key, modules)| {
            let last = modules.last()?;
            let normal = graph.module(*last).as_normal()?;
            Some((key.clone(), normal.path.clone()))
        })
        .collect()
}

/// The build publishes federated types (mf-manifest.json's `metaData.types` names them):
/// `types` is not false and an exposed module is TypeScript.
pub fn publishes(graph: &ModuleGraph, config: &BuildConfig) -> bool {
    config.types.generate != Some(false)
        && exposed_files(graph).iter().any(|(_, p)| is_typescript(p))
}

/// The declarations `config` asks for: none without exposes, without TypeScript exposes
/// (unless `types.generate` is true: then a warning says why there are none), or with
/// `types = false`.
pub fn federated_types(graph: &ModuleGraph, config: &BuildConfig) -> FederatedTypes {
    let mut out = FederatedTypes::default();
    if config.types.generate == Some(false) {
        return out;
    }
    let exposes = exposed_files(graph);
    let typed: Vec<&(String, PathBuf)> = exposes.iter().filter(|(_, p)| is_typescript(p)).collect();
    if typed.is_empty() {
        if config.types.generate == Some(true) && !exposes.is_empty() {
            out.diagnostics.push(
                Diagnostic::new(
                    Code::TypesNeedAnnotation,
                    "types: no exposed module is TypeScript, so no @mf-types.zip is written",
                )
                .at(Location::file_only(&display_path(&config.root, &config.config_file)))
                .hint("expose .ts/.tsx modules, or write a .d.ts next to a .js one and expose the .ts"),
            );
        }
        return out;
    }
    // The graph's text of each module (one lookup per declared file, not a scan), else the
    // file's (a type-only import the build never loads).
    let by_path: std::collections::HashMap<&Path, &str> = graph
        .modules
        .iter()
        .filter_map(|m| m.as_normal())
        .map(|n| (n.path.as_path(), &*n.source))
        .collect();
    let sources = |path: &Path| -> Option<String> {
        by_path
            .get(path)
            .map(|s| s.to_string())
            .or_else(|| std::fs::read_to_string(path).ok())
    };

    let start: Vec<PathBuf> = typed.iter().map(|(_, p)| p.clone()).collect();
    let isolated = |diagnostics: &mut Vec<Diagnostic>| {
        declare_all(
            start.clone(),
            &sources,
            &config.jsx.import_source,
            config,
            diagnostics,
        )
    };
    let declared = match config.types.compiler {
        TypesCompiler::Isolated => isolated(&mut out.diagnostics),
        // tsc failing still publishes types: isolated mode's, after the warning.
        TypesCompiler::Tsc => match super::types_tsc::declare_with_tsc(start.clone(), config) {
            Ok(mut files) => {
                add_imported_declarations(&mut files, &sources);
                files
            }
            Err(d) => {
                out.diagnostics.push(*d);
                isolated(&mut out.diagnostics)
            }
        },
    };

    // compiled-types/ mirrors the sources under their common directory, as tsc's outDir
    // does without rootDir.
    let root = common_dir(declared.keys().filter(|p| !is_declaration(p)));
    let compiled_name = |path: &Path| -> String {
        let rel = path.strip_prefix(&root).unwrap_or(path);
        let rel = rel.to_string_lossy().replace('\\', "/");
        declaration_name(&rel)
    };
    let mut entries: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for (path, d) in &declared {
        entries.insert(
            format!("{COMPILED}/{}", compiled_name(path)),
            d.dts.clone().into_bytes(),
        );
    }
    let mut keys = Vec::new();
    for (key, path) in &typed {
        let Some(d) = declared.get(path) else {
            continue;
        };
        let short = key.trim_start_matches("./");
        let short = if short == "." || short.is_empty() {
            "index"
        } else {
            short
        };
        let wrapper = format!("{short}.d.ts");
        let target = format!("{COMPILED}/{}", compiled_name(path));
        let target = strip_declaration_ext(&relative(&wrapper, &target));
        let mut text = format!("export * from '{target}';");
        if d.has_default {
            text.push_str(&format!("\nexport {{ default }} from '{target}';"));
        }
        entries.insert(wrapper, text.into_bytes());
        keys.push(short.to_string());
    }

    out.files.push(OutputFile {
        name: ZIP_NAME.into(),
        contents: zip(&entries),
    });
    out.files.push(OutputFile {
        name: API_NAME.into(),
        contents: api_file(&keys).into_bytes(),
    });
    if config.mode == Mode::Development {
        for (name, contents) in entries {
            out.files.push(OutputFile {
                name: format!("{TYPES_DIR}/{name}"),
                contents,
            });
        }
    }
    out.written = true;
    out
}

/// Declares `start` and every local TypeScript file they import (relative requests),
/// breadth first. A `.d.ts` that a source imports is published as written.
fn declare_all(
    start: Vec<PathBuf>,
    sources: &dyn Fn(&Path) -> Option<String>,
    jsx_source: &str,
    config: &BuildConfig,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<PathBuf, Declared> {
    let mut declared = BTreeMap::new();
    let mut queue: VecDeque<PathBuf> = start.into_iter().collect();
    let mut seen: BTreeSet<PathBuf> = queue.iter().cloned().collect();
    while let Some(path) = queue.pop_front() {
        let file = display_path(&config.root, &path);
        let Some(source) = sources(&path) else {
            diagnostics.push(
                Diagnostic::new(
                    Code::ReadFailed,
                    format!("cannot read {file} to declare its types"),
                )
                .at(Location::file_only(&file)),
            );
            continue;
        };
        let d = if is_declaration(&path) {
            as_written(source.clone())
        } else {
            match declare(&path, &source, jsx_source) {
                Ok(d) => d,
                Err((start, end, message)) => {
                    diagnostics.push(
                        Diagnostic::new(Code::TypesNeedAnnotation, format!("types: {message}")).at(
                            Location::from_range(&file, &source, start as usize, end as usize),
                        ),
                    );
                    continue;
                }
            }
        };
        for (start, end, message) in &d.problems {
            diagnostics.push(
                Diagnostic::new(Code::TypesNeedAnnotation, format!("types: {message}"))
                    .at(Location::from_range(
                        &file,
                        &source,
                        *start as usize,
                        *end as usize,
                    ))
                    .hint(annotation_hint(message)),
            );
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        for request in &d.requests {
            if let Some(target) = resolve_declared(dir, request)
                && seen.insert(target.clone())
            {
                queue.push_back(target);
            }
        }
        declared.insert(path, d);
    }
    declared
}

/// A declaration file published as written (a hand-written `.d.ts`, or tsc's output).
pub fn as_written(dts: String) -> Declared {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, &dts, SourceType::d_ts()).parse();
    let mut requests = Requests::default();
    requests.visit_program(&parsed.program);
    Declared {
        requests: requests.0.into_iter().collect(),
        has_default: dts.contains("export default") || dts.contains(" as default"),
        problems: Vec::new(),
        dts,
    }
}

/// Adds the hand-written `.d.ts` files that `declared` import (tsc leaves them out of its
/// output, so hosts would miss the types they hold).
fn add_imported_declarations(
    declared: &mut BTreeMap<PathBuf, Declared>,
    sources: &dyn Fn(&Path) -> Option<String>,
) {
    let mut queue: VecDeque<PathBuf> = declared.keys().cloned().collect();
    while let Some(path) = queue.pop_front() {
        let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let requests = declared
            .get(&path)
            .map(|d| d.requests.clone())
            .unwrap_or_default();
        for request in requests {
            let Some(target) = resolve_declared(&dir, &request) else {
                continue;
            };
            if declared.contains_key(&target) || !is_declaration(&target) {
                continue;
            }
            if let Some(text) = sources(&target) {
                declared.insert(target.clone(), as_written(text));
                queue.push_back(target);
            }
        }
    }
}

/// The annotation to add, by TypeScript's isolatedDeclarations error code.
fn annotation_hint(message: &str) -> String {
    let fix = if message.starts_with("TS9007") || message.starts_with("TS9008") {
        "write its return type: `function f(…): Type { … }`"
    } else if message.starts_with("TS9011") {
        "write the parameter's type: `(x: Type) => …`"
    } else if message.starts_with("TS9009") || message.starts_with("TS9010") {
        "write the variable's type: `export const x: Type = …`"
    } else if message.starts_with("TS9012") {
        "write the property's type"
    } else {
        "write the type of the exported declaration"
    };
    format!(
        "{fix}; until then hosts see `any` there (or set types = {{ compiler = \"tsc\" }} to infer it with the project's tsc)"
    )
}

/// The file a relative request of a declaration names: TypeScript's extension rules
/// (`./x.js` is `./x.ts`, `./x` is `./x.ts`, `.tsx`, `.d.ts` or a folder's index).
fn resolve_declared(dir: &Path, request: &str) -> Option<PathBuf> {
    if !(request.starts_with("./") || request.starts_with("../")) {
        return None;
    }
    let base = dir.join(request);
    let s = base.to_string_lossy().to_string();
    let mut candidates = Vec::new();
    for (js, ts) in [
        (".js", &[".ts", ".tsx", ".d.ts"][..]),
        (".jsx", &[".tsx"]),
        (".mjs", &[".mts", ".d.mts"]),
        (".cjs", &[".cts", ".d.cts"]),
    ] {
        if let Some(stem) = s.strip_suffix(js) {
            candidates.extend(ts.iter().map(|e| format!("{stem}{e}")));
        }
    }
    candidates.push(s.clone());
    for e in [
        ".ts",
        ".tsx",
        ".d.ts",
        "/index.ts",
        "/index.tsx",
        "/index.d.ts",
    ] {
        candidates.push(format!("{s}{e}"));
    }
    candidates
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.is_file() && (is_typescript(p) || is_declaration(p)))
        .map(|p| normalize(&p))
}

/// `a/./b/../c` -> `a/c` (without touching the file system).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The deepest directory holding every path.
fn common_dir<'p>(paths: impl Iterator<Item = &'p PathBuf>) -> PathBuf {
    let mut common: Option<PathBuf> = None;
    for p in paths {
        let dir = p.parent().unwrap_or(Path::new("")).to_path_buf();
        common = Some(match common {
            None => dir,
            Some(c) => {
                let mut shared = PathBuf::new();
                for (a, b) in c.components().zip(dir.components()) {
                    if a != b {
                        break;
                    }
                    shared.push(a);
                }
                shared
            }
        });
    }
    common.unwrap_or_default()
}

/// `src/Widget.tsx` -> `src/Widget.d.ts` (`.mts` -> `.d.mts`, `.cts` -> `.d.cts`); a `.d.ts`
/// keeps its name.
fn declaration_name(rel: &str) -> String {
    if is_declaration(Path::new(rel)) {
        return rel.to_string();
    }
    for (ext, dts) in [
        (".tsx", ".d.ts"),
        (".mts", ".d.mts"),
        (".cts", ".d.cts"),
        (".ts", ".d.ts"),
    ] {
        if let Some(stem) = rel.strip_suffix(ext) {
            return format!("{stem}{dts}");
        }
    }
    format!("{rel}.d.ts")
}

fn strip_declaration_ext(rel: &str) -> String {
    for ext in [".d.ts", ".d.mts", ".d.cts"] {
        if let Some(stem) = rel.strip_suffix(ext) {
            return stem.to_string();
        }
    }
    rel.to_string()
}

/// The request from the file `from` to the file `to` (both relative to the zip's root).
fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect();
    let from_dir = &from_dir[..from_dir.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let shared = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let ups = from_dir.len() - shared;
    let rest = to_parts[shared..].join("/");
    if ups == 0 {
        format!("./{rest}")
    } else {
        format!("{}{rest}", "../".repeat(ups))
    }
}

/// `@mf-types.d.ts` as the dts-plugin writes it: `RemoteKeys` in exposes order,
/// `PackageType` built by prepending each key. Hosts replace the alias placeholder.
pub fn api_file(keys: &[String]) -> String {
    let remote_keys = keys
        .iter()
        .map(|k| format!("'{ALIAS}/{k}'"))
        .collect::<Vec<_>>()
        .join(" | ");
    let mut package_type = "any".to_string();
    for k in keys {
        package_type =
            format!("T extends '{ALIAS}/{k}' ? typeof import('{ALIAS}/{k}') :{package_type}");
    }
    format!(
        "\n    export type RemoteKeys = {remote_keys};\n    type PackageType<T> = {package_type};"
    )
}

/// The entries zipped deterministically: sorted as adm-zip (the dts-plugin's zip library)
/// sorts them, each directory listed, deflated, every time 1980-01-01 00:00.
fn zip(entries: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let mut names: BTreeSet<String> = BTreeSet::new();
    for name in entries.keys() {
        let mut dir = String::new();
        let parts: Vec<&str> = name.split('/').collect();
        for part in &parts[..parts.len() - 1] {
            dir.push_str(part);
            dir.push('/');
            names.insert(dir.clone());
        }
        names.insert(name.clone());
    }
    let mut names: Vec<String> = names.into_iter().collect();
    names.sort_by(|a, b| a.to_lowercase().cmp(&b.to_lowercase()).then(a.cmp(b)));
    let options = SimpleFileOptions::default()
        .last_modified_time(zip::DateTime::default())
        .compression_method(zip::CompressionMethod::Deflated);
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for name in names {
        let written = match entries.get(&name) {
            Some(contents) => writer
                .start_file(name.as_str(), options.unix_permissions(0o644))
                .and_then(|_| writer.write_all(contents).map_err(Into::into)),
            None => writer.add_directory(
                name.trim_end_matches('/'),
                options
                    .compression_method(zip::CompressionMethod::Stored)
                    .unix_permissions(0o755),
            ),
        };
        // Writing to memory fails only on an internal error: the archive is then empty.
        if written.is_err() {
            return Vec::new();
        }
    }
    writer
        .finish()
        .map(|cursor| cursor.into_inner())
        .unwrap_or_default()
}

/// Declares one TypeScript source. Err: the source does not parse (start, end, message).
pub fn declare(
    path: &Path,
    source: &str,
    jsx_source: &str,
) -> Result<Declared, (u32, u32, String)> {
    let source_type = SourceType::from_path(path).unwrap_or_else(|_| SourceType::ts());
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, source_type).parse();
    if let Some(e) = parsed.diagnostics.first() {
        let (start, end) = e
            .labels
            .first()
            .map(|l| (l.offset(), l.offset() + l.len()))
            .unwrap_or((0, 0));
        return Err((start, end, e.message.to_string()));
    }

    // Return types of JSX-returning functions, written into a copy of the source.
    let mut inserts = Vec::new();
    if source_type.is_jsx() {
        let mut finder = JsxReturns {
            source,
            frames: Vec::new(),
            inserts: Vec::new(),
        };
        finder.visit_program(&parsed.program);
        inserts = finder.inserts;
        inserts.sort();
    }
    let element = format!(": import(\"{jsx_source}\").JSX.Element");
    let mut text = String::with_capacity(source.len() + inserts.len() * 40);
    let mut last = 0;
    // (position in the copy, bytes added so far) to map problems back to the source.
    let mut shifts: Vec<(u32, u32)> = Vec::new();
    for (at, nullable) in &inserts {
        text.push_str(&source[last..*at as usize]);
        text.push_str(&element);
        if *nullable {
            text.push_str(" | null");
        }
        last = *at as usize;
        shifts.push((text.len() as u32, (text.len() - last) as u32));
    }
    text.push_str(&source[last..]);
    let to_source = |pos: u32| -> u32 {
        let shift = shifts
            .iter()
            .take_while(|(at, _)| *at <= pos)
            .last()
            .map(|s| s.1)
            .unwrap_or(0);
        pos.saturating_sub(shift)
    };

    let allocator = Allocator::default();
    let program = if inserts.is_empty() {
        parsed.program
    } else {
        let reparsed = Parser::new(&allocator, &text, source_type).parse();
        if !reparsed.diagnostics.is_empty() {
            // Cannot happen for a well-placed annotation; declare the source as written.
            return declare_program(
                Parser::new(&allocator, source, source_type).parse().program,
                &|p| p,
            );
        }
        reparsed.program
    };
    declare_program(program, &to_source)
}

fn declare_program(
    program: oxc_ast::ast::Program<'_>,
    to_source: &dyn Fn(u32) -> u32,
) -> Result<Declared, (u32, u32, String)> {
    let allocator = Allocator::default();
    let ret = IsolatedDeclarations::new(&allocator, IsolatedDeclarationsOptions::default())
        .build(&program);
    let problems = ret
        .diagnostics
        .iter()
        .map(|e| {
            let (start, end) = e
                .labels
                .first()
                .map(|l| (to_source(l.offset()), to_source(l.offset() + l.len())))
                .unwrap_or((0, 0));
            (start, end, e.message.to_string())
        })
        .collect();
    let mut requests = Requests::default();
    requests.visit_program(&ret.program);
    let has_default = ret.program.body.iter().any(|s| match s {
        Statement::ExportDefaultDeclaration(_) => true,
        Statement::ExportNamedDeclaration(e) => {
            e.specifiers.iter().any(|s| s.exported.name() == "default")
        }
        Statement::ExportFromDeclaration(e) => {
            e.specifiers.iter().any(|s| s.exported.name() == "default")
        }
        _ => false,
    });
    let dts = Codegen::new()
        .with_options(CodegenOptions {
            indent_char: IndentChar::Space,
            indent_width: 4,
            ..CodegenOptions::default()
        })
        .build(&ret.program)
        .code;
    Ok(Declared {
        dts,
        requests: requests.0.into_iter().collect(),
        has_default,
        problems,
    })
}

/// The module requests a declaration keeps (imports, re-exports, `import("…")` types).
#[derive(Default)]
struct Requests(BTreeSet<String>);

impl<'a> Visit<'a> for Requests {
    fn visit_statement(&mut self, it: &Statement<'a>) {
        match it {
            Statement::ImportDeclaration(d) => {
                self.0.insert(d.source.value.to_string());
            }
            Statement::ExportAllDeclaration(d) => {
                self.0.insert(d.source.value.to_string());
            }
            Statement::ExportFromDeclaration(d) => {
                self.0.insert(d.source.value.to_string());
            }
            _ => {}
        }
        walk::walk_statement(self, it);
    }

    fn visit_ts_import_type(&mut self, it: &TSImportType<'a>) {
        self.0.insert(it.source.value.to_string());
        walk::walk_ts_import_type(self, it);
    }
}

/// What the `return`s of one function give.
#[derive(Default)]
struct Frame {
    jsx: bool,
    null: bool,
    other: bool,
}

/// Functions without a return type whose every `return` is JSX or `null`: where to write
/// the type (after the closing parenthesis of the parameters) and whether it is nullable.
struct JsxReturns<'s> {
    source: &'s str,
    frames: Vec<Frame>,
    inserts: Vec<(u32, bool)>,
}

impl JsxReturns<'_> {
    fn classify(expr: &Expression, frame: &mut Frame) {
        match expr.without_parentheses() {
            Expression::JSXElement(_) | Expression::JSXFragment(_) => frame.jsx = true,
            Expression::NullLiteral(_) => frame.null = true,
            Expression::ConditionalExpression(c) => {
                Self::classify(&c.consequent, frame);
                Self::classify(&c.alternate, frame);
            }
            _ => frame.other = true,
        }
    }

    /// Records the insertion for a function whose frame says JSX, after `)` at `end`.
    fn finish(&mut self, frame: Frame, params: oxc_span::Span) {
        let bytes = self.source.as_bytes();
        let parenthesized = bytes.get(params.start as usize) == Some(&b'(')
            && params.end > 0
            && bytes.get(params.end as usize - 1) == Some(&b')');
        if frame.jsx && !frame.other && parenthesized {
            self.inserts.push((params.end, frame.null));
        }
    }
}

impl<'a> Visit<'a> for JsxReturns<'_> {
    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        self.frames.push(Frame::default());
        walk::walk_function(self, it, flags);
        let frame = self.frames.pop().unwrap_or_default();
        if it.return_type.is_none() && it.body.is_some() && !it.generator && !it.r#async {
            self.finish(frame, it.params.span);
        }
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        self.frames.push(Frame::default());
        walk::walk_arrow_function_expression(self, it);
        let mut frame = self.frames.pop().unwrap_or_default();
        if let Some(body) = it.body.as_expression() {
            frame = Frame::default();
            Self::classify(body, &mut frame);
        }
        if it.return_type.is_none() && !it.r#async {
            self.finish(frame, it.params.span);
        }
    }

    fn visit_return_statement(&mut self, it: &ReturnStatement<'a>) {
        if let Some(frame) = self.frames.last_mut() {
            match &it.argument {
                Some(e) => Self::classify(e, frame),
                None => frame.other = true,
            }
        }
        walk::walk_return_statement(self, it);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dts(source: &str) -> Declared {
        declare(Path::new("x.tsx"), source, "react").unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn jsx_components_return_jsx_elements() {
        let d = dts("export interface P { a: string }\n\
             export default function W({ a }: P) { if (a) return <b>{a}</b>; return null; }\n\
             export const B = (p: P) => <i>{p.a}</i>;\n\
             export const C = (p: P) => { return p.a ? <i /> : null };\n\
             export function n(x: number) { return x + 1 }\n");
        assert!(
            d.dts.contains(
                "export default function W({ a }: P): import(\"react\").JSX.Element | null;"
            ),
            "{}",
            d.dts
        );
        assert!(
            d.dts
                .contains("export declare const B: (p: P) => import(\"react\").JSX.Element;"),
            "{}",
            d.dts
        );
        assert!(
            d.dts.contains("import(\"react\").JSX.Element | null;"),
            "{}",
            d.dts
        );
        assert!(d.has_default);
        // `n` needs its return type written: one problem, at `n` in the source.
        assert_eq!(d.problems.len(), 1, "{:?}", d.problems);
        let (start, _, message) = &d.problems[0];
        assert!(message.starts_with("TS9007"), "{message}");
        let source_line = "export function n";
        let at = "export interface P { a: string }\n\
             export default function W({ a }: P) { if (a) return <b>{a}</b>; return null; }\n\
             export const B = (p: P) => <i>{p.a}</i>;\n\
             export const C = (p: P) => { return p.a ? <i /> : null };\n"
            .len();
        assert!(
            (*start as usize) >= at && (*start as usize) <= at + source_line.len() + 2,
            "problem at {start}, the function starts at {at}"
        );
    }

    #[test]
    fn requests_and_layout() {
        let d = dts(
            "import type { S } from './utils';\nimport { x } from './runtime-only';\n\
             export type T = import('./other').O;\nexport function f(s: S): T { return x(s) }\n",
        );
        assert_eq!(d.requests, vec!["./other", "./utils"]);
        assert!(!d.has_default);
        assert_eq!(
            relative("Widget.d.ts", "compiled-types/Widget.d.ts"),
            "./compiled-types/Widget.d.ts"
        );
        assert_eq!(
            relative("ui/Button.d.ts", "compiled-types/ui/Button.d.ts"),
            "../compiled-types/ui/Button.d.ts"
        );
        assert_eq!(declaration_name("a/b.mts"), "a/b.d.mts");
        assert_eq!(
            api_file(&["Widget".into(), "Button".into()]),
            "\n    export type RemoteKeys = 'REMOTE_ALIAS_IDENTIFIER/Widget' | 'REMOTE_ALIAS_IDENTIFIER/Button';\n    type PackageType<T> = T extends 'REMOTE_ALIAS_IDENTIFIER/Button' ? typeof import('REMOTE_ALIAS_IDENTIFIER/Button') :T extends 'REMOTE_ALIAS_IDENTIFIER/Widget' ? typeof import('REMOTE_ALIAS_IDENTIFIER/Widget') :any;"
        );
    }

    #[test]
    fn zip_is_deterministic_and_readable() {
        let mut entries = BTreeMap::new();
        entries.insert(
            "Widget.d.ts".to_string(),
            b"export * from './compiled-types/W';".to_vec(),
        );
        entries.insert(
            "compiled-types/W.d.ts".to_string(),
            b"export declare const w: 1;\n".to_vec(),
        );
        let a = zip(&entries);
        assert_eq!(a, zip(&entries));
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(a)).unwrap();
        let names: Vec<String> = (0..archive.len())
            .map(|i| archive.by_index(i).unwrap().name().unwrap().to_string())
            .collect();
        assert_eq!(
            names,
            vec!["compiled-types/", "compiled-types/W.d.ts", "Widget.d.ts"]
        );
    }
}
