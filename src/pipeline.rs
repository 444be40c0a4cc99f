//! The build, stage by stage: scan (graph) -> federation -> analysis -> codegen -> write.
//! Each stage returns typed output; the pipeline stops at the first stage that reports an
//! error, and nothing is written unless every stage succeeded. outDir is claimed (checked
//! and locked, `write::claim`) before the first stage, so an unsafe outDir costs no work.

use std::time::{Duration, Instant};

use crate::config::{BuildConfig, display_path};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location};
use crate::graph::{Progress, cache::ParseCache, parse::Defines};
use crate::{analysis, codegen, federation, graph, write};

#[derive(Debug, serde::Serialize)]
pub struct WrittenFile {
    /// Relative to outDir.
    pub name: String,
    pub size: u64,
}

#[derive(Debug)]
pub struct BuildOutcome {
    pub files: Vec<WrittenFile>,
    pub diagnostics: Diagnostics,
    pub module_count: usize,
    pub elapsed: Duration,
    /// Stage name -> wall time, in pipeline order (`--timings`).
    pub timings: Vec<(&'static str, Duration)>,
    /// The build's name (`from` in the share scope) and where it came from.
    pub name: crate::config::BuildName,
}

impl BuildOutcome {
    pub fn success(&self) -> bool {
        !self.diagnostics.has_errors()
    }
}

pub fn build(config: &BuildConfig, progress: &dyn Progress) -> BuildOutcome {
    build_cached(config, progress, None)
}

/// [`build`], reusing the parses of unchanged files kept in `cache` (watch mode). The output
/// is the same as [`build`]'s.
pub fn build_cached(
    config: &BuildConfig,
    progress: &dyn Progress,
    cache: Option<&ParseCache>,
) -> BuildOutcome {
    run(config, progress, cache, true).0
}

/// [`build`] without writing outDir: the outcome (its `files` what would be written) and the
/// files themselves. For tools and fuzzing; frees what the build made.
pub fn build_in_memory(
    config: &BuildConfig,
    progress: &dyn Progress,
) -> (BuildOutcome, Vec<codegen::OutputFile>) {
    run(config, progress, None, false)
}

fn run(
    config: &BuildConfig,
    progress: &dyn Progress,
    cache: Option<&ParseCache>,
    write_out: bool,
) -> (BuildOutcome, Vec<codegen::OutputFile>) {
    let start = Instant::now();
    let mut diagnostics = Diagnostics::default();
    diagnostics.extend(config.warnings.iter().cloned());
    let timings = std::cell::RefCell::new(Vec::new());
    let mut lap = Instant::now();
    let mut mark = |name: &'static str| {
        timings.borrow_mut().push((name, lap.elapsed()));
        lap = Instant::now();
    };
    let finish = |diagnostics: Diagnostics, files, module_count| {
        let mut diagnostics: Diagnostics = diagnostics;
        diagnostics.sort();
        BuildOutcome {
            files,
            diagnostics,
            module_count,
            elapsed: start.elapsed(),
            timings: timings.borrow().clone(),
            name: config.build_name(),
        }
    };
    let defines = match Defines::parse(&config.define) {
        Ok(d) => d,
        Err(errors) => {
            let file = display_path(&config.root, &config.config_file);
            diagnostics.extend(errors.into_iter().map(|d| d.at(Location::file_only(&file))));
            return (finish(diagnostics, vec![], 0), vec![]);
        }
    };

    let claim = if write_out {
        match write::claim(config) {
            Ok(c) => Some(c),
            Err(d) => {
                diagnostics.push(*d);
                return (finish(diagnostics, vec![], 0), vec![]);
            }
        }
    } else {
        None
    };

    let scanned = graph::scan_cached(config, &defines, progress, cache);
    mark("scan");
    timings
        .borrow_mut()
        .push(("  parse (summed over threads)", scanned.parse_time));
    timings
        .borrow_mut()
        .push(("  resolve (summed over threads)", scanned.resolve_time));
    let module_count = scanned.graph.modules.len();
    diagnostics.extend(scanned.diagnostics.iter().cloned());
    if let Some(claim) = &claim
        && let Err(d) = claim.check_modules(
            scanned
                .graph
                .modules
                .iter()
                .filter_map(|m| m.as_normal().map(|n| n.path.as_path())),
        )
    {
        diagnostics.push(*d);
    }
    if diagnostics.has_errors() {
        return (finish(diagnostics, vec![], module_count), vec![]);
    }

    let mut federated = federation::apply(scanned, config);
    mark("federation");
    // The federation stage's diagnostics include the scan's.
    diagnostics = Diagnostics::default();
    diagnostics.extend(config.warnings.iter().cloned());
    diagnostics.extend(federated.diagnostics.iter().cloned());
    if diagnostics.has_errors() {
        return (finish(diagnostics, vec![], module_count), vec![]);
    }

