//! The build recipe: calls the stages in order (config → content → Markdown →
//! nav and links → templates → write → check), times them, and commits the
//! output only when the site has no errors.

use crate::check::{self, CheckedPage, PageScan};
use crate::config::{self, Config};
use crate::content::{self, BookEntry, Content, Page, PageKind};
use crate::diagnostics::{self, Diagnostic};
use crate::highlight::Highlighter;
use crate::links::{url_path, SiteLinks};
use crate::markdown::{self, Rendered};
use crate::output::{DiskOutput, MemoryOutput, NullOutput, Output};
use crate::spec_site::{self, Referrer, SpecUrls};
use crate::theme::{Banner, Link, NavItem, PageContext, SiteContext, Theme};
use crate::url::{Route, Scope, Urls};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Where a build writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A directory, replaced atomically on success.
    Disk(PathBuf),
    /// Nowhere (`charter check`).
    Nowhere,
    /// Memory (tests, serve); the files come back in the report.
    Memory,
}

/// What to build and how.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub target: Target,
    /// Overrides `base_url` from the config (`-u`).
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Warnings become errors.
    pub strict: bool,
}

impl BuildOptions {
    /// Defaults: write to `ROOT/public`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        BuildOptions {
            target: Target::Disk(root.join("public")),
            root,
            base_url: None,
            drafts: false,
            strict: false,
        }
    }
}

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Sorted, with `lints:` and `--strict` applied.
    pub diagnostics: Vec<Diagnostic>,
    pub pages: usize,
    pub files: usize,
    pub timings: Vec<(&'static str, Duration)>,
    /// The written files, for `Target::Memory`.
    pub memory: Option<std::collections::BTreeMap<String, Vec<u8>>>,
}

