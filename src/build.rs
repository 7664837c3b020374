//! The build recipe: calls the stages in order (config → content → Markdown →
//! nav and links → templates → write → check), times them, and commits the
//! output only when the site has no errors.

use crate::check::{self, CheckedPage, PageScan};
use crate::config::{self, Config};
use crate::content::{self, Origin};
use crate::diagnostics::{self, Diagnostic, Location};
use crate::highlight::Highlighter;
use crate::links::url_path;
use crate::markdown;
use crate::output::{DiskOutput, MemoryOutput, NullOutput, Output};
use crate::session::Session;
use crate::site::{self, LangSite, Site};
use crate::spec_site;
use crate::theme::{PageContext, SiteContext, Theme};
use crate::url::{Route, Scope, Urls};
use rayon::prelude::*;

mod versioned;
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
    /// Rendered Markdown reused from earlier builds (`serve`).
    pub cache: Option<std::sync::Arc<site::RenderCache>>,
    /// What the build does with the highlighted code blocks kept in the
    /// site's cache folder (`.charter-cache/highlight`; see
    /// [`crate::highlight::store`]).
    pub highlight_store: HighlightStore,
    /// Pages per search index shard (the CLI reads
    /// `CHARTER_SEARCH_SHARD_PAGES`); see [`DEFAULT_SHARD_PAGES`].
    pub search_shard_pages: usize,
    /// Whether the pages' sources and rendered Markdown outlive the build,
    /// for a [`Session`] to redo pages ([`build_session`] keeps them). A
    /// one-off build frees them before indexing for search, the stage
    /// that needs the most memory of its own.
    pub(crate) keep_bodies: bool,
}

/// What a build does with the highlighted code blocks kept in the site's
/// cache folder.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HighlightStore {
    /// Neither reads nor writes them: a build leaves the site's folder as
    /// it found it (the library's default).
    #[default]
    Off,
    /// Takes blocks from them and writes nothing (`charter check`).
    Read,
    /// Takes blocks from them and keeps this build's there (`charter
    /// build`, `serve`).
    ReadWrite,
}

/// Pages per search index shard by default: beyond it a language's index
/// is cut in shards built in parallel and merged by the search box. On the
/// 10,000-page benchmark 500 and 2,000 take the same time; 500 takes a
/// third less memory and splits a 1,000-page site across two cores.
pub const DEFAULT_SHARD_PAGES: usize = 500;

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
            cache: None,
            highlight_store: HighlightStore::Off,
            search_shard_pages: DEFAULT_SHARD_PAGES,
            keep_bodies: false,
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
    /// Where the files of git versions are (`v1.0` → the exported tree), so
    /// diagnostics located at `v1.0:charter.yaml` can show their source.
    pub version_roots: BTreeMap<String, PathBuf>,
    /// Versions built and versions restored from the cache (names).
    pub versions_built: Vec<String>,
    pub versions_cached: Vec<String>,
    /// Code blocks taken from those the last build stored in the site's
    /// cache folder rather than highlighted again.
    pub code_blocks_restored: usize,
}

