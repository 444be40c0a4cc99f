//! The parse cache of watch mode: a file's parse (swc program, hygiene data, collected
//! requests and ESM shape) kept from one build to the next, keyed by path and reused while the
//! file's text, its module kind and its language are unchanged.
//!
//! Only what depends on the file alone is cached. Resolution, the shared/remote marks on
//! records and the records' targets are per build (`scan.rs` redoes them, asking the
//! resolvers, which answer from the persistent cache's kept resolutions when they can:
//! `resolve_cache.rs`). A file the persistent cache knows by its stat is not read: its
//! text is read when a stage needs it (`source.rs`). A hit hands out a copy of the program (codegen
//! consumes it); the swc `Globals` are shared, which is safe because nothing after the parse
//! creates marks in them. Parses that failed are not cached: the next build parses again and
//! reports the same diagnostics.
//!
//! Everything else a parse depends on (`[define]`, the JSX options, the project root that
//! file ids are relative to) is the cache's fingerprint: when it changes, the cache empties.
//!
//! When the watcher says that only the contents of some source files changed since the last
//! build ([`ParseCache::note_changes`], `mfbundle dev`), the next build trusts it: the other
//! cached files are not read again, and the resolvers of the last build, with their caches
//! of the file system, are reused. Any other change (a file created, removed or renamed, a
//! `package.json` or `tsconfig.json` edited) and every build of `build --watch` start from
//! fresh reads and resolvers.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use swc_common::SyntaxContext;

use super::ast::{ModuleAst, Reparse};
use super::collect_imports::Collected;
use super::parse::{Lang, Parsed, SourceKind};
use super::path_index::PathIndex;
use super::resolve::Resolvers;
use super::resolve_cache::{FileStamps, StoredResolutions};
use super::source::{Source, Stamp};
use crate::config::BuildConfig;
use crate::diagnostics::Diagnostic;

/// One file's parse as the scan uses it.
struct Entry {
    source: Source,
    kind: SourceKind,
    lang: Lang,
    ast: Arc<ModuleAst>,
    is_module: bool,
    unresolved_ctxt: SyntaxContext,
    pure: Arc<[u32]>,
    /// The scan results; `None` in a one-shot build's entry taken from the persistent
    /// cache, whose module took them (no copy): they are in `stored`.
    collected: Option<Collected>,
    /// The persistent cache's encoding this entry was taken from, if its text and stat are
    /// the ones it describes: written back as it is.
    stored: Option<StoredBytes>,
}

/// An entry's encoding in the cache file read ([`StoredParse`]).
struct StoredBytes {
    bytes: Arc<Vec<u8>>,
    range: std::ops::Range<usize>,
    /// Its `declarations_only` (which the build may learn, and then the bytes are stale).
    declarations_only: Option<bool>,
}

impl StoredBytes {
    fn decode(&self) -> Option<StoredParse> {
        postcard::from_bytes(&self.bytes[self.range.clone()]).ok()
    }
}

/// One file's scan results as the persistent cache stores them (`persistent_cache.rs`):
/// everything but the AST, which is parsed again only when a later stage reads it. Each is
/// encoded on its own beside its path ([`EncodedParses`]) and decoded only when the scan
/// asks for its file, on the scan's threads.
#[derive(serde::Deserialize)]
pub struct StoredParse {
    /// xxh3 of the file's text.
    pub hash: u64,
    /// The file's stat when its text was read, if it was settled then: a file with the same
    /// stat is not read again ([`Source::later`]). Read with the hash, without the rest
    /// ([`StoredParses::stamp`]).
    stamp: Option<Stamp>,
    kind: SourceKind,
    lang: Lang,
    is_module: bool,
    unresolved_ctxt: u32,
    pure: Vec<u32>,
    declarations_only: Option<bool>,
    /// Only parses without diagnostics are stored (a warning is reported by every build).
    collected: Collected,
}

