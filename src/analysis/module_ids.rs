//! The ids modules have in the output registry (`__mf_require__(id)`), as webpack's
//! `optimization.moduleIds` assigns them: the project-relative path in development
//! (`"named"`), a short number derived from that path in production (`"deterministic"`), so
//! that an edit elsewhere in the project does not change a module's id and the files that
//! name it keep their hashes.
//!
//! Only registry keys change: share-scope keys, exposed names and diagnostics keep the
//! module's path ([`crate::graph::Module::id`]).

use std::collections::HashSet;

use crate::config::ModuleIds as Kind;
use crate::graph::{ModuleGraph, ModuleIdx, ModuleVec};

/// Each module's id in the output.
pub struct ModuleIds {
    ids: ModuleVec<String>,
    /// Written as number literals (`__mf_require__(4711)`), as webpack writes them: the
    /// deterministic ids outside hot builds, whose update messages and `module.hot.accept`
    /// name modules by string.
    numeric: bool,
}

impl ModuleIds {
    /// `emitted`: the modules the registry lists (the others, in no file or inlined into
    /// their group's root, keep their path, which no output refers to).
    /// `hot`: the build serves hot updates (ids stay strings).
    pub fn assign(
        graph: &ModuleGraph,
        kind: Kind,
        emitted: &ModuleVec<bool>,
        hot: bool,
    ) -> ModuleIds {
        match kind {
            Kind::Named => ModuleIds {
                ids: graph.modules.iter().map(|m| m.id().to_string()).collect(),
                numeric: false,
            },
            Kind::Deterministic => ModuleIds {
                ids: deterministic(graph, emitted),
                numeric: !hot,
            },
        }
    }

    pub fn get(&self, m: ModuleIdx) -> &str {
        &self.ids[m]
    }

    /// The id as the output's JavaScript writes it: a number, or a string literal.
    pub fn literal(&self, m: ModuleIdx) -> String {
        let id = &self.ids[m];
        if self.numeric && id.bytes().all(|b| b.is_ascii_digit()) {
            id.clone()
        } else {
            crate::codegen::transform_module::json(id)
        }
    }
}

/// webpack's `assignDeterministicIds`: the emitted modules in order of their paths, each the
/// hash of its path modulo a range of at least 1000 and 20 times their count (so that few
/// hashes collide; webpack counts the modules of its chunks too), the next salt of the path
/// on a collision. Two builds of the same project agree; adding a module changes another's
/// id only when their hashes collide or the range grows by a digit.
fn deterministic(graph: &ModuleGraph, emitted: &ModuleVec<bool>) -> ModuleVec<String> {
    let mut order: Vec<ModuleIdx> = graph.modules.indices().filter(|m| emitted[*m]).collect();
    let range = id_range(order.len());
    order.sort_by(|a, b| graph.module(*a).id().cmp(graph.module(*b).id()));
    let mut ids: ModuleVec<String> = graph.modules.iter().map(|m| m.id().to_string()).collect();
    let mut taken = HashSet::with_capacity(order.len());
    let mut salted = String::new();
    for m in order {
        let path = graph.module(m).id();
        let mut salt = 0u32;
        let id = loop {
            salted.clear();
            salted.push_str(path);
            if salt > 0 {
                salted.push_str(&salt.to_string());
            }
            let id = xxhash_rust::xxh3::xxh3_64(salted.as_bytes()) % range;
            if taken.insert(id) {
                break id;
            }
            salt += 1;
        };
        ids[m] = id.to_string();
    }
    ids
}

/// The ids' range for `modules` modules: a power of ten of at least 1000 and 20 times the count.
fn id_range(modules: usize) -> u64 {
    let wanted = (modules as u64).saturating_mul(20);
    let mut range: u64 = 1000;
    while range < wanted {
        range = range.saturating_mul(10);
    }
    range
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_grows_with_the_module_count() {
        assert_eq!(id_range(0), 1000);
        assert_eq!(id_range(50), 1000);
        assert_eq!(id_range(51), 10_000);
        assert_eq!(id_range(5000), 100_000);
        assert_eq!(id_range(5001), 1_000_000);
    }
}
