//! Finding a path in a list the caller keeps, by a hash of the path's bytes rather than in a
//! map of paths: hashing a `Path` walks its components, and the persistent cache's tables
//! (thousands of paths, each looked up about once) are searched on the scan's hot path.

use rustc_hash::FxHashMap;

/// xxh3 of a path's bytes -> its index in the caller's list.
#[derive(Default)]
pub struct PathIndex(FxHashMap<u64, u32>);

impl PathIndex {
    fn digest(path: &[u8]) -> u64 {
        xxhash_rust::xxh3::xxh3_64(path)
    }

    /// The index of the list whose paths (as bytes) are `paths`, in order.
    pub fn new<'p>(paths: impl Iterator<Item = &'p [u8]>) -> PathIndex {
        PathIndex(
            paths
                .enumerate()
                .map(|(i, p)| (Self::digest(p), i as u32))
                .collect(),
        )
    }

    /// Where `path` is in the list: `listed(i)` gives the path at `i` (or `None` for an
    /// entry no longer there), which must be the same bytes (another path with the same
    /// hash is not it).
    pub fn find<'l>(
        &self,
        path: &[u8],
        listed: impl FnOnce(usize) -> Option<&'l [u8]>,
    ) -> Option<usize> {
        let i = *self.0.get(&Self::digest(path))? as usize;
        (listed(i)? == path).then_some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::PathIndex;

    /// Listed paths are found at their index; a path not listed, or whose entry is gone, is
    /// not, even when its hash is in the table.
    #[test]
    fn finds_listed_paths_only() {
        let list: Vec<&[u8]> = vec![b"/a/x.js", b"/a/y.js", b"/b/x.js"];
        let index = PathIndex::new(list.iter().copied());
        for (i, p) in list.iter().enumerate() {
            assert_eq!(index.find(p, |j| Some(list[j])), Some(i));
        }
        assert_eq!(index.find(b"/c.js", |j| Some(list[j])), None);
        assert_eq!(index.find(b"/a/y.js", |_| None), None);
        // The table's index for /a/y.js, asked with a listed path that differs.
        assert_eq!(index.find(b"/a/y.js", |_| Some(b"/a/z.js")), None);
    }
}
