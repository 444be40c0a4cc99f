//! `module`: arbitrary bytes as the one module of a project (the first byte picks the
//! extension, the target and source maps), built in production and in development: parse,
//! TypeScript/JSX transforms, analysis, concatenation, codegen. Nothing is written
//! (`pipeline::build_in_memory`); every diagnostic is rendered.
//!
//! The project has neighbours the module can import (`./dep.js`, `./dep.cjs`, `./dep.json`,
//! `./dep.css`, `./dep.ts`, package `pkg`), so that seeds with imports get past resolution.

use std::path::PathBuf;
use std::sync::OnceLock;

use mfbundle::config::{self, CliOverrides, Mode, Target};
use mfbundle::graph::NoProgress;
use mfbundle::pipeline;

use super::{render_all, temp_project, with_big_stack, write};

pub const EXTENSIONS: [&str; 7] = ["js", "mjs", "cjs", "ts", "tsx", "json", "css"];

fn project() -> &'static PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = temp_project("mfbundle-fuzz-module");
        write(&root, "package.json", r#"{"name":"app","version":"1.0.0"}"#);
        write(
            &root,
            "src/dep.js",
            "export const a = 1;\nexport let b = 2;\nexport function inc() { b++; }\nexport default function dep() { return a; }\n",
        );
        write(&root, "src/dep.cjs", "exports.c = 3;\nmodule.exports.d = () => 4;\n");
        write(&root, "src/dep.json", r#"{"e": 5, "list": [1, 2]}"#);
        write(&root, "src/dep.css", ".dep { color: red; }\n");
        write(&root, "src/dep.ts", "export enum E { A, B }\nexport const f: number = 6;\n");
        write(&root, "src/img.png", [0x89, b'P', b'N', b'G']);
        write(
            &root,
            "node_modules/pkg/package.json",
            r#"{"name":"pkg","version":"1.0.0","main":"index.js"}"#,
        );
        write(&root, "node_modules/pkg/index.js", "exports.g = 7;\n");
        root
    })
}

/// The project's configuration for a module `src/input.<ext>`.
pub fn config_text(ext: &str) -> String {
    format!("entry = \"./src/input.{ext}\"\n")
}

pub fn run(data: &[u8]) {
    let Some((&first, body)) = data.split_first() else {
        return;
    };
    let ext = EXTENSIONS[first as usize % EXTENSIONS.len()];
    let selector = first as usize / EXTENSIONS.len();
    let root = project();
    write(root, &format!("src/input.{ext}"), body);
    for mode in [Mode::Production, Mode::Development] {
        let overrides = CliOverrides {
            mode: Some(mode),
            target: Some(if selector & 1 == 1 {
                Target::Node
            } else {
                Target::Web
            }),
            sourcemap: selector & 2 == 2,
            ..Default::default()
        };
        let config = config::load_from_str(root, &config_text(ext), &overrides)
            .expect("the fixed configuration resolves");
        let (outcome, files) = with_big_stack(|| pipeline::build_in_memory(&config, &NoProgress));
        render_all(outcome.diagnostics.iter());
        if outcome.success() {
            assert!(
                files.iter().any(|f| f.name == "main.js"),
                "a successful build writes main.js"
            );
        } else {
            assert!(files.is_empty(), "a failed build writes nothing");
        }
    }
}
