//! Content hashes in file names that change if and only if the file's bytes change.
//!
//! Chunks are named while they are rendered, before minification and before the names of the
//! chunks they list are final, so the hash in a name at that point is only a placeholder
//! (the hash of the rendered text). Once every file is in its final form, [`finalize`]
//! replaces each placeholder by the hash of the file's final bytes, in every file that names
//! it, as webpack's `optimization.realContentHash` does: files that name no other hashed file
//! first (async chunks, stylesheets), then the files that list them (an entry with
//! `[contenthash]` in `entryFileNames`). A file's own name (in its `sourceMappingURL`
//! comment) does not count towards its hash. Placeholders and hashes have the same length,
//! so source maps stay right.

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use super::OutputFile;

/// First 8 hex digits of the xxh3 hash of `bytes`.
pub fn content_hash(bytes: &[u8]) -> String {
    hash_text(xxhash_rust::xxh3::xxh3_64(bytes))
}

/// First 8 hex digits of a hash.
fn hash_text(hash: u64) -> String {
    format!("{hash:016x}")[..8].to_string()
}

/// A file named with a placeholder hash: its name and the hash in it.
#[derive(Debug, Clone)]
pub struct HashedName {
    pub name: String,
    pub hash: String,
}

impl HashedName {
    /// `pattern` with `[contenthash]` replaced by the hash of `contents`.
    pub fn new(pattern: &str, contents: &[u8]) -> HashedName {
        let hash = content_hash(contents);
        HashedName {
            name: pattern.replacen("[contenthash]", &hash, 1),
            hash,
        }
    }
}

/// What [`finalize`] fills in: files named with a placeholder hash, and the runtime key
/// (`__mfbundle_runtime_<hash>__`, under which a build's entry files share one runtime on a
/// page), which is a hash of the entry files' final text too.
pub struct Placeholders {
    pub files: Vec<HashedName>,
    pub runtime_key: String,
}

/// Files whose text may name other files.
fn is_text(name: &str) -> bool {
    [
        ".js", ".mjs", ".cjs", ".css", ".map", ".json", ".html", ".txt",
    ]
    .iter()
    .any(|e| name.ends_with(e))
}

