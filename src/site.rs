//! The resolved whole of one build, between parsing and templates: each
//! language's link table and nav tree, every page's rendered body, and the
//! template context of every page (nav, prev/next, banners, alternates,
//! spec header). URLs all come from `Urls` through the language's scope.

use crate::config::Config;
use crate::content::{BookEntry, Content, Origin, Page, PageKind};
use crate::diagnostics::{Diagnostic, Location};
use crate::highlight::Highlighter;
use crate::i18n::{State, UiStrings};
use crate::links::{url_path, SiteLinks};
use crate::markdown::{self, Heading, Rendered};
use crate::spec_site::{self, Referrer, SpecUrls};
use crate::specs::SpecIndex;
use crate::theme::{
    Alternate, Banner, LanguageStatus, Link, NavItem, PageContext, PageStatus, SiteContext,
    TranslationContext,
};
use crate::url::{Route, Scope, Urls};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// A page's body rendered, with its title, URL and output path settled.
pub struct Prepared {
    pub rendered: Rendered,
    pub title: String,
    pub url: String,
    /// Output path relative to the output directory.
    pub output: String,
}

/// One language's site: its scope and what links resolve against.
pub struct LangSite {
    /// `None` for the source language.
    pub lang: Option<String>,
    pub scope: Scope,
    pub links: SiteLinks,
    pub spec_urls: SpecUrls,
    /// The words the Markdown stage writes (alert titles, task states) in
    /// this language.
    pub labels: markdown::Labels,
}

impl LangSite {
    /// Every source path (and its mirror under `translations/<tag>/`) maps to
    /// the page in this language, so links stay in the language.
    pub fn new(
        root: &Path,
        config: &Config,
        urls: &Urls,
        content: &Content,
        ui: &UiStrings,
        lang: Option<&str>,
    ) -> Self {
        let scope = Scope {
            lang: lang.map(str::to_string),
        };
        let mut pages: HashMap<PathBuf, String> = HashMap::new();
        for (original, page) in content.pages[..content.sources].iter().enumerate() {
            let url = urls.url(
                &scope,
                &content.pages[content.in_lang(lang, original)].route,
            );
            if let Some(tag) = lang {
                pages.insert(
                    crate::content::translation_dir(tag).join(&page.source),
                    url.clone(),
                );
            }
            pages.insert(page.source.clone(), url);
        }
        let links = SiteLinks::new(urls.clone(), scope.clone(), root, pages)
            .with_spec_domains(&config.specs.domains);
        let spec_urls = SpecUrls::new(&content.specs, &links);
        let tag = lang.unwrap_or(&config.language);
        let title = |key: &str| ui.get(tag, key, &[]);
        LangSite {
            lang: lang.map(str::to_string),
            scope,
            links,
            spec_urls,
            labels: markdown::Labels {
                note: title("alert-note"),
                tip: title("alert-tip"),
                important: title("alert-important"),
                warning: title("alert-warning"),
                caution: title("alert-caution"),
                task_done: title("task-done"),
                task_todo: title("task-todo"),
            },
        }
    }
}

/// The languages of a build: the source language first, then each translation.
pub fn languages(config: &Config) -> Vec<Option<&str>> {
    std::iter::once(None)
        .chain(config.languages.keys().map(|t| Some(t.as_str())))
        .collect()
}

/// The Markdown stage's words in the language of a page's text (the
/// source language's on a fallback page).
fn labels_for<'l>(langs: &'l [LangSite], page: &Page) -> &'l markdown::Labels {
    let site = langs
        .iter()
        .find(|l| l.lang.as_deref() == Some(page.lang.as_str()))
        .unwrap_or(&langs[0]);
    &site.labels
}

/// Index into `langs` of a page's language.
fn lang_index(langs: &[LangSite], page: &Page) -> usize {
    langs
        .iter()
        .position(|l| l.lang == page.scope.lang)
        .unwrap_or(0)
}

/// Bare shortnames (`42/C4`) in text link to the spec in the page's language.
struct SpecShortnames<'a> {
    specs: &'a SpecIndex,
    links: &'a SiteLinks,
}

impl markdown::ShortnameLinks for SpecShortnames<'_> {
    fn url(&self, shortname: &str) -> Option<String> {
        self.specs
            .by_shortname(shortname)
            .map(|spec| self.links.spec_url(spec.number))
    }
}

/// Rendered Markdown kept between builds of one `serve` session: a page
/// whose text and link context did not change is not rendered again (the
/// Markdown stage, with highlighting, is most of a build).
#[derive(Default)]
pub struct RenderCache {
    entries: Mutex<HashMap<u64, (Rendered, u64)>>,
    generation: AtomicU64,
    /// Pages rendered again in the last build.
    rendered: AtomicU64,
    /// Pages rendered so far in the current build.
    pending: AtomicU64,
}