/// [`StoredParse`]'s fields borrowed from a cache entry, for writing: postcard writes a
/// struct as its fields in order, so the two list the same fields in the same order (the
/// round trip is tested).
#[derive(serde::Serialize)]
struct StoredParseRef<'a> {
    hash: u64,
    stamp: Option<Stamp>,
    kind: SourceKind,
    lang: Lang,
    is_module: bool,
    unresolved_ctxt: u32,
    pure: &'a [u32],
    declarations_only: Option<bool>,
    collected: &'a Collected,
}

/// One file's scan results, encoded, with its path: what the cache file lists.
pub struct EncodedParse {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The parse entries of a cache file as read: each entry's path and encoded
/// [`StoredParse`], as byte ranges of the file.
#[derive(Default)]
pub struct EncodedParses {
    pub bytes: Arc<Vec<u8>>,
    pub entries: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)>,
}

/// The persistent cache's parse entries not yet taken by this build, still encoded, each
/// for one file, found by path ([`PathIndex`]).
#[derive(Default)]
struct StoredParses {
    bytes: Arc<Vec<u8>>,
    /// Each entry's path and encoding (`None` once taken).
    list: Vec<Option<(std::ops::Range<usize>, std::ops::Range<usize>)>>,
    index: PathIndex,
    /// Entries read from the file.
    len: usize,
}

impl StoredParses {
    fn new(encoded: EncodedParses) -> StoredParses {
        let bytes = encoded.bytes;
        let index = PathIndex::new(encoded.entries.iter().map(|(p, _)| &bytes[p.clone()]));
        StoredParses {
            len: encoded.entries.len(),
            list: encoded.entries.into_iter().map(Some).collect(),
            index,
            bytes,
        }
    }

    /// Index of the entry of `path`, if not taken.
    fn find(&self, path: &Path) -> Option<usize> {
        self.index.find(path.as_os_str().as_encoded_bytes(), |i| {
            let (p, _) = self.list[i].as_ref()?;
            Some(&self.bytes[p.clone()])
        })
    }

    /// The encoded entry of `path`, taken.
    fn take(&mut self, path: &Path) -> Option<(Arc<Vec<u8>>, std::ops::Range<usize>)> {
        let i = self.find(path)?;
        let (_, entry) = self.list[i].take()?;
        Some((self.bytes.clone(), entry))
    }

    /// The text hash and stat of `path`'s entry, if it was not taken.
    fn stamp(&self, path: &Path) -> Option<(u64, Option<Stamp>)> {
        let (_, entry) = self.list[self.find(path)?].as_ref()?;
        // The first two fields of a [`StoredParse`].
        postcard::take_from_bytes::<(u64, Option<Stamp>)>(&self.bytes[entry.clone()])
            .ok()
            .map(|(head, _)| head)
    }
}

#[derive(Default)]
struct State {
    fingerprint: String,
    entries: rustc_hash::FxHashMap<PathBuf, Arc<Entry>>,
    /// Files the current build read (or tried to), cached or not.
    read: rustc_hash::FxHashSet<PathBuf>,
    /// Set by [`ParseCache::note_changes`] for the next build: only these files' contents
    /// changed since the last one.
    only_changed: Option<HashSet<PathBuf>>,
    /// The last build's resolvers, with the configuration they were made for.
    resolvers: Option<(String, Arc<Resolvers>)>,
    /// Whether the last build succeeded (a failed one may have failed to resolve a package
    /// installed since, which its resolvers would remember).
    last_ok: bool,
    /// Scan results read from the persistent cache, by path, until a build uses them.
    stored: StoredParses,
    /// Resolutions read from the persistent cache, until resolvers are made (which check
    /// them and answer from them if nothing they depend on changed).
    stored_resolutions: Option<StoredResolutions>,
    /// Entries were added or dropped since the last [`ParseCache::take_changed`].
    changed: bool,
    /// The stamps of module files the resolvers of this build saw when they checked the
    /// persistent cache's resolutions (forgotten when the build ends: a later build of the
    /// same process needs its own stat).
    seen: FileStamps,
}

/// Counts of one build, for the rebuild line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Modules parsed in this build (new or changed files).
    pub parsed: usize,
    /// Modules whose parse was reused from the previous build.
    pub reused: usize,
}

