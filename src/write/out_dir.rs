//! Claiming outDir before any work starts, so that a build can only ever replace its own
//! earlier output.
//!
//! A claim (1) refuses, whatever the options, an outDir that is the filesystem root, the home
//! directory, the project directory, an ancestor of one of them, a directory holding the
//! configuration or a module, or something that is not a directory; (2) takes a lock on
//! outDir's parent, so that two builds writing the same outDir run one after the other;
//! (3) makes the staging directory next to outDir, which shows early that the parent is
//! writable; and (4) inspects outDir: it may be replaced only when it is absent, empty, or
//! holds nothing but what the marker of an earlier build of this project lists, unless
//! `emptyOutDir` says to empty it anyway. Even then a directory holding a `package.json` or
//! `.git` is refused. [`super::write_output`] inspects outDir once more just before
//! replacing it, so files that appear during the build are seen too.

use std::fs::File;
use std::path::{Component, Path, PathBuf};

use crate::config::{BuildConfig, ConfigText, display_path};
use crate::diagnostics::{Code, Diagnostic, Location};

use super::marker::{MARKER, Marker};

/// Files named in a refusal; the rest are counted.
const LISTED: usize = 10;

/// The hint of every MF2007.
const OWN_DIRECTORY: &str =
    "outDir is replaced by every build: use a directory of its own, such as \"dist\"";

/// outDir, claimed for one build: locked, checked, with its staging directory made. Dropping
/// it removes the staging directory and releases the lock.
#[derive(Debug)]
pub struct OutDirClaim {
    /// outDir with symlinks resolved: the directory that is replaced (a symlink named as
    /// outDir keeps pointing at it).
    pub(super) real: PathBuf,
    /// outDir as the user sees it, for messages.
    pub(super) display: String,
    /// Where new output is written before it takes outDir's place; made by this claim.
    pub(super) staging: PathBuf,
    /// Set once the staging directory has taken outDir's place: the path then holds the old
    /// tree, whose files `write_output` deletes one by one, and Drop leaves it alone.
    pub(super) swapped: std::cell::Cell<bool>,
    /// The project directory (canonical), for messages.
    pub(super) root: PathBuf,
    /// The project's name, recorded in the marker (`BuildConfig::unique_name`).
    pub(super) project: String,
    /// `emptyOutDir`: files that are not this project's output may be deleted.
    pub(super) empty_out_dir: bool,
    /// Where outDir was set, for messages.
    origin: Origin,
    /// Held for the claim's life (the parent directory, locked exclusively).
    _lock: Option<File>,
}