/// Replaces every placeholder hash by the hash of its file's final bytes (in the file's
/// name, its `.map`'s name, and the text of every file), and the runtime key by a hash of
/// the files that hold it, once the names they hold are final.
/// Returns the final runtime key, and each renamed file's final name by its name before.
pub fn finalize(
    files: &mut [OutputFile],
    placeholders: Placeholders,
) -> (String, std::collections::HashMap<String, String>) {
    let mut renamed = std::collections::HashMap::new();
    let mut pending = placeholders.files;
    let mut final_key = placeholders.runtime_key.clone();
    let mut key = Some(placeholders.runtime_key);
    while !pending.is_empty() || key.is_some() {
        let names: Vec<&str> = pending.iter().map(|h| h.name.as_str()).collect();
        let Ok(finder) = AhoCorasick::new(&names) else {
            return (final_key, renamed);
        };
        let key_finder = key
            .as_ref()
            .map(|k| memchr::memmem::Finder::new(k.as_bytes()));
        let holds_key = |f: &OutputFile| {
            key_finder
                .as_ref()
                .is_some_and(|k| k.find(&f.contents).is_some())
        };
        // Whether `f` names a pending file other than itself.
        let names_other = |f: &OutputFile| {
            let own = names.iter().position(|n| *n == f.name);
            !names.is_empty()
                && finder
                    .find_iter(&f.contents)
                    .any(|m| Some(m.pattern().as_usize()) != own)
        };
        let file = |name: &str| files.iter().find(|f| f.name == name);
        // Ready: files that name no other pending file and do not hold a pending key.
        let mut ready: Vec<usize> = (0..pending.len())
            .filter(|&i| file(&pending[i].name).is_none_or(|f| !names_other(f) && !holds_key(f)))
            .collect();
        if ready.is_empty()
            && let Some(k) = &key
        {
            let holders: Vec<&OutputFile> = files.iter().filter(|f| holds_key(f)).collect();
            if holders.iter().all(|f| !names_other(f)) {
                let new_key = runtime_key(&holders, &pending, k);
                files.par_iter_mut().for_each(|f| {
                    if is_text(&f.name) {
                        replace_in_place(&mut f.contents, &[k.as_str()], &[new_key.as_str()]);
                    }
                });
                final_key = new_key;
                key = None;
                continue;
            }
        }
        if ready.is_empty() {
            // Never in an acyclic build; if it were, take every file as it is.
            ready = (0..pending.len()).collect();
            key = None;
        }
        let renames: Vec<(String, String)> = ready
            .par_iter()
            .map(|&i| {
                let h = &pending[i];
                let own = h.name.replacen(&h.hash, "", 1);
                let hash = file(&h.name).map_or_else(
                    || content_hash(b""),
                    |f| {
                        hash_text(hash_replaced(
                            &f.contents,
                            &[h.name.as_str()],
                            &[own.as_str()],
                        ))
                    },
                );
                (h.name.clone(), h.name.replacen(&h.hash, &hash, 1))
            })
            .filter(|(old, new)| old != new)
            .collect();
        let mut i = 0;
        pending.retain(|_| {
            i += 1;
            !ready.contains(&(i - 1))
        });
        if renames.is_empty() {
            continue;
        }
        renamed.extend(renames.iter().cloned());
        let (from, to): (Vec<&str>, Vec<&str>) = renames
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .unzip();
        files.par_iter_mut().for_each(|f| {
            if is_text(&f.name) {
                replace_in_place(&mut f.contents, &from, &to);
            }
            if let Some(k) = from
                .iter()
                .position(|n| f.name == *n || f.name.strip_suffix(".map") == Some(*n))
            {
                f.name = f.name.replacen(from[k], to[k], 1);
            }
        });
    }
    (final_key, renamed)
}

/// `__mfbundle_runtime_<12 hex digits>__`: the global under which a build's entry files
/// share one runtime on a page.
pub fn runtime_key_text(hash: u64) -> String {
    format!("__mfbundle_runtime_{}__", &format!("{hash:016x}")[..12])
}

/// The runtime key: a hash of the files that hold it (in name order), each without the key
/// and its own pending hash.
fn runtime_key(holders: &[&OutputFile], pending: &[HashedName], key: &str) -> String {
    let mut holders = holders.to_vec();
    holders.sort_by(|a, b| a.name.cmp(&b.name));
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for f in holders {
        match pending.iter().find(|p| p.name == f.name) {
            Some(p) => {
                let stable = p.name.replacen(&p.hash, "", 1);
                h.update(stable.as_bytes());
                for_each_replaced(&f.contents, &[key, p.name.as_str()], &["", &stable], |b| {
                    h.update(b)
                });
            }
            None => {
                h.update(f.name.as_bytes());
                for_each_replaced(&f.contents, &[key], &[""], |b| h.update(b));
            }
        }
    }
    runtime_key_text(h.digest())
}

/// The pieces of `bytes` with every occurrence of `from[i]` replaced by `to[i]`, in order:
/// what [`replace_all`] makes, without making it (hashing the pieces as they come gives the
/// hash of the whole, without a copy of a file of megabytes).
fn for_each_replaced(bytes: &[u8], from: &[&str], to: &[&str], mut each: impl FnMut(&[u8])) {
    let mut last = 0;
    for_each_match(bytes, from, |at, i| {
        each(&bytes[last..at]);
        each(to[i].as_bytes());
        last = at + from[i].len();
    });
    each(&bytes[last..]);
}

/// xxh3 of `bytes` with every `from[i]` replaced by `to[i]`.
fn hash_replaced(bytes: &[u8], from: &[&str], to: &[&str]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for_each_replaced(bytes, from, to, |b| h.update(b));
    h.digest()
}

/// `bytes` with every occurrence of `from[i]` replaced by `to[i]`.
fn replace_all(bytes: &[u8], from: &[&str], to: &[&str]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for_each_replaced(bytes, from, to, |b| out.extend_from_slice(b));
    out
}

