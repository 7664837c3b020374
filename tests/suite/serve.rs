//! `charter serve` driven for real: a server on a free loopback port over a
//! copy of a fixture site, raw HTTP requests (so paths reach the server
//! exactly as written), edits on disk, and polling with a deadline.

use crate::common;

use charter::serve::{ServeEvent, ServeOptions, Server, WatcherKind};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BASE: &str = "/handbook/";
const DEADLINE: Duration = Duration::from_secs(20);

#[derive(Debug)]
struct Reply {
    status: u16,
    head: String,
    body: String,
}

/// One GET with the path sent byte for byte as given.
fn get(addr: SocketAddr, path: &str) -> Reply {
    let mut s = TcpStream::connect(addr).expect("connect to the server");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read the reply");
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in reply to {path}: {head}"));
    Reply {
        status,
        head: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

fn status_json(addr: SocketAddr) -> serde_json::Value {
    let r = get(addr, &format!("{BASE}__charter/status"));
    assert_eq!(r.status, 200);
    serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("status JSON: {e}: {}", r.body))
}

/// Polls until `check` holds; panics with `what` and the last value otherwise.
fn eventually<T: std::fmt::Debug>(
    what: &str,
    mut probe: impl FnMut() -> T,
    check: impl Fn(&T) -> bool,
) -> T {
    let deadline = Instant::now() + DEADLINE;
    loop {
        let v = probe();
        if check(&v) {
            return v;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; last: {v:?}"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
}

fn body_of(addr: SocketAddr, path: &str) -> String {
    get(addr, path).body
}

/// A server on a free loopback port; the events it reported are collected.
struct Running {
    server: Option<Server>,
    addr: SocketAddr,
    events: Arc<Mutex<Vec<String>>>,
}

impl Running {
    fn events(&self) -> Vec<String> {
        self.events.lock().unwrap().clone()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(s) = self.server.take() {
            s.shutdown();
        }
    }
}

fn start_with(root: &Path, tweak: impl FnOnce(&mut ServeOptions)) -> Running {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    let mut opts = ServeOptions::new(root);
    opts.port = 0;
    opts.debounce = Duration::from_millis(50);
    opts.on_event = Arc::new(move |e: &ServeEvent| {
        let line = match e {
            ServeEvent::Built {
                outcome, changed, ..
            } => format!("built {outcome:?} {changed:?}"),
            other => format!("{other:?}"),
        };
        sink.lock().unwrap().push(line);
    });
    tweak(&mut opts);
    let server = Server::start(opts).expect("the server starts");
    let addr = server.addr();
    assert!(addr.ip().is_loopback());
    assert_eq!(server.url(), format!("http://{addr}{BASE}"));
    Running {
        server: Some(server),
        addr,
        events,
    }
}

fn start(root: &Path) -> Running {
    start_with(root, |_| {})
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn serves_pages_and_shows_edits() {
    let site = common::copy_fixture("basic");
    let s = start(site.path());
    let why = format!("{BASE}book/why/");

    let page = get(s.addr, &why);
    assert_eq!(page.status, 200);
    assert!(
        page.head.contains("content-type: text/html"),
        "{}",
        page.head
    );
    assert!(page.body.contains("Why we exist"));
    // The reload script is injected into served pages, just before </body>.
    let script = page.body.find("__charter/events").expect("reload script");
    assert!(script < page.body.rfind("</body>").unwrap());
    // ... and never into what `build` writes.
    let built = common::build_at(site.path(), |_| {});
    assert!(!built.text("book/why/index.html").contains("__charter"));

    // Folders, redirects, content types.
    assert_eq!(get(s.addr, BASE).status, 200);
    let r = get(s.addr, "/handbook");
    assert_eq!(r.status, 302);
    assert!(r.head.contains("location: /handbook/"), "{}", r.head);
    let r = get(s.addr, "/handbook/book/why");
    assert_eq!(r.status, 302);
    assert!(
        r.head.contains("location: /handbook/book/why/"),
        "{}",
        r.head
    );
    let css = get(s.addr, "/handbook/assets/charter.css");
    assert_eq!(css.status, 200);
    assert!(css.head.contains("content-type: text/css"));
    assert!(!css.body.contains("__charter"));
    let svg = get(s.addr, "/handbook/book/images/flow.svg");
    assert!(
        svg.head.contains("content-type: image/svg+xml"),
        "{}",
        svg.head
    );

    // Edit the source: the new text is served without restarting.
    edit(
        &site.path().join("book/01-why.md"),
        "A duplicate heading",
        "A freshly edited heading",
    );
    eventually(
        "the edited text",
        || body_of(s.addr, &why),
        |b| b.contains("A freshly edited heading"),
    );
    // A new chapter appears too.
    std::fs::write(
        site.path().join("book/SUMMARY.md"),
        std::fs::read_to_string(site.path().join("book/SUMMARY.md")).unwrap()
            + "- [Later](03-later.md)\n",
    )
    .unwrap();
    std::fs::write(
        site.path().join("book/03-later.md"),
        "---\ntitle: Later\n---\n\n# Later\n\nA brand new chapter.\n",
    )
    .unwrap();
    eventually(
        "the new chapter",
        || get(s.addr, &format!("{BASE}book/later/")),
        |r| r.status == 200 && r.body.contains("A brand new chapter"),
    );
}

/// `serve` starts from the code blocks the last build highlighted and
/// keeps those its first build adds: the next session (or build) finds
/// them, and serves the same pages.
#[test]
fn serve_keeps_highlighted_code_for_the_next_start() {
    let site = common::copy_fixture("basic");
    let stored = site.path().join(".charter-cache/highlight");
    let path = format!("{BASE}book/why/");
    let first = {
        let s = start(site.path());
        get(s.addr, &path).body
    };
    assert!(first.contains("hl-"), "{first}");
    let bytes = std::fs::read(&stored).expect("the session kept its blocks");
    let again = {
        let s = start(site.path());
        get(s.addr, &path).body
    };
    assert_eq!(again, first);
    assert_eq!(
        std::fs::read(&stored).unwrap(),
        bytes,
        "nothing new to keep"
    );
}

#[test]
fn a_broken_site_keeps_the_last_good_one_and_reports_why() {
    let site = common::copy_fixture("basic");
    let s = start(site.path());
    let why = format!("{BASE}book/why/");
    assert!(body_of(s.addr, &why).contains("Why we exist"));

    // A broken link: the rebuild fails, the last good page is still served.
    let chapter = site.path().join("book/01-why.md");
    edit(
        &chapter,
        "A duplicate heading",
        "See [nowhere](no-such-chapter.md). A duplicate heading",
    );
    let status = eventually(
        "the broken link to be reported",
        || status_json(s.addr),
        |v| v["ok"] == false,
    );
    let diags = status["diagnostics"].as_array().unwrap();
    let broken = diags
        .iter()
        .find(|d| d["code"] == "broken-link")
        .unwrap_or_else(|| panic!("a broken-link diagnostic: {status}"));
    assert_eq!(broken["file"], "book/01-why.md");
    assert_eq!(broken["severity"], "error");
    assert!(broken["line"].as_u64().unwrap() > 1);
    let page = get(s.addr, &why);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Why we exist"));
    assert!(
        !page.body.contains("nowhere"),
        "the last good build is served"
    );

    // A page opened now gets the errors at once from the event stream.
    let hello = sse_until(s.addr, "event: hello", Duration::from_secs(10));
    assert!(hello.contains("broken-link"), "{hello}");
    assert!(hello.contains("book/01-why.md"), "{hello}");

    // An unknown config key: reported with the file.
    edit(&chapter, "See [nowhere](no-such-chapter.md). ", "");
    let config = site.path().join("charter.yaml");
    let good_config = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{good_config}titel: Oops\n")).unwrap();
    let status = eventually(
        "the unknown key to be reported",
        || status_json(s.addr),
        |v| v["diagnostics"].to_string().contains("unknown-key"),
    );
    assert!(status.to_string().contains("charter.yaml"), "{status}");
    assert!(status.to_string().contains("did you mean"), "{status}");
    assert_eq!(get(s.addr, &why).status, 200);

    // Fixed: the errors are gone.
    std::fs::write(&config, &good_config).unwrap();
    eventually(
        "the errors to clear",
        || status_json(s.addr),
        |v| v["ok"] == true && v["diagnostics"].is_null(),
    );
    assert!(body_of(s.addr, &why).contains("Why we exist"));
}

/// Reads the event stream until `marker` has been seen and the event is complete.
fn sse_until(addr: SocketAddr, marker: &str, limit: Duration) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    write!(
        s,
        "GET {BASE}__charter/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let deadline = Instant::now() + limit;
    let mut seen = String::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(at) = seen.find(marker) {
            if seen[at..].contains("\n\n") || seen[at..].contains("\r\n\r\n") {
                return seen;
            }
        }
        assert!(
            Instant::now() < deadline,
            "no `{marker}` on the event stream; got:\n{seen}"
        );
        match s.read(&mut buf) {
            Ok(0) => panic!("event stream closed; got:\n{seen}"),
            Ok(n) => seen.push_str(&String::from_utf8_lossy(&buf[..n])),
            Err(_) => {}
        }
    }
}

#[test]
fn css_only_changes_swap_stylesheets_and_page_edits_reload() {
    let site = common::copy_fixture("basic");
    std::fs::write(
        site.path().join("static/extra.css"),
        "body { color: red }\n",
    )
    .unwrap();
    let s = start(site.path());
    let mut stream = TcpStream::connect(s.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    write!(
        stream,
        "GET {BASE}__charter/events HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    .unwrap();
    let mut seen = String::new();
    let mut read_until = |marker: &str| {
        let deadline = Instant::now() + DEADLINE;
        let mut buf = [0u8; 4096];
        while !seen.contains(marker) {
            assert!(Instant::now() < deadline, "no {marker}; got:\n{seen}");
            if let Ok(n) = stream.read(&mut buf) {
                assert!(n > 0, "stream closed; got:\n{seen}");
                seen.push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        }
        seen.clone()
    };
    assert!(read_until("event: hello").contains("text/event-stream"));
    std::fs::write(
        site.path().join("static/extra.css"),
        "body { color: blue }\n",
    )
    .unwrap();
    let got = read_until("event: css");
    assert!(!got.contains("event: reload"), "{got}");
    assert!(body_of(s.addr, "/handbook/extra.css").contains("blue"));
    edit(
        &site.path().join("book/01-why.md"),
        "A duplicate heading",
        "A changed heading",
    );
    read_until("event: reload");
}

#[test]
fn paths_never_leave_the_site() {
    // A secret next to the site root, and the site's own sources: never served.
    let outer = tempfile::tempdir().unwrap();
    std::fs::write(outer.path().join("secret.txt"), "TOP SECRET").unwrap();
    let root = outer.path().join("site");
    std::fs::create_dir(&root).unwrap();
    common::copy_dir(&common::fixture("basic"), &root);
    let s = start(&root);
    let cases = [
        "/../etc/passwd",
        "/%2e%2e/etc/passwd",
        "/..%2f..%2fetc/passwd",
        "/\\..\\etc\\passwd",
        "//etc/passwd",
        "/handbook/../secret.txt",
        "/handbook/../../secret.txt",
        "/handbook/%2e%2e/secret.txt",
        "/handbook/%2E%2E%2Fsecret.txt",
        "/handbook/..%2fsecret.txt",
        "/handbook/..%5csecret.txt",
        "/handbook/\\..\\secret.txt",
        "/handbook//etc/passwd",
        "/handbook/%2fetc%2fpasswd",
        "/handbook/./index.html",
        "/handbook/book/%00",
        "/handbook/C:/Windows/win.ini",
        "/handbook/charter.yaml",
        "/handbook/book/01-why.md",
        "/handbook/__charter/../charter.yaml",
        "/handbook/__charter/",
        "/handbook/__charter/anything",
    ];
    for path in cases {
        let r = get(s.addr, path);
        assert!(
            r.status == 400 || r.status == 404,
            "{path} → {} {}",
            r.status,
            r.body
        );
        for leaked in ["TOP SECRET", "root:", "title: Basic Fixture"] {
            assert!(!r.body.contains(leaked), "{path} leaked {leaked}");
        }
    }
}

#[test]
fn unknown_paths_get_the_sites_404_page() {
    let site = common::copy_fixture("basic");
    let s = start(site.path());
    for path in [
        "/handbook/no/such/page/",
        "/handbook/nope.png",
        "/elsewhere/",
    ] {
        let r = get(s.addr, path);
        assert_eq!(r.status, 404, "{path}");
        assert!(r.head.contains("content-type: text/html"), "{path}");
        assert!(
            r.body
                .contains("<title>Page not found — Basic Fixture</title>"),
            "{path}: {}",
            r.body
        );
        assert!(
            r.body.contains("__charter/events"),
            "the 404 page reloads too"
        );
    }
}

#[test]
fn deleting_the_config_is_an_error_until_it_is_back() {
    let site = common::copy_fixture("basic");
    let s = start(site.path());
    let config = site.path().join("charter.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::remove_file(&config).unwrap();
    let status = eventually(
        "the missing config to be reported",
        || status_json(s.addr),
        |v| v["ok"] == false,
    );
    assert!(
        status["diagnostics"].to_string().contains("charter.yaml"),
        "{status}"
    );
    assert!(body_of(s.addr, &format!("{BASE}book/why/")).contains("Why we exist"));

    std::fs::write(&config, text).unwrap();
    eventually("recovery", || status_json(s.addr), |v| v["ok"] == true);
    edit(
        &site.path().join("book/01-why.md"),
        "A duplicate heading",
        "Alive again",
    );
    eventually(
        "edits after recovery",
        || body_of(s.addr, &format!("{BASE}book/why/")),
        |b| b.contains("Alive again"),
    );
}

#[test]
fn a_burst_of_saves_coalesces_into_few_rebuilds() {
    let site = common::copy_fixture("basic");
    let s = start(site.path());
    let before = status_json(s.addr)["builds"].as_u64().unwrap();
    let chapter = site.path().join("book/01-why.md");
    let original = std::fs::read_to_string(&chapter).unwrap();
    // 100 saves within about a second, the way an editor's autosave or a
    // formatter over many files would.
    for i in 0..100 {
        std::fs::write(
            &chapter,
            original.replace("A duplicate heading", &format!("Save {i} of")),
        )
        .unwrap();
        std::thread::sleep(Duration::from_millis(10));
    }
    eventually(
        "the last save",
        || body_of(s.addr, &format!("{BASE}book/why/")),
        |b| b.contains("Save 99 of"),
    );
    let builds = status_json(s.addr)["builds"].as_u64().unwrap() - before;
    assert!(
        (1..=20).contains(&builds),
        "100 saves caused {builds} rebuilds; events: {:?}",
        s.events()
    );
}

#[test]
fn ignored_files_do_not_rebuild() {
    let site = common::copy_fixture("basic");
    let s = start(site.path());
    for name in [
        "book/.01-why.md.swp",
        "book/01-why.md~",
        "book/.#01-why.md",
        "book/4913",
    ] {
        std::fs::write(site.path().join(name), "junk").unwrap();
    }
    std::fs::create_dir_all(site.path().join("public")).unwrap();
    std::fs::write(site.path().join("public/index.html"), "old output").unwrap();
    // Then one real change; the rebuilds name what triggered them.
    std::fs::write(site.path().join("static/marker.txt"), "marker").unwrap();
    eventually(
        "the real change",
        || get(s.addr, "/handbook/marker.txt"),
        |r| r.status == 200,
    );
    let events = s.events();
    let rebuilds: Vec<&String> = events
        .iter()
        .filter(|e| e.starts_with("built Reload"))
        .collect();
    assert!(!rebuilds.is_empty(), "{events:?}");
    for e in &rebuilds {
        assert!(e.contains("marker.txt"), "{e}");
        for junk in [".swp", "~", ".#", "4913", "public"] {
            assert!(!e.contains(junk), "{junk} triggered a rebuild: {e}");
        }
    }
}

#[test]
fn the_poll_watcher_sees_changes_too() {
    let site = common::copy_fixture("basic");
    let s = start_with(site.path(), |o| {
        o.watcher = WatcherKind::Poll;
        o.poll_interval = Duration::from_millis(100);
    });
    edit(
        &site.path().join("book/01-why.md"),
        "A duplicate heading",
        "Polled heading",
    );
    eventually(
        "the polled edit",
        || body_of(s.addr, &format!("{BASE}book/why/")),
        |b| b.contains("Polled heading"),
    );
}

#[test]
fn a_taken_port_moves_to_the_next() {
    let site = common::copy_fixture("basic");
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    if port > u16::MAX - 11 {
        return; // no room above it to try
    }
    let s = start_with(site.path(), |o| o.port = port);
    assert!(
        (port + 1..=port + 10).contains(&s.addr.port()),
        "{} after {port}",
        s.addr.port()
    );
    assert!(
        s.events()
            .iter()
            .any(|e| e == &format!("PortTaken({port})")),
        "{:?}",
        s.events()
    );
    assert_eq!(get(s.addr, BASE).status, 200);
}

#[test]
fn a_site_broken_from_the_start_is_served_once_fixed() {
    let site = common::copy_fixture("basic");
    let chapter = site.path().join("book/01-why.md");
    edit(
        &chapter,
        "A duplicate heading",
        "[gone](gone.md) A duplicate heading",
    );
    let s = start(site.path());
    let r = get(s.addr, &format!("{BASE}book/why/"));
    assert_eq!(r.status, 503);
    assert!(
        r.body.contains("__charter/events"),
        "the placeholder reloads by itself"
    );
    assert_eq!(status_json(s.addr)["ok"], false);
    edit(&chapter, "[gone](gone.md) ", "");
    eventually(
        "the fixed site",
        || get(s.addr, &format!("{BASE}book/why/")),
        |r| r.status == 200 && r.body.contains("Why we exist"),
    );
}

#[test]
fn a_template_syntax_error_is_reported_and_recovers() {
    let site = common::copy_fixture("basic");
    let s = start(site.path());
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    let template = site.path().join("templates/page.html");
    std::fs::write(
        &template,
        "{% extends \"base.html\" %}{% block content %}{% if %}{% endblock %}",
    )
    .unwrap();
    let status = eventually(
        "the template error",
        || status_json(s.addr),
        |v| v["ok"] == false,
    );
    assert!(
        status["diagnostics"]
            .to_string()
            .contains("templates/page.html"),
        "{status}"
    );
    assert!(body_of(s.addr, &format!("{BASE}book/why/")).contains("Why we exist"));
    std::fs::remove_file(&template).unwrap();
    eventually("recovery", || status_json(s.addr), |v| v["ok"] == true);
}

#[test]
fn renamed_and_deleted_files_are_seen() {
    let site = common::copy_fixture("basic");
    let s = start(site.path());
    let img = site.path().join("static/img");
    std::fs::write(
        img.join("extra.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    eventually(
        "the new file",
        || get(s.addr, "/handbook/img/extra.svg").status,
        |s| *s == 200,
    );
    std::fs::rename(img.join("extra.svg"), img.join("moved.svg")).unwrap();
    eventually(
        "the renamed file",
        || get(s.addr, "/handbook/img/moved.svg").status,
        |s| *s == 200,
    );
    assert_eq!(get(s.addr, "/handbook/img/extra.svg").status, 404);
    std::fs::remove_file(img.join("moved.svg")).unwrap();
    eventually(
        "the deleted file",
        || get(s.addr, "/handbook/img/moved.svg").status,
        |s| *s == 404,
    );
    // A folder renamed into place is seen with its contents.
    let staging = site.path().join("incoming");
    std::fs::create_dir(&staging).unwrap();
    std::fs::write(staging.join("new.txt"), "arrived").unwrap();
    std::fs::rename(&staging, img.join("batch")).unwrap();
    eventually(
        "the renamed folder",
        || body_of(s.addr, "/handbook/img/batch/new.txt"),
        |b| b.contains("arrived"),
    );
    assert_eq!(status_json(s.addr)["ok"], true);
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_static_is_never_served() {
    let outer = tempfile::tempdir().unwrap();
    std::fs::write(outer.path().join("secret.txt"), "TOP SECRET").unwrap();
    let root = outer.path().join("site");
    std::fs::create_dir(&root).unwrap();
    common::copy_dir(&common::fixture("basic"), &root);
    let s = start(&root);
    std::os::unix::fs::symlink(
        outer.path().join("secret.txt"),
        root.join("static/leak.txt"),
    )
    .unwrap();
    let status = eventually(
        "the unsafe symlink to be reported",
        || status_json(s.addr),
        |v| v["ok"] == false,
    );
    assert!(status.to_string().contains("unsafe-path"), "{status}");
    let r = get(s.addr, "/handbook/leak.txt");
    assert_eq!(r.status, 404);
    assert!(!r.body.contains("TOP SECRET"));
}

/// The binary: `charter serve ROOT -p 0 -i 0.0.0.0` warns, prints its URL and serves.
#[test]
fn the_cli_serves_and_warns_off_loopback() {
    use std::io::BufRead;
    use std::process::{Command, Stdio};
    let site = common::copy_fixture("basic");
    let mut child = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(["serve", "-p", "0", "-i", "0.0.0.0", "--color", "never"])
        .arg(site.path())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("start charter serve");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let mut seen = Vec::new();
    let url = loop {
        let line = rx
            .recv_timeout(DEADLINE)
            .unwrap_or_else(|_| panic!("no URL printed; got {seen:?}"));
        if let Some(rest) = line.strip_prefix("Serving at ") {
            break rest.split_whitespace().next().unwrap().to_string();
        }
        seen.push(line);
    };
    let printed = seen.join("\n");
    assert!(
        printed.contains("warning: listening on 0.0.0.0"),
        "{printed}"
    );
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with(BASE),
        "{url}"
    );
    let addr: SocketAddr = url["http://".len()..url.len() - BASE.len() + 1]
        .trim_end_matches('/')
        .parse()
        .unwrap();
    let page = get(addr, &format!("{BASE}book/why/"));
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Why we exist"));
}

#[test]
fn a_site_with_versions_serves_every_version_and_edits_the_working_tree() {
    let site = common::versioned_example();
    let s = start_with(site.path(), |o| o.base_url = Some(BASE.into()));
    let get_rb = |path: &str| get(s.addr, &format!("{BASE}{path}"));
    assert_eq!(get_rb("v1.0/book/legacy/").status, 200);
    assert_eq!(get_rb("book/why/").status, 200);
    assert_eq!(get_rb("versions.json").status, 200);
    let roadmap = "next/book/roadmap/";
    assert!(get_rb(roadmap).body.contains("What comes next"));
    edit(
        &site.path().join("book/07-roadmap.md"),
        "What comes next",
        "What comes after v2.0",
    );
    eventually(
        "the edited working tree",
        || get_rb(roadmap).body,
        |b| b.contains("What comes after v2.0") && b.contains("data-switcher=\"version\""),
    );
    // Writing the version cache does not count as a change.
    std::thread::sleep(Duration::from_millis(600));
    let builds = s.events().iter().filter(|e| e.starts_with("built")).count();
    assert_eq!(builds, 2, "{:#?}", s.events());
    // A new tag is a new version, served without a restart: v3.0 is the
    // latest now, so v2.0 moves under /v2.0/.
    common::git(site.path(), &["tag", "v3.0", "v2.0"]);
    eventually(
        "the new tag's version",
        || get_rb("v2.0/book/why/").status,
        |status| *status == 200,
    );
}

/// The search box works in `serve`: the bundle is served under the base
/// path, its module script as JavaScript, and the pages point at it.
#[cfg(feature = "search")]
#[test]
fn serves_the_search_bundle() {
    let site = common::copy_fixture("basic");
    let s = start(site.path());
    let page = get(s.addr, &format!("{BASE}book/why/"));
    assert!(
        page.body
            .contains(&format!("data-search-url=\"{BASE}pagefind/pagefind.js\"")),
        "{}",
        page.body
    );
    let js = get(s.addr, &format!("{BASE}pagefind/pagefind.js"));
    assert_eq!(js.status, 200);
    assert!(
        js.head.contains("content-type: text/javascript"),
        "{}",
        js.head
    );
    let entry = get(s.addr, &format!("{BASE}pagefind/pagefind-entry.json"));
    assert_eq!(entry.status, 200);
    assert!(entry.body.contains("\"en\""), "{}", entry.body);
    assert_eq!(
        get(s.addr, &format!("{BASE}pagefind/wasm.en.pagefind")).status,
        200
    );
}
