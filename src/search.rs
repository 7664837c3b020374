//! Offline full-text search: turns the rendered pages of one site build into
//! a Pagefind index (one per `<html lang>`, so each language is searched
//! with its own stemming and word segmentation) and returns the bundle's
//! files for the build to write under a directory of its choosing (`pagefind/`
//! at the site root, `v1/pagefind/` for a version). This module owns only
//! the indexing; what a page offers the index is marked up by the theme
//! (`data-pagefind-body`, `-filter`, `-meta`), and the search box lives in the
//! theme's `charter.js`.
//!
//! Compiled with the default-on cargo feature `search`; without it
//! [`index`] is not there and the build writes no index.

use crate::diagnostics::Diagnostic;
use std::collections::BTreeMap;

/// A rendered page to index.
pub struct SearchPage {
    /// The URL the page is served at, root-relative with the base path
    /// (`/rfc/ru/book/why/`); results link to it as it is.
    pub url: String,
    /// The page's language, as its `<html lang>` says (`en`, `ru`).
    pub lang: String,
    /// Where the page was written, relative to the output
    /// (`ru/book/why/index.html`). The indexer reads it back when its
    /// shard is built, so a build never holds every page's HTML at once.
    pub path: String,
}

/// Reads a written page back from the build's output, by its path there.
pub type ReadPage<'a> = &'a (dyn Fn(&str) -> std::io::Result<Vec<u8>> + Sync);

/// The index of one build.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// The bundle's files at site-relative paths under the bundle
    /// directory (`pagefind/pagefind.js`, `pagefind/index/….pf_index`).
    pub files: Vec<(String, Vec<u8>)>,
    /// Pages indexed per language (`en`, `ru`, …).
    pub pages: BTreeMap<String, usize>,
}

impl SearchIndex {
    /// Bytes of all the bundle's files.
    pub fn size(&self) -> usize {
        self.files.iter().map(|(_, b)| b.len()).sum()
    }
}

/// Shards per language at most: the search box loads every shard of its
/// language on the first search, so a huge site gets bigger shards rather
/// than more.
pub const MAX_SHARDS: usize = 32;

/// The file in the bundle that lists, per language, the shards beyond the
/// first (`{"en": ["en-2/", "en-3/"]}`, paths relative to the bundle).
pub const SHARDS_FILE: &str = "charter-shards.json";

/// Files of Pagefind's own UIs, which the theme does not use.
const UNUSED: &[&str] = &[
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// Writes one file of the bundle at its site-relative path.
pub type WriteFile<'a> = &'a (dyn Fn(&str, &[u8]) + Sync);

/// Indexes `pages` and returns the bundle's files under `bundle_dir` (a
/// site-relative folder such as `pagefind/` or `v1/pagefind/`); see
/// [`index_into`], which writes them as they are made.
pub fn index(
    pages: Vec<SearchPage>,
    read: ReadPage<'_>,
    bundle_dir: &str,
    shard_pages: usize,
) -> Result<(SearchIndex, Vec<Diagnostic>), Diagnostic> {
    let files = std::sync::Mutex::new(BTreeMap::new());
    let keep = |path: &str, bytes: &[u8]| {
        files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), bytes.to_vec());
    };
    let (pages, warnings) = index_into(pages, read, &keep, bundle_dir, shard_pages)?;
    let files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    let index = SearchIndex {
        files: files.into_iter().collect(),
        pages,
    };
    Ok((index, warnings))
}

