//! `charter serve`: the live preview.
//!
//! Owns the file watcher (notify through notify-debouncer-full, native or
//! polling), rebuilds into memory through [`build::build`] with
//! [`Target::Memory`] (the same pipeline, no disk writes), the HTTP server
//! (axum on tokio) and live reload. Only the files of the last good build are
//! served — never the filesystem — under the site's base path. A failed
//! rebuild keeps the last good site and reports its diagnostics to every open
//! page through a server-sent-events endpoint (`{base}__charter/events`),
//! where a small script injected into served HTML (never into written builds)
//! shows an overlay; a good build reloads the pages (or swaps the stylesheets
//! when only CSS changed).
//!
//! Every rebuild is a full build for now; per-page rebuilds are not done yet.
//!
//! The library prints nothing: what happens is reported through
//! [`ServeOptions::on_event`], and the binary prints it.

use crate::build::{self, BuildOptions, Target};
use crate::config;
use crate::diagnostics::{Diagnostic, Severity};
use crate::url::Urls;
use axum::body::{Body, Bytes};
use axum::extract::State as AxumState;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Router;
use notify_debouncer_full::notify::{self, EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent};
use std::collections::{BTreeMap, HashMap};
use std::convert::Infallible;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Component, Path, PathBuf};
use std::sync::{mpsc, Arc, RwLock};
use std::time::{Duration, Instant};
use tokio::sync::{broadcast, watch};

/// The live-reload event stream, under the base path.
pub const EVENTS_PATH: &str = "__charter/events";
/// The current build state as JSON, under the base path.
pub const STATUS_PATH: &str = "__charter/status";
/// Reserved for the server; builds never write here and nothing else under it is served.
const RESERVED: &str = "__charter";

/// Default port of `charter serve`.
pub const DEFAULT_PORT: u16 = 1111;

/// How changes are noticed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WatcherKind {
    /// inotify / FSEvents / ReadDirectoryChanges.
    #[default]
    Native,
    /// Periodic scans, for filesystems where native events are unreliable.
    Poll,
}

/// Called with everything worth telling the user.
pub type EventSink = Arc<dyn Fn(&ServeEvent) + Send + Sync>;

/// What to serve and how.
#[derive(Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// Overrides `base_url` from the config (`-u`).
    pub base_url: Option<String>,
    pub drafts: bool,
    pub strict: bool,
    pub interface: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// When `port` is taken, how many ports above it to try.
    pub port_retries: u16,
    pub watcher: WatcherKind,
    /// Quiet time after the last change before a rebuild starts (a burst of
    /// saves waits at most one second).
    pub debounce: Duration,
    /// Scan interval of the poll watcher.
    pub poll_interval: Duration,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    pub on_event: EventSink,
}

impl ServeOptions {
    /// Defaults: 127.0.0.1:1111 (then up to 10 ports above), native watcher, 20 ms debounce.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        ServeOptions {
            root: root.into(),
            base_url: None,
            drafts: false,
            strict: false,
            interface: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            port_retries: 10,
            watcher: WatcherKind::Native,
            debounce: Duration::from_millis(20),
            poll_interval: Duration::from_millis(300),
            open: false,
            on_event: Arc::new(|_| {}),
        }
    }

    fn build_options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            target: Target::Memory,
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            strict: self.strict,
            cache: None,
            // A session starts from the code `charter build` (or the last
            // session) highlighted, and keeps what its first build adds.
            highlight_store: crate::build::HighlightStore::ReadWrite,
            search_shard_pages: crate::build::DEFAULT_SHARD_PAGES,
            ..BuildOptions::new(self.root.clone())
        }
    }
}

/// What a rebuild did for the open pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The first build.
    Initial,
    /// Pages changed: "reload" sent.
    Reload,
    /// Only stylesheets changed: "css" sent.
    Css,
    /// The output is what it was (an error cleared, or a touch): "ok" sent.
    Unchanged,
    /// The build has errors: the last good site stays, "errors" sent.
    Failed,
}

/// Something the user should hear about.
#[derive(Debug)]
pub enum ServeEvent<'a> {
    /// A build finished.
    Built {
        outcome: Outcome,
        diagnostics: &'a [Diagnostic],
        pages: usize,
        /// The changed paths that triggered it, relative to the root (empty for the first build).
        changed: &'a [PathBuf],
        build_time: Duration,
        /// From the first file change to the message sent to the pages.
        change_to_sent: Option<Duration>,
        /// How many open pages got the message.
        clients: usize,
    },
    /// The port was taken; trying the next.
    PortTaken(u16),
    /// Listening on an address other than loopback.
    NotLoopback(IpAddr),
    /// Serving.
    Listening { addr: SocketAddr, url: &'a str },
    /// The watcher reported a problem.
    WatchError(String),
    /// `--open` failed.
    OpenFailed(String),
}

/// Why the server could not start.
#[derive(Debug)]
pub enum ServeError {
    /// No port could be bound.
    Bind {
        addr: SocketAddr,
        error: std::io::Error,
    },
    /// The watcher could not be set up.
    Watch(notify::Error),
    /// The async runtime could not start.
    Runtime(std::io::Error),
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::Bind { addr, error } => write!(f, "cannot listen on {addr}: {error}"),
            ServeError::Watch(e) => write!(f, "cannot watch the site for changes: {e}"),
            ServeError::Runtime(e) => write!(f, "cannot start the server runtime: {e}"),
        }
    }
}