impl BuildReport {
    pub fn succeeded(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Runs a whole build. Never panics on bad input: every problem is a diagnostic.
pub fn build(opts: &BuildOptions) -> BuildReport {
    let one_off = BuildOptions {
        keep_bodies: false,
        ..opts.clone()
    };
    build_with(&one_off).0
}

/// A whole build, and (when it succeeded) a session that can redo single
/// pages after an edit (`Session::edit`), as `serve` does.
pub fn build_session(opts: &BuildOptions) -> (BuildReport, Option<Session>) {
    let kept = BuildOptions {
        keep_bodies: true,
        ..opts.clone()
    };
    build_with(&kept)
}

fn build_with(opts: &BuildOptions) -> (BuildReport, Option<Session>) {
    let mut report = BuildReport::default();
    let mut clock = Clock::new();
    let (config, mut diags) = match config::load(&opts.root) {
        Ok(found) => found,
        Err(errors) => {
            report.diagnostics = finish(errors, &Default::default(), opts.strict);
            return (report, None);
        }
    };
    clock.lap("config", &mut report);

    if let Target::Disk(dir) = &opts.target {
        if let Some(problem) = unsafe_output_dir(&opts.root, dir, &config) {
            diags.push(problem);
            report.diagnostics = finish(diags, &config.lints, opts.strict);
            return (report, None);
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
                return (report, None);
            }
        },
        _ => None,
    };
    let out: &dyn Output = match (&opts.target, &disk) {
        (Target::Disk(_), Some(d)) => d,
        (Target::Memory, _) => &memory,
        _ => &NullOutput,
    };

    // One highlighter for every version: its compiled syntaxes and memo
    // serve them all.
    let cache_dir = crate::cache_dir::path(&opts.root);
    let shared = Shared {
        out,
        highlighter: std::sync::Arc::new(match opts.highlight_store {
            HighlightStore::Off => Highlighter::new(),
            HighlightStore::Read => Highlighter::with_stored(&cache_dir, false),
            HighlightStore::ReadWrite => Highlighter::with_stored(&cache_dir, true),
        }),
    };
    let stats = match &config.versions {
        None => run(
            opts,
            &config,
            &VersionRun::single(),
            &shared,
            &mut diags,
            &mut clock,
            &mut report,
        ),
        Some(versions) => versioned::run_all(
            opts,
            &config,
            versions,
            &shared,
            &mut diags,
            &mut clock,
            &mut report,
        ),
    };
    report.pages = stats.pages;
    report.files = stats.files;
    report.code_blocks_restored = shared.highlighter.restored();
    // As with the version cache, a cache that cannot be written (a
    // read-only checkout) is no problem of the site's: the output is whole
    // without it, and the next build highlights again.
    let _ = shared.highlighter.store();
    let raw = diags.clone();
    report.diagnostics = finish(diags, &config.lints, opts.strict);

    let mut committed: Option<PathBuf> = None;
    if let Some(disk) = disk {
        if report.succeeded() {
            match disk.commit() {
                Ok(()) => committed = out_dir(&opts.target),
                Err(e) => report.diagnostics.push(Diagnostic::error(
                    "io-error",
                    format!("cannot replace the output directory: {e}"),
                )),
            }
        } else {
            disk.abort();
        }
    }
    let files = memory.into_files();
    if report.succeeded() {
        let from = match (&committed, &opts.target) {
            (Some(dir), _) => Some(crate::versions::cache::FilesFrom::Dir(dir)),
            (None, Target::Memory) => Some(crate::versions::cache::FilesFrom::Memory(&files)),
            _ => None,
        };
        if let Some(from) = from {
            versioned::store(&opts.root, &stats, from);
        }
    }
    if opts.target == Target::Memory {
        report.memory = Some(files);
    }
    clock.lap("write", &mut report);
    // A one-off build freed the bodies a session would redo pages from.
    let session = match (opts.keep_bodies && report.succeeded(), stats.kept) {
        (true, Some(kept)) => Some(Session::new(opts.clone(), config, kept, raw)),
        _ => None,
    };
    (report, session)
}

fn out_dir(target: &Target) -> Option<PathBuf> {
    match target {
        Target::Disk(dir) => Some(dir.clone()),
        _ => None,
    }
}

pub(crate) fn finish(
    diags: Vec<Diagnostic>,
    lints: &std::collections::BTreeMap<String, diagnostics::LintLevel>,
    strict: bool,
) -> Vec<Diagnostic> {
    let mut diags = diagnostics::apply_lints(diags, lints, strict);
    diagnostics::sort(&mut diags);
    diags
}

/// The output directory must not be the root or hold it, nor be, hold or
/// sit in a folder the site reads, nor be a folder of other files: the
/// swap replaces the output folder as a whole, whatever it holds.
pub fn unsafe_output_dir(root: &Path, out: &Path, config: &Config) -> Option<Diagnostic> {
    let root = root.canonicalize().ok()?;
    let out_abs = real_path(out)?;
    let refuse = |why: String, help: &str| {
        Some(
            Diagnostic::error(
                "unsafe-output",
                format!("refusing to build into {}: {why}", out.display()),
            )
            .help(help.to_string()),
        )
    };
    let own_folder = "choose an output directory of its own, e.g. `-o public`";
    if root.starts_with(&out_abs) || out_abs.join(config::CONFIG_FILE).is_file() {
        return refuse("it holds the site's sources".to_string(), own_folder);
    }
    // A source folder that is the root itself (`book: { dir: . }`) is
    // the case above: the output may still sit in the root.
    let read = source_dirs(config).into_iter().find(|dir| {
        let dir_abs = real_path(&root.join(dir)).unwrap_or_else(|| root.join(dir));
        dir_abs != root && (out_abs.starts_with(&dir_abs) || dir_abs.starts_with(&out_abs))
    });
    if let Some(read) = read {
        return refuse(
            format!("the site reads its sources from {}", read.display()),
            own_folder,
        );
    }
    if out_abs.exists() && !out_abs.is_dir() {
        return refuse("it is a file".to_string(), own_folder);
    }
    if holds_other_files(&out_abs) {
        return refuse(
            format!("it holds files, and no {OUTPUT_MARK}: it is not a charter build's output"),
            "a build replaces the whole folder: build into a new folder, or empty this one first",
        );
    }
    None
}

/// A file every build writes at the root of its output, by which a
/// folder is known as one.
const OUTPUT_MARK: &str = site::NAV_SCRIPT;

/// Whether `dir` is a folder with entries (other than those builds keep,
/// such as `.git`) but without [`OUTPUT_MARK`].
fn holds_other_files(dir: &Path) -> bool {
    let has_entries = std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|entry| !crate::output::is_kept_entry(&entry.file_name()))
    });
    has_entries && !dir.join(OUTPUT_MARK).is_file()
}