/// Indexes `pages` and writes the bundle's files with `write` under
/// `bundle_dir`; returns the pages indexed per language.
///
/// Pagefind builds one index on one thread (and compresses every file at
/// its best level there), and its time and memory grow faster than its
/// pages. So each language's pages are cut into shards of at most
/// `shard_pages` (see [`crate::build::DEFAULT_SHARD_PAGES`]), indexed in
/// parallel, and the search box merges them (Pagefind's `mergeIndex`) for
/// the reader's language: the first shard of every language makes the
/// bundle itself, the others go to `LANG-N/` folders in it, listed in
/// [`SHARDS_FILE`].
/// Pages are read back with `read` one at a time as their shard is built,
/// and a shard's files are written as soon as it is built, while the other
/// shards are still indexed (writing ten thousand fragments after the last
/// shard kept one core idle for a second at 10,000 pages).
/// Pages that mark a `data-pagefind-body` are indexed from it alone. An
/// empty `pages` still makes a (searchable, empty) bundle, so the search box
/// never loads a missing file.
pub fn index_into(
    pages: Vec<SearchPage>,
    read: ReadPage<'_>,
    write: WriteFile<'_>,
    bundle_dir: &str,
    shard_pages: usize,
) -> Result<(BTreeMap<String, usize>, Vec<Diagnostic>), Diagnostic> {
    let bundle = Bundle {
        prefix: bundle_dir.trim_matches('/').to_string(),
        write,
        shared: std::sync::Mutex::new(std::collections::HashSet::new()),
    };
    let shards = plan_shards(pages, shard_pages.max(1), MAX_SHARDS);
    let mut built = build_shards(shards, read, &bundle)?;
    let warnings = built
        .iter_mut()
        .flat_map(|b| b.warnings.drain(..))
        .collect();
    let pages = bundle.finish(built)?;
    Ok((pages, warnings))
}

/// One Pagefind index to build: the `part`-th (from 0) slice of a
/// language's pages.
struct Shard {
    lang: String,
    part: usize,
    pages: Vec<SearchPage>,
}

impl Shard {
    /// The shard's folder in the bundle; the first part is the bundle.
    fn folder(&self) -> Option<String> {
        (self.part > 0).then(|| format!("{}-{}", self.lang, self.part + 1))
    }
}

fn plan_shards(pages: Vec<SearchPage>, shard_pages: usize, max_shards: usize) -> Vec<Shard> {
    let mut by_lang: BTreeMap<String, Vec<SearchPage>> = BTreeMap::new();
    for page in pages {
        by_lang.entry(page.lang.clone()).or_default().push(page);
    }
    if by_lang.is_empty() {
        return vec![Shard {
            lang: String::new(),
            part: 0,
            pages: Vec::new(),
        }];
    }
    let mut shards = Vec::new();
    for (lang, mut pages) in by_lang {
        // The same pages always land in the same shard, shards are of even
        // size (501 pages in shards of 500 make two of 251 and 250, not 500
        // and 1), and there is an even number of them. Only the pages
        // decide: the same site shards alike on every machine.
        pages.sort_by(|a, b| a.url.cmp(&b.url));
        let mut count = pages.len().div_ceil(shard_pages);
        if count > 1 && count % 2 == 1 {
            // Shards are built two at a time or more: three shards take two
            // rounds and the last runs alone, four of the same pages take
            // two full rounds, each shorter.
            count += 1;
        }
        let count = count.min(max_shards);
        let mut part = 0;
        while !pages.is_empty() {
            let size = pages.len().div_ceil(count - part);
            let rest = pages.split_off(size);
            shards.push(Shard {
                lang: lang.clone(),
                part,
                pages,
            });
            pages = rest;
            part += 1;
        }
    }
    shards
}

/// A shard once its files are written: its `pagefind-entry.json` (which
/// the bundle's entry merges) and the pages Pagefind could not read.
struct BuiltShard {
    lang: String,
    folder: Option<String>,
    entry: Option<Vec<u8>>,
    warnings: Vec<Diagnostic>,
}

/// Builds the shards on as many threads as there are cores (each with a
/// runtime of its own, so a caller inside another runtime, `serve`, does
/// not nest runtimes). Plain threads, not rayon's: Pagefind parses pages on
/// rayon's pool, and a rayon worker blocked on a shard could starve it.
fn build_shards(
    shards: Vec<Shard>,
    read: ReadPage<'_>,
    bundle: &Bundle<'_>,
) -> Result<Vec<BuiltShard>, Diagnostic> {
    use std::sync::Mutex;
    let count = shards.len();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(count);
    let queue = Mutex::new(shards.into_iter().enumerate().collect::<Vec<_>>());
    let results: Mutex<Vec<Option<Result<BuiltShard, Diagnostic>>>> =
        Mutex::new((0..count).map(|_| None).collect());
    let next = || queue.lock().unwrap_or_else(|e| e.into_inner()).pop();
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                while let Some((i, shard)) = next() {
                    let lang = shard.lang.clone();
                    let folder = shard.folder();
                    let built = index_shard(shard.pages, read).map(|(files, warnings)| {
                        let entry = bundle.write_shard(folder.as_deref(), files);
                        BuiltShard {
                            lang,
                            folder,
                            entry,
                            warnings,
                        }
                    });
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(built);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(failed("the indexer stopped".to_string()))))
        .collect()
}