impl std::error::Error for ServeError {}

/// Serves until Ctrl-C.
pub fn serve(opts: ServeOptions) -> Result<(), ServeError> {
    let mut server = Server::start(opts)?;
    server.wait_for_ctrl_c();
    // The process ends next: a rebuild still running is abandoned, not awaited.
    server.stop(false);
    Ok(())
}

/// A running server: build, watcher, HTTP. Stops on [`Server::shutdown`] or drop.
pub struct Server {
    addr: SocketAddr,
    url: String,
    shared: Arc<Shared>,
    runtime: Option<tokio::runtime::Runtime>,
    http: Option<tokio::task::JoinHandle<()>>,
    watcher: Option<Box<dyn Send>>,
    rebuilds: Option<(mpsc::Sender<Msg>, std::thread::JoinHandle<()>)>,
}

impl Server {
    /// Builds the site, binds, starts watching and serving, and returns at once.
    pub fn start(opts: ServeOptions) -> Result<Server, ServeError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("charter-serve")
            .enable_all()
            .build()
            .map_err(ServeError::Runtime)?;
        let (events, _) = broadcast::channel(16);
        let (shutdown, _) = watch::channel(false);
        let shared = Arc::new(Shared {
            state: RwLock::new(Arc::new(SiteState::empty(base_path(&opts)))),
            events,
            shutdown,
        });

        // Watch first, so that nothing changed during the first build is missed:
        // changes queue up for the rebuild thread.
        let (tx, rx) = mpsc::channel::<Msg>();
        let watcher = watch(&opts, tx.clone())?;

        // The first build, before anyone can ask for a page.
        let rebuilder = Rebuilder {
            opts: opts.clone(),
            shared: shared.clone(),
            cache: Arc::new(crate::site::RenderCache::default()),
            session: std::sync::Mutex::new(None),
        };
        rebuilder.rebuild(&[], None);

        if !opts.interface.is_loopback() {
            (opts.on_event)(&ServeEvent::NotLoopback(opts.interface));
        }
        let listener = bind(&opts)?;
        let addr = listener.local_addr().map_err(ServeError::Runtime)?;
        let url = format!("http://{}{}", url_host(addr), shared.current().base_path);

        let http = {
            let _guard = runtime.enter();
            listener
                .set_nonblocking(true)
                .map_err(ServeError::Runtime)?;
            let listener =
                tokio::net::TcpListener::from_std(listener).map_err(ServeError::Runtime)?;
            let app = Router::new().fallback(handle).with_state(shared.clone());
            let mut stop = shared.shutdown.subscribe();
            runtime.spawn(async move {
                let _ = axum::serve(listener, app)
                    .with_graceful_shutdown(async move {
                        let _ = stop.wait_for(|s| *s).await;
                    })
                    .await;
            })
        };

        // Changes go to one rebuild thread, which coalesces whatever queued up during a build.
        let thread = std::thread::Builder::new()
            .name("charter-rebuild".into())
            .spawn(move || rebuilder.run(rx))
            .map_err(ServeError::Runtime)?;
        let server = Server {
            addr,
            url,
            shared,
            runtime: Some(runtime),
            http: Some(http),
            watcher: Some(watcher),
            rebuilds: Some((tx, thread)),
        };

        (opts.on_event)(&ServeEvent::Listening {
            addr,
            url: &server.url,
        });
        if opts.open {
            if let Err(e) = open::that_detached(&server.url) {
                (opts.on_event)(&ServeEvent::OpenFailed(e.to_string()));
            }
        }
        Ok(server)
    }

    /// The bound address (useful with port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:1111/base/`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Blocks until Ctrl-C (or SIGINT).
    pub fn wait_for_ctrl_c(&self) {
        if let Some(rt) = &self.runtime {
            let _ = rt.block_on(tokio::signal::ctrl_c());
        }
    }

    /// Stops watching, finishes a running rebuild, closes event streams and the listener.
    pub fn shutdown(mut self) {
        self.stop(true);
    }

    fn stop(&mut self, wait_for_rebuild: bool) {
        self.watcher = None;
        if let Some((tx, thread)) = self.rebuilds.take() {
            let _ = tx.send(Msg::Stop);
            if wait_for_rebuild {
                let _ = thread.join();
            }
        }
        self.shared.shutdown.send_replace(true);
        if let Some(rt) = self.runtime.take() {
            if let Some(http) = self.http.take() {
                let _ =
                    rt.block_on(async { tokio::time::timeout(Duration::from_secs(2), http).await });
            }
            rt.shutdown_timeout(Duration::from_secs(1));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop(true);
    }
}

fn base_path(opts: &ServeOptions) -> String {
    let url = opts.base_url.clone().or_else(|| {
        config::load(&opts.root)
            .ok()
            .and_then(|(config, _)| config.base_url)
    });
    Urls::new(url.as_deref()).base_path().to_string()
}

/// Binds `port`, or the next ones up when it is taken.
fn bind(opts: &ServeOptions) -> Result<TcpListener, ServeError> {
    let last = if opts.port == 0 {
        0
    } else {
        opts.port.saturating_add(opts.port_retries)
    };
    let mut port = opts.port;
    loop {
        let addr = SocketAddr::new(opts.interface, port);
        match TcpListener::bind(addr) {
            Ok(l) => return Ok(l),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && port < last => {
                (opts.on_event)(&ServeEvent::PortTaken(port));
                port += 1;
            }
            Err(error) => return Err(ServeError::Bind { addr, error }),
        }
    }
}

