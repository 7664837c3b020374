//! The page model: reads the home page and the handbook chapters from the
//! source tree, splits front matter, derives slugs and routes, and orders the
//! handbook (SUMMARY.md, else `order:`, else file name). Every page carries
//! its scope (version and language) from the start.

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Location};
use crate::frontmatter::{self, FrontMatter};
use crate::i18n::State;
use crate::specs::{self, SpecFile, SpecIndex, Status};
use crate::summary::{self, SummaryItem};
use crate::url::{Route, Scope};
use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a page is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKind {
    Home,
    Chapter,
    /// The spec registry (`/spec/`), from the specs folder's introduction.
    Registry,
    Spec,
    /// The translation dashboard (`/i18n/`), written by charter.
    Translations,
}

impl PageKind {
    pub fn name(self) -> &'static str {
        match self {
            PageKind::Home => "home",
            PageKind::Chapter => "chapter",
            PageKind::Registry => "registry",
            PageKind::Spec => "spec",
            PageKind::Translations => "translations",
        }
    }
}

/// One source page, parsed up to (not including) its Markdown body.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub kind: PageKind,
    /// Source path relative to the root (`book/01-why.md`).
    pub source: PathBuf,
    pub route: Route,
    /// Version and language of the site the page belongs to (its chrome).
    pub scope: Scope,
    /// The language of the page's text: the scope's language, or the source
    /// language on a fallback page.
    pub lang: String,
    /// What the page is in its language's site.
    pub origin: Origin,
    /// On a translation language's page: how the translation stands.
    pub state: Option<State>,
    pub front: FrontMatter,
    pub body: String,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
    /// Made by charter (no source file): a home page or registry the site did not write.
    pub generated: bool,
}

/// Where a page's text comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A page of the source language.
    Source,
    /// A translation of the source page at this index.
    Translation(usize),
    /// The source page at this index, shown untranslated in another language's site.
    Fallback(usize),
}

impl Page {
    /// Where the page's URL is decided, for diagnostics about it: its
    /// `slug:` line when it has one, else the start of its file.
    pub fn url_location(&self) -> Location {
        match self.front.positions.get("slug") {
            Some(&(line, column)) => Location::new(&self.source, line, column),
            None => Location::file(&self.source),
        }
    }

    /// The index of the source-language page this page stands for.
    pub fn original(&self, own_index: usize) -> usize {
        match self.origin {
            Origin::Source => own_index,
            Origin::Translation(i) | Origin::Fallback(i) => i,
        }
    }

    /// The language tag of the site this page belongs to.
    pub fn site_lang<'a>(&'a self, config: &'a Config) -> &'a str {
        self.scope.lang.as_deref().unwrap_or(&config.language)
    }
}

/// Where the translations of one language live: `translations/<tag>/`.
pub fn translation_dir(tag: &str) -> PathBuf {
    Path::new("translations").join(tag)
}

/// One entry of the handbook's table of contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BookEntry {
    /// Index into `Content::pages`; `title` from SUMMARY.md if given there.
    Chapter {
        page: usize,
        title: Option<String>,
        depth: usize,
    },
    /// A SUMMARY.md entry with no file yet (`[Title]()`).
    Draft {
        title: String,
        depth: usize,
    },
    Part {
        title: String,
    },
    Separator,
}

/// All pages of every language, the handbook order (of source pages) and the specs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Content {
    /// Source pages first, then each language's pages in the same order.
    pub pages: Vec<Page>,
    pub book: Vec<BookEntry>,
    pub specs: SpecIndex,
    /// Number of source-language pages (the first `sources` of `pages`).
    pub sources: usize,
    /// Each translation language's page for a source page: `(tag, source index) → index`.
    pub localized: BTreeMap<(String, usize), usize>,
    /// Per language: the titles of a translated `SUMMARY.md`.
    pub summary_titles: BTreeMap<String, SummaryTitles>,
}

/// What a translated `SUMMARY.md` renames: part titles in order, chapter
/// titles by chapter file (relative to the root).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SummaryTitles {
    pub parts: Vec<String>,
    pub chapters: BTreeMap<PathBuf, String>,
}

impl Content {
    /// The page standing for source page `original` in the site of `lang`
    /// (`None` = the source language).
    pub fn in_lang(&self, lang: Option<&str>, original: usize) -> usize {
        match lang {
            None => original,
            Some(tag) => self
                .localized
                .get(&(tag.to_string(), original))
                .copied()
                .unwrap_or(original),
        }
    }
}