/// `path` made absolute with its symlinks resolved as far as it exists
/// (an output folder that is a symlink is built where it points).
fn real_path(path: &Path) -> Option<PathBuf> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    let abs = content::normalize(&abs);
    let mut existing = abs.as_path();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let rest = abs.strip_prefix(existing).ok()?;
            return Some(real.join(rest));
        }
        existing = existing.parent()?;
    }
}

/// The folders (relative to the root) the site reads its sources from.
fn source_dirs(config: &Config) -> Vec<PathBuf> {
    let mut dirs = vec![
        config.book.dir.clone(),
        config.specs.dir.clone(),
        PathBuf::from(crate::i18n::TRANSLATIONS_DIR),
        PathBuf::from(crate::theme::TEMPLATES_DIR),
    ];
    dirs.extend(config.static_dirs.iter().cloned());
    dirs
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

pub(crate) struct Stats {
    pub(crate) pages: usize,
    pub(crate) files: usize,
    /// What a session keeps to redo single pages (`None` when the build stopped early).
    pub(crate) kept: Option<Kept>,
    /// Versions to keep in the cache once the output is committed.
    pub(crate) to_cache: Vec<(String, crate::versions::cache::Entry)>,
    /// The version names and git trees the cache keeps (`None`: no versions).
    pub(crate) cache_keep: Option<(BTreeSet<String>, BTreeSet<String>)>,
    /// Git versions in this output, by name, with the key they were rendered under.
    pub(crate) published: Vec<(String, String)>,
}

impl Stats {
    /// A build that stopped before writing pages.
    pub(crate) fn empty() -> Self {
        Stats {
            pages: 0,
            files: 0,
            kept: None,
            to_cache: Vec::new(),
            cache_keep: None,
            published: Vec::new(),
        }
    }
}

/// How one version's build differs from a plain build.
pub(crate) struct VersionRun {
    /// All versions as this one sees them (`None`: a site without versions).
    pub(crate) nav: Option<std::sync::Arc<crate::versions::VersionNav>>,
    /// `v1.0` for a version served under `/v1.0/`; `None` at the root.
    pub(crate) prefix: Option<String>,
    /// Files other versions write, which links may point at.
    pub(crate) other_files: BTreeSet<String>,
}

impl VersionRun {
    /// A site without versions.
    pub(crate) fn single() -> Self {
        VersionRun {
            nav: None,
            prefix: None,
            other_files: BTreeSet::new(),
        }
    }

    /// Root files (404, sitemap, robots, CNAME, theme assets) are the
    /// default version's.
    fn at_root(&self) -> bool {
        self.prefix.is_none()
    }
}

/// What every version's run of one build shares.
pub(crate) struct Shared<'a> {
    pub(crate) out: &'a dyn Output,
    pub(crate) highlighter: std::sync::Arc<Highlighter>,
}