fn url_host(addr: SocketAddr) -> String {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => format!("127.0.0.1:{}", addr.port()),
        IpAddr::V6(ip) if ip.is_unspecified() => format!("[::1]:{}", addr.port()),
        _ => addr.to_string(),
    }
}

// ---------------------------------------------------------------------------
// State shared by the rebuild thread and the HTTP handlers.

struct Shared {
    state: RwLock<Arc<SiteState>>,
    events: broadcast::Sender<Message>,
    shutdown: watch::Sender<bool>,
}

impl Shared {
    fn current(&self) -> Arc<SiteState> {
        self.state.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn replace(&self, state: SiteState) {
        *self.state.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(state);
    }
}

/// What is served: the last good site, plus the errors of the latest build if it failed.
struct SiteState {
    /// Counts good builds that changed the output; 0 = no good build yet.
    generation: u64,
    /// Every build, good or bad.
    builds: u64,
    files: Arc<HashMap<String, Bytes>>,
    base_path: String,
    /// The failed latest build's diagnostics, as the JSON array the page script reads.
    errors: Option<Arc<String>>,
}

impl SiteState {
    fn empty(base_path: String) -> Self {
        SiteState {
            generation: 0,
            builds: 0,
            files: Arc::new(HashMap::new()),
            base_path,
            errors: None,
        }
    }

    fn status_json(&self) -> String {
        format!(
            "{{\"generation\":{},\"builds\":{},\"ok\":{},\"diagnostics\":{}}}",
            self.generation,
            self.builds,
            self.errors.is_none(),
            self.errors.as_deref().map_or("null", String::as_str)
        )
    }
}

/// What the pages are told.
#[derive(Clone, Debug)]
enum Message {
    Reload(u64),
    Css(u64),
    Ok(u64),
    Errors(u64, Arc<String>),
}

impl Message {
    fn to_sse(&self) -> SseEvent {
        let (name, data) = match self {
            Message::Reload(g) => ("reload", format!("{{\"generation\":{g}}}")),
            Message::Css(g) => ("css", format!("{{\"generation\":{g}}}")),
            Message::Ok(g) => ("ok", format!("{{\"generation\":{g}}}")),
            Message::Errors(g, json) => (
                "errors",
                format!("{{\"generation\":{g},\"diagnostics\":{json}}}"),
            ),
        };
        SseEvent::default().event(name).data(data)
    }
}

/// Diagnostics as the overlay shows them, errors first.
fn diagnostics_json(diags: &[Diagnostic]) -> String {
    let mut list: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .collect();
    list.sort_by_key(|d| d.severity);
    let items: Vec<serde_json::Value> = list
        .iter()
        .map(|d| {
            let loc = d.location.as_ref();
            serde_json::json!({
                "severity": match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Note => "note",
                },
                "code": d.code,
                "message": d.message,
                "help": d.help,
                "file": loc.map(|l| l.file.to_string_lossy().replace('\\', "/")),
                "line": loc.map(|l| l.line),
                "column": loc.map(|l| l.column),
            })
        })
        .collect();
    serde_json::Value::Array(items).to_string()
}

// ---------------------------------------------------------------------------
// Rebuilds.

enum Msg {
    /// Relevant changed paths and when the first of them changed.
    Changes(Vec<PathBuf>, Instant),
    Stop,
}

#[derive(Default)]
struct Batch {
    paths: Vec<PathBuf>,
    first: Option<Instant>,
    stop: bool,
}

impl Batch {
    fn add(&mut self, msg: Msg) {
        match msg {
            Msg::Stop => self.stop = true,
            Msg::Changes(paths, time) => {
                self.paths.extend(paths);
                self.first = Some(self.first.map_or(time, |f| f.min(time)));
            }
        }
    }
}

struct Rebuilder {
    opts: ServeOptions,
    shared: Arc<Shared>,
    /// Pages whose Markdown did not change are not rendered again.
    cache: Arc<crate::site::RenderCache>,
    /// The last good build, to redo single pages after body edits.
    session: std::sync::Mutex<Option<crate::session::Session>>,
}

impl Rebuilder {
    /// Waits for changes, then for a quiet period (`debounce`, at most one
    /// second in all): a burst of saves, and whatever queued up during a
    /// build, becomes one rebuild.
    fn run(self, rx: mpsc::Receiver<Msg>) {
        let quiet = self.opts.debounce;
        let max_wait = Duration::from_secs(1);
        while let Ok(msg) = rx.recv() {
            let waiting = Instant::now();
            let mut batch = Batch::default();
            batch.add(msg);
            while !batch.stop {
                let left = max_wait.saturating_sub(waiting.elapsed());
                if left.is_zero() {
                    break;
                }
                match rx.recv_timeout(quiet.min(left)) {
                    Ok(msg) => batch.add(msg),
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => batch.stop = true,
                }
            }
            if batch.stop {
                break;
            }
            batch.paths.sort();
            batch.paths.dedup();
            self.rebuild(&batch.paths, batch.first);
        }
    }