/// Options that change which pages are read.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Include `draft: true` pages.
    pub drafts: bool,
}

/// Compiles `ignore:` globs. Bad globs are errors located in charter.yaml.
pub fn ignore_set(config: &Config) -> (GlobSet, Vec<Diagnostic>) {
    let mut builder = GlobSetBuilder::new();
    let mut diags = Vec::new();
    for pattern in &config.ignore {
        match Glob::new(pattern) {
            Ok(glob) => {
                builder.add(glob);
            }
            Err(e) => diags.push(
                Diagnostic::error("bad-glob", format!("invalid ignore glob `{pattern}`: {e}"))
                    .at_file(crate::config::CONFIG_FILE)
                    .help("use globs like `drafts/**` or `**/*.tmp`"),
            ),
        }
    }
    let set = builder.build().unwrap_or_else(|_| GlobSet::empty());
    (set, diags)
}

/// Every Markdown source file a build reads (home, chapters, specs and the
/// registry introduction), relative to the root, sorted. Translations mirror
/// these paths under `translations/<tag>/`.
pub fn source_files(root: &Path, config: &Config) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let (ignore, mut diags) = ignore_set(config);
    let mut files = Vec::new();
    if root.join(&config.home).is_file() && !ignore.is_match(&config.home) {
        files.push(config.home.clone());
    }
    if root.join(&config.book.dir).is_dir() {
        files.extend(chapter_files(root, &config.book.dir, &ignore, &mut diags));
    }
    if root.join(&config.specs.dir).is_dir() {
        let (specs, intro) = spec_files(root, &config.specs.dir, &ignore, &config.home, &mut diags);
        // A spec file with no number is not published (spec-no-number):
        // it has nothing to translate.
        files.extend(
            specs
                .into_iter()
                .filter(|f| spec_file_number(root, f).is_some())
                .map(|f| f.source),
        );
        files.extend(intro);
    }
    files.sort();
    files.dedup();
    (files, diags)
}

/// The spec numbers the site uses, each with the file that has it: from
/// the path (`specs/42/README.md`), else from the front matter
/// (`number:`, or a numeric `slug:`). Deleted specs count: their numbers
/// are not given again.
pub fn spec_numbers(root: &Path, config: &Config) -> BTreeMap<u32, PathBuf> {
    let (ignore, mut diags) = ignore_set(config);
    let mut numbers = BTreeMap::new();
    if !root.join(&config.specs.dir).is_dir() {
        return numbers;
    }
    let (files, _) = spec_files(root, &config.specs.dir, &ignore, &config.home, &mut diags);
    for file in files {
        if let Some(number) = spec_file_number(root, &file) {
            numbers.entry(number).or_insert(file.source);
        }
    }
    numbers
}

/// A spec file's number: from its path, else its front matter (`number:`,
/// or a numeric `slug:`), as the build reads it.
fn spec_file_number(root: &Path, file: &SpecFile) -> Option<u32> {
    file.path_number.or_else(|| {
        let text = std::fs::read_to_string(root.join(&file.source)).ok()?;
        let (front, _) = frontmatter::parse(&frontmatter::split(&text), &file.source);
        front
            .number
            .or_else(|| front.slug.as_deref()?.trim().parse().ok())
    })
}

