//! `mfbundle build --watch`: build, then rebuild whenever a file the build depends on
//! changes, until Ctrl-C or SIGTERM (exit status 0).
//!
//! - What is watched: every file the last build read (modules, JSON included), the
//!   configuration file, `--shared-used-exports`, and the `package.json` and `tsconfig.json`
//!   files on the way from each module's directory up to its package's root. The watches are
//!   on those files' directories (editors often replace a file by renaming a new one over it);
//!   events for other files there count only when a source-like file (`.js`, `.ts`, `.json`,
//!   ...) appears or disappears, which may fix or break an import.
//! - Each rebuild reloads the configuration and runs the whole pipeline, reusing the parses
//!   of unchanged files ([`ParseCache`]); it prints its time and how many modules it parsed
//!   and reused, to stderr.
//! - A build that fails prints its diagnostics and leaves outDir as it was (the writer only
//!   replaces it after a successful build); the next change builds again.
//! - Bursts of events (an editor's save, a `git checkout`) are debounced: the rebuild starts
//!   once no event came for [`QUIET`].
//! - File events come from the platform (inotify, FSEvents, ...); where that is not
//!   available, or the system's limit of watches is reached, or `MFBUNDLE_WATCH_POLL=1` is
//!   set, the directories are polled.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use notify::event::{EventKind, MetadataKind, ModifyKind};
use notify::{RecursiveMode, Watcher};

use crate::config::{self, BuildConfig, CliOverrides, display_path};
use crate::diagnostics::{Code, Diagnostics};
use crate::graph::cache::CacheStats;
use crate::pipeline::BuildCache;
use crate::pipeline::{self, BuildOutcome};
use crate::report::{self, TerminalProgress};

/// How long the files must stay quiet before a rebuild starts.
pub const QUIET: Duration = Duration::from_millis(80);
/// A burst of events longer than this rebuilds anyway, then goes on watching.
const MAX_DEBOUNCE: Duration = Duration::from_secs(2);
/// Polling interval where native file events are not available.
const POLL_INTERVAL: Duration = Duration::from_millis(300);
/// Set (to anything but `0`) to poll even where native file events work: for network
/// filesystems and containers whose mounts do not deliver events.
pub const POLL_ENV: &str = "MFBUNDLE_WATCH_POLL";

enum Message {
    Files(notify::Result<notify::Event>),
    Stop,
}

/// Runs `build --watch`; returns the exit status (0 when stopped by a signal).
/// What `build --watch` needs of the command line.
pub struct WatchArgs {
    pub dir: PathBuf,
    pub overrides: CliOverrides,
    pub json: Option<String>,
    pub quiet: bool,
    pub timings: bool,
}

pub fn run(args: &WatchArgs) -> i32 {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let dir = cwd.join(&args.dir);
    if !dir.is_dir() {
        // Nothing to watch: the same diagnostic and status as `build`.
        let mut ds = Diagnostics::default();
        if let Err(errors) = config::load(&args.dir, &args.overrides) {
            ds.extend(errors);
        }
        report::print_diagnostics(&ds);
        let json = JsonOut::open(args.json.as_deref());
        json.line(report::result_json(&ds, None, None), 1, None, &[], &dir);
        return 2;
    }
    let dir = canonical(&dir);
    let (tx, rx) = channel();
    let stop = tx.clone();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = stop.send(Message::Stop);
    }) {
        eprintln!(
            "[watch] warning: cannot handle Ctrl-C/SIGTERM ({e}); the default action applies"
        );
    }
    let mut session = Session {
        args,
        dir,
        cache: BuildCache::default(),
        json: JsonOut::open(args.json.as_deref()),
        watcher: FileWatcher::new(tx),
        relevant: HashSet::new(),
        out_dir: None,
        builds: 0,
        last_good: None,
    };
    let mut changed = Vec::new();
    loop {
        let refused = session.build(&changed);
        if refused && session.builds == 1 {
            // An outDir that may not be replaced is refused before any work, as `build`
            // refuses it: there is nothing to watch for.
            return 2;
        }
        match session.wait(&rx) {
            Some(c) => changed = c,
            None => {
                if !args.quiet {
                    eprintln!("[watch] stopped");
                }
                return 0;
            }
        }
    }
}

