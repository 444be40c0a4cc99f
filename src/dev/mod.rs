//! `mfbundle dev [DIR ...]`: each project built in development mode into memory and served
//! over HTTP on its own port (loopback unless told otherwise), rebuilt when its files change.
//! The serve stage stands where `write` stands in `build`: generate's files are kept in memory
//! (`server.rs` serves them) instead of written to outDir, so `dev` never touches outDir.
//!
//! The page gets a small client (`client.js`, injected into `index.html`) that long-polls the
//! server: a successful rebuild reloads the page; a failed one shows its diagnostics over the
//! page while the last good build keeps being served. Hot module replacement is not there yet.

mod proxy;
mod server;

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::config::{self, BuildConfig, CliOverrides, Html, Mode, Target};
use crate::diagnostics::{Diagnostics, render};
use crate::graph::NoProgress;
use crate::graph::cache::ParseCache;
use crate::pipeline;

/// The port of the first project when neither `--port` nor `[devServer] port` gives one.
pub const DEFAULT_PORT: u16 = 8080;
/// How long the files must stay quiet before a rebuild starts.
const QUIET: Duration = Duration::from_millis(50);

/// What `mfbundle dev` needs of the command line.
pub struct DevArgs {
    pub dirs: Vec<PathBuf>,
    pub port: Option<u16>,
    pub host: Option<String>,
    pub mode: Option<Mode>,
    pub json: bool,
}

/// The latest build of a project, as the server hands it out.
pub struct Served {
    /// Counts builds (successful or not); the client compares it.
    pub build: u64,
    /// Whether the last build succeeded.
    pub ok: bool,
    /// The number of the build whose files are served (the last good one).
    pub good: u64,
    /// The last failed build's diagnostics, as the terminal shows them.
    pub errors: String,
    /// The last successful build's files, by path relative to outDir.
    pub files: HashMap<String, Arc<[u8]>>,
    /// What each recent build changed for a page that runs the build before it, oldest
    /// first (a page that missed more builds than this reloads).
    pub history: Vec<(u64, Update)>,
}

/// What a page must do to run a new build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Update {
    /// Nothing in the output changed (or the build failed: the page keeps the last good one).
    Nothing,
    /// Only these stylesheets changed: swapped in place, without a reload.
    Css(Vec<String>),
    /// Anything else: the page reloads.
    Reload,
}

/// How many builds [`Served::history`] keeps.
const HISTORY: usize = 64;

impl Served {
    /// What a page that runs build `since` must do to run the current one.
    pub fn update_since(&self, since: u64) -> Update {
        if since == self.build {
            return Update::Nothing;
        }
        // A page from before the server (re)started.
        if since > self.build {
            return Update::Reload;
        }
        if self.history.first().is_none_or(|(b, _)| *b > since + 1) {
            return Update::Reload;
        }
        let mut css: Vec<String> = Vec::new();
        for (_, u) in self.history.iter().filter(|(b, _)| *b > since) {
            match u {
                Update::Nothing => {}
                Update::Reload => return Update::Reload,
                Update::Css(names) => css.extend(names.iter().cloned()),
            }
        }
        css.sort();
        css.dedup();
        if css.is_empty() {
            Update::Nothing
        } else {
            Update::Css(css)
        }
    }

    fn record(&mut self, update: Update) {
        self.build += 1;
        self.history.push((self.build, update));
        if self.history.len() > HISTORY {
            self.history.remove(0);
        }
    }
}

/// What changed from `old` to `new`: nothing, stylesheets only, or more.
fn diff(old: &HashMap<String, Arc<[u8]>>, new: &HashMap<String, Arc<[u8]>>) -> Update {
    if old.is_empty() || old.len() != new.len() {
        return Update::Reload;
    }
    let mut css = Vec::new();
    for (name, bytes) in new {
        match old.get(name) {
            Some(before) if before == bytes => {}
            Some(_) if name.ends_with(".css") => css.push(name.clone()),
            _ => return Update::Reload,
        }
    }
    css.sort();
    if css.is_empty() {
        Update::Nothing
    } else {
        Update::Css(css)
    }
}

