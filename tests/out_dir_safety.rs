//! outDir safety (issue #12): mfbundle replaces a directory only when it is absent, empty, or
//! this project's earlier output (by its `.mfbundle-output` marker), or when `emptyOutDir` /
//! `--empty-out-dir` says so; the project, its ancestors, directories holding sources, the
//! configuration, a package.json or .git, `/` and the home directory are refused even then.
//! Every refusal exits 2 before any work, and every file in the way survives.

mod support;

use std::path::Path;
use std::process::Output;

use support::*;

/// A one-module project in `dir` with `extra` appended to its federation.toml.
fn project(dir: &Path, extra: &str) {
    write_file(
        dir,
        "federation.toml",
        &format!("entry = \"./src/index.js\"\ntarget = \"node\"\n{extra}"),
    );
    write_file(dir, "src/index.js", "console.log('hello');\n");
}

fn build(dir: &Path, args: &[&str]) -> Output {
    mfbundle()
        .arg("build")
        .arg(dir)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// Asserts exit 2 with `code` and `needle` in stderr.
fn assert_refused(o: &Output, code: &str, needle: &str) {
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("error[{code}]")), "{err}");
    assert!(err.contains(needle), "expected {needle:?} in:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// Every file under `dir` with its bytes (for before/after comparisons).
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    read_all(dir)
}

#[test]
fn out_dir_src_is_refused_and_the_sources_survive() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    project(dir, "outDir = \"src\"\n");
    write_file(dir, "src/util.js", "export const x = 1;\n");
    let before = snapshot(&dir.join("src"));
    let o = build(dir, &[]);
    assert_refused(&o, "MF2007", "outDir src holds the module ./src/index.js");
    assert!(
        text(&o.stderr).contains("--> federation.toml:3:1"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(snapshot(&dir.join("src")), before);
    // Not even with the opt-in.
    let o = build(dir, &["--empty-out-dir"]);
    assert_refused(&o, "MF2007", "holds the module");
    assert_eq!(snapshot(&dir.join("src")), before);
}

#[test]
fn a_foreign_directory_is_refused_unless_emptied_on_purpose() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    project(&dir, "");
    write_file(&dir, "home/me/notes.txt", "my notes");
    write_file(&dir, "home/me/photos/cat.jpg", "meow");
    let before = snapshot(&dir.join("home/me"));
    let o = build(&dir, &["--out-dir", "home/me"]);
    assert_refused(
        &o,
        "MF2006",
        "outDir home/me holds files that mfbundle did not write",
    );
    let err = text(&o.stderr);
    assert!(err.contains("in the way: home/me/notes.txt"), "{err}");
    assert!(err.contains("in the way: home/me/photos/cat.jpg"), "{err}");
    assert!(err.contains("--empty-out-dir"), "{err}");
    assert!(err.contains("(set by --out-dir)"), "{err}");
    assert_eq!(snapshot(&dir.join("home/me")), before);
    // No staging directory or anything else was left next to it.
    assert_eq!(
        list_files(&dir.join("home")),
        ["me/notes.txt", "me/photos/cat.jpg"]
    );

    // The opt-in empties it.
    let o = build(&dir, &["--out-dir", "home/me", "--empty-out-dir"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(
        list_files(&dir.join("home/me")),
        [".mfbundle-output", "main.js"]
    );

    // And as a key of the file.
    write_file(&dir, "other/readme.md", "x");
    project(&dir, "outDir = \"other\"\nemptyOutDir = true\n");
    let o = build(&dir, &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(
        list_files(&dir.join("other")),
        [".mfbundle-output", "main.js"]
    );
}

#[test]
fn the_project_and_its_ancestors_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    project(&dir, "");
    for (out, message) in [
        ("..", "outDir .. contains the project directory"),
        ("../", "outDir .. contains the project directory"),
        (".", "outDir . is the project directory"),
        ("src/..", "outDir src/.. is the project directory"),
    ] {
        for extra in [&[][..], &["--empty-out-dir"]] {
            let mut args = vec!["--out-dir", out];
            args.extend(extra);
            let o = build(&dir, &args);
            assert_refused(&o, "MF2007", message);
        }
    }
    // From the file, with its location.
    project(&dir, "outDir = \"..\"\n");
    let o = build(&dir, &[]);
    assert_refused(&o, "MF2007", "contains the project directory");
    assert!(
        text(&o.stderr).contains("--> federation.toml:3:1"),
        "{}",
        text(&o.stderr)
    );
    assert!(dir.join("src/index.js").exists());
}

#[test]
fn the_filesystem_root_and_the_home_directory_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    let home = tmp.path().join("home/me");
    project(&dir, "");
    write_file(&home, ".bashrc", "export X=1");
    for (out, message) in [
        ("/".to_string(), "is the filesystem root"),
        (home.display().to_string(), "is the home directory"),
        (
            tmp.path().join("home").display().to_string(),
            "contains the home directory",
        ),
    ] {
        let o = mfbundle()
            .args(["build", ".", "--empty-out-dir", "--out-dir", &out])
            .current_dir(&dir)
            .env("HOME", &home)
            .output()
            .unwrap();
        assert_refused(&o, "MF2007", message);
    }
    assert_eq!(list_files(&home), [".bashrc"]);
}

#[test]
fn directories_that_look_like_projects_or_hold_the_configuration_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    project(&dir, "");
    // A package.json or .git anywhere inside, even with the opt-in.
    write_file(&dir, "lib/package.json", "{}");
    write_file(&dir, "vendor/x/.git/HEAD", "ref: refs/heads/main");
    for (out, found) in [("lib", "lib/package.json"), ("vendor", "vendor/x/.git")] {
        let o = build(&dir, &["--out-dir", out, "--empty-out-dir"]);
        assert_refused(&o, "MF2007", "holds a package.json or .git");
        assert!(
            text(&o.stderr).contains(&format!("in the way: {found}")),
            "{}",
            text(&o.stderr)
        );
    }
    assert!(dir.join("lib/package.json").exists());
    assert!(dir.join("vendor/x/.git/HEAD").exists());

    // The configuration file inside outDir.
    write_file(&dir, "conf/federation.toml", "entry = \"./src/index.js\"\n");
    let o = build(
        &dir,
        &[
            "--config",
            "conf/federation.toml",
            "--out-dir",
            "conf",
            "--empty-out-dir",
        ],
    );
    assert_refused(
        &o,
        "MF2007",
        "holds the configuration file conf/federation.toml",
    );
    assert!(dir.join("conf/federation.toml").exists());
}

