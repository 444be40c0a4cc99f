//! What a page must do to run a newer build of its project: nothing, swap stylesheets and
//! module functions in place (hot module replacement), or reload. Each build is compared with
//! the one before; a page that missed several builds gets everything they changed.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::codegen::hot::HotModules;

/// How many builds [`Served::history`] keeps.
pub const HISTORY: usize = 64;

/// The latest build of a project, as the server hands it out.
pub struct Served {
    /// Counts builds (successful or not); the client compares it.
    pub build: u64,
    /// Whether the last build succeeded.
    pub ok: bool,
    /// The number of the build whose files are served (the last good one).
    pub good: u64,
    /// The last failed build's diagnostics, as the terminal shows them.
    pub errors: String,
    /// The last successful build's files, by path relative to outDir.
    pub files: HashMap<String, Arc<[u8]>>,
    /// The last successful build's module functions, when it is a hot build.
    pub hot: Option<HotModules>,
    /// What each recent build changed for a page that runs the build before it, oldest
    /// first (a page that missed more builds than this reloads).
    pub history: Vec<(u64, Update)>,
    /// The runtime key of each recent successful hot build: a page's runtime names the build
    /// its files came from with it.
    pub keys: Vec<(String, u64)>,
}

/// What a page must do to run a new build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Update {
    /// Nothing in the output changed (or the build failed: the page keeps the last good one).
    Nothing,
    /// Only these changed: swapped in place, without a reload.
    Swap(Swap),
    /// Anything else: the page reloads.
    Reload,
}

/// Stylesheets and module functions a page swaps in place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Swap {
    /// Stylesheets (file names) to load again.
    pub css: BTreeSet<String>,
    /// Modules (registry ids) whose function changed or is new.
    pub modules: BTreeSet<String>,
    /// Modules the build no longer has.
    pub removed: BTreeSet<String>,
}

impl Swap {
    /// `later` applied after `self`.
    fn then(&mut self, later: &Swap) {
        self.css.extend(later.css.iter().cloned());
        for m in &later.modules {
            self.removed.remove(m);
            self.modules.insert(m.clone());
        }
        for r in &later.removed {
            self.modules.remove(r);
            self.removed.insert(r.clone());
        }
    }

    fn into_update(self) -> Update {
        if self == Swap::default() {
            Update::Nothing
        } else {
            Update::Swap(self)
        }
    }
}

impl Default for Served {
    fn default() -> Served {
        Served {
            build: 0,
            ok: false,
            good: 0,
            errors: "the first build has not finished".into(),
            files: HashMap::new(),
            hot: None,
            history: Vec::new(),
            keys: Vec::new(),
        }
    }
}

impl Served {
    /// What a page that runs build `since` must do to run the current one.
    pub fn update_since(&self, since: u64) -> Update {
        if since == self.build {
            return Update::Nothing;
        }
        // A page from before the server (re)started.
        if since > self.build {
            return Update::Reload;
        }
        if self.history.first().is_none_or(|(b, _)| *b > since + 1) {
            return Update::Reload;
        }
        let mut swap = Swap::default();
        for (_, u) in self.history.iter().filter(|(b, _)| *b > since) {
            match u {
                Update::Nothing => {}
                Update::Reload => return Update::Reload,
                Update::Swap(s) => swap.then(s),
            }
        }
        swap.into_update()
    }

    /// The build whose runtime key is `key`, if it is a recent one.
    pub fn build_of_key(&self, key: &str) -> Option<u64> {
        self.keys
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, b)| *b)
    }

    /// A build that failed: pages keep running the last good one.
    pub fn record_failure(&mut self, errors: String) {
        self.record(Update::Nothing);
        self.ok = false;
        self.errors = errors;
    }

    /// A successful build: its files are served from now on.
    pub fn record_success(&mut self, files: HashMap<String, Arc<[u8]>>, hot: Option<HotModules>) {
        let update = diff(&self.files, self.hot.as_ref(), &files, hot.as_ref());
        self.record(update);
        if let Some(h) = &hot {
            self.keys.push((h.key.clone(), self.build));
            if self.keys.len() > HISTORY {
                self.keys.remove(0);
            }
        }
        self.good = self.build;
        self.ok = true;
        self.errors.clear();
        self.files = files;
        self.hot = hot;
    }

    fn record(&mut self, update: Update) {
        self.build += 1;
        self.history.push((self.build, update));
        if self.history.len() > HISTORY {
            self.history.remove(0);
        }
    }
}