pub struct ParseCache {
    state: Mutex<State>,
    parsed: AtomicUsize,
    reused: AtomicUsize,
    /// Programs parsed late (of files whose scan results came from the persistent cache).
    late: Arc<AtomicUsize>,
    /// Whether modules share their programs with the cache (watch mode, `mfbundle dev`);
    /// a one-shot build's code generation consumes them instead.
    keep_programs: bool,
}

impl Default for ParseCache {
    fn default() -> ParseCache {
        ParseCache {
            state: Mutex::default(),
            parsed: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
            late: Arc::default(),
            keep_programs: true,
        }
    }
}

/// What every parse depends on besides its file: when it changes, the cache empties.
fn parse_fingerprint(config: &BuildConfig) -> String {
    format!("{:?}|{:?}|{:?}", config.root, config.define, config.jsx)
}

impl ParseCache {
    pub fn new() -> ParseCache {
        ParseCache::default()
    }

    /// A cache for one build of a process that exits next: modules do not share their
    /// programs with it.
    pub fn one_shot() -> ParseCache {
        ParseCache {
            keep_programs: false,
            ..ParseCache::default()
        }
    }

    /// Takes scan results from the persistent cache for builds with `config` (which the
    /// caller checked they were made with). Each is used only for a file of the same text,
    /// kind and language.
    pub fn import(
        &self,
        config: &BuildConfig,
        stored: EncodedParses,
        resolutions: Option<StoredResolutions>,
    ) {
        let mut state = self.state();
        state.fingerprint = parse_fingerprint(config);
        state.stored = StoredParses::new(stored);
        // The build reads about as many files: room up front rather than rehashing tables
        // of thousands of paths as they grow.
        let n = state.stored.len;
        state.entries.reserve(n);
        state.read.reserve(n);
        state.stored_resolutions = resolutions;
        state.changed = false;
    }

    /// The resolutions to persist: those of the current resolvers, when they record them
    /// (`cache = true`) and the answers can be trusted later.
    pub fn export_resolutions(&self) -> Option<StoredResolutions> {
        let resolvers = self.state().resolvers.as_ref()?.1.clone();
        resolvers.export_cache()
    }

    /// Answers the current resolvers took from the persistent cache.
    pub fn reused_resolutions(&self) -> usize {
        self.state()
            .resolvers
            .as_ref()
            .map_or(0, |(_, r)| r.reused_answers())
    }

    /// The entries to persist (parses without diagnostics), encoded, sorted by path. A path
    /// that is not UTF-8 is left out (its file is read and parsed by every build).
    pub fn export(&self) -> Vec<EncodedParse> {
        use rayon::prelude::*;
        // Encoded on rayon's threads once the lock is released (one of them may be waiting
        // for it).
        let entries: Vec<(String, Arc<Entry>)> = self
            .state()
            .entries
            .iter()
            .filter(|(_, e)| {
                e.collected
                    .as_ref()
                    .is_none_or(|c| c.diagnostics.is_empty())
            })
            .filter_map(|(path, e)| Some((path.to_str()?.to_string(), e.clone())))
            .collect();
        let mut stored: Vec<EncodedParse> = entries
            .into_par_iter()
            .filter_map(|(path, e)| {
                let declarations_only = e.ast.declarations_only.get().copied();
                // Unchanged since it was read: its bytes as they were.
                if let Some(s) = &e.stored
                    && s.declarations_only == declarations_only
                {
                    return Some(EncodedParse {
                        path,
                        bytes: s.bytes[s.range.clone()].to_vec(),
                    });
                }
                let collected = e.collected_or_decoded()?;
                let stored = StoredParseRef {
                    hash: e.source.content_hash(),
                    stamp: e.source.stamp(),
                    kind: e.kind,
                    lang: e.lang,
                    is_module: e.is_module,
                    unresolved_ctxt: e.unresolved_ctxt.as_u32(),
                    pure: &e.pure,
                    declarations_only,
                    collected: &collected,
                };
                Some(EncodedParse {
                    path,
                    bytes: postcard::to_stdvec(&stored).ok()?,
                })
            })
            .collect();
        stored.sort_by(|a, b| a.path.cmp(&b.path));
        stored
    }

