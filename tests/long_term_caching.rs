//! Production output that browsers can cache for a long time: short module ids that survive
//! unrelated edits, and content hashes in file names that change if and only if the file's
//! bytes change (issue #15, items 2 and 3).

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use support::*;

/// Builds `dir` (production, minified, with source maps) and returns its files by name.
fn build(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let out = dir.join("dist");
    let o = mfbundle()
        .arg("build")
        .arg(dir)
        .arg("-q")
        .arg("--sourcemap")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    list_files(&out)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(out.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

/// The chunk or entry a file belongs to: its name up to the first dot (`lazy.1a2b3c4d.js`
/// -> `lazy`), plus its kind.
fn stem(name: &str) -> (String, &'static str) {
    let kind = if name.ends_with(".map") {
        "map"
    } else if name.ends_with(".css") {
        "css"
    } else {
        "js"
    };
    (name.split('.').next().unwrap().to_string(), kind)
}

/// The JavaScript and CSS files whose names differ between two builds (by stem), after
/// checking that a name kept means the same bytes and a name changed means other bytes.
fn renamed(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let by_stem = |files: &BTreeMap<String, Vec<u8>>| -> BTreeMap<(String, &str), String> {
        files
            .keys()
            .filter(|f| !f.ends_with(".map") && !f.starts_with('.'))
            .map(|f| (stem(f), f.clone()))
            .collect()
    };
    let (sa, sb) = (by_stem(a), by_stem(b));
    assert_eq!(
        sa.keys().collect::<Vec<_>>(),
        sb.keys().collect::<Vec<_>>(),
        "the same chunks in both builds"
    );
    let mut changed = Vec::new();
    for (key, name_a) in &sa {
        let name_b = &sb[key];
        let same_bytes = a[name_a] == b[name_b];
        if name_a == name_b {
            assert!(same_bytes, "{name_a} kept its name but its bytes changed");
        } else {
            assert!(
                !same_bytes,
                "{name_a} -> {name_b}: the name changed but the bytes did not"
            );
            changed.push(key.0.clone() + "." + key.1);
        }
    }
    changed
}

#[test]
fn an_edit_changes_the_hashes_of_the_files_that_contain_it_and_of_the_entry_that_lists_them() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let write = |path: &str, text: &str| {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "federation.toml",
        "entry = \"./src/index.js\"\nentryFileNames = \"[name].[contenthash].js\"\n",
    );
    write(
        "src/index.js",
        "import { greet } from \"./greet.js\";\nimport \"./page.css\";\n\
         greet(\"main\");\n\
         import(\"./lazy.js\").then((m) => m.run());\n\
         import(\"./other.js\").then((m) => m.run());\n",
    );
    write(
        "src/greet.js",
        "export function greet(who) { console.log(\"hello from \" + who); }\n",
    );
    write("src/page.css", "body { margin: 0 }\n");
    write(
        "src/lazy.js",
        "import \"./lazy.css\";\nexport function run() { console.log(\"lazy v1\"); }\n",
    );
    write("src/lazy.css", ".lazy { color: red }\n");
    write(
        "src/other.js",
        "export function run() { console.log(\"other\"); }\n",
    );

    let first = build(dir);
    let names: Vec<&String> = first.keys().collect();
    for kind in ["main.", "lazy.", "other."] {
        let js = names
            .iter()
            .find(|n| n.starts_with(kind) && n.ends_with(".js"))
            .unwrap_or_else(|| panic!("no {kind}*.js in {names:?}"));
        // Hashed, and the source map follows the name.
        assert_eq!(js.len(), kind.len() + 8 + 3, "{js}");
        assert!(first.contains_key(&format!("{js}.map")), "{names:?}");
    }
    let main = names
        .iter()
        .find(|n| n.starts_with("main.") && n.ends_with(".js"))
        .unwrap();
    let main_text = text(&first[*main]);
    // Production registry keys are short numbers, not project paths.
    assert!(!main_text.contains("./src/"), "{main_text}");
    // The entry lists the async chunks by their final names.
    for n in &names {
        if (n.starts_with("lazy.") || n.starts_with("other.")) && !n.ends_with(".map") {
            assert!(main_text.contains(n.as_str()), "{n} not in {main}");
        }
    }

    // The same input: the same names and bytes.
    assert_eq!(renamed(&first, &build(dir)), Vec::<String>::new());

    // An edit in the lazy chunk: that chunk and the entry that lists it.
    write(
        "src/lazy.js",
        "import \"./lazy.css\";\nexport function run() { console.log(\"lazy v2\"); }\n",
    );
    let second = build(dir);
    assert_eq!(renamed(&first, &second), ["lazy.js", "main.js"]);

    // A new module in the lazy chunk: the other chunk keeps its module ids, so its bytes.
    write("src/extra.js", "export const extra = \"extra\";\n");
    write(
        "src/lazy.js",
        "import \"./lazy.css\";\nimport { extra } from \"./extra.js\";\n\
         export function run() { console.log(\"lazy v2\", extra); }\n",
    );
    let third = build(dir);
    assert_eq!(renamed(&second, &third), ["lazy.js", "main.js"]);

    // A stylesheet edit: that stylesheet, and the entry that names it for loading.
    write("src/lazy.css", ".lazy { color: blue }\n");
    let fourth = build(dir);
    assert_eq!(renamed(&third, &fourth), ["lazy.css", "main.js"]);

    // A comment and a local variable's name: gone from the minified bytes, so no file's
    // bytes change, and no name does (a hash of the code before minification would change).
    write(
        "src/other.js",
        "// a note\nexport function run() { const text = \"other\"; console.log(text); }\n",
    );
    let fifth = build(dir);
    write(
        "src/other.js",
        "// another note\nexport function run() { const renamed = \"other\"; console.log(renamed); }\n",
    );
    assert_eq!(renamed(&fifth, &build(dir)), Vec::<String>::new());

    // The entry's own stylesheet: it, and nothing that does not name it.
    write("src/page.css", "body { margin: 1px }\n");
    let sixth = build(dir);
    assert_eq!(renamed(&fifth, &sixth), ["main.css"]);

    // The output runs: the entry loads its chunks by their final names (a Node build, so
    // that Node can run it).
    let node_out = dir.join("dist-node");
    let o = mfbundle()
        .arg("build")
        .arg(dir)
        .args(["-q", "--target", "node", "--out-dir"])
        .arg(&node_out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let entry = list_files(&node_out)
        .into_iter()
        .find(|f| f.starts_with("main.") && f.ends_with(".js"))
        .unwrap();
    let o = run_node(&node_out.join(entry), dir);
    let mut lines: Vec<String> = text(&o.stdout).lines().map(String::from).collect();
    lines.sort();
    assert_eq!(
        lines,
        ["hello from main", "lazy v2 extra", "other"],
        "{}",
        text(&o.stderr)
    );
}
