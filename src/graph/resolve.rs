//! Resolution through oxc_resolver, configured like webpack for the build's target: `import`
//! and `require` requests use different condition names, the `browser` field applies on the
//! web, Node built-ins are reported as such, symlinks resolve to their real path (so a pnpm
//! package is one module however it is reached).
//!
//! TypeScript's rules apply too: `./x.js` finds `./x.ts` (or `.tsx`) when there is no
//! `x.js`, as `tsc` allows (`.mjs` -> `.mts`, `.cjs` -> `.cts`, `.jsx` -> `.tsx` likewise), and
//! `compilerOptions.paths`/`baseUrl` of the nearest `tsconfig.json` that includes the
//! importing file are honoured (files under node_modules never use a tsconfig).

use std::path::{Path, PathBuf};

use oxc_resolver::{
    AliasValue, ModuleType, ResolveError, ResolveOptions, Resolver, TsconfigDiscovery,
};

use super::module::ImportKind;
use super::resolve_cache::{FileStamps, ResolveCache, StoredResolutions};
use crate::config::{BuildConfig, Target, display_path};
use crate::diagnostics::{Code, Diagnostic, Location};

pub enum Resolved {
    File {
        path: PathBuf,
        module_type: Option<ModuleType>,
    },
    /// A Node.js built-in, always in its `node:` form.
    Builtin(String),
    /// Mapped to `false` by a `browser` field.
    Ignored(PathBuf),
    /// Not found, and optional where it is requested (made by the scan, never by the
    /// resolver): `import()` or not.
    Missing { request: String, dynamic: bool },
    /// A file `new URL(..., import.meta.url)` names (made by the scan): an asset.
    Asset(PathBuf),
}

/// Whether `path` is a file of an installed package (under some `node_modules`).
pub fn in_package(path: &Path) -> bool {
    path.components().any(|c| c.as_os_str() == "node_modules")
}

pub struct Resolvers {
    esm: Resolver,
    cjs: Resolver,
    target: Target,
    extensions: Vec<String>,
    root: PathBuf,
    /// The build federates: `@module-federation/runtime` is mfbundle's API module.
    mf_runtime_api: bool,
    /// With the persistent cache: the answers of the last process, and the record of this
    /// one's.
    cache: Option<ResolveCache>,
    /// Stamps of the files the last process's answers found, seen when these resolvers
    /// checked them.
    stamps: FileStamps,
}

/// The requests that name MF 2.0's runtime API (`@module-federation/runtime` and the
/// enhanced package's re-export of it).
pub const MF_RUNTIME_REQUESTS: [&str; 2] = [
    "@module-federation/runtime",
    "@module-federation/enhanced/runtime",
];

/// Where the scan finds mfbundle's `@module-federation/runtime` (a module no disk holds: its
/// text is [`crate::federation::MF_RUNTIME_API`]), under `root`.
pub fn mf_runtime_api_path(root: &Path) -> PathBuf {
    root.join("node_modules/.mfbundle/mf-runtime.mjs")
}