impl BuildReport {
    pub fn succeeded(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Runs a whole build. Never panics on bad input: every problem is a diagnostic.
pub fn build(opts: &BuildOptions) -> BuildReport {
    let mut report = BuildReport::default();
    let mut clock = Clock::new();
    let (config, mut diags) = match config::load(&opts.root) {
        Ok(found) => found,
        Err(errors) => {
            report.diagnostics = finish(errors, &Default::default(), opts.strict);
            return report;
        }
    };
    clock.lap("config", &mut report);

    if let Target::Disk(dir) = &opts.target {
        if let Some(problem) = unsafe_output_dir(&opts.root, dir) {
            diags.push(problem);
            report.diagnostics = finish(diags, &config.lints, opts.strict);
            return report;
        }
    }

    let memory = MemoryOutput::new();
    let disk = match &opts.target {
        Target::Disk(dir) => match DiskOutput::begin(dir) {
            Ok(d) => Some(d),
            Err(e) => {
                diags.push(Diagnostic::error(
                    "io-error",
                    format!("cannot prepare {}: {e}", dir.display()),
                ));
                report.diagnostics = finish(diags, &config.lints, opts.strict);
                return report;
            }
        },
        _ => None,
    };
    let out: &dyn Output = match (&opts.target, &disk) {
        (Target::Disk(_), Some(d)) => d,
        (Target::Memory, _) => &memory,
        _ => &NullOutput,
    };

    let stats = run(opts, &config, out, &mut diags, &mut clock, &mut report);
    report.pages = stats.pages;
    report.files = stats.files;
    report.diagnostics = finish(diags, &config.lints, opts.strict);

    if let Some(disk) = disk {
        if report.succeeded() {
            if let Err(e) = disk.commit() {
                report.diagnostics.push(Diagnostic::error(
                    "io-error",
                    format!("cannot replace the output directory: {e}"),
                ));
            }
        } else {
            disk.abort();
        }
    }
    if opts.target == Target::Memory {
        report.memory = Some(memory.into_files());
    }
    clock.lap("write", &mut report);
    report
}

fn finish(
    diags: Vec<Diagnostic>,
    lints: &std::collections::BTreeMap<String, diagnostics::LintLevel>,
    strict: bool,
) -> Vec<Diagnostic> {
    let mut diags = diagnostics::apply_lints(diags, lints, strict);
    diagnostics::sort(&mut diags);
    diags
}

/// The output directory must not be the root or hold it (the swap would
/// remove the sources).
fn unsafe_output_dir(root: &Path, out: &Path) -> Option<Diagnostic> {
    let root = root.canonicalize().ok()?;
    let out_abs = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(out)
    };
    let out_abs = content::normalize(&out_abs);
    if root.starts_with(&out_abs) || out_abs.join(config::CONFIG_FILE).is_file() {
        return Some(
            Diagnostic::error(
                "unsafe-output",
                format!(
                    "refusing to build into {}: it holds the site's sources",
                    out.display()
                ),
            )
            .help("choose an output directory of its own, e.g. `-o public`"),
        );
    }
    None
}

struct Clock {
    last: Instant,
}

impl Clock {
    fn new() -> Self {
        Clock {
            last: Instant::now(),
        }
    }
    fn lap(&mut self, stage: &'static str, report: &mut BuildReport) {
        let now = Instant::now();
        report.timings.push((stage, now - self.last));
        self.last = now;
    }
}

#[derive(Default)]
struct Stats {
    pages: usize,
    files: usize,
}

/// Everything computed for one page before its template is rendered.
struct Prepared {
    rendered: Rendered,
    title: String,
    url: String,
    output: String,
}

/// Stages after config: content, Markdown, templates, files, checks.
fn run(
    opts: &BuildOptions,
    config: &Config,
    out: &dyn Output,
    diags: &mut Vec<Diagnostic>,
    clock: &mut Clock,
    report: &mut BuildReport,
) -> Stats {
    let base_url = opts.base_url.as_deref().or(config.base_url.as_deref());
    let urls = Urls::new(base_url);
    let scope = Scope::root();

    let (ui, mut found) = crate::i18n::UiStrings::load(&opts.root, config);
    diags.append(&mut found);
    let theme = match Theme::load(&opts.root) {
        Ok(t) => Some(t.with_ui(ui)),
        Err(mut errors) => {
            diags.append(&mut errors);
            None
        }
    };
    let highlighter = Highlighter::new();
    clock.lap("theme", report);

    let load_opts = content::LoadOptions {
        drafts: opts.drafts,
    };
    let (content, mut found) = content::load(&opts.root, config, &load_opts);
    diags.append(&mut found);
    clock.lap("load", report);

    let page_urls: HashMap<PathBuf, String> = content
        .pages
        .iter()
        .map(|p| (p.source.clone(), urls.url(&p.scope, &p.route)))
        .collect();
    let links = SiteLinks::new(urls.clone(), scope.clone(), &opts.root, page_urls)
        .with_spec_domains(&config.specs.domains);
    let shortnames = SpecShortnames {
        specs: &content.specs,
        links: &links,
    };
    let spec_urls = SpecUrls::new(&content.specs, &links);

    let prepared: Vec<Prepared> = content
        .pages
        .par_iter()
        .map(|page| prepare(page, &links, &shortnames, &spec_urls, &highlighter, &urls))
        .collect();
    clock.lap("markdown", report);

    let site = site_context(config, &urls, &scope, &content, &prepared);
    let book_nav = book_nav(&content, &prepared);
    let files = Files::new(out);
    let resolved = Resolved {
        config,
        urls: &urls,
        content: &content,
        prepared: &prepared,
        links: &links,
        backlinks: spec_backlinks(&content, &prepared, &spec_urls, diags),
    };

    files.write(
        &urls
            .output_path_of_url(&site.nav_url_path())
            .unwrap_or_default(),
        theme_nav_script(&book_nav).as_bytes(),
    );
    let Some(theme) = theme else {
        return Stats::default();
    };

    let scans: Vec<(usize, PageScan)> = content
        .pages
        .par_iter()
        .enumerate()
        .filter_map(|(i, page)| {
            let ctx = page_context(&resolved, &book_nav, i, page);
            match theme.render(&site, &ctx) {
                Ok(html) => {
                    let scan = check::scan(&html);
                    files
                        .write_quiet(&prepared[i].output, html.as_bytes())
                        .ok()
                        .map(|_| (i, scan))
                }
                Err(d) => {
                    files.push_error(d);
                    None
                }
            }
        })
        .collect();
    clock.lap("render", report);

    let not_found = render_404(config, &urls, &site, &theme, &files);
    write_spec_files(&resolved, &files);
    write_site_files(
        opts,
        config,
        &urls,
        &content,
        &prepared,
        &theme,
        &highlighter,
        &links,
        &files,
    );
    clock.lap("files", report);

    let mut checked: Vec<CheckedPage<'_>> = scans
        .iter()
        .map(|(i, scan)| CheckedPage {
            output: &prepared[*i].output,
            source: Some(content.pages[*i].source.as_path()),
            links: &prepared[*i].rendered.links,
            scan,
        })
        .collect();
    if let Some((output, scan)) = &not_found {
        checked.push(CheckedPage {
            output,
            source: None,
            links: &[],
            scan,
        });
    }
    let written = files.written();
    diags.extend(check::verify(&checked, &written, &urls));
    diags.append(&mut files.take_errors());
    clock.lap("check", report);
    Stats {
        pages: scans.len(),
        files: written.len(),
    }
}

/// Bare shortnames (`42/C4`) in text link to the spec when it exists.
struct SpecShortnames<'a> {
    specs: &'a crate::specs::SpecIndex,
    links: &'a SiteLinks,
}

