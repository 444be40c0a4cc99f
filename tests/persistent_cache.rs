//! The persistent cache (`cache = true`, issue #17): what a build keeps under
//! node_modules/.cache/mfbundle gives the next process byte-identical output, an edit
//! between processes is seen, and a corrupt, foreign or stale file is ignored and rewritten.

mod support;

use std::path::{Path, PathBuf};

use support::*;

/// `mfbundle build DIR --json --out-dir OUT ARGS...`: exit status, the `--json` result.
fn build(dir: &Path, out: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let o = mfbundle()
        .arg("build")
        .arg(dir)
        .arg("--json")
        .arg("--out-dir")
        .arg(out)
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&o.stdout).unwrap_or_else(|_| {
        panic!(
            "no JSON from {}: {}{}",
            dir.display(),
            text(&o.stdout),
            text(&o.stderr)
        )
    });
    (o.status.code().unwrap_or(-1), json)
}

fn status(result: &serde_json::Value) -> &str {
    result["cache"]["status"].as_str().unwrap_or("none")
}

/// Every fixture that builds: a cold build and a build from the cache the previous process
/// wrote are the same bytes, in production (minified, short ids) and development (path
/// ids, no concatenation), and the warm build really took what it could from the cache.
#[test]
fn every_fixture_builds_the_same_bytes_from_the_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let jobs: Vec<(usize, PathBuf, &str)> = fixture_dirs()
        .into_iter()
        .enumerate()
        .flat_map(|(n, d)| [(n, d.clone(), "production"), (n, d, "development")])
        .collect();
    let results = on_two_threads(&jobs, |_, (n, dir, mode)| {
        check_fixture(dir, mode, &tmp.path().join(format!("{n}-{mode}")))
    });
    let failures: Vec<&String> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(failures.is_empty(), "{failures:#?}");
    let checked = results.iter().filter(|r| matches!(r, Ok(Some(_)))).count();
    let reused: u64 = results.iter().filter_map(|r| *r.as_ref().ok()?).sum();
    assert!(checked > 200, "only {checked} builds were compared");
    assert!(
        reused > 1000,
        "only {reused} modules' code came from the cache"
    );
}

/// One fixture in one mode: `None` if it does not build, else the modules whose code the
/// warm build took from the cache.
fn check_fixture(dir: &Path, mode: &str, base: &Path) -> Result<Option<u64>, String> {
    let cache_dir = base.join("cache");
    let cache_dir = cache_dir.to_str().unwrap();
    let (code, _) = build(dir, &base.join("cold"), &["--mode", mode]);
    if code != 0 {
        // A fixture of a failing build: nothing to cache.
        return Ok(None);
    }
    let with_cache = ["--mode", mode, "--cache", "--cache-dir", cache_dir];
    let out = base.join("warm");
    let name = format!("{} ({mode})", dir.display());
    let (code, first) = build(dir, &out, &with_cache);
    if code != 0 || status(&first) != "missing" {
        return Err(format!("{name}: first build with the cache: {first}"));
    }
    let (code, second) = build(dir, &out, &with_cache);
    if code != 0 || status(&second) != "loaded" {
        return Err(format!("{name}: second build with the cache: {second}"));
    }
    if read_all(&base.join("cold")) != read_all(&out) {
        return Err(format!(
            "{name}: the build from the cache differs from the cold one"
        ));
    }
    Ok(Some(second["cache"]["reused"].as_u64().unwrap_or(0)))
}

/// A project `app` in a scratch folder with `cache = true` and `index_js` as its entry.
fn cached_app(index_js: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    write_file(
        &dir,
        "federation.toml",
        "name = \"app\"\nentry = \"./src/index.js\"\ncache = true\n",
    );
    write_file(&dir, "src/index.js", index_js);
    (tmp, dir)
}

