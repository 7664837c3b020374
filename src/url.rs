//! Every URL and output path of a site, from one place that knows the base
//! path, the version and the language. Templates and content never concatenate
//! `/` themselves: they ask `Urls`.

use serde::Serialize;
use std::path::PathBuf;

/// Which language a page belongs to. `None` means the source language
/// (served without a prefix). The version is the `Urls`' own: one build of
/// one version has one `Urls`.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Scope {
    pub lang: Option<String>,
}

impl Scope {
    pub fn root() -> Self {
        Scope::default()
    }
}

/// What a URL points at, independent of base path, version and language.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Route {
    /// The home page.
    Home,
    /// A handbook chapter by slug path (`why`, or `part/why` for nested folders).
    Chapter(String),
    /// The spec registry (`/spec/`).
    Registry,
    /// One spec (`/spec/42/`).
    Spec(u32),
    /// The old-style address of a spec by shortname (`/spec/42/C4/`), a redirect.
    SpecName(u32, String),
    /// The translation dashboard (`/i18n/`).
    Translations,
    /// An old address of a page (front matter `aliases:`), a redirect: a
    /// path from the root of the page's language site (`book/old-name/`,
    /// `old.html`); one that is not an `.html` file is a folder.
    Alias(String),
    /// A file that belongs to a version but not to a language: one published
    /// next to the content at its source-relative path (`images/x.png`,
    /// translations share it) or a generated per-version script.
    File(String),
    /// A file of the search index bundle (`pagefind/pagefind.js`; `` for
    /// the bundle's folder), one bundle per version (languages share it).
    Search(String),
    /// A site-wide asset of the theme or a static folder (`assets/charter.css`),
    /// shared by all versions and languages.
    Asset(String),
    /// The one root 404 page.
    NotFound,
}

/// Builds URLs and output paths. Cheap to clone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Urls {
    /// Always starts and ends with `/` (`/` or `/rfc/`).
    base_path: String,
    /// Scheme and host without a trailing slash (`https://zeromq.github.io`), if known.
    origin: Option<String>,
    /// The version this build writes, when it is not the default one (served
    /// under `/<version>/`).
    version: Option<String>,
}

impl Urls {
    /// From a `base_url` such as `https://zeromq.github.io/rfc/` or a bare path `/rfc`.
    pub fn new(base_url: Option<&str>) -> Self {
        let (origin, path) = match base_url {
            None => (None, "/".to_string()),
            Some(url) => split_base_url(url),
        };
        Urls {
            base_path: normalize_base_path(&path),
            origin,
            version: None,
        }
    }

    /// The same site's URLs for a version served under `/<version>/`
    /// (`None`: the default version, at the root).
    pub fn in_version(mut self, version: Option<&str>) -> Self {
        self.version = version.map(str::to_string);
        self
    }

    /// The version prefix (`v1.0`), `None` for the default version.
    pub fn version(&self) -> Option<&str> {
        self.version.as_deref()
    }

    /// `/` or `/rfc/`.
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// The site-relative path of a route within a scope, without the base
    /// path: `book/why/`, `ru/spec/42/`, `assets/charter.css`, `` for home.
    pub fn relative(&self, scope: &Scope, route: &Route) -> String {
        let mut out = String::new();
        // Files linked from content belong to a version but not to a
        // language (translations share images); assets belong to neither.
        let prefixes = match route {
            Route::Asset(_) | Route::NotFound => [None, None],
            Route::File(_) | Route::Search(_) => [self.version.as_ref(), None],
            _ => [self.version.as_ref(), scope.lang.as_ref()],
        };
        for part in prefixes.into_iter().flatten() {
            out.push_str(part);
            out.push('/');
        }
        match route {
            Route::Home => {}
            Route::Chapter(slug) => {
                out.push_str("book/");
                out.push_str(slug.trim_matches('/'));
                out.push('/');
            }
            Route::Registry => out.push_str("spec/"),
            Route::Translations => out.push_str("i18n/"),
            Route::Spec(n) => {
                out.push_str("spec/");
                out.push_str(&n.to_string());
                out.push('/');
            }
            Route::SpecName(n, name) => {
                out.push_str(&format!("spec/{n}/{}/", name.trim_matches('/')));
            }
            Route::Alias(path) => {
                out.push_str(path.trim_start_matches('/'));
                // Only an HTML file is served as a page; anything else is a
                // folder holding one.
                let is_file = [".html", ".htm"].iter().any(|ext| path.ends_with(ext));
                if !path.is_empty() && !path.ends_with('/') && !is_file {
                    out.push('/');
                }
            }
            Route::File(path) | Route::Asset(path) => out.push_str(path.trim_start_matches('/')),
            Route::Search(path) => {
                out.push_str("pagefind/");
                out.push_str(path.trim_start_matches('/'));
            }
            Route::NotFound => out.push_str("404.html"),
        }
        out
    }

    /// The root-relative URL of a route: base path + scope + route.
    pub fn url(&self, scope: &Scope, route: &Route) -> String {
        format!("{}{}", self.base_path, self.relative(scope, route))
    }

    /// The absolute URL (with scheme and host) when `base_url` named one,
    /// else the root-relative URL.
    pub fn absolute(&self, scope: &Scope, route: &Route) -> String {
        match &self.origin {
            Some(origin) => format!("{}{}", origin, self.url(scope, route)),
            None => self.url(scope, route),
        }
    }

    /// A root-relative path written in content (`/rfcs/9/1.png`) resolved
    /// against the site root, so it gets the base path (and the version's
    /// prefix: each version publishes its own static files).
    pub fn site_root_path(&self, path: &str) -> String {
        self.url(
            &Scope::root(),
            &Route::File(path.trim_start_matches('/').to_string()),
        )
    }