impl std::fmt::Debug for RenderCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let len = self.entries.lock().map(|e| e.len()).unwrap_or(0);
        write!(f, "RenderCache({len} pages)")
    }
}

impl RenderCache {
    fn get(&self, key: u64) -> Option<Rendered> {
        let generation = self.generation.load(Ordering::Relaxed);
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.get_mut(&key).map(|(rendered, used)| {
            *used = generation;
            rendered.clone()
        })
    }

    /// How many pages the last finished build rendered (the rest came from the cache).
    pub fn last_rendered(&self) -> u64 {
        self.rendered.load(Ordering::Relaxed)
    }

    fn put(&self, key: u64, rendered: &Rendered) {
        self.pending.fetch_add(1, Ordering::Relaxed);
        let generation = self.generation.load(Ordering::Relaxed);
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.insert(key, (rendered.clone(), generation));
    }

    /// Forgets pages the last build did not use, and starts the next one.
    pub fn end_build(&self) {
        self.rendered
            .store(self.pending.swap(0, Ordering::Relaxed), Ordering::Relaxed);
        let generation = self.generation.fetch_add(1, Ordering::Relaxed);
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.retain(|_, (_, used)| *used == generation);
    }
}

/// What every page's rendering depends on besides its own text: the pages
/// and their URLs, the specs, the config and the base path.
fn context_fingerprint(content: &Content, config: &Config, urls: &Urls) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(config)
        .unwrap_or_default()
        .hash(&mut hasher);
    serde_json::to_string(&content.specs)
        .unwrap_or_default()
        .hash(&mut hasher);
    urls.base_path().hash(&mut hasher);
    for page in &content.pages {
        (&page.source, &page.route, &page.scope).hash(&mut hasher);
    }
    hasher.finish()
}

/// Renders every page's body: source pages first, then translations, which
/// take their headings' ids from their source page. Reports translations
/// whose heading outline differs from the source's.
pub fn prepare_all(
    content: &Content,
    langs: &[LangSite],
    highlighter: &Highlighter,
    urls: &Urls,
    cache: Option<&RenderCache>,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Prepared> {
    let fingerprint = cache.map(|_| context_fingerprint(content, config, urls));
    let prepare_one = |page: &Page, source_headings: Option<&[Heading]>| {
        let lang = &langs[lang_index(langs, page)];
        let labels = labels_for(langs, page);
        let memo = cache
            .zip(fingerprint)
            .map(|(cache, context)| (cache, page_key(context, page, source_headings, labels)));
        prepare(
            page,
            lang,
            &content.specs,
            (highlighter, labels),
            urls,
            source_headings,
            memo,
        )
    };
    let mut prepared: Vec<Prepared> = content.pages[..content.sources]
        .par_iter()
        .map(|p| prepare_one(p, None))
        .collect();
    let others: Vec<Prepared> = content.pages[content.sources..]
        .par_iter()
        .map(|page| {
            let source = match page.origin {
                Origin::Translation(original) => {
                    Some(prepared[original].rendered.headings.as_slice())
                }
                _ => None,
            };
            prepare_one(page, source)
        })
        .collect();
    prepared.extend(others);
    for (page, done) in content.pages[..content.sources].iter().zip(&prepared) {
        duplicate_ids(page, &done.rendered.headings, diags);
    }
    for (i, page) in content.pages.iter().enumerate().skip(content.sources) {
        let Origin::Translation(original) = page.origin else {
            continue;
        };
        // A heading that does not line up, or a translation that stops
        // before the source's last heading.
        let (own, theirs) = (
            prepared[i].rendered.headings.len(),
            prepared[original].rendered.headings.len(),
        );
        let mismatch = prepared[i]
            .rendered
            .outline_mismatch
            .or((own < theirs).then_some(own));
        if let Some(at) = mismatch {
            diags.push(outline_warning(
                page,
                &content.pages[original],
                &prepared[i],
                &prepared[original],
                at,
            ));
        }
    }
    prepared
}

/// Renders page `index` again (after its text changed), as `prepare_all` did.
pub(crate) fn prepare_again(
    content: &Content,
    langs: &[LangSite],
    highlighter: &Highlighter,
    urls: &Urls,
    prepared: &[Prepared],
    index: usize,
) -> Prepared {
    let page = &content.pages[index];
    let source_headings = match page.origin {
        Origin::Translation(original) => Some(prepared[original].rendered.headings.as_slice()),
        _ => None,
    };
    let lang = &langs[lang_index(langs, page)];
    prepare(
        page,
        lang,
        &content.specs,
        (highlighter, labels_for(langs, page)),
        urls,
        source_headings,
        None,
    )
}

/// Two headings of a page written with the same `{#id}`: the second one's
/// anchor can never be reached.
fn duplicate_ids(page: &Page, headings: &[Heading], diags: &mut Vec<Diagnostic>) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for h in headings {
        match first.get(h.id.as_str()) {
            Some(&line) => diags.push(
                Diagnostic::warning(
                    "duplicate-id",
                    format!("heading id `{}` is used twice on this page", h.id),
                )
                .at(Location::new(&page.source, h.line, 1))
                .related(Location::new(&page.source, line, 1), "first used here")
                .help("give one of the headings another `{#id}`, or drop it to get one from its words"),
            ),
            None => {
                first.insert(&h.id, h.line);
            }
        }
    }
}

