//! Replacing outDir so that a reader never sees a half-written build and a killed build never
//! leaves outDir missing or mixed: the files (the marker first) go to the claim's staging
//! directory, which then trades places with outDir in one atomic `renameat2(RENAME_EXCHANGE)`
//! (two renames where the system has no exchange). Of the old tree, only the files outDir
//! was checked to hold are deleted.

use std::path::Path;

use crate::codegen::OutputFile;
use crate::diagnostics::{Code, Diagnostic, Severity};

use super::marker::{MARKER, Marker};
use super::out_dir::OutDirClaim;

#[derive(Debug)]
pub enum WriteError {
    /// outDir changed during the build into something that may not be replaced.
    Refused(Box<Diagnostic>),
    Io(std::io::Error),
}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> WriteError {
        WriteError::Io(e)
    }
}

/// Writes `files` as outDir. Ok carries a warning when files that appeared during the build
/// were left in the old tree instead of being deleted.
pub fn write_output(
    claim: &OutDirClaim,
    files: &[OutputFile],
) -> Result<Option<Diagnostic>, WriteError> {
    let staging = &claim.staging;
    let marker = Marker::new(
        &claim.project,
        files.iter().map(|f| f.name.clone()).collect(),
    );
    // The marker first: a staging directory is recognisably ours from its first byte.
    std::fs::write(staging.join(MARKER), marker.to_bytes())?;
    for f in files {
        let path = staging.join(&f.name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, &f.contents)?;
    }

    // Files may have appeared in outDir since the claim looked.
    let found = claim.inspect();
    claim.check_contents(&found).map_err(WriteError::Refused)?;
    if !claim.real.exists() {
        std::fs::rename(staging, &claim.real)?;
        return Ok(None);
    }
    // outDir keeps its mode (a group-writable deploy directory stays so).
    if let Ok(meta) = std::fs::metadata(&claim.real) {
        let _ = std::fs::set_permissions(staging, meta.permissions());
    }
    let old = swap(staging, &claim.real)?;
    claim.swapped.set(true);
    Ok(delete_old(&old, &found, &claim.display))
}

/// Puts `new` in `out`'s place; returns where the old tree is now.
fn swap(new: &Path, out: &Path) -> std::io::Result<std::path::PathBuf> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, new, CWD, out, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(new.to_path_buf()),
            // Filesystems without the exchange take the two renames below.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(e.into()),
        }
    }
    let name = new
        .file_name()
        .map(|n| n.to_string_lossy().replace("mfbundle-tmp", "mfbundle-old"))
        .unwrap_or_default();
    let old = new.with_file_name(name);
    std::fs::rename(out, &old)?;
    if let Err(e) = std::fs::rename(new, out) {
        let _ = std::fs::rename(&old, out);
        return Err(e);
    }
    Ok(old)
}

/// Deletes, of the old tree now at `old`, the files the inspection found (all checked to be
/// ours, or consented to by `emptyOutDir`), then its emptied directories. Anything else is
/// left where it is, with a warning.
fn delete_old(old: &Path, found: &super::out_dir::Inspection, display: &str) -> Option<Diagnostic> {
    for file in &found.files {
        let _ = std::fs::remove_file(old.join(file));
    }
    for dir in found.dirs.iter().rev() {
        let _ = std::fs::remove_dir(old.join(dir));
    }
    if std::fs::remove_dir(old).is_ok() || !old.exists() {
        return None;
    }
    let mut d = Diagnostic::new(
        Code::OutDirNotOwned,
        format!(
            "files that appeared in {display} while it was being replaced were kept in {}",
            old.display()
        ),
    )
    .hint("move what you need from there; mfbundle does not delete files it did not write");
    d.severity = Severity::Warning;
    Some(d)
}