    /// One full build into memory; swaps the served site only when it succeeded.
    fn rebuild(&self, changed: &[PathBuf], since: Option<Instant>) {
        let started = Instant::now();
        // A panic in the pipeline is a bug, but it must not take the server down.
        if let Some(edit) = self.try_edit(changed) {
            self.publish_edit(edit, changed, started, since);
            return;
        }
        let mut build_options = self.opts.build_options();
        build_options.cache = Some(self.cache.clone());
        let (mut report, session) =
            std::panic::catch_unwind(|| build::build_session(&build_options)).unwrap_or_else(
                |_| {
                    let report = build::BuildReport {
                        diagnostics: vec![Diagnostic::error(
                        "internal-error",
                        "the build panicked (a bug in charter); the last good site is still served",
                    )],
                        ..Default::default()
                    };
                    (report, None)
                },
            );
        *self.session.lock().unwrap_or_else(|e| e.into_inner()) = session;
        let build_time = started.elapsed();
        let old = self.shared.current();
        let builds = old.builds + 1;
        let first_build = changed.is_empty() && old.builds == 0;

        let (outcome, message) = match (report.succeeded(), report.memory.take()) {
            (true, Some(files)) => {
                let diff = classify(&old.files, &files);
                let generation = if diff == Outcome::Unchanged {
                    old.generation
                } else {
                    old.generation + 1
                };
                let files: Arc<HashMap<String, Bytes>> = if diff == Outcome::Unchanged {
                    old.files.clone()
                } else {
                    Arc::new(
                        files
                            .into_iter()
                            .map(|(k, v)| (k, Bytes::from(v)))
                            .collect(),
                    )
                };
                self.shared.replace(SiteState {
                    generation,
                    builds,
                    files,
                    base_path: base_path(&self.opts),
                    errors: None,
                });
                let message = match diff {
                    Outcome::Css => Message::Css(generation),
                    Outcome::Unchanged => Message::Ok(generation),
                    _ => Message::Reload(generation),
                };
                let outcome = if first_build { Outcome::Initial } else { diff };
                (outcome, message)
            }
            _ => self.keep_last_good(&old, builds, &report.diagnostics),
        };
        let clients = self.shared.events.send(message).unwrap_or(0);
        let change_to_sent = since.map(|t| t.elapsed());
        (self.opts.on_event)(&ServeEvent::Built {
            outcome,
            diagnostics: &report.diagnostics,
            pages: report.pages,
            changed,
            build_time,
            change_to_sent,
            clients,
        });
    }
}

impl Rebuilder {
    /// A failed rebuild: the last good site stays served, with the errors.
    fn keep_last_good(
        &self,
        old: &SiteState,
        builds: u64,
        diagnostics: &[Diagnostic],
    ) -> (Outcome, Message) {
        let json = Arc::new(diagnostics_json(diagnostics));
        self.shared.replace(SiteState {
            generation: old.generation,
            builds,
            files: old.files.clone(),
            base_path: old.base_path.clone(),
            errors: Some(json.clone()),
        });
        (Outcome::Failed, Message::Errors(old.generation, json))
    }

    /// Redoes only the edited pages when the last good build allows it.
    fn try_edit(&self, changed: &[PathBuf]) -> Option<crate::session::Edit> {
        if changed.is_empty() {
            return None;
        }
        let mut session = self.session.lock().unwrap_or_else(|e| e.into_inner());
        let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            session.as_mut()?.edit(changed)
        }));
        match attempt {
            Ok(Some(edit)) => Some(edit),
            _ => {
                *session = None; // Stale or unusable: the full build makes a new one.
                None
            }
        }
    }

    /// Serves the pages an edit redid (or its errors, keeping the last good site).
    fn publish_edit(
        &self,
        edit: crate::session::Edit,
        changed: &[PathBuf],
        started: Instant,
        since: Option<Instant>,
    ) {
        let build_time = started.elapsed();
        let old = self.shared.current();
        let builds = old.builds + 1;
        let (outcome, message) = if edit.succeeded() {
            let unchanged = edit
                .files
                .iter()
                .all(|(path, bytes)| old.files.get(path).is_some_and(|b| b[..] == bytes[..]));
            let generation = if unchanged {
                old.generation
            } else {
                old.generation + 1
            };
            let mut files = (*old.files).clone();
            for (path, bytes) in edit.files.iter() {
                files.insert(path.clone(), Bytes::from(bytes.clone()));
            }
            self.shared.replace(SiteState {
                generation,
                builds,
                files: Arc::new(files),
                base_path: old.base_path.clone(),
                errors: None,
            });
            if unchanged {
                (Outcome::Unchanged, Message::Ok(generation))
            } else {
                (Outcome::Reload, Message::Reload(generation))
            }
        } else {
            self.keep_last_good(&old, builds, &edit.diagnostics)
        };
        let clients = self.shared.events.send(message).unwrap_or(0);
        (self.opts.on_event)(&ServeEvent::Built {
            outcome,
            diagnostics: &edit.diagnostics,
            pages: edit.pages,
            changed,
            build_time,
            change_to_sent: since.map(|t| t.elapsed()),
            clients,
        });
    }
}