/// A translation's headings do not line up with its source's.
fn outline_warning(
    page: &Page,
    source: &Page,
    this: &Prepared,
    original: &Prepared,
    at: usize,
) -> Diagnostic {
    let line = this
        .rendered
        .headings
        .get(at)
        .or(this.rendered.headings.last())
        .map_or(page.body_line, |h| h.line);
    let hashes = |level: u8| "#".repeat(level as usize);
    let what = match (
        this.rendered.headings.get(at),
        original.rendered.headings.get(at),
    ) {
        (Some(own), Some(theirs)) => format!(
            "heading {} is level {} (`{}`), the source's level {} (`{}`)",
            at + 1,
            own.level,
            hashes(own.level),
            theirs.level,
            hashes(theirs.level)
        ),
        _ => format!(
            "it has {} headings, the source {}",
            this.rendered.headings.len(),
            original.rendered.headings.len()
        ),
    };
    let mut d = Diagnostic::warning(
        "i18n-outline",
        format!(
            "the headings of {} do not match those of {} from heading {} on: {what}",
            page.source.display(),
            source.source.display(),
            at + 1,
        ),
    )
    .at(Location::new(&page.source, line, 1))
    .help("translate every heading of the source, in the same order and at the same levels; unmatched headings keep their own anchors");
    let source_line = original
        .rendered
        .headings
        .get(at)
        .or(original.rendered.headings.last())
        .map_or(1, |h| h.line);
    d = d.related(
        Location::new(&source.source, source_line, 1),
        "the source's outline here",
    );
    d
}

/// A page's cache key: its text, place and language within a context.
fn page_key(
    context: u64,
    page: &Page,
    source_headings: Option<&[Heading]>,
    labels: &markdown::Labels,
) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (
        context,
        labels,
        &page.source,
        &page.scope,
        &page.route,
        &page.body,
        page.body_line,
        page.kind,
    )
        .hash(&mut hasher);
    if let Some(headings) = source_headings {
        for h in headings {
            (h.level, &h.id).hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// A cached rendering still holds when every link resolves as it did (a file
/// may have appeared or gone since); resolving again also publishes the
/// files the page links to.
fn still_resolves(rendered: &Rendered, resolver: &dyn markdown::LinkResolver) -> bool {
    rendered.links.iter().all(|link| {
        if link.auto || link.raw || link.href == format!("mailto:{}", link.dest) {
            return true;
        }
        resolver
            .resolve(&link.dest)
            .as_deref()
            .unwrap_or(&link.dest)
            == link.href
    })
}

/// Renders one page's body and settles its title, URL and output path.
fn prepare(
    page: &Page,
    lang: &LangSite,
    specs: &SpecIndex,
    (highlighter, labels): (&Highlighter, &markdown::Labels),
    urls: &Urls,
    source_headings: Option<&[Heading]>,
    memo: Option<(&RenderCache, u64)>,
) -> Prepared {
    let resolver = lang.links.for_page(&page.source);
    let shortnames = SpecShortnames {
        specs,
        links: &lang.links,
    };
    let cached = memo
        .and_then(|(cache, key)| cache.get(key))
        .filter(|r| still_resolves(r, &resolver));
    let mut rendered = match cached {
        Some(rendered) => rendered,
        None => {
            let rendered = markdown::render(&markdown::Input {
                text: &page.body,
                first_line: page.body_line,
                resolver: &resolver,
                highlighter,
                bcp14: page.kind == PageKind::Spec,
                shortnames: Some(&shortnames),
                source_headings,
                labels,
            });
            if let Some((cache, key)) = memo {
                cache.put(key, &rendered);
            }
            rendered
        }
    };
    if spec_site::links_to_specs(&rendered.links, &lang.spec_urls) {
        rendered.html = spec_site::decorate_links(&rendered.html, specs, &lang.spec_urls);
    }
    // Every page's HTML is kept until the pages are written; grown by
    // doubling, it would hold up to twice its size.
    rendered.html.shrink_to_fit();
    let spec_title = match (&page.route, page.kind) {
        (Route::Spec(n), PageKind::Spec) => specs.get(*n).map(|s| {
            if s.name == s.shortname {
                s.name.clone()
            } else {
                format!("{} {}", s.shortname, s.name)
            }
        }),
        _ => None,
    };
    let title = spec_title
        .or_else(|| page.front.title.clone())
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
        Route::Registry => return "Specifications".to_string(),
        _ => String::new(),
    };
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Home".to_string(),
    }
}