/// A finished build's resolved state, kept by a `Session`.
pub(crate) struct Kept {
    pub(crate) urls: Urls,
    pub(crate) theme: Theme,
    pub(crate) ui: std::sync::Arc<crate::i18n::UiStrings>,
    pub(crate) highlighter: std::sync::Arc<Highlighter>,
    pub(crate) content: content::Content,
    pub(crate) langs: Vec<LangSite>,
    pub(crate) prepared: Vec<site::Prepared>,
    pub(crate) scans: std::collections::HashMap<usize, PageScan>,
    pub(crate) not_found: Option<(String, PageScan)>,
    /// The files this build wrote.
    pub(crate) written: BTreeSet<String>,
    /// What links may point at: the files written, and other versions' files.
    pub(crate) link_targets: BTreeSet<String>,
    /// Source files that could not be read (see [`unread_sources`]).
    pub(crate) unread: BTreeSet<PathBuf>,
    pub(crate) versions: Option<std::sync::Arc<crate::versions::VersionNav>>,
}

/// Stages after config: content, Markdown, templates, files, checks.
fn run(
    opts: &BuildOptions,
    config: &Config,
    version: &VersionRun,
    shared: &Shared<'_>,
    diags: &mut Vec<Diagnostic>,
    clock: &mut Clock,
    report: &mut BuildReport,
) -> Stats {
    let (out, highlighter) = (shared.out, &shared.highlighter);
    let base_url = opts.base_url.as_deref().or(config.base_url.as_deref());
    let urls = Urls::new(base_url).in_version(version.prefix.as_deref());

    let (ui, mut found) = crate::i18n::UiStrings::load(&opts.root, config);
    diags.append(&mut found);
    let ui = std::sync::Arc::new(ui);
    // A template that does not parse is an error, but a stand-in renders
    // the pages so that every other problem is found in the same build.
    let (theme, mut found) = Theme::load_lenient(&opts.root);
    diags.append(&mut found);
    let theme = theme.map(|t| t.with_ui(ui.clone()));
    clock.lap("theme", report);

    let load_opts = content::LoadOptions {
        drafts: opts.drafts,
    };
    let (mut content, mut found) = content::load(&opts.root, config, &load_opts);
    let unread = unread_sources(&found, &content);
    diags.append(&mut found);
    clock.lap("load", report);

    let langs: Vec<LangSite> = site::languages(config)
        .into_iter()
        .map(|lang| LangSite::new(&opts.root, config, &urls, &content, &ui, lang))
        .collect();
    let mut prepared = site::prepare_all(
        &content,
        &langs,
        highlighter,
        &urls,
        opts.cache.as_deref(),
        config,
        diags,
    );
    if let Some(cache) = &opts.cache {
        cache.end_build();
    }
    if !opts.keep_bodies {
        free_sources(&mut content);
    }
    clock.lap("markdown", report);

    let site = Site::new(config, &urls, &content, &prepared, &langs, &ui, diags)
        .with_versions(version.nav.as_deref());
    let files = Files::new(out);
    for (lang, nav) in langs.iter().zip(&site.navs) {
        let path = urls.output_path(&lang.scope, &site::nav_script_route(&lang.scope));
        files.write(&url_path(&path), crate::theme::nav_script(nav).as_bytes());
    }
    let Some(theme) = theme else {
        return Stats::empty();
    };

    let rendered: Vec<(usize, PageScan, Option<Searchable>)> = (0..content.pages.len())
        .into_par_iter()
        .filter_map(|i| {
            let ctx = site.page_context(i);
            let page = &content.pages[i];
            let at = (!page.generated).then(|| page.url_location());
            match theme.render(&site.contexts[site.lang_of(i)], &ctx) {
                Ok(html) => {
                    let scan = check::scan(&html);
                    files
                        .write_quiet_at(&prepared[i].output, html.as_bytes(), at)
                        .ok()
                        .map(|_| {
                            let searchable = ctx.search.then(|| {
                                searchable(&prepared[i].url, &ctx.lang, &prepared[i].output)
                            });
                            (i, scan, searchable)
                        })
                }
                Err(d) => {
                    files.push_error(d);
                    files.check_path(&prepared[i].output, at.as_ref());
                    // The page is not written, but the links of its own
                    // text are still checked: a broken template must not
                    // hide the content's problems.
                    Some((i, check::scan(&prepared[i].rendered.html), None))
                }
            }
        })
        .collect();
    // Pages for the search index: those marked searchable.
    let mut searchable = Vec::new();
    let scans: Vec<(usize, PageScan)> = rendered
        .into_iter()
        .map(|(i, scan, html)| {
            searchable.extend(html);
            (i, scan)
        })
        .collect();
    clock.lap("render", report);

    let not_found = if version.at_root() {
        render_404(config, &urls, &site.contexts[0], &theme, &files)
    } else {
        None
    };
    write_spec_files(&site, &files);
    write_site_files(opts, config, version, &site, &theme, highlighter, &files);
    // After every other page and file, so that an alias that collides with
    // one is the write reported, at the alias.
    write_aliases(&site, &files);
    let search_on = site::search_on(config);
    drop(site);
    clock.lap("files", report);

    if !opts.keep_bodies {
        free_rendered(&mut prepared);
    }
    #[cfg(feature = "search")]
    if search_on && out.keeps_files() {
        write_search_index(&urls, searchable, opts.search_shard_pages, &files);
        clock.lap("search", report);
    }
    #[cfg(not(feature = "search"))]
    let _ = (search_on, searchable);

    // A fallback page shows its source's text: its links are checked there.
    let mut checked: Vec<CheckedPage<'_>> = scans
        .iter()
        .filter(|(i, _)| !matches!(content.pages[*i].origin, Origin::Fallback(_)))
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
    let mut targets = written.clone();
    targets.extend(version.other_files.iter().cloned());
    if !version.at_root() {
        // The default version writes these for all.
        targets.extend(theme.assets().into_iter().map(|a| a.path));
        targets.insert("404.html".into());
    }
    let check_against = check::Targets {
        files: &targets,
        unread: &unread,
        root: Some(&opts.root),
    };
    diags.extend(check::verify(&checked, &check_against, &urls));
    diags.extend(collapse_template_errors(files.take_errors()));
    clock.lap("check", report);
    let (pages, files) = (scans.len(), written.len());
    let kept = Kept {
        urls: urls.clone(),
        theme,
        ui: ui.clone(),
        highlighter: highlighter.clone(),
        scans: scans.into_iter().collect(),
        not_found,
        written,
        link_targets: targets,
        unread,
        content,
        langs,
        prepared,
        versions: version.nav.clone(),
    };
    Stats {
        pages,
        files,
        kept: Some(kept),
        to_cache: Vec::new(),
        cache_keep: None,
        published: Vec::new(),
    }
}

