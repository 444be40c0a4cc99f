//! The command line: argument parsing, terminal output, JSON output, exit codes.
//! Exit codes: 0 success (warnings allowed), 1 build errors, 2 usage or configuration errors.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::config::{self, CliOverrides, Mode, Target, display_path};
use crate::diagnostics::{Diagnostic, Diagnostics, render};
use crate::pipeline::{self, BuildOutcome};
use crate::report::{TerminalProgress, print_diagnostics, print_table, print_timings, result_json};

#[derive(Parser, Debug)]
#[command(
    name = "mfbundle",
    version,
    about = "A JavaScript bundler with Module Federation built in"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the project in DIR (default: the current directory) from its federation.toml.
    Build(BuildArgs),
    /// Report, for every shared module, which exports are provided, imported and really used,
    /// and what could be eliminated. Writes no chunks.
    Analyze(AnalyzeArgs),
    /// Serve each project in DIR ... (default: the current directory) from memory, built in
    /// development mode, and reload its pages when a rebuild succeeds (errors show over the
    /// page). Each project on its own port: --port, [devServer] port, or 8080 and up.
    Dev(DevArgs),
    /// Fetch each remote's TypeScript types (its @mf-types.zip, found through its
    /// mf-manifest.json or next to its remote entry) into DIR/@mf-types/<remote>/.
    Types(TypesArgs),
}

