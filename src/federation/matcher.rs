//! Which requests and files the `shared` configuration applies to, as webpack's
//! ConsumeSharedPlugin and ProvideSharedPlugin match them: package keys match the request as
//! written (exactly, or by prefix for keys ending in `/`), path keys match the resolved file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::{BuildConfig, SharedItem};
use crate::graph::SharedRequest;

/// A consume that applies to a request: what to resolve as the fallback instead of the
/// request itself (`None` for `import = false`).
pub struct ConsumeMatch {
    pub shared: SharedRequest,
    pub import: Option<String>,
}

#[derive(Default)]
pub struct SharedMatcher {
    consume_exact: HashMap<String, usize>,
    consume_prefix: Vec<(String, usize)>,
    provide_exact: HashMap<String, usize>,
    provide_prefix: Vec<(String, usize)>,
    /// Path keys, resolved from the project root when the scan starts.
    consume_paths: HashMap<PathBuf, usize>,
    provide_paths: HashMap<PathBuf, usize>,
}

impl SharedMatcher {
    pub fn new(config: &BuildConfig) -> SharedMatcher {
        let mut m = SharedMatcher::default();
        for (i, item) in config.shared.iter().enumerate() {
            if item.is_path_key() {
                continue;
            }
            if item.is_prefix() {
                m.consume_prefix.push((item.key.clone(), i));
            } else {
                m.consume_exact.insert(item.key.clone(), i);
            }
            if let Some(import) = &item.import
                && !crate::config::shared::is_path(import)
            {
                if import.ends_with('/') {
                    m.provide_prefix.push((import.clone(), i));
                } else {
                    m.provide_exact.insert(import.clone(), i);
                }
            }
        }
        // Longest prefix first, so "@scope/pkg/" wins over "@scope/".
        m.consume_prefix
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        m.provide_prefix
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        m
    }

    /// Registers a path key resolved to `file` (called once per path item at scan start).
    pub fn add_resolved_path(&mut self, item: usize, config_item: &SharedItem, file: PathBuf) {
        self.consume_paths.insert(file.clone(), item);
        if config_item.import.is_some() {
            self.provide_paths.insert(file, item);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.consume_exact.is_empty()
            && self.consume_prefix.is_empty()
            && self.consume_paths.is_empty()
    }

    pub fn consume_for_request(&self, request: &str, items: &[SharedItem]) -> Option<ConsumeMatch> {
        if let Some(&i) = self.consume_exact.get(request) {
            let item = &items[i];
            return Some(ConsumeMatch {
                shared: SharedRequest {
                    item: i,
                    share_key: item.share_key.clone(),
                },
                import: item.import.clone(),
            });
        }
        for (prefix, i) in &self.consume_prefix {
            if let Some(rest) = request.strip_prefix(prefix.as_str())
                && !rest.is_empty()
                && items[*i].shares_request(rest)
            {
                let item = &items[*i];
                return Some(ConsumeMatch {
                    shared: SharedRequest {
                        item: *i,
                        share_key: format!("{}{rest}", item.share_key),
                    },
                    import: item.import.as_ref().map(|imp| format!("{imp}{rest}")),
                });
            }
        }
        None
    }

    pub fn consume_for_file(&self, file: &Path, items: &[SharedItem]) -> Option<SharedRequest> {
        let &i = self.consume_paths.get(file)?;
        Some(SharedRequest {
            item: i,
            share_key: items[i].share_key.clone(),
        })
    }

    /// The provide a resolved request creates: by the request as written, or by the file.
    pub fn provide_for(
        &self,
        request: &str,
        file: &Path,
        items: &[SharedItem],
    ) -> Option<SharedRequest> {
        if let Some(&i) = self.provide_exact.get(request) {
            return Some(SharedRequest {
                item: i,
                share_key: items[i].share_key.clone(),
            });
        }
        for (prefix, i) in &self.provide_prefix {
            if let Some(rest) = request.strip_prefix(prefix.as_str())
                && !rest.is_empty()
                && items[*i].shares_request(rest)
            {
                return Some(SharedRequest {
                    item: *i,
                    share_key: format!("{}{rest}", items[*i].share_key),
                });
            }
        }
        let &i = self.provide_paths.get(file)?;
        Some(SharedRequest {
            item: i,
            share_key: items[i].share_key.clone(),
        })
    }
}