/// Source files the content stage reported an error in and made no page
/// of (not UTF-8, unreadable): links to them are not reported again as
/// broken, which would bury the one error that needs fixing.
fn unread_sources(found: &[Diagnostic], content: &content::Content) -> BTreeSet<PathBuf> {
    let loaded: std::collections::HashSet<&Path> =
        content.pages.iter().map(|p| p.source.as_path()).collect();
    found
        .iter()
        .filter(|d| d.severity == diagnostics::Severity::Error)
        .filter_map(|d| d.location.as_ref())
        .map(|at| at.file.as_path())
        .filter(|file| !loaded.contains(file))
        .map(Path::to_path_buf)
        .collect()
}

/// Drops each page's Markdown source once it is rendered to HTML: pages
/// are templated from the HTML.
fn free_sources(content: &mut content::Content) {
    for page in &mut content.pages {
        page.body = String::new();
    }
}

/// Drops each page's rendered Markdown once its page is written, so that
/// the search index is built beside the link lists and titles alone (page
/// links are checked from those lists).
fn free_rendered(prepared: &mut [site::Prepared]) {
    for page in prepared {
        page.rendered.html = String::new();
    }
}

/// A template error repeats on every page the template renders: each is
/// reported once, at its place in the template, with the number of pages.
fn collapse_template_errors(mut errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // Pages render in parallel: order them so the one kept is always the same.
    errors.sort_by(|a, b| (&a.location, &a.message).cmp(&(&b.location, &b.message)));
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut seen: std::collections::HashMap<(Option<Location>, String), (usize, usize)> =
        std::collections::HashMap::new();
    for d in errors {
        if d.code != "template-error" {
            out.push(d);
            continue;
        }
        let what = match d.message.find(" (while rendering ") {
            Some(i) => d.message[..i].to_string(),
            None => d.message.clone(),
        };
        match seen.get_mut(&(d.location.clone(), what.clone())) {
            Some((_, count)) => *count += 1,
            None => {
                seen.insert((d.location.clone(), what), (out.len(), 0));
                out.push(d);
            }
        }
    }
    for (index, others) in seen.into_values() {
        if others > 0 {
            out[index].message.push_str(&format!(
                " (and {others} other page{})",
                if others == 1 { "" } else { "s" }
            ));
        }
    }
    out
}

