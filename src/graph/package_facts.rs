//! Package facts: every package.json a build consults, read once by the scan (from each
//! module's directory up to the filesystem root, and above outDir), so that no later stage
//! touches the filesystem. The look-ups are webpack's (sharing/utils.js,
//! `sideEffects`): the nearest description file of a file, its version, its
//! `sideEffects`, and the required version of a dependency from an issuer's chain of
//! description files.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use crate::config::shared::is_required_version;

#[derive(Default, Debug)]
pub struct PackageFacts {
    /// Every package.json read that is a JSON object, with its directory.
    packages: Vec<(PathBuf, serde_json::Value)>,
    /// package.json path -> its entry in `packages` (`None`: absent, unreadable or not a
    /// JSON object).
    files: FxHashMap<PathBuf, Option<usize>>,
    /// Every directory read -> its nearest package.json object (its own or an ancestor's),
    /// so a module's look-up is one probe rather than a walk to the root (made per module
    /// by several stages).
    nearest: FxHashMap<PathBuf, Option<usize>>,
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
        // Sorted, so a directory comes after its ancestors (all of which are in the set).
        let mut facts = PackageFacts::default();
        facts.files.reserve(all.len());
        facts.nearest.reserve(all.len());
        for d in all {
            let p = d.join("package.json");
            let value = std::fs::read_to_string(&p)
                .ok()
                .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
                .filter(|v| v.is_object());
            let own = value.map(|v| {
                facts.packages.push((d.clone(), v));
                facts.packages.len() - 1
            });
            let found = own.or_else(|| {
                d.parent()
                    .and_then(|up| facts.nearest.get(up).copied().flatten())
            });
            facts.files.insert(p, own);
            facts.nearest.insert(d, found);
        }
        facts
    }

    fn read_file(&self, path: &Path) -> Option<&serde_json::Value> {
        let i = (*self.files.get(path)?)?;
        Some(&self.packages[i].1)
    }

    /// The nearest package.json object at or above `dir`, with its directory: from the
    /// table made when they were read, else by walking up (a directory no module is in).
    fn nearest_at<'a>(&'a self, dir: &'a Path) -> Option<(&'a Path, &'a serde_json::Value)> {
        match self.nearest.get(dir) {
            Some(found) => {
                let (d, v) = &self.packages[(*found)?];
                Some((d, v))
            }
            None => dir
                .ancestors()
                .find_map(|d| Some((d, self.read_file(&d.join("package.json"))?))),
        }
    }

    /// Whether the package of `file` says loading it has no side effects, as webpack reads
    /// `"sideEffects"` from the nearest package.json: `false`, or a glob (or list of globs)
    /// that the file's path in the package does not match. A glob without `/` matches the
    /// file name anywhere (`"*.css"` is `"**/*.css"`).
    pub fn side_effect_free(&self, file: &Path) -> bool {
        if let Some((dir, v)) = file.parent().and_then(|d| self.nearest_at(d)) {
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
        match file.parent().and_then(|d| self.nearest_at(d)) {
            Some((dir, v)) => {
                let version = v.get("version").and_then(|v| v.as_str()).map(String::from);
                (Some(dir.join("package.json")), version)
            }
            None => (None, None),
        }
    }

    /// The package.json of `dir` itself, if it is a JSON object.
    pub fn of_dir(&self, dir: &Path) -> Option<&serde_json::Value> {
        self.read_file(&dir.join("package.json"))
    }

    /// Whether the nearest package.json above `dir` (itself excluded) says `"type":
    /// "module"`: Node then reads `.js` files in `dir` as ES modules.
    pub fn nearest_type_is_module(&self, dir: &Path) -> bool {
        dir.parent()
            .and_then(|up| self.nearest_at(up))
            .is_some_and(|(_, v)| v.get("type").and_then(|t| t.as_str()) == Some("module"))
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

    /// The nearest package.json is found the same way for a directory the facts were read
    /// for (from the table) and for one they were not (by walking up), and a nearer
    /// package.json that is not a JSON object is passed over.
    #[test]
    fn nearest_description_file_from_the_table_and_by_walking() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("pkg");
        std::fs::create_dir_all(root.join("src/deep/er")).unwrap();
        std::fs::create_dir_all(root.join("other")).unwrap();
        std::fs::write(
            root.join("package.json"),
            r#"{"version": "1.2.3", "type": "module", "sideEffects": false}"#,
        )
        .unwrap();
        std::fs::write(root.join("src/package.json"), "[1, 2]").unwrap();
        let facts = PackageFacts::read([root.join("src/deep/er").as_path()]);
        assert!(facts.nearest.contains_key(&root.join("src/deep")));
        assert!(!facts.nearest.contains_key(&root.join("other")));
        for file in ["src/deep/er/a.js", "src/a.js", "other/a.js", "a.js"] {
            let file = root.join(file);
            assert!(facts.side_effect_free(&file), "{}", file.display());
            assert_eq!(
                facts.nearest_version(&file),
                (Some(root.join("package.json")), Some("1.2.3".into())),
                "{}",
                file.display()
            );
        }
        assert!(facts.nearest_type_is_module(&root.join("src/deep")));
        assert!(facts.nearest_type_is_module(&root.join("other/x")));
        assert!(!facts.nearest_type_is_module(&root));
    }
}
