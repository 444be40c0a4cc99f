//! mfbundle: a JavaScript bundler with Module Federation built in.
//!
//! The build is a pipeline of stages, each a function from one typed output to the next:
//! [`graph`] (scan: parse + resolve) -> [`federation`] (consume / provide / remote nodes) ->
//! [`analysis`] (exports, usage) -> [`codegen`] (chunks, runtime, files) -> [`write`] (outDir,
//! claimed before the first stage runs and replaced atomically after the last). [`pipeline`] runs
//! them; [`cli`] is the command line; [`config`] reads `federation.toml`; [`diagnostics`] is
//! how every stage reports problems; [`watch`] is `build --watch`, which rebuilds on change
//! and reuses the parses of unchanged files (`graph::cache`); [`dev`] is `mfbundle dev`, whose
//! serve stage keeps generate's files in memory and serves them instead of writing outDir.

pub mod analysis;
pub mod cli;
pub mod codegen;
pub mod config;
pub mod dev;
pub mod diagnostics;
pub mod federation;
pub mod graph;
pub mod http;
pub mod incremental;
pub mod js_names;
pub mod persistent_cache;
pub mod pipeline;
pub mod remote_types;
pub mod report;
pub mod watch;
pub mod write;
