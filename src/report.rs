//! What a build tells its user: scanning progress, diagnostics, the `--json` result, the
//! table of written files and `--timings`. Used by `build` (cli.rs) and `build --watch`
//! (watch.rs).

use std::io::Write;

use crate::diagnostics::{Diagnostics, render};
use crate::graph::Progress;
use crate::pipeline::BuildOutcome;

pub struct TerminalProgress {
    pub enabled: bool,
}

impl Progress for TerminalProgress {
    fn scanned(&self, found: usize, parsed: usize) {
        if self.enabled {
            let mut err = std::io::stderr().lock();
            let _ = write!(
                err,
                "\r\x1b[2Kscanning: {found} modules found, {parsed} parsed"
            );
            let _ = err.flush();
        }
    }
}

/// `--timings`: each stage's wall time, to stderr.
pub fn print_timings(outcome: &BuildOutcome) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "timings (ms):");
    for (stage, d) in &outcome.timings {
        let _ = writeln!(err, "  {stage:<30} {:>9.2}", d.as_secs_f64() * 1000.0);
    }
    let _ = writeln!(
        err,
        "  {:<30} {:>9.2}",
        "total",
        outcome.elapsed.as_secs_f64() * 1000.0
    );
}

/// Every diagnostic, rendered, then the failure line if there are errors (stderr).
pub fn print_diagnostics(diagnostics: &Diagnostics) {
    let mut err = std::io::stderr().lock();
    for d in diagnostics.iter() {
        let _ = writeln!(err, "{}", render(d));
    }
    if diagnostics.error_count() > 0 {
        let _ = writeln!(
            err,
            "build failed: {} error(s), {} warning(s); nothing was written",
            diagnostics.error_count(),
            diagnostics.warning_count()
        );
    }
}

/// The `--json` result object of a build.
pub fn result_json(
    diagnostics: &Diagnostics,
    outcome: Option<&BuildOutcome>,
    out_dir: Option<&str>,
) -> serde_json::Value {
    let mut value = serde_json::json!({
        "success": !diagnostics.has_errors(),
        "name": outcome.map(|o| &o.name),
        "outDir": out_dir,
        "modules": outcome.map(|o| o.module_count).unwrap_or(0),
        "files": outcome.map(|o| &o.files[..]).unwrap_or(&[]),
        "errors": diagnostics.error_count(),
        "warnings": diagnostics.warning_count(),
        "diagnostics": diagnostics,
        "durationMs": outcome.map(|o| o.elapsed.as_millis() as u64).unwrap_or(0),
    });
    if let Some(cache) = outcome.and_then(|o| o.cache.as_ref()) {
        value["cache"] = serde_json::json!(cache);
    }
    value
}

/// The written files, largest first, with their size and gzip'd size.
pub fn print_table(outcome: &BuildOutcome, out_dir: &str) {
    let width = outcome
        .files
        .iter()
        .map(|f| f.name.len() + out_dir.len() + 1)
        .max()
        .unwrap_or(0);
    let mut files: Vec<_> = outcome.files.iter().collect();
    files.sort_by(|a, b| b.size.cmp(&a.size).then_with(|| a.name.cmp(&b.name)));
    let mut out = std::io::stdout().lock();
    for f in files {
        let gzip = f
            .gzip_size
            .map(|g| format!("  gzip {:>10}", human_size(g)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:<width$}  {:>10}{gzip}",
            format!("{out_dir}/{}", f.name),
            human_size(f.size)
        );
    }
    let _ = writeln!(
        out,
        "built {} modules into {out_dir} in {} ms",
        outcome.module_count,
        outcome.elapsed.as_millis()
    );
}

fn human_size(n: u64) -> String {
    if n < 1024 {
        format!("{n} B")
    } else if n < 1024 * 1024 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{:.2} MiB", n as f64 / (1024.0 * 1024.0))
    }
}
