//! What the scan stage knows about each module. Past the scan, modules are addressed by
//! [`ModuleIdx`]; a path becomes an index in exactly one place (`scan.rs`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::sorted_map::SortedMap;
use swc_common::{Globals, SyntaxContext};
use swc_ecma_ast::{Id, Program};

/// Index of a module in [`super::ModuleGraph::modules`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ModuleIdx(pub u32);

impl ModuleIdx {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Module-indexed vectors ([`ModuleVec`]) are indexed by [`ModuleIdx`] only.
impl oxc_index::Idx for ModuleIdx {
    const MAX: usize = u32::MAX as usize;

    unsafe fn from_usize_unchecked(idx: usize) -> Self {
        ModuleIdx(idx as u32)
    }

    fn index(self) -> usize {
        self.0 as usize
    }
}

/// Data per module, indexed by [`ModuleIdx`].
pub type ModuleVec<T> = oxc_index::IndexVec<ModuleIdx, T>;

/// Every kind of node in the module graph. Federation adds its own kinds here (consume-shared,
/// provide-shared, remote, container entry) so that every stage must say how it handles them.
pub enum Module {
    /// A JavaScript or JSON file of the project or of a package.
    Normal(Box<NormalModule>),
    /// A Node.js built-in (`fs`, `node:path`) left to the platform's `require` (node target).
    External(ExternalModule),
    /// A request that a package.json `browser` field maps to `false`: an empty object.
    Empty(EmptyModule),
    /// An optional request that does not resolve (in a `try` block, or a package its
    /// importer's package.json declares optional): loading it fails at run time as in Node.
    Missing(MissingModule),
    /// A request that matched `shared`: resolved at run time from the share scope, with the
    /// normally resolved module as fallback. Created by the federation stage.
    ConsumeShared(ConsumeSharedModule),
    /// A module this build offers to the share scope. Created by the federation stage.
    ProvideShared(ProvideSharedModule),
    /// The container this build publishes in remoteEntry.js (`get`, `init`).
    ContainerEntry(ContainerEntryModule),
    /// A module of another build's container (`app2/Button`), loaded at run time.
    Remote(RemoteModule),
    /// Another build's container object, obtained as its remote config says.
    RemoteContainer(RemoteContainerModule),
}

impl Module {
    /// The stable, project-relative id used in the output registry and in every message.
    pub fn id(&self) -> &str {
        match self {
            Module::Normal(m) => &m.id,
            Module::External(m) => &m.id,
            Module::Empty(m) => &m.id,
            Module::Missing(m) => &m.id,
            Module::ConsumeShared(m) => &m.id,
            Module::ProvideShared(m) => &m.id,
            Module::ContainerEntry(m) => &m.id,
            Module::Remote(m) => &m.id,
            Module::RemoteContainer(m) => &m.id,
        }
    }

    /// The module's AST holder, from which code generation takes the program (leaving an
    /// empty script, unless a cache keeps it) when it transforms the module: code generation
    /// consumes the ASTs of the graph it owns and only reads the rest.
    pub fn take_program(&mut self) -> Option<Arc<super::ast::ModuleAst>> {
        match self {
            Module::Normal(m) => Some(m.ast.clone()),
            _ => None,
        }
    }

    pub fn as_normal(&self) -> Option<&NormalModule> {
        match self {
            Module::Normal(m) => Some(m),
            _ => None,
        }
    }

    /// How importers must read this module's exports.
    pub fn format(&self) -> ModuleFormat {
        match self {
            Module::Normal(m) => m.format,
            Module::External(_) | Module::Empty(_) | Module::Missing(_) => ModuleFormat::CommonJs,
            Module::ConsumeShared(_) | Module::ProvideShared(_) | Module::Remote(_) => {
                ModuleFormat::Dynamic
            }
            Module::ContainerEntry(_) | Module::RemoteContainer(_) => ModuleFormat::CommonJs,
        }
    }