struct Session<'a> {
    args: &'a WatchArgs,
    dir: PathBuf,
    cache: BuildCache,
    json: JsonOut,
    watcher: FileWatcher,
    /// The files whose change starts a rebuild (canonical paths).
    relevant: HashSet<PathBuf>,
    /// The last configuration's outDir: events there are the build's own writes.
    out_dir: Option<PathBuf>,
    builds: usize,
    /// The number of the last build that wrote outDir.
    last_good: Option<usize>,
}

impl Session<'_> {
    /// Builds once; true if outDir was refused (MF2006/MF2007).
    fn build(&mut self, changed: &[PathBuf]) -> bool {
        self.builds += 1;
        let n = self.builds;
        let start = Instant::now();
        let config = match config::load(&self.dir, &self.args.overrides) {
            Ok(c) => c,
            Err(errors) => {
                let mut ds = Diagnostics::default();
                ds.extend(errors);
                report::print_diagnostics(&ds);
                self.json.line(
                    report::result_json(&ds, None, None),
                    n,
                    None,
                    changed,
                    &self.dir,
                );
                // Watch the configuration file (at least) for the fix.
                let config_file = match &self.args.overrides.config {
                    Some(c) => std::env::current_dir().unwrap_or_default().join(c),
                    None => self.dir.join("federation.toml"),
                };
                self.relevant.insert(canonical(&config_file));
                self.update_watches();
                if !self.args.quiet {
                    eprintln!(
                        "[watch] build {n} failed in {} ms{}: the configuration has errors; {}",
                        start.elapsed().as_millis(),
                        changed_note(changed, &self.dir),
                        self.kept_note()
                    );
                }
                return false;
            }
        };
        let interactive =
            !self.args.quiet && self.args.json.is_none() && std::io::stderr().is_terminal();
        let progress = TerminalProgress {
            enabled: interactive,
        };
        if n == 1 && config.cache {
            self.cache = BuildCache::for_config(&config);
        }
        self.cache.begin_build(&config);
        let mut outcome = pipeline::build_cached(&config, &progress, Some(&self.cache));
        let stats = self.cache.end_build(outcome.success());
        if outcome.success()
            && let Err(e) = self.cache.save(&config, false)
        {
            outcome
                .diagnostics
                .push(pipeline::cache_write_warning(&config, &e));
        }
        if interactive {
            eprint!("\r\x1b[2K");
        }
        let out_dir = display_path(&config.root, &config.out_dir);
        report::print_diagnostics(&outcome.diagnostics);
        self.json.line(
            report::result_json(&outcome.diagnostics, Some(&outcome), Some(&out_dir)),
            n,
            Some(stats),
            changed,
            &config.root,
        );
        if self.args.timings {
            report::print_timings(&outcome);
        }

        let files = self.files_to_watch(&config);
        if outcome.success() || self.relevant.is_empty() {
            self.relevant = files;
        } else {
            // A failed build may have stopped before reading every file: keep watching the
            // ones the last builds read too.
            self.relevant.extend(files);
        }
        self.out_dir = Some(canonical(&config.out_dir));
        self.update_watches();

        if outcome.success() {
            self.last_good = Some(n);
        }
        if !self.args.quiet || !outcome.success() {
            eprintln!("{}", self.summary(n, &outcome, stats, changed, &config));
        }
        outcome
            .diagnostics
            .iter()
            .any(|d| d.is_error() && matches!(d.code, Code::OutDirNotOwned | Code::OutDirProtected))
    }

    fn summary(
        &self,
        n: usize,
        outcome: &BuildOutcome,
        stats: CacheStats,
        changed: &[PathBuf],
        config: &BuildConfig,
    ) -> String {
        let counts = format!(
            "{} module{}: {} parsed, {} reused",
            outcome.module_count,
            if outcome.module_count == 1 { "" } else { "s" },
            stats.parsed,
            stats.reused
        );
        let changed = changed_note(changed, &config.root);
        let ms = outcome.elapsed.as_millis();
        if outcome.success() {
            let mut line = format!("[watch] build {n} ok in {ms} ms{changed} ({counts})");
            if n == 1 {
                line.push_str(&format!(
                    "; watching {} files (Ctrl-C to stop)",
                    self.relevant.len()
                ));
            }
            line
        } else {
            format!(
                "[watch] build {n} failed in {ms} ms{changed} ({counts}); {}",
                self.kept_note()
            )
        }
    }

    fn kept_note(&self) -> String {
        match self.last_good {
            Some(g) => format!("outDir keeps build {g}; waiting for changes"),
            None => "nothing was written; waiting for changes".into(),
        }
    }

    /// Every file whose change may change the build's result.
    fn files_to_watch(&self, config: &BuildConfig) -> HashSet<PathBuf> {
        let mut files: HashSet<PathBuf> = HashSet::new();
        files.insert(canonical(&config.config_file));
        if let Some(crate::config::Html::Template { path, .. }) = &config.html {
            files.insert(canonical(path));
        }
        if let Some(p) = &config.shared_used_exports {
            files.insert(canonical(p));
        }
        let read = self.cache.parse.files_read();
        // package.json and tsconfig.json files from each directory up to its package's root
        // (or the filesystem's root): they decide module types, resolution and versions.
        let mut seen_dirs: HashSet<PathBuf> = HashSet::new();
        let dirs: BTreeSet<PathBuf> = read
            .iter()
            .filter_map(|p| p.parent().map(Path::to_path_buf))
            .chain(std::iter::once(config.root.clone()))
            .collect();
        for dir in dirs {
            for ancestor in dir.ancestors() {
                if !seen_dirs.insert(ancestor.to_path_buf()) {
                    break;
                }
                let tsconfig = ancestor.join("tsconfig.json");
                if tsconfig.is_file() {
                    files.insert(canonical(&tsconfig));
                }
                let package = ancestor.join("package.json");
                if package.is_file() {
                    files.insert(canonical(&package));
                    break;
                }
            }
        }
        files.extend(read.iter().map(|p| canonical(p)));
        files
    }

    fn update_watches(&mut self) {
        let dirs: HashSet<PathBuf> = self
            .relevant
            .iter()
            .filter_map(|p| p.parent().map(Path::to_path_buf))
            .filter(|d| d.is_dir())
            .collect();
        self.watcher.set_dirs(dirs);
    }

    /// Waits for a change that needs a rebuild, then for the burst to end. Returns the
    /// changed files (sorted), or `None` when told to stop.
    fn wait(&mut self, rx: &Receiver<Message>) -> Option<Vec<PathBuf>> {
        let mut changed: BTreeSet<PathBuf> = BTreeSet::new();
        loop {
            match rx.recv() {
                Ok(Message::Stop) | Err(_) => return None,
                Ok(Message::Files(event)) => {
                    if self.note(event, &mut changed) {
                        break;
                    }
                }
            }
        }
        let burst = Instant::now();
        let mut quiet_since = Instant::now();
        while burst.elapsed() < MAX_DEBOUNCE {
            let left = QUIET.saturating_sub(quiet_since.elapsed());
            if left.is_zero() {
                break;
            }
            match rx.recv_timeout(left) {
                Ok(Message::Stop) => return None,
                Ok(Message::Files(event)) => {
                    if self.note(event, &mut changed) {
                        quiet_since = Instant::now();
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        Some(changed.into_iter().collect())
    }

    /// Adds the files of `event` that need a rebuild to `changed`; true if there were any.
    fn note(
        &mut self,
        event: notify::Result<notify::Event>,
        changed: &mut BTreeSet<PathBuf>,
    ) -> bool {
        let event = match event {
            Ok(e) => e,
            Err(e) => {
                if !self.args.quiet {
                    eprintln!("[watch] warning: file watching: {e}");
                }
                if matches!(e.kind, notify::ErrorKind::MaxFilesWatch) {
                    self.watcher.fall_back_to_polling();
                }
                return false;
            }
        };
        let structural = match event.kind {
            // Opening and reading (the build itself does) and metadata other than the
            // modification time change nothing.
            EventKind::Access(_) => return false,
            EventKind::Modify(ModifyKind::Metadata(m)) if m != MetadataKind::WriteTime => {
                return false;
            }
            EventKind::Create(_)
            | EventKind::Remove(_)
            | EventKind::Modify(ModifyKind::Name(_)) => true,
            _ => false,
        };
        let mut any = false;
        for path in event.paths {
            if self.is_output(&path) {
                continue;
            }
            // A watched directory removed or renamed away (`git checkout`, `rm -r`): the
            // next build watches the one at that path again, if there is one.
            let lost_dir = structural && self.watcher.forget(&path);
            // A directory that appears may hold files an import now finds.
            let new_dir = structural && path.is_dir() && !is_hidden(&path);
            if self.relevant.contains(&path)
                || lost_dir
                || new_dir
                || (structural && is_source_like(&path))
            {
                changed.insert(path);
                any = true;
            }
        }
        any
    }

    /// Paths the build writes: outDir and the writer's staging directories beside it.
    fn is_output(&self, path: &Path) -> bool {
        let Some(out) = &self.out_dir else {
            return false;
        };
        if path.starts_with(out) {
            return true;
        }
        let (Some(name), Some(parent)) = (out.file_name(), out.parent()) else {
            return false;
        };
        let prefix = format!(".{}.mfbundle-", name.to_string_lossy());
        path.strip_prefix(parent)
            .ok()
            .and_then(|rest| rest.components().next())
            .is_some_and(|c| c.as_os_str().to_string_lossy().starts_with(&prefix))
    }
}

/// ` after a change to a, b` for the summary line.
fn changed_note(changed: &[PathBuf], root: &Path) -> String {
    if changed.is_empty() {
        return String::new();
    }
    const SHOWN: usize = 3;
    let mut names: Vec<String> = changed
        .iter()
        .take(SHOWN)
        .map(|p| display_path(root, p))
        .collect();
    if changed.len() > SHOWN {
        names.push(format!("{} more", changed.len() - SHOWN));
    }
    format!(" after a change to {}", names.join(", "))
}

/// A file that an import may resolve to, or that decides resolution.
fn is_source_like(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name == "package.json" || name == "tsconfig.json" || name.starts_with('.') {
        return name == "package.json" || name == "tsconfig.json";
    }
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("js" | "mjs" | "cjs" | "jsx" | "ts" | "mts" | "cts" | "tsx" | "json")
    )
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// `--json` in watch mode: one compact line per build, to stdout or appended to FILE
/// (emptied when the watch starts).
struct JsonOut {
    target: Option<String>,
}

impl JsonOut {
    fn open(target: Option<&str>) -> JsonOut {
        if let Some(t) = target
            && t != "-"
            && let Err(e) = std::fs::write(t, "")
        {
            eprintln!("error: cannot write {t}: {e}");
        }
        JsonOut {
            target: target.map(String::from),
        }
    }

    fn line(
        &self,
        mut value: serde_json::Value,
        build: usize,
        stats: Option<CacheStats>,
        changed: &[PathBuf],
        root: &Path,
    ) {
        let Some(target) = &self.target else { return };
        value["watch"] = serde_json::json!({
            "build": build,
            "parsed": stats.map(|s| s.parsed),
            "reused": stats.map(|s| s.reused),
            "changed": changed.iter().map(|p| display_path(root, p)).collect::<Vec<_>>(),
        });
        let text = serde_json::to_string(&value).unwrap_or_default() + "\n";
        if target == "-" {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
        } else {
            let appended = std::fs::OpenOptions::new()
                .append(true)
                .create(true)
                .open(target)
                .and_then(|mut f| f.write_all(text.as_bytes()));
            if let Err(e) = appended {
                eprintln!("error: cannot write {target}: {e}");
            }
        }
    }
}

/// The platform's file watcher, or a polling one; watches directories, non-recursively.
struct FileWatcher {
    inner: Option<Box<dyn Watcher + Send>>,
    polling: bool,
    tx: Sender<Message>,
    dirs: HashSet<PathBuf>,
    /// Directories that could not be watched, reported once each.
    failed: HashMap<PathBuf, String>,
}

impl FileWatcher {
    fn new(tx: Sender<Message>) -> FileWatcher {
        let mut w = FileWatcher {
            inner: None,
            polling: false,
            tx,
            dirs: HashSet::new(),
            failed: HashMap::new(),
        };
        if std::env::var_os(POLL_ENV).is_some_and(|v| !v.is_empty() && v != "0") {
            eprintln!(
                "[watch] polling every {} ms ({POLL_ENV} is set)",
                POLL_INTERVAL.as_millis()
            );
            w.start_polling();
            return w;
        }
        let events = w.tx.clone();
        match notify::recommended_watcher(move |e| {
            let _ = events.send(Message::Files(e));
        }) {
            Ok(native) => w.inner = Some(Box::new(native)),
            Err(e) => {
                eprintln!("[watch] native file events are not available ({e}); polling instead");
                w.start_polling();
            }
        }
        w
    }

    fn start_polling(&mut self) {
        self.polling = true;
        let events = self.tx.clone();
        // notify's poller keeps modification times in whole seconds: without comparing
        // contents, a second edit within the same second would go unseen.
        let config = notify::Config::default()
            .with_poll_interval(POLL_INTERVAL)
            .with_compare_contents(true);
        match notify::PollWatcher::new(
            move |e| {
                let _ = events.send(Message::Files(e));
            },
            config,
        ) {
            Ok(p) => self.inner = Some(Box::new(p)),
            Err(e) => {
                eprintln!("[watch] error: cannot watch files ({e}); changes will not be seen");
                self.inner = None;
            }
        }
    }

    fn fall_back_to_polling(&mut self) {
        if self.polling {
            return;
        }
        eprintln!(
            "[watch] the system's limit of file watches is reached (on Linux: sysctl fs.inotify.max_user_watches); polling instead"
        );
        self.start_polling();
        let dirs = std::mem::take(&mut self.dirs);
        self.failed.clear();
        self.set_dirs(dirs);
    }

    /// Forgets `dir` if it was watched (it was removed or moved); true if it was.
    fn forget(&mut self, dir: &Path) -> bool {
        if !self.dirs.remove(dir) {
            return false;
        }
        if let Some(inner) = self.inner.as_mut() {
            let _ = inner.unwatch(dir);
        }
        true
    }

    fn set_dirs(&mut self, dirs: HashSet<PathBuf>) {
        let Some(inner) = self.inner.as_mut() else {
            return;
        };
        for gone in self.dirs.difference(&dirs) {
            let _ = inner.unwatch(gone);
        }
        let mut limit_reached = false;
        let mut watched = HashSet::new();
        for dir in dirs {
            if self.dirs.contains(&dir) {
                watched.insert(dir);
                continue;
            }
            match inner.watch(&dir, RecursiveMode::NonRecursive) {
                Ok(()) => {
                    self.failed.remove(&dir);
                    watched.insert(dir);
                }
                Err(e) => {
                    if matches!(e.kind, notify::ErrorKind::MaxFilesWatch) && !self.polling {
                        limit_reached = true;
                    }
                    let message = e.to_string();
                    if self.failed.get(&dir) != Some(&message) {
                        eprintln!("[watch] warning: cannot watch {}: {message}", dir.display());
                        self.failed.insert(dir, message);
                    }
                }
            }
        }
        self.dirs = watched;
        if limit_reached {
            let mut all = std::mem::take(&mut self.dirs);
            all.extend(self.failed.drain().map(|(dir, _)| dir));
            self.fall_back_to_polling();
            self.set_dirs(all);
        }
    }
}
