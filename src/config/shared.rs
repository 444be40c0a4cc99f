//! The `shared` section: webpack's option shapes (array form, version-or-request strings,
//! item tables) validated into [`SharedItem`]s, with every error located on its key's line.

use crate::diagnostics::{Code, Diagnostic, Location};

use super::raw::{did_you_mean, locate_key_in};

/// One `shared` entry, with webpack's defaults applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedItem {
    /// The key as written: a package request (`react`), a prefix (`lodash/`) or a path
    /// (`./src/store.js`).
    pub key: String,
    /// The request the fallback and the provide resolve; `None` for `import = false`.
    pub import: Option<String>,
    pub share_key: String,
    pub share_scope: String,
    pub required_version: VersionSetting,
    pub version: VersionSetting,
    pub singleton: bool,
    /// webpack's default: `true` when there is a fallback and the item is not a singleton.
    pub strict_version: bool,
    pub eager: bool,
    pub package_name: Option<String>,
    /// `treeShaking = true`: the provided copy and the fallback keep only the exports that
    /// apps use (this build's, plus `--shared-used-exports`); the full copy stays available
    /// for consumers that need more (`analysis/shared_shaking.rs`).
    pub tree_shaking: bool,
    /// webpack's `include` / `exclude` (SharedModuleFilter, webpack 5.112): which matched
    /// modules are shared; a filtered-out one is bundled as if it were not.
    pub include: Option<ShareFilter>,
    pub exclude: Option<ShareFilter>,
}

/// A `SharedModuleFilter`: a version range tested against the module's version (a
/// consume's through its fallback), and a request tested against the rest of a request under
/// a prefix key (exactly, or as a regular expression written `/…/`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShareFilter {
    pub version: Option<String>,
    pub request: Option<RequestFilter>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestFilter {
    Exact(String),
    /// The pattern between the slashes of `/…/` (Rust's regex syntax, close to JavaScript's
    /// for the patterns such filters use).
    Pattern(String),
}

impl RequestFilter {
    fn matches(&self, remainder: &str) -> bool {
        match self {
            RequestFilter::Exact(s) => s == remainder,
            RequestFilter::Pattern(p) => regex::Regex::new(p).is_ok_and(|r| r.is_match(remainder)),
        }
    }
}

impl SharedItem {
    /// webpack's matchesRequestFilters: whether a request `remainder` under a prefix key is
    /// shared.
    pub fn shares_request(&self, remainder: &str) -> bool {
        let include = self.include.as_ref().and_then(|f| f.request.as_ref());
        let exclude = self.exclude.as_ref().and_then(|f| f.request.as_ref());
        include.is_none_or(|f| f.matches(remainder))
            && !exclude.is_some_and(|f| f.matches(remainder))
    }

    /// webpack's matchesVersionFilters: whether a module of `version` is shared; an unknown
    /// version fails `include`.
    pub fn shares_version(&self, version: Option<&str>) -> bool {
        let include = self.include.as_ref().and_then(|f| f.version.as_deref());
        let exclude = self.exclude.as_ref().and_then(|f| f.version.as_deref());
        if let Some(range) = include
            && !version.is_some_and(|v| satisfies(range, v))
        {
            return false;
        }
        !(exclude.is_some_and(|range| version.is_some_and(|v| satisfies(range, v))))
    }
}

/// `requiredVersion` / `version`: found automatically, turned off with `false`, or given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionSetting {
    Auto,
    Disabled,
    Given(String),
}

impl SharedItem {
    pub fn is_prefix(&self) -> bool {
        self.key.ends_with('/')
    }

    /// Keys that are paths match resolved files; other keys match requests.
    pub fn is_path_key(&self) -> bool {
        is_path(&self.key)
    }
}

pub fn is_path(s: &str) -> bool {
    is_relative(s) || s == "." || s == ".." || s.starts_with('/')
}

/// `./x` or `../x`: a request relative to the file that makes it.
pub fn is_relative(s: &str) -> bool {
    s.starts_with("./") || s.starts_with("../")
}

