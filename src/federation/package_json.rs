//! package.json look-ups the federation stage needs, as webpack's sharing/utils.js does
//! them: the nearest description file of a file, and the required version of a dependency
//! from the issuer's chain of description files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::shared::is_required_version;

#[derive(Default)]
pub struct PackageJsonCache {
    files: HashMap<PathBuf, Option<serde_json::Value>>,
}

pub enum RequiredVersion {
    /// A range from a dependency list.
    Found(String),
    /// The issuer is the package itself (no check), or the dependency is not a version
    /// (`file:`, `workspace:`, a git URL): webpack checks nothing.
    NoCheck,
    /// No package.json on the way up lists the package: the files looked at.
    NotFound(Vec<PathBuf>),
}

impl PackageJsonCache {
    fn read(&mut self, path: &Path) -> Option<&serde_json::Value> {
        self.files
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                let text = std::fs::read_to_string(path).ok()?;
                serde_json::from_str::<serde_json::Value>(&text)
                    .ok()
                    .filter(|v| v.is_object())
            })
            .as_ref()
    }

    /// Whether the package of `file` says loading it has no side effects, as webpack reads
    /// `"sideEffects"` from the nearest package.json: `false`, or a glob (or list of globs)
    /// that the file's path in the package does not match. A glob without `/` matches the
    /// file name anywhere (`"*.css"` is `"**/*.css"`).
    pub fn side_effect_free(&mut self, file: &Path) -> bool {
        for dir in file.ancestors().skip(1) {
            let Some(v) = self.read(&dir.join("package.json")) else {
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
    pub fn nearest_version(&mut self, file: &Path) -> (Option<PathBuf>, Option<String>) {
        for dir in file.ancestors().skip(1) {
            let p = dir.join("package.json");
            if let Some(v) = self.read(&p) {
                let version = v.get("version").and_then(|v| v.as_str()).map(String::from);
                return (Some(p), version);
            }
        }
        (None, None)
    }

    /// webpack's `getDescriptionFile` + `getRequiredVersionFromDescriptionFile`: walk up from
    /// `dir` to the first package.json that is `package` itself or lists it in
    /// optionalDependencies, dependencies, peerDependencies or devDependencies.
    pub fn required_version(&mut self, dir: &Path, package: &str) -> RequiredVersion {
        let mut checked = Vec::new();
        for d in dir.ancestors() {
            let p = d.join("package.json");
            let Some(data) = self.read(&p) else { continue };
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
                        RequiredVersion::Found(spec.to_string())
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

#[cfg(test)]
mod tests {
    use super::PackageJsonCache;

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
        let mut cache = PackageJsonCache::default();
        for (name, flag, file, free) in table {
            let dir = pkg(name, flag);
            assert_eq!(
                cache.side_effect_free(&dir.join(file)),
                free,
                "{name} {file}"
            );
        }
    }
}