    /// Modules whose code lives in the registry (federation nodes are runtime data).
    pub fn has_registry_code(&self) -> bool {
        !matches!(
            self,
            Module::ConsumeShared(_) | Module::ProvideShared(_) | Module::Remote(_)
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Hash)]
pub enum ModuleFormat {
    /// An ES module: exports object with getters, `__esModule`, `Symbol.toStringTag`.
    Esm,
    /// CommonJS: `module.exports` as the module sets it.
    CommonJs,
    /// A `.json` file: `module.exports` is the parsed value.
    Json,
    /// A `.css` file: `module.exports` is `{}`, or a CSS module's class map; its CSS goes to
    /// the chunk's `.css` file.
    Css,
    /// An image or font: `module.exports` is its URL (publicPath + hashed file name).
    Asset,
    /// Known only at run time (a shared module may come from another build): default and
    /// namespace imports decide by `__esModule`, as webpack does for consumed modules.
    Dynamic,
}

pub struct NormalModule {
    pub id: String,
    pub path: PathBuf,
    pub source: super::source::Source,
    /// The text names `__webpack_share_scopes__` or `__webpack_init_sharing__` (kept so that
    /// a text the scan did not read need not be read to know it).
    pub reads_share_scopes: bool,
    pub format: ModuleFormat,
    /// True where Node itself would run the file as ESM (`.mjs`, or `.js` under
    /// `"type": "module"`): a default import of CommonJS is then `module.exports` even when it
    /// sets `__esModule`, as in Node and in webpack's `javascript/esm`.
    pub node_strict: bool,
    /// The parsed and define-substituted program (an empty script for JSON) and the hygiene
    /// data of its syntax contexts (swc's resolver marks), parsed when first read for a
    /// module the persistent cache knows ([`NormalModule::program`]). Shared with the parse
    /// cache in watch mode: codegen copies the program only to transform it.
    pub ast: Arc<super::ast::ModuleAst>,
    /// Context of identifiers that no declaration binds (`require`, `process`, ...).
    pub unresolved_ctxt: SyntaxContext,
    /// Span starts of `/*#__PURE__*/`-annotated expressions, sorted.
    pub pure: Arc<[u32]>,
    /// The module's requests, deduplicated, in source order; then the files of its context
    /// requests.
    pub records: Vec<ImportRecord>,
    /// Byte offset of each `require(...)` / `import(...)` call and `new URL(...)` asset
    /// reference -> its record.
    pub call_sites: Arc<rustc_hash::FxHashMap<u32, usize>>,
    pub esm: Arc<EsmInfo>,
    /// The code reads `import.meta` (the runtime then creates its objects).
    pub import_meta: bool,
    /// An `import(x, options)` whose options are checked at run time
    /// (`__mf_require__.ia`).
    pub attributes_at_run_time: bool,
    /// Where the module first awaits at top level (`await`, `for await`): it is an async
    /// module, and so is every ES module that imports it.
    pub top_level_await: Option<(u32, u32)>,
    /// Context requests: byte offset of the call -> (request as the code computes it, the
    /// record of the file it names), sorted by request.
    pub contexts: HashMap<u32, Vec<(String, usize)>>,
}

#[derive(Debug)]
pub struct ExternalModule {
    pub id: String,
    /// What the platform's `require` receives, e.g. `node:fs`.
    pub request: String,
}

#[derive(Debug)]
pub struct EmptyModule {
    pub id: String,
}

#[derive(Debug)]
pub struct MissingModule {
    pub id: String,
    /// The request as written.
    pub request: String,
    /// Requested by `import()` (Node's `ERR_MODULE_NOT_FOUND`), else by `require()`
    /// (`MODULE_NOT_FOUND`).
    pub dynamic: bool,
}

#[derive(Debug, Clone)]
pub struct ConsumeSharedModule {
    pub id: String,
    pub share_scope: String,
    pub share_key: String,
    /// The range checked at run time; `None` takes any version.
    pub required_version: Option<String>,
    pub strict_version: bool,
    pub singleton: bool,
    pub eager: bool,
    /// The normally resolved module; `None` for `import = false`.
    pub fallback: Option<ModuleIdx>,
    /// Index of the `shared` item in the configuration.
    pub item: usize,
    /// `treeShaking` items: the exports this build's importers use, sorted. At run time a
    /// provider's shaken copy is taken only if it has all of them; `None` takes full copies.
    pub needs: Option<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct ContainerEntryModule {
    /// `webpack/container/entry/<name>`, as webpack names it.
    pub id: String,
    pub share_scope: String,
    /// Exposed key (`./Button`) -> modules evaluated in order (the last one's exports are
    /// returned).
    pub exposes: Vec<(String, Vec<ModuleIdx>)>,
}

#[derive(Debug, Clone)]
pub struct RemoteModule {
    /// `webpack/container/remote/<key>/<request>`, as webpack names it.
    pub id: String,
    /// What the container is asked for: `./Button`, or `.` for the remote's key alone.
    pub request: String,
    pub share_scope: String,
    pub container: ModuleIdx,
}

#[derive(Debug, Clone)]
pub struct RemoteContainerModule {
    /// `webpack/container/reference/<key>`: the text webpack's error messages name.
    pub id: String,
    /// Index of the remote in the configuration.
    pub remote: usize,
    pub share_scope: String,
}

#[derive(Debug, Clone)]
pub struct ProvideSharedModule {
    pub id: String,
    pub share_scope: String,
    pub share_key: String,
    /// Registered as `"0"` when unknown, as webpack does.
    pub version: Option<String>,
    pub eager: bool,
    pub module: ModuleIdx,
    pub item: usize,
    /// `treeShaking` items: a copy of `module` with only these exports (a module that
    /// re-exports them from where they are defined), registered next to the full copy.
    pub shaken: Option<(ModuleIdx, Vec<String>)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, Hash)]
pub enum ImportKind {
    /// `import ... from`, `import "x"`.
    Static,
    /// `export ... from`, `export * from` (and no import of the same request).
    ReExport,
    /// `require("x")`.
    Require,
    /// `import("x")`.
    Dynamic,
    /// A consume-shared node's fallback or a provide-shared node's module, loaded on demand
    /// (not eager): an async boundary like `import()`.
    SharedAsync,
    /// `new URL("./file", import.meta.url)`: the file as an asset whose URL the expression
    /// evaluates to, whatever its extension (webpack's `asset/resource` for `new URL`).
    Url,
    /// `new Worker(new URL("./w.js", import.meta.url))` (and `SharedWorker`): the module is
    /// the entry of a chunk of its own, which the worker runs; the expression is its URL.
    Worker,
}

impl ImportKind {
    /// `import` and `export ... from`: linked before the module runs.
    pub fn is_static(self) -> bool {
        matches!(self, ImportKind::Static | ImportKind::ReExport)
    }