/// A project's state, shared by its watcher and its server.
pub struct Shared {
    pub served: Mutex<Served>,
    pub changed: Condvar,
    /// `[devServer] headers`, sent with every response.
    pub headers: Vec<(String, String)>,
    /// `[devServer] proxy`: path prefix -> target, longest prefix first.
    pub proxy: Vec<(String, String)>,
    /// The host the server was told to listen on, when it is not a loopback address: a
    /// `Host` it accepts besides this machine's loopback names.
    pub host: Option<String>,
}

struct Project {
    name: String,
    config: BuildConfig,
    overrides: CliOverrides,
    dir: PathBuf,
    cache: ParseCache,
    shared: Arc<Shared>,
}

/// Runs `mfbundle dev`; returns the exit status (servers run until the process is stopped).
pub fn run(args: &DevArgs) -> i32 {
    let dirs = if args.dirs.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.dirs.clone()
    };
    let overrides = CliOverrides {
        mode: Some(args.mode.unwrap_or(Mode::Development)),
        ..Default::default()
    };
    let mut projects = Vec::new();
    for (i, dir) in dirs.iter().enumerate() {
        let config = match load(dir, &overrides) {
            Ok(c) => c,
            Err(errors) => {
                let mut ds = Diagnostics::default();
                ds.extend(errors);
                crate::report::print_diagnostics(&ds);
                return 2;
            }
        };
        if let Some((prefix, target)) = config
            .dev_server
            .proxy
            .iter()
            .find(|(p, t)| !p.starts_with('/') || !t.starts_with("http://"))
        {
            eprintln!(
                "error: {}: [devServer] proxy \"{prefix}\" = \"{target}\": a path prefix starting with / and an http:// target",
                dir.display()
            );
            return 2;
        }
        if config.target != Target::Web {
            eprintln!(
                "error: {} builds for Node (target = \"node\"): `mfbundle dev` serves pages for the browser; use `mfbundle build --watch`",
                dir.display()
            );
            return 2;
        }
        let port = match (args.port, config.dev_server.port) {
            // Port 0: the system picks a free one for each.
            (Some(0), _) => 0,
            (Some(p), _) => p.saturating_add(i as u16),
            (None, Some(p)) => p,
            (None, None) => DEFAULT_PORT.saturating_add(i as u16),
        };
        let host = args
            .host
            .clone()
            .or_else(|| config.dev_server.host.clone())
            .unwrap_or_else(|| "127.0.0.1".to_string());
        let shared = Arc::new(Shared {
            served: Mutex::new(Served {
                build: 0,
                ok: false,
                good: 0,
                errors: "the first build has not finished".into(),
                files: HashMap::new(),
                history: Vec::new(),
            }),
            changed: Condvar::new(),
            headers: config.dev_server.headers.clone(),
            proxy: config.dev_server.proxy.clone(),
            host: (!is_loopback(&host)).then(|| host.clone()),
        });
        let name = config.build_name().value;
        let url = match server::start(&host, port, shared.clone()) {
            Ok(url) => url,
            Err(e) => {
                eprintln!("error: {name}: cannot listen on {host} port {port}: {e}");
                return 1;
            }
        };
        if args.json {
            json_line(serde_json::json!({ "event": "listening", "project": name, "url": url }));
        } else {
            eprintln!("[dev] {name}: {url}");
            if !is_loopback(&host) {
                eprintln!(
                    "[dev] {name}: listening on {host}, not loopback: other machines can reach it"
                );
            }
        }
        projects.push(Project {
            name,
            dir: config.root.clone(),
            config,
            overrides: overrides.clone(),
            cache: ParseCache::new(),
            shared,
        });
    }

    let (tx, rx) = channel();
    let mut watcher = match notify::recommended_watcher(move |e| {
        let _ = tx.send(e);
    }) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch files: {e}");
            return 1;
        }
    };
    for p in &projects {
        for (dir, mode) in watched_dirs(p) {
            if let Err(e) = watcher.watch(&dir, mode) {
                eprintln!("error: cannot watch {}: {e}", dir.display());
                return 1;
            }
        }
    }
    for p in &mut projects {
        rebuild(p, &[], args.json);
    }
    loop {
        let changed = wait(&rx, &projects);
        for p in &mut projects {
            let mine: Vec<PathBuf> = changed
                .iter()
                .filter(|c| c.starts_with(&p.dir))
                .cloned()
                .collect();
            if !mine.is_empty() {
                rebuild(p, &mine, args.json);
            }
        }
    }
}

