//! `mfbundle dev [DIR ...]`: each project built in development mode into memory and served
//! over HTTP on its own port (loopback unless told otherwise), rebuilt when its files change.
//! The serve stage stands where `write` stands in `build`: generate's files are kept in memory
//! (`server.rs` serves them) instead of written to outDir, so `dev` never touches outDir.
//!
//! Builds are hot (`[devServer] hot`, on by default in development): the runtime carries the
//! client (`codegen/runtime/hot_module_replacement.js`), which long-polls the server that
//! built it, so a remote's runtime on a host's page follows the remote's server. After each
//! build, `update.rs` compares it with the one before: stylesheets and module functions that
//! changed are swapped in place (the page loads the functions from `/__mfbundle/hot`); any
//! other change reloads the page. A failed build shows its diagnostics over the page while the
//! last good build keeps being served. Builds that are not hot (`--mode production`,
//! `hot = false`) get `client.js`, injected into `index.html`, which reloads on a change.

mod proxy;
mod server;
mod update;

pub use update::{Served, Swap, Update};

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::config::{self, BuildConfig, CliOverrides, Html, Mode, Target};
use crate::diagnostics::{Diagnostics, render};
use crate::graph::NoProgress;
use crate::pipeline::{self, BuildCache};

/// The port of the first project when neither `--port` nor `[devServer] port` gives one.
pub const DEFAULT_PORT: u16 = 8080;
/// How long the files must stay quiet before a rebuild starts: webpack's default
/// `aggregateTimeout`, long enough for an editor's write-then-rename save.
const QUIET: Duration = Duration::from_millis(20);
/// How long the files must stay quiet before the persistent cache is written after a
/// rebuild: writing it (every file's scan results and code) takes a core for tens of
/// milliseconds on a large project, which the next edit's rebuild should not share.
const SAVE_WHEN_IDLE: Duration = Duration::from_millis(1000);

/// What `mfbundle dev` needs of the command line.
pub struct DevArgs {
    pub dirs: Vec<PathBuf>,
    pub port: Option<u16>,
    pub host: Option<String>,
    pub mode: Option<Mode>,
    pub json: bool,
    /// `--open`: the first project's page.
    pub open: bool,
    /// `--no-cache`: no persistent cache (on by default).
    pub no_cache: bool,
}

/// A project's state, shared by its watcher and its server.
pub struct Shared {
    pub served: Mutex<Served>,
    pub changed: Condvar,
    /// `[devServer] headers`, sent with every response (replaced when federation.toml
    /// changes).
    pub headers: RwLock<Vec<(String, String)>>,
    /// `[devServer] proxy`: path prefix -> target, longest prefix first (replaced when
    /// federation.toml changes).
    pub proxy: RwLock<Vec<(String, crate::config::ProxyTarget)>>,
    /// The host the server was told to listen on, when it is not a loopback address: a
    /// `Host` it accepts besides this machine's loopback names.
    pub host: Option<String>,
}

struct Project {
    name: String,
    config: BuildConfig,
    overrides: CliOverrides,
    dir: PathBuf,
    cache: BuildCache,
    shared: Arc<Shared>,
    /// The last build's stages and their ms (`--json`), with the time until its files were
    /// served.
    stages: Vec<(&'static str, f64)>,
    /// Hash of the @mf-types.zip it serves (a remote with TypeScript exposes).
    types_hash: Option<u64>,
    /// One refresh of this host's remote types at a time.
    types_lock: Arc<Mutex<()>>,
    /// A rebuild since the persistent cache file was last written: it is written once the
    /// files stay quiet for [`SAVE_WHEN_IDLE`].
    save_pending: bool,
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
        hot: true,
        cache: args.no_cache.then_some(false),
        cache_by_default: true,
        ..Default::default()
    };
    let mut projects = Vec::new();
    let mut to_open = Vec::new();
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
        if let Some((prefix, target)) = config.dev_server.proxy.iter().find(|(p, t)| {
            !p.starts_with('/') || !(t.url.starts_with("http://") || t.url.starts_with("https://"))
        }) {
            eprintln!(
                "error: {}: [devServer] proxy \"{prefix}\" = \"{}\": a path prefix starting with / and an http:// or https:// target",
                dir.display(),
                target.url
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
            served: Mutex::new(Served::default()),
            changed: Condvar::new(),
            headers: RwLock::new(config.dev_server.headers.clone()),
            proxy: RwLock::new(config.dev_server.proxy.clone()),
            host: (!is_loopback(&host)).then(|| host.clone()),
        });
        let name = config.build_name().value;
        let https = match tls_files(&config) {
            Ok(files) => files,
            Err(d) => {
                let mut ds = Diagnostics::default();
                ds.push(*d);
                crate::report::print_diagnostics(&ds);
                return 2;
            }
        };
        let url = match server::start(&host, port, https, shared.clone()) {
            Ok(url) => url,
            Err(e) if e.starts_with(server::TLS_ERROR) => {
                let mut ds = Diagnostics::default();
                let e = e.trim_start_matches(server::TLS_ERROR);
                ds.push(https_error(&config, format!("devServer.https: {e}")));
                crate::report::print_diagnostics(&ds);
                return 2;
            }
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
        if (args.open && i == 0) || config.dev_server.open {
            to_open.push(url.clone());
        }
        let cache = BuildCache::for_config(&config);
        projects.push(Project {
            name,
            dir: config.root.clone(),
            config,
            overrides: overrides.clone(),
            cache,
            shared,
            stages: Vec::new(),
            types_hash: None,
            types_lock: Arc::new(Mutex::new(())),
            save_pending: false,
        });
    }

