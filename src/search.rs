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
    /// The whole page as written.
    pub html: String,
}

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

/// Indexes `pages` and returns the bundle's files under `bundle_dir` (a
/// site-relative folder such as `pagefind/` or `v1/pagefind/`). Pages that
/// mark a `data-pagefind-body` are indexed from it alone; a page Pagefind
/// cannot read is left out with a warning. An empty `pages` still makes a
/// (searchable, empty) bundle, so the search box never loads a missing file.
pub fn index(
    pages: Vec<SearchPage>,
    bundle_dir: &str,
) -> Result<(SearchIndex, Vec<Diagnostic>), Diagnostic> {
    let prefix = bundle_dir.trim_matches('/');
    // Pagefind is async; a runtime of our own on a thread of our own, so a
    // caller inside another runtime (`serve`) does not nest runtimes.
    let run = move || -> Result<(SearchIndex, Vec<Diagnostic>), Diagnostic> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(|e| failed(format!("cannot start the indexer: {e}")))?;
        runtime.block_on(index_async(pages, prefix))
    };
    std::thread::scope(|s| {
        s.spawn(run)
            .join()
            .unwrap_or_else(|_| Err(failed("the indexer panicked".to_string())))
    })
}

async fn index_async(
    pages: Vec<SearchPage>,
    prefix: &str,
) -> Result<(SearchIndex, Vec<Diagnostic>), Diagnostic> {
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;

    let options = PagefindServiceConfig::builder()
        .keep_index_url(false)
        // The `#` of heading anchors (charter's Markdown) is no text.
        .exclude_selectors(vec!["a.anchor".to_string()])
        .write_playground(false)
        .build();
    let mut pf = PagefindIndex::new(Some(options)).map_err(|e| failed(e.to_string()))?;
    let warnings = Vec::new();
    let empty = pages.is_empty();
    if empty {
        // An index needs a page; one without words finds nothing.
        let blank = "<html><body data-pagefind-body></body></html>".to_string();
        pf.add_html_file(None, Some("/".into()), blank)
            .await
            .map_err(|e| failed(e.to_string()))?;
    } else {
        // Pagefind reads the pages of a folder in parallel (one by one
        // through `add_html_file`): the pages go to a scratch folder first,
        // each at its URL's path, which is the URL Pagefind gives it.
        let scratch = Scratch::new().map_err(|e| failed(e.to_string()))?;
        write_pages(&pages, &scratch.0).map_err(|e| failed(e.to_string()))?;
        drop(pages);
        pf.add_directory(
            scratch.0.to_string_lossy().into_owned(),
            Some("**/*.html".into()),
        )
        .await
        .map_err(|e| failed(e.to_string()))?;
    }
    let built = pf.get_files().await.map_err(|e| failed(e.to_string()))?;
    let mut index = SearchIndex::default();
    for file in built {
        let rel = file.filename.to_string_lossy().replace('\\', "/");
        if UNUSED.contains(&rel.as_str()) || rel.starts_with("playground/") {
            continue;
        }
        if rel == "pagefind-entry.json" && !empty {
            index.pages = languages(&file.contents);
        }
        let path = if prefix.is_empty() {
            rel
        } else {
            format!("{prefix}/{rel}")
        };
        index.files.push((path, file.contents));
    }
    index.files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok((index, warnings))
}

/// A folder of its own under the system's temporary folder, removed on drop.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn new() -> std::io::Result<Scratch> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("charter-search-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Writes each page at its URL's path (`/rfc/book/why/` →
/// `rfc/book/why/index.html`), in parallel.
fn write_pages(pages: &[SearchPage], dir: &std::path::Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    pages.par_iter().try_for_each(|page| {
        let path = page.url.trim_start_matches('/');
        let mut file = String::from(path);
        if file.is_empty() || file.ends_with('/') {
            file.push_str("index.html");
        }
        let rel = crate::output::check_relative(&file)?;
        let full = dir.join(rel);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(full, &page.html)
    })
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

    fn page(url: &str, lang: &str, body: &str) -> SearchPage {
        SearchPage {
            url: url.into(),
            html: format!(
                "<!DOCTYPE html><html lang=\"{lang}\"><head><title>T</title></head><body>\
                 <nav>Navigation words</nav><article data-pagefind-body>{body}</article></body></html>"
            ),
        }
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
        let (index, warnings) = index(pages, "v1/pagefind/").unwrap();
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
    }

    #[test]
    fn no_pages_still_make_a_bundle() {
        let (index, _) = index(Vec::new(), "pagefind").unwrap();
        assert!(index.files.iter().any(|(p, _)| p == "pagefind/pagefind.js"));
        assert!(index.pages.is_empty());
    }
}