/// Compares two builds' files: `Reload` if any non-CSS file differs, `Css`
/// if only stylesheets do, `Unchanged` otherwise.
fn classify(old: &HashMap<String, Bytes>, new: &BTreeMap<String, Vec<u8>>) -> Outcome {
    let mut css = false;
    let mut differs = |path: &str| {
        if path.ends_with(".css") {
            css = true;
            false
        } else {
            true
        }
    };
    for (path, bytes) in new {
        let same = old.get(path).is_some_and(|b| b[..] == bytes[..]);
        if !same && differs(path) {
            return Outcome::Reload;
        }
    }
    for path in old.keys() {
        if !new.contains_key(path) && differs(path) {
            return Outcome::Reload;
        }
    }
    if css {
        Outcome::Css
    } else {
        Outcome::Unchanged
    }
}

// ---------------------------------------------------------------------------
// Watching.

/// Starts the watcher on the root; relevant changes go to `tx`.
fn watch(opts: &ServeOptions, tx: mpsc::Sender<Msg>) -> Result<Box<dyn Send>, ServeError> {
    use notify_debouncer_full::{new_debouncer_opt, NoCache, RecommendedCache};
    let root = opts
        .root
        .canonicalize()
        .unwrap_or_else(|_| opts.root.clone());
    let on_event = opts.on_event.clone();
    let filter_root = root.clone();
    let handler = move |result: DebounceEventResult| match result {
        Ok(events) => {
            if let Some((paths, first)) = relevant(&filter_root, &events) {
                let _ = tx.send(Msg::Changes(paths, first));
            }
        }
        Err(errors) => {
            for e in errors {
                on_event(&ServeEvent::WatchError(e.to_string()));
            }
        }
    };
    // The debouncer only pairs and orders raw events (renames, create +
    // write); the quiet period is the rebuild thread's.
    let window = Duration::from_millis(20);
    let tick = Some(Duration::from_millis(10));
    let watcher: Box<dyn Send> = match opts.watcher {
        WatcherKind::Native => {
            let mut d = new_debouncer_opt::<_, notify::RecommendedWatcher, _>(
                window,
                tick,
                handler,
                RecommendedCache::new(),
                notify::Config::default(),
            )
            .map_err(ServeError::Watch)?;
            d.watch(&root, RecursiveMode::Recursive)
                .map_err(ServeError::Watch)?;
            Box::new(d)
        }
        WatcherKind::Poll => {
            // notify's poller compares modification times in whole seconds,
            // so contents are compared too (or an edit within the second of
            // the last scan would be missed). To keep scans cheap, only the
            // root's own entries and its folders other than ignored ones
            // (.git, public, target) are scanned; a top-level folder created
            // while serving is seen after a restart.
            let config = notify::Config::default()
                .with_poll_interval(opts.poll_interval)
                .with_compare_contents(true);
            let mut d = new_debouncer_opt::<_, notify::PollWatcher, _>(
                window, tick, handler, NoCache, config,
            )
            .map_err(ServeError::Watch)?;
            d.watch(&root, RecursiveMode::NonRecursive)
                .map_err(ServeError::Watch)?;
            let entries = std::fs::read_dir(&root).map_err(|e| ServeError::Watch(e.into()))?;
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() && !is_ignored(&root, &path) {
                    d.watch(&path, RecursiveMode::Recursive)
                        .map_err(ServeError::Watch)?;
                }
            }
            Box::new(d)
        }
    };
    Ok(watcher)
}

/// The changed paths that should trigger a rebuild, and the time of the first change.
fn relevant(root: &Path, events: &[DebouncedEvent]) -> Option<(Vec<PathBuf>, Instant)> {
    use notify::event::{MetadataKind, ModifyKind};
    let mut paths = Vec::new();
    let mut first: Option<Instant> = None;
    for event in events {
        let counts = match event.kind {
            // Reads (the build's own) and atime updates change nothing.
            EventKind::Access(_) => false,
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
            _ => true,
        };
        if !counts {
            continue;
        }
        let wanted: Vec<&PathBuf> = if event.paths.is_empty() {
            // A rescan request: something changed, we do not know what.
            vec![]
        } else {
            let w: Vec<_> = event
                .paths
                .iter()
                .filter(|p| !is_ignored(root, p) || is_tag_change(root, p))
                .collect();
            if w.is_empty() {
                continue;
            }
            w
        };
        paths.extend(
            wanted
                .into_iter()
                .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf()),
        );
        first = Some(first.map_or(event.time, |f| f.min(event.time)));
    }
    first.map(|f| (paths, f))
}

/// A git tag added, moved or removed (loose refs or `packed-refs`): the
/// versions of a site with `versions:` change.
fn is_tag_change(root: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    (rel.starts_with(".git/refs/tags") || rel == Path::new(".git/packed-refs"))
        && !rel.to_string_lossy().ends_with(".lock")
}

/// Paths a rebuild never depends on: version control, the output and build
/// folders, editor swap and backup files.
pub fn is_ignored(root: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut names = rel.components().filter_map(|c| match c {
        Component::Normal(n) => Some(n.to_string_lossy()),
        _ => None,
    });
    if let Some(top) = names.next() {
        if top == "public"
            || top == "target"
            || top == crate::cache_dir::CACHE_DIR
            || top.starts_with(".public.charter-")
        {
            return true;
        }
    }
    if rel.components().any(|c| c.as_os_str() == ".git") {
        return true;
    }
    let Some(name) = rel.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    name.ends_with(".swp")
        || name.ends_with(".swo")
        || name.ends_with(".swx")
        || name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || name == ".DS_Store"
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
}

// ---------------------------------------------------------------------------
// HTTP.

