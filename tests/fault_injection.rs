//! Build-time fault injection (issue #12): whatever goes wrong while mfbundle writes, the
//! previous outDir is left whole (or the new build is there whole), the exit status and
//! message say what happened, and nothing is left behind. outDir being a file or a symlink to
//! someone's files is in tests/out_dir_safety.rs.

mod support;

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use support::*;

/// A project with `n` lazily imported modules: as many chunk files, so that writing takes a
/// while and a kill can land in it.
fn chunky_project(dir: &Path, n: usize) {
    write_file(
        dir,
        "federation.toml",
        "name = \"faults\"\nentry = \"./src/index.js\"\ntarget = \"node\"\n",
    );
    let mut index = String::new();
    for i in 0..n {
        write_file(
            dir,
            &format!("src/m{i}.js"),
            &format!("export const v{i} = {:?};\n", "x".repeat(2000 + i)),
        );
        index.push_str(&format!("import('./m{i}.js').then(m => m.v{i}.length);\n"));
    }
    write_file(dir, "src/index.js", &index);
}

/// [`chunky_project`] with `n` modules, built once into dist; returns what dist holds.
fn built_once(dir: &Path, n: usize) -> Vec<(String, Vec<u8>)> {
    chunky_project(dir, n);
    let o = mfbundle().arg("build").arg(dir).output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    read_all(&dir.join("dist"))
}

fn build_into(dir: &Path, out: &Path, mode: &str) -> Vec<(String, Vec<u8>)> {
    let o = mfbundle()
        .arg("build")
        .arg(dir)
        .args(["--mode", mode, "--out-dir"])
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    read_all(out)
}

/// What mfbundle left next to outDir: its staging and old directories.
fn leftovers(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("mfbundle"))
        .collect()
}

/// A small deterministic generator (no dependency, same sequence on every run).
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

#[test]
fn sigkill_at_random_points_never_leaves_a_broken_out_dir() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    chunky_project(&dir, 300);
    let prod = build_into(&dir, &tmp.path().join("ref-prod"), "production");
    let dev = build_into(&dir, &tmp.path().join("ref-dev"), "development");
    assert_ne!(prod, dev);
    let dist = dir.join("dist");

    // How long an unhindered build takes here, and its write stage (--timings): half the
    // kills land anywhere in a build, half in its write stage.
    let (mut span, mut write_span) = (0u64, 0u64);
    for mode in ["production", "development"] {
        let start = Instant::now();
        let o = mfbundle()
            .arg("build")
            .arg(&dir)
            .args(["--mode", mode, "--timings"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", text(&o.stderr));
        span = span.max(start.elapsed().as_micros() as u64);
        let write_ms: f64 = text(&o.stderr)
            .lines()
            .find_map(|l| l.trim().strip_prefix("write")?.trim().parse().ok())
            .expect("--timings lists the write stage");
        write_span = write_span.max((write_ms * 1000.0) as u64);
    }

    let mut rng = Lcg(12);
    let (mut killed, mut finished) = (0, 0);
    for round in 0..50 {
        let before = read_all(&dist);
        let mode = if round % 2 == 0 {
            "production"
        } else {
            "development"
        };
        let mut child = mfbundle()
            .arg("build")
            .arg(&dir)
            .args(["--mode", mode])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        if round % 2 == 0 {
            std::thread::sleep(Duration::from_micros(rng.below(span)));
        } else {
            // The write stage starts with the staging directory's marker.
            let marker = dir.join(format!(
                ".dist.mfbundle-tmp-{}/.mfbundle-output",
                child.id()
            ));
            let start = Instant::now();
            while !marker.exists()
                && child.try_wait().unwrap().is_none()
                && start.elapsed() < Duration::from_secs(20)
            {
                std::hint::spin_loop();
            }
            std::thread::sleep(Duration::from_micros(rng.below(write_span * 3 / 2)));
        }
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        if status.success() {
            finished += 1;
        } else {
            killed += 1;
        }
        let after = read_all(&dist);
        let new = if mode == "production" { &prod } else { &dev };
        assert!(
            after == before || &after == new,
            "round {round} ({mode}, {status}): dist is neither the previous build nor the new one whole: {:?}",
            after.iter().map(|f| &f.0).collect::<Vec<_>>()
        );
    }
    eprintln!("{killed} builds killed, {finished} finished before the kill");
    assert!(killed > 0, "no kill landed during a build");

    // The next build cleans up what the killed ones left.
    let o = mfbundle().arg("build").arg(&dir).output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(read_all(&dist), prod);
    assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));
}