/// The files that changed in a burst of events, once the files stay quiet for [`QUIET`].
fn wait(rx: &Receiver<notify::Result<notify::Event>>, projects: &[Project]) -> Vec<PathBuf> {
    let mut changed: Vec<PathBuf> = Vec::new();
    loop {
        let event = if changed.is_empty() {
            rx.recv().map_err(|_| RecvTimeoutError::Disconnected)
        } else {
            rx.recv_timeout(QUIET)
        };
        match event {
            Ok(Ok(e)) => {
                if matches!(e.kind, notify::EventKind::Access(_)) {
                    continue;
                }
                for path in e.paths {
                    if relevant(&path, projects) && !changed.contains(&path) {
                        changed.push(path);
                    }
                }
            }
            Ok(Err(_)) => {}
            Err(RecvTimeoutError::Timeout) => return changed,
            Err(RecvTimeoutError::Disconnected) => {
                // The watcher is gone: serve what there is until the process is stopped.
                loop {
                    std::thread::park();
                }
            }
        }
    }
}

/// The project's directory itself (its configuration, files added beside it), and each of
/// its subdirectories with everything under it, but not `node_modules`, hidden directories
/// or outDir: a watch per directory there would only use up the system's watches.
fn watched_dirs(p: &Project) -> Vec<(PathBuf, RecursiveMode)> {
    let mut dirs = vec![(p.dir.clone(), RecursiveMode::NonRecursive)];
    if let Ok(entries) = std::fs::read_dir(&p.dir) {
        let mut subdirs: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| e.path())
            .filter(|d| {
                let name = d.file_name().map(|n| n.to_string_lossy().into_owned());
                let name = name.unwrap_or_default();
                name != "node_modules" && !name.starts_with('.') && *d != p.config.out_dir
            })
            .collect();
        subdirs.sort();
        dirs.extend(subdirs.into_iter().map(|d| (d, RecursiveMode::Recursive)));
    }
    dirs
}

/// Events in `node_modules`, hidden directories and outDir do not rebuild.
fn relevant(path: &Path, projects: &[Project]) -> bool {
    projects.iter().any(|p| {
        path.strip_prefix(&p.dir).is_ok_and(|rel| {
            !path.starts_with(&p.config.out_dir)
                && !rel.components().any(|c| {
                    let c = c.as_os_str().to_string_lossy();
                    c == "node_modules" || c.starts_with('.')
                })
        })
    })
}

/// The project's configuration, with a page to serve: its `html` template, or a default one.
fn load(
    dir: &Path,
    overrides: &CliOverrides,
) -> Result<BuildConfig, Vec<crate::diagnostics::Diagnostic>> {
    let mut config = config::load(dir, overrides)?;
    config.html.get_or_insert(Html::Default);
    Ok(config)
}

/// Builds `p` again (reloading its configuration) and hands the result to its server.
fn rebuild(p: &mut Project, changed: &[PathBuf], json: bool) {
    let start = Instant::now();
    if changed
        .iter()
        .any(|c| c.file_name() == p.config.config_file.file_name())
    {
        match load(&p.dir, &p.overrides) {
            Ok(c) => p.config = c,
            Err(errors) => {
                let mut ds = Diagnostics::default();
                ds.extend(errors);
                publish_failure(p, &ds, changed, start, json);
                return;
            }
        }
    }
    p.cache.begin_build(&p.config);
    let (outcome, files) = pipeline::build_in_memory_cached(&p.config, &NoProgress, &p.cache);
    p.cache.end_build(outcome.success());
    if !outcome.success() {
        publish_failure(p, &outcome.diagnostics, changed, start, json);
        return;
    }
    let files: HashMap<String, Arc<[u8]>> = files
        .into_iter()
        .map(|f| (f.name, Arc::from(f.contents)))
        .collect();
    let build = {
        let mut served = p.shared.served.lock().unwrap_or_else(|e| e.into_inner());
        let update = diff(&served.files, &files);
        served.record(update);
        served.good = served.build;
        served.ok = true;
        served.errors.clear();
        served.files = files;
        served.build
    };
    p.shared.changed.notify_all();
    report(p, build, true, changed, start, json, &outcome.diagnostics);
}