#[test]
fn a_directory_holding_an_imported_module_is_refused_after_the_scan() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    project(&dir, "outDir = \"lib\"\nemptyOutDir = true\n");
    write_file(
        &dir,
        "src/index.js",
        "import { x } from '../lib/util.js';\nconsole.log(x);\n",
    );
    write_file(&dir, "lib/util.js", "export const x = 1;\n");
    let o = build(&dir, &[]);
    assert_refused(&o, "MF2007", "outDir lib holds the module lib/util.js");
    assert_eq!(list_files(&dir.join("lib")), ["util.js"]);
}

#[test]
fn own_output_is_replaced_and_files_added_to_it_are_not() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    project(&dir, "name = \"app1\"\n");
    // Absent, then its own output, then again.
    for _ in 0..2 {
        let o = build(&dir, &[]);
        assert!(o.status.success(), "{}", text(&o.stderr));
    }
    let marker: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("dist/.mfbundle-output")).unwrap()).unwrap();
    assert_eq!(
        marker,
        serde_json::json!({"generator": "mfbundle", "version": 1, "project": "app1", "files": ["main.js"]})
    );

    // A file the user put there stops the next build.
    write_file(&dir, "dist/deploy-notes.txt", "do not lose me");
    write_file(&dir, "src/index.js", "console.log('changed');\n");
    let o = build(&dir, &[]);
    assert_refused(&o, "MF2006", "in the way: dist/deploy-notes.txt");
    assert!(
        std::fs::read_to_string(dir.join("dist/main.js"))
            .unwrap()
            .contains("hello"),
        "the previous output is untouched"
    );
    std::fs::remove_file(dir.join("dist/deploy-notes.txt")).unwrap();
    let o = build(&dir, &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));

    // A file that only pretends to be the marker does not make a directory ours.
    write_file(&dir, "fake/.mfbundle-output", "not json");
    write_file(&dir, "fake/main.js", "mine");
    let o = build(&dir, &["--out-dir", "fake"]);
    assert_refused(&o, "MF2006", "in the way: fake/.mfbundle-output");

    // An empty directory is fine.
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    let o = build(&dir, &["--out-dir", "empty"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
}

#[test]
fn another_projects_output_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    project(&a, "name = \"app_a\"\noutDir = \"../shared-out\"\n");
    project(&b, "name = \"app_b\"\noutDir = \"../shared-out\"\n");
    let o = build(&a, &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let before = snapshot(&tmp.path().join("shared-out"));
    let o = build(&b, &[]);
    assert_refused(
        &o,
        "MF2006",
        "it is the output of another project, \"app_a\"",
    );
    assert_eq!(snapshot(&tmp.path().join("shared-out")), before);
}

#[test]
fn an_out_dir_that_is_a_file_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    project(&dir, "");
    write_file(&dir, "dist", "a file, not a directory");
    for extra in [&[][..], &["--empty-out-dir"]] {
        let o = build(&dir, extra);
        assert_refused(&o, "MF2007", "outDir dist is a file, not a directory");
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("dist")).unwrap(),
        "a file, not a directory"
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_out_dir_is_checked_and_written_where_it_points() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    project(&dir, "");
    // Pointing at someone's files: refused, and they survive.
    write_file(tmp.path(), "elsewhere/keep.txt", "keep");
    std::os::unix::fs::symlink(tmp.path().join("elsewhere"), dir.join("dist")).unwrap();
    let o = build(&dir, &[]);
    assert_refused(&o, "MF2006", "in the way: dist/keep.txt");
    assert_eq!(list_files(&tmp.path().join("elsewhere")), ["keep.txt"]);

    // Pointing at an empty directory: written there, and the link stays a link.
    std::fs::remove_file(dir.join("dist")).unwrap();
    std::fs::create_dir_all(tmp.path().join("deploy/site")).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("deploy/site"), dir.join("dist")).unwrap();
    for _ in 0..2 {
        let o = build(&dir, &[]);
        assert!(o.status.success(), "{}", text(&o.stderr));
    }
    assert!(dir.join("dist").symlink_metadata().unwrap().is_symlink());
    assert_eq!(
        list_files(&tmp.path().join("deploy/site")),
        [".mfbundle-output", "main.js"]
    );
    assert_eq!(
        list_files(&tmp.path().join("deploy")).len(),
        2,
        "nothing left beside it"
    );

    // A link that leads nowhere.
    std::fs::remove_file(dir.join("dist")).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("missing"), dir.join("dist")).unwrap();
    let o = build(&dir, &[]);
    assert_refused(&o, "MF2007", "is a symlink that leads nowhere");
}