    /// The file a route is written to, relative to the output directory.
    pub fn output_path(&self, scope: &Scope, route: &Route) -> PathBuf {
        let rel = self.relative(scope, route);
        if rel.is_empty() || rel.ends_with('/') {
            PathBuf::from(format!("{rel}index.html"))
        } else {
            PathBuf::from(rel)
        }
    }

    /// Maps a root-relative URL of this site back to the output file that
    /// serves it (`/rfc/book/why/` → `book/why/index.html`). `None` when the
    /// URL lies outside the base path.
    pub fn output_path_of_url(&self, url: &str) -> Option<String> {
        let path = url.split(['#', '?']).next().unwrap_or("");
        let rest = path.strip_prefix(&self.base_path).or_else(|| {
            // `/rfc` without its trailing slash is the base itself.
            (path == self.base_path.trim_end_matches('/')).then_some("")
        })?;
        if rest.is_empty() || rest.ends_with('/') {
            Some(format!("{rest}index.html"))
        } else {
            Some(rest.to_string())
        }
    }
}

/// What is wrong with `url` as a base URL (`https://host/path/` or a
/// root path `/path/`), if anything: said so that it can follow
/// "`base_url` …" in a message.
pub fn base_url_problem(url: &str) -> Option<String> {
    let after_scheme = ["http://", "https://"]
        .iter()
        .find_map(|scheme| url.strip_prefix(scheme));
    if after_scheme.is_none() && !url.starts_with('/') {
        return Some(format!("must be an absolute URL, found `{url}`"));
    }
    if after_scheme.is_some_and(|rest| rest.is_empty() || rest.starts_with('/')) {
        return Some(format!("has no host, found `{url}`"));
    }
    if let Some(c) = url.chars().find(|c| matches!(c, '?' | '#')) {
        return Some(format!(
            "cannot have a query or fragment (`{c}`), found `{url}`: pages are published under its path"
        ));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(format!(
            "has a space or control character, found `{url}`: percent-encode it (`%20`)"
        ));
    }
    None
}

fn split_base_url(url: &str) -> (Option<String>, String) {
    if let Some(scheme_end) = url.find("://") {
        let after = &url[scheme_end + 3..];
        let path_start = after.find('/').unwrap_or(after.len());
        let origin = format!("{}{}", &url[..scheme_end + 3], &after[..path_start]);
        (Some(origin), after[path_start..].to_string())
    } else {
        (None, url.to_string())
    }
}

fn normalize_base_path(path: &str) -> String {
    let trimmed = path.trim().trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_that_are_refused() {
        for good in [
            "https://x.github.io/rfc/",
            "http://127.0.0.1:1111/riverbank/",
            "https://docs.example.org",
            "/",
            "/rfc/",
            "https://x.org/a%20b/",
        ] {
            assert_eq!(base_url_problem(good), None, "{good}");
        }
        for (bad, says) in [
            ("example.org/rfc", "absolute"),
            ("ftp://x.org/", "absolute"),
            ("https://", "no host"),
            ("https:///rfc/", "no host"),
            ("https://x.org/rfc/?lang=en", "query"),
            ("/rfc/#top", "fragment"),
            ("https://x.org/my site/", "space"),
            ("https://x.org/a\tb/", "control"),
        ] {
            let problem = base_url_problem(bad).unwrap_or_default();
            assert!(problem.contains(says), "{bad}: {problem}");
        }
    }

    #[test]
    fn base_path_from_full_url() {
        let urls = Urls::new(Some("https://zeromq.github.io/rfc/"));
        assert_eq!(urls.base_path(), "/rfc/");
        let scope = Scope::root();
        assert_eq!(urls.url(&scope, &Route::Spec(42)), "/rfc/spec/42/");
        assert_eq!(
            urls.absolute(&scope, &Route::Home),
            "https://zeromq.github.io/rfc/"
        );
    }

    #[test]
    fn scope_prefixes_version_then_language() {
        let urls = Urls::new(None).in_version(Some("v1"));
        let scope = Scope {
            lang: Some("ru".into()),
        };
        assert_eq!(
            urls.url(&scope, &Route::Chapter("why".into())),
            "/v1/ru/book/why/"
        );
        assert_eq!(
            urls.url(&scope, &Route::Asset("assets/a.css".into())),
            "/assets/a.css"
        );
        assert_eq!(
            urls.output_path(&scope, &Route::Home),
            PathBuf::from("v1/ru/index.html")
        );
        assert_eq!(
            urls.url(&scope, &Route::File("img/x.png".into())),
            "/v1/img/x.png"
        );
        assert_eq!(urls.site_root_path("/rfcs/9/1.png"), "/v1/rfcs/9/1.png");
        assert_eq!(urls.url(&scope, &Route::NotFound), "/404.html");
        // One search bundle per version, shared by its languages.
        assert_eq!(
            urls.url(&scope, &Route::Search("pagefind.js".into())),
            "/v1/pagefind/pagefind.js"
        );
        assert_eq!(
            Urls::new(None).relative(&Scope::root(), &Route::Search(String::new())),
            "pagefind/"
        );
    }

    #[test]
    fn url_maps_back_to_output_file() {
        let urls = Urls::new(Some("/rfc"));
        assert_eq!(
            urls.output_path_of_url("/rfc/book/why/#x").as_deref(),
            Some("book/why/index.html")
        );
        assert_eq!(
            urls.output_path_of_url("/rfc").as_deref(),
            Some("index.html")
        );
        assert_eq!(urls.output_path_of_url("/other/"), None);
    }
}
