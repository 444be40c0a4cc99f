//! Resolutions kept by the persistent cache: what each request of the last process resolved
//! to, and what those answers depended on on disk, so that a restart with an unchanged tree
//! resolves nothing again.
//!
//! While a build resolves with the persistent cache on, every resolution records (through
//! oxc_resolver's `ResolveContext`) the files it found and the paths it looked for and did
//! not find: the candidates of each extension, `node_modules` of every parent directory,
//! `package.json` files. The union over every resolution of one [`Resolvers`] is complete
//! even though the resolver caches what it learns (a `package.json` looked up once is not
//! recorded again by the next resolution), because the same recorder sees the first lookup.
//! `tsconfig.json` discovery (which oxc_resolver does without a context) is recorded here:
//! each importer's directory and all its parents may hold one.
//!
//! The answers are trusted again as a whole, or not at all, when the next process checks
//! every dependency ([`StoredResolutions::check`]):
//! - each path that was missing is still missing;
//! - each file found is still a file; a `package.json` also has the same size, modification
//!   time and inode (its contents decide exports, `browser`, `type`);
//! - each `tsconfig.json` in the importers' directories or above is where it was, and the
//!   configuration it gives (its `extends` merged in) is the same.
//!
//! A module's own text does not count: editing a module never changes how a request
//! resolves, only creating, removing or renaming files does, and those change what was found
//! or missing. A `package.json` modified less than two seconds before the resolvers were
//! made (the coarsest file-system clock) may have changed while they read it: such answers
//! are not kept, and the next process resolves afresh.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use oxc_resolver::{ModuleType, ResolveContext};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::path_index::PathIndex;
use super::resolve::Resolved;
use super::source::{CLOCK_SLACK, Stamp};

/// What identifies a resolution: the importing file (its directory is the base, and its
/// tsconfig.json the `paths`), the request, and whether it is a `require`.
#[derive(Clone, PartialEq, Eq)]
struct Key {
    importer: PathBuf,
    request: String,
    require: bool,
}

/// A successful resolution; `P` names a path (a `PathBuf` in memory, an index into
/// [`StoredResolutions::paths`] in the file).
#[derive(Clone, Serialize, Deserialize)]
enum Answer<P> {
    File { path: P, module_type: u8 },
    Builtin(String),
    Ignored(PathBuf),
}

impl Answer<PathBuf> {
    fn of(resolved: &Resolved) -> Option<Answer<PathBuf>> {
        Some(match resolved {
            Resolved::File { path, module_type } => Answer::File {
                path: path.clone(),
                module_type: match module_type {
                    None => 0,
                    Some(ModuleType::Module) => 1,
                    Some(ModuleType::CommonJs) => 2,
                    Some(ModuleType::Json) => 3,
                    Some(ModuleType::Wasm) => 4,
                    Some(ModuleType::Addon) => 5,
                },
            },
            Resolved::Builtin(b) => Answer::Builtin(b.clone()),
            Resolved::Ignored(p) => Answer::Ignored(p.clone()),
            // Made by the scan, never by the resolver.
            Resolved::Missing { .. } | Resolved::Asset(_) => return None,
        })
    }
}

impl<P> Answer<P> {
    fn resolved(&self, path_of: impl Fn(&P) -> PathBuf) -> Resolved {
        match self {
            Answer::File { path, module_type } => Resolved::File {
                path: path_of(path),
                module_type: match module_type {
                    1 => Some(ModuleType::Module),
                    2 => Some(ModuleType::CommonJs),
                    3 => Some(ModuleType::Json),
                    4 => Some(ModuleType::Wasm),
                    5 => Some(ModuleType::Addon),
                    _ => None,
                },
            },
            Answer::Builtin(b) => Resolved::Builtin(b.clone()),
            Answer::Ignored(p) => Resolved::Ignored(p.clone()),
        }
    }

    fn with_path<'a, Q>(&'a self, f: impl Fn(&'a P) -> Q) -> Answer<Q> {
        match self {
            Answer::File { path, module_type } => Answer::File {
                path: f(path),
                module_type: *module_type,
            },
            Answer::Builtin(b) => Answer::Builtin(b.clone()),
            Answer::Ignored(p) => Answer::Ignored(p.clone()),
        }
    }
}

/// An answer as the file holds it: importer and file by their index in
/// [`StoredResolutions::paths`].
#[derive(Clone, Serialize, Deserialize)]
struct StoredAnswer {
    importer: u32,
    request: String,
    require: bool,
    answer: Answer<u32>,
}