fn publish_failure(
    p: &Project,
    diagnostics: &Diagnostics,
    changed: &[PathBuf],
    start: Instant,
    json: bool,
) {
    let text: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(render)
        .collect();
    let build = {
        let mut served = p.shared.served.lock().unwrap_or_else(|e| e.into_inner());
        served.record(Update::Nothing);
        served.ok = false;
        served.errors = text.join("\n");
        served.build
    };
    p.shared.changed.notify_all();
    report(p, build, false, changed, start, json, diagnostics);
}

/// One line per build on the terminal (and the diagnostics), or one JSON line with `--json`.
fn report(
    p: &Project,
    build: u64,
    ok: bool,
    changed: &[PathBuf],
    start: Instant,
    json: bool,
    diagnostics: &Diagnostics,
) {
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let changed: Vec<String> = changed
        .iter()
        .map(|c| config::display_path(&p.dir, c))
        .collect();
    if json {
        let errors: Vec<serde_json::Value> = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| serde_json::to_value(d).unwrap_or_default())
            .collect();
        json_line(serde_json::json!({
            "event": "build",
            "project": p.name,
            "build": build,
            "ok": ok,
            "ms": (ms * 10.0).round() / 10.0,
            "changed": changed,
            "errors": errors,
        }));
        return;
    }
    crate::report::print_diagnostics(diagnostics);
    let what = if changed.is_empty() {
        String::new()
    } else {
        format!(" ({})", changed.join(", "))
    };
    let verdict = if ok { "built" } else { "failed" };
    eprintln!("[dev] {}: {verdict} in {ms:.0} ms{what}", p.name);
}

fn json_line(v: serde_json::Value) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{v}");
    let _ = out.flush();
}

pub(crate) fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> HashMap<String, Arc<[u8]>> {
        list.iter()
            .map(|(n, c)| (n.to_string(), Arc::from(c.as_bytes())))
            .collect()
    }

    #[test]
    fn a_page_does_what_every_build_it_missed_needs() {
        let a = files(&[("main.js", "1"), ("main.css", "red")]);
        let b = files(&[("main.js", "1"), ("main.css", "blue")]);
        let c = files(&[("main.js", "2"), ("main.css", "blue")]);
        assert_eq!(diff(&HashMap::new(), &a), Update::Reload);
        assert_eq!(diff(&a, &a), Update::Nothing);
        assert_eq!(diff(&a, &b), Update::Css(vec!["main.css".into()]));
        assert_eq!(diff(&b, &c), Update::Reload);

        let mut served = Served {
            build: 0,
            ok: true,
            good: 0,
            errors: String::new(),
            files: HashMap::new(),
            history: Vec::new(),
        };
        served.record(diff(&HashMap::new(), &a)); // 1
        served.record(diff(&a, &b)); // 2: css
        served.record(Update::Nothing); // 3: a failed build
        assert_eq!(served.update_since(1), Update::Css(vec!["main.css".into()]));
        assert_eq!(served.update_since(2), Update::Nothing);
        assert_eq!(served.update_since(3), Update::Nothing);
        served.record(diff(&b, &c)); // 4: js
        assert_eq!(served.update_since(2), Update::Reload);
        // A page from before a restart of the server, or older than the history.
        assert_eq!(served.update_since(9), Update::Reload);
        for _ in 0..HISTORY {
            served.record(Update::Nothing);
        }
        assert_eq!(served.update_since(1), Update::Reload);
    }
}
