//! A module's text. The scan reads a file's text, except where the persistent cache knows
//! the file by its stat (size, modification time, inode) and holds its scan results: then
//! the text is read when a later stage first reads it (a code generation the cache cannot
//! answer, a diagnostic's location, a source map), which in a warm development build is
//! never. Opening and reading 5,000 files was a fifth of such a build.
//!
//! A stat is trusted only if the file was modified at least [`CLOCK_SLACK`] before it was
//! read (an edit within the file system clock's granularity could otherwise keep the same
//! time). If the text read late is not the text the cache described (the file changed
//! while the build ran), the build reports it ([`Source::is_stale`]) rather than write
//! output made from two versions of the file.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

/// How long before it was read a file must have been modified for its stat to stand for
/// its text (the coarsest file-system clock: FAT's two seconds).
pub const CLOCK_SLACK: Duration = Duration::from_secs(2);

/// Texts read late in this process (of files whose stat the persistent cache trusted).
static LATE_READS: AtomicUsize = AtomicUsize::new(0);

/// A file as it was when read: size, modification time (nanoseconds since the epoch),
/// inode and status-change time (which a write sets and no tool can set back, as tools do
/// the modification time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    modified: u128,
    inode: u64,
    changed: i128,
}

impl Stamp {
    pub fn of(metadata: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let (inode, changed) = {
            use std::os::unix::fs::MetadataExt;
            let changed =
                i128::from(metadata.ctime()) * 1_000_000_000 + i128::from(metadata.ctime_nsec());
            (metadata.ino(), changed)
        };
        #[cfg(not(unix))]
        let (inode, changed) = (0, 0);
        Stamp {
            changed,
            len: metadata.len(),
            modified: metadata
                .modified()
                .ok()
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos()),
            inode,
        }
    }

    /// The stamp of a file read now, if its modification is old enough to trust it later.
    pub fn settled(metadata: &std::fs::Metadata) -> Option<Stamp> {
        let stamp = Stamp::of(metadata);
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .ok()?
            .as_nanos() as i128;
        let last = (stamp.modified as i128).max(stamp.changed);
        (last + (CLOCK_SLACK.as_nanos() as i128) < now).then_some(stamp)
    }

    /// The stamp of the file at `path` now.
    pub fn current(path: &Path) -> Option<Stamp> {
        std::fs::metadata(path).ok().map(|m| Stamp::of(&m))
    }

    /// [`Stamp::of`] from a `stat` of the file.
    #[cfg(target_os = "linux")]
    fn of_stat(st: &rustix::fs::Stat) -> Stamp {
        let modified = u128::try_from(st.st_mtime)
            .map_or(0, |s| s * 1_000_000_000 + u128::from(st.st_mtime_nsec));
        Stamp {
            len: u64::try_from(st.st_size).unwrap_or(0),
            modified,
            inode: st.st_ino,
            changed: i128::from(st.st_ctime) * 1_000_000_000 + i128::from(st.st_ctime_nsec),
        }
    }

    /// The stamp of the file at each item's `path`, if it is a file (following symlinks, as
    /// `std::fs::metadata`), statted in parallel. Paths that share a directory (sorted
    /// paths, as the persistent cache keeps them) are statted by name in that directory: the
    /// kernel looks up one name instead of every component of the path, for thousands of
    /// module files.
    pub fn of_files<T: Sync>(items: &[T], path: impl Fn(&T) -> &Path + Sync) -> Vec<Option<Stamp>> {
        use rayon::prelude::*;
        let by_path = |path: &Path| {
            std::fs::metadata(path)
                .ok()
                .filter(|m| m.is_file())
                .map(|m| Stamp::of(&m))
        };
        #[cfg(target_os = "linux")]
        {
            // Runs of paths in one directory, at most 256 each (each stats in parallel,
            // with the directory open for its run only).
            let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match runs.last_mut() {
                    Some(run)
                        if run.len() < 256
                            && path(&items[run.start]).parent() == path(item).parent() =>
                    {
                        run.end = i + 1
                    }
                    _ => runs.push(i..i + 1),
                }
            }
            runs.into_par_iter()
                .flat_map_iter(|run| {
                    let items = &items[run];
                    let dir = path(&items[0])
                        .parent()
                        .filter(|d| !d.as_os_str().is_empty())
                        .and_then(|d| {
                            use rustix::fs::{Mode, OFlags};
                            let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
                            rustix::fs::open(d, flags, Mode::empty()).ok()
                        });
                    items
                        .iter()
                        .map(|item| match (&dir, path(item).file_name()) {
                            (Some(dir), Some(name)) => {
                                let st =
                                    rustix::fs::statat(dir, name, rustix::fs::AtFlags::empty());
                                st.ok()
                                    .filter(|st| {
                                        rustix::fs::FileType::from_raw_mode(st.st_mode)
                                            == rustix::fs::FileType::RegularFile
                                    })
                                    .map(|st| Stamp::of_stat(&st))
                            }
                            _ => by_path(path(item)),
                        })
                        .collect::<Vec<_>>()
                })
                .collect()
        }
        #[cfg(not(target_os = "linux"))]
        items.par_iter().map(|item| by_path(path(item))).collect()
    }
}