impl markdown::ShortnameLinks for SpecShortnames<'_> {
    fn url(&self, shortname: &str) -> Option<String> {
        self.specs
            .by_shortname(shortname)
            .map(|spec| self.links.spec_url(spec.number))
    }
}

/// What the render stage reads for every page.
struct Resolved<'a> {
    config: &'a Config,
    urls: &'a Urls,
    content: &'a Content,
    prepared: &'a [Prepared],
    links: &'a SiteLinks,
    /// Pages that link to each spec.
    backlinks: BTreeMap<u32, Vec<Link>>,
}

fn spec_backlinks(
    content: &Content,
    prepared: &[Prepared],
    spec_urls: &SpecUrls,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<u32, Vec<Link>> {
    let spec_of_page: HashMap<usize, u32> = content
        .specs
        .specs
        .values()
        .map(|s| (s.page, s.number))
        .collect();
    let referrers: Vec<Referrer<'_>> = content
        .pages
        .iter()
        .enumerate()
        .map(|(i, page)| Referrer {
            source: &page.source,
            title: &prepared[i].title,
            url: &prepared[i].url,
            spec: spec_of_page.get(&i).copied(),
            links: &prepared[i].rendered.links,
        })
        .collect();
    spec_site::backlinks(&content.specs, spec_urls, &referrers, diags)
}

/// Redirects from `/spec/N/NAME/`, `specs.json`, `requirements.json`, `specs.xml`.
fn write_spec_files(resolved: &Resolved<'_>, files: &Files<'_>) {
    let index = &resolved.content.specs;
    if index.specs.is_empty() {
        return;
    }
    let scope = Scope::root();
    for spec in index.specs.values() {
        if let Some(name) = spec
            .short_label()
            .filter(|n| crate::output::check_relative(n).is_ok() && !n.contains('/'))
        {
            let route = Route::SpecName(spec.number, name.to_string());
            let path = url_path(&resolved.urls.output_path(&scope, &route));
            let html =
                spec_site::redirect_page(&resolved.links.spec_url(spec.number), &spec.shortname);
            files.write(&path, html.as_bytes());
        }
    }
    files.write(
        "specs.json",
        spec_site::specs_json(index, resolved.links).as_bytes(),
    );
    let requirements: BTreeMap<u32, &[markdown::Requirement]> = index
        .specs
        .values()
        .map(|s| {
            (
                s.number,
                resolved.prepared[s.page].rendered.requirements.as_slice(),
            )
        })
        .collect();
    files.write(
        "requirements.json",
        spec_site::requirements_json(index, resolved.links, &requirements).as_bytes(),
    );
    let absolute = |path: &str| {
        resolved
            .urls
            .absolute(&scope, &Route::Asset(path.to_string()))
    };
    files.write(
        "specs.xml",
        spec_site::atom_feed(index, resolved.links, &resolved.config.title, &absolute).as_bytes(),
    );
}

/// Renders the body and settles title, URL and output path.
fn prepare(
    page: &Page,
    links: &SiteLinks,
    shortnames: &SpecShortnames<'_>,
    spec_urls: &SpecUrls,
    highlighter: &Highlighter,
    urls: &Urls,
) -> Prepared {
    let resolver = links.for_page(&page.source);
    let rendered = markdown::render(&markdown::Input {
        text: &page.body,
        first_line: page.body_line,
        resolver: &resolver,
        highlighter,
        bcp14: page.kind == PageKind::Spec,
        shortnames: Some(shortnames),
    });
    let mut rendered = rendered;
    if spec_site::links_to_specs(&rendered.links, spec_urls) {
        rendered.html = spec_site::decorate_links(&rendered.html, shortnames.specs, spec_urls);
    }
    let title = page
        .front
        .title
        .clone()
        .or_else(|| rendered.first_heading.clone())
        .unwrap_or_else(|| fallback_title(page));
    Prepared {
        title,
        url: urls.url(&page.scope, &page.route),
        output: url_path(&urls.output_path(&page.scope, &page.route)),
        rendered,
    }
}

fn fallback_title(page: &Page) -> String {
    let stem = match &page.route {
        Route::Chapter(slug) => slug.rsplit('/').next().unwrap_or(slug).to_string(),
        _ => String::new(),
    };
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Home".to_string(),
    }
}

