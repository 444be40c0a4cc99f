//! `import.meta` where a fixture cannot reach: an ES-module remoteEntry.js for Node
//! (`library.type = "module"`, minified) whose exposed module reads `import.meta.url` and an
//! asset named with `new URL(..., import.meta.url)`, and output bytes that do not depend on
//! the directory the project is in.

mod support;

use support::*;

fn esm_remote(root: &std::path::Path) {
    write_file(
        root,
        "federation.toml",
        "name = \"r\"\ntarget = \"node\"\nlibrary = { type = \"module\" }\n\n[exposes]\n\"./x\" = \"./src/x.mjs\"\n",
    );
    write_file(root, "src/d.txt", "read from the asset\n");
    write_file(
        root,
        "src/x.mjs",
        "import { readFileSync } from \"node:fs\";\nexport const url = import.meta.url;\nexport const text = readFileSync(new URL(\"./d.txt\", import.meta.url), \"utf8\");\n",
    );
    write_file(
        root,
        "host.mjs",
        "const container = await import(\"./dist/remoteEntry.mjs\");\nawait container.init({});\nconst m = (await container.get(\"./x\"))();\nconsole.log(m.url);\nconsole.log(m.text.trim());\n",
    );
}

#[test]
fn esm_remote_entry_for_node_reads_import_meta_minified() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().canonicalize().unwrap().join("remote");
    esm_remote(&root);
    let o = mfbundle().arg("build").arg(&root).output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    // remoteEntry.js is an ES module and its chunks CommonJS: Node is told by the extension.
    std::fs::copy(
        root.join("dist/remoteEntry.js"),
        root.join("dist/remoteEntry.mjs"),
    )
    .unwrap();
    let run = run_node(&root.join("host.mjs"), &root);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let source = url_of(&root.join("src/x.mjs"));
    assert_eq!(
        text(&run.stdout),
        format!("{source}\nread from the asset\n")
    );
}

/// `file://` URL of an absolute path (ASCII paths, as the test's temporary directory).
fn url_of(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn import_meta_output_is_the_same_in_any_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("nested/elsewhere/b");
    for dir in [&a, &b] {
        esm_remote(dir);
        let o = mfbundle().arg("build").arg(dir).output().unwrap();
        assert!(o.status.success(), "{}", text(&o.stderr));
    }
    let (fa, fb) = (read_all(&a.join("dist")), read_all(&b.join("dist")));
    assert!(fa.iter().any(|(n, _)| n.starts_with("assets/d.")));
    assert_eq!(fa, fb, "outputs differ between directories");
}