/// A small project in a scratch folder, `cache = true`, the cache in its default place
/// (node_modules/.cache/mfbundle under the project).
fn scratch_project() -> (tempfile::TempDir, PathBuf) {
    let (tmp, dir) = cached_app(
        "import { greet } from \"./greet.js\";\nimport data from \"./data.json\";\nconsole.log(greet(data.who));\n",
    );
    write_file(
        &dir,
        "src/greet.js",
        "export const greet = (who) => `hello ${who}`;\nexport const unused = () => 1;\n",
    );
    write_file(&dir, "src/data.json", "{ \"who\": \"world\" }\n");
    (tmp, dir)
}

fn run_main(out: &Path) -> String {
    let o = run_node(&out.join("main.js"), out);
    assert!(o.status.success(), "{}", text(&o.stderr));
    text(&o.stdout)
}

/// `cache = true` in federation.toml: the file lands under node_modules/.cache/mfbundle; an
/// edit between two processes is built from the new text (the other modules from the
/// cache), as a cold build of the edited project is.
#[test]
fn an_edit_between_processes_is_seen() {
    let (_tmp, dir) = scratch_project();
    let out = dir.join("dist");
    let (code, first) = build(&dir, &out, &[]);
    assert_eq!(code, 0, "{first}");
    assert_eq!(status(&first), "missing");
    assert!(
        dir.join("node_modules/.cache/mfbundle/production-web.bin")
            .is_file()
    );
    assert_eq!(run_main(&out), "hello world\n");

    write_file(
        &dir,
        "src/greet.js",
        "export const greet = (who) => `goodbye ${who}`;\nexport const unused = () => 1;\n",
    );
    let (code, second) = build(&dir, &out, &[]);
    assert_eq!(code, 0, "{second}");
    assert_eq!(status(&second), "loaded");
    assert_eq!(run_main(&out), "goodbye world\n");
    let warm = read_all(&out);
    let cold = dir.join("cold");
    let (code, _) = build(&dir, &cold, &["--no-cache"]);
    assert_eq!(code, 0);
    // The same bytes but for the outDir name the marker does not record.
    assert_eq!(warm, read_all(&cold));
}

/// A cache file that is not one (garbage, truncated, a flipped byte, another version's or
/// configuration's) is never trusted: the build is the cold build's bytes, reports why
/// it ignored the file, and rewrites it for the next process.
#[test]
fn a_corrupt_or_foreign_cache_file_is_ignored_and_rewritten() {
    let (_tmp, dir) = scratch_project();
    let out = dir.join("dist");
    let (code, _) = build(&dir, &out, &[]);
    assert_eq!(code, 0);
    let good = read_all(&out);
    let file = dir.join("node_modules/.cache/mfbundle/production-web.bin");
    let bytes = std::fs::read(&file).unwrap();

    let mut flipped = bytes.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x01;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("garbage", b"not a cache file at all".to_vec()),
        ("truncated", bytes[..bytes.len() / 3].to_vec()),
        ("flipped byte", flipped),
        ("empty", Vec::new()),
    ];
    for (what, contents) in cases {
        std::fs::write(&file, &contents).unwrap();
        let (code, result) = build(&dir, &out, &[]);
        assert_eq!(code, 0, "{what}: {result}");
        assert_eq!(status(&result), "corrupt", "{what}");
        assert_eq!(read_all(&out), good, "{what}: output differs");
        // Rewritten: the next process trusts it again.
        let (_, next) = build(&dir, &out, &[]);
        assert_eq!(status(&next), "loaded", "{what}: not rewritten");
        assert_eq!(read_all(&out), good, "{what}");
    }

    // Another configuration (a define, which changes the code) is not this build's cache.
    let config = std::fs::read_to_string(dir.join("federation.toml")).unwrap();
    write_file(
        &dir,
        "federation.toml",
        &format!("{config}[define]\n\"data.who\" = '\"defined\"'\n"),
    );
    let (code, result) = build(&dir, &out, &[]);
    assert_eq!(code, 0, "{result}");
    assert_eq!(status(&result), "configuration");
    assert_eq!(run_main(&out), "hello defined\n");

    // A directory where the file should be: the build succeeds and warns (MF3003).
    std::fs::remove_file(&file).unwrap();
    std::fs::create_dir(&file).unwrap();
    let (code, result) = build(&dir, &out, &[]);
    assert_eq!(code, 0, "{result}");
    let codes: Vec<&str> = result["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"MF3003"), "{result}");
    assert_eq!(run_main(&out), "hello defined\n");
}