    /// Whether entries were added or dropped since the last call (or the import).
    pub fn take_changed(&self) -> bool {
        let mut state = self.state();
        let resolved = state
            .resolvers
            .as_ref()
            .is_some_and(|(_, r)| r.take_cache_changed());
        std::mem::take(&mut state.changed) | resolved
    }

    /// How many files the last build read (or the persistent cache holds): what this one
    /// will likely read.
    pub fn expected_files(&self) -> usize {
        let state = self.state();
        state.entries.len().max(state.stored.len)
    }

    /// Files the current (or last) build parsed: neither kept nor in the persistent cache.
    pub fn parsed(&self) -> usize {
        self.parsed.load(Ordering::Relaxed)
    }

    /// Programs parsed late in this process (of files whose scan results came from the
    /// persistent cache) so far.
    pub fn late_parses(&self) -> usize {
        self.late.load(Ordering::Relaxed)
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave an entry half-inserted; go on.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Tells the next build what changed since the last one: `paths`, and whether only their
    /// contents did (no file created, removed or renamed). Files that can change how requests
    /// resolve (`package.json`, `tsconfig.json`, anything but a module's source) count as more
    /// than contents.
    pub fn note_changes(&self, paths: &[PathBuf], contents_only: bool) {
        // Modules are known by their real paths; the watcher names a file through the
        // symlinks it followed.
        let paths: Vec<PathBuf> = paths
            .iter()
            .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
            .collect();
        let sources_only = paths.iter().all(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            name != "package.json"
                && !name.starts_with("tsconfig")
                && !name.starts_with("jsconfig")
                && super::context::MODULE_EXTENSIONS.contains(&ext)
        });
        self.state().only_changed =
            (contents_only && sources_only).then(|| paths.iter().cloned().collect());
    }

    /// The files whose contents alone changed since the last build, when the watcher said
    /// so ([`ParseCache::note_changes`]), sorted.
    pub fn contents_changed(&self) -> Option<Vec<PathBuf>> {
        let mut paths: Vec<PathBuf> = self
            .state()
            .only_changed
            .as_ref()?
            .iter()
            .cloned()
            .collect();
        paths.sort();
        Some(paths)
    }

    /// Ends an incremental rebuild (`crate::incremental`): like [`ParseCache::end_build`]
    /// after a success, with the files the last full build read.
    pub fn end_incremental(&self) {
        self.state().only_changed = None;
    }

    /// Notes that the build reads `path`, and gives its text when the cache knows it is
    /// unchanged without reading it: the text the last build of this process read, when the
    /// watcher said it has not changed since ([`ParseCache::note_changes`]); else a text to be
    /// read when needed, when the persistent cache holds its scan results and its stat is
    /// the one they were made from. One look at the shared state for the three (the scan
    /// asks for every module file, on every thread).
    ///
    /// Only files the watcher sees are trusted from the last build: under the project's
    /// directory (`root`), outside `node_modules` and hidden directories; packages and files
    /// elsewhere (a monorepo's sibling) are read every build.
    pub fn known_source(&self, path: &Path, config: &BuildConfig) -> Option<Source> {
        let (hash, stamp, seen) = {
            let mut state = self.state();
            self.note(&mut state, path);
            if let Some(changed) = &state.only_changed
                && !changed.contains(path)
                && watched(path, &config.root, &config.out_dir)
                && let Some(e) = state.entries.get(path)
            {
                return Some(e.source.clone());
            }
            let (hash, stamp) = state.stored.stamp(path)?;
            (hash, stamp?, state.seen.get(path))
        };
        // The stat the resolvers took when they checked the last process's answers (at the
        // start of this build), else one now.
        let now = seen.or_else(|| Stamp::current(path))?;
        (now == stamp).then(|| Source::later(path.to_path_buf(), hash, stamp))
    }

