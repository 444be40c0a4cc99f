//! `config`: federation.toml text -> configuration resolution (`config::load_from_str`, what
//! `config::load` does after reading the file), the `define` expressions parsed, every
//! diagnostic rendered; and, when the configuration resolves, an in-memory build of a small
//! project with it (federation options reach codegen: share keys, exposes, remotes, names).

use std::path::PathBuf;
use std::sync::OnceLock;

use mfbundle::config::{self, CliOverrides};
use mfbundle::graph::{NoProgress, parse::Defines};
use mfbundle::pipeline;

use super::{render_all, temp_project, with_big_stack, write};

/// One project per process: a source tree the configurations can name.
fn project() -> &'static PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = temp_project("mfbundle-fuzz-config");
        write(
            &root,
            "package.json",
            r#"{"name":"app","version":"1.0.0","dependencies":{"lib":"^1.0.0","react":"^18.0.0"}}"#,
        );
        write(
            &root,
            "src/index.js",
            "import { a } from \"lib\";\nimport(\"./lazy.js\").then((m) => console.log(m.b));\nconsole.log(a, process.env.NODE_ENV);\n",
        );
        write(&root, "src/lazy.js", "export const b = 2;\n");
        write(
            &root,
            "src/Button.jsx",
            "export default function Button() { return <button>hi</button>; }\n",
        );
        write(
            &root,
            "node_modules/lib/package.json",
            r#"{"name":"lib","version":"1.2.3","main":"index.js","sideEffects":false}"#,
        );
        write(
            &root,
            "node_modules/lib/index.js",
            "export const a = 1;\nexport const unused = 3;\n",
        );
        write(
            &root,
            "node_modules/react/package.json",
            r#"{"name":"react","version":"18.3.1","main":"index.js"}"#,
        );
        write(
            &root,
            "node_modules/react/index.js",
            "exports.createElement = () => null;\n",
        );
        write(
            &root,
            "node_modules/react/jsx-runtime.js",
            "exports.jsx = () => null;\nexports.jsxs = () => null;\n",
        );
        root
    })
}

pub fn run(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let root = project();
    let config = match config::load_from_str(root, text, &CliOverrides::default()) {
        Ok(c) => c,
        Err(errors) => {
            assert!(!errors.is_empty(), "a failed resolution says why");
            render_all(&errors);
            return;
        }
    };
    if let Err(errors) = Defines::parse(&config.define) {
        render_all(&errors);
        return;
    }
    // The build reads what the configuration names: not devices or /proc files, nothing
    // above the project. It writes nothing (build_in_memory).
    if ["..", "/dev", "/proc", "/sys"]
        .iter()
        .any(|s| text.contains(s))
    {
        return;
    }
    let (outcome, _files) = with_big_stack(|| pipeline::build_in_memory(&config, &NoProgress));
    render_all(outcome.diagnostics.iter());
}