    let (tx, rx) = channel();
    let stop = tx.clone();
    let stopping = std::sync::atomic::AtomicBool::new(false);
    if let Err(e) = ctrlc::set_handler(move || {
        // A second Ctrl-C does not wait for the first to be handled.
        if stopping.swap(true, std::sync::atomic::Ordering::SeqCst) {
            std::process::exit(130);
        }
        let _ = stop.send(Signal::Stop);
    }) {
        eprintln!("[dev] warning: cannot handle Ctrl-C/SIGTERM ({e}); the default action applies");
    }
    let mut watcher = match notify::recommended_watcher(move |e| {
        let _ = tx.send(Signal::Files(e));
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
    refresh_types(&projects, args.json);
    for url in to_open {
        open_browser(&url);
    }
    loop {
        let idle = projects
            .iter()
            .any(|p| p.save_pending)
            .then_some(SAVE_WHEN_IDLE);
        let Some((changed, contents_only)) = wait(&rx, &projects, idle) else {
            // Ctrl-C or SIGTERM: what the last rebuilds parsed is not lost to the next start.
            for p in projects.iter().filter(|p| p.save_pending) {
                let _ = p.cache.save(&p.config, false);
            }
            crate::pipeline::wait_for_cache_writes();
            if args.json {
                json_line(serde_json::json!({ "event": "stopped" }));
            } else {
                eprintln!("[dev] stopped");
            }
            return 0;
        };
        if changed.is_empty() {
            for p in projects.iter_mut().filter(|p| p.save_pending) {
                p.save_pending = false;
                let _ = p.cache.save(&p.config, true);
            }
            continue;
        }
        let mut types_changed = false;
        for p in &mut projects {
            let mine: Vec<PathBuf> = changed
                .iter()
                .filter(|c| c.starts_with(&p.dir))
                .cloned()
                .collect();
            if !mine.is_empty() {
                p.cache.parse.note_changes(&mine, contents_only);
                types_changed |= rebuild(p, &mine, args.json);
            }
        }
        if types_changed {
            refresh_types(&projects, args.json);
        }
    }
}

/// What the dev loop waits for: the watcher's events, or the process being stopped.
enum Signal {
    Files(notify::Result<notify::Event>),
    /// Ctrl-C or SIGTERM.
    Stop,
}

/// The files that changed in a burst of events, once the files stay quiet for [`QUIET`], and
/// whether only their contents changed (no file was created, removed or renamed); no files
/// when nothing happened for `idle`; `None` when the process is stopped.
fn wait(
    rx: &Receiver<Signal>,
    projects: &[Project],
    idle: Option<Duration>,
) -> Option<(Vec<PathBuf>, bool)> {
    use notify::EventKind;
    use notify::event::ModifyKind;
    let mut changed: Vec<PathBuf> = Vec::new();
    let mut contents_only = true;
    loop {
        let event = match (changed.is_empty(), idle) {
            (true, None) => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            (true, Some(idle)) => rx.recv_timeout(idle),
            (false, _) => rx.recv_timeout(QUIET),
        };
        match event {
            Ok(Signal::Stop) => return None,
            Ok(Signal::Files(Ok(e))) => {
                if matches!(e.kind, EventKind::Access(_)) {
                    continue;
                }
                let contents = matches!(
                    e.kind,
                    EventKind::Modify(
                        ModifyKind::Data(_) | ModifyKind::Any | ModifyKind::Metadata(_)
                    )
                );
                for path in e.paths {
                    if relevant(&path, projects) {
                        contents_only &= contents;
                        if !changed.contains(&path) {
                            changed.push(path);
                        }
                    }
                }
            }
            Ok(Signal::Files(Err(_))) => {}
            Err(RecvTimeoutError::Timeout) => return Some((changed, contents_only)),
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
    projects
        .iter()
        .any(|p| crate::graph::cache::watched(path, &p.dir, &p.config.out_dir))
}

/// The project's configuration, with a page to serve: its `html` template, or a default one.
/// Hot builds name entry files without `[contenthash]` (as webpack requires with HMR): a
/// page that runs on across builds keeps its files' names.
pub fn load(
    dir: &Path,
    overrides: &CliOverrides,
) -> Result<BuildConfig, Vec<crate::diagnostics::Diagnostic>> {
    let mut config = config::load(dir, overrides)?;
    config.html.get_or_insert(Html::Default);
    if config.hot
        && let Some(pattern) = &mut config.entry_file_names
    {
        for hash in [
            ".[contenthash]",
            "-[contenthash]",
            "_[contenthash]",
            "[contenthash]",
        ] {
            *pattern = pattern.replace(hash, "");
        }
    }
    Ok(config)
}

/// A PEM certificate chain and its private key.
type TlsFiles = (Vec<u8>, Vec<u8>);

/// `[devServer] https`: the certificate chain and key it names, read.
fn tls_files(
    config: &BuildConfig,
) -> Result<Option<TlsFiles>, Box<crate::diagnostics::Diagnostic>> {
    let Some(https) = &config.dev_server.https else {
        return Ok(None);
    };
    let read = |what: &str, path: &Path| {
        std::fs::read(path).map_err(|e| {
            Box::new(https_error(
                config,
                format!(
                    "devServer.https.{what}: cannot read {}: {e}",
                    config::display_path(&config.root, path)
                ),
            ))
        })
    };
    Ok(Some((read("cert", &https.cert)?, read("key", &https.key)?)))
}

/// MF2001 at `https` in federation.toml.
fn https_error(config: &BuildConfig, message: String) -> crate::diagnostics::Diagnostic {
    config::key_diagnostic(
        config,
        "https",
        message,
        "https = { cert = \"cert.pem\", key = \"key.pem\" } under [devServer]: PEM files relative to the project, e.g. made by `mkcert localhost 127.0.0.1`",
    )
}

/// Opens `url` as Vite and webpack-dev-server do: the command in `$BROWSER` (given the URL),
/// else the system's opener. Failing to is a warning: the server runs on.
fn open_browser(url: &str) {
    let (program, args): (String, Vec<&str>) = match std::env::var("BROWSER") {
        Ok(b) if !b.trim().is_empty() => (b, vec![url]),
        _ if cfg!(target_os = "macos") => ("open".into(), vec![url]),
        _ if cfg!(windows) => ("cmd".into(), vec!["/c", "start", "", url]),
        _ => ("xdg-open".into(), vec![url]),
    };
    let spawned = std::process::Command::new(&program)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        // Reaped when it ends (a browser may run on after the server).
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(e) => eprintln!(
            "[dev] warning: cannot open {url} with {program}: {e} (set $BROWSER to the browser's command)"
        ),
    }
}

/// Hosts with `types = true` fetch their remotes' types again (from the remotes' servers,
/// this process's or others'), each on its own thread so that a remote that does not answer
/// delays no rebuild. A line (`--json`: a "types" event) per host.
fn refresh_types(projects: &[Project], json: bool) {
    for p in projects {
        if !p.config.types.consume || p.config.containers.remotes.is_empty() {
            continue;
        }
        let config = p.config.clone();
        let name = p.name.clone();
        let lock = p.types_lock.clone();
        std::thread::spawn(move || {
            let _one = lock.lock().unwrap_or_else(|e| e.into_inner());
            let (results, warnings) = crate::remote_types::consume(&config);
            let mut ds = Diagnostics::default();
            ds.extend(warnings);
            if json {
                json_line(serde_json::json!({
                    "event": "types",
                    "project": name,
                    "remotes": results,
                    "diagnostics": ds.iter().collect::<Vec<_>>(),
                }));
            } else {
                crate::report::print_diagnostics(&ds);
                for r in &results {
                    eprintln!(
                        "[dev] {name}: types of {}: {} ({} files)",
                        r.remote, r.status, r.files
                    );
                }
            }
        });
    }
}

/// Builds `p` again (reloading its configuration) and hands the result to its server.
/// Whether the types it publishes (@mf-types.zip) changed.
fn rebuild(p: &mut Project, changed: &[PathBuf], json: bool) -> bool {
    let start = Instant::now();
    if changed
        .iter()
        .any(|c| c.file_name() == p.config.config_file.file_name())
    {
        match load(&p.dir, &p.overrides) {
            Ok(c) => {
                // Headers and proxy apply to the next request; the port and the address
                // stay until the server restarts.
                *p.shared.headers.write().unwrap_or_else(|e| e.into_inner()) =
                    c.dev_server.headers.clone();
                *p.shared.proxy.write().unwrap_or_else(|e| e.into_inner()) =
                    c.dev_server.proxy.clone();
                p.config = c;
            }
            Err(errors) => {
                let mut ds = Diagnostics::default();
                ds.extend(errors);
                publish_failure(p, &ds, changed, start, json);
                return false;
            }
        }
    }
    // An edit the link stage does not see takes the short way (`crate::incremental`).
    let (outcome, generated) = match crate::incremental::rebuild(&p.config, &p.cache) {
        Some(done) => done,
        None => {
            p.cache.begin_build(&p.config);
            let built = pipeline::build_in_memory_cached(&p.config, &NoProgress, &p.cache);
            p.cache.end_build(built.0.success());
            built
        }
    };
    if !outcome.success() {
        publish_failure(p, &outcome.diagnostics, changed, start, json);
        return false;
    }
    let served_start = Instant::now();
    let types_hash = generated
        .files
        .iter()
        .find(|f| f.name == crate::codegen::types::ZIP_NAME)
        .map(|f| xxhash_rust::xxh3::xxh3_64(&f.contents));
    let types_changed = types_hash.is_some() && types_hash != p.types_hash;
    p.types_hash = types_hash;
    let files: HashMap<String, Arc<[u8]>> = generated
        .files
        .into_iter()
        .map(|f| (f.name, Arc::from(f.contents)))
        .collect();
    let build = {
        let mut served = p.shared.served.lock().unwrap_or_else(|e| e.into_inner());
        served.record_success(files, generated.hot);
        served.build
    };
    p.shared.changed.notify_all();
    p.stages = outcome
        .timings
        .iter()
        .map(|(name, d)| (*name, d.as_secs_f64() * 1000.0))
        .chain([("serve", served_start.elapsed().as_secs_f64() * 1000.0)])
        .collect();
    report(p, build, true, changed, start, json, &outcome.diagnostics);
    // Once the build is served, and written on another thread: the page's update does not
    // wait for the cache file. After the first build, once the files stay quiet.
    if build == 1 {
        let _ = p.cache.save(&p.config, true);
    } else {
        p.save_pending = true;
    }
    types_changed
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
        served.record_failure(text.join("\n"));
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
        let mut event = serde_json::json!({
            "event": "build",
            "project": p.name,
            "build": build,
            "ok": ok,
            "ms": (ms * 10.0).round() / 10.0,
            "changed": changed,
            "errors": errors,
            "stages": p.stages.iter().map(|(n, ms)| serde_json::json!([n.trim(), (ms * 10.0).round() / 10.0])).collect::<Vec<_>>(),
        });
        if let Some(cache) = p.cache.persistent_load() {
            event["cache"] = serde_json::json!(cache);
        }
        json_line(event);
        return;
    }
    crate::report::print_diagnostics(diagnostics);
    let what = if changed.is_empty() {
        String::new()
    } else {
        format!(" ({})", changed.join(", "))
    };
    let verdict = if ok { "built" } else { "failed" };
    // The first build says what the persistent cache gave it.
    let cache = match p.cache.persistent_load() {
        Some(c) if build == 1 => match c.loaded {
            Ok(n) => format!(", {n} files from the persistent cache"),
            Err(why) => format!(", persistent cache {}", serde_json::json!(why)),
        },
        _ => String::new(),
    };
    eprintln!("[dev] {}: {verdict} in {ms:.0} ms{what}{cache}", p.name);
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