/// A warm development build of a project whose modules are all cached parses no file:
/// the scan takes each file's records from the cache, and code generation each module's
/// code.
#[test]
fn a_warm_development_build_parses_nothing() {
    let (_tmp, dir) = scratch_project();
    // Files modified in the last two seconds are read by every build (their stat may not
    // show an edit made within the file system clock's granularity).
    settle();
    let out = dir.join("dist");
    let args = ["--mode", "development"];
    let (code, _) = build(&dir, &out, &args);
    assert_eq!(code, 0);
    let (code, warm) = build(&dir, &out, &args);
    assert_eq!(code, 0, "{warm}");
    assert_eq!(status(&warm), "loaded");
    assert_eq!(warm["cache"]["lateParses"], 0, "{warm}");
    assert_eq!(warm["cache"]["parsed"], 0, "{warm}");
    // index.js, greet.js and data.json.
    assert_eq!(warm["cache"]["reused"], 3, "{warm}");
    // Nor reads a module's text: its stat is the one the cache recorded.
    assert_eq!(warm["cache"]["lateReads"], 0, "{warm}");
    assert_eq!(run_main(&out), "hello world\n");

    // Rewritten in place with text of the same length and its modification time set back
    // (as some tools do): its status-change time still tells, and the edit is built.
    let greet = dir.join("src/greet.js");
    let modified = std::fs::metadata(&greet).unwrap().modified().unwrap();
    std::fs::write(
        &greet,
        "export const greet = (who) => `HELLO ${who}`;\nexport const unused = () => 1;\n",
    )
    .unwrap();
    std::fs::File::options()
        .write(true)
        .open(&greet)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let (code, edited) = build(&dir, &out, &args);
    assert_eq!(code, 0, "{edited}");
    assert_eq!(edited["cache"]["parsed"], 1, "{edited}");
    assert_eq!(run_main(&out), "HELLO world\n");
    // That build wrote the unchanged files' entries back as it had read them: the next
    // parses nothing (the edited file's new text has an entry too).
    let (code, again) = build(&dir, &out, &args);
    assert_eq!(code, 0, "{again}");
    assert_eq!(again["cache"]["parsed"], 0, "{again}");
    assert_eq!(again["cache"]["lateReads"], 0, "{again}");
    assert_eq!(run_main(&out), "HELLO world\n");
}

/// Waits until files written now are older than the file system clock's granularity.
fn settle() {
    std::thread::sleep(std::time::Duration::from_millis(2100));
}

/// Sets the modification time of every file under `dir` a minute back, as for a project
/// checked out a while ago (a package.json or tsconfig.json modified in the last seconds
/// before a build may have changed while the build read it: its resolutions are not kept).
fn age_files(dir: &Path) {
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for file in list_files(dir) {
        let f = std::fs::File::options()
            .write(true)
            .open(dir.join(file))
            .unwrap();
        f.set_modified(past).unwrap();
    }
}