/// mfbundle, run as an unprivileged user when the tests run as root (root ignores file
/// modes). `tree` is handed to that user so that only the modes the test sets stop it, and the
/// binary is copied next to it: the build's own directory need not be open to others.
fn unprivileged_mfbundle(tree: &Path) -> Command {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return mfbundle();
    }
    let status = Command::new("chown")
        .args(["-R", "65534:65534"])
        .arg(tree)
        .status()
        .unwrap();
    assert!(status.success());
    // The temporary directory itself is root's, mode 0700.
    let mut p = tree.to_path_buf();
    while let Some(parent) = p.parent() {
        if parent == Path::new("/") || parent == std::env::temp_dir() {
            break;
        }
        let _ = Command::new("chmod").arg("o+x").arg(parent).status();
        p = parent.to_path_buf();
    }
    let bin = tree.with_file_name("mfbundle-unprivileged");
    std::fs::copy(env!("CARGO_BIN_EXE_mfbundle"), &bin).unwrap();
    let mut cmd = Command::new(bin);
    cmd.uid(65534).gid(65534);
    cmd
}

#[test]
fn a_file_size_limit_fails_the_write_and_keeps_the_previous_output() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    let before = built_once(&dir, 3);
    // A chunk larger than the limit (ulimit -f counts 512-byte blocks: 4 KB).
    write_file(
        &dir,
        "src/m0.js",
        &format!("export const v0 = {:?};\n", "y".repeat(64 * 1024)),
    );
    let o = Command::new("bash")
        .arg("-c")
        .arg("ulimit -f 8 && exec \"$0\" build \"$1\"")
        .arg(env!("CARGO_BIN_EXE_mfbundle"))
        .arg(&dir)
        .output()
        .unwrap();
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("error[MF3002]: cannot write dist"), "{err}");
    assert!(err.contains("too large"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(read_all(&dir.join("dist")), before);
    assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));
}

#[test]
fn an_unreadable_module_is_reported_and_the_previous_output_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    let before = built_once(&dir, 3);
    let mut cmd = unprivileged_mfbundle(&dir);
    cmd.arg("build").arg(&dir);
    let module = dir.join("src/m1.js");
    std::fs::set_permissions(&module, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let o = cmd.output().unwrap();
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[MF3001]: cannot read src/m1.js"),
        "{err}"
    );
    assert!(err.contains("--> src/m1.js"), "{err}");
    assert_eq!(read_all(&dir.join("dist")), before);
}

#[test]
fn a_module_vanishing_during_builds_is_an_error_or_a_whole_build_never_a_crash() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    built_once(&dir, 40);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flapper = {
        let (stop, path) = (stop.clone(), dir.join("src/m7.js"));
        std::thread::spawn(move || {
            let body = std::fs::read(&path).unwrap();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = std::fs::remove_file(&path);
                std::thread::sleep(Duration::from_micros(300));
                let _ = std::fs::write(&path, &body);
                std::thread::sleep(Duration::from_micros(300));
            }
            std::fs::write(&path, &body).unwrap();
        })
    };
    let mut failed = 0;
    for round in 0..30 {
        let o = mfbundle().arg("build").arg(&dir).output().unwrap();
        let err = text(&o.stderr);
        assert!(!err.contains("panicked"), "round {round}: {err}");
        match o.status.code() {
            Some(0) => {}
            Some(1) => {
                failed += 1;
                assert!(
                    err.contains("src/m7.js") && (err.contains("MF3001") || err.contains("MF1003")),
                    "round {round}: {err}"
                );
            }
            other => panic!("round {round}: exit {other:?}: {err}"),
        }
        // Whatever happened, dist is one whole build: the marker lists exactly its files.
        let dist = dir.join("dist");
        let marker: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dist.join(".mfbundle-output")).unwrap()).unwrap();
        let mut listed: Vec<String> = marker["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap().to_string())
            .collect();
        listed.push(".mfbundle-output".into());
        listed.sort();
        assert_eq!(list_files(&dist), listed, "round {round}");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    flapper.join().unwrap();
    eprintln!("{failed} of 30 builds saw the module missing");
}

#[test]
fn an_unwritable_parent_is_refused_before_any_work() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("app");
    let before = built_once(&dir, 3);
    std::fs::create_dir_all(dir.join("out/dist")).unwrap();
    let mut cmd = unprivileged_mfbundle(&dir);
    cmd.arg("build").arg(&dir).args(["--out-dir", "out/dist"]);
    cmd.current_dir(&dir);
    std::fs::set_permissions(
        dir.join("out"),
        std::os::unix::fs::PermissionsExt::from_mode(0o555),
    )
    .unwrap();
    let o = cmd.output().unwrap();
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[MF3002]: cannot write out/.dist.mfbundle-tmp-"),
        "{err}"
    );
    assert!(err.contains("Permission denied"), "{err}");
    assert!(
        err.contains("outDir's parent directory must be writable"),
        "{err}"
    );
    assert!(dir.join("out/dist").is_dir());
    assert_eq!(read_all(&dir.join("dist")), before);
}