    /// The kind of request the resolver sees (`import` or `require` conditions).
    pub fn is_require(self) -> bool {
        matches!(self, ImportKind::Require)
    }
}

/// A request in a module. `T` is `()` while scanning and [`ModuleIdx`] once resolved, so code
/// generation cannot compile against an unresolved edge.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ImportRecord<T = ModuleIdx> {
    pub request: String,
    pub kind: ImportKind,
    /// Byte range of the request string in the source, for diagnostics.
    pub span: (u32, u32),
    /// `webpackChunkName` magic comment of an `import()`, if any.
    pub chunk_name: Option<String>,
    /// The code handles the request's failure (a `require()` or `import()` in a `try` block,
    /// an `import()` with a rejection handler): if it cannot be resolved, the build warns
    /// and the request fails at run time, as in Node.
    pub optional: bool,
    /// The request matched a `shared` item: the federation stage retargets it to a
    /// consume-shared node (whose fallback is `target`, unless `import = false`).
    pub shared: Option<SharedRequest>,
    /// The request names a module of a remote container: (remote index, `./Button`).
    pub remote: Option<(usize, String)>,
    /// Side-effect-free re-export modules ("barrels") the production build skips.
    pub barrel: Barrel,
    pub target: T,
}

/// How a request takes part in skipping side-effect-free barrels (`analysis/barrels.rs`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, Hash)]
pub enum Barrel {
    #[default]
    None,
    /// Not loaded: every binding imported through it now comes from the module that defines
    /// it; these records (of the same module) load those modules, in this request's place.
    Skipped { redirects: Vec<usize> },
    /// Added for a skipped request; loaded where that request stood.
    Redirect,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SharedRequest {
    /// Index of the `shared` item in the configuration.
    pub item: usize,
    /// The share key, with a prefix item's remainder appended.
    pub share_key: String,
}

/// What is imported from a record.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Imported {
    Default,
    Named(String),
    Namespace,
}

impl Imported {
    pub fn from_name(name: &str) -> Imported {
        if name == "default" {
            Imported::Default
        } else {
            Imported::Named(name.to_string())
        }
    }

    /// The export name this refers to, `None` for the namespace.
    pub fn name(&self) -> Option<&str> {
        match self {
            Imported::Default => Some("default"),
            Imported::Named(n) => Some(n),
            Imported::Namespace => None,
        }
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, Hash)]
pub struct ImportBinding {
    #[serde(with = "id_serde")]
    pub local: Id,
    pub record: usize,
    pub imported: Imported,
    /// Byte range of the specifier, for diagnostics.
    pub span: (u32, u32),
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, Hash)]
pub enum ExportSource {
    /// A binding declared in this module (or an imported binding exported again).
    Local,
    /// `export { x as y } from "m"`, `export * as ns from "m"`.
    ReExport {
        record: usize,
        imported: Imported,
        span: (u32, u32),
    },
}