impl SiteContext {
    fn nav_url_path(&self) -> String {
        self.nav_url.split('?').next().unwrap_or("").to_string()
    }
}

fn site_context(
    config: &Config,
    urls: &Urls,
    scope: &Scope,
    content: &Content,
    prepared: &[Prepared],
) -> SiteContext {
    let first_chapter = content.book.iter().find_map(|e| match e {
        BookEntry::Chapter { page, .. } => Some(prepared[*page].url.clone()),
        _ => None,
    });
    SiteContext {
        title: config.title.clone(),
        description: config.description.clone(),
        base_path: urls.base_path().to_string(),
        home_url: urls.url(scope, &Route::Home),
        book_url: first_chapter,
        specs_url: content
            .pages
            .iter()
            .any(|p| p.kind == PageKind::Registry)
            .then(|| urls.url(scope, &Route::Registry)),
        css_url: urls.url(scope, &Route::Asset("assets/charter.css".into())),
        js_url: urls.url(scope, &Route::Asset("assets/charter.js".into())),
        nav_url: urls.url(scope, &Route::File("charter-nav.js".into())),
        search: config.search,
    }
}

/// The whole chapter tree, as every page's sidebar shows it.
fn book_nav(content: &Content, prepared: &[Prepared]) -> Vec<NavItem> {
    content
        .book
        .iter()
        .map(|entry| match entry {
            BookEntry::Chapter { page, title, depth } => NavItem {
                kind: "chapter",
                title: title
                    .clone()
                    .unwrap_or_else(|| prepared[*page].title.clone()),
                url: Some(prepared[*page].url.clone()),
                depth: *depth,
                current: false,
            },
            BookEntry::Draft { title, depth } => NavItem {
                kind: "chapter",
                title: title.clone(),
                url: None,
                depth: *depth,
                current: false,
            },
            BookEntry::Part { title } => NavItem {
                kind: "part",
                title: title.clone(),
                url: None,
                depth: 0,
                current: false,
            },
            BookEntry::Separator => NavItem {
                kind: "separator",
                title: String::new(),
                url: None,
                depth: 0,
                current: false,
            },
        })
        .collect()
}

fn theme_nav_script(nav: &[NavItem]) -> String {
    crate::theme::nav_script(nav)
}

/// Most entries a page carries inline; the rest comes from the shared nav script.
const INLINE_NAV_WINDOW: usize = 30;

