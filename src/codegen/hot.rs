//! Hot module replacement's share of generate (`mfbundle dev`): the runtime's HMR part
//! (`runtime/hot_module_replacement.js`, and React Fast Refresh's `runtime/react_refresh.js`
//! with React's own refresh runtime from `runtime/vendor/`), the code each project module
//! gets for Fast Refresh, and [`HotModules`]: what the dev server compares between two
//! builds to send a page only the module functions that changed.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::ops::Range;
use std::sync::Arc;

use super::transform_module::json;
use crate::config::BuildConfig;
use crate::graph::{ModuleGraph, NormalModule};

const RUNTIME_HOT: &str = include_str!("runtime/hot_module_replacement.js");
/// The page helpers (error overlay, stylesheet swap) of every dev client; `mfbundle dev`'s
/// reload client uses them too.
pub const DEV_PAGE: &str = include_str!("runtime/dev_page.js");
const RUNTIME_REACT_REFRESH: &str = include_str!("runtime/react_refresh.js");
/// `react-refresh/cjs/react-refresh-runtime.development.js` of react-refresh 0.19.0 (MIT,
/// `runtime/vendor/react-refresh.LICENSE`), as npm ships it: the runtime every React Fast
/// Refresh integration (react-refresh-webpack-plugin, Rspack's, Vite's) runs. Vendored so
/// that Fast Refresh works without installing anything.
const REACT_REFRESH_RUNTIME: &str =
    include_str!("runtime/vendor/react-refresh-runtime.development.js");

/// The line of `runtime/require.js` that runs a module; in hot builds the module's code gets
/// the `require` that `__mf_require__.i` makes for it (which records who requires whom).
pub const REQUIRE_CALL: &str =
    "factory.call(module.exports, module, module.exports, __mf_require__);";
const HOT_REQUIRE_CALL: &str =
    "factory.call(module.exports, module, module.exports, __mf_require__.i(module));";

/// What a hot build tells the dev server about its JavaScript.
#[derive(Debug, Clone, Default)]
pub struct HotModules {
    /// The build's runtime key (`__mfbundle_runtime_<hash>__`): a page's runtime names the
    /// build it came from with it.
    pub key: String,
    /// A hash of every JavaScript file with its module functions left out (runtime, chunk
    /// lists, startup): when two builds' frames differ, a page must reload.
    pub frame: u64,
    /// Each module's function, `(function (module, exports, require) {...})`, by registry id.
    pub modules: BTreeMap<String, HotFunction>,
}

/// Where a module's function is in a build's files: one copy of the text, in the file the
/// dev server serves anyway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HotFunction {
    /// The file's name (relative to outDir).
    pub file: Arc<str>,
    /// The function's byte range in the file.
    pub range: Range<usize>,
    /// xxh3 of the function's text: two builds' functions differ when their hashes do.
    pub hash: u64,
}

impl HotFunction {
    /// The function's text in `files` (the build's files by name), if it is there.
    pub fn text<'f>(&self, files: &'f HashMap<String, Arc<[u8]>>) -> Option<&'f str> {
        let bytes = files.get(&*self.file)?.get(self.range.clone())?;
        std::str::from_utf8(bytes).ok()
    }
}

/// Records a hot build's frame and module functions while chunks are rendered.
#[derive(Default)]
pub struct HotRecorder {
    frame: xxhash_rust::xxh3::Xxh3,
    /// Registry id -> the file and byte range of its function, by the file's name as
    /// rendered.
    modules: BTreeMap<String, (Arc<str>, Range<usize>)>,
}

impl HotRecorder {
    /// A JavaScript file: its text without its module functions (`registry`, the byte
    /// range of the registry entries) and without the runtime key (which changes with every
    /// module); `functions`, each module's function by registry id and byte range in the
    /// registry.
    pub fn file(
        &mut self,
        name: &str,
        text: &str,
        (registry, functions): (Range<usize>, Vec<(String, Range<usize>)>),
        runtime_key: &str,
    ) {
        let file: Arc<str> = Arc::from(name);
        for (id, range) in functions {
            let range = range.start + registry.start..range.end + registry.start;
            self.modules.insert(id, (file.clone(), range));
        }
        self.frame.update(name.as_bytes());
        for part in [&text[..registry.start], &text[registry.end..]] {
            self.frame.update(&[0]);
            if runtime_key.is_empty() {
                self.frame.update(part.as_bytes());
            } else {
                self.frame.update(part.replace(runtime_key, "").as_bytes());
            }
        }
    }