/// Reads the home page and the handbook of the source language.
pub fn load(root: &Path, config: &Config, opts: &LoadOptions) -> (Content, Vec<Diagnostic>) {
    let (ignore, mut diags) = ignore_set(config);
    let scope = Scope::root();
    let mut content = Content::default();

    let home = config.home.clone();
    let home_page = if root.join(&home).is_file()
        && !ignore.is_match(&home)
        && !refuse_outside(root, &home, &mut diags)
    {
        read_page(
            root,
            &home,
            PageKind::Home,
            Route::Home,
            &scope,
            config,
            &mut diags,
        )
    } else {
        None
    };
    // Every site has a home page; without index.md the theme's hero stands alone.
    content.pages.push(home_page.unwrap_or_else(|| {
        generated_page(
            PageKind::Home,
            Route::Home,
            &home,
            &config.title,
            &scope,
            config,
        )
    }));

    let book_dir = root.join(&config.book.dir);
    if book_dir.is_dir() {
        let files = chapter_files(root, &config.book.dir, &ignore, &mut diags);
        // Read and parse in parallel; each file's diagnostics are kept with
        // it and reported in file order, as a serial read would.
        let read: Vec<(Option<Page>, Vec<Diagnostic>)> = files
            .par_iter()
            .map(|rel| {
                let mut found = Vec::new();
                let page = read_chapter(root, rel, &scope, config, &mut found);
                (page, found)
            })
            .collect();
        let mut chapters: Vec<Page> = Vec::with_capacity(read.len());
        for (page, mut found) in read {
            diags.append(&mut found);
            chapters.extend(page.filter(|p| opts.drafts || !p.front.draft));
        }
        drop_duplicate_routes(&mut chapters, &mut diags);
        let summary_path = config.book.dir.join("SUMMARY.md");
        let first = content.pages.len();
        let entries = if root.join(&summary_path).is_file() && !ignore.is_match(&summary_path) {
            order_by_summary(
                root,
                &summary_path,
                &config.book.dir,
                &mut chapters,
                first,
                &mut diags,
            )
        } else {
            order_by_front_matter(&mut chapters, first)
        };
        content.pages.extend(chapters);
        content.book = entries;
    }
    load_specs(root, config, &ignore, &scope, &mut content, &mut diags);
    content.sources = content.pages.len();
    for tag in config.languages.keys() {
        load_language(root, config, tag, &ignore, &mut content, &mut diags);
        if let Some(titles) = translated_summary(root, config, tag, &mut diags) {
            content.summary_titles.insert(tag.clone(), titles);
        }
    }
    check_translation_folders(root, config, &content, &mut diags);
    if !config.languages.is_empty() {
        let dashboard = generated_page(
            PageKind::Translations,
            Route::Translations,
            Path::new("translations"),
            "Translations",
            &scope,
            config,
        );
        content.pages.push(dashboard);
    }
    (content, diags)
}

/// Reads the specs folder: numbered specs (deleted ones are not published)
/// and the registry's introduction.
fn load_specs(
    root: &Path,
    config: &Config,
    ignore: &GlobSet,
    scope: &Scope,
    content: &mut Content,
    diags: &mut Vec<Diagnostic>,
) {
    let dir = &config.specs.dir;
    if !root.join(dir).is_dir() {
        // Still check `specs.obsoletes`: it names specs that do not exist.
        let nowhere = |_: &specs::Spec, _: &str| Location::file(crate::config::CONFIG_FILE);
        content.specs = specs::index(Vec::new(), &config.specs, &nowhere, diags);
        return;
    }
    let (files, intro) = spec_files(root, dir, ignore, &config.home, diags);
    let registry = intro.and_then(|intro| {
        read_page(
            root,
            &intro,
            PageKind::Registry,
            Route::Registry,
            scope,
            config,
            diags,
        )
    });
    let registry_at = content.pages.len();
    content.pages.push(registry.unwrap_or_else(|| {
        generated_page(
            PageKind::Registry,
            Route::Registry,
            &dir.join("README.md"),
            "Specifications",
            scope,
            config,
        )
    }));
    let mut specs = Vec::new();
    let mut numbers: BTreeMap<u32, PathBuf> = BTreeMap::new();
    for file in files {
        let Some(mut page) = read_page(
            root,
            &file.source,
            PageKind::Spec,
            Route::Registry,
            scope,
            config,
            diags,
        ) else {
            continue;
        };
        let is_spec_like = file.path_number.is_some()
            || page.front.number.is_some()
            || page.front.status.is_some()
            || page.front.shortname.is_some();
        if !is_spec_like {
            continue; // A stray Markdown file in a shared folder (e.g. SUMMARY.md).
        }
        let Some(spec) = specs::read_spec(&file, &page.front, content.pages.len(), diags) else {
            continue;
        };
        if spec.status == Status::Deleted {
            continue;
        }
        if let Some(first) = numbers.insert(spec.number, spec.source.clone()) {
            diags.push(specs::duplicate_number(spec.number, &first, &spec.source));
            numbers.insert(spec.number, first);
            continue;
        }
        page.route = Route::Spec(spec.number);

        content.pages.push(page);
        specs.push(spec);
    }
    let pages = &content.pages;
    let position = |spec: &specs::Spec, key: &str| {
        let (line, column) = pages[spec.page]
            .front
            .positions
            .get(key)
            .copied()
            .unwrap_or((1, 1));
        Location::new(&spec.source, line, column)
    };
    content.specs = specs::index(specs, &config.specs, &position, diags);
    // Prose is compared with the completed supersession (front matter and config).
    for spec in content.specs.specs.values() {
        let page = &content.pages[spec.page];
        diags.extend(specs::prose_supersession(spec, &page.body, page.body_line));
    }
    if content.specs.specs.is_empty() && content.pages[registry_at].generated {
        content.pages.remove(registry_at); // No specs: no registry.
    }
}