/// The part of the tree around the current page: its part (between part
/// headings), cut to a window around the page when the part is long.
fn inline_nav(nav: &[NavItem], current_url: &str) -> Vec<NavItem> {
    let Some(pos) = nav
        .iter()
        .position(|n| n.url.as_deref() == Some(current_url))
    else {
        return nav.iter().take(INLINE_NAV_WINDOW).cloned().collect();
    };
    let start = nav[..pos]
        .iter()
        .rposition(|n| n.kind == "part")
        .unwrap_or(0);
    let end = nav[pos + 1..]
        .iter()
        .position(|n| n.kind == "part")
        .map_or(nav.len(), |i| pos + 1 + i);
    let start = start.max(pos.saturating_sub(INLINE_NAV_WINDOW / 2));
    let end = end.min(pos + INLINE_NAV_WINDOW / 2);
    nav[start..end]
        .iter()
        .map(|n| NavItem {
            current: n.url.as_deref() == Some(current_url),
            ..n.clone()
        })
        .collect()
}

fn page_context(
    resolved: &Resolved<'_>,
    nav: &[NavItem],
    index: usize,
    page: &Page,
) -> PageContext {
    let Resolved {
        config,
        urls,
        content,
        prepared,
        links,
        ..
    } = resolved;
    let this = &prepared[index];
    let (prev, next) = neighbours(content, prepared, index);
    let absolute = urls.absolute(&page.scope, &page.route);
    let spec = match page.route {
        Route::Spec(n) if page.kind == PageKind::Spec => content.specs.get(n),
        _ => None,
    };
    let mut banners = Vec::new();
    if page.front.draft {
        banners.push(Banner { kind: "draft", html: "<strong>Draft.</strong> This page is not published; you see it because the build includes drafts.".into() });
    }
    if let Some(spec) = spec {
        banners.extend(spec_site::banners(spec, &content.specs, links));
    }
    let source_exists =
        config.edit_url.is_some() && page.source.extension().is_some_and(|e| e == "md");
    PageContext {
        kind: page.kind.name(),
        title: this.title.clone(),
        description: page.front.description.clone(),
        url: this.url.clone(),
        canonical: absolute.starts_with("http").then_some(absolute),
        lang: page.lang.clone(),
        dir: crate::i18n::direction(&page.lang, None).to_string(),
        content: this.rendered.html.clone(),
        toc: this.rendered.toc.clone(),
        prev,
        next,
        edit_url: config
            .edit_url
            .as_ref()
            .filter(|_| source_exists)
            .map(|u| u.replace("{path}", &url_path(&page.source))),
        alternates: Vec::new(),
        banners,
        nav: match page.kind {
            PageKind::Chapter => inline_nav(nav, &this.url),
            PageKind::Spec | PageKind::Registry => spec_nav(&content.specs, links, &this.url),
            PageKind::Home => Vec::new(),
        },
        show_title: this.rendered.first_heading.is_none(),
        spec: spec.map(|s| spec_site::context(s, &content.specs, links, &resolved.backlinks)),
        registry: if page.kind == PageKind::Registry {
            spec_site::registry(&content.specs, links)
        } else {
            Vec::new()
        },
    }
}

/// The specs by status, as the sidebar of spec pages lists them (a window
/// around the current spec when there are very many).
fn spec_nav(index: &crate::specs::SpecIndex, links: &SiteLinks, current_url: &str) -> Vec<NavItem> {
    let mut items = Vec::new();
    for (status, specs) in index.groups() {
        items.push(NavItem {
            kind: "part",
            title: status.name().to_string(),
            url: None,
            depth: 0,
            current: false,
        });
        for spec in specs {
            let url = links.spec_url(spec.number);
            items.push(NavItem {
                kind: "chapter",
                title: format!(
                    "{} {}",
                    spec.shortname,
                    if spec.name == spec.shortname {
                        ""
                    } else {
                        &spec.name
                    }
                )
                .trim_end()
                .to_string(),
                current: url == current_url,
                url: Some(url),
                depth: 0,
            });
        }
    }
    const MOST: usize = 200;
    if items.len() > MOST {
        let pos = items.iter().position(|n| n.current).unwrap_or(0);
        let start = pos.saturating_sub(MOST / 2).min(items.len() - MOST);
        items = items[start..start + MOST].to_vec();
    }
    items
}