/// What a request path asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file of the built site (a `/`-separated relative path, `index.html` filled in).
    File(String),
    /// Redirect to this path (the base path without its slash, `/` under a base path).
    Redirect(String),
    Events,
    Status,
    NotFound,
    /// A path that tries to leave the site (`..`, `\`, absolute, NUL, bad encoding).
    BadRequest,
}

/// Maps a raw (still percent-encoded) request path to what it asks for.
/// Never touches the filesystem.
pub fn resolve(base: &str, raw: &str) -> Resolved {
    if base != "/" && (raw == "/" || raw == base.trim_end_matches('/')) {
        return Resolved::Redirect(base.to_string());
    }
    let Some(rest) = raw.strip_prefix(base) else {
        return Resolved::NotFound;
    };
    let Ok(decoded) = percent_encoding::percent_decode_str(rest).decode_utf8() else {
        return Resolved::BadRequest;
    };
    if decoded.starts_with('/') || decoded.contains(['\\', '\0', ':']) {
        return Resolved::BadRequest;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, seg) in segments.iter().enumerate() {
        if *seg == "." || *seg == ".." || (seg.is_empty() && i != last) {
            return Resolved::BadRequest;
        }
    }
    if segments[0] == RESERVED {
        return match &decoded[..] {
            EVENTS_PATH => Resolved::Events,
            STATUS_PATH => Resolved::Status,
            _ => Resolved::NotFound,
        };
    }
    if decoded.is_empty() || decoded.ends_with('/') {
        Resolved::File(format!("{decoded}index.html"))
    } else {
        Resolved::File(decoded.into_owned())
    }
}

async fn handle(AxumState(shared): AxumState<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = (StatusCode::METHOD_NOT_ALLOWED, "GET or HEAD only\n").into_response();
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let state = shared.current();
    let response = match resolve(&state.base_path, uri.path()) {
        Resolved::File(path) => file_response(&state, &path, uri.query()),
        Resolved::Redirect(to) => redirect(&to, uri.query()),
        Resolved::Events => events(&shared),
        Resolved::Status => {
            let mut r = state.status_json().into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            r
        }
        Resolved::NotFound => not_found(&state),
        Resolved::BadRequest => (StatusCode::BAD_REQUEST, "bad path\n").into_response(),
    };
    let mut response = response;
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if method == Method::HEAD {
        let (parts, _) = response.into_parts();
        return Response::from_parts(parts, Body::empty());
    }
    response
}

fn file_response(state: &SiteState, path: &str, query: Option<&str>) -> Response {
    if state.generation == 0 {
        return placeholder(state);
    }
    if let Some(bytes) = state.files.get(path) {
        return page(state, StatusCode::OK, path, bytes);
    }
    // A folder asked for without its slash.
    if state.files.contains_key(&format!("{path}/index.html")) {
        return redirect(&format!("{}{path}/", state.base_path), query);
    }
    not_found(state)
}