/// Everything the render stage reads, for every language.
pub struct Site<'a> {
    pub config: &'a Config,
    pub urls: &'a Urls,
    pub content: &'a Content,
    pub prepared: &'a [Prepared],
    pub langs: &'a [LangSite],
    /// Per language (same order as `langs`): the whole chapter tree.
    pub navs: Vec<Vec<NavItem>>,
    /// Per language: site-wide template values.
    pub contexts: Vec<SiteContext>,
    /// Per language: pages that link to each spec.
    pub backlinks: Vec<BTreeMap<u32, Vec<Link>>>,
    /// UI strings for the text charter writes itself (banners).
    pub ui: &'a UiStrings,
    /// The other versions, when the site has versions.
    pub versions: Option<&'a crate::versions::VersionNav>,
    /// Where pages sit in the sidebars and reading orders, looked up per
    /// page instead of searched (a search per page made templating grow as
    /// the square of the pages).
    places: Places,
}

/// Positions computed once per build for every page's template context.
struct Places {
    /// Per language: each URL's first entry in `Site::navs`.
    nav: Vec<HashMap<String, usize>>,
    /// Per language: the specs sidebar, whole, and each URL's entry in it.
    spec_navs: Vec<(Vec<NavItem>, HashMap<String, usize>)>,
    /// Chapters (the book's order) and specs (by number), as original page
    /// indexes, and each one's position.
    chapters: Order,
    specs: Order,
}

/// A reading order: pages in order and each page's position.
struct Order {
    pages: Vec<usize>,
    position: HashMap<usize, usize>,
}

impl Order {
    fn new(pages: Vec<usize>) -> Self {
        let mut position = HashMap::with_capacity(pages.len());
        for (at, &page) in pages.iter().enumerate() {
            position.entry(page).or_insert(at);
        }
        Order { pages, position }
    }
}

impl Places {
    fn new(content: &Content, langs: &[LangSite], navs: &[Vec<NavItem>]) -> Self {
        let chapters = content
            .book
            .iter()
            .filter_map(|e| match e {
                BookEntry::Chapter { page, .. } => Some(*page),
                _ => None,
            })
            .collect();
        let specs = content.specs.specs.values().map(|s| s.page).collect();
        Places {
            nav: navs.iter().map(|nav| url_positions(nav)).collect(),
            spec_navs: langs
                .iter()
                .map(|l| {
                    let items = spec_nav(&content.specs, &l.links);
                    let at = url_positions(&items);
                    (items, at)
                })
                .collect(),
            chapters: Order::new(chapters),
            specs: Order::new(specs),
        }
    }
}

/// Each URL's first position among `items`.
fn url_positions(items: &[NavItem]) -> HashMap<String, usize> {
    let mut at = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if let Some(url) = &item.url {
            at.entry(url.clone()).or_insert(i);
        }
    }
    at
}

impl<'a> Site<'a> {
    pub fn new(
        config: &'a Config,
        urls: &'a Urls,
        content: &'a Content,
        prepared: &'a [Prepared],
        langs: &'a [LangSite],
        ui: &'a UiStrings,
        diags: &mut Vec<Diagnostic>,
    ) -> Self {
        let navs: Vec<Vec<NavItem>> = langs
            .iter()
            .map(|l| book_nav(content, prepared, l.lang.as_deref()))
            .collect();
        let contexts = langs
            .iter()
            .map(|l| site_context(config, urls, content, prepared, l))
            .collect();
        let backlinks = langs
            .iter()
            .map(|l| spec_backlinks(content, prepared, l, diags))
            .collect();
        let places = Places::new(content, langs, &navs);
        Site {
            config,
            urls,
            content,
            prepared,
            langs,
            navs,
            contexts,
            backlinks,
            ui,
            versions: None,
            places,
        }
    }