/// Resolutions are kept: a second process with nothing changed asks the resolver nothing;
/// then every kind of change they depend on is seen by the next process, whose output is
/// the cold build's: a module's edit (which changes no resolution: they are still
/// reused), a file created where a resolution looked first, a package's package.json, a
/// tsconfig.json's `paths`, a file removed.
#[test]
fn resolutions_are_kept_until_a_file_they_depend_on_changes() {
    let (tmp, dir) = cached_app(
        "import { a } from \"./a\";\nimport { b } from \"pkg\";\nimport { c } from \"@lib/c\";\nconsole.log(a, b, c);\n",
    );
    write_file(&dir, "src/a.ts", "export const a: string = \"a.ts\";\n");
    write_file(
        &dir,
        "node_modules/pkg/package.json",
        "{ \"name\": \"pkg\", \"main\": \"./one.js\" }\n",
    );
    write_file(
        &dir,
        "node_modules/pkg/one.js",
        "export const b = \"one\";\n",
    );
    write_file(
        &dir,
        "node_modules/pkg/two.js",
        "export const b = \"two\";\n",
    );
    write_file(&dir, "src/lib1/c.js", "export const c = \"lib1\";\n");
    write_file(&dir, "src/lib2/c.js", "export const c = \"lib2\";\n");
    let tsconfig = |lib: &str| {
        format!(
            "{{ \"compilerOptions\": {{ \"allowJs\": true, \"baseUrl\": \".\", \"paths\": {{ \"@lib/*\": [\"src/{lib}/*\"] }} }} }}\n"
        )
    };
    write_file(&dir, "tsconfig.json", &tsconfig("lib1"));
    age_files(&dir);
    let out = dir.join("dist");
    let cold = tmp.path().join("cold");
    // A build from the cache the last one wrote: the program's output, the resolutions it
    // reused, and its bytes against a build without the cache.
    let step = |what: &str| -> (String, u64) {
        let (code, result) = build(&dir, &out, &[]);
        assert_eq!(code, 0, "{what}: {result}");
        let (code, _) = build(&dir, &cold, &["--no-cache"]);
        assert_eq!(code, 0, "{what}");
        assert_eq!(
            read_all(&out),
            read_all(&cold),
            "{what}: differs from a cold build"
        );
        let reused = result["cache"]["resolutionsReused"].as_u64().unwrap();
        (run_main(&out), reused)
    };

    let (printed, reused) = step("first build");
    assert_eq!(printed, "a.ts one lib1\n");
    assert_eq!(reused, 0);
    let (printed, reused) = step("nothing changed");
    assert_eq!(printed, "a.ts one lib1\n");
    // The entry (from the configuration) and the three requests of index.js.
    assert_eq!(
        reused, 4,
        "nothing changed: every request answered from the cache"
    );

    write_file(&dir, "src/a.ts", "export const a: string = \"a2.ts\";\n");
    let (printed, reused) = step("a module edited");
    assert_eq!(printed, "a2.ts one lib1\n");
    assert_eq!(reused, 4, "an edit changes no resolution");

    // `./a` looked for a.tsx before it found a.ts.
    write_file(&dir, "src/a.tsx", "export const a: string = \"a.tsx\";\n");
    let (printed, reused) = step("a.tsx created");
    assert_eq!(printed, "a.tsx one lib1\n");
    assert_eq!(reused, 0, "a file created where a resolution looked");
    age_files(&dir);
    step("aged");
    assert_eq!(step("unchanged again").1, 4);

    write_file(
        &dir,
        "node_modules/pkg/package.json",
        "{ \"name\": \"pkg\", \"main\": \"./two.js\" }\n",
    );
    let (printed, reused) = step("package.json edited");
    assert_eq!(printed, "a.tsx two lib1\n");
    assert_eq!(reused, 0);
    // Modified seconds ago: its resolutions were not kept; a minute later they are.
    assert_eq!(step("package.json just edited").1, 0);
    age_files(&dir);
    step("aged");
    assert_eq!(step("unchanged again").1, 4);

    write_file(&dir, "tsconfig.json", &tsconfig("lib2"));
    let (printed, reused) = step("tsconfig.json edited");
    assert_eq!(printed, "a.tsx two lib2\n");
    assert_eq!(reused, 0);
    age_files(&dir);
    step("aged");

    std::fs::remove_file(dir.join("src/a.tsx")).unwrap();
    let (printed, reused) = step("a.tsx removed");
    assert_eq!(printed, "a2.ts two lib2\n");
    assert_eq!(reused, 0);
}