/// `import(\`./dir/${x}.js\`)`, `import("./dir/" + x)` or `require("./dir/" + x)`: a request
/// known up to the parts an expression computes (webpack's context module). The scan lists
/// the files it can name.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ContextRequest {
    /// Byte offset of the call (its key in [`NormalModule::contexts`]).
    pub call: u32,
    /// `import()` (each file its own chunk, a rejected promise for no file) or `require()`.
    pub dynamic: bool,
    /// The request's literal parts, in order; an expression stands between each two.
    pub parts: Vec<String>,
    pub span: (u32, u32),
    /// In a `try` block or with a rejection handler: a value naming no file is handled.
    pub optional: bool,
}

/// The static ESM shape of a module, filled by the scan.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize, Hash)]
pub struct EsmInfo {
    pub imports: Vec<ImportBinding>,
    /// Export name -> where it comes from; excludes `export *`.
    pub exports: SortedMap<String, ExportSource>,
    /// Records of `export * from`, in source order.
    pub star_exports: Vec<usize>,
    /// `export { local as name }` without `from`: name -> the local binding it exports
    /// (an import binding re-exports what it imports).
    pub export_locals: SortedMap<String, String>,
}

impl NormalModule {
    /// The parsed and define-substituted program.
    pub fn program(&self) -> Arc<Program> {
        self.ast.program()
    }

    /// Hygiene data of the program's syntax contexts.
    pub fn globals(&self) -> Arc<Globals> {
        self.ast.globals()
    }

    /// Whether `call` is `import(...)` or a call of the unbound `require` (`import("x").then(f)`
    /// starts where `import("x")` does, so records are found by offset and callee).
    fn is_request_call(&self, call: &swc_ecma_ast::CallExpr) -> bool {
        use swc_ecma_ast::{Callee, Expr};
        match &call.callee {
            Callee::Import(_) => true,
            Callee::Expr(e) => {
                matches!(&**e, Expr::Ident(i) if i.sym == *"require" && i.ctxt == self.unresolved_ctxt)
            }
            Callee::Super(_) => false,
        }
    }

    /// The record of a `require("x")` / `import("x")` call of this module, if `call` is one.
    pub fn request_record(&self, call: &swc_ecma_ast::CallExpr) -> Option<usize> {
        if !self.is_request_call(call) {
            return None;
        }
        self.call_sites.get(&call.span.lo.0).copied()
    }

    /// The files of a context request (`import(\`./dir/${x}.js\`)`), by request.
    pub fn context_of(&self, call: &swc_ecma_ast::CallExpr) -> Option<&[(String, usize)]> {
        if !self.is_request_call(call) {
            return None;
        }
        self.contexts.get(&call.span.lo.0).map(Vec::as_slice)
    }

    /// The [`ImportKind::Url`] record of `new URL("./file", import.meta.url)`.
    pub fn url_record(&self, new: &swc_ecma_ast::NewExpr) -> Option<usize> {
        let r = self.call_sites.get(&new.span.lo.0).copied()?;
        (self.records.get(r)?.kind == ImportKind::Url).then_some(r)
    }

    /// The [`ImportKind::Worker`] record of the `new URL("./w.js", import.meta.url)` that
    /// a `new Worker(...)` starts.
    pub fn worker_record(&self, new: &swc_ecma_ast::NewExpr) -> Option<usize> {
        let r = self.call_sites.get(&new.span.lo.0).copied()?;
        (self.records.get(r)?.kind == ImportKind::Worker).then_some(r)
    }
}

impl std::fmt::Debug for NormalModule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NormalModule")
            .field("id", &self.id)
            .field("format", &self.format)
            .field("records", &self.records)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Module::Normal(m) => m.fmt(f),
            Module::External(m) => m.fmt(f),
            Module::Empty(m) => m.fmt(f),
            Module::Missing(m) => m.fmt(f),
            Module::ConsumeShared(m) => m.fmt(f),
            Module::ProvideShared(m) => m.fmt(f),
            Module::ContainerEntry(m) => m.fmt(f),
            Module::Remote(m) => m.fmt(f),
            Module::RemoteContainer(m) => m.fmt(f),
        }
    }
}

/// An identifier with its syntax context, as the persistent cache stores it: the text and
/// the context's number (the same numbers a parse of the same text makes).
mod id_serde {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use swc_common::SyntaxContext;
    use swc_ecma_ast::Id;

    pub fn serialize<S: Serializer>(id: &Id, s: S) -> Result<S::Ok, S::Error> {
        (id.0.as_str(), id.1.as_u32()).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Id, D::Error> {
        let (name, ctxt): (String, u32) = Deserialize::deserialize(d)?;
        Ok((name.into(), SyntaxContext::from_u32(ctxt)))
    }
}