fn not_found(state: &SiteState) -> Response {
    if state.generation == 0 {
        return placeholder(state);
    }
    match state.files.get("404.html") {
        Some(bytes) => page(state, StatusCode::NOT_FOUND, "404.html", bytes),
        None => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

fn page(state: &SiteState, status: StatusCode, path: &str, bytes: &Bytes) -> Response {
    let mime = content_type(path);
    let body = if mime.starts_with("text/html") {
        Body::from(inject(bytes, &state.base_path, state.generation))
    } else {
        Body::from(bytes.clone())
    };
    let mut r = Response::new(body);
    *r.status_mut() = status;
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    r
}

fn redirect(to: &str, query: Option<&str>) -> Response {
    let location = match query {
        Some(q) => format!("{to}?{q}"),
        None => to.to_string(),
    };
    let mut r = StatusCode::FOUND.into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

/// Shown while there has been no good build yet.
fn placeholder(state: &SiteState) -> Response {
    let html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
        <title>charter serve: the site has errors</title></head><body>\
        <h1>The site has errors</h1><p>Fix them and this page reloads by itself.</p>\
        </body></html>";
    let mut r = Response::new(Body::from(inject(html.as_bytes(), &state.base_path, 0)));
    *r.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r
}

fn events(shared: &Arc<Shared>) -> Response {
    use futures_util::stream;
    // Subscribe first, then read the state: no build can slip in between unseen.
    let rx = shared.events.subscribe();
    let state = shared.current();
    let hello = SseEvent::default().event("hello").data(state.status_json());
    let shutdown = shared.shutdown.subscribe();
    let shared = shared.clone();
    let stream = stream::unfold(
        (Some(hello), rx, shutdown, shared),
        |(hello, mut rx, mut shutdown, shared)| async move {
            if let Some(hello) = hello {
                return Some((Ok::<_, Infallible>(hello), (None, rx, shutdown, shared)));
            }
            if *shutdown.borrow() {
                return None;
            }
            let event = tokio::select! {
                _ = shutdown.changed() => return None,
                msg = rx.recv() => match msg {
                    Ok(m) => m.to_sse(),
                    // Too far behind: start over from the current state.
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        Message::Reload(shared.current().generation).to_sse()
                    }
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
            };
            Some((Ok(event), (None, rx, shutdown, shared)))
        },
    );
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}

/// Content types by extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "rss" => "application/rss+xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script before the last `</body>` (or at the end).
pub fn inject(html: &[u8], base: &str, generation: u64) -> Vec<u8> {
    let base_js = serde_json::to_string(base)
        .unwrap_or_else(|_| "\"/\"".into())
        .replace('<', "\\u003c");
    let script = format!(
        "<script data-charter-serve>{}</script>",
        RELOAD_JS
            .replace("__BASE__", &base_js)
            .replace("__GENERATION__", &generation.to_string())
            .replace(
                "__OVERLAY_CSS__",
                &serde_json::to_string(OVERLAY_CSS).unwrap_or_default()
            )
    );
    let at = find_last_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The page side of live reload. Builds the overlay with `textContent` only
/// (diagnostic text is never parsed as HTML), inside a shadow root so site
/// styles do not leak in.
const RELOAD_JS: &str = r#"(function () {
  "use strict";
  var BASE = __BASE__, GEN = __GENERATION__, CSS = __OVERLAY_CSS__;
  var KEY = "charter-serve-scroll:" + location.pathname;
  try {
    var saved = sessionStorage.getItem(KEY);
    if (saved) {
      sessionStorage.removeItem(KEY);
      var xy = saved.split(",");
      var restore = function () { window.scrollTo(+xy[0] || 0, +xy[1] || 0); };
      if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
    }
  } catch (e) {}
  function reload() {
    try { sessionStorage.setItem(KEY, window.scrollX + "," + window.scrollY); } catch (e) {}
    location.reload();
  }
  function swapCss() {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var u = new URL(links[i].href, location.href);
      if (u.origin !== location.origin) continue;
      u.searchParams.set("charter-reload", String(Date.now()));
      links[i].href = u.href;
    }
  }
  var host = null;
  function hide() { if (host) { host.remove(); host = null; } }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = String(text);
    return e;
  }
  function show(diags) {
    hide();
    host = document.createElement("charter-overlay");
    host.setAttribute("data-charter-overlay", "");
    var theme = document.documentElement.getAttribute("data-theme");
    if (theme) host.setAttribute("data-theme", theme);
    var root = host.attachShadow({ mode: "open" });
    root.appendChild(el("style", null, CSS));
    var panel = el("div", "panel");
    panel.setAttribute("role", "alert");
    var errors = diags.filter(function (d) { return d.severity === "error"; }).length;
    var head = el("div", "head");
    head.appendChild(el("strong", null, "The site has " + errors + (errors === 1 ? " error" : " errors") +
      ". Showing the last good build; this goes away when it builds again."));
    var close = el("button", "close", "\u00d7");
    close.setAttribute("aria-label", "Dismiss");
    close.addEventListener("click", hide);
    head.appendChild(close);
    panel.appendChild(head);
    var list = el("ol", "list");
    diags.forEach(function (d) {
      var li = el("li", "diag " + d.severity);
      var top = el("div", "top");
      top.appendChild(el("span", "sev", d.severity + "[" + d.code + "]"));
      if (d.file) top.appendChild(el("code", "loc", d.file + (d.line ? ":" + d.line + ":" + d.column : "")));
      li.appendChild(top);
      li.appendChild(el("div", "msg", d.message));
      if (d.help) li.appendChild(el("div", "help", "help: " + d.help));
      list.appendChild(li);
    });
    panel.appendChild(list);
    root.appendChild(panel);
    (document.body || document.documentElement).appendChild(host);
  }
  function data(e) { try { return JSON.parse(e.data); } catch (x) { return {}; } }
  if (!window.EventSource) return;
  var es = new EventSource(BASE + "__charter/events");
  es.addEventListener("hello", function (e) {
    var s = data(e);
    if (s.generation !== GEN) { reload(); return; }
    if (s.diagnostics) show(s.diagnostics); else hide();
  });
  es.addEventListener("reload", function () { hide(); reload(); });
  es.addEventListener("css", function (e) { hide(); GEN = data(e).generation; swapCss(); });
  es.addEventListener("ok", function () { hide(); });
  es.addEventListener("errors", function (e) { show(data(e).diagnostics || []); });
})();"#;

const OVERLAY_CSS: &str = r#":host { all: initial; }
.panel { position: fixed; top: 0; left: 0; right: 0; max-height: 70vh; overflow: auto;
  z-index: 2147483647; box-sizing: border-box; margin: 0; padding: 12px 16px 16px;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  background: #fff4f4; color: #1d1d1f; border-bottom: 4px solid #c62828;
  box-shadow: 0 6px 24px rgba(0,0,0,.25); text-align: left; direction: ltr; }
.head { display: flex; gap: 12px; align-items: flex-start; justify-content: space-between; }
.close { font: inherit; font-size: 20px; line-height: 1; padding: 2px 10px; cursor: pointer;
  background: transparent; color: inherit; border: 1px solid currentColor; border-radius: 4px; }
