//! The module-code cache of watch mode and `mfbundle dev`: each module's registry function
//! (its [`ModuleOutput`]) kept from one build to the next and reused while everything its
//! transform reads is unchanged, so that a one-file edit transforms one module, not all.
//!
//! A module's key is a hash of what [`transform_module`](super::transform_module) reads: the
//! module's text, path, id, format and kind of scope, its import records with each target's
//! id, format, purity, async-ness, export names and chunks, and its own export names. The
//! rest (the configuration, the options of the transform) is the cache's fingerprint: when
//! it changes, the cache empties. Modules of a scope-hoisted group are not cached (their
//! code is their group's).

use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use super::transform_module::{BodyMap, CJS_PARAMS, ESM_PARAMS, ModuleOutput, TransformContext};
use crate::config::BuildConfig;
use crate::graph::{ModuleIdx, NormalModule};

#[derive(Default)]
struct State {
    fingerprint: String,
    /// Module id -> (key, code).
    entries: Entries,
    /// Ids the current build looked up or stored.
    used: rustc_hash::FxHashSet<String>,
}

/// One module's code as the persistent cache stores it ([`crate::persistent_cache`]).
#[derive(serde::Serialize, serde::Deserialize)]
pub struct StoredCode {
    pub id: String,
    pub key: u64,
    /// ES module wrapper parameters, else CommonJS's.
    pub esm: bool,
    pub body: Arc<str>,
    /// Source-map mappings (line, column, source offset), all into the module's own source.
    pub map: Option<Vec<(u32, u32, u32)>>,
}

/// Module id -> (key, code).
type Entries = rustc_hash::FxHashMap<String, (u64, Arc<ModuleOutput>)>;

/// Code entries of the persistent cache, decoded (into the table the state keeps) on
/// another thread.
type Pending = std::thread::JoinHandle<Entries>;

#[derive(Default)]
pub struct CodeCache {
    state: Mutex<State>,
    /// Entries of the cache file not yet decoded: imported by the first use of the state
    /// after [`CodeCache::begin_build`] (the generate stage's), or dropped with the entries.
    pending: Mutex<Option<Pending>>,
    /// Modules of the current build whose code was reused.
    reused: std::sync::atomic::AtomicUsize,
    /// Entries were added or dropped since the last [`CodeCache::take_changed`].
    changed: std::sync::atomic::AtomicBool,
}

/// A stored entry as the state keeps it (its mappings' module index is the reader's, filled
/// in when the entry is used).
fn entry(s: StoredCode) -> (String, (u64, Arc<ModuleOutput>)) {
    let code = ModuleOutput {
        params: if s.esm { ESM_PARAMS } else { CJS_PARAMS },
        body: s.body,
        map: s.map.map(|m| BodyMap {
            mappings: m
                .into_iter()
                .map(|(l, c, o)| (l, c, o, ModuleIdx(u32::MAX)))
                .collect(),
        }),
    };
    (s.id, (s.key, Arc::new(code)))
}

/// Feeds `value`'s `Debug` text to a hasher (for analysis data that has no `Hash`), without
/// collecting the text.
fn debug_hash(h: &mut impl Hasher, value: &impl std::fmt::Debug) {
    struct Feed<'a, H: Hasher>(&'a mut H);
    impl<H: Hasher> std::fmt::Write for Feed<'_, H> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    use std::fmt::Write;
    let _ = write!(Feed(h), "{value:?}");
    h.write_u8(0xff);
}

/// Per module, a hash of what an importer's transform reads of it: its export names (the
/// `Debug` text of its [`crate::analysis::exports::ExportsInfo`]), made once per build
/// rather than once per import.
pub fn export_hashes(cx: &TransformContext, modules: usize) -> Vec<u64> {
    use rayon::prelude::*;
    (0..modules)
        .into_par_iter()
        .map(|i| export_hash(cx, ModuleIdx(i as u32)))
        .collect()
}