/// A shard's files and warnings.
type ShardFiles = (Vec<(String, Vec<u8>)>, Vec<Diagnostic>);

fn index_shard(pages: Vec<SearchPage>, read: ReadPage<'_>) -> Result<ShardFiles, Diagnostic> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| failed(format!("cannot start the indexer: {e}")))?;
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        runtime.block_on(index_async(pages, read))
    }))
    .unwrap_or_else(|_| Err(failed("the indexer panicked".to_string())))
}

async fn index_async(pages: Vec<SearchPage>, read: ReadPage<'_>) -> Result<ShardFiles, Diagnostic> {
    let mut pf = new_pagefind_index()?;
    if pages.is_empty() {
        // An index needs a page; one without words finds nothing.
        let blank = "<html><body data-pagefind-body></body></html>".to_string();
        pf.add_html_file(None, Some("/".into()), blank)
            .await
            .map_err(|e| failed(e.to_string()))?;
    }
    // One page at a time, in URL order: Pagefind numbers pages in the order
    // they come, and that order names the index files. (Its parallel folder
    // reader takes them in the file system's order, which differs between
    // file systems and runs.) The shards are what runs in parallel. A page
    // Pagefind cannot read is left out of the index, with a warning.
    let mut warnings = Vec::new();
    for page in pages {
        let added = match read_back(read, &page.path) {
            Ok(html) => pf
                .add_html_file(None, Some(page.url.clone()), html)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        if let Err(e) = added {
            warnings.push(
                Diagnostic::warning(
                    "search-index",
                    format!("{} is left out of the search index: {e}", page.url),
                )
                .help("the page is published; check its template's HTML, or set `search: false` in its front matter"),
            );
        }
    }
    let built = pf.take_files().await.map_err(|e| failed(e.to_string()))?;
    let files = built
        .into_iter()
        .map(|file| {
            (
                file.filename.to_string_lossy().replace('\\', "/"),
                file.contents,
            )
        })
        .filter(|(rel, _)| !UNUSED.contains(&rel.as_str()) && !rel.starts_with("playground/"))
        .collect();
    Ok((files, warnings))
}

fn new_pagefind_index() -> Result<pagefind::api::PagefindIndex, Diagnostic> {
    use pagefind::options::PagefindServiceConfig;
    let options = PagefindServiceConfig::builder()
        .keep_index_url(false)
        // The `#` of heading anchors (charter's Markdown) is no text.
        .exclude_selectors(vec!["a.anchor".to_string()])
        .write_playground(false)
        .build();
    pagefind::api::PagefindIndex::new(Some(options)).map_err(|e| failed(e.to_string()))
}

/// How the indexer reads a written page (`html`, as on disk): with the
/// parser the vendored Pagefind uses for plain pages, and with lol_html
/// (`Debug` of each reading; `None` when the page is left to lol_html).
/// For tests, which check the two agree.
#[doc(hidden)]
pub fn both_readings(html: String) -> (Option<String>, String) {
    let page = indexer_input(html);
    let readings = async {
        match new_pagefind_index() {
            Ok(pf) => pf.charter_both_readings(&page).await,
            Err(e) => (None, e.message.clone()),
        }
    };
    match tokio::runtime::Builder::new_current_thread().build() {
        Ok(runtime) => runtime.block_on(readings),
        Err(e) => (None, e.to_string()),
    }
}

/// The written page as the indexer reads it: code blocks without the
/// highlighter's spans, which hold no words, and without the header and
/// sidebar when nothing in them can reach the index ([`without_chrome`]).
/// Pagefind's parser pays for every element of the page.
fn read_back(read: ReadPage<'_>, path: &str) -> Result<String, String> {
    let bytes = read(path).map_err(|e| format!("cannot read `{path}` back: {e}"))?;
    let html = String::from_utf8(bytes).map_err(|_| format!("`{path}` is not UTF-8"))?;
    Ok(indexer_input(html))
}

/// What the indexer is given of a written page (see [`read_back`]).
fn indexer_input(html: String) -> String {
    let html = match crate::highlight::without_spans(&html) {
        std::borrow::Cow::Borrowed(_) => html,
        std::borrow::Cow::Owned(plain) => plain,
    };
    without_chrome(html)
}

/// `html` without what lies between its `<body>` tag and the element
/// marked `data-pagefind-body` (the theme's header and sidebar: a third of
/// a page's elements). Pagefind indexes only that element's text, so the
/// cut changes nothing unless the part holds what Pagefind reads from the
/// whole page: `data-pagefind-*` attributes, the first `<h1>` or `<img>`
/// (its fallback title and image) or a `<title>`; or when it holds a
/// comment or raw text (a script, a style…), which could hide the marker's
/// real place. Then the page stays whole.
fn without_chrome(mut html: String) -> String {
    let Some(marker) = memchr::memmem::find(html.as_bytes(), b"data-pagefind-body") else {
        return html;
    };
    // The marker must be an attribute of a tag, not text of the page.
    let Some(body_tag) = html[..marker]
        .rfind('<')
        .filter(|&lt| !html[lt..marker].contains('>'))
    else {
        return html;
    };
    let Some(body_start) = html[..body_tag].find("<body") else {
        return html;
    };
    let Some(body_open) = html[body_start..body_tag]
        .find('>')
        .map(|gt| body_start + gt + 1)
    else {
        return html;
    };
    let chrome = html[body_open..body_tag].to_ascii_lowercase();
    // One pass over the part's `<`s for the tags that matter.
    let tag_matters = |lt: usize| {
        let tag = &chrome[lt + 1..];
        crate::html_tags::RAW_TEXT
            .iter()
            .chain(&["plaintext", "h1", "img", "!--"])
            .any(|name| tag.starts_with(name))
    };
    let matters = memchr::memmem::find(chrome.as_bytes(), b"data-pagefind").is_some()
        || memchr::memchr_iter(b'<', chrome.as_bytes()).any(tag_matters);
    if !matters {
        html.replace_range(body_open..body_tag, "");
    }
    html
}

/// Whether a shard beyond the first needs the file: the merged index is
/// read with the first shard's script and WebAssembly.
fn shard_keeps(rel: &str) -> bool {
    rel == "pagefind-entry.json"
        || rel.ends_with(".pf_meta")
        || ["index/", "fragment/", "filter/"]
            .iter()
            .any(|dir| rel.starts_with(dir))
}

/// Where the shards' files go: one bundle under `prefix`. The first
/// shards' files are merged (their languages' files have names of their
/// own; the shared scripts are the same bytes, written once), their
/// entries' languages joined, the other shards go in folders, and a list
/// of those.
struct Bundle<'a> {
    prefix: String,
    write: WriteFile<'a>,
    /// Files of first shards already written.
    shared: std::sync::Mutex<std::collections::HashSet<String>>,
}