impl Resolvers {
    pub fn new(config: &BuildConfig) -> Resolvers {
        let main_fields = match config.target {
            Target::Web => vec!["browser", "module", "main"],
            Target::Node => vec!["module", "main"],
        };
        let esm_options = ResolveOptions {
            alias: config
                .alias
                .iter()
                .map(|(k, v)| (k.clone(), vec![AliasValue::Path(v.clone())]))
                .collect(),
            alias_fields: match config.target {
                Target::Web => vec![vec!["browser".into()]],
                Target::Node => vec![],
            },
            condition_names: config.condition_names.clone(),
            extensions: config.extensions.clone(),
            // The written file first (a package may ship x.js beside x.ts), as esbuild does.
            extension_alias: [
                (".js", &[".js", ".ts", ".tsx"][..]),
                (".jsx", &[".jsx", ".tsx"]),
                (".mjs", &[".mjs", ".mts"]),
                (".cjs", &[".cjs", ".cts"]),
            ]
            .into_iter()
            .map(|(from, to)| (from.to_string(), to.iter().map(|t| t.to_string()).collect()))
            .collect(),
            tsconfig: Some(TsconfigDiscovery::Auto),
            main_fields: main_fields.into_iter().map(String::from).collect(),
            builtin_modules: true,
            module_type: true,
            symlinks: true,
            ..ResolveOptions::default()
        };
        let mut cjs_options = esm_options.clone();
        cjs_options.condition_names = config
            .condition_names
            .iter()
            .map(|c| {
                if c == "import" {
                    "require".to_string()
                } else {
                    c.clone()
                }
            })
            .collect();
        if !cjs_options.condition_names.iter().any(|c| c == "require") {
            cjs_options.condition_names.push("require".into());
        }
        let esm = Resolver::new(esm_options);
        let cjs = esm.clone_with_options(cjs_options);
        Resolvers {
            esm,
            cjs,
            target: config.target,
            extensions: config.extensions.clone(),
            root: config.root.clone(),
            mf_runtime_api: config.federates(),
            cache: None,
            stamps: Default::default(),
        }
    }

    /// [`Resolvers::new`] that records its resolutions for the persistent cache, and answers
    /// from `stored` (the last process's) if all they depend on is unchanged.
    pub fn recording(config: &BuildConfig, stored: Option<StoredResolutions>) -> Resolvers {
        let mut resolvers = Resolvers::new(config);
        let (valid, stamps) = match &stored {
            Some(s) => s.check(&|path| resolvers.tsconfig_hash(path)),
            None => (false, Default::default()),
        };
        resolvers.cache = Some(ResolveCache::new(stored.filter(|_| valid)));
        resolvers.stamps = stamps;
        resolvers
    }

    /// The stamps of the files the last process's answers found, as these resolvers saw
    /// them when they were made (taken: they are only as fresh as that moment).
    pub fn take_stamps(&mut self) -> FileStamps {
        std::mem::take(&mut self.stamps)
    }

    /// A hash of the configuration the tsconfig.json at `path` gives (`extends` merged).
    fn tsconfig_hash(&self, path: &Path) -> Option<u64> {
        let tsconfig = self.esm.resolve_tsconfig(path).ok()?;
        Some(xxhash_rust::xxh3::xxh3_64(
            format!("{tsconfig:?}").as_bytes(),
        ))
    }

    /// The resolutions to persist, when these resolvers record them and they can be trusted
    /// by the next process.
    pub fn export_cache(&self) -> Option<StoredResolutions> {
        self.cache
            .as_ref()?
            .export(&|path| self.tsconfig_hash(path))
    }

    /// Whether resolutions were recorded since the last call.
    pub fn take_cache_changed(&self) -> bool {
        self.cache.as_ref().is_some_and(ResolveCache::take_changed)
    }

    /// Answers reused from the persistent cache so far.
    pub fn reused_answers(&self) -> usize {
        self.cache.as_ref().map_or(0, ResolveCache::reused)
    }

    /// Resolves `request` made by the file `importer` (for requests of the configuration,
    /// a file in the project directory): its directory is the base, and its tsconfig.json
    /// supplies `paths`.
    pub fn resolve(
        &self,
        importer: &Path,
        request: &str,
        kind: ImportKind,
    ) -> Result<Resolved, ResolveError> {
        if self.mf_runtime_api && MF_RUNTIME_REQUESTS.contains(&request) {
            return Ok(Resolved::File {
                path: mf_runtime_api_path(&self.root),
                module_type: Some(ModuleType::Module),
            });
        }
        let require = kind.is_require();
        let resolver = if require { &self.cjs } else { &self.esm };
        let result = match &self.cache {
            None => resolver.resolve_file(importer, request),
            Some(cache) => {
                if let Some(answer) = cache.get(importer, request, require) {
                    return Ok(answer);
                }
                // `resolve_file`, with a context that records what the resolution found and
                // missed (`resolve_file` takes none).
                let mut context = oxc_resolver::ResolveContext::default();
                let dir = importer.parent().unwrap_or(Path::new("/"));
                let result = resolver.find_tsconfig(importer).and_then(|tsconfig| {
                    resolver.resolve_with_context(dir, request, tsconfig.as_deref(), &mut context)
                });
                let resolved = Self::answer(result);
                match &resolved {
                    Ok(r) => cache.record(importer, request, require, r, context),
                    Err(_) => cache.record_failure(context),
                }
                return resolved;
            }
        };
        Self::answer(result)
    }

