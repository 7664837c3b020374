//! Real-browser tests: headless Debian chromium driven over WebDriver
//! (chromedriver), against the example site built under a base path and
//! served from a small loopback HTTP server. Screenshots go to
//! `target/screenshots/`. Without chromedriver the tests are skipped locally
//! and fail when `CI=true`.

use crate::common;

use base64::Engine;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BASE: &str = "/riverbank/";

fn tool(name: &str) -> Option<PathBuf> {
    ["/usr/bin", "/usr/local/bin", "/usr/lib/chromium"]
        .iter()
        .map(|d| Path::new(d).join(name))
        .find(|p| p.is_file())
}

/// The chromium and chromedriver binaries, or `None` to skip (never in CI).
fn browser_tools() -> Option<(PathBuf, PathBuf)> {
    let found = tool("chromium").zip(tool("chromedriver"));
    if found.is_none() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("chromium and chromedriver are required in CI (apt-get install chromium chromium-driver)");
        }
        eprintln!("skipping browser test: chromium/chromedriver not installed");
    }
    found
}

/// Serves a folder under `BASE` on loopback; unknown paths get 404.html.
fn serve(dir: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            std::thread::spawn(move || respond(stream, &dir));
        }
    });
    port
}

fn respond(mut stream: TcpStream, dir: &Path) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
            break;
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let file = path.strip_prefix(BASE).map(|rest| {
        let mut f = dir.join(rest.replace("%20", " "));
        if rest.is_empty() || rest.ends_with('/') {
            f = f.join("index.html");
        }
        f
    });
    let (status, file) = match file.filter(|f| f.is_file() && !path.contains("..")) {
        Some(f) => ("200 OK", f),
        None => ("404 Not Found", dir.join("404.html")),
    };
    let body = std::fs::read(&file).unwrap_or_default();
    let mime = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    let head = format!("HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

struct Driver {
    child: Child,
    base: String,
    session: String,
    _profile: tempfile::TempDir,
}

impl Driver {
    fn start(chromium: &Path, chromedriver: &Path) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while let Err(e) = ureq::get(&format!("{base}/status")).call() {
            assert!(Instant::now() < deadline, "chromedriver did not start: {e}");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-dev-shm-usage",
            &format!("--user-data-dir={}", profile.path().display()),
        ];
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args}
        }}});
        let mut driver = Driver {
            child,
            base,
            session: String::new(),
            _profile: profile,
        };
        let created = driver.post("/session", caps);
        driver.session = created["sessionId"]
            .as_str()
            .expect("session id")
            .to_string();
        driver
    }

    fn post(&self, path: &str, body: Value) -> Value {
        let url = if path == "/session" {
            format!("{}{path}", self.base)
        } else {
            format!("{}/session/{}{path}", self.base, self.session)
        };
        let mut resp = ureq::post(&url)
            .send_json(body)
            .unwrap_or_else(|e| panic!("POST {path}: {e}"));
        let v: Value = resp.body_mut().read_json().unwrap();
        v["value"].clone()
    }

    fn get(&self, path: &str) -> Value {
        let url = format!("{}/session/{}{path}", self.base, self.session);
        let mut resp = ureq::get(&url)
            .call()
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        let v: Value = resp.body_mut().read_json().unwrap();
        v["value"].clone()
    }

    fn goto(&self, url: &str) {
        self.post("/url", json!({ "url": url }));
    }

    fn js(&self, script: &str) -> Value {
        self.post("/execute/sync", json!({ "script": script, "args": [] }))
    }

    fn click(&self, css: &str) {
        let el = self.post("/element", json!({ "using": "css selector", "value": css }));
        let id = el
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element {css}: {el}"));
        self.post(&format!("/element/{id}/click"), json!({}));
    }

    fn resize(&self, width: u32, height: u32) {
        self.post("/window/rect", json!({ "width": width, "height": height }));
    }

    fn screenshot(&self, name: &str) {
        let data = self.get("/screenshot");
        let png = base64::engine::general_purpose::STANDARD
            .decode(data.as_str().unwrap())
            .unwrap();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }

    /// Polls a script until it returns `expected` (transitions take a moment).
    fn wait_for(&self, script: &str, expected: Value) -> bool {
        let deadline = Instant::now() + Duration::from_secs(3);
        loop {
            if self.js(script) == expected {
                return true;
            }
            if Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn path(&self) -> String {
        self.js("return location.pathname")
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = ureq::delete(&format!("{}/session/{}", self.base, self.session)).call();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The example site built and served, and a desktop-sized browser;
/// `None` to skip (see `browser_tools`).
fn example_in_a_browser() -> Option<(tempfile::TempDir, String, Driver)> {
    let (chromium, chromedriver) = browser_tools()?;
    let (out, port) = built_example();
    let driver = Driver::start(&chromium, &chromedriver);
    driver.resize(1280, 900);
    Some((out, format!("http://127.0.0.1:{port}"), driver))
}

fn built_example() -> (tempfile::TempDir, u16) {
    built(&common::example_site())
}

/// Builds a site under `BASE` and serves it on loopback.
fn built(root: &Path) -> (tempfile::TempDir, u16) {
    built_with(root, &[])
}

/// `built`, with environment variables for the build.
fn built_with(root: &Path, env: &[(&str, &str)]) -> (tempfile::TempDir, u16) {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let status = Command::new(env!("CARGO_BIN_EXE_charter"))
        .envs(env.iter().copied())
        .args(["build", "-q", "-u", &format!("http://127.0.0.1{BASE}")])
        .arg(root)
        .arg("-o")
        .arg(&site)
        .status()
        .unwrap();
    assert!(status.success());
    let port = serve(site);
    (out, port)
}

#[test]
fn example_site_in_a_real_browser() {
    // Desktop: the home page, the sidebar tree from the shared nav script.
    let Some((_out, origin, driver)) = example_in_a_browser() else {
        return;
    };
    driver.goto(&format!("{origin}{BASE}"));
    driver.screenshot("home-desktop");
    let title = driver.js("return document.title");
    assert!(
        title.as_str().unwrap_or("").contains("Riverbank"),
        "{title}"
    );

    // Follow next from home into the book, then next and previous.
    driver.click("a[rel=next]");
    let first = driver.path();
    assert!(first.starts_with(&format!("{BASE}book/")), "{first}");
    let sidebar_links = driver.js(
        "return document.querySelectorAll('nav.sidebar a[href], [data-sidebar] a[href]').length",
    );
    assert!(
        sidebar_links.as_u64().unwrap_or(0) >= 5,
        "sidebar has the chapter tree: {sidebar_links}"
    );
    driver.click("a[rel=next]");
    let second = driver.path();
    assert_ne!(first, second);
    driver.screenshot("chapter-desktop");
    driver.click("a[rel=prev]");
    assert_eq!(driver.path(), first);
    // The arrow keys turn the page, as in mdBook.
    driver.press(&["\u{E014}"]); // ArrowRight
    assert!(
        driver.wait_for(
            &format!("return location.pathname === '{second}'"),
            json!(true)
        ),
        "→ goes to the next page: {}",
        driver.path()
    );
    driver.press(&["\u{E012}"]); // ArrowLeft
    assert!(
        driver.wait_for(
            &format!("return location.pathname === '{first}'"),
            json!(true)
        ),
        "← goes back: {}",
        driver.path()
    );

    // Dark mode toggle flips the theme and remembers it across pages.
    let before = driver.js("return getComputedStyle(document.body).backgroundColor");
    driver.click("[data-theme-toggle]");
    let theme = driver.js("return document.documentElement.dataset.theme");
    let after = driver.js("return getComputedStyle(document.body).backgroundColor");
    assert_ne!(before, after, "background changes with the theme ({theme})");
    driver.screenshot("chapter-dark");
    driver.goto(&format!("{origin}{BASE}"));
    assert_eq!(
        driver.js("return document.documentElement.dataset.theme"),
        theme,
        "the choice is remembered"
    );
    driver.click("[data-theme-toggle]");

    // Phone: the sidebar hides behind the menu button, which opens it.
    driver.resize(360, 800);
    driver.goto(&format!("{origin}{first}"));
    let width = driver.js("return document.documentElement.scrollWidth");
    assert!(
        width.as_u64().unwrap_or(9999) <= 360,
        "no horizontal scroll on a phone: {width}"
    );
    let visible = "const s=document.querySelector('nav.sidebar, [data-sidebar]'); const r=s.getBoundingClientRect(); return getComputedStyle(s).display!=='none' && getComputedStyle(s).visibility!=='hidden' && r.width>0 && r.right>0 && r.left<innerWidth";
    assert_eq!(
        driver.js(visible),
        json!(false),
        "sidebar hidden on a phone"
    );
    driver.screenshot("chapter-phone");
    driver.click("[data-menu-toggle]");
    let fully_open = "const r=document.querySelector('nav.sidebar, [data-sidebar]').getBoundingClientRect(); return r.left>=0 && r.width>0";
    assert!(
        driver.wait_for(fully_open, json!(true)),
        "menu opens the sidebar"
    );
    driver.screenshot("chapter-phone-menu");

    // The print view: no chrome, the text on white.
    driver.resize(1280, 900);
    driver.goto(&format!("{origin}{first}"));
    driver.post(
        "/goog/cdp/execute",
        json!({"cmd": "Emulation.setEmulatedMedia", "params": {"media": "print"}}),
    );
    let hidden = "return ['nav.sidebar','.site-header','.prevnext'].every(s => { const e=document.querySelector(s); return !e || getComputedStyle(e).display==='none'; })";
    assert_eq!(
        driver.js(hidden),
        json!(true),
        "print hides the sidebar, header and prev/next"
    );
    driver.screenshot("chapter-print");
    driver.post(
        "/goog/cdp/execute",
        json!({"cmd": "Emulation.setEmulatedMedia", "params": {"media": ""}}),
    );

    // An unknown URL gets the styled 404 page with working links.
    driver.resize(1280, 900);
    driver.goto(&format!("{origin}{BASE}no/such/page/"));
    let css_loaded = driver.js("return getComputedStyle(document.body).fontFamily");
    assert!(
        !css_loaded.as_str().unwrap_or("").contains("Times"),
        "404 page is styled: {css_loaded}"
    );
    driver.screenshot("not-found");
    let hint = "const p = document.querySelector('[data-not-found-suggestion]'); \
                return [p.hidden, p.querySelector('a').getAttribute('href'), p.textContent.trim()]";
    assert_eq!(
        driver.js(hint)[0],
        json!(true),
        "nothing close to no/such/page/"
    );

    // A mistyped or renamed chapter's address: the 404 page offers the
    // closest chapter by address or title.
    driver.goto(&format!("{origin}{BASE}book/why-we-exsit/"));
    let shown = driver.js(hint);
    assert_eq!(shown[0], json!(false), "{shown}");
    assert_eq!(shown[1], json!(format!("{BASE}book/why/")), "{shown}");
    assert_eq!(
        shown[2],
        json!("Perhaps you were looking for: Why we exist"),
        "{shown}"
    );
    driver.screenshot("not-found-suggestion");
}

/// Every code block gets a "Copy" button, labelled in the page's language,
/// that copies the block's text and says so; GitHub alerts are boxes.
#[test]
fn code_blocks_and_alerts_in_a_real_browser() {
    let Some((_out, origin, driver)) = example_in_a_browser() else {
        return;
    };
    driver.goto(&format!("{origin}{BASE}book/contributing/"));
    let counts = driver.js(
        "return [document.querySelectorAll('.content pre.code').length, document.querySelectorAll('.code-block > pre.code + [data-copy-code]').length]",
    );
    let blocks = counts[0].as_u64().unwrap_or(0);
    assert!(blocks >= 2, "{counts}");
    assert_eq!(counts[1], counts[0], "one button per block");
    // Record what reaches the clipboard: a headless browser has none to read.
    driver.js(
        "window.copied = null; Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: function (t) { window.copied = t; return Promise.resolve(); } } }); return null",
    );
    // The second block's button, clicked as a reader would.
    let second = "document.querySelectorAll('[data-copy-code]')[1]";
    driver.js(&format!(
        "{second}.setAttribute('data-test-target', ''); {second}.scrollIntoView({{block: 'center'}}); return null"
    ));
    assert_eq!(
        driver.js(&format!("return {second}.textContent")),
        json!("Copy")
    );
    driver.click("[data-test-target]");
    assert!(
        driver.wait_for(
            "return window.copied === document.querySelectorAll('.content pre.code')[1].querySelector('code').textContent",
            json!(true)
        ),
        "the second block's text is copied: {}",
        driver.js("return window.copied")
    );
    assert_eq!(
        driver.js(&format!("return {second}.textContent")),
        json!("Copied")
    );
    driver.screenshot("code-copied");

    // GitHub alerts: titled boxes, each kind in its own colour.
    driver.goto(&format!("{origin}{BASE}book/contributing/patches/"));
    let alerts = driver.js(
        "return Array.from(document.querySelectorAll('.content [data-alert]')).map(a => [a.dataset.alert, a.querySelector('.alert-title').textContent, getComputedStyle(a).borderInlineStartColor])",
    );
    let alerts = alerts.as_array().cloned().unwrap_or_default();
    assert_eq!(alerts.len(), 2, "{alerts:?}");
    assert_eq!(alerts[0][0], json!("tip"));
    assert_eq!(alerts[0][1], json!("Tip"));
    assert_eq!(alerts[1][1], json!("Important"));
    assert_ne!(alerts[0][2], alerts[1][2], "each kind has its colour");
    driver.js(
        "document.querySelector('[data-alert]').scrollIntoView({block: 'center'}); return null",
    );
    driver.screenshot("alerts");
    driver.goto(&format!("{origin}{BASE}ru/book/contributing/"));
    assert_eq!(
        driver.js("return document.querySelector('[data-copy-code]').textContent"),
        json!("Копировать")
    );
}

#[test]
fn zeromq_spec_pages_in_a_real_browser() {
    let Some((chromium, chromedriver)) = browser_tools() else {
        return;
    };
    let corpus = common::with_config(
        "zeromq-rfc",
        &format!("{}lints: {{ broken-link: warn }}\n", common::ZEROMQ_CONFIG),
    );
    let (_out, port) = built(corpus.path());
    let origin = format!("http://127.0.0.1:{port}");
    let driver = Driver::start(&chromium, &chromedriver);
    driver.resize(1280, 900);

    // Real specs (long ABNF, tables, images) pass the accessibility rules too.
    let axe = axe_script();
    let mut problems = Vec::new();
    for theme in ["light", "dark"] {
        driver.goto(&format!("{origin}{BASE}"));
        driver.js(&format!("localStorage.setItem('charter-theme', '{theme}')"));
        for (page, name) in [
            ("spec/", "registry"),
            ("spec/42/", "spec-42"),
            ("spec/22/", "spec-22"),
            ("spec/23/", "spec-23"),
            ("spec/9/", "spec-9"),
        ] {
            driver.goto(&format!("{origin}{BASE}{page}"));
            assert_eq!(
                driver.js("return document.documentElement.dataset.theme"),
                json!(theme)
            );
            if !name.ends_with("23") && !name.ends_with('9') {
                driver.screenshot(&format!("zeromq-{name}-{theme}"));
            }
            if let Some(axe) = &axe {
                problems.extend(axe_violations(&driver, axe, &format!("{theme} /{page}")));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // The deprecated banner leads to the successor.
    driver.goto(&format!("{origin}{BASE}spec/22/"));
    driver.click("[data-banner=deprecated] a");
    assert_eq!(driver.path(), format!("{BASE}spec/42/"));
    assert_eq!(
        driver.js("return document.querySelector('.spec-header [data-status]').dataset.status"),
        json!("stable")
    );

    // The registry filter works offline.
    driver.goto(&format!("{origin}{BASE}spec/"));
    let visible_rows = "return [...document.querySelectorAll('.registry-table tbody tr')].filter(r => !r.hidden).length";
    assert_eq!(driver.js(visible_rows), json!(52));
    driver.js("const i=document.querySelector('[data-registry-filter]'); i.value='curve'; i.dispatchEvent(new Event('input'))");
    let shown = driver.js(visible_rows).as_u64().unwrap();
    assert!(
        (1..52).contains(&shown),
        "filter narrows the registry: {shown}"
    );
    assert!(
        driver
            .js("return document.querySelector('tr[data-spec=\"26\"]').hidden")
            .as_bool()
            == Some(false)
    );
}

#[test]
fn translated_example_site_in_a_real_browser() {
    let Some((_out, origin, driver)) = example_in_a_browser() else {
        return;
    };

    // The switcher keeps the page and the fragment.
    driver.goto(&format!("{origin}{BASE}book/foreword/#conventions"));
    driver.click("nav[data-switcher=language] summary");
    driver.click("nav[data-switcher=language] a[hreflang=ru]");
    assert_eq!(driver.path(), format!("{BASE}ru/book/foreword/"));
    assert_eq!(driver.js("return location.hash"), json!("#conventions"));
    assert_eq!(
        driver.js("return document.documentElement.lang"),
        json!("ru")
    );
    assert!(driver
        .js("return document.getElementById('conventions') !== null")
        .as_bool()
        .unwrap());
    // The foreword's translation is older than its source.
    assert!(driver
        .js("return !!document.querySelector('[data-banner=outdated] a')")
        .as_bool()
        .unwrap());
    driver.screenshot("ru-outdated");

    // An untranslated page shows the source text under a notice.
    driver.goto(&format!("{origin}{BASE}ru/book/why/"));
    assert!(driver
        .js("return !!document.querySelector('[data-banner=fallback]')")
        .as_bool()
        .unwrap());
    assert_eq!(
        driver.js("return document.querySelector('article [lang]').lang"),
        json!("en")
    );
    driver.screenshot("ru-fallback");

    // Arabic is laid out right to left.
    driver.goto(&format!("{origin}{BASE}ar/"));
    assert_eq!(
        driver.js("return getComputedStyle(document.body).direction"),
        json!("rtl")
    );
    let sidebar_right = driver.js("const s=document.querySelector('nav.sidebar').getBoundingClientRect(); return s.left > innerWidth/2");
    assert_eq!(
        sidebar_right,
        json!(true),
        "the sidebar sits on the right in RTL"
    );
    driver.screenshot("ar-home");
    // Right to left, ← turns to the next page (which sits on the left).
    let next = driver
        .js("return new URL(document.querySelector('a[rel=next]').href).pathname")
        .as_str()
        .unwrap_or_default()
        .to_string();
    driver.press(&["\u{E012}"]); // ArrowLeft
    assert!(
        driver.wait_for(
            &format!("return location.pathname === '{next}'"),
            json!(true)
        ),
        "← goes to the next page in RTL: {}",
        driver.path()
    );
}

/// Polls a script for up to `secs` seconds until `check` accepts its value.
fn wait_js(driver: &Driver, what: &str, script: &str, secs: u64, check: impl Fn(&Value) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let v = driver.js(script);
        if check(&v) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; last: {v}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serve_reloads_by_itself_and_shows_errors() {
    let Some((chromium, chromedriver)) = browser_tools() else {
        return;
    };
    let site = common::copy_fixture("basic");
    let mut opts = charter::serve::ServeOptions::new(site.path());
    opts.port = 0;
    let server = charter::serve::Server::start(opts).expect("serve starts");
    let page = format!("{}book/why/", server.url());
    let driver = Driver::start(&chromium, &chromedriver);
    driver.resize(1280, 900);
    driver.goto(&page);
    let text = "return document.body.innerText";
    assert!(driver
        .js(text)
        .as_str()
        .unwrap_or("")
        .contains("Why we exist"));

    // An edit reloads the page by itself (a marker set on the old page is gone).
    let chapter = site.path().join("book/01-why.md");
    let original = std::fs::read_to_string(&chapter).unwrap();
    let filler: String = (0..120)
        .map(|i| format!("Filler paragraph {i}.\n\n"))
        .collect();
    let edited = original.replace("A duplicate heading", &format!("{filler}Edited live"));
    driver.js("window.__charterMarker = 1");
    std::fs::write(&chapter, &edited).unwrap();
    wait_js(&driver, "the edited text", text, 20, |v| {
        v.as_str().unwrap_or("").contains("Edited live")
    });
    assert_eq!(
        driver.js("return window.__charterMarker === undefined"),
        json!(true)
    );

    // The scroll position survives the reload.
    driver.js("window.scrollTo(0, 600); window.__charterMarker = 1");
    std::fs::write(&chapter, edited.replace("Edited live", "Edited again")).unwrap();
    wait_js(&driver, "the second edit", text, 20, |v| {
        v.as_str().unwrap_or("").contains("Edited again")
    });
    wait_js(
        &driver,
        "the scroll position",
        "return window.scrollY",
        5,
        |v| v.as_f64().unwrap_or(0.0) > 500.0,
    );

    // A broken link: the page keeps the last good content and shows an overlay.
    let overlay = "const o = document.querySelector('[data-charter-overlay]'); return o ? o.shadowRoot.textContent : null";
    std::fs::write(
        &chapter,
        original.replace("A duplicate heading", "See [gone](gone.md). Heading"),
    )
    .unwrap();
    wait_js(&driver, "the error overlay", overlay, 20, |v| {
        let t = v.as_str().unwrap_or("");
        t.contains("broken-link") && t.contains("book/01-why.md:")
    });
    assert!(driver
        .js(text)
        .as_str()
        .unwrap_or("")
        .contains("Edited again"));
    driver.js("window.scrollTo(0, 0)");
    driver.screenshot("serve-error-overlay");
    // A page opened while the site is broken shows it at once (here in the dark theme).
    driver.js("localStorage.setItem('charter-theme', 'dark')");
    driver.goto(&format!("{}book/how/", server.url()));
    wait_js(&driver, "the overlay on a fresh page", overlay, 10, |v| {
        v.as_str().unwrap_or("").contains("gone.md")
    });
    driver.screenshot("serve-error-overlay-dark");

    // Fixed: the overlay goes away by itself.
    std::fs::write(&chapter, &original).unwrap();
    wait_js(&driver, "the overlay to go", overlay, 20, Value::is_null);
    server.shutdown();
}

#[test]
fn version_switcher_stays_on_the_page() {
    let Some((chromium, chromedriver)) = browser_tools() else {
        return;
    };
    let site = common::versioned_example();
    let (_out, port) = built(site.path());
    let origin = format!("http://127.0.0.1:{port}");
    let driver = Driver::start(&chromium, &chromedriver);
    driver.resize(1280, 900);

    // An old version: the banner names it and the default; the switcher opens.
    driver.goto(&format!("{origin}{BASE}v1.0/book/why/#the-problem"));
    let banner =
        driver.js("return document.querySelector('[data-banner=old-version]').textContent");
    assert!(
        banner.as_str().unwrap_or("").contains("version v1.0"),
        "{banner}"
    );
    driver.click("nav[data-switcher=version] summary");
    driver.screenshot("versions-switcher-open");
    let labels = driver.js(
        "return [...document.querySelectorAll('nav[data-switcher=version] a')].map(a => a.textContent.trim())",
    );
    assert_eq!(labels, json!(["next", "v2.0 current", "v1.0"]));

    // To the default version: same page, same fragment, no banner.
    driver.click("nav[data-switcher=version] a[href$='/riverbank/book/why/']");
    assert_eq!(driver.path(), format!("{BASE}book/why/"));
    assert_eq!(driver.js("return location.hash"), json!("#the-problem"));
    assert_eq!(
        driver.js("return document.querySelectorAll('[data-banner=old-version]').length"),
        json!(0)
    );
    driver.screenshot("versions-default");

    // In Russian, to the working tree's version: still the same page.
    driver.goto(&format!("{origin}{BASE}ru/book/why/"));
    driver.click("nav[data-switcher=version] summary");
    driver.click("nav[data-switcher=version] a[href*='/next/']");
    assert_eq!(driver.path(), format!("{BASE}next/ru/book/why/"));
    driver.screenshot("versions-next-ru");

    // A page v2.0 does not have leads to v2.0's home in the language.
    driver.goto(&format!("{origin}{BASE}v1.0/ru/book/legacy/#old-rules"));
    driver.click("nav[data-switcher=version] summary");
    driver.click("nav[data-switcher=version] a[data-version-home][href$='/riverbank/ru/']");
    assert_eq!(driver.path(), format!("{BASE}ru/"));
    assert_eq!(driver.js("return location.hash"), json!(""));

    // Dark mode and a phone: the switcher stays usable.
    driver.resize(360, 800);
    driver.goto(&format!("{origin}{BASE}v1.0/book/why/"));
    driver.click("[data-theme-toggle]");
    driver.click("nav[data-switcher=version] summary");
    let width = driver.js("return document.documentElement.scrollWidth");
    assert!(
        width.as_u64().unwrap_or(9999) <= 360,
        "no horizontal scroll on a phone: {width}"
    );
    driver.screenshot("versions-phone-dark");
}

impl Driver {
    /// Types into the element `css` (focusing it), as a reader would,
    /// replacing what it held.
    fn type_into(&self, css: &str, text: &str) {
        let el = self.post("/element", json!({ "using": "css selector", "value": css }));
        let id = el
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element {css}: {el}"))
            .to_string();
        self.post(&format!("/element/{id}/clear"), json!({}));
        self.post(&format!("/element/{id}/value"), json!({ "text": text }));
    }

    /// Presses keys wherever the focus is (WebDriver key actions).
    fn press(&self, keys: &[&str]) {
        let actions: Vec<Value> = keys
            .iter()
            .flat_map(|k| {
                [
                    json!({"type": "keyDown", "value": k}),
                    json!({"type": "keyUp", "value": k}),
                ]
            })
            .collect();
        self.post(
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}),
        );
    }
}

const RESULTS: &str = "return [...document.querySelectorAll('[data-search-results] a[role=option]')].map(a => ({href: a.getAttribute('href'), title: a.querySelector('.search-title').textContent, shortname: (a.querySelector('.search-shortname')||{}).textContent || null, status: (a.querySelector('[data-status]')||{dataset:{}}).dataset.status || null, marks: a.querySelectorAll('.search-excerpt mark').length, selected: a.getAttribute('aria-selected')}))";

/// Waits until the results panel lists something that `check` accepts.
fn wait_results(driver: &Driver, what: &str, check: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    let mut last = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        last = driver.js(RESULTS).as_array().cloned().unwrap_or_default();
        if check(&last) {
            return last;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let message = driver.js("return document.querySelector('[data-search-message]').textContent");
    panic!("timed out waiting for {what}; results: {last:?}; message: {message}");
}

/// The hrefs a search for `term` on `page` lists, sorted, and the message
/// with the number of pages found.
fn search_hrefs(driver: &Driver, page: &str, term: &str) -> (Vec<String>, Value) {
    driver.goto(page);
    driver.type_into("[data-search-input]", term);
    let results = wait_results(driver, term, |r| !r.is_empty());
    let mut hrefs: Vec<String> = results
        .iter()
        .map(|r| r["href"].as_str().unwrap_or_default().to_string())
        .collect();
    hrefs.sort();
    let message = driver.js("return document.querySelector('[data-search-message]').textContent");
    (hrefs, message)
}

#[test]
fn a_sharded_index_finds_what_the_whole_one_does() {
    let Some((chromium, chromedriver)) = browser_tools() else {
        return;
    };
    let example = common::example_site();
    let (_whole, whole_port) = built(&example);
    // Three pages a shard: every language's index comes in several.
    let (sharded, sharded_port) = built_with(&example, &[("CHARTER_SEARCH_SHARD_PAGES", "3")]);
    let shards =
        std::fs::read_to_string(sharded.path().join("site/pagefind/charter-shards.json")).unwrap();
    assert!(
        shards.contains("\"en-3/\"") && shards.contains("\"ru-2/\""),
        "{shards}"
    );
    let driver = Driver::start(&chromium, &chromedriver);
    driver.resize(1280, 900);
    for (path, term, all_listed) in [
        ("book/foreword/", "gauge", true),
        ("ru/", "справочник", true),
        // More pages than the box lists: as many found (which ten rank
        // first may differ, each shard scoring with its own counts).
        ("book/foreword/", "patch", false),
    ] {
        let (whole, whole_count) = search_hrefs(
            &driver,
            &format!("http://127.0.0.1:{whole_port}{BASE}{path}"),
            term,
        );
        let (merged, merged_count) = search_hrefs(
            &driver,
            &format!("http://127.0.0.1:{sharded_port}{BASE}{path}"),
            term,
        );
        assert_eq!(merged_count, whole_count, "{term} on {path}");
        if all_listed {
            assert_eq!(merged, whole, "{term} on {path}");
        } else {
            assert_eq!(merged.len(), whole.len(), "{term} on {path}");
        }
    }
    // Shards take pages in URL order, three each: the first holds book
    // pages, so the specs found come from later shards.
    let (gauge, _) = search_hrefs(
        &driver,
        &format!("http://127.0.0.1:{sharded_port}{BASE}book/foreword/"),
        "gauge",
    );
    assert!(gauge.contains(&format!("{BASE}spec/3/")), "{gauge:?}");
    assert!(gauge.contains(&format!("{BASE}spec/4/")), "{gauge:?}");
}

#[test]
fn search_in_a_real_browser() {
    let Some((_out, origin, driver)) = example_in_a_browser() else {
        return;
    };

    // "/" focuses the box; typing searches this language's index.
    driver.goto(&format!("{origin}{BASE}book/foreword/"));
    driver.press(&["/"]);
    assert_eq!(
        driver.js("return document.activeElement.matches('[data-search-input]')"),
        json!(true),
        "/ focuses the search box"
    );
    driver.type_into("[data-search-input]", "gauge");
    let results = wait_results(&driver, "gauge results", |r| r.len() >= 2);
    let gauge = results
        .iter()
        .find(|r| r["shortname"] == "3/GAUGE")
        .unwrap_or_else(|| panic!("3/GAUGE among {results:?}"));
    assert_eq!(gauge["title"], "Gauge Reading Format");
    assert_eq!(gauge["status"], "deprecated");
    assert_eq!(gauge["href"], format!("{BASE}spec/3/"));
    assert!(results.iter().any(|r| r["shortname"] == "4/GAUGE2"));
    assert!(
        results.iter().all(|r| r["marks"].as_u64() > Some(0)),
        "the match is highlighted: {results:?}"
    );
    assert_eq!(results[0]["selected"], "true");
    driver.screenshot("search-light");

    // Keyboard: ArrowDown moves the selection, Enter opens it.
    driver.press(&["\u{E015}"]); // ArrowDown
    let now = driver.js(RESULTS);
    assert_eq!(now[1]["selected"], "true", "{now}");
    let second = now[1]["href"].as_str().unwrap().to_string();
    driver.press(&["\u{E007}"]); // Enter
    wait_js(
        &driver,
        "the second result",
        "return location.pathname + location.hash",
        10,
        |v| v.as_str() == Some(second.as_str()),
    );

    // A status chip keeps only specs of that status; Escape closes the panel.
    driver.type_into("[data-search-input]", "gauge");
    wait_results(&driver, "gauge results again", |r| r.len() >= 2);
    driver.click("[data-search-chip=deprecated]");
    let filtered = wait_results(&driver, "deprecated specs only", |r| {
        !r.is_empty() && r.iter().all(|x| x["status"] == "deprecated")
    });
    assert_eq!(filtered.len(), 1, "{filtered:?}");
    assert_eq!(filtered[0]["shortname"], "3/GAUGE");
    assert_eq!(
        driver.js("return document.querySelector('[data-search-chip=deprecated]').getAttribute('aria-pressed')"),
        json!("true")
    );
    // Only statuses the site has get a chip.
    assert_eq!(
        driver.js("return [...document.querySelectorAll('[data-search-chip]')].filter(c => !c.hidden).map(c => c.dataset.searchChip).join()"),
        json!("draft,stable,deprecated")
    );
    driver.screenshot("search-chip");
    driver.press(&["\u{E00C}"]); // Escape
    assert_eq!(
        driver.js("return document.querySelector('[data-search-panel]').hidden"),
        json!(true)
    );

    // "/" typed into another field stays there.
    driver.goto(&format!("{origin}{BASE}spec/"));
    driver.type_into("[data-registry-filter]", "a/b");
    assert_eq!(
        driver.js("return [document.activeElement.matches('[data-registry-filter]'), document.activeElement.value]"),
        json!([true, "a/b"])
    );

    // Russian pages search the Russian index, in Russian.
    driver.goto(&format!("{origin}{BASE}ru/"));
    driver.type_into("[data-search-input]", "справочник");
    let ru = wait_results(&driver, "Russian results", |r| !r.is_empty());
    assert_eq!(ru[0]["href"], format!("{BASE}ru/book/foreword/"), "{ru:?}");
    assert_eq!(ru[0]["title"], "Предисловие");
    assert!(ru.iter().all(|r| r["href"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{BASE}ru/"))));
    assert_eq!(
        driver.js("return document.querySelector('[data-search-message]').textContent"),
        json!(format!("Найдено: {}", ru.len()))
    );
    driver.screenshot("search-ru");
    driver.type_into("[data-search-input]", "zzzqx");
    wait_js(
        &driver,
        "the no-result message",
        "return document.querySelector('[data-search-message]').textContent",
        10,
        |v| v.as_str().unwrap_or("").contains("ничего не найдено"),
    );

    // Dark theme.
    driver.js("localStorage.setItem('charter-theme', 'dark')");
    driver.goto(&format!("{origin}{BASE}book/foreword/"));
    driver.type_into("[data-search-input]", "patch");
    wait_results(&driver, "patch results", |r| r.len() >= 2);
    driver.screenshot("search-dark");

    // Phone: the box opens across the header; the panel fits the screen.
    driver.js("localStorage.setItem('charter-theme', 'light')");
    driver.resize(360, 800);
    driver.goto(&format!("{origin}{BASE}book/foreword/"));
    driver.screenshot("search-phone-closed");
    driver.click("[data-search-input]");
    driver.type_into("[data-search-input]", "gauge");
    wait_results(&driver, "phone results", |r| r.len() >= 2);
    let fits = "const p=document.querySelector('[data-search-panel]').getBoundingClientRect(); const i=document.querySelector('[data-search-input]').getBoundingClientRect(); return [p.left>=0 && p.right<=innerWidth, i.width>200, document.documentElement.scrollWidth<=innerWidth]";
    assert_eq!(driver.js(fits), json!([true, true, true]));
    driver.screenshot("search-phone");

    // Arabic: right to left.
    driver.resize(1280, 900);
    driver.goto(&format!("{origin}{BASE}ar/"));
    driver.type_into("[data-search-input]", "Riverbank");
    wait_results(&driver, "Arabic-page results", |r| !r.is_empty());
    driver.screenshot("search-ar");
}

/// axe-core's script: `AXE_CORE` names it, else `target/axe/node_modules`
/// (where `.ci/run` installs it with npm). `None` to skip (never in CI).
fn axe_script() -> Option<String> {
    let path = std::env::var_os("AXE_CORE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("target/axe/node_modules/axe-core/axe.min.js")
        });
    match std::fs::read_to_string(&path) {
        Ok(script) => Some(script),
        Err(e) => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "axe-core is required in CI ({}: {e}); .ci/run installs it",
                    path.display()
                );
            }
            eprintln!(
                "skipping accessibility test: no axe-core at {}",
                path.display()
            );
            None
        }
    }
}

/// Runs axe-core's WCAG 2.1 A and AA rules on the page as it is now; its
/// violations, one line each.
fn axe_violations(driver: &Driver, axe: &str, what: &str) -> Vec<String> {
    driver.js(&format!("{axe}\n; return null"));
    let result = driver.post(
        "/execute/async",
        json!({"script": "const done = arguments[arguments.length - 1]; axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)})))).catch(e => done([{id: 'axe-error', help: String(e)}]));", "args": []}),
    );
    result
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|v| format!("{what}: {v:#}"))
        .collect()
}

/// The example site's kinds of page pass axe-core's WCAG 2.1 A and AA
/// rules, in the light and the dark theme, right to left, with search
/// results open and on a phone with the menu open.
#[test]
fn pages_pass_axe_accessibility_rules() {
    let Some(axe) = axe_script() else {
        return;
    };
    let Some((_out, origin, driver)) = example_in_a_browser() else {
        return;
    };
    let pages = [
        "",
        "book/contributing/patches/",
        "spec/",
        "spec/2/",
        "spec/3/",
        "i18n/",
        "ar/",
        "ru/book/why/",
        "ru/book/governance/",
        "no/such/page/",
    ];
    let mut problems = Vec::new();
    for theme in ["light", "dark"] {
        let set_theme = format!("document.documentElement.dataset.theme = '{theme}'; return null");
        for page in pages {
            driver.goto(&format!("{origin}{BASE}{page}"));
            driver.js(&set_theme);
            problems.extend(axe_violations(&driver, &axe, &format!("{theme} /{page}")));
        }
        // Search results open.
        driver.goto(&format!("{origin}{BASE}book/foreword/"));
        driver.js(&set_theme);
        driver.type_into("[data-search-input]", "gauge");
        wait_results(&driver, "gauge results", |r| r.len() >= 2);
        problems.extend(axe_violations(&driver, &axe, &format!("{theme} search")));
    }
    // A phone, the menu open.
    driver.resize(360, 800);
    driver.goto(&format!("{origin}{BASE}book/why/"));
    driver.click("[data-menu-toggle]");
    problems.extend(axe_violations(&driver, &axe, "phone menu"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
