//! Package facts: every package.json a build consults, read once by the scan (from each
//! module's directory up to the filesystem root, and above outDir), so that no later stage
//! touches the filesystem. The look-ups are webpack's (sharing/utils.js,
//! `sideEffects`): the nearest description file of a file, its version, its
//! `sideEffects`, and the required version of a dependency from an issuer's chain of
//! description files.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::config::shared::is_required_version;

#[derive(Default, Debug)]
pub struct PackageFacts {
    /// package.json path -> its object (`None`: absent, unreadable or not a JSON object).
    files: HashMap<PathBuf, Option<serde_json::Value>>,
}

pub enum RequiredVersion {
    /// A range from a dependency list, and the package.json that has it.
    Found(String, PathBuf),
    /// The issuer is the package itself (no check), or the dependency is not a version
    /// (`file:`, `workspace:`, a git URL): webpack checks nothing.
    NoCheck,
    /// No package.json on the way up lists the package: the files looked at.
    NotFound(Vec<PathBuf>),
}

impl PackageFacts {
    /// Reads the package.json of every directory in `dirs` and of all their ancestors.
    pub fn read<'a>(dirs: impl IntoIterator<Item = &'a Path>) -> PackageFacts {
        // Modules share directories: each directory once, then its ancestors.
        let dirs: HashSet<&Path> = dirs.into_iter().collect();
        let mut all = BTreeSet::new();
        for dir in dirs {
            for d in dir.ancestors() {
                if !all.insert(d.to_path_buf()) {
                    break;
                }
            }
        }
        let files = all
            .into_iter()
            .map(|d| {
                let p = d.join("package.json");
                let value = std::fs::read_to_string(&p)
                    .ok()
                    .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
                    .filter(|v| v.is_object());
                (p, value)
            })
            .collect();
        PackageFacts { files }
    }

    fn read_file(&self, path: &Path) -> Option<&serde_json::Value> {
        self.files.get(path).and_then(Option::as_ref)
    }

    /// Whether the package of `file` says loading it has no side effects, as webpack reads
    /// `"sideEffects"` from the nearest package.json: `false`, or a glob (or list of globs)
    /// that the file's path in the package does not match. A glob without `/` matches the
    /// file name anywhere (`"*.css"` is `"**/*.css"`).
    pub fn side_effect_free(&self, file: &Path) -> bool {
        for dir in file.ancestors().skip(1) {
            let Some(v) = self.read_file(&dir.join("package.json")) else {
                continue;
            };
            let flag = match v.get("sideEffects") {
                Some(serde_json::Value::Bool(b)) => return !b,
                Some(flag @ (serde_json::Value::String(_) | serde_json::Value::Array(_))) => flag,
                _ => return false,
            };
            // Globs only: the file's path inside the package.
            let rel = file
                .strip_prefix(dir)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            let matches = |glob: &str| {
                let glob = glob.strip_prefix("./").unwrap_or(glob);
                if glob.contains('/') {
                    fast_glob::glob_match(glob, &rel)
                } else {
                    fast_glob::glob_match(format!("**/{glob}"), &rel)
                }
            };
            return match flag {
                serde_json::Value::String(glob) => !matches(glob),
                serde_json::Value::Array(globs) => {
                    !globs.iter().filter_map(|g| g.as_str()).any(matches)
                }
                _ => false,
            };
        }
        false
    }

    /// The nearest package.json above `file` and its `version`, if it has one.
    pub fn nearest_version(&self, file: &Path) -> (Option<PathBuf>, Option<String>) {
        for dir in file.ancestors().skip(1) {
            let p = dir.join("package.json");
            if let Some(v) = self.read_file(&p) {
                let version = v.get("version").and_then(|v| v.as_str()).map(String::from);
                return (Some(p), version);
            }
        }
        (None, None)
    }

    /// The package.json of `dir` itself, if it is a JSON object.
    pub fn of_dir(&self, dir: &Path) -> Option<&serde_json::Value> {
        self.read_file(&dir.join("package.json"))
    }

    /// Whether the nearest package.json above `dir` (itself excluded) says `"type":
    /// "module"`: Node then reads `.js` files in `dir` as ES modules.
    pub fn nearest_type_is_module(&self, dir: &Path) -> bool {
        dir.ancestors()
            .skip(1)
            .find_map(|d| self.read_file(&d.join("package.json")))
            .is_some_and(|v| v.get("type").and_then(|t| t.as_str()) == Some("module"))
    }

    /// webpack's `getDescriptionFile` + `getRequiredVersionFromDescriptionFile`: walk up from
    /// `dir` to the first package.json that is `package` itself or lists it in
    /// optionalDependencies, dependencies, peerDependencies or devDependencies.
    pub fn required_version(&self, dir: &Path, package: &str) -> RequiredVersion {
        let mut checked = Vec::new();
        for d in dir.ancestors() {
            let p = d.join("package.json");
            let Some(data) = self.read_file(&p) else {
                continue;
            };
            if data.get("name").and_then(|n| n.as_str()) == Some(package) {
                return RequiredVersion::NoCheck;
            }
            for list in [
                "optionalDependencies",
                "dependencies",
                "peerDependencies",
                "devDependencies",
            ] {
                if let Some(spec) = data.get(list).and_then(|l| l.get(package)) {
                    let spec = spec.as_str().unwrap_or("").trim();
                    return if is_required_version(spec) {
                        RequiredVersion::Found(spec.to_string(), p)
                    } else {
                        RequiredVersion::NoCheck
                    };
                }
            }
            checked.push(p);
        }
        RequiredVersion::NotFound(checked)
    }
}