    /// The site as one of several versions: pages get the version switcher,
    /// and pages of a version other than the default a canonical link to the
    /// default's copy and an old-version banner.
    pub fn with_versions(mut self, versions: Option<&'a crate::versions::VersionNav>) -> Self {
        self.versions = versions;
        self
    }

    /// The language index of a page.
    pub fn lang_of(&self, index: usize) -> usize {
        lang_index(self.langs, &self.content.pages[index])
    }

    /// The template context of page `index`.
    /// What describes page `index` to search engines, link previews and
    /// feeds: its front matter's `description`, else its first paragraph
    /// (the home page falls back to the site's description instead).
    pub fn description(&self, index: usize) -> Option<String> {
        let page = &self.content.pages[index];
        page.front.description.clone().or_else(|| {
            (page.kind != PageKind::Home)
                .then(|| self.prepared[index].rendered.summary.clone())
                .flatten()
        })
    }

    pub fn page_context(&self, index: usize) -> PageContext {
        let page = &self.content.pages[index];
        let l = self.lang_of(index);
        let lang = &self.langs[l];
        let this = &self.prepared[index];
        let (prev, next) = self.neighbours(index);
        let mut absolute = self.absolute_url(index);
        let in_default = self
            .versions
            .and_then(|v| v.default_page(&page.scope, &page.route));
        if let Some(default) = in_default.as_ref().filter(|d| d.same_page) {
            absolute = default.absolute.clone();
        }
        let spec = match page.route {
            Route::Spec(n) if page.kind == PageKind::Spec => self.content.specs.get(n),
            _ => None,
        };
        let site_lang = page.site_lang(self.config).to_string();
        let mut content = this.rendered.html.clone();
        if page.lang != site_lang {
            // A fallback: the source text, marked as such for screen readers and hyphenation.
            let dir = crate::i18n::direction(&page.lang, None);
            content = format!(
                "<div lang=\"{}\" dir=\"{dir}\">\n{content}</div>\n",
                crate::html::escape(&page.lang)
            );
        }
        PageContext {
            kind: page.kind.name(),
            title: this.title.clone(),
            description: self.description(index),
            url: this.url.clone(),
            canonical: (absolute.starts_with("http") || in_default.is_some_and(|d| d.same_page))
                .then_some(absolute),
            dir: self.direction(&site_lang).to_string(),
            lang: site_lang,
            content,
            toc: this.rendered.toc.clone(),
            prev,
            next,
            edit_url: self.edit_url(page),
            alternates: self.alternates(index),
            banners: self.banners(index, spec),
            nav: match page.kind {
                PageKind::Chapter => {
                    inline_nav(&self.navs[l], self.places.nav[l].get(&this.url).copied())
                }
                PageKind::Spec | PageKind::Registry => {
                    let (items, at) = &self.places.spec_navs[l];
                    spec_nav_window(items, at.get(&this.url).copied())
                }
                PageKind::Home | PageKind::Translations => Vec::new(),
            },
            show_title: this.rendered.first_heading.is_none(),
            search: search_on(self.config)
                && page.front.search != Some(false)
                && page.kind != PageKind::Translations,
            spec: spec.map(|s| {
                spec_site::context(s, &self.content.specs, &lang.links, &self.backlinks[l])
            }),
            registry: if page.kind == PageKind::Registry {
                spec_site::registry(&self.content.specs, &lang.links)
            } else {
                Vec::new()
            },
            translation: self.translation(index),
            versions: self
                .versions
                .map(|v| v.links(&page.scope, &page.route))
                .unwrap_or_default(),
            translations: if page.kind == PageKind::Translations {
                self.dashboard()
            } else {
                Vec::new()
            },
        }
    }

    /// A translated page's state and credits.
    fn translation(&self, index: usize) -> Option<TranslationContext> {
        let page = &self.content.pages[index];
        let Origin::Translation(original) = page.origin else {
            return None;
        };
        let state = page.state.as_ref()?;
        let source = &self.content.pages[original];
        let mut original_by: Vec<String> = source.front.author.iter().cloned().collect();
        original_by.extend(source.front.editors.iter().cloned());
        Some(TranslationContext {
            state: state.name(),
            translators: page.front.translators.clone(),
            original_url: self.prepared[original].url.clone(),
            original_by,
            original_language: self.language_name(&self.config.language),
        })
    }

