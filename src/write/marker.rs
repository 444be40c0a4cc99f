//! `.mfbundle-output`: the note mfbundle leaves in every outDir it writes, naming the project
//! that wrote it and every file it wrote. It is what lets a later build tell its own output
//! (which it may replace) from a user's files (which it must never delete).

use std::path::Path;

use serde::{Deserialize, Serialize};

/// The marker's file name, at the top of outDir.
pub const MARKER: &str = ".mfbundle-output";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Marker {
    /// Always `"mfbundle"`: a file of the same name written by something else is not ours.
    pub generator: String,
    /// The marker's format.
    pub version: u32,
    /// The project that wrote it: its `name` (or package.json name, or "app"), so that the
    /// marker, like the rest of the output, is the same wherever the project lies.
    pub project: String,
    /// Every file written, relative to outDir, `/`-separated, sorted; the marker itself is
    /// not listed.
    pub files: Vec<String>,
}

impl Marker {
    pub fn new(project: &str, mut files: Vec<String>) -> Marker {
        files.sort();
        Marker {
            generator: "mfbundle".into(),
            version: 1,
            project: project.to_string(),
            files,
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text.into_bytes()
    }

    /// The marker in `dir`, if there is one written by mfbundle; a file of that name that is
    /// not an mfbundle marker counts as a user's file.
    pub fn read(dir: &Path) -> Option<Marker> {
        let text = std::fs::read(dir.join(MARKER)).ok()?;
        let marker: Marker = serde_json::from_slice(&text).ok()?;
        (marker.generator == "mfbundle" && marker.version == 1).then_some(marker)
    }
}
