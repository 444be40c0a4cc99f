//! `reports`: share-usage report JSON -> `analyze --merge` (`share_usage::parse_report` and
//! `merge`, as `cli.rs` calls them) and `--shared-used-exports` (`UsedElsewhere::parse`):
//! the input read as a report, merged with itself and with a fixed report, the union read
//! back (it must always be readable), and the input read as a union. A union that reads is
//! also given to an in-memory build of a project sharing a `treeShaking` package, which is
//! where its export names reach the shaken copies' codegen.

use std::path::PathBuf;
use std::sync::OnceLock;

use mfbundle::analysis::share_usage;
use mfbundle::analysis::shared_shaking::UsedElsewhere;
use mfbundle::config::{self, CliOverrides};
use mfbundle::graph::NoProgress;
use mfbundle::pipeline;

use super::{render_all, temp_project, with_big_stack, write};

const FIXED_REPORT: &str = r#"{"consume_shared_modules":[{"share_scope":"default","share_key":"lib","version":"1.2.3","used_exports":["a"]}]}"#;

fn project() -> &'static PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = temp_project("mfbundle-fuzz-reports");
        write(
            &root,
            "federation.toml",
            "name = \"app\"\nentry = \"./src/index.js\"\n\n[shared]\nlib = { treeShaking = true }\n",
        );
        write(
            &root,
            "package.json",
            r#"{"name":"app","version":"1.0.0","dependencies":{"lib":"^1.0.0"}}"#,
        );
        write(
            &root,
            "node_modules/lib/package.json",
            r#"{"name":"lib","version":"1.2.3","type":"module","main":"index.js","sideEffects":false}"#,
        );
        write(
            &root,
            "node_modules/lib/index.js",
            "export { a, b } from \"./ab.js\";\nexport * from \"./more.js\";\nexport { default } from \"./ab.js\";\n",
        );
        write(
            &root,
            "node_modules/lib/ab.js",
            "export const a = 1;\nexport const b = 2;\nexport default 3;\n",
        );
        write(
            &root,
            "node_modules/lib/more.js",
            "export const c = 4;\nexport function d() { return 5; }\n",
        );
        write(
            &root,
            "src/index.js",
            "import { a } from \"lib\";\nconsole.log(a);\n",
        );
        root
    })
}

pub fn run(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(report) = share_usage::parse_report(text) {
        let fixed = share_usage::parse_report(FIXED_REPORT).expect("the fixed report reads");
        let union = share_usage::merge(&[
            ("a.json".into(), report.clone()),
            ("b.json".into(), report),
            ("c.json".into(), fixed),
        ]);
        let union_text = serde_json::to_string_pretty(&union).expect("a union serialises");
        if let Err(d) = UsedElsewhere::parse(&union_text, "union.json") {
            panic!("analyze --merge wrote a union that --shared-used-exports cannot read: {d:?}");
        }
    }
    match UsedElsewhere::parse(text, "union.json") {
        Err(d) => render_all([&*d]),
        Ok(_) => {
            let root = project();
            let union = root.join("union.json");
            std::fs::write(&union, text).expect("write the union");
            let overrides = CliOverrides {
                shared_used_exports: Some(union),
                ..Default::default()
            };
            let config = config::load(root, &overrides).expect("the fixed configuration resolves");
            let (outcome, _) = with_big_stack(|| pipeline::build_in_memory(&config, &NoProgress));
            render_all(outcome.diagnostics.iter());
            assert!(
                !outcome.diagnostics.has_errors(),
                "a readable union fails the build: {:?}",
                outcome.diagnostics
            );
        }
    }
}