/// A written page to index (nothing without the `search` feature).
#[cfg(feature = "search")]
type Searchable = crate::search::SearchPage;
#[cfg(not(feature = "search"))]
type Searchable = ();

#[cfg(feature = "search")]
fn searchable(url: &str, lang: &str, path: &str) -> Searchable {
    crate::search::SearchPage {
        url: url.to_string(),
        lang: lang.to_string(),
        path: path.to_string(),
    }
}

#[cfg(not(feature = "search"))]
fn searchable(_url: &str, _lang: &str, _path: &str) -> Searchable {}

/// The search index of one build's pages, in its version's `pagefind/`.
#[cfg(feature = "search")]
fn write_search_index(urls: &Urls, pages: Vec<Searchable>, shard_pages: usize, files: &Files<'_>) {
    let bundle = urls.relative(&Scope::root(), &Route::Search(String::new()));
    let read = |path: &str| files.read(path);
    let write = |path: &str, bytes: &[u8]| files.write(path, bytes);
    match crate::search::index_into(pages, &read, &write, &bundle, shard_pages) {
        Ok((_, warnings)) => {
            for warning in warnings {
                files.push_error(warning);
            }
        }
        Err(error) => files.push_error(error),
    }
}

/// Redirects from each page's old addresses (`aliases:` in the front
/// matter of its source page), in every language.
fn write_aliases(site: &Site<'_>, files: &Files<'_>) {
    let content = site.content;
    // Pages are looked up by address, not by the files written: a page a
    // broken template did not write still has its address.
    let page_at: HashMap<&str, usize> = site
        .prepared
        .iter()
        .enumerate()
        .map(|(i, p)| (p.output.as_str(), i))
        .collect();
    for (i, page) in content.pages.iter().enumerate() {
        let source = &content.pages[page.original(i)];
        for alias in &source.front.aliases {
            let route = Route::Alias(alias.path.clone());
            let path = url_path(&site.urls.output_path(&page.scope, &route));
            let at = Location::new(&source.source, alias.line, alias.column);
            if let Some(&other) = page_at.get(path.as_str()) {
                // Reported once, for the page's own language.
                if page.origin == Origin::Source {
                    files.push_error(alias_taken(&alias.path, at, &content.pages[other]));
                }
                continue;
            }
            let target = &site.prepared[i];
            let html = crate::html::redirect_page(&target.url, &target.title);
            // A collision with any other file is `Files`' `duplicate-url`.
            let _ = files.write_quiet_at(&path, html.as_bytes(), Some(at));
        }
    }
}