impl Bundle<'_> {
    fn at(&self, rel: &str) -> String {
        if self.prefix.is_empty() {
            rel.to_string()
        } else {
            format!("{}/{rel}", self.prefix)
        }
    }

    /// Writes a built shard's files but its `pagefind-entry.json`, which
    /// it returns.
    fn write_shard(&self, folder: Option<&str>, files: Vec<(String, Vec<u8>)>) -> Option<Vec<u8>> {
        let mut entry = None;
        for (rel, bytes) in files {
            if rel == "pagefind-entry.json" {
                entry = Some(bytes);
                continue;
            }
            match folder {
                Some(folder) if shard_keeps(&rel) => {
                    (self.write)(&self.at(&format!("{folder}/{rel}")), &bytes)
                }
                Some(_) => {}
                None => {
                    let path = self.at(&rel);
                    let fresh = self
                        .shared
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .insert(path.clone());
                    if fresh {
                        (self.write)(&path, &bytes);
                    }
                }
            }
        }
        entry
    }

    /// Writes the bundle's entry and shard list; returns the pages indexed
    /// per language.
    fn finish(&self, built: Vec<BuiltShard>) -> Result<BTreeMap<String, usize>, Diagnostic> {
        let mut entry: Option<serde_json::Value> = None;
        let mut extra: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut pages = BTreeMap::new();
        for shard in built {
            let shard_entry = shard
                .entry
                .as_deref()
                .ok_or_else(|| failed("Pagefind wrote no pagefind-entry.json".to_string()))?;
            if !shard.lang.is_empty() {
                for (lang, count) in languages(shard_entry) {
                    *pages.entry(lang).or_default() += count;
                }
            }
            match shard.folder {
                Some(folder) => {
                    (self.write)(
                        &self.at(&format!("{folder}/pagefind-entry.json")),
                        shard_entry,
                    );
                    extra
                        .entry(shard.lang)
                        .or_default()
                        .push(format!("{folder}/"));
                }
                None => merge_entry(&mut entry, shard_entry)?,
            }
        }
        let entry =
            entry.ok_or_else(|| failed("Pagefind wrote no pagefind-entry.json".to_string()))?;
        (self.write)(
            &self.at("pagefind-entry.json"),
            entry.to_string().as_bytes(),
        );
        let list = serde_json::to_vec(&extra).map_err(|e| failed(e.to_string()))?;
        (self.write)(&self.at(SHARDS_FILE), &list);
        Ok(pages)
    }
}