    /// The resolvers for this build: the last build's (with what they know of the file
    /// system) when only sources' contents changed since, else new ones.
    pub fn resolvers(&self, config: &BuildConfig) -> Arc<Resolvers> {
        let fingerprint = format!("{config:?}");
        let mut state = self.state();
        if state.only_changed.is_some()
            && state.last_ok
            && let Some((f, r)) = &state.resolvers
            && *f == fingerprint
        {
            return r.clone();
        }
        let resolvers = Arc::new(if config.cache {
            // The first resolvers after the cache file was read answer from it if they can.
            let mut resolvers = Resolvers::recording(config, state.stored_resolutions.take());
            state.seen = resolvers.take_stamps();
            resolvers
        } else {
            Resolvers::new(config)
        });
        state.resolvers = Some((fingerprint, resolvers.clone()));
        resolvers
    }

    /// Starts a build with `config`: empties the cache if what every parse depends on
    /// changed, and resets the counts and the set of files read.
    pub fn begin_build(&self, config: &BuildConfig) {
        let fingerprint = parse_fingerprint(config);
        let mut state = self.state();
        if state.fingerprint != fingerprint {
            state.entries.clear();
            state.stored = StoredParses::default();
            state.stored_resolutions = None;
            state.fingerprint = fingerprint;
            state.only_changed = None;
        }
        state.read.clear();
        if self.keep_programs {
            // The build reads about as many files as the cache knows: room up front.
            let known = state.entries.len() + state.stored.len;
            state.read.reserve(known);
        }
        self.parsed.store(0, Ordering::Relaxed);
        self.reused.store(0, Ordering::Relaxed);
    }

    /// Ends a build and returns its counts. A build that succeeded read every file of the
    /// project: the cache forgets the others (deleted, or no longer imported; a one-shot
    /// cache holds only what its one build read). A failed build
    /// may have stopped early (a module that does not parse hides its imports), so nothing
    /// is forgotten then.
    pub fn end_build(&self, succeeded: bool) -> CacheStats {
        let mut state = self.state();
        // The next build trusts nothing unless it is told what changed.
        state.only_changed = None;
        state.seen = FileStamps::default();
        state.last_ok = succeeded;
        let State {
            entries,
            read,
            changed,
            ..
        } = &mut *state;
        if succeeded && self.keep_programs {
            let before = entries.len();
            entries.retain(|path, _| read.contains(path));
            *changed |= entries.len() != before;
        }
        CacheStats {
            parsed: self.parsed.load(Ordering::Relaxed),
            reused: self.reused.load(Ordering::Relaxed),
        }
    }

    /// Files the last build read or tried to read (modules, JSON included), sorted.
    pub fn files_read(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = self.state().read.iter().cloned().collect();
        files.sort();
        files
    }

    /// Notes that the build reads `path` (whether or not it can be read or parsed).
    pub fn note_read(&self, path: &Path) {
        self.note(&mut self.state(), path);
    }

    /// [`ParseCache::note_read`] with the state at hand. A one-shot cache keeps no list:
    /// its entries are all of its one build, and nothing watches what that build read.
    fn note(&self, state: &mut State, path: &Path) {
        if self.keep_programs {
            state.read.insert(path.to_path_buf());
        }
    }