#[derive(clap::Args, Debug)]
pub struct TypesArgs {
    /// Project directory holding federation.toml.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Configuration file (default: DIR/federation.toml).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Print the result as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args, Debug)]
pub struct DevArgs {
    /// Project directories holding federation.toml (a host and its remotes).
    pub dirs: Vec<PathBuf>,
    /// The first project's port (the next ones count up from it).
    #[arg(long)]
    pub port: Option<u16>,
    /// The address to listen on (default: [devServer] host, or 127.0.0.1).
    #[arg(long)]
    pub host: Option<String>,
    /// production or development (the default).
    #[arg(long, value_enum)]
    pub mode: Option<ModeArg>,
    /// One JSON line per event (listening, build) on stdout.
    #[arg(long)]
    pub json: bool,
    /// Open the first project's page in the browser once it is built ($BROWSER, else the
    /// system's opener), as `[devServer] open = true` does for each project.
    #[arg(long)]
    pub open: bool,
    /// Neither read nor write the persistent cache (on by default in `dev`; as
    /// `cache = false`).
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(clap::Args, Debug)]
pub struct AnalyzeArgs {
    /// Project directory holding federation.toml.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Configuration file (default: DIR/federation.toml).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Write the report (share-usage.json format) to stdout or to FILE instead of the table.
    #[arg(long, num_args = 0..=1, default_missing_value = "-", value_name = "FILE")]
    pub json: Option<String>,
    /// Union the used exports of several apps' reports (per share scope, key and version)
    /// instead of analysing DIR: the input of cross-app shaking.
    #[arg(long, num_args = 1.., value_name = "REPORT")]
    pub merge: Vec<PathBuf>,
    /// Write a self-contained HTML page picturing each shared module's exports by usage.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Where --merge writes the union (default: stdout).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The union of several apps' used exports, as for `build`: the shaken sizes then count
    /// what the other apps need too.
    #[arg(long, value_name = "UNION.json")]
    pub shared_used_exports: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    /// Project directory holding federation.toml.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Configuration file (default: DIR/federation.toml).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Output directory (default: outDir from the config, or DIR/dist).
    #[arg(long)]
    pub out_dir: Option<PathBuf>,
    /// Empty outDir even when it holds files mfbundle did not write (as `emptyOutDir = true`).
    /// The project directory, directories holding its sources or configuration, a
    /// package.json or .git, `/` and the home directory are refused all the same.
    #[arg(long)]
    pub empty_out_dir: bool,
    #[arg(long, value_enum)]
    pub mode: Option<ModeArg>,
    #[arg(long, value_enum)]
    pub target: Option<TargetArg>,
    /// Print the result as JSON, to stdout or to FILE.
    #[arg(long, num_args = 0..=1, default_missing_value = "-", value_name = "FILE")]
    pub json: Option<String>,
    /// Print only diagnostics.
    #[arg(long, short)]
    pub quiet: bool,
    /// Treat federation warnings (version conflicts, unused shared keys) as errors.
    #[arg(long)]
    pub strict_federation: bool,
    /// Treat optional requests that do not resolve (MF1010: in a try block, with a
    /// rejection handler, or declared optional by their package) as errors.
    #[arg(long)]
    pub strict_optional: bool,
    /// Write readable JavaScript in production too (production builds minify by default).
    #[arg(long)]
    pub no_minify: bool,
    /// Registry ids: short numbers (production's default) or project paths (development's),
    /// as `moduleIds` in federation.toml.
    #[arg(long, value_enum, value_name = "KIND")]
    pub module_ids: Option<ModuleIdsArg>,
    /// Print the time of each stage (to stderr).
    #[arg(long)]
    pub timings: bool,
    /// The union of several apps' used exports (`mfbundle analyze --merge ... -o FILE`):
    /// copies of `treeShaking` shared modules keep these exports too.
    #[arg(long, value_name = "UNION.json")]
    pub shared_used_exports: Option<PathBuf>,
    /// Write a source map (`.map`) next to every JavaScript file.
    #[arg(long)]
    pub sourcemap: bool,
    /// Build, then rebuild whenever a file the build read changes, until Ctrl-C. A failed
    /// rebuild leaves outDir as the last good build; with --json, one JSON line per build.
    #[arg(long)]
    pub watch: bool,
    /// Keep module code under node_modules/.cache/mfbundle for the next build (as
    /// `cache = true`).
    #[arg(long, conflicts_with = "no_cache")]
    pub cache: bool,
    /// Neither read nor write the persistent cache (as `cache = false`).
    #[arg(long)]
    pub no_cache: bool,
    /// Where the persistent cache lives (as `cacheDir`; default
    /// node_modules/.cache/mfbundle).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum ModuleIdsArg {
    Named,
    Deterministic,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum ModeArg {
    Production,
    Development,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum TargetArg {
    Web,
    Node,
}

pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Build(args) => build(args),
        Command::Analyze(args) => analyze(args),
        Command::Types(args) => types(args),
        Command::Dev(args) => crate::dev::run(&crate::dev::DevArgs {
            dirs: args.dirs,
            port: args.port,
            host: args.host,
            mode: args.mode.map(|m| match m {
                ModeArg::Production => Mode::Production,
                ModeArg::Development => Mode::Development,
            }),
            json: args.json,
            open: args.open,
            no_cache: args.no_cache,
        }),
    }
}

/// The configuration of `dir`, or None after printing why it cannot be loaded (exit 2).
fn load_or_report(dir: &std::path::Path, overrides: &CliOverrides) -> Option<config::BuildConfig> {
    match config::load(dir, overrides) {
        Ok(c) => Some(c),
        Err(errors) => {
            let mut ds = Diagnostics::default();
            ds.extend(errors);
            report(&ds, None, None, None);
            None
        }
    }
}

/// `mfbundle types`: fetches the remotes' types; warnings for the ones that cannot be had,
/// exit 0 unless the configuration is wrong.
fn types(args: TypesArgs) -> i32 {
    let overrides = CliOverrides {
        config: args.config.clone(),
        ..Default::default()
    };
    let Some(config) = load_or_report(&args.dir, &overrides) else {
        return 2;
    };
    let results = fetch_types(&config, !args.json);
    if args.json {
        let text = serde_json::to_string_pretty(&serde_json::json!({ "remotes": results }))
            .unwrap_or_default();
        println!("{text}");
    }
    0
}

/// Fetches the remotes' types of `config`, printing warnings (and with `lines`, one line
/// per remote and the tsconfig hint).
fn fetch_types(config: &config::BuildConfig, lines: bool) -> Vec<crate::remote_types::RemoteTypes> {
    let (results, warnings) = crate::remote_types::consume(config);
    let mut ds = Diagnostics::default();
    ds.extend(warnings);
    print_diagnostics(&ds);
    if lines {
        let mut err = std::io::stderr().lock();
        for r in &results {
            let folder = format!("{}/{}", crate::remote_types::TYPES_DIR, r.remote);
            let _ = match (r.status, &r.zip_url) {
                ("fetched", Some(url)) => writeln!(
                    err,
                    "{}: {} files from {url} -> {folder}/",
                    r.remote, r.files
                ),
                ("kept", _) => writeln!(
                    err,
                    "{}: kept the last types ({} files in {folder}/)",
                    r.remote, r.files
                ),
                _ => writeln!(err, "{}: publishes no types", r.remote),
            };
        }
        if results.iter().any(|r| r.files > 0)
            && let Some(hint) = crate::remote_types::tsconfig_hint(&config.root)
        {
            let _ = writeln!(err, "note: {hint}");
        }
    }
    results
}

fn analyze(args: AnalyzeArgs) -> i32 {
    if !args.merge.is_empty() {
        return merge_reports(&args.merge, args.output.as_deref());
    }
    let overrides = CliOverrides {
        config: args.config.clone(),
        shared_used_exports: args.shared_used_exports.clone(),
        ..Default::default()
    };
    let Some(config) = load_or_report(&args.dir, &overrides) else {
        return 2;
    };
    let (result, diagnostics) = pipeline::analyze(&config, &crate::graph::NoProgress);
    let mut err = std::io::stderr().lock();
    for d in diagnostics.iter() {
        let _ = writeln!(err, "{}", render(d));
    }
    let Some(result) = result else {
        let config_error = diagnostics
            .iter()
            .any(|d| d.is_error() && d.code.is_config());
        return if config_error { 2 } else { 1 };
    };
    if let Some(path) = &args.html
        && let Err(e) = std::fs::write(path, crate::analysis::share_usage::render_html(&result))
    {
        let _ = writeln!(
            err,
            "error[{}]: cannot write {}: {e}",
            crate::diagnostics::Code::WriteFailed.as_str(),
            path.display()
        );
        return 1;
    }
    match args.json.as_deref() {
        None => print!("{}", crate::analysis::share_usage::render_table(&result)),
        Some(target) => {
            let text = serde_json::to_string_pretty(&result).unwrap_or_default() + "\n";
            if target == "-" {
                let _ = std::io::stdout().write_all(text.as_bytes());
            } else if let Err(e) = std::fs::write(target, text) {
                let _ = writeln!(err, "error: cannot write {target}: {e}");
                return 1;
            }
        }
    }
    0
}

/// `--x` / `--no-x`: `Some(true)`, `Some(false)`, or `None` when neither is given.
fn flag(on: bool, off: bool) -> Option<bool> {
    if off { Some(false) } else { on.then_some(true) }
}

/// The configuration overrides that `build`'s options make.
fn build_overrides(args: &BuildArgs) -> CliOverrides {
    CliOverrides {
        config: args.config.clone(),
        out_dir: args.out_dir.clone(),
        empty_out_dir: args.empty_out_dir,
        mode: args.mode.map(|m| match m {
            ModeArg::Production => Mode::Production,
            ModeArg::Development => Mode::Development,
        }),
        target: args.target.map(|t| match t {
            TargetArg::Web => Target::Web,
            TargetArg::Node => Target::Node,
        }),
        strict_federation: args.strict_federation,
        strict_optional: args.strict_optional,
        no_minify: args.no_minify,
        module_ids: args.module_ids.map(|k| match k {
            ModuleIdsArg::Named => crate::config::ModuleIds::Named,
            ModuleIdsArg::Deterministic => crate::config::ModuleIds::Deterministic,
        }),
        // Only what is shown is measured: the table (a terminal) or --json.
        compressed_sizes: !args.watch
            && (args.json.is_some() || (!args.quiet && std::io::stderr().is_terminal())),
        shared_used_exports: args.shared_used_exports.clone(),
        sourcemap: args.sourcemap,
        // Hot updates need `mfbundle dev`'s server.
        hot: false,
        cache: flag(args.cache, args.no_cache),
        cache_by_default: false,
        cache_dir: args.cache_dir.clone(),
    }
}

fn build(args: BuildArgs) -> i32 {
    let overrides = build_overrides(&args);
    if args.watch {
        return crate::watch::run(&crate::watch::WatchArgs {
            dir: args.dir.clone(),
            overrides,
            json: args.json.clone(),
            quiet: args.quiet,
            timings: args.timings,
        });
    }
    let interactive = !args.quiet && args.json.is_none() && std::io::stderr().is_terminal();
    let config = match config::load(&args.dir, &overrides) {
        Ok(c) => c,
        Err(errors) => {
            let mut ds = Diagnostics::default();
            ds.extend(errors);
            report(&ds, args.json.as_deref(), None, None);
            return 2;
        }
    };
    let progress = TerminalProgress {
        enabled: interactive,
    };
    let outcome = pipeline::build(&config, &progress);
    if interactive {
        eprint!("\r\x1b[2K");
    }
    let out_dir = display_path(&config.root, &config.out_dir);
    report(
        &outcome.diagnostics,
        args.json.as_deref(),
        Some(&outcome),
        Some(&out_dir),
    );
    if interactive && outcome.success() {
        print_table(&outcome, &out_dir);
    }
    if args.timings {
        print_timings(&outcome);
    }
    // `types = true` in a host: its remotes' types too (`mfbundle types` alone does only this).
    if outcome.success() && config.types.consume && !config.containers.remotes.is_empty() {
        fetch_types(&config, !args.quiet && args.json.is_none());
    }
    exit_code(&outcome)
}

fn exit_code(outcome: &BuildOutcome) -> i32 {
    if outcome.success() {
        0
    } else if outcome
        .diagnostics
        .iter()
        .any(|d: &Diagnostic| d.is_error() && d.code.is_config())
    {
        2
    } else {
        1
    }
}

fn report(
    diagnostics: &Diagnostics,
    json: Option<&str>,
    outcome: Option<&BuildOutcome>,
    out_dir: Option<&str>,
) {
    print_diagnostics(diagnostics);
    let Some(target) = json else { return };
    let value = result_json(diagnostics, outcome, out_dir);
    let text = serde_json::to_string_pretty(&value).unwrap_or_default() + "\n";
    if target == "-" {
        let _ = std::io::stdout().write_all(text.as_bytes());
    } else if let Err(e) = std::fs::write(target, text) {
        let _ = writeln!(std::io::stderr(), "error: cannot write {target}: {e}");
    }
}

fn merge_reports(inputs: &[PathBuf], output: Option<&std::path::Path>) -> i32 {
    let mut reports = Vec::new();
    for path in inputs {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!(
                    "error[{}]: cannot read {}: {e}",
                    crate::diagnostics::Code::ReadFailed.as_str(),
                    path.display()
                );
                return 1;
            }
        };
        match crate::analysis::share_usage::parse_report(&text) {
            Some(v) => reports.push((path.display().to_string(), v)),
            None => {
                eprintln!(
                    "error[{}]: {} is not a share-usage report\n  = hint: write one with mfbundle analyze --json FILE",
                    crate::diagnostics::Code::ConfigInvalid.as_str(),
                    path.display()
                );
                return 2;
            }
        }
    }
    let union = crate::analysis::share_usage::merge(&reports);
    let text = serde_json::to_string_pretty(&union).unwrap_or_default() + "\n";
    match output {
        None => {
            print!("{text}");
            0
        }
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!(
                    "error[{}]: cannot write {}: {e}",
                    crate::diagnostics::Code::WriteFailed.as_str(),
                    path.display()
                );
                1
            }
        },
    }
}