/// A file's bytes as a module's text: UTF-8 without a byte order mark (`None` if not
/// UTF-8). The scan's read and a late read decode alike.
pub fn text_of(bytes: Vec<u8>) -> Option<Arc<str>> {
    let s = String::from_utf8(bytes).ok()?;
    Some(Arc::from(s.strip_prefix('\u{feff}').unwrap_or(&s)))
}

#[derive(Clone)]
pub struct Source(Arc<Inner>);

struct Inner {
    text: OnceLock<Arc<str>>,
    /// xxh3 of the text.
    hash: OnceLock<u64>,
    /// Where the text is read from, when it was not read by the scan.
    later: Option<PathBuf>,
    /// The file's stamp when its text was read (or described by the cache).
    stamp: Option<Stamp>,
    /// Read late, the text was not the one the cache described.
    stale: AtomicBool,
}

impl Source {
    /// A text in hand (read by the scan with the file's `stamp`, or made by mfbundle).
    pub fn read(text: Arc<str>, stamp: Option<Stamp>) -> Source {
        Source(Arc::new(Inner {
            text: OnceLock::from(text),
            hash: OnceLock::new(),
            later: None,
            stamp,
            stale: AtomicBool::new(false),
        }))
    }

    /// The text of `path`, known by its hash and stamp, read when first needed.
    pub fn later(path: PathBuf, hash: u64, stamp: Stamp) -> Source {
        Source(Arc::new(Inner {
            text: OnceLock::new(),
            hash: OnceLock::from(hash),
            later: Some(path),
            stamp: Some(stamp),
            stale: AtomicBool::new(false),
        }))
    }

    /// The text (read now if it was not).
    pub fn text(&self) -> &Arc<str> {
        self.0.text.get_or_init(|| {
            LATE_READS.fetch_add(1, Ordering::Relaxed);
            let path = self.0.later.as_deref().unwrap_or(Path::new(""));
            let text = std::fs::read(path).ok().and_then(text_of);
            let same = text.as_ref().is_some_and(|t| {
                Some(&xxhash_rust::xxh3::xxh3_64(t.as_bytes())) == self.0.hash.get()
            });
            if !same {
                self.0.stale.store(true, Ordering::Relaxed);
            }
            text.unwrap_or_else(|| Arc::from(""))
        })
    }

    /// xxh3 of the text, without reading a text read late.
    pub fn content_hash(&self) -> u64 {
        *self
            .0
            .hash
            .get_or_init(|| xxhash_rust::xxh3::xxh3_64(self.text().as_bytes()))
    }

    /// The file's stamp when its text was read, if it can be trusted later.
    pub fn stamp(&self) -> Option<Stamp> {
        self.0.stamp
    }

    /// Whether the text was read late and was not the text the scan used (the file changed
    /// or went during the build).
    pub fn is_stale(&self) -> bool {
        self.0.stale.load(Ordering::Relaxed)
    }

    /// Whether the text has not been read yet.
    pub fn is_unread(&self) -> bool {
        self.0.text.get().is_none()
    }

    pub fn ptr_eq(a: &Source, b: &Source) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }

    /// Texts read late in this process so far.
    pub fn late_reads() -> usize {
        LATE_READS.load(Ordering::Relaxed)
    }
}

impl Deref for Source {
    type Target = str;
    fn deref(&self) -> &str {
        self.text()
    }
}

impl From<&str> for Source {
    fn from(text: &str) -> Source {
        Source::read(Arc::from(text), None)
    }
}

impl From<Arc<str>> for Source {
    fn from(text: Arc<str>) -> Source {
        Source::read(text, None)
    }
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.text.get() {
            Some(text) => text.fmt(f),
            None => write!(f, "<unread {:?}>", self.0.later),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Stamp;

    #[test]
    fn stamps_of_files_are_each_files_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let mut paths = Vec::new();
        for i in 0..300 {
            let p = dir.path().join(format!("m{i}.js"));
            std::fs::write(&p, "x".repeat(i)).unwrap();
            paths.push(p);
        }
        paths.push(dir.path().join("missing.js"));
        paths.push(sub.clone());
        std::fs::write(sub.join("a.js"), "a").unwrap();
        paths.push(sub.join("a.js"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(sub.join("a.js"), dir.path().join("link.js")).unwrap();
            paths.push(dir.path().join("link.js"));
        }
        paths.push("relative-missing.js".into());
        let stamps = Stamp::of_files(&paths, |p| p);
        let expected: Vec<Option<Stamp>> = paths
            .iter()
            .map(|p| Stamp::current(p).filter(|_| p.is_file()))
            .collect();
        assert_eq!(stamps, expected);
        let files = if cfg!(unix) { 302 } else { 301 };
        assert_eq!(stamps.iter().filter(|s| s.is_some()).count(), files);
    }
}