/// Previous and next chapters in reading order (the home page leads to the first).
fn neighbours(
    content: &Content,
    prepared: &[Prepared],
    index: usize,
) -> (Option<Link>, Option<Link>) {
    let order: Vec<usize> = content
        .book
        .iter()
        .filter_map(|e| match e {
            BookEntry::Chapter { page, .. } => Some(*page),
            _ => None,
        })
        .collect();
    let link = |i: usize| Link {
        title: prepared[i].title.clone(),
        url: prepared[i].url.clone(),
    };
    match content.pages[index].kind {
        PageKind::Home => (None, order.first().map(|&i| link(i))),
        PageKind::Chapter => match order.iter().position(|&i| i == index) {
            Some(pos) => (
                pos.checked_sub(1).map(|p| link(order[p])),
                order.get(pos + 1).map(|&i| link(i)),
            ),
            None => (None, None),
        },
        PageKind::Spec => {
            let numbers: Vec<usize> = content.specs.specs.values().map(|s| s.page).collect();
            match numbers.iter().position(|&i| i == index) {
                Some(pos) => (
                    pos.checked_sub(1).map(|p| link(numbers[p])),
                    numbers.get(pos + 1).map(|&i| link(i)),
                ),
                None => (None, None),
            }
        }
        PageKind::Registry => (None, None),
    }
}

fn render_404(
    config: &Config,
    urls: &Urls,
    site: &SiteContext,
    theme: &Theme,
    files: &Files<'_>,
) -> Option<(String, PageScan)> {
    let scope = Scope::root();
    let ctx = PageContext {
        kind: "404",
        title: "Page not found".into(),
        description: None,
        url: urls.url(&scope, &Route::NotFound),
        canonical: None,
        lang: config.language.clone(),
        dir: crate::i18n::direction(&config.language, None).to_string(),
        content: String::new(),
        toc: Vec::new(),
        prev: None,
        next: None,
        edit_url: None,
        alternates: Vec::new(),
        banners: Vec::new(),
        nav: Vec::new(),
        ..Default::default()
    };
    match theme.render(site, &ctx) {
        Ok(html) => {
            let path = url_path(&urls.output_path(&scope, &Route::NotFound));
            let scan = check::scan(&html);
            files.write_quiet(&path, html.as_bytes()).ok()?;
            Some((path, scan))
        }
        Err(d) => {
            files.push_error(d);
            None
        }
    }
}

/// Theme assets, syntax CSS, static folders, linked files, sitemap, robots,
/// `.nojekyll`, CNAME.
#[allow(clippy::too_many_arguments)]
fn write_site_files(
    opts: &BuildOptions,
    config: &Config,
    urls: &Urls,
    content: &Content,
    prepared: &[Prepared],
    theme: &Theme,
    highlighter: &Highlighter,
    links: &SiteLinks,
    files: &Files<'_>,
) {
    for mut asset in theme.assets() {
        // One stylesheet per page: the syntax colours ride along with the theme's.
        if asset.path.ends_with("charter.css") {
            asset.bytes.extend_from_slice(highlighter.css().as_bytes());
        }
        files.write(&asset.path, &asset.bytes);
    }
    for rel in links.published() {
        match std::fs::read(opts.root.join(&rel)) {
            Ok(bytes) => files.write(
                &url_path(&urls.output_path(&Scope::root(), &Route::File(url_path(&rel))))
                    .replace("%20", " "),
                &bytes,
            ),
            Err(e) => files.push_error(
                Diagnostic::error("io-error", format!("cannot read {}: {e}", rel.display()))
                    .at_file(&rel),
            ),
        }
    }
    for dir in &config.static_dirs {
        copy_static(&opts.root, dir, files);
    }
    let sitemap = sitemap(urls, content, prepared);
    files.write("sitemap.xml", sitemap.as_bytes());
    let robots = format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        urls.absolute(&Scope::root(), &Route::Asset("sitemap.xml".into()))
    );
    files.write("robots.txt", robots.as_bytes());
    files.write(".nojekyll", b"");
    if let Some(cname) = &config.cname {
        files.write("CNAME", format!("{cname}\n").as_bytes());
    }
}