/// The titles of `translations/<tag>/<book>/SUMMARY.md`, if there is one: its
/// order is the source's, only its words are the language's.
fn translated_summary(
    root: &Path,
    config: &Config,
    tag: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<SummaryTitles> {
    let path = translation_dir(tag)
        .join(&config.book.dir)
        .join("SUMMARY.md");
    if !root.join(&path).is_file() || refuse_outside(root, &translation_dir(tag), diags) {
        return None;
    }
    let text = read_text(root, &path, diags)?;
    let (items, mut found) = summary::parse(&text, &path);
    diags.append(&mut found);
    let mut titles = SummaryTitles::default();
    for item in items {
        match item {
            SummaryItem::Part { title } => titles.parts.push(title),
            SummaryItem::Chapter {
                title,
                path: Some(file),
                ..
            } => {
                titles
                    .chapters
                    .insert(normalize(&config.book.dir.join(file)), title);
            }
            _ => {}
        }
    }
    Some(titles)
}

/// Adds the pages of one translation language: the translated file where
/// `translations/<tag>/` has one, else the source page as a fallback.
fn load_language(
    root: &Path,
    config: &Config,
    tag: &str,
    ignore: &GlobSet,
    content: &mut Content,
    diags: &mut Vec<Diagnostic>,
) {
    let scope = Scope {
        lang: Some(tag.to_string()),
    };
    // A translation folder that leads out of the site is not read: every
    // page falls back to the source.
    let refused = refuse_outside(root, &translation_dir(tag), diags);
    for original in 0..content.sources {
        let source = &content.pages[original];
        let translated_path = translation_dir(tag).join(&source.source);
        let translation = (!source.generated
            && !refused
            && root.join(&translated_path).is_file()
            && !ignore.is_match(&translated_path))
        .then(|| {
            read_page(
                root,
                &translated_path,
                source.kind,
                source.route.clone(),
                &scope,
                config,
                diags,
            )
        })
        .flatten();
        let page = match translation {
            Some(mut page) => {
                let source_id = std::fs::read(root.join(&source.source))
                    .map(|b| crate::i18n::blob_id(&b))
                    .unwrap_or_default();
                page.state = Some(State::of(page.front.translated_from.as_deref(), &source_id));
                if !page.front.aliases.is_empty() {
                    diags.push(translated_aliases(&page));
                }
                page.origin = Origin::Translation(original);
                page.lang = tag.to_string();
                page
            }
            None => Page {
                scope: scope.clone(),
                origin: if source.generated {
                    Origin::Translation(original)
                } else {
                    Origin::Fallback(original)
                },
                lang: if source.generated {
                    tag.to_string()
                } else {
                    source.lang.clone()
                },
                state: (!source.generated).then_some(State::Missing),
                ..source.clone()
            },
        };
        content
            .localized
            .insert((tag.to_string(), original), content.pages.len());
        content.pages.push(page);
    }
}

/// `aliases:` in a translation: a page's old addresses are the source's,
/// and are published in every language.
fn translated_aliases(page: &Page) -> Diagnostic {
    let (line, column) = page
        .front
        .positions
        .get("aliases")
        .copied()
        .unwrap_or((1, 1));
    Diagnostic::warning(
        "frontmatter-value",
        "`aliases:` in a translation is not used".to_string(),
    )
    .at(Location::new(&page.source, line, column))
    .help("write a page's old addresses in its source page: they are published in every language (with the language's prefix)")
}

/// `translations/<tag>/` folders must name configured languages, and every
/// translated Markdown file must have a source (else it is an orphan).
fn check_translation_folders(
    root: &Path,
    config: &Config,
    content: &Content,
    diags: &mut Vec<Diagnostic>,
) {
    use crate::i18n::status::{orphans, unknown_language_folders};
    diags.extend(unknown_language_folders(root, config));
    let sources: Vec<PathBuf> = content.pages[..content.sources]
        .iter()
        .filter(|p| !p.generated)
        .map(|p| p.source.clone())
        .collect();
    for tag in config.languages.keys() {
        diags.extend(orphans(root, tag, &sources));
    }
}

/// A page charter writes itself where the site has no file for it.
fn generated_page(
    kind: PageKind,
    route: Route,
    source: &Path,
    title: &str,
    scope: &Scope,
    config: &Config,
) -> Page {
    Page {
        kind,
        source: source.to_path_buf(),
        route,
        scope: scope.clone(),
        lang: scope
            .lang
            .clone()
            .unwrap_or_else(|| config.language.clone()),
        front: FrontMatter {
            title: Some(title.to_string()),
            ..Default::default()
        },
        body: String::new(),
        body_line: 1,
        generated: true,
        origin: Origin::Source,
        state: None,
    }
}

/// Spec files in the specs folder: `N/README.md` (or `N/index.md`),
/// `N-slug.md`, other `.md` files (numbered by front matter), and the
/// introduction (`_index.md` or `README.md`).
fn spec_files(
    root: &Path,
    dir: &Path,
    ignore: &GlobSet,
    home: &Path,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<SpecFile>, Option<PathBuf>) {
    let mut files = Vec::new();
    let mut intro = None;
    if refuse_outside(root, dir, diags) {
        return (files, intro);
    }
    let entries = match std::fs::read_dir(root.join(dir)) {
        Ok(entries) => entries,
        Err(e) => {
            diags.push(
                Diagnostic::error("io-error", format!("cannot read {}: {e}", dir.display()))
                    .at_file(dir),
            );
            return (files, intro);
        }
    };
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort_by_key(|n| (specs::number_from_name(n), n.clone()));
    for name in names {
        let rel = normalize(&dir.join(&name));
        if name.starts_with('.') || ignore.is_match(&rel) || rel == home {
            continue;
        }
        let full = root.join(&rel);
        if full.is_dir() {
            let is_link =
                std::fs::symlink_metadata(&full).is_ok_and(|m| m.file_type().is_symlink());
            if is_link && refuse_outside(root, &rel, diags) {
                continue;
            }
            let number = specs::number_from_name(&name);
            let readme = ["README.md", "index.md", "_index.md"]
                .iter()
                .map(|f| rel.join(f))
                .find(|p| root.join(p).is_file());
            match readme {
                // A folder without a number is read too: its front matter decides (spec-no-number).
                Some(source) if !ignore.is_match(&source) => files.push(SpecFile {
                    source,
                    path_number: number,
                }),
                _ => {}
            }
        } else if name.ends_with(".md") {
            let stem = &name[..name.len() - 3];
            if matches!(stem, "_index" | "README") && intro.is_none() {
                intro = Some(rel);
            } else if stem != "SUMMARY" {
                files.push(SpecFile {
                    source: rel,
                    path_number: specs::number_from_name(stem),
                });
            }
        }
    }
    (files, intro)
}

/// Every `.md` file under the book dir except SUMMARY.md, sorted by path.
fn chapter_files(
    root: &Path,
    book_dir: &Path,
    ignore: &GlobSet,
    diags: &mut Vec<Diagnostic>,
) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if refuse_outside(root, book_dir, diags) {
        return files;
    }
    for entry in walkdir::WalkDir::new(root.join(book_dir)).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| book_dir.to_path_buf());
                diags.push(
                    Diagnostic::error("io-error", format!("cannot read {}: {e}", path.display()))
                        .at_file(path),
                );
                continue;
            }
        };
        let rel = relative(root, entry.path());
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        // Symlinks count: a dangling one is reported as unreadable, not skipped.
        let file_like =
            entry.file_type().is_file() || entry.file_type().is_symlink() && !entry.path().is_dir();
        if hidden || ignore.is_match(&rel) || !file_like {
            continue;
        }
        let is_md = rel.extension().is_some_and(|e| e == "md");
        if is_md && rel != book_dir.join("SUMMARY.md") {
            files.push(rel);
        }
    }
    files
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Reads one chapter: its page, with its route from its path or `slug:`
/// (a bad slug is reported and ignored).
fn read_chapter(
    root: &Path,
    rel: &Path,
    scope: &Scope,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> Option<Page> {
    let route = Route::Chapter(String::new());
    let mut page = read_page(root, rel, PageKind::Chapter, route, scope, config, diags)?;
    if let Some(problem) = page.front.slug.as_deref().and_then(slug_problem) {
        let (line, column) = page.front.positions.get("slug").copied().unwrap_or((1, 1));
        diags.push(
            Diagnostic::error(
                "bad-slug",
                format!("`slug: {}` {problem}", page.front.slug.as_deref().unwrap_or("")),
            )
            .at(Location::new(rel, line, column))
            .help("write a slug of words joined by `-` (and `/` for nesting), e.g. `slug: how-we-work`"),
        );
        page.front.slug = None;
    }
    page.route = Route::Chapter(chapter_slug(&config.book.dir, rel, &page.front));
    Some(page)
}

/// Reads one Markdown file and its front matter; reports unreadable and
/// non-UTF-8 files.
fn read_page(
    root: &Path,
    rel: &Path,
    kind: PageKind,
    route: Route,
    scope: &Scope,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> Option<Page> {
    let text = read_text(root, rel, diags)?;
    let split = frontmatter::split(&text);
    let (front, mut found) = frontmatter::parse(&split, rel);
    diags.append(&mut found);
    Some(Page {
        kind,
        source: rel.to_path_buf(),
        route,
        scope: scope.clone(),
        lang: scope
            .lang
            .clone()
            .unwrap_or_else(|| config.language.clone()),
        body: split.body.to_string(),
        body_line: split.body_line,
        front,
        generated: false,
        origin: Origin::Source,
        state: None,
    })
}

/// Reads a source file as UTF-8 text, reporting what went wrong.
pub fn read_text(root: &Path, rel: &Path, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let full = root.join(rel);
    if leaves_root(root, rel, &full) {
        diags.push(outside_error(rel));
        return None;
    }
    let bytes = match std::fs::read(&full) {
        Ok(b) => b,
        Err(e) => {
            diags.push(
                Diagnostic::error("io-error", format!("cannot read {}: {e}", rel.display()))
                    .at_file(rel)
                    .help("check the file's permissions"),
            );
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let text = String::from_utf8_lossy(valid);
            let (line, column) = crate::diagnostics::line_col(&text, text.len());
            diags.push(
                Diagnostic::error(
                    "invalid-utf8",
                    format!("{} is not valid UTF-8", rel.display()),
                )
                .at(Location::new(rel, line, column))
                .help("save the file as UTF-8"),
            );
            None
        }
    }
}

/// Whether `rel` (relative to the root) leads, through symlinks, to a
/// place outside the root. A path that does not exist is not outside.
pub fn resolves_outside(root: &Path, rel: &Path) -> bool {
    match (root.canonicalize(), root.join(rel).canonicalize()) {
        (Ok(root), Ok(real)) => !real.starts_with(root),
        _ => false,
    }
}

/// The error for a file or folder of the site that leads out of it.
pub fn outside_error(rel: &Path) -> Diagnostic {
    Diagnostic::error(
        "unsafe-path",
        format!(
            "{} leads out of the site (a symlink or `..`)",
            rel.display()
        ),
    )
    .at_file(rel)
    .help("copy the files into the site instead of linking to them")
}

/// `resolves_outside`, reporting it.
fn refuse_outside(root: &Path, rel: &Path, diags: &mut Vec<Diagnostic>) -> bool {
    let outside = resolves_outside(root, rel);
    if outside {
        diags.push(outside_error(rel));
    }
    outside
}

/// A source path that reads from outside the root: `..` or an absolute
/// path, or a symlink whose target is outside. (A dangling symlink is left
/// to the read, which reports it as unreadable.)
fn leaves_root(root: &Path, rel: &Path, full: &Path) -> bool {
    use std::path::Component;
    if rel
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return true;
    }
    let is_link = std::fs::symlink_metadata(full).is_ok_and(|m| m.file_type().is_symlink());
    is_link
        && match (root.canonicalize(), full.canonicalize()) {
            (Ok(root), Ok(real)) => !real.starts_with(root),
            _ => false,
        }
}

/// `slug:` from front matter, else the path under the book dir with leading
/// numbers and separators stripped from each part (`01-why.md` → `why`); a
/// `README.md` or `index.md` stands for its folder.
pub fn chapter_slug(book_dir: &Path, rel: &Path, front: &FrontMatter) -> String {
    let under = rel.strip_prefix(book_dir).unwrap_or(rel).with_extension("");
    let mut parts: Vec<String> = under
        .components()
        .map(|c| strip_number_prefix(&c.as_os_str().to_string_lossy()).to_string())
        .collect();
    if parts
        .last()
        .is_some_and(|p| p.eq_ignore_ascii_case("readme") || p == "index")
    {
        parts.pop();
    }
    if let Some(slug) = front
        .slug
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let slug = slug.trim_matches('/').to_string();
        match parts.len() {
            0 | 1 => return slug,
            n => {
                parts[n - 1] = slug;
            }
        }
    }
    parts.join("/")
}