const ITEM_KEYS: [&str; 12] = [
    "import",
    "include",
    "exclude",
    "shareKey",
    "shareScope",
    "requiredVersion",
    "version",
    "singleton",
    "strictVersion",
    "eager",
    "packageName",
    "treeShaking",
];

/// webpack's rule: a string starting with a digit or `^ = v < > ~`, or exactly `*`/`x`/`X`,
/// is a version range; any other string is a request.
pub fn is_required_version(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() || "^=v<>~".contains(c) => true,
        Some('*' | 'x' | 'X') => chars.next().is_none(),
        _ => false,
    }
}

/// npm semantics for build-time checks (the run time uses webpack's own code). A range that
/// is not semver ("alpha", a git URL) matches only itself, as webpack compares such strings;
/// a version that is not semver under a semver range ("0" for an unknown one) is not judged.
pub fn satisfies(range: &str, version: &str) -> bool {
    match (
        nodejs_semver::Range::parse(range),
        nodejs_semver::Version::parse(version),
    ) {
        (Ok(r), Ok(v)) => r.satisfies(&v),
        (Err(_), _) => range.trim() == version.trim(),
        (Ok(_), Err(_)) => true,
    }
}

pub fn valid_range(s: &str) -> bool {
    nodejs_semver::Range::parse(s).is_ok()
}

/// `[shared]` read into items; options that webpack accepts and ignores are warnings, pushed
/// to `warnings`.
pub fn parse_shared(
    value: Option<&toml::Value>,
    default_scope: &str,
    text: &str,
    file: &str,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<SharedItem>, Vec<Diagnostic>> {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    let at = |key: &str| {
        locate_key_in(text, "shared", key)
            .map(|(s, e)| Location::from_range(file, text, s, e))
            .unwrap_or_else(|| Location::file_only(file))
    };
    let plain = |key: &str| SharedItem {
        key: key.to_string(),
        import: Some(key.to_string()),
        share_key: key.to_string(),
        share_scope: default_scope.to_string(),
        required_version: VersionSetting::Auto,
        version: VersionSetting::Auto,
        singleton: false,
        strict_version: true,
        eager: false,
        package_name: None,
        tree_shaking: false,
        include: None,
        exclude: None,
    };
    match value {
        None => {}
        Some(toml::Value::Array(list)) => {
            for v in list {
                match v.as_str() {
                    Some(key) if !key.is_empty() => items.push(plain(key)),
                    _ => errors.push(
                        Diagnostic::new(
                            Code::ConfigInvalid,
                            "shared = [...] lists package names as strings",
                        )
                        .at(at("shared"))
                        .hint("shared = [\"react\", \"react-dom\"]"),
                    ),
                }
            }
        }
        Some(toml::Value::Table(table)) => {
            for (key, v) in table {
                if key.trim().is_empty() {
                    errors.push(
                        Diagnostic::new(Code::ConfigInvalid, "shared has an empty key")
                            .at(at(key))
                            .hint("the key is the request to share, e.g. \"react\" = { singleton = true }"),
                    );
                    continue;
                }
                match v {
                    toml::Value::String(s) => {
                        let mut item = plain(key);
                        if s != key && is_required_version(s) {
                            if !valid_range(s) {
                                errors.push(invalid_range(key, s, at(key)));
                            }
                            item.required_version = VersionSetting::Given(s.clone());
                        } else {
                            item.import = Some(s.clone());
                        }
                        items.push(item);
                    }
                    toml::Value::Table(t) => match parse_item(key, t, default_scope, &at, warnings) {
                        Ok(item) => items.push(item),
                        Err(mut e) => errors.append(&mut e),
                    },
                    other => errors.push(
                        Diagnostic::new(
                            Code::ConfigInvalid,
                            format!("shared \"{key}\" is a {}; expected a version range, a request or a table", other.type_str()),
                        )
                        .at(at(key))
                        .hint(format!("\"{key}\" = \"^1.0.0\" or \"{key}\" = {{ singleton = true }}")),
                    ),
                }
            }
        }
        Some(other) => errors.push(
            Diagnostic::new(
                Code::ConfigInvalid,
                format!(
                    "shared is a {}; expected an array or a table",
                    other.type_str()
                ),
            )
            .at(at("shared"))
            .hint("shared = [\"react\"] or a [shared] table"),
        ),
    }
    if errors.is_empty() {
        Ok(items)
    } else {
        Err(errors)
    }
}

fn invalid_range(key: &str, range: &str, loc: Location) -> Diagnostic {
    Diagnostic::new(
        Code::ConfigInvalid,
        format!("shared \"{key}\": \"{range}\" is not a valid version range"),
    )
    .at(loc)
    .hint("use an npm range such as ^1.2.0, ~1.2, >=1 <3, 1.x or 1.0.0 - 2.0.0")
}

/// `{ version = "^1", request = "get" }` (or `request = "/^get/"`); `None` if malformed.
fn parse_filter(v: &toml::Value) -> Option<ShareFilter> {
    let t = v.as_table()?;
    let mut f = ShareFilter::default();
    for (k, v) in t {
        let s = v.as_str().filter(|s| !s.trim().is_empty())?;
        match k.as_str() {
            "version" => f.version = Some(s.to_string()),
            "request" => {
                f.request = Some(
                    match s.strip_prefix('/').and_then(|p| p.strip_suffix('/')) {
                        Some(p) if regex::Regex::new(p).is_ok() => {
                            RequestFilter::Pattern(p.to_string())
                        }
                        Some(_) => return None,
                        None => RequestFilter::Exact(s.to_string()),
                    },
                )
            }
            _ => return None,
        }
    }
    Some(f)
}

/// Reads one shared item's keys, collecting a type error for each key of the wrong type.
struct ItemReader<'a> {
    key: &'a str,
    t: &'a toml::Table,
    at: &'a dyn Fn(&str) -> Location,
    errors: Vec<Diagnostic>,
}

