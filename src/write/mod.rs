//! The write stage: the last step of the pipeline, and the only one that changes the user's
//! disk. [`claim`] runs before any other stage: it checks that outDir may be replaced (it is
//! absent, empty, or this project's earlier output by its [`marker`], or `emptyOutDir` says so,
//! and it is never the project, a source directory, `/` or the home directory), locks it
//! against a concurrent build and makes the staging directory. [`write_output`] then swaps the
//! generated files in atomically.

pub mod marker;
mod out_dir;
mod replace;

pub use marker::{MARKER, Marker};
pub use out_dir::{OutDirClaim, claim};
pub use replace::{WriteError, write_output};