    let mut analyzed = analysis::analyze(&federated.graph, config);
    mark("analysis");
    diagnostics.extend(analyzed.diagnostics.iter().cloned());
    if diagnostics.has_errors() {
        return (finish(diagnostics, vec![], module_count), vec![]);
    }
    // The share-usage report describes the graph as written: made before shared tree shaking
    // changes fallbacks, completed with what it did.
    let elsewhere = match used_elsewhere(config) {
        Ok(e) => e,
        Err(d) => {
            diagnostics.push(*d);
            return (finish(diagnostics, vec![], module_count), vec![]);
        }
    };
    let mut share_usage = (!config.shared.is_empty())
        .then(|| analysis::share_usage::share_usage_report(&federated.graph, &analyzed.exports));
    let shaken = analysis::shared_shaking::shake_shared(
        &mut federated.graph,
        &mut analyzed.exports,
        config,
        &elsewhere,
    );
    if let Some(report) = &mut share_usage {
        analysis::share_usage::add_shaking(report, &federated.graph, &shaken);
        // Timings would make the output differ from build to build.
        report["performance_metrics"]["analysis_duration_ms"] = serde_json::Value::Null;
        report["performance_metrics"]["peak_rss_bytes"] = serde_json::Value::Null;
    }
    mark("shared tree shaking");

    if config.mode == crate::config::Mode::Production {
        analysis::barrels::skip_barrels(&mut federated.graph, &mut analyzed.exports);
    }
    mark("barrels");
    let mut files = codegen::generate(&mut federated.graph, &analyzed, config);
    if let Some(report) = &share_usage {
        let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
        text.push('\n');
        files.push(codegen::OutputFile {
            name: "share-usage.json".into(),
            contents: text.into_bytes(),
        });
        files.sort_by(|a, b| a.name.cmp(&b.name));
    }
    mark("codegen");
    let written = match &claim {
        Some(claim) => write::write_output(claim, &files),
        None => Ok(None),
    };
    drop(claim);
    mark("write");
    match written {
        Ok(kept) => diagnostics.extend(kept),
        Err(write::WriteError::Refused(d)) => {
            diagnostics.push(*d);
            return (finish(diagnostics, vec![], module_count), vec![]);
        }
        Err(write::WriteError::Io(e)) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::WriteFailed,
                    format!("cannot write {}: {e}", display_path(&config.root, &config.out_dir)),
                )
                .hint("check that the directory is writable and the disk is not full; the previous output was left in place"),
            );
            return (finish(diagnostics, vec![], module_count), vec![]);
        }
    }
    let written = files
        .iter()
        .map(|f| WrittenFile {
            name: f.name.clone(),
            size: f.contents.len() as u64,
        })
        .collect();
    let outcome = finish(diagnostics, written, module_count);
    if !write_out {
        return (outcome, files);
    }
    if cache.is_none() {
        // A one-shot build's process exits next: freeing every AST and module (about 100 ms
        // for 20,000 modules) would only delay that. Watch mode frees them.
        std::mem::forget(federated);
        std::mem::forget(analyzed);
        std::mem::forget(files);
        return (outcome, vec![]);
    }
    (outcome, files)
}

/// `mfbundle analyze`: the front end (scan, federation, analysis) and the share-usage report;
/// nothing is written.
pub fn analyze(
    config: &BuildConfig,
    progress: &dyn Progress,
) -> (Option<serde_json::Value>, Diagnostics) {
    let start = Instant::now();
    let mut diagnostics = Diagnostics::default();
    let defines = match Defines::parse(&config.define) {
        Ok(d) => d,
        Err(errors) => {
            diagnostics.extend(errors);
            return (None, diagnostics);
        }
    };
    let scanned = graph::scan(config, &defines, progress);
    diagnostics.extend(config.warnings.iter().cloned());
    if scanned.diagnostics.has_errors() {
        diagnostics.extend(scanned.diagnostics.iter().cloned());
        diagnostics.sort();
        return (None, diagnostics);
    }
    let mut federated = federation::apply(scanned, config);
    diagnostics.extend(federated.diagnostics.iter().cloned());
    let mut analyzed = analysis::analyze(&federated.graph, config);
    diagnostics.extend(analyzed.diagnostics.iter().cloned());
    let elsewhere = match used_elsewhere(config) {
        Ok(e) => e,
        Err(d) => {
            diagnostics.push(*d);
            Default::default()
        }
    };
    diagnostics.sort();
    if diagnostics.has_errors() {
        return (None, diagnostics);
    }
    let mut report = analysis::share_usage::share_usage_report(&federated.graph, &analyzed.exports);
    // What `build` would shake, for the sizes.
    let shaken = analysis::shared_shaking::shake_shared(
        &mut federated.graph,
        &mut analyzed.exports,
        config,
        &elsewhere,
    );
    analysis::share_usage::add_shaking(&mut report, &federated.graph, &shaken);
    report["performance_metrics"]["analysis_duration_ms"] =
        serde_json::json!(start.elapsed().as_millis() as u64);
    report["performance_metrics"]["peak_rss_bytes"] = serde_json::json!(peak_rss_bytes());
    (Some(report), diagnostics)
}

/// `--shared-used-exports`, read (empty without it).
fn used_elsewhere(
    config: &BuildConfig,
) -> Result<analysis::shared_shaking::UsedElsewhere, Box<Diagnostic>> {
    match &config.shared_used_exports {
        None => Ok(Default::default()),
        Some(p) => analysis::shared_shaking::UsedElsewhere::read(p, &display_path(&config.root, p)),
    }
}

/// The process's peak resident set size (Linux `VmHWM`), if known.
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
