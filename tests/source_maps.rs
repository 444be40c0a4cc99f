//! `sourcemap = true`: every JavaScript file gets a `.map` that leads back to the TypeScript as
//! written. Checked with Mozilla's source-map library (tests/sourcemap, pinned) and with
//! Node's own `--enable-source-maps` stack traces.

mod support;

use std::path::Path;

use support::*;

/// (source, line, column) the map gives for the first occurrence of `needle` in `file`.
fn original(file: &Path, needle: &str) -> (String, u64, u64) {
    let o = std::process::Command::new("node")
        .arg(repo_root().join("tests/sourcemap/original_position.cjs"))
        .arg(file)
        .arg(needle)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    (
        v["source"].as_str().unwrap_or("").to_string(),
        v["line"].as_u64().unwrap_or(0),
        v["column"].as_u64().unwrap_or(0),
    )
}

#[test]
fn maps_lead_back_to_the_typescript_as_written() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path();
    write_file(
        p,
        "federation.toml",
        "entry = \"./src/index.ts\"\ntarget = \"node\"\nsourcemap = true\n",
    );
    write_file(
        p,
        "src/greet.ts",
        "export function greet(name: string): string {\n  const shout = (s: string): string => s.toUpperCase();\n  return `hello ${shout(name)}`;\n}\n",
    );
    write_file(
        p,
        "src/index.ts",
        "import { greet } from \"./greet\";\n\ninterface Box<T> { value: T }\n\nconst box: Box<number> = { value: 42 };\nconsole.log(greet(\"map\"), box.value);\nif (process.argv[2] === \"throw\") throw new Error(\"boom from index.ts\");\n",
    );
    // A lazily loaded chunk gets its own map.
    write_file(
        p,
        "src/lazy.ts",
        "export const lazy = (n: number): number => n * 2;\n",
    );
    write_file(
        p,
        "src/index.ts",
        &(std::fs::read_to_string(p.join("src/index.ts")).unwrap()
            + "import(\"./lazy\").then((m) => console.log(m.lazy(21)));\n"),
    );
    // Unminified first (exact columns), then minified (the minifier's map composed with the
    // bundle's).
    let o = mfbundle()
        .arg("build")
        .arg(p)
        .arg("-q")
        .arg("--no-minify")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let dist = p.join("dist");
    let files = list_files(&dist);
    assert!(files.contains(&"main.js.map".to_string()), "{files:?}");
    let lazy = files
        .iter()
        .find(|f| f.starts_with("lazy") && f.ends_with(".js"))
        .expect("lazy chunk")
        .clone();
    assert!(files.contains(&format!("{lazy}.map")), "{files:?}");
    let main = std::fs::read_to_string(dist.join("main.js")).unwrap();
    assert!(main.ends_with("//# sourceMappingURL=main.js.map\n"));

    assert_eq!(
        original(&dist.join("main.js"), "toUpperCase"),
        ("mfbundle://app/src/greet.ts".to_string(), 2, 41)
    );
    assert_eq!(
        original(&dist.join("main.js"), "\"boom from index.ts\""),
        ("mfbundle://app/src/index.ts".to_string(), 7, 49)
    );
    assert_eq!(
        original(&dist.join(&lazy), "* 2"),
        ("mfbundle://app/src/lazy.ts".to_string(), 1, 43)
    );

    node_reads_the_map(p, &dist);

    let o = mfbundle().arg("build").arg(p).arg("-q").output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let main = std::fs::read_to_string(dist.join("main.js")).unwrap();
    assert!(
        main.lines().count() <= 3 && main.ends_with("//# sourceMappingURL=main.js.map\n"),
        "production output is minified:\n{main}"
    );
    assert_eq!(
        original(&dist.join("main.js"), "toUpperCase"),
        ("mfbundle://app/src/greet.ts".to_string(), 2, 41)
    );
    let (source, line, _) = original(&dist.join("main.js"), "boom from index.ts");
    assert_eq!((source.as_str(), line), ("mfbundle://app/src/index.ts", 7));
    let lazy = list_files(&dist)
        .into_iter()
        .find(|f| f.starts_with("lazy") && f.ends_with(".js"))
        .expect("lazy chunk");
    let (source, line, _) = original(&dist.join(&lazy), "*2");
    assert_eq!((source.as_str(), line), ("mfbundle://app/src/lazy.ts", 1));
    node_reads_the_map(p, &dist);
}

/// Node reads the map itself: the stack trace names the TypeScript line.
fn node_reads_the_map(project: &Path, dist: &Path) {
    let o = std::process::Command::new("node")
        .arg("--enable-source-maps")
        .arg(dist.join("main.js"))
        .arg("throw")
        .current_dir(project)
        .output()
        .unwrap();
    let err = text(&o.stderr);
    assert!(
        err.contains("src/index.ts:7:"),
        "stack trace without the TypeScript position:\n{err}"
    );
    assert_eq!(text(&o.stdout), "hello MAP 42\n");
}

#[test]
fn no_maps_unless_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path();
    write_file(
        p,
        "federation.toml",
        "entry = \"./src/index.ts\"\ntarget = \"node\"\n",
    );
    write_file(p, "src/index.ts", "const n: number = 1;\nconsole.log(n);\n");
    let o = mfbundle().arg("build").arg(p).arg("-q").output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let files = list_files(&p.join("dist"));
    assert!(!files.iter().any(|f| f.ends_with(".map")), "{files:?}");
    let o = mfbundle()
        .arg("build")
        .arg(p)
        .arg("-q")
        .arg("--sourcemap")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(list_files(&p.join("dist")).contains(&"main.js.map".to_string()));
}
