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

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use super::transform_module::{ModuleOutput, TransformContext};
use crate::config::BuildConfig;
use crate::graph::{ModuleIdx, NormalModule};

#[derive(Default)]
struct State {
    fingerprint: String,
    /// Module id -> (key, code).
    entries: HashMap<String, (u64, Arc<ModuleOutput>)>,
    /// Ids the current build looked up or stored.
    used: std::collections::HashSet<String>,
}

#[derive(Default)]
pub struct CodeCache {
    state: Mutex<State>,
}

/// Feeds `value`'s `Debug` text to a hasher (for analysis data that has no `Hash`).
fn debug_hash(h: &mut impl Hasher, value: &impl std::fmt::Debug) {
    format!("{value:?}").hash(h);
}

impl CodeCache {
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts a build with `config`: empties the cache if the configuration changed.
    pub fn begin_build(&self, config: &BuildConfig) {
        let fingerprint = format!("{config:?}");
        let mut state = self.state();
        if state.fingerprint != fingerprint {
            state.entries.clear();
            state.fingerprint = fingerprint;
        }
        state.used.clear();
    }

    /// Ends a build: modules it did not have are forgotten (after a successful build only,
    /// as [`crate::graph::cache::ParseCache::end_build`] does).
    pub fn end_build(&self, succeeded: bool) {
        let mut state = self.state();
        let State { entries, used, .. } = &mut *state;
        if succeeded {
            entries.retain(|id, _| used.contains(id));
        }
    }

    /// The code of `m` (module `idx`): the cached one if its key is unchanged, else made by
    /// `transform` and cached.
    pub fn code(
        &self,
        m: &NormalModule,
        idx: ModuleIdx,
        cx: &TransformContext,
        transform: impl FnOnce() -> ModuleOutput,
    ) -> ModuleOutput {
        let key = key(m, idx, cx);
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
            return (*code).clone();
        }
        let code = transform();
        self.state()
            .entries
            .insert(id.clone(), (key, Arc::new(code.clone())));
        code
    }
}

/// A hash of everything the transform of `m` reads besides the configuration.
fn key(m: &NormalModule, idx: ModuleIdx, cx: &TransformContext) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    m.source.hash(&mut h);
    m.path.hash(&mut h);
    let own = &cx.metas[idx];
    (&own.id, own.is_async, own.pure, m.node_strict).hash(&mut h);
    // Build-wide switches that depend on the graph, not only on the configuration.
    (cx.hot, cx.refresh, cx.keep_fn_names).hash(&mut h);
    // Link rewrites these (barrel skipping retargets imports).
    debug_hash(&mut h, &m.esm);
    debug_hash(&mut h, &m.format);
    debug_hash(&mut h, &cx.exports.get(idx));
    debug_hash(&mut h, &cx.used_exports.map(|u| &u[idx]));
    for r in &m.records {
        let target = &cx.metas[r.target];
        (&r.request, &target.id, target.pure, target.is_async).hash(&mut h);
        debug_hash(&mut h, &(r.kind, target.format, &r.barrel));
        debug_hash(&mut h, &cx.exports.get(r.target));
        debug_hash(&mut h, &cx.dynamic_chunks.get(&r.target));
        cx.worker_files.get(&r.target).hash(&mut h);
    }
    h.finish()
}
