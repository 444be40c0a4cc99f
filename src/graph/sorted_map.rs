//! A map kept as one vector of entries sorted by key: `BTreeMap`'s order and the part of its
//! interface the scan results use, in one allocation. Most modules export a handful of
//! names; a `BTreeMap` allocates a node for eleven entries for even one, and a warm build
//! decodes two such maps per module from the persistent cache (about 7 MB of fresh memory
//! for 5,000 modules, most of it never used).

use std::borrow::Borrow;
use std::fmt;

#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SortedMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        SortedMap(Vec::new())
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.0.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    /// Inserts `value` under `key`, returning the value it replaces (as `BTreeMap::insert`).
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }
}

impl<K, V> SortedMap<K, V> {
    /// The entries in key order.
    pub fn iter(&self) -> Iter<'_, K, V> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &K> + ExactSizeIterator {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator {
        self.0.iter().map(|(_, v)| v)
    }
}

pub type Iter<'a, K, V> = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&(K, V)) -> (&K, &V)>;

impl<'a, K, V> IntoIterator for &'a SortedMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

/// Sorts entries by key (stable) and keeps the last of each run of equal keys.
fn sort_keeping_last<K: Ord, V>(entries: &mut Vec<(K, V)>) {
    if entries.is_sorted_by(|a, b| a.0 < b.0) {
        return;
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.reverse();
    // Now last-inserted first within each run of equal keys: keep the first of each run.
    entries.dedup_by(|later, kept| later.0 == kept.0);
    entries.reverse();
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for SortedMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Written as a map, as serde writes a `BTreeMap`.
impl<K: serde::Serialize, V: serde::Serialize> serde::Serialize for SortedMap<K, V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, K, V> serde::Deserialize<'de> for SortedMap<K, V>
where
    K: serde::Deserialize<'de> + Ord,
    V: serde::Deserialize<'de>,
{
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<K, V>(std::marker::PhantomData<(K, V)>);
        impl<'de, K, V> serde::de::Visitor<'de> for Visitor<K, V>
        where
            K: serde::Deserialize<'de> + Ord,
            V: serde::Deserialize<'de>,
        {
            type Value = SortedMap<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(4096));
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                // Written in order: the sort is a check.
                sort_keeping_last(&mut entries);
                Ok(SortedMap(entries))
            }
        }
        deserializer.deserialize_map(Visitor(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::SortedMap;
    use std::collections::BTreeMap;

    /// Inserts and replacements give `BTreeMap`'s contents and order; the map survives
    /// postcard as a `BTreeMap` would, and entries read out of order or with a key twice
    /// are sorted, the last value kept (as collecting a `BTreeMap` keeps it).
    #[test]
    fn behaves_as_a_btree_map() {
        let ops: Vec<(&str, u32)> = vec![
            ("m", 1),
            ("b", 2),
            ("z", 3),
            ("b", 4),
            ("a", 5),
            ("default", 6),
            ("m", 7),
        ];
        let mut ours = SortedMap::default();
        let mut theirs = BTreeMap::new();
        for (k, v) in &ops {
            assert_eq!(
                ours.insert(k.to_string(), *v),
                theirs.insert(k.to_string(), *v)
            );
        }
        let pairs =
            |m: &SortedMap<String, u32>| m.iter().map(|(k, v)| (k.clone(), *v)).collect::<Vec<_>>();
        let expected: Vec<(String, u32)> = theirs.iter().map(|(k, v)| (k.clone(), *v)).collect();
        assert_eq!(pairs(&ours), expected);
        assert_eq!(ours.get("m"), Some(&7));
        assert_eq!(ours.get("nope"), None);
        assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));

        let bytes = postcard::to_allocvec(&ours).unwrap();
        assert_eq!(bytes, postcard::to_allocvec(&theirs).unwrap());
        let back: SortedMap<String, u32> = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, ours);
        // The operations as written, out of order and with keys twice.
        let unsorted = postcard::to_allocvec(&ops).unwrap();
        let read: SortedMap<String, u32> = postcard::from_bytes(&unsorted).unwrap();
        assert_eq!(pairs(&read), expected);
    }
}