/// Why a `slug:` cannot be a URL path inside the book, if it cannot.
fn slug_problem(slug: &str) -> Option<&'static str> {
    let trimmed = slug.trim().trim_matches('/');
    if trimmed.is_empty() {
        return Some("is empty");
    }
    if trimmed.contains(['\\', '?', '#', '%']) || trimmed.chars().any(char::is_control) {
        return Some(
            "holds a character a URL path cannot (`\\`, `?`, `#`, `%` or a control character)",
        );
    }
    if trimmed
        .split('/')
        .any(|part| part.is_empty() || part == "." || part == "..")
    {
        return Some("has an empty, `.` or `..` part, which would leave the book");
    }
    None
}

/// `01-why` → `why`, `2_how` → `how`; a stem that is only a number stays.
fn strip_number_prefix(stem: &str) -> &str {
    let rest = stem.trim_start_matches(|c: char| c.is_ascii_digit());
    if rest.len() == stem.len() {
        return stem;
    }
    match rest.strip_prefix(['-', '_', '.', ' ']) {
        Some(r) if !r.is_empty() => r,
        _ => stem,
    }
}

/// Orders chapters by SUMMARY.md. Chapters missing from it come after, with
/// a warning; entries naming missing files are errors at the SUMMARY line.
fn order_by_summary(
    root: &Path,
    summary_path: &Path,
    book_dir: &Path,
    chapters: &mut [Page],
    first: usize,
    diags: &mut Vec<Diagnostic>,
) -> Vec<BookEntry> {
    let Some(text) = read_text(root, summary_path, diags) else {
        return order_by_front_matter(chapters, first);
    };
    let (items, mut found) = summary::parse(&text, summary_path);
    diags.append(&mut found);
    let index: BTreeMap<PathBuf, usize> = chapters
        .iter()
        .enumerate()
        .map(|(i, p)| (p.source.clone(), first + i))
        .collect();
    let mut listed = vec![false; chapters.len()];
    let mut entries = Vec::new();
    for item in items {
        match item {
            SummaryItem::Part { title } => entries.push(BookEntry::Part { title }),
            SummaryItem::Separator => entries.push(BookEntry::Separator),
            SummaryItem::Chapter {
                title,
                path: None,
                depth,
                ..
            } => entries.push(BookEntry::Draft { title, depth }),
            SummaryItem::Chapter {
                title,
                path: Some(path),
                depth,
                line,
                column,
            } => {
                let rel = normalize(&book_dir.join(&path));
                match index.get(&rel) {
                    Some(&page) if !listed[page - first] => {
                        listed[page - first] = true;
                        entries.push(BookEntry::Chapter {
                            page,
                            title: Some(title),
                            depth,
                        });
                    }
                    Some(_) => diags.push(
                        Diagnostic::warning(
                            "summary-duplicate",
                            format!("`{}` is listed twice in SUMMARY.md", path.display()),
                        )
                        .at(Location::new(summary_path, line, column))
                        .help("list each chapter once"),
                    ),
                    None if !rel.starts_with(book_dir) => diags.push(
                        Diagnostic::error(
                            "unsafe-path",
                            format!(
                                "SUMMARY.md lists `{}`, which is outside the book folder {}",
                                path.display(),
                                book_dir.display()
                            ),
                        )
                        .at(Location::new(summary_path, line, column))
                        .help(format!(
                            "list only chapters inside {}/, by paths relative to SUMMARY.md",
                            book_dir.display()
                        )),
                    ),
                    None if root.join(&rel).is_file() => {
                        // Exists but was skipped (a draft or ignored): keep it out quietly.
                    }
                    None if crate::links::has_scheme(&path.to_string_lossy()) => diags.push(
                        Diagnostic::error(
                            "summary-missing-file",
                            format!(
                                "SUMMARY.md lists `{}`, which is not a chapter file but a link",
                                path.display()
                            ),
                        )
                        .at(Location::new(summary_path, line, column))
                        .help("SUMMARY.md lists the book's chapter files; link to other sites from a chapter"),
                    ),
                    None => diags.push(
                        Diagnostic::error(
                            "summary-missing-file",
                            format!(
                                "SUMMARY.md lists `{}`, which does not exist",
                                path.display()
                            ),
                        )
                        .at(Location::new(summary_path, line, column))
                        .help(format!("create {} or remove the entry", rel.display())),
                    ),
                }
            }
        }
    }
    for (i, page) in chapters.iter().enumerate() {
        if !listed[i] {
            diags.push(
                Diagnostic::warning(
                    "not-in-summary",
                    format!("{} is not listed in SUMMARY.md", page.source.display()),
                )
                .at_file(&page.source)
                .help("add it to SUMMARY.md; it is published after the listed chapters"),
            );
            entries.push(BookEntry::Chapter {
                page: first + i,
                title: None,
                depth: 0,
            });
        }
    }
    entries
}