    /// The parse of `path` with text `source`: reused if the file is unchanged since it was
    /// cached, taken from the persistent cache's scan results (its program made by
    /// `reparse` when first read) if they are of the same text, else made by `parse` (and
    /// cached when it succeeds). A hit returns the cached text, which equals `source`.
    pub fn parse(
        &self,
        path: &Path,
        source: Source,
        kind: SourceKind,
        lang: Lang,
        parse: impl FnOnce(&str) -> Result<(Parsed, Collected), Vec<Diagnostic>>,
        reparse: impl FnOnce() -> Reparse,
    ) -> Result<(Source, SharedParse, Collected), Vec<Diagnostic>> {
        let (hit, stored) = {
            let mut state = self.state();
            let hit = state.entries.get(path).cloned();
            let stored = match &hit {
                Some(_) => None,
                None => state.stored.take(path),
            };
            (hit, stored)
        };
        if let Some(e) = hit
            && e.kind == kind
            && e.lang == lang
            && (Source::ptr_eq(&e.source, &source)
                || (e.source.content_hash() == source.content_hash() && *e.source == *source))
            && let Some(collected) = e.collected()
        {
            self.reused.fetch_add(1, Ordering::Relaxed);
            return Ok((e.source.clone(), e.shared(), collected));
        }
        // Decoded here, outside the lock, on the scan's thread (the checksum of the whole
        // file makes an entry that does not decode a defect: it is parsed afresh).
        let stored = stored.and_then(|(bytes, range)| {
            let s = postcard::from_bytes::<StoredParse>(&bytes[range.clone()]).ok()?;
            Some((s, bytes, range))
        });
        if let Some((s, bytes, range)) = stored
            && s.kind == kind
            && s.lang == lang
            && s.hash == source.content_hash()
        {
            self.reused.fetch_add(1, Ordering::Relaxed);
            let late = self.late.clone();
            // Written back as read while the file is as they describe.
            let stored = (source.stamp() == s.stamp).then_some(StoredBytes {
                bytes,
                range,
                declarations_only: s.declarations_only,
            });
            let reparse = reparse();
            let counted: Reparse = Box::new(move || {
                late.fetch_add(1, Ordering::Relaxed);
                reparse()
            });
            let entry = Entry {
                source: source.clone(),
                kind,
                lang,
                ast: Arc::new(ModuleAst::later(
                    counted,
                    self.keep_programs,
                    s.declarations_only,
                )),
                is_module: s.is_module,
                unresolved_ctxt: SyntaxContext::from_u32(s.unresolved_ctxt),
                pure: s.pure.into(),
                // A one-shot build's module takes the results when the bytes can be
                // written back; a process that builds again keeps a copy for its next build.
                collected: (self.keep_programs || stored.is_none()).then(|| s.collected.clone()),
                stored,
            };
            let out = (source, entry.shared(), s.collected);
            self.state()
                .entries
                .insert(path.to_path_buf(), Arc::new(entry));
            return Ok(out);
        }
        self.parsed.fetch_add(1, Ordering::Relaxed);
        let (parsed, collected) = parse(&source)?;
        let entry = self.entry(source.clone(), (kind, lang), parsed, collected.clone());
        let shared = entry.shared();
        let mut state = self.state();
        state.entries.insert(path.to_path_buf(), Arc::new(entry));
        state.changed = true;
        Ok((source, shared, collected))
    }
}

/// What an edited module's new parse gave an incremental rebuild ([`ParseCache::edited`]).
pub struct Edited {
    pub source: Source,
    pub parse: SharedParse,
    /// What the side-effects analysis found of the old program, if it looked
    /// ([`ModuleAst::declarations_only`]): the caller checks the new program against it.
    pub declarations_only: Option<bool>,
}

impl ParseCache {
    /// The parse of an edited file for an incremental rebuild (`crate::incremental`): parsed
    /// (with the kind and language of its cached parse) and cached, and returned only when
    /// everything the link stage reads of a parse, bar the program, is as it was: the
    /// import records with their spans, call sites, ESM shape (with the bindings' syntax
    /// contexts), module-ness, and no diagnostics before or after. Otherwise `None`, and a full build follows (which
    /// finds the new parse cached).
    pub fn edited(
        &self,
        path: &Path,
        source: Source,
        parse: impl FnOnce(&str, SourceKind, Lang) -> Result<(Parsed, Collected), Vec<Diagnostic>>,
    ) -> Option<Edited> {
        let old = self.state().entries.get(path).cloned()?;
        let old_collected = old.collected()?;
        if !old_collected.diagnostics.is_empty() {
            return None;
        }
        let (parsed, collected) = parse(&source, old.kind, old.lang).ok()?;
        self.parsed.fetch_add(1, Ordering::Relaxed);
        let entry = self.entry(source.clone(), (old.kind, old.lang), parsed, collected);
        // PURE positions are read by code generation only (of this module, which is
        // transformed again).
        let same = entry.is_module == old.is_module
            && entry.unresolved_ctxt == old.unresolved_ctxt
            && entry
                .collected
                .as_ref()
                .is_some_and(|c| same_interface(c, &old_collected));
        let edited = Edited {
            source,
            parse: entry.shared(),
            declarations_only: old.ast.declarations_only.get().copied(),
        };
        let mut state = self.state();
        state.entries.insert(path.to_path_buf(), Arc::new(entry));
        state.changed = true;
        same.then_some(edited)
    }
}

