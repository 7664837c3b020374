//! Resolving links written in content: `.md` files to page URLs, other
//! relative files to published copies, root-relative paths to the base path.
//! One `SiteLinks` per build scope, one cheap `PageLinks` per page.

use crate::content::normalize;
use crate::markdown::LinkResolver;
use crate::url::{Route, Scope, Urls};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Link targets known to a build: pages by source path, and the files that
/// links asked to publish.
pub struct SiteLinks {
    urls: Urls,
    scope: Scope,
    root: PathBuf,
    canonical_root: Option<PathBuf>,
    pages: HashMap<PathBuf, String>,
    /// Hosts whose old spec URLs (`/spec:23/ZMTP`) are references.
    spec_domains: Vec<String>,
    published: Mutex<BTreeSet<PathBuf>>,
}

impl SiteLinks {
    /// `pages` maps source paths (relative to the root) to page URLs.
    pub fn new(urls: Urls, scope: Scope, root: &Path, pages: HashMap<PathBuf, String>) -> Self {
        SiteLinks {
            urls,
            scope,
            root: root.to_path_buf(),
            canonical_root: root.canonicalize().ok(),
            pages,
            spec_domains: Vec::new(),
            published: Mutex::new(BTreeSet::new()),
        }
    }

    /// Treats absolute links to these hosts in the old spec URL forms as
    /// references to specs of this site.
    pub fn with_spec_domains(mut self, domains: &[String]) -> Self {
        self.spec_domains = domains.to_vec();
        self
    }

    /// The URL of spec `number` in this scope, whether or not it exists (a
    /// missing one is then reported by the link check at the reference).
    pub fn spec_url(&self, number: u32) -> String {
        self.urls.url(&self.scope, &Route::Spec(number))
    }

    /// The resolver for links in `source` (a path relative to the root).
    pub fn for_page<'a>(&'a self, source: &'a Path) -> PageLinks<'a> {
        PageLinks {
            site: self,
            dir: source.parent().unwrap_or(Path::new("")),
        }
    }

    /// Files (relative to the root) that links asked to publish.
    pub fn published(&self) -> BTreeSet<PathBuf> {
        self.published
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn resolve_relative(&self, dir: &Path, path: &str, suffix: &str) -> Option<String> {
        let target = relative_target(dir, path);
        if target.starts_with("..") || target.is_absolute() {
            return None;
        }
        if let Some(url) = self.pages.get(&target) {
            return Some(format!("{url}{suffix}"));
        }
        for index in ["README.md", "index.md"] {
            if let Some(url) = self.pages.get(&target.join(index)) {
                return Some(format!("{url}{suffix}"));
            }
        }
        if target.extension().is_some_and(|e| e == "md") || !self.is_publishable(&target) {
            return None;
        }
        self.published
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(target.clone());
        let route = Route::File(url_path(&target));
        Some(format!("{}{suffix}", self.urls.url(&self.scope, &route)))
    }

    /// A regular file inside the root (symlinks may not lead out of it).
    fn is_publishable(&self, rel: &Path) -> bool {
        let full = self.root.join(rel);
        if !full.is_file() {
            return false;
        }
        match (&self.canonical_root, full.canonicalize()) {
            (Some(root), Ok(real)) => real.starts_with(root),
            _ => false,
        }
    }
}

/// Resolves links of one page.
pub struct PageLinks<'a> {
    site: &'a SiteLinks,
    dir: &'a Path,
}

impl LinkResolver for PageLinks<'_> {
    fn resolve(&self, dest: &str) -> Option<String> {
        if let Some((number, fragment)) =
            crate::specs::parse_reference(dest, &self.site.spec_domains)
        {
            return Some(format!("{}{fragment}", self.site.spec_url(number)));
        }
        if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || has_scheme(dest) {
            return None;
        }
        if dest.starts_with('/') {
            return Some(self.site.urls.site_root_path(dest));
        }
        let split = dest.find(['#', '?']).unwrap_or(dest.len());
        let (path, suffix) = dest.split_at(split);
        self.site.resolve_relative(self.dir, path, suffix)
    }
}

/// The file (relative to the root) a relative link's path (`../a%20b.md`,
/// without its `#…` or `?…`) names from a source in `dir`.
pub fn relative_target(dir: &Path, path: &str) -> PathBuf {
    normalize(&dir.join(percent_decode(path).as_ref()))
}

/// `https:`, `mailto:` … (a Windows drive letter is not expected in links).
pub fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) if i > 0 => {
            let scheme = &dest[..i];
            scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        _ => false,
    }
}

/// A relative path as a URL path (`/` separators, spaces encoded).
pub fn url_path(path: &Path) -> String {
    let joined: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    joined.join("/").replace(' ', "%20")
}

/// Decodes `%XX` escapes; a `%` not followed by two hex digits stays as written.
/// Invalid UTF-8 is replaced.
pub fn percent_decode(s: &str) -> Cow<'_, str> {
    if !s.contains('%') {
        return Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes() {
        assert!(has_scheme("https://x"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("a/b:c"));
        assert!(!has_scheme("02-how.md"));
    }

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("a%20b"), "a b");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%2"), "%zz%2");
    }

    #[test]
    fn resolves_pages_and_root_paths() {
        let mut pages = HashMap::new();
        pages.insert(
            PathBuf::from("book/02-how.md"),
            "/rfc/book/how/".to_string(),
        );
        let site = SiteLinks::new(
            Urls::new(Some("/rfc/")),
            Scope::root(),
            Path::new("/nonexistent"),
            pages,
        );
        let page = site.for_page(Path::new("book/01-why.md"));
        assert_eq!(
            page.resolve("02-how.md#scope").as_deref(),
            Some("/rfc/book/how/#scope")
        );
        assert_eq!(
            page.resolve("./02-how.md").as_deref(),
            Some("/rfc/book/how/")
        );
        assert_eq!(
            page.resolve("/rfcs/9/1.png").as_deref(),
            Some("/rfc/rfcs/9/1.png")
        );
        assert_eq!(page.resolve("missing.md"), None);
        assert_eq!(page.resolve("https://x.org"), None);
        assert_eq!(page.resolve("#top"), None);
    }

    #[test]
    fn resolves_spec_references() {
        let site = SiteLinks::new(
            Urls::new(Some("/rfc/")),
            Scope::root(),
            Path::new("/nonexistent"),
            HashMap::new(),
        )
        .with_spec_domains(&["rfc.zeromq.org".to_string()]);
        let page = site.for_page(Path::new("index.md"));
        assert_eq!(
            page.resolve("spec:42#goals").as_deref(),
            Some("/rfc/spec/42/#goals")
        );
        assert_eq!(
            page.resolve("http://rfc.zeromq.org/spec:23/ZMTP")
                .as_deref(),
            Some("/rfc/spec/23/")
        );
        assert_eq!(page.resolve("https://other.org/spec:23"), None);
    }
}