/// Sorts `items` by the bytes of the path each names and drops repeats (bytes, not
/// components: only the order of the file and the absence of repeats matter).
fn sort_dedup<T>(items: &mut Vec<T>, path: impl Fn(&T) -> &Path) {
    items.sort_unstable_by(|a, b| {
        path(a)
            .as_os_str()
            .as_encoded_bytes()
            .cmp(path(b).as_os_str().as_encoded_bytes())
    });
    items.dedup_by(|a, b| path(a).as_os_str() == path(b).as_os_str());
}

/// The resolutions of one process and what they depend on, as the cache file holds them
/// (sorted, so that the same resolutions write the same bytes).
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct StoredResolutions {
    /// The importers and files the answers name, each once (an importer is usually another
    /// importer's file).
    paths: Vec<PathBuf>,
    answers: Vec<StoredAnswer>,
    /// Files that were found; a `package.json` with its stamp.
    found: Vec<(PathBuf, Option<Stamp>)>,
    /// Paths that were looked for and not found.
    missing: Vec<PathBuf>,
    /// Every `tsconfig.json` that was or could have been discovered: a hash of the
    /// configuration it gives, or `None` where there was none.
    tsconfigs: Vec<(PathBuf, Option<u64>)>,
}

impl StoredResolutions {
    /// Whether every answer still holds: nothing found is gone or changed, nothing missing
    /// appeared, every tsconfig.json gives the configuration it gave (`tsconfig` loads one
    /// with the new resolvers). With it, the stamps of the files found that are still
    /// files, as the check saw them (the scan compares a module file's stamp with the one
    /// its stored scan results were made from: one stat of each file, not two).
    pub fn check(&self, tsconfig: &(dyn Fn(&Path) -> Option<u64> + Sync)) -> (bool, FileStamps) {
        // Indices within the path table (a file of this mfbundle whose checksum holds has
        // them right; nothing from a file is indexed unchecked).
        let n = self.paths.len() as u32;
        let indexed = self.answers.iter().all(|a| {
            a.importer < n
                && match a.answer {
                    Answer::File { path, .. } => path < n,
                    _ => true,
                }
        });
        if !indexed {
            return (false, FileStamps::default());
        }
        // Every file's stat (no stopping at the first change: the stamps serve the scan).
        let seen = Stamp::of_files(&self.found, |(path, _)| path);
        let found = self
            .found
            .iter()
            .zip(&seen)
            .all(|((_, stored), now)| now.is_some_and(|now| stored.is_none_or(|s| s == now)));
        let stamps = FileStamps::new(
            self.found
                .iter()
                .zip(seen)
                .filter_map(|((path, _), now)| Some((path.clone(), now?)))
                .collect(),
        );
        let valid = found
            && self
                .missing
                .par_iter()
                .all(|path| std::fs::metadata(path).is_err())
            && self.tsconfigs.iter().all(|(path, hash)| {
                let exists = std::fs::metadata(path).is_ok_and(|m| m.is_file());
                match hash {
                    None => !exists,
                    Some(h) => exists && tsconfig(path) == Some(*h),
                }
            });
        (valid, stamps)
    }
}

/// Files' stamps as a check saw them, found by path ([`PathIndex`]).
#[derive(Default)]
pub struct FileStamps {
    list: Vec<(PathBuf, Stamp)>,
    index: PathIndex,
}

impl FileStamps {
    fn new(list: Vec<(PathBuf, Stamp)>) -> FileStamps {
        let index = PathIndex::new(list.iter().map(|(p, _)| p.as_os_str().as_encoded_bytes()));
        FileStamps { list, index }
    }

    /// The stamp seen of the file at `path`.
    pub fn get(&self, path: &Path) -> Option<Stamp> {
        let i = self.index.find(path.as_os_str().as_encoded_bytes(), |i| {
            Some(self.list[i].0.as_os_str().as_encoded_bytes())
        })?;
        Some(self.list[i].1)
    }
}

/// What one [`Resolvers`](super::resolve::Resolvers) resolved and found on the way: the
/// answers trusted from the last process, and the record of this one.
pub struct ResolveCache {
    /// Answers of the last process (checked when the resolvers were made), with what they
    /// depend on, which still counts for the next file.
    trusted: StoredResolutions,
    /// [`Key::digest`] -> index in `trusted.answers`.
    by_hash: rustc_hash::FxHashMap<u64, u32>,
    recorded: Mutex<Recorded>,
    /// When the resolvers were made (a `package.json` modified after may have been read
    /// half-written).
    made: SystemTime,
    reused: std::sync::atomic::AtomicUsize,
}