/// [`replace_all`] on `bytes` itself. Placeholders and what replaces them have the same
/// length: their bytes are overwritten where they are, rather than the file (megabytes in
/// development) copied into fresh memory.
fn replace_in_place(bytes: &mut Vec<u8>, from: &[&str], to: &[&str]) {
    if from.iter().zip(to).any(|(a, b)| a.len() != b.len()) {
        *bytes = replace_all(bytes, from, to);
        return;
    }
    let mut found = Vec::new();
    for_each_match(bytes, from, |at, i| found.push((at, i)));
    for (at, i) in found {
        bytes[at..at + to[i].len()].copy_from_slice(to[i].as_bytes());
    }
}

/// Each occurrence of a pattern of `from` in `bytes`, non-overlapping, from the left: its
/// offset and the pattern's index.
fn for_each_match(bytes: &[u8], from: &[&str], mut each: impl FnMut(usize, usize)) {
    if let [from] = from {
        // One pattern (the runtime key in every file): memchr's SIMD search.
        memchr::memmem::find_iter(bytes, from.as_bytes()).for_each(|at| each(at, 0));
    } else if let Ok(finder) = AhoCorasick::new(from) {
        finder
            .find_iter(bytes)
            .for_each(|m| each(m.start(), m.pattern().as_usize()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> OutputFile {
        OutputFile {
            name: name.into(),
            contents: text.as_bytes().to_vec(),
        }
    }

    fn build(chunk_text: &str) -> Vec<OutputFile> {
        let chunk = HashedName::new("a.[contenthash].js", b"as rendered");
        let entry = HashedName::new("main.[contenthash].js", b"entry as rendered");
        let mut files = vec![
            file(
                &chunk.name,
                &format!("{chunk_text}\n//# sourceMappingURL={}.map\n", chunk.name),
            ),
            file(&format!("{}.map", chunk.name), "{}"),
            file(&entry.name, &format!("load({:?})", chunk.name)),
        ];
        let placeholders = Placeholders {
            files: vec![chunk, entry],
            runtime_key: runtime_key_text(1),
        };
        finalize(&mut files, placeholders);
        files
    }

    #[test]
    fn hashes_follow_the_final_bytes_and_names_follow_the_hashes() {
        let one = build("chunk()");
        let names: Vec<&str> = one.iter().map(|f| f.name.as_str()).collect();
        let chunk = names[0];
        assert_eq!(names[1], format!("{chunk}.map"));
        // The entry names the chunk by its final name, and its own hash covers that.
        let entry = String::from_utf8(one[2].contents.clone()).unwrap();
        assert_eq!(entry, format!("load({chunk:?})"));
        assert!(String::from_utf8_lossy(&one[0].contents).contains(&format!("{chunk}.map")));
        // The same bytes: the same names; other bytes in the chunk: both names change.
        let again = build("chunk()");
        assert_eq!(again[0].name, one[0].name);
        assert_eq!(again[2].name, one[2].name);
        let edited = build("chunk(1)");
        assert_ne!(edited[0].name, one[0].name);
        assert_ne!(edited[2].name, one[2].name);
    }

    #[test]
    fn replacing_in_place_or_hashing_the_pieces_is_replacing() {
        let text = b"aXXb YY XXXX c YY";
        for (from, to) in [
            (&["XX"][..], &["12"][..]),
            (&["XX", "YY"][..], &["12", "34"][..]),
            (&["XX", "YY"][..], &["", "345"][..]),
        ] {
            let replaced = replace_all(text, from, to);
            let mut in_place = text.to_vec();
            replace_in_place(&mut in_place, from, to);
            assert_eq!(in_place, replaced);
            assert_eq!(
                hash_replaced(text, from, to),
                xxhash_rust::xxh3::xxh3_64(&replaced)
            );
        }
        assert_eq!(
            replace_all(text, &["XX", "YY"], &["1", "2"]),
            b"a1b 2 11 c 2"
        );
    }
}