/// An alias that is the address of a page.
fn alias_taken(alias: &str, at: Location, page: &content::Page) -> Diagnostic {
    Diagnostic::error(
        "duplicate-url",
        format!(
            "the alias `/{alias}` is the address of {}",
            page.source.display()
        ),
    )
    .at(at)
    .related(page.url_location(), "the page at that address")
    .help("drop the alias: that address already shows a page")
}

/// Redirects from `/spec/N/NAME/` (in every language), and at the root
/// `specs.json`, `requirements.json`, `specs.xml`.
fn write_spec_files(site: &Site<'_>, files: &Files<'_>) {
    let index = &site.content.specs;
    if index.specs.is_empty() {
        return;
    }
    for lang in site.langs {
        for spec in index.specs.values() {
            let Some(name) = spec
                .short_label()
                .filter(|n| crate::output::check_relative(n).is_ok() && !n.contains('/'))
            else {
                continue;
            };
            let route = Route::SpecName(spec.number, name.to_string());
            let path = url_path(&site.urls.output_path(&lang.scope, &route));
            let html =
                crate::html::redirect_page(&lang.links.spec_url(spec.number), &spec.shortname);
            files.write(&path, html.as_bytes());
        }
    }
    let links = &site.langs[0].links;
    let in_version = |name: &str| {
        site.urls
            .relative(&Scope::root(), &Route::File(name.to_string()))
    };
    let abstracts: BTreeMap<u32, String> = index
        .specs
        .values()
        .filter_map(|s| Some((s.number, site.description(s.page)?)))
        .collect();
    files.write(
        &in_version("specs.json"),
        spec_site::specs_json(index, links, &abstracts).as_bytes(),
    );
    let requirements: BTreeMap<u32, &[markdown::Requirement]> = index
        .specs
        .values()
        .map(|s| {
            (
                s.number,
                site.prepared[s.page].rendered.requirements.as_slice(),
            )
        })
        .collect();
    files.write(
        &in_version("requirements.json"),
        spec_site::requirements_json(index, links, &requirements).as_bytes(),
    );
    let absolute = |path: &str| {
        site.urls
            .absolute(&Scope::root(), &Route::File(path.to_string()))
    };
    files.write(
        &in_version("specs.xml"),
        spec_site::atom_feed(index, links, &site.config.title, &absolute, &abstracts).as_bytes(),
    );
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

/// Theme assets, static folders, linked files, sitemap, robots, `.nojekyll`, CNAME.
fn write_site_files(
    opts: &BuildOptions,
    config: &Config,
    version: &VersionRun,
    site: &Site<'_>,
    theme: &Theme,
    highlighter: &Highlighter,
    files: &Files<'_>,
) {
    let urls = site.urls;
    for dir in &config.static_dirs {
        copy_static(&opts.root, dir, urls, files);
    }
    write_published(opts, site, files);
    if !version.at_root() {
        return;
    }
    for mut asset in theme.assets() {
        // One stylesheet per page: the syntax colours ride along with the theme's.
        if asset.path.ends_with("charter.css") {
            asset.bytes.extend_from_slice(highlighter.css().as_bytes());
        }
        files.write(&asset.path, &asset.bytes);
    }
    files.write("sitemap.xml", sitemap(site).as_bytes());
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

/// Files linked from content, published at their source-relative paths.
fn write_published(opts: &BuildOptions, site: &Site<'_>, files: &Files<'_>) {
    let urls = site.urls;
    let mut published = std::collections::BTreeSet::new();
    for lang in site.langs {
        published.extend(lang.links.published());
    }
    for rel in published {
        let route = Route::File(url_path(&rel));
        match std::fs::read(opts.root.join(&rel)) {
            Ok(bytes) => files.write(
                &url_path(&urls.output_path(&Scope::root(), &route)).replace("%20", " "),
                &bytes,
            ),
            Err(e) => files.push_error(
                Diagnostic::error("io-error", format!("cannot read {}: {e}", rel.display()))
                    .at_file(&rel),
            ),
        }
    }
}

/// Copies a static folder to the output root (a version's root, for a
/// version under `/<version>/`). Symlinks leading out of the folder are refused.
fn copy_static(root: &Path, dir: &Path, urls: &Urls, files: &Files<'_>) {
    let base = root.join(dir);
    let Ok(real_base) = base.canonicalize() else {
        return; // No such folder: nothing to copy.
    };
    if content::resolves_outside(root, dir) {
        files.push_error(content::outside_error(dir));
        return;
    }
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
            Ok(bytes) => {
                let route = Route::File(url_path(rel));
                let path = url_path(&urls.output_path(&Scope::root(), &route));
                files.write(&path.replace("%20", " "), &bytes)
            }
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

/// Every page, with its translations as `hreflang` alternates.
fn sitemap(site: &Site<'_>) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    let content = site.content;
    for (i, page) in content.pages.iter().enumerate() {
        xml.push_str(&format!(
            "  <url><loc>{}</loc>",
            crate::html::escape(&site.urls.absolute(&page.scope, &page.route))
        ));
        if site.langs.len() > 1 {
            let original = page.original(i);
            for lang in site.langs {
                let other = &content.pages[content.in_lang(lang.lang.as_deref(), original)];
                let tag = lang.lang.as_deref().unwrap_or(&site.config.language);
                let href = site.urls.absolute(&other.scope, &other.route);
                xml.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    crate::html::escape(tag),
                    crate::html::escape(&href)
                ));
            }
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Writes files, remembers every path written (for the link check) and
/// reports two writes to one path as `duplicate-url`.
pub(crate) struct Files<'a> {
    out: &'a dyn Output,
    written: std::sync::Mutex<BTreeSet<String>>,
    errors: std::sync::Mutex<Vec<Diagnostic>>,
}

impl<'a> Files<'a> {
    pub(crate) fn new(out: &'a dyn Output) -> Self {
        Files {
            out,
            written: Default::default(),
            errors: Default::default(),
        }
    }

    /// A file written earlier in this build, read back from the output.
    #[cfg(feature = "search")]
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        self.out.read(path)
    }

    fn write_quiet(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.write_quiet_at(path, bytes, None)
    }

    /// Writes a file; `at` is the source that decided its path, where
    /// problems with the path are reported.
    fn write_quiet_at(
        &self,
        path: &str,
        bytes: &[u8],
        at: Option<Location>,
    ) -> Result<(), Diagnostic> {
        self.check_path(path, at.as_ref());
        let fresh = self
            .written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string());
        if !fresh {
            let mut d = Diagnostic::error(
                "duplicate-url",
                format!("two files would be written to `{path}`"),
            )
            .help("rename one of them, or change a page's `slug:`");
            d.location = at;
            self.push_error(d.clone());
            return Err(d);
        }
        self.out.write(path, bytes).map_err(|e| {
            let d = Diagnostic::error("io-error", format!("cannot write {path}: {e}"));
            self.push_error(d.clone());
            d
        })
    }

    /// Warns of output paths some hosts do not serve.
    fn check_path(&self, path: &str, at: Option<&Location>) {
        if path.starts_with('_') || path.contains("/_") {
            // GitHub Pages (Jekyll) and some hosts hide such paths.
            let mut d = Diagnostic::warning(
                "underscore-path",
                format!("output path `{path}` starts with `_`; some hosts do not serve it"),
            )
            .help("rename the file or give the page a `slug:` without a leading underscore");
            d.location = at.cloned();
            self.push_error(d);
        }
    }

    pub(crate) fn write(&self, path: &str, bytes: &[u8]) {
        let _ = self.write_quiet(path, bytes);
    }

    pub(crate) fn push_error(&self, d: Diagnostic) {
        self.errors
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(d);
    }

    pub(crate) fn take_errors(&self) -> Vec<Diagnostic> {
        std::mem::take(&mut *self.errors.lock().unwrap_or_else(|e| e.into_inner()))
    }

    fn written(&self) -> BTreeSet<String> {
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}