#[test]
fn watch_refuses_an_unsafe_out_dir_before_watching() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    project(&dir, "outDir = \"src\"\n");
    let before = snapshot(&dir.join("src"));
    let mut child = mfbundle()
        .args(["build", ".", "--watch"])
        .current_dir(&dir)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > std::time::Duration::from_secs(30) {
            let _ = child.kill();
            panic!("build --watch kept running with an unsafe outDir");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(2));
    assert_eq!(snapshot(&dir.join("src")), before);
}

#[test]
fn two_builds_at_once_leave_one_whole_build() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    project(&dir, "");
    // Enough modules and chunks that the two builds overlap.
    let mut index = String::new();
    for i in 0..150 {
        write_file(
            &dir,
            &format!("src/m{i}.js"),
            &format!("export const v{i} = {i};\n"),
        );
        index.push_str(&format!("import('./m{i}.js').then(m => m.v{i});\n"));
    }
    write_file(&dir, "src/index.js", &index);
    let reference = |mode: &str| {
        let out = tmp.path().join(format!("ref-{mode}"));
        let o = mfbundle()
            .arg("build")
            .arg(&dir)
            .args(["--mode", mode, "--out-dir"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", text(&o.stderr));
        read_all(&out)
    };
    let (prod, dev) = (reference("production"), reference("development"));
    assert_ne!(prod, dev);
    for round in 0..5 {
        let spawn = |mode: &str| {
            mfbundle()
                .arg("build")
                .arg(&dir)
                .args(["--mode", mode])
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn("production"), spawn("development"));
        for child in [a, b] {
            let o = child.wait_with_output().unwrap();
            assert!(o.status.success(), "round {round}: {}", text(&o.stderr));
        }
        let got = read_all(&dir.join("dist"));
        assert!(
            got == prod || got == dev,
            "round {round}: dist is neither build whole"
        );
        let beside: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("mfbundle"))
            .collect();
        assert!(beside.is_empty(), "round {round}: left behind {beside:?}");
    }
}

#[test]
fn an_empty_out_dir_value_is_a_configuration_error() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    project(&dir, "outDir = \"\"\n");
    let o = build(&dir, &[]);
    assert_refused(&o, "MF2001", "outDir is empty");
}

#[test]
fn refusals_render_with_their_location_and_the_files_in_the_way() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    project(&dir, "outDir = \"src\"\n");
    let o = build(&dir, &[]);
    assert_eq!(
        text(&o.stderr),
        "error[MF2007]: outDir src holds the module ./src/index.js
 --> federation.toml:3:1
  |
3 | outDir = \"src\"
  | ^^^^^^
  = hint: outDir is replaced by every build: use a directory of its own, such as \"dist\"

build failed: 1 error(s), 0 warning(s); nothing was written
"
    );
    project(&dir, "");
    write_file(&dir, "home/me/n.txt", "notes");
    let o = build(&dir, &["--out-dir", "home/me"]);
    assert_eq!(
        text(&o.stderr),
        "error[MF2006]: outDir home/me holds files that mfbundle did not write; replacing it would delete them
  = note: outDir is home/me (set by --out-dir)
  = note: in the way: home/me/n.txt
  = hint: choose another outDir, move these files away, or set emptyOutDir = true (or pass --empty-out-dir) to delete them

build failed: 1 error(s), 0 warning(s); nothing was written
"
    );
}