/// Copies a static folder to the output root. Symlinks leading out of the
/// folder are refused.
fn copy_static(root: &Path, dir: &Path, files: &Files<'_>) {
    let base = root.join(dir);
    let Ok(real_base) = base.canonicalize() else {
        return; // No such folder: nothing to copy.
    };
    for entry in walkdir::WalkDir::new(&base)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                files.push_error(
                    Diagnostic::error("io-error", format!("cannot read {}: {e}", dir.display()))
                        .at_file(dir),
                );
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let real = entry.path().canonicalize().unwrap_or_default();
        let rel = entry.path().strip_prefix(&base).unwrap_or(entry.path());
        let rel_from_root = dir.join(rel);
        if !real.starts_with(&real_base) {
            files.push_error(
                Diagnostic::error(
                    "unsafe-path",
                    format!(
                        "{} is a symlink that leads out of {}",
                        rel_from_root.display(),
                        dir.display()
                    ),
                )
                .at_file(&rel_from_root)
                .help("copy the file into the static folder instead of linking to it"),
            );
            continue;
        }
        match std::fs::read(entry.path()) {
            Ok(bytes) => files.write(&url_path(rel).replace("%20", " "), &bytes),
            Err(e) => files.push_error(
                Diagnostic::error(
                    "io-error",
                    format!("cannot read {}: {e}", rel_from_root.display()),
                )
                .at_file(&rel_from_root),
            ),
        }
    }
}

fn sitemap(urls: &Urls, content: &Content, prepared: &[Prepared]) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for page in &content.pages {
        let loc = urls.absolute(&page.scope, &page.route);
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            crate::html::escape(&loc)
        ));
    }
    let _ = prepared;
    xml.push_str("</urlset>\n");
    xml
}

/// Writes files, remembers every path written (for the link check) and
/// reports two writes to one path as `duplicate-url`.
struct Files<'a> {
    out: &'a dyn Output,
    written: std::sync::Mutex<BTreeSet<String>>,
    errors: std::sync::Mutex<Vec<Diagnostic>>,
}

impl<'a> Files<'a> {
    fn new(out: &'a dyn Output) -> Self {
        Files {
            out,
            written: Default::default(),
            errors: Default::default(),
        }
    }

    fn write_quiet(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        if path.starts_with('_') || path.contains("/_") {
            // GitHub Pages (Jekyll) and some hosts hide such paths.
            self.push_error(
                Diagnostic::warning(
                    "underscore-path",
                    format!("output path `{path}` starts with `_`; some hosts do not serve it"),
                )
                .help("rename the file or give the page a `slug:` without a leading underscore"),
            );
        }
        let fresh = self
            .written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string());
        if !fresh {
            let d = Diagnostic::error(
                "duplicate-url",
                format!("two files would be written to `{path}`"),
            )
            .help("rename one of them, or change a page's `slug:`");
            self.push_error(d.clone());
            return Err(d);
        }
        self.out.write(path, bytes).map_err(|e| {
            let d = Diagnostic::error("io-error", format!("cannot write {path}: {e}"));
            self.push_error(d.clone());
            d
        })
    }

    fn write(&self, path: &str, bytes: &[u8]) {
        let _ = self.write_quiet(path, bytes);
    }

    fn push_error(&self, d: Diagnostic) {
        self.errors
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(d);
    }

    fn take_errors(&self) -> Vec<Diagnostic> {
        std::mem::take(&mut *self.errors.lock().unwrap_or_else(|e| e.into_inner()))
    }

    fn written(&self) -> BTreeSet<String> {
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}