    /// A resolver's answer as the scan uses it.
    fn answer(
        result: Result<oxc_resolver::Resolution, ResolveError>,
    ) -> Result<Resolved, ResolveError> {
        match result {
            Ok(r) => {
                let module_type = r.module_type();
                Ok(Resolved::File {
                    path: r.into_path_buf(),
                    module_type,
                })
            }
            Err(ResolveError::Builtin { resolved, .. }) => Ok(Resolved::Builtin(resolved)),
            Err(ResolveError::Ignored(p)) => Ok(Resolved::Ignored(p)),
            Err(e) => Err(e),
        }
    }

    /// A request that failed because a package.json or tsconfig.json on its way is not valid
    /// JSON (Node and tsc refuse it too): an error at the place the JSON breaks, naming the
    /// request.
    fn broken_json(
        &self,
        request: &str,
        json: &oxc_resolver::JSONError,
        request_location: Location,
    ) -> Diagnostic {
        let file = display_path(&self.root, &json.path);
        let at = match std::fs::read_to_string(&json.path) {
            Ok(text) => Location::at_line_column(&file, &text, json.line, json.column),
            Err(_) => Location::file_only(&file),
        };
        let mut d = Diagnostic::new(
            Code::PackageJsonInvalid,
            format!("{file} is not valid JSON: {}", json.message),
        )
        .at(at)
        .note(format!(
            "needed to resolve \"{request}\" from {}:{}:{}",
            request_location.file, request_location.line, request_location.column
        ))
        .hint("fix the JSON (npm, Node and tsc refuse such a file too)");
        d.severity = crate::diagnostics::Severity::Error;
        d
    }

    /// The diagnostic for a failed request: what was tried, and a hint.
    pub fn unresolved_diagnostic(
        &self,
        importer: &Path,
        request: &str,
        error: &ResolveError,
        location: Location,
    ) -> Diagnostic {
        // A package.json or tsconfig.json on the way that is not JSON: not the request's fault.
        let broken = match error {
            ResolveError::Json(json) => Some(json),
            ResolveError::TsconfigLoadFailed { source, .. } => match source.as_ref() {
                ResolveError::Json(json) => Some(json),
                _ => None,
            },
            _ => None,
        };
        if let Some(json) = broken {
            return self.broken_json(request, json, location);
        }
        if matches!(
            error,
            ResolveError::TsconfigLoadFailed { .. }
                | ResolveError::TsconfigNotFound(_)
                | ResolveError::TsconfigSelfReference(_)
                | ResolveError::TsconfigCircularExtend(_)
        ) {
            // The tsconfig.json that supplies the request's `paths` cannot be used.
            let root = self.root.to_string_lossy();
            return Diagnostic::new(
                Code::UnresolvedImport,
                format!(
                    "Could not resolve \"{request}\": {}",
                    error.to_string().replace(&*root, ".")
                ),
            )
            .at(location)
            .hint("fix the tsconfig.json named above (its extends or references)");
        }
        let dir = importer.parent().unwrap_or(Path::new("/"));
        let mut d = Diagnostic::new(
            Code::UnresolvedImport,
            format!("Could not resolve \"{request}\""),
        )
        .at(location);
        let is_path = request.starts_with('.') || request.starts_with('/');
        if is_path {
            let base = dir.join(request);
            let shown = display_path(&self.root, &base);
            let mut tried = vec![shown.clone()];
            for ext in &self.extensions {
                tried.push(format!("{shown}{ext}"));
            }
            for ext in &self.extensions {
                tried.push(format!("{shown}/index{ext}"));
            }
            d = d.note(format!("tried: {}", tried.join(", ")));
            if let Some(h) = self.path_hint(&base) {
                d = d.hint(h);
            }
        } else {
            let package = package_name(request);
            let installed = dir
                .ancestors()
                .any(|a| a.join("node_modules").join(package).is_dir());
            match error {
                ResolveError::NotFound(_) if !installed => {
                    d = d
                        .note(format!(
                            "looked for node_modules/{package} in {} and every parent directory",
                            display_path(&self.root, dir)
                        ))
                        .hint(format!("the package \"{package}\" is not installed: run `npm install {package}`"));
                }
                other => {
                    d = d
                        .note(other.to_string().replace(&*self.root.to_string_lossy(), "."))
                        .hint(format!(
                            "\"{package}\" is installed but has no file for \"{request}\"; check its package.json \"exports\" and the path"
                        ));
                }
            }
        }
        d
    }

