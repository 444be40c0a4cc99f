//! `exposes`, `remotes`, `filename`, `library` and `remoteType`: what this build offers as a
//! container and which containers it loads, in webpack's option shapes.

use crate::diagnostics::{Code, Diagnostic, Location};

use super::raw::{locate_key, locate_key_in};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibraryType {
    /// `var app1 = container` (default).
    Var,
    /// `app1 = container`, no declaration.
    Assign,
    /// `module.exports = container` (`commonjs-module`, `commonjs2`).
    CommonJsModule,
    /// `exports["app1"] = container`.
    CommonJs,
    /// An ES module: `export { get, init }`.
    Module,
    /// `globalThis["app1"] = container` (also `window`, `self`, and `this`: the top-level
    /// `this`).
    Global,
    Window,
    SelfGlobal,
    This,
    /// webpack's universal module definition: CommonJS, AMD or a global, whichever exists.
    Umd,
    /// `define("app1", [], factory)`.
    Amd,
    /// `require([], factory)`: runs, publishes nothing.
    AmdRequire,
    /// `app1(container)`: a callback the page defines.
    Jsonp,
    /// `System.register("app1", [], …)`, for SystemJS.
    System,
}

impl LibraryType {
    /// Every type, with webpack's name first where there are two.
    const NAMES: [(&'static str, LibraryType); 16] = [
        ("var", LibraryType::Var),
        ("assign", LibraryType::Assign),
        ("commonjs-module", LibraryType::CommonJsModule),
        ("commonjs2", LibraryType::CommonJsModule),
        ("commonjs", LibraryType::CommonJs),
        ("module", LibraryType::Module),
        ("global", LibraryType::Global),
        ("window", LibraryType::Window),
        ("self", LibraryType::SelfGlobal),
        ("this", LibraryType::This),
        ("umd", LibraryType::Umd),
        ("umd2", LibraryType::Umd),
        ("amd", LibraryType::Amd),
        ("amd-require", LibraryType::AmdRequire),
        ("jsonp", LibraryType::Jsonp),
        ("system", LibraryType::System),
    ];

    pub fn parse(s: &str) -> Option<LibraryType> {
        Self::NAMES.iter().find(|(n, _)| *n == s).map(|(_, t)| *t)
    }

    /// webpack's name of the type (`mf-manifest.json`'s remoteEntry.type).
    pub fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, t)| *t == self)
            .map_or("var", |(n, _)| n)
    }

    /// All names, for messages.
    pub fn names() -> String {
        Self::NAMES
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Types that write the name as a JavaScript identifier.
    pub fn needs_identifier(self) -> bool {
        matches!(
            self,
            LibraryType::Var | LibraryType::Assign | LibraryType::Jsonp
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expose {
    /// `"./Button"` or `"."`.
    pub key: String,
    /// Requests, relative to the project; evaluated in order, the last one's exports returned.
    pub imports: Vec<String>,
    /// Chunk name for the exposed module.
    pub name: Option<String>,
}

/// How a remote container is obtained at run time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoteExternal {
    /// `name@url` with remoteType script: load the URL with a script tag, read global `name`.
    Script { global: String, url: String },
    /// `var <expr>`: the expression's value.
    Var(String),
    /// `promise <expr>`: a Promise of the container.
    Promise(String),
    /// `commonjs-module <path>`: `require(path)`, relative to the output file (Node); an
    /// `http(s)://` URL is fetched and evaluated as Node evaluates a required file (an SSR
    /// remote entry).
    CommonJsModule(String),
    /// `module <url>` (or `name@url` with remoteType module): `import(url)`.
    Module(String),
    /// `name@<url>.json` (MF 2.0's manifest remotes): fetch the remote's mf-manifest.json,
    /// then load the entry it names, the way its `remoteEntry.type` says (`import()` for
    /// "module"/"esm", else a script tag defining its `globalName`).
    Manifest { name: String, url: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remote {
    /// The request prefix: `app2` matches `app2` and `app2/...`.
    pub key: String,
    /// Alternatives, tried in order.
    pub externals: Vec<RemoteExternal>,
    pub share_scope: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Containers {
    /// remoteEntry.js and how it publishes the container; `None` without `exposes`.
    pub filename: String,
    pub library: Option<LibraryType>,
    /// The global (or property) name the container is published under: `library.name`,
    /// else `name`. Empty without `exposes`.
    pub global_name: String,
    /// umd: `define(global_name, [], factory)` (webpack's library.umdNamedDefine).
    pub umd_named_define: bool,
    pub exposes: Vec<Expose>,
    pub remotes: Vec<Remote>,
}

pub struct RawContainers<'a> {
    pub filename: Option<&'a str>,
    pub library_type: Option<&'a str>,
    pub remote_type: Option<&'a str>,
    pub exposes: Option<&'a toml::Value>,
    pub remotes: Option<&'a toml::Value>,
}

pub fn parse_containers(
    raw: RawContainers,
    default_scope: &str,
    text: &str,
    file: &str,
) -> Result<Containers, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let at = |key: &str| {
        locate_key(text, key)
            .map(|(s, e)| Location::from_range(file, text, s, e))
            .unwrap_or_else(|| Location::file_only(file))
    };
    let invalid = |key: &str, message: String, hint: &str| {
        Diagnostic::new(Code::ConfigInvalid, message)
            .at(at(key))
            .hint(hint)
    };
    // A key of the [exposes] or [remotes] table.
    let at_in = |section: &str, key: &str| {
        locate_key_in(text, section, key)
            .map(|(s, e)| Location::from_range(file, text, s, e))
            .unwrap_or_else(|| Location::file_only(file))
    };
    let invalid_in = |section: &str, key: &str, message: String, hint: &str| {
        Diagnostic::new(Code::ConfigInvalid, message)
            .at(at_in(section, key))
            .hint(hint)
    };
    let library = match raw.library_type {
        None => LibraryType::Var,
        Some(t) => LibraryType::parse(t).unwrap_or_else(|| {
            errors.push(invalid(
                "library",
                format!("unknown library type \"{t}\""),
                &format!("library types: {}", LibraryType::names()),
            ));
            LibraryType::Var
        }),
    };
    let remote_type = raw.remote_type.unwrap_or("script");
    if !REMOTE_TYPES.contains(&remote_type) {
        errors.push(invalid(
            "remoteType",
            format!("remoteType \"{remote_type}\" is not supported"),
            "remoteType is one of script, module, import, var, assign, promise, commonjs, commonjs-module, commonjs2, node-commonjs, global, window or self",
        ));
    }

    if let Some(f) = raw.filename
        && (f.trim().is_empty()
            || f.starts_with('/')
            || f.contains('\\')
            || f.split('/')
                .any(|part| part.is_empty() || part == "." || part == ".."))
    {
        errors.push(invalid(
            "filename",
            format!("filename \"{f}\" is not a file name inside outDir"),
            "use a relative name such as \"remoteEntry.js\" (sub-folders allowed, no . or .. parts)",
        ));
    }

    let mut exposes = Vec::new();
    match raw.exposes {
        None => {}
        Some(toml::Value::Table(t)) => {
            for (key, v) in t {
                if let Some(e) = parse_expose(key, v, &mut errors, &at_in, &invalid_in) {
                    exposes.push(e);
                }
            }
        }
        Some(_) => errors.push(invalid(
            "exposes",
            "exposes must be a table".into(),
            "[exposes]\n\"./Button\" = \"./src/Button.js\"",
        )),
    }

    let mut remotes = Vec::new();
    match raw.remotes {
        None => {}
        Some(toml::Value::Table(t)) => {
            for (key, v) in t {
                if let Some(r) =
                    parse_remote(key, v, remote_type, default_scope, &mut errors, &invalid_in)
                {
                    remotes.push(r);
                }
            }
        }
        Some(_) => errors.push(invalid(
            "remotes",
            "remotes must be a table".into(),
            "[remotes]\napp2 = \"app2@http://localhost:3002/remoteEntry.js\"",
        )),
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Containers {
        filename: raw.filename.unwrap_or("remoteEntry.js").to_string(),
        library: if exposes.is_empty() {
            None
        } else {
            Some(library)
        },
        global_name: String::new(),
        umd_named_define: false,
        exposes,
        remotes,
    })
}

/// `at_in(section, key)`: where a key of the [exposes] or [remotes] table is.
type AtIn<'a> = dyn Fn(&str, &str) -> Location + 'a;
/// `invalid_in(section, key, message, hint)`: an MF2001 there.
type InvalidIn<'a> = dyn Fn(&str, &str, String, &str) -> Diagnostic + 'a;

/// One `[exposes]` item: a request, a list of requests, or `{ import, name }`.
fn parse_expose(
    key: &String,
    v: &toml::Value,
    errors: &mut Vec<Diagnostic>,
    at_in: &AtIn,
    invalid_in: &InvalidIn,
) -> Option<Expose> {
    if key == "./" {
        errors.push(invalid_in(
            "exposes",
            key,
            "exposed name \"./\" names nothing".into(),
            "write \".\" for the package root, or \"./Button\": hosts import it as remote/Button",
        ));
        return None;
    }
    // A name without "./" ("Title") is what webpack allows too: container.get("Title")
    // finds it, though no `import "remote/…"` request maps to it.
    let strings = |v: &toml::Value| -> Option<Vec<String>> {
        match v {
            toml::Value::String(s) => Some(vec![s.clone()]),
            toml::Value::Array(a) if !a.is_empty() => {
                a.iter().map(|x| x.as_str().map(String::from)).collect()
            }
            _ => None,
        }
    };
    let (imports, name) = match v {
        toml::Value::Table(item) => {
            for k in item.keys() {
                if k != "import" && k != "name" {
                    errors.push(
                        Diagnostic::new(
                            Code::ConfigUnknownKey,
                            format!("unknown key `{k}` in exposes \"{key}\""),
                        )
                        .at(at_in("exposes", key))
                        .hint("exposed items take import and name"),
                    );
                }
            }
            (
                item.get("import").and_then(strings),
                item.get("name").and_then(|n| n.as_str()).map(String::from),
            )
        }
        other => (strings(other), None),
    };
    if let Some(n) = &name
        && !is_file_name(n)
    {
        errors.push(invalid_in(
            "exposes",
            key,
            format!("exposes \"{key}\": chunk name \"{n}\" cannot be used as a file name"),
            "use a plain name such as \"button\" (no /, \\ or leading .)",
        ));
    }
    match imports.filter(|i| i.iter().all(|r| !r.trim().is_empty())) {
        Some(imports) => Some(Expose {
            key: key.clone(),
            imports,
            name,
        }),
        None => {
            errors.push(invalid_in(
                "exposes",
                key,
                format!("exposes \"{key}\" needs a request or a list of requests"),
                "\"./Button\" = \"./src/Button.js\"",
            ));
            None
        }
    }
}

/// One `[remotes]` item: an external, a list of alternatives, or `{ external, shareScope }`.
fn parse_remote(
    key: &String,
    v: &toml::Value,
    remote_type: &str,
    default_scope: &str,
    errors: &mut Vec<Diagnostic>,
    invalid_in: &InvalidIn,
) -> Option<Remote> {
    if key.trim().is_empty() {
        errors.push(invalid_in(
            "remotes",
            key,
            "a remote has an empty key".into(),
            "the key is the request prefix hosts import with: app2 = \"app2@http://...\"",
        ));
        return None;
    }
    let (spec, share_scope) = match v {
        toml::Value::Table(item) => (
            item.get("external"),
            item.get("shareScope").and_then(|s| s.as_str()),
        ),
        other => (Some(other), None),
    };
    let list: Vec<&str> = match spec {
        Some(toml::Value::String(s)) => vec![s.as_str()],
        Some(toml::Value::Array(a)) => a.iter().filter_map(|x| x.as_str()).collect(),
        _ => vec![],
    };
    if list.is_empty() {
        errors.push(invalid_in(
            "remotes",
            key,
            format!(
                "remote \"{key}\" needs an external: \"name@url\", \"commonjs-module ./path\", ..."
            ),
            "app2 = \"app2@http://localhost:3002/remoteEntry.js\"",
        ));
        return None;
    }
    if share_scope.is_some_and(|s| s.trim().is_empty()) {
        errors.push(invalid_in(
            "remotes",
            key,
            format!("remote \"{key}\": shareScope is empty"),
            "name the share scope, e.g. shareScope = \"default\"",
        ));
    }
    let mut externals = Vec::new();
    for s in list {
        match parse_external(s, remote_type) {
                Some(e) => externals.push(e),
                None => errors.push(invalid_in(
                    "remotes",
                    key,
                    format!("remote \"{key}\": cannot read \"{s}\""),
                    "use name@url, or a type prefix: var <expr>, promise <expr>, commonjs-module <path>, module <url>, script name@url",
                )),
            }
    }
    Some(Remote {
        key: key.clone(),
        externals,
        share_scope: share_scope.unwrap_or(default_scope).to_string(),
    })
}

/// The external types a remote may have (webpack's names), as a prefix of its value or as the
/// top-level `remoteType`. webpack's module-system types (amd, umd, system, jsonp) and `this`
/// have no container to load in mfbundle's output.
const REMOTE_TYPES: [&str; 13] = [
    "script",
    "module",
    "import",
    "var",
    "assign",
    "promise",
    "commonjs",
    "commonjs-module",
    "commonjs2",
    "node-commonjs",
    "global",
    "window",
    "self",
];

fn parse_external(s: &str, remote_type: &str) -> Option<RemoteExternal> {
    let s = s.trim();
    let (ty, rest) = match s.split_once(' ') {
        Some((t, r)) if REMOTE_TYPES.contains(&t) => (t, r.trim()),
        _ => (remote_type, s),
    };
    let name_at_url = |r: &str| -> Option<(String, String)> {
        let (name, url) = r.split_once('@')?;
        (!name.is_empty() && !url.is_empty()).then(|| (name.to_string(), url.to_string()))
    };
    // `app2@http://.../mf-manifest.json`: the remote's manifest, whatever the type says.
    if let Some((name, url)) = name_at_url(rest)
        && is_manifest_url(&url)
        && matches!(ty, "script" | "module" | "import")
    {
        return Some(RemoteExternal::Manifest { name, url });
    }
    Some(match ty {
        "var" | "assign" => RemoteExternal::Var(rest.to_string()),
        // A property of the global object, as webpack reads `global`/`window`/`self` externals.
        "global" | "window" | "self" => {
            let object = if ty == "global" { "globalThis" } else { ty };
            RemoteExternal::Var(format!(
                "{object}[{}]",
                serde_json::to_string(rest).unwrap_or_default()
            ))
        }
        "promise" => RemoteExternal::Promise(rest.to_string()),
        "commonjs-module" | "commonjs" | "commonjs2" | "node-commonjs" => {
            RemoteExternal::CommonJsModule(rest.to_string())
        }
        "module" | "import" => match name_at_url(rest) {
            Some((_, url)) => RemoteExternal::Module(url),
            None => RemoteExternal::Module(rest.to_string()),
        },
        _ => {
            let (global, url) = name_at_url(rest)?;
            RemoteExternal::Script { global, url }
        }
    })
}

/// A URL whose path ends in `.json`: an MF 2.0 manifest rather than a remote entry.
fn is_manifest_url(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.ends_with(".json")
}

/// A name that can be a file name in outDir as it is: not empty, no separators, not hidden
/// or a parent reference.
pub(crate) fn is_file_name(name: &str) -> bool {
    !name.trim().is_empty() && !name.contains(['/', '\\']) && !name.starts_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn externals() {
        for (s, want) in [
            (
                "app2@http://localhost:3002/remoteEntry.js",
                RemoteExternal::Script {
                    global: "app2".into(),
                    url: "http://localhost:3002/remoteEntry.js".into(),
                },
            ),
            (
                "commonjs-module ./app3/remoteEntry.js",
                RemoteExternal::CommonJsModule("./app3/remoteEntry.js".into()),
            ),
            ("var window.app4", RemoteExternal::Var("window.app4".into())),
            (
                "app5@http://localhost:3005/mf-manifest.json",
                RemoteExternal::Manifest {
                    name: "app5".into(),
                    url: "http://localhost:3005/mf-manifest.json".into(),
                },
            ),
            (
                "module app6@http://localhost:3006/mf-manifest.json?v=2",
                RemoteExternal::Manifest {
                    name: "app6".into(),
                    url: "http://localhost:3006/mf-manifest.json?v=2".into(),
                },
            ),
            (
                "promise import('x')",
                RemoteExternal::Promise("import('x')".into()),
            ),
            (
                "module http://x/remoteEntry.mjs",
                RemoteExternal::Module("http://x/remoteEntry.mjs".into()),
            ),
            (
                "commonjs2 ./app5/remoteEntry.js",
                RemoteExternal::CommonJsModule("./app5/remoteEntry.js".into()),
            ),
            (
                "global app6",
                RemoteExternal::Var("globalThis[\"app6\"]".into()),
            ),
            (
                "window app7",
                RemoteExternal::Var("window[\"app7\"]".into()),
            ),
        ] {
            assert_eq!(parse_external(s, "script"), Some(want), "{s}");
        }
        // A top-level remoteType applies to values without a prefix.
        for (ty, s, want) in [
            (
                "commonjs-module",
                "../remote/dist/remoteEntry.js",
                RemoteExternal::CommonJsModule("../remote/dist/remoteEntry.js".into()),
            ),
            ("var", "app8", RemoteExternal::Var("app8".into())),
            ("self", "app9", RemoteExternal::Var("self[\"app9\"]".into())),
        ] {
            assert_eq!(parse_external(s, ty), Some(want), "{ty} {s}");
        }
        assert_eq!(parse_external("no-at-sign", "script"), None);
    }
}
