//! Incremental rebuilds of `mfbundle dev` (`src/incremental.rs`, issue #17): after an edit
//! that the link stage does not see, the short way gives exactly the files, hot-update data
//! and diagnostics that a full build of the edited sources gives. Checked on every fixture
//! that `mfbundle dev` can build, with edits that take the short way (a function added at
//! the end of a module, its body changed, the file restored) and one that must not (a
//! declaration added before everything, which moves every span).

mod support;

use std::path::{Path, PathBuf};

use mfbundle::codegen::Generated;
use mfbundle::config::{BuildConfig, CliOverrides, Mode};
use mfbundle::graph::NoProgress;
use mfbundle::pipeline::{BuildCache, BuildOutcome, build_in_memory_cached};
use support::*;

fn overrides() -> CliOverrides {
    CliOverrides {
        mode: Some(Mode::Development),
        hot: true,
        cache: Some(false),
        ..Default::default()
    }
}

/// A copy of the fixture `from` at `to` whose `node_modules` folders are links to the
/// originals (some are large; packages are only read).
fn copy_sources(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        let kind = entry.file_type().unwrap();
        if entry.file_name() == "node_modules" || kind.is_symlink() {
            let target = std::fs::canonicalize(&src).unwrap_or(src);
            std::os::unix::fs::symlink(target, &dst).unwrap();
        } else if kind.is_dir() {
            copy_sources(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// What a build gave, to compare: the files, the hot-update data and the diagnostics.
fn summary(outcome: &BuildOutcome, generated: &Generated) -> String {
    let mut s = String::new();
    for d in outcome.diagnostics.iter() {
        s.push_str(&format!("diagnostic {d:?}\n"));
    }
    for f in &generated.files {
        s.push_str(&format!("file {} {}\n", f.name, f.contents.len()));
        s.push_str(&String::from_utf8_lossy(&f.contents));
        s.push('\n');
    }
    if let Some(hot) = &generated.hot {
        s.push_str(&format!("hot key {} frame {}\n", hot.key, hot.frame));
        for (id, function) in &hot.modules {
            s.push_str(&format!("hot module {id} {function:?}\n"));
        }
    }
    s
}

/// A full build with a fresh cache, as a new `mfbundle dev` process makes it.
fn full_build(config: &BuildConfig) -> String {
    let cache = BuildCache::for_config(config);
    cache.begin_build(config);
    let (outcome, generated) = build_in_memory_cached(config, &NoProgress, &cache);
    cache.end_build(outcome.success());
    summary(&outcome, &generated)
}

/// The rebuild `mfbundle dev` runs after `path` changed: the short way when it can be taken
/// (then `true`, with the async chunk files it wrote as the last render made them), else
/// the full pipeline on the same cache.
fn dev_rebuild(config: &BuildConfig, cache: &BuildCache, path: &Path) -> (bool, String, usize) {
    cache.parse.note_changes(&[path.to_path_buf()], true);
    if let Some((outcome, generated)) = mfbundle::incremental::rebuild(config, cache) {
        return (true, summary(&outcome, &generated), generated.reused_chunks);
    }
    cache.begin_build(config);
    let (outcome, generated) = build_in_memory_cached(config, &NoProgress, cache);
    cache.end_build(outcome.success());
    (false, summary(&outcome, &generated), 0)
}

/// The project at `dir` as `mfbundle dev` loads it, after its first build (which succeeds),
/// with the cache that build left.
fn built(dir: &Path) -> (BuildConfig, BuildCache) {
    let config = mfbundle::dev::load(dir, &overrides()).unwrap();
    let cache = BuildCache::for_config(&config);
    cache.begin_build(&config);
    let (outcome, _) = build_in_memory_cached(&config, &NoProgress, &cache);
    cache.end_build(outcome.success());
    assert!(outcome.success(), "{:?}", outcome.diagnostics);
    (config, cache)
}

/// The JavaScript modules of a project that an edit can try: outside node_modules and
/// outDir, sorted.
fn module_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = list_files(dir)
        .into_iter()
        .filter(|f| !f.contains("node_modules") && !f.starts_with("dist"))
        .filter(|f| {
            [".js", ".mjs", ".jsx", ".ts", ".tsx"]
                .iter()
                .any(|e| f.ends_with(e))
                && !f.ends_with(".d.ts")
        })
        .map(|f| dir.join(f))
        .collect();
    files.sort();
    files
}

/// Per fixture: (edits that took the short way, edits tried), `(0, 0)` for a fixture that
/// `mfbundle dev` cannot build or rebuild the short way (configuration errors, builds that
/// fail); an error when a rebuild differs from the full build. `bailed` counts the edits
/// that move spans and made a full build, `reused` the async chunk files the short way wrote
/// as the last render made them.
fn check_fixture(
    fixture: &Path,
    work: &Path,
    edit_file: Option<&str>,
    (bailed, reused): (&mut usize, &mut usize),
) -> Result<(usize, usize), String> {
    if !work.exists() {
        copy_sources(fixture, work);
    }
    let Ok(config) = mfbundle::dev::load(work, &overrides()) else {
        return Ok((0, 0));
    };
    if !mfbundle::incremental::eligible(&config) {
        return Ok((0, 0));
    }
    let cache = BuildCache::for_config(&config);
    cache.begin_build(&config);
    let (outcome, _) = build_in_memory_cached(&config, &NoProgress, &cache);
    cache.end_build(outcome.success());
    if !outcome.success() {
        return Ok((0, 0));
    }
    let files = cache.parse.files_read();
    let chosen = match edit_file {
        Some(name) => Some(work.join(name)),
        None => module_files(work)
            .into_iter()
            .rev()
            .find(|f| files.contains(&std::fs::canonicalize(f).unwrap())),
    };
    let Some(file) = chosen else {
        return Ok((0, 0));
    };
    let original = std::fs::read_to_string(&file).unwrap();
    let edits = [
        format!("{original}\nfunction mfbundleEdited() {{ return 1; }}\n"),
        format!("{original}\nfunction mfbundleEdited() {{ return 2; }}\n"),
        original.clone(),
        format!("function mfbundleEdited() {{ return 3; }}\n{original}"),
        original.clone(),
    ];
    let mut short = 0;
    for (k, text) in edits.iter().enumerate() {
        std::fs::write(&file, text).unwrap();
        let (took, rebuilt, kept) = dev_rebuild(&config, &cache, &file);
        *reused += kept;
        let full = full_build(&config);
        if rebuilt != full {
            let at = rebuilt
                .chars()
                .zip(full.chars())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            let from = at.saturating_sub(200);
            return Err(format!(
                "{}: edit {k} of {} (short way: {took}) differs from a full build at byte {at}:\nrebuilt: {}\nfull:    {}",
                fixture.display(),
                file.display(),
                rebuilt.chars().skip(from).take(400).collect::<String>(),
                full.chars().skip(from).take(400).collect::<String>(),
            ));
        }
        if k == 3 && !took {
            *bailed += 1;
        }
        short += usize::from(took);
    }
    Ok((short, edits.len()))
}

#[test]
fn incremental_rebuilds_give_the_bytes_of_a_full_build() {
    let tmp = tempfile::tempdir().unwrap();
    let results = on_two_threads(&fixture_dirs(), |i, dir| {
        let (mut bailed, mut reused) = (0, 0);
        let work = tmp.path().join(i.to_string());
        let r = check_fixture(dir, &work, None, (&mut bailed, &mut reused));
        (dir.clone(), r, (bailed, reused))
    });
    let failures: Vec<&String> = results
        .iter()
        .filter_map(|(_, r, _)| r.as_ref().err())
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
    let (short, tried) = results
        .iter()
        .filter_map(|(_, r, _)| r.as_ref().ok())
        .fold((0, 0), |(s, t), (a, b)| (s + a, t + b));
    let projects = results
        .iter()
        .filter(|(_, r, _)| r.as_ref().is_ok_and(|(s, _)| *s > 0))
        .count();
    let bailed: usize = results.iter().map(|(_, _, (b, _))| b).sum();
    let reused: usize = results.iter().map(|(_, _, (_, r))| r).sum();
    eprintln!(
        "{short} of {tried} rebuilds took the short way, in {projects} projects; {bailed} declarations added first made a full build; {reused} async chunk files written as the last render made them"
    );
    // The test checks something only if the short way is taken: edits 0 to 2 of most
    // projects take it (a module with context requests or diagnostics does not).
    assert!(
        projects >= 60,
        "only {projects} projects took the short way"
    );
    assert!(short * 2 >= tried, "{short} of {tried}");
    // And the full pipeline after an edit that moves import spans.
    assert!(
        bailed >= 30,
        "only {bailed} edits that move spans made a full build"
    );
    // Async chunks without an edited module are not rendered again, and the files equal a
    // full build's (above) when they are taken from the last render.
    assert!(reused >= 20, "only {reused} async chunk files were reused");
}

/// The React example (shared React with singletons, lodash-es with `treeShaking`, CSS
/// modules, Fast Refresh): text edits of components that import shared modules but use the
/// same exports of them take the short way and give the bytes of a full build, the
/// share-usage report included; an edit that changes what the host uses of a tree-shaken
/// shared module does not (the shaken copy changes).
#[test]
fn incremental_rebuilds_of_the_react_example() {
    let (_tmp, apps) = example_copy();
    let edits = [
        (
            "remote",
            "src/Widget.tsx",
            "Rendered by the remote with",
            "Edited in the remote with",
        ),
        (
            "host",
            "src/App.tsx",
            "The host renders this header itself",
            "The host header, edited",
        ),
    ];
    for (project, file, from, to) in edits {
        let dir = apps.join(project);
        let (config, cache) = built(&dir);
        let path = dir.join(file);
        let original = std::fs::read_to_string(&path).unwrap();
        assert!(original.contains(from), "{file} lacks {from:?}");
        for text in [
            original.replace(from, to),
            original.replace(from, &to.to_uppercase()),
            original.clone(),
        ] {
            std::fs::write(&path, text).unwrap();
            let (took, rebuilt, _) = dev_rebuild(&config, &cache, &path);
            assert!(
                took,
                "{project}: a text edit of {file} took the full pipeline"
            );
            assert!(
                rebuilt == full_build(&config),
                "{project}: {file}: the short way differs from a full build"
            );
        }
    }
    // Stylesheets: a CSS module's and a plain stylesheet's rules edited (same classes) take
    // the short way; a class added to a CSS module changes its JavaScript: a full rebuild.
    for (project, file, from, to, short) in [
        (
            "remote",
            "src/Widget.module.css",
            "rgb(200, 30, 90);\n}\n\n.heading",
            "rgb(20, 130, 90);\n}\n\n.heading",
            true,
        ),
        (
            "host",
            "src/app.css",
            "background: rgb(248, 250, 252);",
            "background: rgb(240, 240, 255);",
            true,
        ),
        (
            "remote",
            "src/Widget.module.css",
            ".heading {",
            ".added { color: red; }\n\n.heading {",
            false,
        ),
    ] {
        let dir = apps.join(project);
        let (config, cache) = built(&dir);
        let path = dir.join(file);
        let original = std::fs::read_to_string(&path).unwrap();
        assert!(original.contains(from), "{file} lacks {from:?}");
        let before = full_build(&config);
        for text in [original.replace(from, to), original.clone()] {
            let edited = text != original;
            std::fs::write(&path, &text).unwrap();
            let (took, rebuilt, _) = dev_rebuild(&config, &cache, &path);
            if edited {
                assert_eq!(took, short, "{project}: {file}: {to:?}");
            }
            let full = full_build(&config);
            assert!(
                rebuilt == full,
                "{project}: {file}: the rebuild differs from a full build"
            );
            // The edit reached the output (and undoing it restored it).
            assert_eq!(
                rebuilt == before,
                !edited,
                "{project}: {file}: the output did not follow the edit"
            );
        }
    }
    // The host stops using the lodash-es export it imports: what shared tree shaking keeps
    // changes, so the rebuild is a full one, and the same as a fresh build.
    let host = apps.join("host");
    let (config, cache) = built(&host);
    let app = host.join("src/App.tsx");
    let text = std::fs::read_to_string(&app).unwrap();
    let call = "{capitalize(\"react host\")}";
    assert!(text.contains(call), "App.tsx calls lodash-es's capitalize");
    std::fs::write(&app, text.replace(call, "{\"React host\"}")).unwrap();
    let (took, rebuilt, _) = dev_rebuild(&config, &cache, &app);
    assert!(
        !took,
        "an edit of what the host uses of a tree-shaken shared module took the short way"
    );
    assert!(
        rebuilt == full_build(&config),
        "the full rebuild differs from a fresh build"
    );
}

/// A full build that fails forgets what the last good one kept: after a module it imports
/// is deleted (a change that is not contents only), an edit of the importer's body fails
/// like a full build instead of taking the short way from the build before the deletion.
#[test]
fn a_failed_build_leaves_nothing_to_rebuild_from() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_file(dir, "federation.toml", "entry = \"./src/index.js\"\n");
    write_file(dir, "src/x.js", "export const x = 1;\n");
    let index = "import { x } from \"./x.js\";\nconsole.log(x);\n";
    write_file(dir, "src/index.js", index);
    let config = mfbundle::dev::load(dir, &overrides()).unwrap();
    let cache = BuildCache::for_config(&config);
    cache.begin_build(&config);
    let (outcome, _) = build_in_memory_cached(&config, &NoProgress, &cache);
    cache.end_build(outcome.success());
    assert!(outcome.success());
    let x = std::fs::canonicalize(dir.join("src/x.js")).unwrap();
    std::fs::remove_file(&x).unwrap();
    cache.parse.note_changes(&[x], false);
    assert!(mfbundle::incremental::rebuild(&config, &cache).is_none());
    cache.begin_build(&config);
    let (outcome, _) = build_in_memory_cached(&config, &NoProgress, &cache);
    cache.end_build(outcome.success());
    assert!(!outcome.success(), "the import of a deleted module fails");
    let path = std::fs::canonicalize(dir.join("src/index.js")).unwrap();
    std::fs::write(&path, format!("{index}console.log(2);\n")).unwrap();
    let (took, rebuilt, _) = dev_rebuild(&config, &cache, &path);
    assert!(
        !took,
        "the edit took the short way from the build before the deletion"
    );
    assert_eq!(rebuilt, full_build(&config));
    assert!(rebuilt.contains("diagnostic"), "{rebuilt}");
}