/// This process's record, appended to as resolutions are made (no hashing of paths on
/// the way: the export sorts and deduplicates).
#[derive(Default)]
struct Recorded {
    answers: Vec<(Key, Answer<PathBuf>)>,
    found: Vec<PathBuf>,
    missing: Vec<PathBuf>,
    /// Directories of importers (a tsconfig.json in one of them or above applies), and the
    /// digests of their bytes, to add each once.
    importer_dirs: Vec<PathBuf>,
    importer_dir_digests: HashSet<u64>,
    /// Something was added since the last export.
    changed: bool,
}

impl Key {
    /// A hash of the key's bytes (the paths' bytes, not their components: a lookup that
    /// misses only resolves again).
    fn digest(importer: &Path, request: &str, require: bool) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(importer.as_os_str().as_encoded_bytes());
        h.update(&[0, u8::from(require)]);
        h.update(request.as_bytes());
        h.digest()
    }
}

impl ResolveCache {
    /// A cache that trusts `stored` (already checked, or `None`).
    pub fn new(stored: Option<StoredResolutions>) -> ResolveCache {
        let trusted = stored.unwrap_or_default();
        let by_hash = trusted
            .answers
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let importer = &trusted.paths[a.importer as usize];
                (Key::digest(importer, &a.request, a.require), i as u32)
            })
            .collect();
        ResolveCache {
            trusted,
            by_hash,
            recorded: Mutex::default(),
            made: SystemTime::now(),
            reused: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// The trusted answer of `importer`'s `request`, if there is one.
    pub fn get(&self, importer: &Path, request: &str, require: bool) -> Option<Resolved> {
        if self.by_hash.is_empty() {
            return None;
        }
        let i = *self.by_hash.get(&Key::digest(importer, request, require))?;
        let stored = &self.trusted.answers[i as usize];
        let paths = &self.trusted.paths;
        if paths[stored.importer as usize].as_os_str() != importer.as_os_str()
            || stored.request != request
            || stored.require != require
        {
            return None;
        }
        self.reused
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(stored.answer.resolved(|&i| paths[i as usize].clone()))
    }

    /// Records a resolution made now and what it found and missed.
    pub fn record(
        &self,
        importer: &Path,
        request: &str,
        require: bool,
        resolved: &Resolved,
        context: ResolveContext,
    ) {
        let answer = Answer::of(resolved).map(|answer| {
            let key = Key {
                importer: importer.to_path_buf(),
                request: request.to_string(),
                require,
            };
            (key, answer)
        });
        let dir = importer.parent().unwrap_or(Path::new("/"));
        let dir_digest = xxhash_rust::xxh3::xxh3_64(dir.as_os_str().as_encoded_bytes());
        let mut recorded = self.recorded.lock().unwrap_or_else(|e| e.into_inner());
        recorded.found.extend(context.file_dependencies);
        recorded.missing.extend(context.missing_dependencies);
        if recorded.importer_dir_digests.insert(dir_digest) {
            recorded.importer_dirs.push(dir.to_path_buf());
        }
        if let Some(answer) = answer {
            recorded.answers.push(answer);
            recorded.changed = true;
        }
    }

    /// Records what a failed resolution found and missed (its answer is not kept, but a later
    /// one may rely on what it looked up first).
    pub fn record_failure(&self, context: ResolveContext) {
        let mut recorded = self.recorded.lock().unwrap_or_else(|e| e.into_inner());
        recorded.found.extend(context.file_dependencies);
        recorded.missing.extend(context.missing_dependencies);
    }

    /// Answers reused from the last process so far.
    pub fn reused(&self) -> usize {
        self.reused.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Whether answers were recorded since the last [`ResolveCache::export`].
    pub fn take_changed(&self) -> bool {
        std::mem::take(
            &mut self
                .recorded
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .changed,
        )
    }

    /// The answers to persist (the trusted ones and those made since) and their dependencies,
    /// or `None` when they cannot be trusted later: a `package.json` or `tsconfig.json` they
    /// read was modified while they were made. `tsconfig` hashes the configuration a
    /// tsconfig.json gives.
    pub fn export(
        &self,
        tsconfig: &(dyn Fn(&Path) -> Option<u64> + Sync),
    ) -> Option<StoredResolutions> {
        let recorded = self.recorded.lock().unwrap_or_else(|e| e.into_inner());
        let racy =
            |m: &std::fs::Metadata| m.modified().map_or(true, |t| t + CLOCK_SLACK >= self.made);
        let carried = &self.trusted;
        let mut found: Vec<&PathBuf> = recorded
            .found
            .iter()
            .chain(carried.found.iter().map(|(p, _)| p))
            .collect();
        sort_dedup(&mut found, |p| p);
        let found = found
            .into_iter()
            .map(|path| {
                let stamp = if path.file_name().is_some_and(|n| n == "package.json") {
                    let m = std::fs::metadata(path).ok()?;
                    if racy(&m) {
                        return None;
                    }
                    Some(Stamp::of(&m))
                } else {
                    None
                };
                Some((path.clone(), stamp))
            })
            .collect::<Option<Vec<_>>>()?;
        let mut missing: Vec<&PathBuf> = recorded.missing.iter().chain(&carried.missing).collect();
        sort_dedup(&mut missing, |p| p);
        let missing = missing.into_iter().cloned().collect();
        let mut dirs: Vec<&Path> = recorded
            .importer_dirs
            .iter()
            .map(PathBuf::as_path)
            .chain(carried.tsconfigs.iter().filter_map(|(p, _)| p.parent()))
            .flat_map(Path::ancestors)
            .collect();
        sort_dedup(&mut dirs, |d| d);
        let mut tsconfigs = Vec::with_capacity(dirs.len());
        for dir in dirs {
            let path = dir.join("tsconfig.json");
            // As the resolvers loaded it (or load it now, if they never needed it).
            let hash = tsconfig(&path);
            let hash = match std::fs::metadata(&path) {
                Ok(m) if m.is_file() => {
                    if racy(&m) {
                        return None;
                    }
                    Some(hash?)
                }
                // Removed since the resolvers used it: the next process sees it gone.
                _ => hash,
            };
            tsconfigs.push((path, hash));
        }
        // Every answer, the trusted ones first (a key is in one list or the other), as
        // (importer, request, require, answer).
        type Entry<'a> = (&'a Path, &'a str, bool, Answer<&'a Path>);
        let mut entries: Vec<Entry> = carried
            .answers
            .iter()
            .map(|a| {
                let path = |&i: &u32| carried.paths[i as usize].as_path();
                (
                    path(&a.importer),
                    a.request.as_str(),
                    a.require,
                    a.answer.with_path(path),
                )
            })
            .chain(recorded.answers.iter().map(|(k, a)| {
                (
                    k.importer.as_path(),
                    k.request.as_str(),
                    k.require,
                    a.with_path(PathBuf::as_path),
                )
            }))
            .collect();
        fn bytes(p: &Path) -> &[u8] {
            p.as_os_str().as_encoded_bytes()
        }
        entries.sort_by(|a, b| (bytes(a.0), a.1, a.2).cmp(&(bytes(b.0), b.1, b.2)));
        entries.dedup_by(|a, b| (a.0, a.1, a.2) == (b.0, b.1, b.2));
        let mut paths: Vec<&Path> = entries
            .iter()
            .flat_map(|(importer, _, _, answer)| {
                let file = match answer {
                    Answer::File { path, .. } => Some(*path),
                    _ => None,
                };
                std::iter::once(*importer).chain(file)
            })
            .collect();
        sort_dedup(&mut paths, |p| p);
        let index = |p: &Path| {
            paths
                .binary_search_by(|q| bytes(q).cmp(bytes(p)))
                .map_or(0, |i| i as u32)
        };
        let answers = entries
            .iter()
            .map(|(importer, request, require, answer)| StoredAnswer {
                importer: index(importer),
                request: request.to_string(),
                require: *require,
                answer: answer.with_path(|p| index(p)),
            })
            .collect();
        let paths = paths.into_iter().map(Path::to_path_buf).collect();
        Some(StoredResolutions {
            paths,
            answers,
            found,
            missing,
            tsconfigs,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Answers whose indices fall outside the path table are never trusted (nor indexed).
    #[test]
    fn answers_with_indices_outside_the_paths_are_refused() {
        let answer = |importer, path| StoredAnswer {
            importer,
            request: "./a".into(),
            require: false,
            answer: Answer::File {
                path,
                module_type: 0,
            },
        };
        let none = |_: &Path| None;
        let stored = |answers| StoredResolutions {
            paths: vec![PathBuf::from("/")],
            answers,
            ..StoredResolutions::default()
        };
        assert!(stored(vec![answer(0, 0)]).check(&none).0);
        assert!(!stored(vec![answer(1, 0)]).check(&none).0);
        assert!(!stored(vec![answer(0, 7)]).check(&none).0);
    }
}