.list { margin: 8px 0 0; padding-left: 24px; }
.diag { margin: 10px 0; }
.top { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
.sev { font-weight: 700; color: #b71c1c; }
.warning .sev { color: #8a5a00; }
.loc { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: rgba(0,0,0,.07); padding: 1px 5px; border-radius: 3px; word-break: break-all; }
.msg { white-space: pre-wrap; word-break: break-word; }
.help { color: #275d2b; white-space: pre-wrap; }
@media (prefers-color-scheme: dark) {
  :host(:not([data-theme=light])) .panel { background: #2a1416; color: #f2e8e8; border-bottom-color: #ef5350; }
  :host(:not([data-theme=light])) .sev { color: #ff8a80; }
  :host(:not([data-theme=light])) .warning .sev { color: #ffcc80; }
  :host(:not([data-theme=light])) .loc { background: rgba(255,255,255,.1); }
  :host(:not([data-theme=light])) .help { color: #a5d6a7; }
}
:host([data-theme=dark]) .panel { background: #2a1416; color: #f2e8e8; border-bottom-color: #ef5350; }
:host([data-theme=dark]) .sev { color: #ff8a80; }
:host([data-theme=dark]) .warning .sev { color: #ffcc80; }
:host([data-theme=dark]) .loc { background: rgba(255,255,255,.1); }
:host([data-theme=dark]) .help { color: #a5d6a7; }
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_paths_under_the_base() {
        let b = "/docs/";
        assert_eq!(resolve(b, "/docs/"), Resolved::File("index.html".into()));
        assert_eq!(
            resolve(b, "/docs/book/why/"),
            Resolved::File("book/why/index.html".into())
        );
        assert_eq!(
            resolve(b, "/docs/a%20b.png"),
            Resolved::File("a b.png".into())
        );
        assert_eq!(resolve(b, "/docs"), Resolved::Redirect("/docs/".into()));
        assert_eq!(resolve(b, "/"), Resolved::Redirect("/docs/".into()));
        assert_eq!(resolve(b, "/other/"), Resolved::NotFound);
        assert_eq!(resolve(b, "/docs/__charter/events"), Resolved::Events);
        assert_eq!(resolve(b, "/docs/__charter/status"), Resolved::Status);
        assert_eq!(resolve(b, "/docs/__charter/x"), Resolved::NotFound);
        assert_eq!(resolve(b, "/docs/__charter/"), Resolved::NotFound);
        assert_eq!(resolve("/", "/"), Resolved::File("index.html".into()));
    }

    #[test]
    fn rejects_paths_that_leave_the_site() {
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/..%2f..%2fetc/passwd",
            "/%2E%2E%2Fx",
            "/\\..\\x",
            "/%5c..%5cx",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/a//b",
            "/./a",
            "/a/%00",
            "/C:/x",
            "/%ff",
        ] {
            assert_eq!(resolve("/", bad), Resolved::BadRequest, "{bad}");
        }
        assert_eq!(resolve("/d/", "/d/../x"), Resolved::BadRequest);
        assert_eq!(resolve("/d/", "/d//etc/passwd"), Resolved::BadRequest);
    }

    #[test]
    fn ignores_editor_and_output_files() {
        let root = Path::new("/site");
        for p in [
            "/site/.git/index",
            "/site/public/index.html",
            "/site/target/x",
            "/site/.public.charter-tmp-12/x",
            "/site/book/.01-why.md.swp",
            "/site/book/01-why.md~",
            "/site/book/.#01-why.md",
            "/site/book/#01-why.md#",
            "/site/book/4913",
        ] {
            assert!(is_ignored(root, Path::new(p)), "{p}");
        }
        for p in [
            "/site/charter.yaml",
            "/site/book/01-why.md",
            "/site/templates/base.html",
            "/site/static/site.css",
            "/site/translations/ru/ui.ftl",
            "/site/book/public/x.md",
        ] {
            assert!(!is_ignored(root, Path::new(p)), "{p}");
        }
        // Tags decide a site's versions; other git files do not count.
        assert!(is_tag_change(root, Path::new("/site/.git/refs/tags/v1.0")));
        assert!(is_tag_change(root, Path::new("/site/.git/packed-refs")));
        assert!(!is_tag_change(
            root,
            Path::new("/site/.git/refs/tags/v1.0.lock")
        ));
        assert!(!is_tag_change(
            root,
            Path::new("/site/.git/refs/heads/main")
        ));
        assert!(!is_tag_change(root, Path::new("/site/.git/index")));
    }

    #[test]
    fn injects_before_the_last_body_end() {
        let out = inject(b"<html><body>x</BODY></html>", "/d/", 3);
        let s = String::from_utf8(out).unwrap();
        let script = s.find("<script data-charter-serve>").unwrap();
        assert!(script < s.find("</BODY>").unwrap());
        assert!(s.contains("var BASE = \"/d/\", GEN = 3"));
        let s = String::from_utf8(inject(b"no body", "/</script>/", 1)).unwrap();
        assert!(s.starts_with("no body<script"));
        assert!(!s.contains("/</script>/"), "base is escaped in the script");
    }

    #[test]
    fn classifies_css_only_changes() {
        let old: HashMap<String, Bytes> = [("a.html", "1"), ("s.css", "x")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), Bytes::from(v)))
            .collect();
        let new = |pairs: &[(&str, &str)]| -> BTreeMap<String, Vec<u8>> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
                .collect()
        };
        assert_eq!(
            classify(&old, &new(&[("a.html", "1"), ("s.css", "x")])),
            Outcome::Unchanged
        );
        assert_eq!(
            classify(&old, &new(&[("a.html", "1"), ("s.css", "y")])),
            Outcome::Css
        );
        assert_eq!(
            classify(&old, &new(&[("a.html", "2"), ("s.css", "y")])),
            Outcome::Reload
        );
        assert_eq!(classify(&old, &new(&[("s.css", "x")])), Outcome::Reload);
    }
}