    /// Same stem with another extension, or a close name in the same directory.
    fn path_hint(&self, base: &Path) -> Option<String> {
        let dir = base.parent()?;
        let wanted = base.file_name()?.to_string_lossy().into_owned();
        let wanted_stem = wanted.split('.').next().unwrap_or(&wanted).to_string();
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .ok()?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        if let Some(same_stem) = names
            .iter()
            .find(|n| n.split('.').next() == Some(wanted_stem.as_str()) && **n != wanted)
        {
            let ext = same_stem.rsplit('.').next().unwrap_or("");
            return Some(format!(
                "found \"{same_stem}\": wrong extension? \".{ext}\" is not in resolve.extensions ({}), or write the file name in full",
                self.extensions.join(", ")
            ));
        }
        let best = names
            .iter()
            .map(|n| (strsim::jaro_winkler(&wanted, n), n))
            .filter(|(s, _)| *s > 0.75)
            .max_by(|a, b| a.0.total_cmp(&b.0))?;
        Some(format!("did you mean \"{}\"?", best.1))
    }

    pub fn builtin_on_web_diagnostic(&self, request: &str, location: Location) -> Diagnostic {
        debug_assert_eq!(self.target, Target::Web);
        Diagnostic::new(
            Code::NodeBuiltinOnWeb,
            format!("\"{request}\" is a Node.js built-in module and is not available in a build for the web"),
        )
        .at(location)
        .hint(format!(
            "install a browser version and alias it ([resolve.alias] \"{}\" = \"...\"), or build with target = \"node\"",
            request.trim_start_matches("node:")
        ))
    }
}

/// A package request (`pkg`, `@scope/pkg/file`), not a path (`./x`, `../x`, `/x`), as Node
/// tells them apart.
pub fn is_package_request(request: &str) -> bool {
    !request.is_empty() && !crate::config::shared::is_path(request)
}

/// `@scope/pkg/deep` -> `@scope/pkg`; `pkg/deep` -> `pkg`.
pub fn package_name(request: &str) -> &str {
    let mut parts = request.splitn(3, '/');
    let first = parts.next().unwrap_or("");
    if first.starts_with('@') {
        match parts.next() {
            Some(second) => &request[..first.len() + 1 + second.len()],
            None => first,
        }
    } else {
        first
    }
}

#[cfg(test)]
mod tests {
    use super::package_name;

    #[test]
    fn package_names() {
        for (req, want) in [
            ("react", "react"),
            ("react-dom/client", "react-dom"),
            ("@scope/pkg", "@scope/pkg"),
            ("@scope/pkg/deep/x", "@scope/pkg"),
        ] {
            assert_eq!(package_name(req), want, "{req}");
        }
    }
}