/// Sorts chapters by `order:` (pages without it after), then path, and
/// returns the flat table of contents.
fn order_by_front_matter(chapters: &mut [Page], first: usize) -> Vec<BookEntry> {
    chapters.sort_by(|a, b| {
        let ka = (a.front.order.is_none(), a.front.order, &a.source);
        let kb = (b.front.order.is_none(), b.front.order, &b.source);
        ka.cmp(&kb)
    });
    (0..chapters.len())
        .map(|i| BookEntry::Chapter {
            page: first + i,
            title: None,
            depth: 0,
        })
        .collect()
}

/// Removes `.` and resolves `..` lexically (never above the start).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out: Vec<std::path::Component> = Vec::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if matches!(out.last(), Some(std::path::Component::Normal(_))) {
                    out.pop();
                } else {
                    out.push(c);
                }
            }
            other => out.push(other),
        }
    }
    out.iter().collect()
}

/// Two pages with the same URL: an error naming both files; the later one
/// (in path order) is left out so the build goes on to find other problems.
fn drop_duplicate_routes(pages: &mut Vec<Page>, diags: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<(Scope, Route), (PathBuf, Location)> = BTreeMap::new();
    pages.retain(|page| {
        let key = (page.scope.clone(), page.route.clone());
        match seen.get(&key) {
            Some((other, other_at)) => {
                diags.push(
                    Diagnostic::error(
                        "duplicate-url",
                        format!(
                            "{} and {} would be published at the same URL",
                            other.display(),
                            page.source.display()
                        ),
                    )
                    .at(page.url_location())
                    .related(other_at.clone(), "the other page")
                    .help("give one of them a different `slug:` in its front matter"),
                );
                false
            }
            None => {
                seen.insert(key, (page.source.clone(), page.url_location()));
                true
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_strip_leading_numbers() {
        let fm = FrontMatter::default();
        let book = Path::new("book");
        assert_eq!(chapter_slug(book, Path::new("book/01-why.md"), &fm), "why");
        assert_eq!(
            chapter_slug(book, Path::new("book/2_how-we-work.md"), &fm),
            "how-we-work"
        );
        assert_eq!(chapter_slug(book, Path::new("book/42.md"), &fm), "42");
        assert_eq!(
            chapter_slug(book, Path::new("book/03-part/README.md"), &fm),
            "part"
        );
        assert_eq!(
            chapter_slug(book, Path::new("book/03-part/01-a.md"), &fm),
            "part/a"
        );
        let fm = FrontMatter {
            slug: Some("custom".into()),
            ..Default::default()
        };
        assert_eq!(
            chapter_slug(book, Path::new("book/01-why.md"), &fm),
            "custom"
        );
    }

    #[test]
    fn normalize_resolves_parent_dirs() {
        assert_eq!(
            normalize(Path::new("book/../static/x.png")),
            PathBuf::from("static/x.png")
        );
        assert_eq!(normalize(Path::new("../x")), PathBuf::from("../x"));
    }
}