impl Drop for OutDirClaim {
    fn drop(&mut self) {
        // The staging directory was made by this claim (`create_dir` fails on an existing
        // one), so until the swap everything in it is ours.
        if !self.swapped.get() {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Where outDir was set: a key of the configuration file (the diagnostic points there), or
/// the command line or the default (a note says so).
#[derive(Debug)]
enum Origin {
    Key(Location),
    Note(String),
}

impl Origin {
    fn mark(&self, d: Diagnostic, display: &str) -> Diagnostic {
        match self {
            Origin::Key(loc) => d.at(loc.clone()),
            Origin::Note(by) => d.note(format!("outDir is {display} (set by {by})")),
        }
    }

    /// MF2007: an outDir that is never replaced.
    fn protected(&self, display: &str, message: String) -> Box<Diagnostic> {
        let d = Diagnostic::new(Code::OutDirProtected, message).hint(OWN_DIRECTORY);
        Box::new(self.mark(d, display))
    }
}

/// What outDir holds now.
#[derive(Debug, Default)]
pub(super) struct Inspection {
    /// Every entry that is not a directory (files, symlinks), relative, `/`-separated.
    pub files: Vec<String>,
    /// Every directory below outDir, parents before children.
    pub dirs: Vec<String>,
    /// Entries that no marker of this project lists.
    pub foreign: Vec<String>,
    /// Foreign `package.json` and `.git` entries: outDir looks like a project.
    pub project_files: Vec<String>,
    /// The project that wrote the marker, when it is another one.
    pub other_project: Option<String>,
    /// The walk stopped early (enough foreign files found for the message).
    pub truncated: bool,
}

/// Claims `config.out_dir` for one build; errors are MF2006/MF2007 (configuration, exit 2)
/// or MF3002 (the parent cannot be written).
pub fn claim(config: &BuildConfig) -> Result<OutDirClaim, Box<Diagnostic>> {
    let display = display_path(&config.root, &config.out_dir);
    let origin = if config.out_dir_from_cli {
        Origin::Note("--out-dir".into())
    } else {
        let loc = ConfigText::read(config).key_location("outDir");
        if loc.line > 0 {
            Origin::Key(loc)
        } else {
            Origin::Note("the default".into())
        }
    };
    let protected = |message: String| origin.protected(&display, message);

    let real = real_path(&config.out_dir).map_err(|why| protected(why.to_string()))?;
    let Some(parent) = real.parent().map(Path::to_path_buf) else {
        return Err(protected(format!(
            "outDir {display} is the filesystem root"
        )));
    };
    if let Some(home) = std::env::var_os("HOME").and_then(|h| Path::new(&h).canonicalize().ok())
        && home.starts_with(&real)
    {
        return Err(protected(if home == real {
            format!("outDir {display} is the home directory")
        } else {
            format!("outDir {display} contains the home directory")
        }));
    }
    if config.root.starts_with(&real) {
        return Err(protected(if config.root == real {
            format!("outDir {display} is the project directory")
        } else {
            format!("outDir {display} contains the project directory")
        }));
    }
    let config_file = real_path(&config.config_file).unwrap_or_else(|_| config.config_file.clone());
    if config_file.starts_with(&real) {
        return Err(protected(format!(
            "outDir {display} holds the configuration file {}",
            display_path(&config.root, &config.config_file)
        )));
    }
    // Modules are known after the scan ([`OutDirClaim::check_modules`]); the entries and
    // exposed modules written as paths are known now.
    let written_paths = config
        .entries
        .values()
        .flatten()
        .chain(config.containers.exposes.iter().flat_map(|e| &e.imports));
    for request in written_paths {
        if crate::config::shared::is_relative(request)
            && let Ok(path) = real_path(&config.root.join(request))
            && path.starts_with(&real)
        {
            return Err(protected(format!(
                "outDir {display} holds the module {request}"
            )));
        }
    }
    if real.exists() && !real.is_dir() {
        return Err(protected(format!(
            "outDir {display} is a file, not a directory"
        )));
    }

    let cannot_write = |e: std::io::Error, what: &Path| {
        Box::new(
            Diagnostic::new(
                Code::WriteFailed,
                format!("cannot write {}: {e}", display_path(&config.root, what)),
            )
            .hint("outDir's parent directory must be writable; nothing was changed"),
        )
    };
    std::fs::create_dir_all(&parent).map_err(|e| cannot_write(e, &parent))?;
    let lock = lock_dir(&parent, &display);
    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    remove_stale_staging(&parent, &name, &real, &config.unique_name);
    let staging = parent.join(format!(".{name}.mfbundle-tmp-{}", std::process::id()));
    std::fs::create_dir(&staging).map_err(|e| cannot_write(e, &staging))?;
    let claim = OutDirClaim {
        real,
        display,
        staging,
        swapped: std::cell::Cell::new(false),
        root: config.root.clone(),
        project: config.unique_name.clone(),
        empty_out_dir: config.empty_out_dir,
        origin,
        _lock: lock,
    };
    claim.check_contents(&claim.inspect())?;
    Ok(claim)
}

impl OutDirClaim {
    /// After the scan: outDir must not hold any module of the build.
    pub fn check_modules<'a>(
        &self,
        modules: impl IntoIterator<Item = &'a Path>,
    ) -> Result<(), Box<Diagnostic>> {
        match modules.into_iter().find(|p| p.starts_with(&self.real)) {
            None => Ok(()),
            Some(module) => Err(self.origin.protected(
                &self.display,
                format!(
                    "outDir {} holds the module {}",
                    self.display,
                    display_path(&self.root, module)
                ),
            )),
        }
    }

    /// What outDir holds now. Without `emptyOutDir` the walk stops once enough foreign
    /// entries are found to refuse.
    pub(super) fn inspect(&self) -> Inspection {
        let mut found = Inspection::default();
        if !self.real.is_dir() {
            return found;
        }
        let marker = Marker::read(&self.real);
        let owned: Option<std::collections::HashSet<&str>> = match &marker {
            Some(m) if m.project == self.project => {
                Some(m.files.iter().map(String::as_str).collect())
            }
            Some(m) => {
                found.other_project = Some(m.project.clone());
                None
            }
            None => None,
        };
        let is_ours = |rel: &str| {
            owned
                .as_ref()
                .is_some_and(|files| rel == MARKER || files.contains(rel))
        };
        let limit = if self.empty_out_dir {
            usize::MAX
        } else {
            LISTED + 1
        };
        let mut stack = vec![String::new()];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(self.real.join(&dir)) else {
                // Unreadable: it cannot be checked, so it is not ours.
                found.foreign.push(dir.clone());
                continue;
            };
            let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
            entries.sort_by_key(|e| e.file_name());
            for entry in entries {
                let name = entry.file_name().to_string_lossy().into_owned();
                let rel = if dir.is_empty() {
                    name.clone()
                } else {
                    format!("{dir}/{name}")
                };
                let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
                if (name == "package.json" || name == ".git") && !is_ours(&rel) {
                    found.project_files.push(rel.clone());
                }
                if is_dir && name != ".git" {
                    found.dirs.push(rel.clone());
                    stack.push(rel);
                } else {
                    if !is_ours(&rel) {
                        found.foreign.push(rel.clone());
                    }
                    found.files.push(rel);
                }
                if found.foreign.len() >= limit {
                    found.truncated = true;
                    return found;
                }
            }
        }
        found.dirs.sort();
        found
    }

    /// Refuses contents that are not this project's output (unless `emptyOutDir`) and
    /// directories that look like a project (always).
    pub(super) fn check_contents(&self, found: &Inspection) -> Result<(), Box<Diagnostic>> {
        let list = |paths: &[String], truncated: bool| {
            let mut notes: Vec<String> = paths
                .iter()
                .take(LISTED)
                .map(|p| format!("in the way: {}/{p}", self.display))
                .collect();
            if paths.len() > LISTED || truncated {
                notes.push("and more".into());
            }
            notes
        };
        if !found.project_files.is_empty() {
            let mut d = self.origin.protected(
                &self.display,
                format!(
                    "outDir {} holds a package.json or .git: it looks like a project, not build output",
                    self.display
                ),
            );
            d.notes.extend(list(&found.project_files, false));
            return Err(d);
        }
        if found.foreign.is_empty() || self.empty_out_dir {
            return Ok(());
        }
        let whose = match &found.other_project {
            Some(p) => format!(" (it is the output of another project, \"{p}\")"),
            None => String::new(),
        };
        let d = Diagnostic::new(
            Code::OutDirNotOwned,
            format!(
                "outDir {} holds files that mfbundle did not write{whose}; replacing it would delete them",
                self.display
            ),
        )
        .hint("choose another outDir, move these files away, or set emptyOutDir = true (or pass --empty-out-dir) to delete them");
        let mut d = self.origin.mark(d, &self.display);
        d.notes.extend(list(&found.foreign, found.truncated));
        Err(Box::new(d))
    }
}

/// `path` with symlinks resolved as far as it exists, and `.`/`..` resolved lexically
/// beyond that (nothing there can be a symlink).
fn real_path(path: &Path) -> Result<PathBuf, String> {
    let mut real = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                real.pop();
            }
            other => {
                real.push(other.as_os_str());
                match real.canonicalize() {
                    Ok(r) => real = r,
                    Err(_) if real.symlink_metadata().is_ok() => {
                        return Err(format!(
                            "{} is a symlink that leads nowhere",
                            real.display()
                        ));
                    }
                    Err(_) => {}
                }
            }
        }
    }
    Ok(real)
}