    /// Per language: how many pages are up to date, and the others with
    /// links to the original, the translation and the file to edit.
    fn dashboard(&self) -> Vec<LanguageStatus> {
        let content = self.content;
        self.langs
            .iter()
            .filter_map(|lang| lang.lang.as_deref())
            .map(|tag| {
                let mut status = LanguageStatus {
                    tag: tag.to_string(),
                    name: self.language_name(tag),
                    url: self.urls.url(
                        &Scope {
                            lang: Some(tag.to_string()),
                        },
                        &Route::Home,
                    ),
                    ..Default::default()
                };
                for original in 0..content.sources {
                    let here = content.in_lang(Some(tag), original);
                    let page = &content.pages[here];
                    let Some(state) = &page.state else { continue };
                    status.total += 1;
                    for name in &page.front.translators {
                        if !status.translators.contains(name) {
                            status.translators.push(name.clone());
                        }
                    }
                    if *state == State::UpToDate {
                        status.up_to_date += 1;
                        continue;
                    }
                    let file =
                        crate::content::translation_dir(tag).join(&content.pages[original].source);
                    status.pages.push(PageStatus {
                        title: self.prepared[original].title.clone(),
                        state: state.name(),
                        original_url: self.prepared[original].url.clone(),
                        translation_url: self.prepared[here].url.clone(),
                        edit_url: self
                            .config
                            .edit_url
                            .as_ref()
                            .map(|u| u.replace("{path}", &url_path(&file))),
                    });
                }
                status.percent = (status.up_to_date * 100)
                    .checked_div(status.total)
                    .unwrap_or(100);
                status
            })
            .collect()
    }

    /// `ltr` or `rtl`, from the config's `dir:` or the tag.
    pub fn direction(&self, tag: &str) -> &'static str {
        let explicit = self
            .config
            .languages
            .get(tag)
            .and_then(|l| l.dir.as_deref());
        crate::i18n::direction(tag, explicit)
    }

    /// "Edit this page" for the file the page's text comes from; for a
    /// fallback, the translation that is missing ("help translate").
    fn edit_url(&self, page: &Page) -> Option<String> {
        let template = self.config.edit_url.as_ref()?;
        let path = match (page.origin, &page.scope.lang) {
            _ if page.generated => return None,
            (Origin::Fallback(_), Some(tag)) => {
                crate::content::translation_dir(tag).join(&page.source)
            }
            _ => page.source.clone(),
        };
        Some(template.replace("{path}", &url_path(&path)))
    }

    /// Page `index`'s URL with scheme and host, when `base_url` has them.
    fn absolute_url(&self, index: usize) -> String {
        let page = &self.content.pages[index];
        self.urls.absolute(&page.scope, &page.route)
    }

    /// The same page in every language (`hreflang`), plus `x-default`.
    fn alternates(&self, index: usize) -> Vec<Alternate> {
        if self.langs.len() < 2 {
            return Vec::new();
        }
        let page = &self.content.pages[index];
        let original = page.original(index);
        let mut list: Vec<Alternate> = self
            .langs
            .iter()
            .map(|l| {
                let tag = l
                    .lang
                    .clone()
                    .unwrap_or_else(|| self.config.language.clone());
                let other = self.content.in_lang(l.lang.as_deref(), original);
                Alternate {
                    href: self.prepared[other].url.clone(),
                    absolute: self.absolute_url(other),
                    name: self.language_name(&tag),
                    current: l.lang == page.scope.lang,
                    hreflang: tag,
                }
            })
            .collect();
        list.push(Alternate {
            hreflang: "x-default".into(),
            href: self.prepared[original].url.clone(),
            absolute: self.absolute_url(original),
            name: String::new(),
            current: false,
        });
        list
    }

    /// A language's name for the switcher: `languages.<tag>.name`, else its endonym.
    pub fn language_name(&self, tag: &str) -> String {
        match self.config.languages.get(tag) {
            Some(l) if !l.name.is_empty() => l.name.clone(),
            _ => endonym(tag).unwrap_or(tag).to_string(),
        }
    }

    fn banners(&self, index: usize, spec: Option<&crate::specs::Spec>) -> Vec<Banner> {
        let page = &self.content.pages[index];
        let lang = &self.langs[self.lang_of(index)];
        let mut banners = Vec::new();
        let reader = page.site_lang(self.config);
        let source_name = self.language_name(&self.config.language);
        let t = |key: &str| {
            crate::html::escape(
                &self
                    .ui
                    .get(reader, key, &[("language", source_name.as_str())]),
            )
        };
        let original_link = |original: usize, key: &str| {
            format!(
                "<a href=\"{}\" hreflang=\"{}\">{}</a>",
                crate::html::escape(&self.prepared[original].url),
                crate::html::escape(&self.config.language),
                t(key)
            )
        };
        if let Origin::Fallback(original) = page.origin {
            let mut html = format!(
                "{} {}.",
                t("banner-fallback"),
                original_link(original, "banner-fallback-link")
            );
            if let Some(edit) = self.edit_url(page) {
                html.push_str(&format!(
                    " <a href=\"{}\">{}</a>.",
                    crate::html::escape(&edit),
                    t("help-translate")
                ));
            }
            banners.push(Banner {
                kind: "fallback",
                html,
            });
        }
        if let (Some(State::Outdated { .. }), Origin::Translation(original)) =
            (&page.state, page.origin)
        {
            let html = format!(
                "{} {}.",
                t("banner-outdated"),
                original_link(original, "banner-outdated-link")
            );
            banners.push(Banner {
                kind: "outdated",
                html,
            });
        }
        if let Some(default) = self
            .versions
            .and_then(|v| v.default_page(&page.scope, &page.route))
        {
            banners.push(self.old_version_banner(reader, &default));
        }
        if page.front.draft {
            banners.push(Banner {
                kind: "draft",
                html: "<strong>Draft.</strong> This page is not published; you see it because the build includes drafts.".into(),
            });
        }
        if let Some(spec) = spec {
            banners.extend(spec_site::banners(spec, &self.content.specs, &lang.links));
        }
        banners
    }

    /// "You are reading version X; the current version is Y", linking to the
    /// same page in the default version (or its home).
    fn old_version_banner(&self, reader: &str, default: &crate::versions::DefaultPage) -> Banner {
        let this = self
            .versions
            .map(|v| v.current.as_str())
            .unwrap_or_default();
        let args = [("version", this), ("current", default.name.as_str())];
        let text = crate::html::escape(&self.ui.get(reader, "banner-old-version", &args));
        let link_key = if default.same_page {
            "banner-old-version-link"
        } else {
            "banner-old-version-home"
        };
        let link = crate::html::escape(&self.ui.get(reader, link_key, &args));
        Banner {
            kind: "old-version",
            html: format!(
                "{text} <a href=\"{}\">{link}</a>.",
                crate::html::escape(&default.url)
            ),
        }
    }

    /// Previous and next in reading order, in the page's language (the home
    /// page leads to the first chapter; specs go by number).
    fn neighbours(&self, index: usize) -> (Option<Link>, Option<Link>) {
        let page = &self.content.pages[index];
        let lang = page.scope.lang.as_deref();
        let original = page.original(index);
        let order = match page.kind {
            PageKind::Home | PageKind::Chapter => &self.places.chapters,
            PageKind::Spec => &self.places.specs,
            PageKind::Registry | PageKind::Translations => return (None, None),
        };
        let link = |i: usize| {
            let p = &self.prepared[self.content.in_lang(lang, i)];
            Link {
                title: p.title.clone(),
                url: p.url.clone(),
            }
        };
        let pages = &order.pages;
        if page.kind == PageKind::Home {
            return (None, pages.first().map(|&i| link(i)));
        }
        match order.position.get(&original) {
            Some(&pos) => (
                pos.checked_sub(1).map(|p| link(pages[p])),
                pages.get(pos + 1).map(|&i| link(i)),
            ),
            None => (None, None),
        }
    }
}