/// A `Hasher` that gathers the bytes written to it and hashes them with xxh3 in one go when
/// finished: the same hash as xxh3's streaming hasher fed the same bytes, but each of the
/// many small writes (a module's tables through `Hash`, a few bytes each) is a copy rather
/// than a streaming update.
struct Gathered(Vec<u8>);

impl Gathered {
    fn new() -> Self {
        Gathered(Vec::with_capacity(1024))
    }
}

impl Hasher for Gathered {
    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    fn finish(&self) -> u64 {
        xxhash_rust::xxh3::xxh3_64(&self.0)
    }
}

/// One module's entry of [`export_hashes`].
pub fn export_hash(cx: &TransformContext, m: ModuleIdx) -> u64 {
    let mut h = Gathered::new();
    debug_hash(&mut h, &cx.exports.get(m));
    h.finish()
}

impl CodeCache {
    /// The state, with the pending entries imported first.
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let pending = self
            .pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some(pending) = pending {
            // A decoder that panicked gave nothing: the modules are transformed afresh.
            let entries = pending.join().unwrap_or_default();
            if state.entries.is_empty() {
                state.entries = entries;
            } else {
                state.entries.extend(entries);
            }
            // The build asks for about as many modules: room up front rather than rehashing
            // the set of ids as it grows.
            let n = state.entries.len();
            state.used.reserve(n);
        }
        state
    }

    /// Starts a build with `config`: empties the cache if the configuration changed. The
    /// pending entries stay pending unless they are dropped.
    pub fn begin_build(&self, config: &BuildConfig) {
        let fingerprint = format!("{config:?}");
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if state.fingerprint != fingerprint {
            state.entries.clear();
            *self.pending.lock().unwrap_or_else(|e| e.into_inner()) = None;
            state.fingerprint = fingerprint;
        }
        state.used.clear();
        self.reused.store(0, std::sync::atomic::Ordering::Relaxed);
    }

    /// Whether entries were added or dropped since the last call (or the import).
    pub fn take_changed(&self) -> bool {
        self.changed
            .swap(false, std::sync::atomic::Ordering::Relaxed)
    }

    /// Modules of the last build whose code was reused.
    pub fn reused(&self) -> usize {
        self.reused.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Ends a build: modules it did not have are forgotten (after a successful build only,
    /// as [`crate::graph::cache::ParseCache::end_build`] does).
    pub fn end_build(&self, succeeded: bool) {
        let mut state = self.state();
        let State { entries, used, .. } = &mut *state;
        if succeeded {
            let before = entries.len();
            entries.retain(|id, _| used.contains(id));
            if entries.len() != before {
                self.changed
                    .store(true, std::sync::atomic::Ordering::Relaxed);
            }
        }
    }

    /// The entries to persist: every module's code whose mappings all point into its own
    /// source (the cache holds no group's code), sorted by id.
    pub fn export(&self) -> Vec<StoredCode> {
        let state = self.state();
        let mut stored: Vec<StoredCode> = state
            .entries
            .iter()
            .filter_map(|(id, (key, code))| {
                let map = match &code.map {
                    None => None,
                    Some(m) => {
                        let own = m.mappings.first().map(|x| x.3);
                        if m.mappings.iter().any(|x| Some(x.3) != own) {
                            return None;
                        }
                        Some(m.mappings.iter().map(|x| (x.0, x.1, x.2)).collect())
                    }
                };
                Some(StoredCode {
                    id: id.clone(),
                    key: *key,
                    esm: code.params == ESM_PARAMS,
                    body: code.body.clone(),
                    map,
                })
            })
            .collect();
        stored.sort_by(|a, b| a.id.cmp(&b.id));
        stored
    }

    /// Replaces the entries with those of a cache file made for builds with `config` (the
    /// caller checked), which `decode` makes on another thread: they are needed only when
    /// the generate stage asks, so a warm start decodes them while it scans and links. Each
    /// is used only when its key matches, as any entry.
    pub fn import_later(
        &self,
        config: &BuildConfig,
        decode: impl FnOnce() -> Vec<StoredCode> + Send + 'static,
    ) {
        let mut state = self.state();
        state.entries.clear();
        state.fingerprint = format!("{config:?}");
        *self.pending.lock().unwrap_or_else(|e| e.into_inner()) =
            Some(std::thread::spawn(move || {
                decode().into_iter().map(entry).collect()
            }));
        self.changed
            .store(false, std::sync::atomic::Ordering::Relaxed);
    }

    /// The code of `m` (module `idx`): the cached one if its key is unchanged, else made by
    /// `transform` and cached.
    pub fn code(
        &self,
        m: &NormalModule,
        idx: ModuleIdx,
        (cx, exports): (&TransformContext, &dyn Fn(ModuleIdx) -> u64),
        transform: impl FnOnce() -> ModuleOutput,
    ) -> ModuleOutput {
        let key = key(m, idx, cx, exports);
        let id = &cx.metas[idx].id;
        let hit = {
            let mut state = self.state();
            state.used.insert(id.clone());
            state
                .entries
                .get(id)
                .filter(|(k, _)| *k == key)
                .map(|(_, c)| c.clone())
        };
        if let Some(code) = hit {
            self.reused
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let mut code = (*code).clone();
            // A module's own code maps into its own source (entries read from disk do not
            // know its index in this build).
            if let Some(map) = &mut code.map {
                for m in map
                    .mappings
                    .iter_mut()
                    .filter(|m| m.3 == ModuleIdx(u32::MAX))
                {
                    m.3 = idx;
                }
            }
            return code;
        }
        let code = transform();
        self.changed
            .store(true, std::sync::atomic::Ordering::Relaxed);
        self.state()
            .entries
            .insert(id.clone(), (key, Arc::new(code.clone())));
        code
    }
}

/// A hash of everything the transform of `m` reads besides the configuration (`exports`:
/// a module's [`export_hash`], looked up in [`export_hashes`] or made when asked).
fn key(
    m: &NormalModule,
    idx: ModuleIdx,
    cx: &TransformContext,
    exports: &dyn Fn(ModuleIdx) -> u64,
) -> u64 {
    let mut h = Gathered::new();
    // The text's hash, known without reading a text the scan did not read.
    m.source.content_hash().hash(&mut h);
    m.path.hash(&mut h);
    let own = &cx.metas[idx];
    (&own.id, own.is_async, own.pure, m.node_strict).hash(&mut h);
    // Build-wide switches that depend on the graph, not only on the configuration.
    (cx.hot, cx.refresh, cx.keep_fn_names).hash(&mut h);
    // Link rewrites these (barrel skipping retargets imports).
    m.esm.hash(&mut h);
    m.format.hash(&mut h);
    exports(idx).hash(&mut h);
    cx.used_exports.map(|u| &u[idx]).hash(&mut h);
    for r in &m.records {
        let target = &cx.metas[r.target];
        (&r.request, &target.id, target.pure, target.is_async).hash(&mut h);
        (r.kind, target.format, &r.barrel).hash(&mut h);
        exports(r.target).hash(&mut h);
        cx.dynamic_chunks.get(&r.target).hash(&mut h);
        cx.worker_files.get(&r.target).hash(&mut h);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::Gathered;
    use std::hash::{Hash, Hasher};

    /// Gathering the bytes first gives the streaming hasher's hash, so keys written by
    /// either are the same.
    #[test]
    fn gathered_hash_is_the_streaming_hash() {
        let value = (
            "a module",
            vec![1u64, 2, 3],
            std::collections::BTreeMap::from([("x".to_string(), 7u32), ("y".into(), 8)]),
            "long text ".repeat(100),
        );
        let mut streaming = xxhash_rust::xxh3::Xxh3::new();
        value.hash(&mut streaming);
        let mut gathered = Gathered::new();
        value.hash(&mut gathered);
        assert!(gathered.0.len() > 1024);
        assert_eq!(gathered.finish(), streaming.finish());
        let mut other = Gathered::new();
        (value.0, value.1).hash(&mut other);
        assert_ne!(other.finish(), streaming.finish());
    }
}
