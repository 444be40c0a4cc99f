//! `types = { compiler = "tsc" }`: the exposed modules' declarations from the project's own
//! `tsc`, as `@module-federation/dts-plugin` makes them (a temporary tsconfig extending the
//! project's, `declaration` + `emitDeclarationOnly` into a temporary outDir), for code whose
//! exports need inference that isolated declarations cannot do.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::config::{BuildConfig, display_path};
use crate::diagnostics::{Code, Diagnostic, Location};

use super::types::Declared;

/// The project's tsc: `node_modules/.bin/tsc` in the project or an ancestor.
fn find_tsc(root: &Path) -> Option<PathBuf> {
    root.ancestors()
        .map(|d| d.join("node_modules/.bin/tsc"))
        .find(|p| p.is_file())
}

/// Declarations of `exposed` and of the project files they import, keyed by source path.
pub fn declare_with_tsc(
    exposed: Vec<PathBuf>,
    config: &BuildConfig,
) -> Result<BTreeMap<PathBuf, Declared>, Box<Diagnostic>> {
    let file = display_path(&config.root, &config.config_file);
    let failed = |message: String, hint: &str| {
        Box::new(
            Diagnostic::new(Code::TypesCompilerFailed, message)
                .at(Location::file_only(&file))
                .hint(hint.to_string()),
        )
    };
    let tsc = find_tsc(&config.root).ok_or_else(|| {
        failed(
            "types: compiler = \"tsc\" but there is no node_modules/.bin/tsc in the project or above it".into(),
            "install TypeScript (npm install -D typescript), or use compiler = \"isolated\"",
        )
    })?;
    let work = std::env::temp_dir().join(format!(
        "mfbundle-types-{}-{}",
        std::process::id(),
        xxhash_rust::xxh3::xxh3_64(config.root.to_string_lossy().as_bytes())
    ));
    let _ = std::fs::remove_dir_all(&work);
    let out = work.join("out");
    let result = (|| {
        std::fs::create_dir_all(&work).map_err(|e| {
            failed(
                format!("types: cannot create {}: {e}", work.display()),
                "check the temporary directory",
            )
        })?;
        let mut tsconfig = serde_json::json!({
            "compilerOptions": {
                "declaration": true,
                "emitDeclarationOnly": true,
                "noEmit": false,
                "noEmitOnError": false,
                "declarationMap": false,
                "sourceMap": false,
                "incremental": false,
                "composite": false,
                "skipLibCheck": true,
                "rootDir": config.root,
                "outDir": out,
            },
            "files": exposed,
            "include": [],
        });
        let project = config.root.join("tsconfig.json");
        if project.is_file() {
            tsconfig["extends"] = serde_json::json!(project);
        }
        let path = work.join("tsconfig.json");
        std::fs::write(
            &path,
            serde_json::to_string_pretty(&tsconfig).unwrap_or_default(),
        )
        .map_err(|e| {
            failed(
                format!("types: cannot write {}: {e}", path.display()),
                "check the temporary directory",
            )
        })?;
        let run = Command::new(&tsc)
            .arg("--project")
            .arg(&path)
            .current_dir(&config.root)
            .output()
            .map_err(|e| {
                failed(
                    format!("types: cannot run {}: {e}", tsc.display()),
                    "check that Node is installed",
                )
            })?;
        let mut declared = BTreeMap::new();
        collect(&out, &out, &config.root, &mut declared);
        if declared.is_empty() {
            let text = String::from_utf8_lossy(&run.stdout).to_string()
                + &String::from_utf8_lossy(&run.stderr);
            let first: Vec<&str> = text.lines().take(5).collect();
            return Err(failed(
                format!("types: tsc wrote no declarations: {}", first.join(" | ")),
                "run the project's tsc to see why",
            ));
        }
        Ok(declared)
    })();
    let _ = std::fs::remove_dir_all(&work);
    result
}

/// Every `.d.ts` under `dir`, keyed by the source path it declares (`out/src/W.d.ts` ->
/// `root/src/W.tsx` when that exists).
fn collect(dir: &Path, out: &Path, root: &Path, declared: &mut BTreeMap<PathBuf, Declared>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out, root, declared);
            continue;
        }
        let Ok(dts) = std::fs::read_to_string(&path) else {
            continue;
        };
        let rel = path
            .strip_prefix(out)
            .unwrap_or(&path)
            .to_string_lossy()
            .to_string();
        let Some((stem, exts)) = [
            (".d.ts", &[".ts", ".tsx"][..]),
            (".d.mts", &[".mts"]),
            (".d.cts", &[".cts"]),
        ]
        .iter()
        .find_map(|(d, exts)| rel.strip_suffix(d).map(|s| (s.to_string(), *exts))) else {
            continue;
        };
        let source = exts
            .iter()
            .map(|e| root.join(format!("{stem}{e}")))
            .find(|p| p.is_file())
            .unwrap_or_else(|| root.join(format!("{stem}{}", exts[0])));
        declared.insert(source, super::types::as_written(dts));
    }
}