/// An exclusive lock on `dir`, waited for if another build holds it (unix: `flock` on the
/// directory itself, so no lock file is left behind). Without one (another platform, or a
/// filesystem without locks) builds are not serialised.
fn lock_dir(dir: &Path, display: &str) -> Option<File> {
    if !cfg!(unix) {
        return None;
    }
    let file = File::open(dir).ok()?;
    match file.try_lock() {
        Ok(()) => Some(file),
        Err(std::fs::TryLockError::WouldBlock) => {
            eprintln!("mfbundle: waiting for another build that writes {display} to finish");
            file.lock().ok().map(|()| file)
        }
        Err(std::fs::TryLockError::Error(_)) => None,
    }
}

/// Removes what killed builds left next to outDir: their staging directories (named
/// `.<outDir>.mfbundle-tmp-<pid>`, made by mfbundle), and puts back an outDir that a build
/// killed between its two renames left as `.<outDir>.mfbundle-old-<pid>`. Called with the
/// lock held, so no other build is using them.
fn remove_stale_staging(parent: &Path, name: &str, real: &Path, project: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let tmp = format!(".{name}.mfbundle-tmp-");
    let old = format!(".{name}.mfbundle-old-");
    let ours = |suffix: &str| !suffix.is_empty() && suffix.bytes().all(|b| b.is_ascii_digit());
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if file_name.strip_prefix(&tmp).is_some_and(ours) {
            let _ = std::fs::remove_dir_all(&path);
        } else if file_name.strip_prefix(&old).is_some_and(ours) {
            let own = Marker::read(&path).is_some_and(|m| m.project == project);
            if own && !real.exists() {
                let _ = std::fs::rename(&path, real);
            } else if own {
                let _ = std::fs::remove_dir_all(&path);
            }
        }
    }
}