/// What changed from one build's output to the next: stylesheets and, between two hot builds
/// whose files differ only in module functions, those functions; anything else reloads.
pub fn diff(
    old: &HashMap<String, Arc<[u8]>>,
    old_hot: Option<&HotModules>,
    new: &HashMap<String, Arc<[u8]>>,
    new_hot: Option<&HotModules>,
) -> Update {
    if old.is_empty() || old.len() != new.len() {
        return Update::Reload;
    }
    let mut swap = Swap::default();
    let mut scripts_changed = false;
    for (name, bytes) in new {
        match old.get(name) {
            Some(before) if before == bytes => {}
            Some(_) if name.ends_with(".css") => {
                swap.css.insert(name.clone());
            }
            // Source maps follow their scripts.
            Some(_) if name.ends_with(".map") => {}
            Some(_) if name.ends_with(".js") || name.ends_with(".mjs") => scripts_changed = true,
            _ => return Update::Reload,
        }
    }
    if scripts_changed {
        let (Some(old_hot), Some(new_hot)) = (old_hot, new_hot) else {
            return Update::Reload;
        };
        if old_hot.frame != new_hot.frame {
            return Update::Reload;
        }
        for (id, function) in &new_hot.modules {
            if old_hot.modules.get(id).map(|f| f.hash) != Some(function.hash) {
                swap.modules.insert(id.clone());
            }
        }
        for id in old_hot.modules.keys() {
            if !new_hot.modules.contains_key(id) {
                swap.removed.insert(id.clone());
            }
        }
    }
    swap.into_update()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> HashMap<String, Arc<[u8]>> {
        list.iter()
            .map(|(n, c)| (n.to_string(), Arc::from(c.as_bytes())))
            .collect()
    }

    fn css(names: &[&str]) -> Update {
        Update::Swap(Swap {
            css: names.iter().map(|n| n.to_string()).collect(),
            ..Default::default()
        })
    }

    fn hot(frame: u64, modules: &[(&str, &str)]) -> HotModules {
        HotModules {
            key: format!("k{frame}"),
            frame,
            modules: modules
                .iter()
                .map(|(i, f)| {
                    let function = crate::codegen::hot::HotFunction {
                        file: Arc::from("main.js"),
                        range: 0..0,
                        hash: xxhash_rust::xxh3::xxh3_64(f.as_bytes()),
                    };
                    (i.to_string(), function)
                })
                .collect(),
        }
    }

    #[test]
    fn a_page_does_what_every_build_it_missed_needs() {
        let a = files(&[("main.js", "1"), ("main.css", "red")]);
        let b = files(&[("main.js", "1"), ("main.css", "blue")]);
        let c = files(&[("main.js", "2"), ("main.css", "blue")]);
        assert_eq!(diff(&HashMap::new(), None, &a, None), Update::Reload);
        assert_eq!(diff(&a, None, &a, None), Update::Nothing);
        assert_eq!(diff(&a, None, &b, None), css(&["main.css"]));
        // Without hot builds, a script that changed reloads.
        assert_eq!(diff(&b, None, &c, None), Update::Reload);

        let mut served = Served::default();
        served.record(diff(&HashMap::new(), None, &a, None)); // 1
        served.record(diff(&a, None, &b, None)); // 2: css
        served.record(Update::Nothing); // 3: a failed build
        assert_eq!(served.update_since(1), css(&["main.css"]));
        assert_eq!(served.update_since(2), Update::Nothing);
        assert_eq!(served.update_since(3), Update::Nothing);
        served.record(diff(&b, None, &c, None)); // 4: js
        assert_eq!(served.update_since(2), Update::Reload);
        // A page from before a restart of the server, or older than the history.
        assert_eq!(served.update_since(9), Update::Reload);
        for _ in 0..HISTORY {
            served.record(Update::Nothing);
        }
        assert_eq!(served.update_since(1), Update::Reload);
    }

    #[test]
    fn hot_builds_swap_the_module_functions_that_changed() {
        let a = files(&[("main.js", "1")]);
        let b = files(&[("main.js", "2")]);
        let one = hot(7, &[("x", "f1"), ("y", "g1")]);
        let two = hot(7, &[("x", "f2"), ("y", "g1"), ("z", "h1")]);
        let three = hot(7, &[("x", "f2"), ("y", "g1")]);
        let swap = |modules: &[&str], removed: &[&str]| {
            Update::Swap(Swap {
                modules: modules.iter().map(|m| m.to_string()).collect(),
                removed: removed.iter().map(|m| m.to_string()).collect(),
                ..Default::default()
            })
        };
        assert_eq!(diff(&a, Some(&one), &b, Some(&two)), swap(&["x", "z"], &[]));
        assert_eq!(diff(&b, Some(&two), &a, Some(&three)), swap(&[], &["z"]));
        // The runtime or the chunks changed: reload.
        assert_eq!(diff(&a, Some(&one), &b, Some(&hot(8, &[]))), Update::Reload);

        let mut served = Served::default();
        served.record_success(a.clone(), Some(one)); // 1
        served.record_success(b.clone(), Some(two)); // 2
        served.record_success(a, Some(three)); // 3
        assert_eq!(served.update_since(1), swap(&["x"], &["z"]));
        assert_eq!(served.update_since(2), swap(&[], &["z"]));
        assert_eq!(served.build_of_key("k7"), Some(3));
        assert_eq!(served.build_of_key("k8"), None);
    }
}