fn site_context(
    config: &Config,
    urls: &Urls,
    content: &Content,
    prepared: &[Prepared],
    lang: &LangSite,
) -> SiteContext {
    let scope = &lang.scope;
    let first_chapter = content.book.iter().find_map(|e| match e {
        BookEntry::Chapter { page, .. } => Some(
            prepared[content.in_lang(lang.lang.as_deref(), *page)]
                .url
                .clone(),
        ),
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
        nav_url: urls.url(scope, &nav_script_route(scope)),
        search: search_on(config),
        search_url: search_on(config)
            .then(|| urls.url(scope, &Route::Search("pagefind.js".into()))),
        translations_url: (!config.languages.is_empty())
            .then(|| urls.url(&Scope::root(), &Route::Translations)),
    }
}

/// Whether builds index pages and show the search box: the site wants it
/// (`search:`, default true) and charter was built with the `search` feature.
pub fn search_on(config: &Config) -> bool {
    config.search && cfg!(feature = "search")
}

/// Where a language's shared chapter tree is published (one file per
/// language, shared by its pages).
pub fn nav_script_route(scope: &Scope) -> Route {
    Route::File(match &scope.lang {
        Some(tag) => format!("charter-nav.{tag}.js"),
        None => NAV_SCRIPT.to_string(),
    })
}

/// The source language's chapter tree, at the root of every output.
pub const NAV_SCRIPT: &str = "charter-nav.js";

/// The whole chapter tree in one language, as every page's sidebar shows it.
fn book_nav(content: &Content, prepared: &[Prepared], lang: Option<&str>) -> Vec<NavItem> {
    let item = |kind, title: String, url: Option<String>, depth| NavItem {
        kind,
        title,
        url,
        depth,
        current: false,
    };
    let renamed = lang.and_then(|tag| content.summary_titles.get(tag));
    let mut part = 0;
    content
        .book
        .iter()
        .map(|entry| match entry {
            BookEntry::Chapter { page, title, depth } => {
                let here = content.in_lang(lang, *page);
                let translated =
                    here != *page && !matches!(content.pages[here].origin, Origin::Fallback(_));
                // SUMMARY.md titles are the source language's: a translated
                // SUMMARY.md, else the translation's own title, wins.
                let title = match (
                    renamed.and_then(|r| r.chapters.get(&content.pages[*page].source)),
                    title,
                ) {
                    (Some(t), _) => t.clone(),
                    (None, Some(t)) if !translated => t.clone(),
                    _ => prepared[here].title.clone(),
                };
                item("chapter", title, Some(prepared[here].url.clone()), *depth)
            }
            BookEntry::Draft { title, depth } => item("chapter", title.clone(), None, *depth),
            BookEntry::Part { title } => {
                let title = renamed
                    .and_then(|r| r.parts.get(part))
                    .unwrap_or(title)
                    .clone();
                part += 1;
                item("part", title, None, 0)
            }
            BookEntry::Separator => item("separator", String::new(), None, 0),
        })
        .collect()
}

/// Most entries a page carries inline; the rest comes from the shared nav script.
const INLINE_NAV_WINDOW: usize = 30;

/// The part of the tree around the current page: its part (between part
/// headings), cut to a window around the page when the part is long.
fn inline_nav(nav: &[NavItem], current: Option<usize>) -> Vec<NavItem> {
    let Some(pos) = current else {
        return nav.iter().take(INLINE_NAV_WINDOW).cloned().collect();
    };
    let current_url = nav[pos].url.as_deref();
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
            current: n.url.is_some() && n.url.as_deref() == current_url,
            ..n.clone()
        })
        .collect()
}