/// Whether the nearest package.json above `importer` declares the package that `request`
/// names optional (`optionalDependencies`, or `peerDependenciesMeta.<name>.optional`).
/// Read by the scan, and only for a request that did not resolve.
pub fn declared_optional(importer: &Path, request: &str) -> bool {
    if !super::resolve::is_package_request(request) {
        return false;
    }
    let name = super::resolve::package_name(request);
    let Some(text) = importer
        .ancestors()
        .skip(1)
        .find_map(|d| std::fs::read_to_string(d.join("package.json")).ok())
    else {
        return false;
    };
    let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
        return false;
    };
    json.pointer(&format!(
        "/optionalDependencies/{}",
        name.replace('~', "~0").replace('/', "~1")
    ))
    .is_some()
        || json
            .get("peerDependenciesMeta")
            .and_then(|m| m.get(name))
            .and_then(|m| m.get("optional"))
            .and_then(|o| o.as_bool())
            .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::PackageFacts;

    /// `sideEffects` as webpack reads it: false, a glob, or a list of globs.
    #[test]
    fn side_effects_flag_and_globs() {
        let tmp = tempfile::tempdir().unwrap();
        let pkg = |name: &str, flag: &str| {
            let dir = tmp.path().join(name);
            std::fs::create_dir_all(dir.join("src/styles")).unwrap();
            std::fs::write(
                dir.join("package.json"),
                format!("{{\"sideEffects\": {flag}}}"),
            )
            .unwrap();
            dir
        };
        let table = [
            ("none", "null", "src/a.js", false),
            ("false", "false", "src/a.js", true),
            ("true", "true", "src/a.js", false),
            ("css-glob", "[\"*.css\"]", "src/a.js", true),
            ("css-glob2", "[\"*.css\"]", "src/styles/a.css", false),
            (
                "path-glob",
                "[\"./src/polyfill.js\"]",
                "src/polyfill.js",
                false,
            ),
            ("path-glob2", "[\"./src/polyfill.js\"]", "src/a.js", true),
            ("string", "\"src/styles/**\"", "src/styles/a.js", false),
            ("string2", "\"src/styles/**\"", "src/a.js", true),
        ];
        for (name, flag, file, free) in table {
            let dir = pkg(name, flag);
            let file = dir.join(file);
            let facts = PackageFacts::read([file.parent().unwrap()]);
            assert_eq!(
                facts.side_effect_free(&file),
                free,
                "{name} {}",
                file.display()
            );
        }
    }
}