    /// The build's hot data once its files are final: `renames` (content hashes filled in,
    /// `content_hash::finalize`) name each file as it is now. A file keeps its length and
    /// the place of its functions there (a final hash is as long as its placeholder).
    pub fn finish(
        self,
        key: String,
        files: &[super::OutputFile],
        renames: &HashMap<String, String>,
    ) -> HotModules {
        let by_name: HashMap<&str, &[u8]> = files
            .iter()
            .map(|f| (f.name.as_str(), f.contents.as_slice()))
            .collect();
        let mut names: HashMap<Arc<str>, Arc<str>> = HashMap::new();
        let modules = self
            .modules
            .into_iter()
            .map(|(id, (file, range))| {
                let file = names
                    .entry(file.clone())
                    .or_insert_with(|| match renames.get(&*file) {
                        Some(to) => Arc::from(to.as_str()),
                        None => file,
                    })
                    .clone();
                let text = by_name
                    .get(&*file)
                    .and_then(|bytes| bytes.get(range.clone()))
                    .unwrap_or_default();
                let hash = xxhash_rust::xxh3::xxh3_64(text);
                (id, HotFunction { file, range, hash })
            })
            .collect();
        HotModules {
            key,
            frame: self.frame.digest(),
            modules,
        }
    }
}

/// `runtime/require.js` as a hot build runs it.
pub fn require_runtime(require_js: &str) -> String {
    debug_assert!(require_js.contains(REQUIRE_CALL));
    require_js.replacen(REQUIRE_CALL, HOT_REQUIRE_CALL, 1)
}

/// The HMR part of a hot build's runtime: its client polls the server for the build that
/// `runtime_key` names.
pub fn runtime(config: &BuildConfig, runtime_key: &str, refresh: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "var __mf_hot_key__ = {};", json(runtime_key));
    let _ = writeln!(out, "var __mf_hot_name__ = {};", json(&config.unique_name));
    out.push_str(DEV_PAGE);
    out.push_str(RUNTIME_HOT);
    if refresh {
        out.push_str("function __mf_react_refresh_runtime__(exports, process) {\n");
        out.push_str(REACT_REFRESH_RUNTIME);
        out.push_str("}\n");
        out.push_str(RUNTIME_REACT_REFRESH);
    }
    out
}

/// A module of the project, not of a package: where Fast Refresh applies.
fn is_project_module(n: &NormalModule) -> bool {
    !crate::graph::resolve::in_package(&n.path)
}

/// Whether the build uses React Fast Refresh: a hot build for React with a `.jsx`/`.tsx`
/// module of its own (a build without one does not carry the refresh runtime).
pub fn refresh_active(graph: &ModuleGraph, config: &BuildConfig) -> bool {
    config.hot
        && config.jsx.refresh
        && graph.modules.iter().any(|m| {
            m.as_normal().is_some_and(|n| {
                is_project_module(n) && n.path.extension().is_some_and(|e| e == "jsx" || e == "tsx")
            })
        })
}

/// Whether `n` gets Fast Refresh's registrations and boundary check.
pub fn refreshes(n: &NormalModule) -> bool {
    is_project_module(n) && n.format != crate::graph::ModuleFormat::Json
}

/// What Fast Refresh adds to the end of a project module's body (`module` is the name of
/// its module parameter): the two functions swc's refresh transform calls (declarations,
/// hoisted above the code that calls them), then the boundary check, which registers the
/// exported components and makes a module that exports only components accept its own
/// updates.
pub fn refresh_epilogue(module: &str, is_async: bool) -> String {
    let reg = crate::graph::transform_ts::REFRESH_REG;
    let sig = crate::graph::transform_ts::REFRESH_SIG;
    let mut out = format!(
        "function {reg}(type, id) {{ __mf_require__.rr(type, id, {module}.id); }}\nfunction {sig}() {{ return __mf_require__.rs(); }}\n"
    );
    // An async module's exports are not all there yet when its body's end is reached.
    if !is_async {
        let _ = writeln!(out, "__mf_require__.rb({module});");
    }
    out
}