/// The specs by status, as the sidebar of spec pages lists them.
fn spec_nav(index: &SpecIndex, links: &SiteLinks) -> Vec<NavItem> {
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
            let title = if spec.name == spec.shortname {
                spec.shortname.clone()
            } else {
                format!("{} {}", spec.shortname, spec.name)
            };
            items.push(NavItem {
                kind: "chapter",
                title,
                current: false,
                url: Some(url),
                depth: 0,
            });
        }
    }
    items
}

/// A spec page's sidebar: the specs sidebar with the page's own entry
/// (`current`, its position) marked, a window around it when there are
/// very many.
fn spec_nav_window(items: &[NavItem], current: Option<usize>) -> Vec<NavItem> {
    const MOST: usize = 200;
    let pos = current.unwrap_or(0);
    let (start, end) = if items.len() > MOST {
        let start = pos.saturating_sub(MOST / 2).min(items.len() - MOST);
        (start, start + MOST)
    } else {
        (0, items.len())
    };
    let mut window = items[start..end].to_vec();
    if let Some(pos) = current {
        window[pos - start].current = true;
    }
    window
}

/// "Referenced by" lists for one language, from that language's pages.
fn spec_backlinks(
    content: &Content,
    prepared: &[Prepared],
    lang: &LangSite,
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
        .filter(|(_, page)| page.scope.lang == lang.lang)
        .map(|(i, page)| Referrer {
            source: &page.source,
            title: &prepared[i].title,
            url: &prepared[i].url,
            spec: spec_of_page.get(&page.original(i)).copied(),
            links: &prepared[i].rendered.links,
        })
        .collect();
    // Rules about spec text are checked once, on the source language.
    let mut found = Vec::new();
    let lists = spec_site::backlinks(&content.specs, &lang.spec_urls, &referrers, &mut found);
    if lang.lang.is_none() {
        diags.append(&mut found);
    }
    lists
}

/// The name a language calls itself, for common tags.
fn endonym(tag: &str) -> Option<&'static str> {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase();
    Some(match primary.as_str() {
        "en" => "English",
        "ru" => "Русский",
        "uk" => "Українська",
        "de" => "Deutsch",
        "fr" => "Français",
        "es" => "Español",
        "it" => "Italiano",
        "pt" => "Português",
        "nl" => "Nederlands",
        "pl" => "Polski",
        "cs" => "Čeština",
        "tr" => "Türkçe",
        "ar" => "العربية",
        "he" => "עברית",
        "fa" => "فارسی",
        "zh" => "中文",
        "ja" => "日本語",
        "ko" => "한국어",
        "hi" => "हिन्दी",
        _ => return None,
    })
}
