//! The parse cache of watch mode: a file's parse (swc program, hygiene data, collected
//! requests and ESM shape) kept from one build to the next, keyed by path and reused while the
//! file's text, its module kind and its language are unchanged.
//!
//! Only what depends on the file alone is cached. Resolution, the shared/remote marks on
//! records and the records' targets are per build (`scan.rs` redoes them), so a cached
//! module is resolved again every build. A hit hands out a copy of the program (codegen
//! consumes it); the swc `Globals` are shared, which is safe because nothing after the parse
//! creates marks in them. Parses that failed are not cached: the next build parses again and
//! reports the same diagnostics.
//!
//! Everything else a parse depends on (`[define]`, the JSX options, the project root that
//! file ids are relative to) is the cache's fingerprint: when it changes, the cache empties.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use swc_common::{Globals, SyntaxContext};
use swc_ecma_ast::Program;

use super::collect_imports::Collected;
use super::parse::{Lang, Parsed, SourceKind};
use crate::config::BuildConfig;
use crate::diagnostics::Diagnostic;

/// One file's parse as the scan uses it.
struct Entry {
    source: Arc<str>,
    kind: SourceKind,
    lang: Lang,
    program: Program,
    globals: Arc<Globals>,
    unresolved_ctxt: SyntaxContext,
    pure: Arc<[u32]>,
    collected: Collected,
}

#[derive(Default)]
struct State {
    fingerprint: String,
    entries: HashMap<PathBuf, Arc<Entry>>,
    /// Files the current build read (or tried to), cached or not.
    read: HashSet<PathBuf>,
}

/// Counts of one build, for the rebuild line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Modules parsed in this build (new or changed files).
    pub parsed: usize,
    /// Modules whose parse was reused from the previous build.
    pub reused: usize,
}

#[derive(Default)]
pub struct ParseCache {
    state: Mutex<State>,
    parsed: AtomicUsize,
    reused: AtomicUsize,
}

impl ParseCache {
    pub fn new() -> ParseCache {
        ParseCache::default()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave an entry half-inserted; go on.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts a build with `config`: empties the cache if what every parse depends on
    /// changed, and resets the counts and the set of files read.
    pub fn begin_build(&self, config: &BuildConfig) {
        let fingerprint = format!("{:?}|{:?}|{:?}", config.root, config.define, config.jsx);
        let mut state = self.state();
        if state.fingerprint != fingerprint {
            state.entries.clear();
            state.fingerprint = fingerprint;
        }
        state.read.clear();
        self.parsed.store(0, Ordering::Relaxed);
        self.reused.store(0, Ordering::Relaxed);
    }

    /// Ends a build and returns its counts. A build that succeeded read every file of the
    /// project: the cache forgets the others (deleted, or no longer imported). A failed build
    /// may have stopped early (a module that does not parse hides its imports), so nothing
    /// is forgotten then.
    pub fn end_build(&self, succeeded: bool) -> CacheStats {
        let mut state = self.state();
        let State { entries, read, .. } = &mut *state;
        if succeeded {
            entries.retain(|path, _| read.contains(path));
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
        self.state().read.insert(path.to_path_buf());
    }

    /// The parse of `path` with text `source`: reused if the file is unchanged since it was
    /// cached, else made by `parse` (and cached when it succeeds). A hit returns the cached
    /// text, which equals `source`.
    pub fn parse(
        &self,
        path: &Path,
        source: Arc<str>,
        kind: SourceKind,
        lang: Lang,
        parse: impl FnOnce(&str) -> Result<(Parsed, Collected), Vec<Diagnostic>>,
    ) -> Result<(Arc<str>, Parsed, Collected), Vec<Diagnostic>> {
        let hit = self.state().entries.get(path).cloned();
        if let Some(e) = hit
            && e.kind == kind
            && e.lang == lang
            && *e.source == *source
        {
            self.reused.fetch_add(1, Ordering::Relaxed);
            let parsed = Parsed {
                program: e.program.clone(),
                globals: e.globals.clone(),
                unresolved_ctxt: e.unresolved_ctxt,
                pure: e.pure.clone(),
            };
            return Ok((e.source.clone(), parsed, clone_collected(&e.collected)));
        }
        self.parsed.fetch_add(1, Ordering::Relaxed);
        let (parsed, collected) = parse(&source)?;
        let entry = Entry {
            source: source.clone(),
            kind,
            lang,
            program: parsed.program.clone(),
            globals: parsed.globals.clone(),
            unresolved_ctxt: parsed.unresolved_ctxt,
            pure: parsed.pure.clone(),
            collected: clone_collected(&collected),
        };
        self.state()
            .entries
            .insert(path.to_path_buf(), Arc::new(entry));
        Ok((source, parsed, collected))
    }
}

fn clone_collected(c: &Collected) -> Collected {
    Collected {
        records: c.records.clone(),
        call_sites: c.call_sites.clone(),
        esm: c.esm.clone(),
        diagnostics: c.diagnostics.clone(),
        import_meta: c.import_meta,
        attributes_at_run_time: c.attributes_at_run_time,
        top_level_await: c.top_level_await,
        contexts: c.contexts.clone(),
        json_records: c.json_records.clone(),
    }
}