impl ItemReader<'_> {
    fn type_error(&mut self, k: &str, want: &str) {
        let key = self.key;
        self.errors.push(
            Diagnostic::new(
                Code::ConfigInvalid,
                format!("shared \"{key}\": {k} must be {want}"),
            )
            .at((self.at)(key))
            .hint("see federation.toml.example"),
        );
    }

    fn string(&mut self, k: &str) -> Option<String> {
        match self.t.get(k) {
            None => None,
            Some(toml::Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.type_error(k, "a string");
                None
            }
        }
    }

    fn boolean(&mut self, k: &str) -> Option<bool> {
        match self.t.get(k) {
            None => None,
            Some(toml::Value::Boolean(b)) => Some(*b),
            Some(_) => {
                self.type_error(k, "true or false");
                None
            }
        }
    }

    fn string_or_false(&mut self, k: &str) -> VersionSetting {
        match self.t.get(k) {
            None => VersionSetting::Auto,
            Some(toml::Value::String(s)) => VersionSetting::Given(s.clone()),
            Some(toml::Value::Boolean(false)) => VersionSetting::Disabled,
            Some(_) => {
                self.type_error(k, "a string or false");
                VersionSetting::Auto
            }
        }
    }

    /// `import`: the fallback request (the key itself unless given), or `false` for none.
    fn import(&mut self) -> Option<String> {
        match self.t.get("import") {
            None => Some(self.key.to_string()),
            Some(toml::Value::String(s)) if !s.is_empty() => Some(s.clone()),
            Some(toml::Value::Boolean(false)) => None,
            Some(_) => {
                self.type_error("import", "a request string or false");
                Some(self.key.to_string())
            }
        }
    }

    fn filter(&mut self, k: &str) -> Option<ShareFilter> {
        let v = self.t.get(k)?;
        let parsed = parse_filter(v);
        if parsed.is_none() {
            self.type_error(
                k,
                "a table { version = \"range\", request = \"rest\" or \"/pattern/\" }",
            );
        }
        parsed
    }

    /// Keys that no shared item has, each with the closest known key.
    fn unknown_keys(&mut self) {
        let candidates: Vec<String> = ITEM_KEYS.iter().map(|s| s.to_string()).collect();
        for k in self.t.keys() {
            if !ITEM_KEYS.contains(&k.as_str()) {
                let d = Diagnostic::new(
                    Code::ConfigUnknownKey,
                    format!("unknown key `{k}` in shared \"{}\"", self.key),
                )
                .at((self.at)(self.key));
                self.errors.push(match did_you_mean(k, &candidates) {
                    Some(best) => d.hint(format!("did you mean `{best}`?")),
                    None => d.hint(format!("shared item keys: {}", ITEM_KEYS.join(", "))),
                });
            }
        }
    }
}