/// Adds one first shard's `pagefind-entry.json` to the bundle's: the same
/// version and characters, its languages joined.
fn merge_entry(into: &mut Option<serde_json::Value>, bytes: &[u8]) -> Result<(), Diagnostic> {
    let entry: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| failed(format!("unreadable pagefind-entry.json: {e}")))?;
    match into {
        None => *into = Some(entry),
        Some(merged) => {
            if let (Some(all), Some(more)) = (
                merged["languages"].as_object_mut(),
                entry["languages"].as_object(),
            ) {
                for (lang, meta) in more {
                    all.insert(lang.clone(), meta.clone());
                }
            }
        }
    }
    Ok(())
}

/// Pages per language from `pagefind-entry.json`.
fn languages(entry: &[u8]) -> BTreeMap<String, usize> {
    let json: serde_json::Value = serde_json::from_slice(entry).unwrap_or_default();
    json["languages"]
        .as_object()
        .map(|langs| {
            langs
                .iter()
                .map(|(lang, meta)| {
                    let count = meta["page_count"].as_u64().unwrap_or(0);
                    (lang.clone(), usize::try_from(count).unwrap_or(usize::MAX))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn failed(message: String) -> Diagnostic {
    Diagnostic::error(
        "search-index",
        format!("cannot build the search index: {message}"),
    )
    .help("set `search: false` in charter.yaml to build without search, and report the problem")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page whose path is its HTML, so that [`written`] reads it back.
    fn page(url: &str, lang: &str, body: &str) -> SearchPage {
        SearchPage {
            url: url.into(),
            lang: lang.into(),
            path: format!(
                "<!DOCTYPE html><html lang=\"{lang}\"><head><title>T</title></head><body>\
                 <nav>Navigation words</nav><article data-pagefind-body>{body}</article></body></html>"
            ),
        }
    }

    fn written(path: &str) -> std::io::Result<Vec<u8>> {
        Ok(path.as_bytes().to_vec())
    }

    fn index(
        pages: Vec<SearchPage>,
        bundle_dir: &str,
        shard_pages: usize,
    ) -> Result<(SearchIndex, Vec<Diagnostic>), Diagnostic> {
        super::index(pages, &written, bundle_dir, shard_pages)
    }

    #[test]
    fn indexes_each_language_under_the_bundle_dir() {
        let pages = vec![
            page(
                "/rfc/book/why/",
                "en",
                "<h1>Why</h1><p>Rivers and bridges.</p>",
            ),
            page(
                "/rfc/ru/book/why/",
                "ru",
                "<h1>Зачем</h1><p>Реки и мосты.</p>",
            ),
        ];
        let (index, warnings) =
            index(pages, "v1/pagefind/", crate::build::DEFAULT_SHARD_PAGES).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let paths: Vec<&str> = index.files.iter().map(|(p, _)| p.as_str()).collect();
        for wanted in [
            "v1/pagefind/pagefind.js",
            "v1/pagefind/pagefind-worker.js",
            "v1/pagefind/pagefind-entry.json",
            "v1/pagefind/wasm.en.pagefind",
            "v1/pagefind/wasm.ru.pagefind",
        ] {
            assert!(paths.contains(&wanted), "{wanted} in {paths:?}");
        }
        assert!(paths.iter().all(|p| p.starts_with("v1/pagefind/")));
        assert!(!paths.iter().any(|p| p.contains("pagefind-ui")));
        assert!(paths.iter().any(|p| p.ends_with(".pf_index")));
        assert_eq!(
            index.pages,
            BTreeMap::from([("en".to_string(), 1), ("ru".to_string(), 1)])
        );
        assert!(index.size() > 10_000);
        let entry = file(&index, "v1/pagefind/pagefind-entry.json");
        let langs = entry["languages"].as_object().unwrap();
        assert_eq!(langs.keys().collect::<Vec<_>>(), ["en", "ru"]);
        assert_eq!(
            file(&index, "v1/pagefind/charter-shards.json"),
            serde_json::json!({})
        );
    }

    fn file(index: &SearchIndex, path: &str) -> serde_json::Value {
        let (_, bytes) = index
            .files
            .iter()
            .find(|(p, _)| p == path)
            .unwrap_or_else(|| panic!("{path} in the bundle"));
        serde_json::from_slice(bytes).unwrap()
    }

    #[test]
    fn a_language_beyond_the_shard_size_gets_shards_of_its_own() {
        let (index, _) = index(five_en_one_ru(false), "pagefind", 2).unwrap();
        // en: 2 + 1 + 1 + 1 pages (an even count of shards), ru: 1.
        assert_eq!(
            file(&index, "pagefind/charter-shards.json"),
            serde_json::json!({"en": ["en-2/", "en-3/", "en-4/"]})
        );
        assert_eq!(
            index.pages,
            BTreeMap::from([("en".to_string(), 5), ("ru".to_string(), 1)])
        );
        for shard in ["en-2", "en-3", "en-4"] {
            let entry = file(&index, &format!("pagefind/{shard}/pagefind-entry.json"));
            let langs: Vec<&String> = entry["languages"].as_object().unwrap().keys().collect();
            assert_eq!(langs, ["en"], "{shard}");
            let in_shard = |what: &str| {
                index
                    .files
                    .iter()
                    .any(|(p, _)| p.starts_with(&format!("pagefind/{shard}/{what}")))
            };
            assert!(in_shard("fragment/") && in_shard("index/"), "{shard}");
            assert!(!in_shard("pagefind.js") && !in_shard("wasm."), "{shard}");
        }
        // Pages are cut in URL order, so a build always shards alike.
        let (again, _) = tests::index(five_en_one_ru(true), "pagefind", 2).unwrap();
        assert_eq!(again.files, index.files);
    }

    #[test]
    fn shards_are_even_and_never_more_than_the_cap() {
        let pages = |n: usize| -> Vec<SearchPage> {
            (0..n)
                .map(|i| page(&format!("/p{i:03}/"), "en", "<p>x</p>"))
                .collect()
        };
        let sizes =
            |shards: Vec<Shard>| -> Vec<usize> { shards.iter().map(|s| s.pages.len()).collect() };
        assert_eq!(sizes(plan_shards(pages(501), 500, 32)), [251, 250]);
        assert_eq!(sizes(plan_shards(pages(500), 500, 32)), [500]);
        assert_eq!(
            sizes(plan_shards(pages(1003), 500, 32)),
            [251, 251, 251, 250]
        );
        assert_eq!(sizes(plan_shards(pages(10), 1, 4)), [3, 3, 2, 2]);
        let first: Vec<String> = plan_shards(pages(10), 1, 4)[0]
            .pages
            .iter()
            .map(|p| p.url.clone())
            .collect();
        assert_eq!(first, ["/p000/", "/p001/", "/p002/"]);
    }

    fn five_en_one_ru(reversed: bool) -> Vec<SearchPage> {
        let mut pages: Vec<SearchPage> = (0..5)
            .map(|i| page(&format!("/p{i}/"), "en", &format!("<p>river{i} bank</p>")))
            .collect();
        pages.push(page("/ru/p/", "ru", "<p>мост</p>"));
        if reversed {
            pages.reverse();
        }
        pages
    }

    #[test]
    fn every_file_of_a_sharded_bundle_is_written_once() {
        // The first shards of two languages share the scripts; a build's
        // output refuses a second write to one path.
        let counts = std::sync::Mutex::new(BTreeMap::<String, usize>::new());
        let count = |path: &str, _: &[u8]| {
            *counts.lock().unwrap().entry(path.to_string()).or_default() += 1;
        };
        let (pages, _) =
            index_into(five_en_one_ru(false), &written, &count, "pagefind", 2).unwrap();
        assert_eq!(pages.values().sum::<usize>(), 6);
        let counts = counts.into_inner().unwrap();
        let twice: Vec<_> = counts.iter().filter(|(_, n)| **n > 1).collect();
        assert!(twice.is_empty(), "written more than once: {twice:?}");
        for wanted in [
            "pagefind/pagefind.js",
            "pagefind/pagefind-entry.json",
            "pagefind/charter-shards.json",
            "pagefind/en-2/pagefind-entry.json",
            "pagefind/en-4/pagefind-entry.json",
        ] {
            assert!(counts.contains_key(wanted), "{wanted} in {counts:?}");
        }
        assert!(!counts
            .keys()
            .any(|p| p.starts_with("pagefind/en-2/pagefind.js")));
    }

    #[test]
    fn a_page_that_cannot_be_read_back_is_left_out_with_a_warning() {
        let mut pages = five_en_one_ru(false);
        pages[1].path = "en/p1/index.html".into();
        let missing = |path: &str| -> std::io::Result<Vec<u8>> {
            if path.starts_with('<') {
                Ok(path.as_bytes().to_vec())
            } else {
                Err(std::io::Error::new(std::io::ErrorKind::NotFound, "gone"))
            }
        };
        let (index, warnings) = super::index(pages, &missing, "pagefind", 500).unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].code, "search-index");
        assert_eq!(
            warnings[0].message,
            "/p1/ is left out of the search index: cannot read `en/p1/index.html` back: gone"
        );
        assert_eq!(
            index.pages,
            BTreeMap::from([("en".to_string(), 4), ("ru".to_string(), 1)])
        );
    }

    #[test]
    fn the_chrome_before_the_indexed_element_is_cut_when_nothing_in_it_counts() {
        let page = |chrome: &str| {
            format!(
                "<html lang=\"en\"><head><title>T</title></head><body class=\"b\">{chrome}\
                 <article data-pagefind-body><h1>A</h1></article><footer>f</footer></body></html>"
            )
        };
        assert_eq!(
            without_chrome(page("<nav><a href=\"/x/\">X</a></nav>")),
            page("")
        );
        for kept in [
            "<nav data-pagefind-meta=\"k:v\">n</nav>",
            "<header><H1>Site</H1></header>",
            "<img src=\"/logo.png\">",
            "<svg><title>icon</title></svg>",
            "<script>if (a<b) {}</script>",
            "<!-- note -->",
        ] {
            assert_eq!(without_chrome(page(kept)), page(kept), "{kept}");
        }
        let no_body =
            "<html><body><p>intro</p><p>data-pagefind-body is text here</p></body></html>";
        assert_eq!(without_chrome(no_body.to_string()), no_body);
        // The first marker sits in a script's text before the real one.
        let hidden = "<html><body><script>if (x<y) \"data-pagefind-body\"</script>\
             <article data-pagefind-body>A</article></body></html>";
        assert_eq!(without_chrome(hidden.to_string()), hidden);
        assert_eq!(without_chrome("plain".to_string()), "plain");
    }

    #[test]
    fn no_pages_still_make_a_bundle() {
        let (index, _) = index(Vec::new(), "pagefind", crate::build::DEFAULT_SHARD_PAGES).unwrap();
        assert!(index.files.iter().any(|(p, _)| p == "pagefind/pagefind.js"));
        assert!(index.pages.is_empty());
    }
}