/// Whether two parses' scan results are the same to every stage after the scan. Context
/// requests list directories, so a module with one never counts as the same.
fn same_interface(a: &Collected, b: &Collected) -> bool {
    let bytes = |c: &Collected| postcard::to_allocvec(&(&c.records, &c.esm, &c.json_records)).ok();
    a.diagnostics.is_empty()
        && a.contexts.is_empty()
        && b.contexts.is_empty()
        && a.call_sites == b.call_sites
        && a.import_meta == b.import_meta
        && a.attributes_at_run_time == b.attributes_at_run_time
        && a.top_level_await == b.top_level_await
        && bytes(a).is_some_and(|x| Some(x) == bytes(b))
}

impl ParseCache {
    /// The entry of a parse made now.
    fn entry(
        &self,
        source: Source,
        (kind, lang): (SourceKind, Lang),
        parsed: Parsed,
        collected: Collected,
    ) -> Entry {
        Entry {
            source,
            kind,
            lang,
            is_module: parsed.program.is_module(),
            ast: Arc::new(ModuleAst::parsed(
                Arc::new(parsed.program),
                parsed.globals,
                self.keep_programs,
            )),
            unresolved_ctxt: parsed.unresolved_ctxt,
            pure: parsed.pure,
            collected: Some(collected),
            stored: None,
        }
    }
}

impl Entry {
    /// The scan results: kept, or decoded again from the bytes they were read from.
    fn collected_or_decoded(&self) -> Option<std::borrow::Cow<'_, Collected>> {
        use std::borrow::Cow;
        match (&self.collected, &self.stored) {
            (Some(c), _) => Some(Cow::Borrowed(c)),
            (None, Some(s)) => Some(Cow::Owned(s.decode()?.collected)),
            (None, None) => None,
        }
    }

    /// [`Entry::collected_or_decoded`], owned.
    fn collected(&self) -> Option<Collected> {
        self.collected_or_decoded()
            .map(std::borrow::Cow::into_owned)
    }

    fn shared(&self) -> SharedParse {
        SharedParse {
            ast: self.ast.clone(),
            is_module: self.is_module,
            unresolved_ctxt: self.unresolved_ctxt,
            pure: self.pure.clone(),
        }
    }
}

/// Whether the watchers of `build --watch` and `mfbundle dev` report changes of `path`: a
/// file under the project's directory `root`, outside `node_modules`, hidden directories and
/// outDir.
pub fn watched(path: &Path, root: &Path, out_dir: &Path) -> bool {
    path.strip_prefix(root).is_ok_and(|rel| {
        !path.starts_with(out_dir)
            && !rel.components().any(|c| {
                let c = c.as_os_str().as_encoded_bytes();
                // @mf-types/: remotes' types, fetched into the project (not its sources).
                c == b"node_modules" || c.starts_with(b".") || c == b"@mf-types"
            })
    })
}

/// A parse whose program the cache and the module share (a hit copies no AST).
pub struct SharedParse {
    pub ast: Arc<ModuleAst>,
    /// The program is an ES module.
    pub is_module: bool,
    pub unresolved_ctxt: SyntaxContext,
    pub pure: Arc<[u32]>,
}

impl From<Parsed> for SharedParse {
    /// A parse no cache holds: code generation consumes its program.
    fn from(p: Parsed) -> SharedParse {
        SharedParse {
            is_module: p.program.is_module(),
            ast: ModuleAst::consumed(p.program, p.globals),
            unresolved_ctxt: p.unresolved_ctxt,
            pure: p.pure,
        }
    }
}