fn parse_item(
    key: &str,
    t: &toml::Table,
    default_scope: &str,
    at: &dyn Fn(&str) -> Location,
    warnings: &mut Vec<Diagnostic>,
) -> Result<SharedItem, Vec<Diagnostic>> {
    let mut r = ItemReader {
        key,
        t,
        at,
        errors: Vec::new(),
    };
    r.unknown_keys();
    let import = r.import();
    let required_version = r.string_or_false("requiredVersion");
    // A string that starts like a range must be one (a typo such as "^^1" cannot work); any
    // other string ("alpha", a git URL) is a version webpack compares exactly.
    if let VersionSetting::Given(v) = &required_version
        && is_required_version(v)
        && !valid_range(v)
    {
        r.errors.push(invalid_range(key, v, at(key)));
    }
    let version = r.string_or_false("version");
    let singleton = r.boolean("singleton").unwrap_or(false);
    let eager = r.boolean("eager").unwrap_or(false);
    let tree_shaking = r.boolean("treeShaking").unwrap_or(false);
    let strict = r.boolean("strictVersion");
    let share_key = r.string("shareKey").unwrap_or_else(|| key.to_string());
    let own_scope = r.string("shareScope");
    let share_scope = own_scope
        .clone()
        .unwrap_or_else(|| default_scope.to_string());
    let package_name = r.string("packageName");
    let include = r.filter("include");
    let exclude = r.filter("exclude");
    for (k, v) in [
        ("shareKey", Some(&share_key)),
        ("shareScope", own_scope.as_ref()),
        ("packageName", package_name.as_ref()),
    ] {
        if v.is_some_and(|v| v.trim().is_empty()) {
            r.type_error(k, "a non-empty string");
        }
    }
    let mut errors = r.errors;
    if import.is_none() {
        import_false_conflicts(key, eager, &version, at, &mut errors, warnings);
    }
    if key.ends_with('/') != share_key.ends_with('/') && t.contains_key("shareKey") {
        errors.push(
            Diagnostic::new(
                Code::ConfigInvalid,
                format!("shared \"{key}\": a prefix key needs a prefix shareKey (ending with /)"),
            )
            .at(at(key))
            .hint("the rest of each matching request is appended to shareKey"),
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(SharedItem {
        key: key.to_string(),
        strict_version: strict.unwrap_or(import.is_some() && !singleton),
        import,
        share_key,
        share_scope,
        required_version,
        include,
        exclude,
        version,
        singleton,
        eager,
        package_name,
        tree_shaking,
    })
}

/// With `import = false` there is no fallback: `eager` is an error, `version` ignored.
fn import_false_conflicts(
    key: &str,
    eager: bool,
    version: &VersionSetting,
    at: &dyn Fn(&str) -> Location,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) {
    if eager {
        errors.push(
            Diagnostic::new(Code::ConfigInvalid, format!("shared \"{key}\": eager = true with import = false"))
                .at(at(key))
                .hint("eager bundles the fallback into the initial chunk, and import = false means there is none: drop one of them"),
        );
    }
    if matches!(version, VersionSetting::Given(_)) {
        // webpack's ConsumeSharedPlugin never reads `version`: ignored, as there.
        warnings.push(
            Diagnostic::new(Code::ConfigIgnored, format!("shared \"{key}\": version is ignored with import = false"))
                .at(at(key))
                .hint("version is the version this build provides; with import = false it only consumes, so drop version"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_or_request() {
        for (s, want) in [
            ("^18.0.0", true),
            ("18", true),
            ("~1.2", true),
            (">=1", true),
            ("=1.0.0", true),
            ("v1", true),
            ("*", true),
            ("x", true),
            ("X", true),
            ("xy", false),
            ("lib2", false),
            ("./local.js", false),
            ("@scope/pkg", false),
        ] {
            assert_eq!(is_required_version(s), want, "{s}");
        }
    }

    fn parse(toml_text: &str) -> Result<Vec<SharedItem>, Vec<Diagnostic>> {
        let v: toml::Table = toml::from_str(toml_text).unwrap();
        parse_shared(
            v.get("shared"),
            "default",
            toml_text,
            "federation.toml",
            &mut Vec::new(),
        )
    }

    #[test]
    fn shapes_and_defaults() {
        let items = parse(
            r#"
[shared]
"lodash-es" = "^4.17.21"
react = { singleton = true, requiredVersion = "^19.0.0" }
"lodash/" = {}
"lib-two" = { import = "lib2", requiredVersion = "^1.0.0", version = "1.3.4", strictVersion = true, eager = true }
"./src/store.js" = { import = false, shareKey = "store", shareScope = "other" }
other = "other-request"
"#,
        )
        .unwrap();
        let by = |k: &str| items.iter().find(|i| i.key == k).unwrap().clone();
        let l = by("lodash-es");
        assert_eq!(l.required_version, VersionSetting::Given("^4.17.21".into()));
        assert!(l.strict_version);
        let r = by("react");
        assert!(r.singleton && !r.strict_version);
        assert!(by("lodash/").is_prefix());
        let two = by("lib-two");
        assert_eq!(two.import.as_deref(), Some("lib2"));
        assert!(two.eager);
        let store = by("./src/store.js");
        assert_eq!(store.import, None);
        assert!(!store.strict_version);
        assert_eq!(store.share_scope, "other");
        assert!(store.is_path_key());
        assert_eq!(by("other").import.as_deref(), Some("other-request"));
        let arr = parse("shared = [\"react\"]\n").unwrap();
        assert_eq!(arr[0].share_key, "react");
    }

    #[test]
    fn errors_are_located() {
        let e = parse("[shared]\nreact = { singelton = true }\n").unwrap_err();
        assert_eq!(e[0].code, Code::ConfigUnknownKey);
        assert_eq!(e[0].hint.as_deref(), Some("did you mean `singleton`?"));
        assert_eq!(e[0].location.as_ref().unwrap().line, 2);
        let e = parse("[shared]\nreact = { requiredVersion = \"^^1\" }\n").unwrap_err();
        assert!(
            e[0].message.contains("not a valid version range"),
            "{}",
            e[0].message
        );
        let e = parse("[shared]\nx = { import = false, eager = true }\n").unwrap_err();
        assert!(e[0].message.contains("eager = true with import = false"));
    }

    #[test]
    fn include_exclude_filters() {
        let items = parse(
            "[shared]\nlib = { include = { version = \"^2\" } }\n\"kit/\" = { exclude = { request = \"/^int/\" }, include = { request = \"/\\\\.js$/\" } }\n",
        )
        .unwrap();
        let (kit, lib) = (&items[0], &items[1]);
        assert!(lib.shares_version(Some("2.1.0")) && !lib.shares_version(Some("1.5.0")));
        assert!(
            !lib.shares_version(None),
            "an unknown version fails include"
        );
        assert!(kit.shares_request("public.js") && !kit.shares_request("internal.js"));
        assert!(!kit.shares_request("public.mjs"));
        let e =
            parse("[shared]\nx = { include = \"^2\" }\ny = { exclude = { request = \"/(/\" } }\n")
                .unwrap_err();
        assert_eq!(e.len(), 2);
        assert!(
            e[0].message.contains("include must be a table"),
            "{}",
            e[0].message
        );
    }
}
