//! The theme: Tera 2 templates (the default theme embedded in the binary,
//! overridable by the site's `templates/` folder, whole templates or small
//! named partials), the data each template sees, the `t()` UI-string and
//! `url()` functions, and the theme's static assets (CSS, JS).

use crate::diagnostics::{Diagnostic, Location};
use crate::i18n::UiStrings;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// Root-relative, for links a reader follows (the language switcher).
    pub href: String,
    /// With scheme and host when `base_url` has them, as search engines
    /// ask of `<link rel="alternate" hreflang>`; else the same as `href`.
    pub absolute: String,
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
    /// Search is on (`search:` in charter.yaml, and charter built with the
    /// `search` feature): pages show the search box.
    pub search: bool,
    /// The search bundle's script (`/rfc/pagefind/pagefind.js`, per version),
    /// when `search` is on.
    pub search_url: Option<String>,
    /// The translation dashboard, when the site has translations.
    pub translations_url: Option<String>,
}

/// A spec's header block.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SpecContext {
    pub number: u32,
    pub shortname: String,
    pub name: String,
    /// `raw`, `draft`, `stable`, `deprecated` or `retired`.
    pub status: &'static str,
    /// As written (`Name <address>`).
    pub editors: Vec<String>,
    pub contributors: Vec<String>,
    /// The same people with name and address apart, for linking.
    pub editor_people: Vec<crate::specs::Person>,
    pub contributor_people: Vec<crate::specs::Person>,
    pub license: Option<String>,
    pub domain: Option<String>,
    pub obsoletes: Vec<SpecLink>,
    pub obsoleted_by: Vec<SpecLink>,
    /// Pages that link to this spec.
    pub referenced_by: Vec<Link>,
}

/// A link to a spec with what a reader needs to judge it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SpecLink {
    pub number: u32,
    pub shortname: String,
    pub name: String,
    pub status: &'static str,
    pub url: String,
    /// As written (`Name <address>`).
    pub editors: Vec<String>,
    /// The same people with name and address apart, for linking.
    pub editor_people: Vec<crate::specs::Person>,
}

/// One status group of the registry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RegistryGroup {
    pub status: &'static str,
    pub specs: Vec<SpecLink>,
}

/// Room a page's buffer gets beyond its body for what the template adds:
/// the header, the sidebar's branch, the footer (7 KB on the benchmark
/// site). A bigger page only grows the buffer.
const RENDER_CHROME_BYTES: usize = 32 * 1024;

/// Everything one page template sees (as `site`, `page` and `nav`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
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
    /// Show `title` as the page's heading (its body has no level-1 heading).
    pub show_title: bool,
    /// The page goes into the search index (its body is marked
    /// `data-pagefind-body`): search is on and the page did not opt out
    /// with `search: false`.
    pub search: bool,
    /// The spec's metadata on spec pages.
    pub spec: Option<SpecContext>,
    /// The specs by status on the registry page.
    pub registry: Vec<RegistryGroup>,
    /// On a translated page: its state and credits.
    pub translation: Option<TranslationContext>,
    /// On the translation dashboard: every language's pages.
    pub translations: Vec<LanguageStatus>,
    /// The version switcher's links (empty when the site has no versions).
    pub versions: Vec<crate::versions::VersionLink>,
}

/// A translated page's state and who made it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TranslationContext {
    /// `up-to-date`, `outdated`, `unstamped` or `missing`.
    pub state: &'static str,
    pub translators: Vec<String>,
    /// The original page.
    pub original_url: String,
    /// The original's author or editors, if it names them.
    pub original_by: Vec<String>,
    /// The name of the original's language.
    pub original_language: String,
}

/// One language on the translation dashboard.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LanguageStatus {
    pub tag: String,
    pub name: String,
    pub url: String,
    pub up_to_date: usize,
    pub total: usize,
    pub percent: usize,
    pub translators: Vec<String>,
    /// Pages that are not up to date.
    pub pages: Vec<PageStatus>,
}

/// A page that needs a translator.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PageStatus {
    pub title: String,
    pub state: &'static str,
    pub original_url: String,
    pub translation_url: String,
    pub edit_url: Option<String>,
}

/// A file the theme contributes to every build, at a site-relative path.
pub struct Asset {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where the embedded default theme lives in the charter source tree (used to
/// locate diagnostics in embedded templates).
pub const EMBEDDED_DIR: &str = "themes/default/templates";
/// The site's template overrides, relative to its root.
pub const TEMPLATES_DIR: &str = "templates";

/// The default theme's templates, by Tera name.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../themes/default/templates/base.html"),
    ),
    (
        "page.html",
        include_str!("../themes/default/templates/page.html"),
    ),
    (
        "home.html",
        include_str!("../themes/default/templates/home.html"),
    ),
    (
        "404.html",
        include_str!("../themes/default/templates/404.html"),
    ),
    (
        "partials/header.html",
        include_str!("../themes/default/templates/partials/header.html"),
    ),
    (
        "partials/nav.html",
        include_str!("../themes/default/templates/partials/nav.html"),
    ),
    (
        "partials/footer.html",
        include_str!("../themes/default/templates/partials/footer.html"),
    ),
    (
        "partials/page_toc.html",
        include_str!("../themes/default/templates/partials/page_toc.html"),
    ),
    (
        "partials/banners.html",
        include_str!("../themes/default/templates/partials/banners.html"),
    ),
    (
        "translations.html",
        include_str!("../themes/default/templates/translations.html"),
    ),
    (
        "partials/translation_credit.html",
        include_str!("../themes/default/templates/partials/translation_credit.html"),
    ),
    (
        "spec.html",
        include_str!("../themes/default/templates/spec.html"),
    ),
    (
        "registry.html",
        include_str!("../themes/default/templates/registry.html"),
    ),
    (
        "partials/spec_header.html",
        include_str!("../themes/default/templates/partials/spec_header.html"),
    ),
    (
        "partials/prevnext.html",
        include_str!("../themes/default/templates/partials/prevnext.html"),
    ),
];

const CHARTER_CSS: &str = include_str!("../themes/default/static/charter.css");
const CHARTER_JS: &str = include_str!("../themes/default/static/charter.js");

/// A hash of everything the embedded theme contributes (templates, assets,
/// UI strings): cached versions built with another theme are rebuilt.
pub fn fingerprint() -> String {
    let mut parts: Vec<&[u8]> = DEFAULT_TEMPLATES
        .iter()
        .flat_map(|(name, text)| [name.as_bytes(), text.as_bytes()])
        .collect();
    parts.push(CHARTER_CSS.as_bytes());
    parts.push(CHARTER_JS.as_bytes());
    for (tag, text) in crate::i18n::ui::THEME_FILES {
        parts.push(tag.as_bytes());
        parts.push(text.as_bytes());
    }
    crate::versions::cache::key(&parts)
}

/// The content of the script at `site.nav_url`: `window.charterNav=[…];`, an
/// array of `{kind,title,url,depth}` (url `null` for parts, separators and drafts).
pub fn nav_script(items: &[NavItem]) -> String {
    #[derive(Serialize)]
    struct Entry<'a> {
        kind: &'a str,
        title: &'a str,
        url: Option<&'a str>,
        depth: usize,
    }
    let entries: Vec<Entry<'_>> = items
        .iter()
        .map(|i| Entry {
            kind: i.kind,
            title: &i.title,
            url: i.url.as_deref(),
            depth: i.depth,
        })
        .collect();
    let json = serde_json::to_string(&entries).expect("nav serializes");
    format!("window.charterNav={};\n", json.replace("</", "<\\/"))
}

/// One template's source and the file it came from (for diagnostics).
struct Source {
    /// Relative to the site root for overrides, `themes/default/templates/…` for embedded.
    file: PathBuf,
    text: String,
}

/// Loaded templates, ready to render pages from many threads.
pub struct Theme {
    tera: tera::Tera,
    sources: BTreeMap<String, Source>,
    ui: Arc<UiStrings>,
}

const TEMPLATE_HELP: &str = "fix the template syntax; see the Tera 2 documentation";

impl Theme {
    /// Loads the embedded default theme, then the site's overrides from
    /// `ROOT/templates/` (whole templates by name, or partials under
    /// `partials/`). Template errors become diagnostics naming the template
    /// file, line and column. `t()` uses the theme's own UI strings until
    /// `with_ui` gives it the site's.
    pub fn load(root: &Path) -> Result<Theme, Vec<Diagnostic>> {
        match Self::load_lenient(root) {
            (Some(theme), diags) if diags.is_empty() => Ok(theme),
            (_, diags) => Err(diags),
        }
    }

    /// As `load`, but a template that does not parse is replaced by a
    /// stand-in (the embedded template it overrides, else an empty one) and
    /// the theme is returned with the errors, so a build can still render
    /// pages and find every other problem. `None` when no stand-in helps.
    pub fn load_lenient(root: &Path) -> (Option<Theme>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut sources: BTreeMap<String, Source> = DEFAULT_TEMPLATES
            .iter()
            .map(|(name, text)| {
                let source = Source {
                    file: Path::new(EMBEDDED_DIR).join(name),
                    text: (*text).to_string(),
                };
                (name.to_string(), source)
            })
            .collect();
        read_overrides(root, &mut sources, &mut diags);

        // Parse all at once; on an error, report it, put a stand-in for the
        // broken template (the embedded one it overrides, else an empty one)
        // so the others do not fail because of it, and try again to find the rest.
        let mut texts: BTreeMap<String, String> = sources
            .iter()
            .map(|(n, s)| (n.clone(), s.text.clone()))
            .collect();
        let mut broken: BTreeMap<String, ()> = BTreeMap::new();
        loop {
            let ui = Arc::new(UiStrings::builtin());
            let mut tera = new_tera(ui.clone());
            let result = tera.add_raw_templates(texts.iter());
            let err = match result {
                Ok(()) => return (Some(Theme { tera, sources, ui }), diags),
                Err(e) => e,
            };
            let culprit = match err.kind() {
                tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                    diags.push(report_diagnostic(report, &sources));
                    Some(report.filename().to_string())
                }
                tera::ErrorKind::MissingParent { current, parent } => {
                    let loc = find_in_template(&sources, current, parent);
                    diags.push(
                        Diagnostic::error(
                            "template-error",
                            format!(
                                "template `{current}` extends `{parent}`, which does not exist"
                            ),
                        )
                        .at(loc)
                        .help(TEMPLATE_HELP),
                    );
                    Some(current.clone())
                }
                tera::ErrorKind::CircularExtend { tpl, .. }
                | tera::ErrorKind::CircularInclude { tpl, .. } => {
                    diags.push(
                        Diagnostic::error("template-error", first_line(&err.to_string()))
                            .at(template_location(&sources, tpl, 1, 1))
                            .help(TEMPLATE_HELP),
                    );
                    Some(tpl.clone())
                }
                tera::ErrorKind::Msg(msg) => {
                    let found = parse_reports(msg, &sources);
                    if found.is_empty() {
                        diags.push(
                            Diagnostic::error("template-error", first_line(msg))
                                .help(TEMPLATE_HELP),
                        );
                    }
                    diags.extend(found);
                    None
                }
                _ => {
                    diags.push(
                        Diagnostic::error("template-error", first_line(&err.to_string()))
                            .help(TEMPLATE_HELP),
                    );
                    None
                }
            };
            match culprit {
                Some(name) if broken.insert(name.clone(), ()).is_none() => {
                    let stand_in = match DEFAULT_TEMPLATES.iter().find(|(n, _)| *n == name) {
                        Some((_, text)) if texts.get(&name).map(String::as_str) != Some(*text) => {
                            (*text).to_string()
                        }
                        _ => String::new(),
                    };
                    texts.insert(name, stand_in);
                }
                _ => return (None, diags),
            }
        }
    }

    /// The theme with the site's UI strings (`UiStrings::load`) for `t()`.
    pub fn with_ui(mut self, ui: Arc<UiStrings>) -> Theme {
        self.ui = ui;
        register_t(&mut self.tera, self.ui.clone());
        self
    }

    /// The UI strings `t()` reads.
    pub fn ui(&self) -> &UiStrings {
        &self.ui
    }

    /// Renders a page with the template for its kind: `home.html`, `404.html`,
    /// `<kind>.html` when the theme has one (e.g. `spec.html`), else `page.html`.
    #[allow(clippy::result_large_err)] // the public signature others code against
    pub fn render(&self, site: &SiteContext, page: &PageContext) -> Result<String, Diagnostic> {
        let name = self.template_for(page.kind);
        let mut context = tera::Context::new();
        context.insert("site", site);
        context.insert("page", page);
        // Room for the body and the theme's chrome up front: grown from the
        // template's size, the buffer was copied over and over for a long
        // page.
        let mut out = Vec::with_capacity(page.content.len() + RENDER_CHROME_BYTES);
        self.tera
            .render_to(&name, &context, &mut out)
            .and_then(|()| String::from_utf8(out).map_err(tera::Error::from))
            .map_err(|e| self.render_error(&name, page, &e))
    }

    /// The name of the template a page of this kind renders with.
    pub fn template_for(&self, kind: &str) -> String {
        let own = format!("{kind}.html");
        if self.tera.contains_template(&own) {
            own
        } else {
            "page.html".to_string()
        }
    }

    /// The theme's CSS and JS (without the syntax CSS, which `highlight` makes).
    pub fn assets(&self) -> Vec<Asset> {
        vec![
            Asset {
                path: "assets/charter.css".to_string(),
                bytes: CHARTER_CSS.as_bytes().to_vec(),
            },
            Asset {
                path: "assets/charter.js".to_string(),
                bytes: CHARTER_JS.as_bytes().to_vec(),
            },
        ]
    }

    fn render_error(&self, name: &str, page: &PageContext, err: &tera::Error) -> Diagnostic {
        let mut diag = match err.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                report_diagnostic(report, &self.sources)
            }
            _ => Diagnostic::error("template-error", first_line(&err.to_string()))
                .at(template_location(&self.sources, name, 1, 1)),
        };
        let mut source = std::error::Error::source(err);
        while let Some(s) = source {
            diag.message.push_str(&format!(": {s}"));
            source = s.source();
        }
        diag.message
            .push_str(&format!(" (while rendering {} with `{name}`)", page.url));
        diag.help(TEMPLATE_HELP)
    }
}

/// A Tera instance with charter's functions and autoescaping for `.html`.
fn new_tera(ui: Arc<UiStrings>) -> tera::Tera {
    let mut tera = tera::Tera::new();
    register_t(&mut tera, ui);
    tera
}

/// `t(key="…", name=value…)`: the UI string `key` in the page's language
/// (`page.lang`, or `lang="…"` to choose), with the other arguments as
/// Fluent variables (a list is joined with ", "). Falls back to the source
/// language's string, then to the key.
fn register_t(tera: &mut tera::Tera, ui: Arc<UiStrings>) {
    tera.register_function(
        "t",
        move |kwargs: tera::Kwargs, state: &tera::State| -> tera::TeraResult<String> {
            let key: &str = kwargs.must_get("key")?;
            let all: BTreeMap<String, serde_json::Value> = kwargs.deserialize()?;
            let lang = match all.get("lang") {
                Some(serde_json::Value::String(l)) => l.clone(),
                _ => page_lang(state).unwrap_or_else(|| ui.source_language().to_string()),
            };
            let args: Vec<(String, String)> = all
                .iter()
                .filter(|(name, _)| *name != "key" && *name != "lang")
                .filter_map(|(name, v)| Some((name.clone(), arg_text(v)?)))
                .collect();
            let args: Vec<(&str, &str)> =
                args.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
            Ok(ui.get(&lang, key, &args))
        },
    );
}

/// `page.lang` of the render context.
fn page_lang(state: &tera::State) -> Option<String> {
    let page: tera::Value = state.get("page").ok()??;
    let lang = page.as_map()?.get(&tera::value::Key::Str("lang"))?;
    lang.as_str().filter(|l| !l.is_empty()).map(str::to_string)
}

/// A template value as the text of a Fluent variable.
fn arg_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Array(items) => Some(
            items
                .iter()
                .filter_map(arg_text)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        other => Some(other.to_string()),
    }
}

/// Adds every file under `ROOT/templates/` to `sources`, replacing the
/// embedded template of the same relative name.
fn read_overrides(
    root: &Path,
    sources: &mut BTreeMap<String, Source>,
    diags: &mut Vec<Diagnostic>,
) {
    let dir = root.join(TEMPLATES_DIR);
    if !dir.is_dir() {
        return;
    }
    if crate::content::resolves_outside(root, Path::new(TEMPLATES_DIR)) {
        diags.push(crate::content::outside_error(Path::new("templates")));
        return;
    }
    let walk = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(
                    Diagnostic::error("template-error", format!("cannot read templates: {e}"))
                        .at_file("templates"),
                );
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let name_path = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let name: Vec<String> = name_path
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let name = name.join("/");
        match std::fs::read_to_string(entry.path()) {
            Ok(text) => {
                sources.insert(
                    name,
                    Source {
                        file: rel.to_path_buf(),
                        text,
                    },
                );
            }
            Err(e) => diags.push(
                Diagnostic::error(
                    "template-error",
                    format!("cannot read template `{name}`: {e}"),
                )
                .at_file(rel)
                .help("templates must be UTF-8 text files"),
            ),
        }
    }
}

/// A diagnostic for a Tera error that carries a template name and span.
fn report_diagnostic(report: &tera::ReportError, sources: &BTreeMap<String, Source>) -> Diagnostic {
    let span = report.span();
    let mut loc = match sources.get(report.filename()) {
        Some(src) => {
            let (line, column) = crate::diagnostics::line_col(&src.text, span.range.start);
            Location::new(src.file.clone(), line, column)
        }
        None => template_location(
            sources,
            report.filename(),
            span.start_line,
            span.start_col + 1,
        ),
    };
    if let Some(src) = sources.get(report.filename()) {
        let end = span.range.end.min(src.text.len());
        let start = span.range.start.min(end);
        if src.text.is_char_boundary(start) && src.text.is_char_boundary(end) {
            let text = &src.text[start..end];
            loc.len = text.split('\n').next().unwrap_or("").chars().count();
        }
    }
    Diagnostic::error(
        "template-error",
        format!("in template `{}`: {}", report.filename(), report.message()),
    )
    .at(loc)
    .help(TEMPLATE_HELP)
}

fn template_location(
    sources: &BTreeMap<String, Source>,
    name: &str,
    line: usize,
    column: usize,
) -> Location {
    let file = match sources.get(name) {
        Some(s) => s.file.clone(),
        None => Path::new("templates").join(name),
    };
    Location::new(file, line.max(1), column.max(1))
}

/// Where `needle` (e.g. a parent's name) first appears in a template.
fn find_in_template(sources: &BTreeMap<String, Source>, name: &str, needle: &str) -> Location {
    match sources.get(name) {
        Some(src) => {
            let (line, column) = src
                .text
                .find(needle)
                .map_or((1, 1), |at| crate::diagnostics::line_col(&src.text, at));
            let mut loc = Location::new(src.file.clone(), line, column);
            loc.len = needle.chars().count();
            loc
        }
        None => template_location(sources, name, 1, 1),
    }
}

/// Parses Tera's joined reports (`error: MSG` then `--> NAME:LINE:COL`) into diagnostics.
fn parse_reports(text: &str, sources: &BTreeMap<String, Source>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(message) = line.strip_prefix("error: ") else {
            continue;
        };
        let Some(locus) = lines
            .peek()
            .and_then(|l| l.trim_start().strip_prefix("--> "))
        else {
            continue;
        };
        let mut parts = locus.rsplitn(3, ':');
        let col = parts.next().and_then(|c| c.parse::<usize>().ok());
        let ln = parts.next().and_then(|c| c.parse::<usize>().ok());
        let name = parts.next();
        if let (Some(name), Some(ln), Some(col)) = (name, ln, col) {
            out.push(
                Diagnostic::error("template-error", format!("in template `{name}`: {message}"))
                    .at(template_location(sources, name, ln, col))
                    .help(TEMPLATE_HELP),
            );
        }
    }
    out
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::TocEntry;

    fn site(base: &str) -> SiteContext {
        SiteContext {
            title: "ZeroMQ RFC".into(),
            description: Some("Specifications of the ZeroMQ community".into()),
            base_path: base.into(),
            home_url: base.into(),
            book_url: Some(format!("{base}book/why/")),
            specs_url: Some(format!("{base}spec/")),
            css_url: format!("{base}assets/charter.css"),
            js_url: format!("{base}assets/charter.js"),
            nav_url: format!("{base}assets/nav.js"),
            search: true,
            search_url: Some(format!("{base}pagefind/pagefind.js")),
            translations_url: None,
        }
    }

    fn nav_items(base: &str) -> Vec<NavItem> {
        let ch = |title: &str, slug: &str, depth: usize, current: bool| NavItem {
            kind: "chapter",
            title: title.into(),
            url: Some(format!("{base}book/{slug}/")),
            depth,
            current,
        };
        vec![
            ch("Why this book", "why", 0, false),
            NavItem {
                kind: "part",
                title: "Part I: Foundations".into(),
                url: None,
                depth: 0,
                current: false,
            },
            ch("The collective", "collective", 0, false),
            ch("Contracts", "contracts", 0, true),
            ch("The C4 process", "c4", 1, false),
            ch("Licensing & patents", "licensing", 1, false),
            NavItem {
                kind: "separator",
                title: String::new(),
                url: None,
                depth: 0,
                current: false,
            },
            NavItem {
                kind: "chapter",
                title: "Drafts to come".into(),
                url: None,
                depth: 0,
                current: false,
            },
            ch("Appendix: </script> glossary", "glossary", 0, false),
        ]
    }

    const CONTENT: &str = r##"<h1 id="contracts">Contracts<a class="anchor" href="#contracts" aria-hidden="true">#</a></h1>
<p>Spec <span data-status="stable">stable</span> <span data-status="draft">draft</span> <span data-status="deprecated">deprecated</span> <span data-status="retired">retired</span> <span data-status="raw">raw</span></p>
<p>A contributor <span class="bcp14">MUST</span> sign off each patch and <span class="bcp14">SHOULD</span> keep patches small. See <a href="https://rfc.zeromq.org/spec/42/">42/C4</a> and the <code>zmq_send()</code> call.</p>
<h2 id="goals">Goals<a class="anchor" href="#goals" aria-hidden="true">#</a></h2>
<p>C4 is meant to provide a reusable optimal collaboration model for open source software projects. It has these specific goals: to maximize the scale and diversity of the community around a project, by reducing the friction for new contributors and creating a scaled participation model with strong positive feedbacks.</p>
<ul><li>To relieve dependencies on key individuals.</li><li>To allow the project to develop faster and more accurately.</li></ul>
<h3 id="preliminaries">Preliminaries<a class="anchor" href="#preliminaries" aria-hidden="true">#</a></h3>
<div class="table-wrapper"><table><thead><tr><th>Number</th><th>Name</th><th>Status</th><th>Editor</th><th>A rather long column header</th></tr></thead><tbody><tr><td>2</td><td>COSS</td><td><span data-status="stable">stable</span></td><td>Pieter Hintjens</td><td>Consensus-Oriented Specification System</td></tr><tr><td>42</td><td>C4</td><td><span data-status="stable">stable</span></td><td>Pieter Hintjens</td><td>Collective Code Construction Contract</td></tr><tr><td>22</td><td>C4.1</td><td><span data-status="retired">retired</span></td><td>Pieter Hintjens</td><td>Superseded by 42/C4</td></tr></tbody></table></div>
<h2 id="example-code">Example code<a class="anchor" href="#example-code" aria-hidden="true">#</a></h2>
<pre class="code"><code><span class="hl-keyword">fn</span> main() {
    <span class="hl-keyword">let</span> socket = ctx.socket(zmq::REQ).expect("a socket that is created with a very long line of code");
    socket.connect("tcp://localhost:5555").unwrap();
}</code></pre>
<blockquote><p>The license <span class="bcp14">MAY</span> be MPL-2.0.</p></blockquote>
<h2 id="evolution">Evolution of public contracts<a class="anchor" href="#evolution" aria-hidden="true">#</a></h2>
<p>All public contracts (APIs or protocols) <span class="bcp14">SHALL</span> be documented.</p>
"##;

    fn page(base: &str) -> PageContext {
        let toc = |level: u8, id: &str, title: &str| TocEntry {
            level,
            id: id.into(),
            title: title.into(),
        };
        PageContext {
            kind: "chapter",
            title: "Contracts <script>alert(1)</script>".into(),
            description: Some("About \"contracts\" & <things>".into()),
            url: format!("{base}book/contracts/"),
            canonical: Some("https://zeromq.github.io/rfc/book/contracts/".into()),
            lang: "en".into(),
            dir: "ltr".into(),
            content: CONTENT.into(),
            toc: vec![
                toc(1, "contracts", "Contracts"),
                toc(2, "goals", "Goals"),
                toc(3, "preliminaries", "Preliminaries"),
                toc(2, "example-code", "Example code"),
                toc(2, "evolution", "Evolution of public contracts"),
            ],
            prev: Some(Link {
                title: "The collective".into(),
                url: format!("{base}book/collective/"),
            }),
            next: Some(Link {
                title: "The C4 process <b>".into(),
                url: format!("{base}book/c4/"),
            }),
            edit_url: Some("https://github.com/zeromq/rfc/edit/master/book/03-contracts.md".into()),
            alternates: vec![
                Alternate {
                    hreflang: "en".into(),
                    href: "/rfc/book/contracts/".into(),
                    absolute: "https://zeromq.github.io/rfc/book/contracts/".into(),
                    name: "English".into(),
                    current: true,
                },
                Alternate {
                    hreflang: "ru".into(),
                    href: "/rfc/ru/book/contracts/".into(),
                    absolute: "https://zeromq.github.io/rfc/ru/book/contracts/".into(),
                    name: "Русский".into(),
                    current: false,
                },
            ],
            banners: vec![
                Banner {
                    kind: "outdated",
                    html: "<p>This translation is older than <a href=\"/rfc/book/contracts/\">the original</a>.</p>".into(),
                },
                Banner {
                    kind: "deprecated",
                    html: "<p>This specification is deprecated; see <a href=\"/rfc/spec/42/\">42/C4</a>.</p>".into(),
                },
            ],
            nav: nav_items(base),
            ..Default::default()
        }
    }

    fn not_found(base: &str) -> PageContext {
        PageContext {
            kind: "404",
            title: "Page not found".into(),
            description: None,
            url: format!("{base}404.html"),
            canonical: None,
            lang: "en".into(),
            dir: "ltr".into(),
            content: String::new(),
            toc: vec![],
            prev: None,
            next: None,
            edit_url: None,
            alternates: vec![],
            banners: vec![],
            nav: vec![],
            ..Default::default()
        }
    }

    fn empty_root() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn theme_is_sync_and_send() {
        fn check<T: Sync + Send>() {}
        check::<Theme>();
    }

    #[test]
    fn renders_a_page_with_the_theme_hooks() {
        let root = empty_root();
        let theme = Theme::load(root.path()).unwrap();
        let html = theme.render(&site("/rfc/"), &page("/rfc/")).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
        assert!(html.contains(r#"<html lang="en" dir="ltr">"#));
        assert!(html.contains(r##"<a class="skip-link" href="#content">Skip to content</a>"##));
        assert!(html.contains(r#"<main id="content""#));
        assert!(html.contains(r#"<link rel="stylesheet" href="/rfc/assets/charter.css">"#));
        assert!(html.contains(r#"<script src="/rfc/assets/charter.js" defer></script>"#));
        assert!(html.contains(r#"<script src="/rfc/assets/nav.js" defer></script>"#));
        assert!(html.contains(
            r#"<link rel="canonical" href="https://zeromq.github.io/rfc/book/contracts/">"#
        ));
        assert!(html.contains(
            r#"<link rel="alternate" hreflang="ru" href="https://zeromq.github.io/rfc/ru/book/contracts/">"#
        ));
        assert!(
            html.contains(r#"<body class="kind-chapter" data-page-url="/rfc/book/contracts/" data-copy-label="Copy" data-copied-label="Copied">"#)
        );
        assert!(
            html.contains(r#"<a href="/rfc/book/contracts/" aria-current="page">Contracts</a>"#)
        );
        assert_eq!(html.matches("aria-current=\"page\"").count(), 1);
        assert!(html.contains(r#"data-banner="outdated""#));
        assert!(html.contains(r#"<div class="banner banner-deprecated" data-banner="deprecated" role="note"><p>This specification"#));
        assert!(html.contains(r#"<a class="prev" rel="prev" href="/rfc/book/collective/">"#));
        assert!(html.contains(r#"<a class="next" rel="next" href="/rfc/book/c4/">"#));
        assert!(html.contains("The C4 process &lt;b&gt;"));
        assert!(html.contains(r#"href="https://github.com/zeromq/rfc/edit/master/book/03-contracts.md">Edit this page</a>"#));
        assert!(html.contains(
            r##"<li class="toc-level-3"><a href="#preliminaries">Preliminaries</a></li>"##
        ));
        assert!(
            html.contains(r#"<a href="/rfc/book/why/">Handbook</a>"#)
                || html.contains(r#"<a href="/rfc/book/why/" class="active">Handbook</a>"#)
        );
        assert!(html.contains(r#"<span class="bcp14">MUST</span>"#));
        // Front matter values are escaped; only content and banners are trusted.
        assert!(!html.contains("<script>alert(1)</script>"));
        assert!(
            html.contains(
                "<title>Contracts &lt;script&gt;alert(1)&lt;&#x2F;script&gt; — ZeroMQ RFC</title>"
            ) || html.contains(
                "<title>Contracts &lt;script&gt;alert(1)&lt;/script&gt; — ZeroMQ RFC</title>"
            ),
            "{html}"
        );
        assert!(!html.contains("About \"contracts\" & <things>"));
        assert!(!html.contains("Appendix: </script>"));
        // No doubled slashes from concatenation.
        assert!(!html.contains("//book") && !html.contains("rfc//"));
    }

    #[test]
    fn renders_404_with_absolute_links() {
        let theme = Theme::load(empty_root().path()).unwrap();
        let html = theme.render(&site("/rfc/"), &not_found("/rfc/")).unwrap();
        assert!(html.contains("<h1>Page not found</h1>"));
        assert!(html.contains(r#"href="/rfc/">Back to the home page</a>"#));
        assert!(html.contains(r#"href="/rfc/assets/charter.css""#));
        assert!(!html.contains("page-toc"));
        assert!(!html.contains("rel=\"prev\""));
        for attr in html
            .split("href=\"")
            .skip(1)
            .chain(html.split("src=\"").skip(1))
        {
            assert!(
                attr.starts_with('/') || attr.starts_with("http") || attr.starts_with('#'),
                "relative link: {attr}"
            );
        }
    }

    #[test]
    fn picks_the_template_by_kind() {
        let root = empty_root();
        write(root.path(), "templates/spec.html", "{% extends \"base.html\" %}{% block content %}SPEC {{ page.title }}{% endblock content %}");
        let theme = Theme::load(root.path()).unwrap();
        assert_eq!(theme.template_for("home"), "home.html");
        assert_eq!(theme.template_for("404"), "404.html");
        assert_eq!(theme.template_for("chapter"), "page.html");
        assert_eq!(theme.template_for("spec"), "spec.html");
        let mut p = page("/");
        p.kind = "spec";
        let html = theme.render(&site("/"), &p).unwrap();
        assert!(html.contains("SPEC Contracts &lt;script&gt;"));
        p.kind = "home";
        let html = theme.render(&site("/"), &p).unwrap();
        assert!(html.contains(r#"<h1 class="hero-title">ZeroMQ RFC</h1>"#));
    }

    #[test]
    fn a_partial_override_replaces_only_that_partial() {
        let root = empty_root();
        write(
            root.path(),
            "templates/partials/footer.html",
            "<footer>Custom {{ site.title }} {{ t(key=\"nope\") }}</footer>",
        );
        let theme = Theme::load(root.path()).unwrap();
        let html = theme.render(&site("/"), &page("/")).unwrap();
        assert!(html.contains("<footer>Custom ZeroMQ RFC nope</footer>"));
        assert!(html.contains("skip-link"));
        assert!(!html.contains("Built with"));
    }

    #[test]
    fn broken_templates_are_all_reported_with_positions() {
        let root = empty_root();
        write(
            root.path(),
            "templates/partials/footer.html",
            "<footer>\n  {{ site.title }\n</footer>",
        );
        write(
            root.path(),
            "templates/page.html",
            "{% extends \"base.html\" %}\n{% block content %}{% if x %}{% endblock content %}",
        );
        let diags = Theme::load(root.path()).err().expect("errors");
        assert_eq!(diags.len(), 2, "{diags:#?}");
        for d in &diags {
            assert_eq!(d.code, "template-error");
            assert_eq!(d.help.as_deref(), Some(TEMPLATE_HELP));
        }
        let footer = diags
            .iter()
            .find(|d| {
                d.location.as_ref().unwrap().file == Path::new("templates/partials/footer.html")
            })
            .expect("footer diagnostic");
        let loc = footer.location.as_ref().unwrap();
        assert_eq!(loc.line, 2, "{footer:#?}");
        assert!(loc.column >= 3, "{footer:#?}");
        let page = diags
            .iter()
            .find(|d| d.location.as_ref().unwrap().file == Path::new("templates/page.html"))
            .expect("page diagnostic");
        assert_eq!(page.location.as_ref().unwrap().line, 2, "{page:#?}");
    }

    #[test]
    fn unknown_includes_and_parents_are_reported() {
        let root = empty_root();
        write(
            root.path(),
            "templates/partials/footer.html",
            "<footer>\n{% include \"partials/missing.html\" %}</footer>",
        );
        write(
            root.path(),
            "templates/spec.html",
            "{% extends \"nothere.html\" %}",
        );
        let diags = Theme::load(root.path()).err().expect("errors");
        let files: Vec<_> = diags
            .iter()
            .map(|d| {
                let l = d.location.as_ref().unwrap();
                (l.file.to_string_lossy().into_owned(), l.line)
            })
            .collect();
        assert!(
            files.contains(&("templates/spec.html".to_string(), 1)),
            "{diags:#?}"
        );
        assert!(
            files.contains(&("templates/partials/footer.html".to_string(), 2)),
            "{diags:#?}"
        );
    }

    #[test]
    fn runtime_errors_name_the_template() {
        let root = empty_root();
        write(
            root.path(),
            "templates/partials/footer.html",
            "<footer>\n\n  {{ page.nope.deeper }}</footer>",
        );
        let theme = Theme::load(root.path()).unwrap();
        let d = theme.render(&site("/"), &page("/")).unwrap_err();
        assert_eq!(d.code, "template-error");
        let loc = d.location.as_ref().unwrap();
        assert_eq!(
            loc.file,
            Path::new("templates/partials/footer.html"),
            "{d:#?}"
        );
        assert_eq!(loc.line, 3, "{d:#?}");
        assert_eq!(loc.column, 11, "{d:#?}"); // at `nope`
    }

    #[test]
    fn ui_strings_fall_back_to_the_key() {
        let strings = UiStrings::builtin();
        for key in [
            "nav-handbook",
            "nav-specs",
            "skip-to-content",
            "on-this-page",
            "previous",
            "next",
            "edit-this-page",
            "toggle-theme",
            "menu",
            "not-found-title",
            "not-found-text",
            "not-found-suggestion",
            "back-home",
            "search-placeholder",
        ] {
            assert!(strings.has("en", key), "{key}");
        }
        assert_eq!(strings.get("en", "nope", &[]), "nope");
    }

    #[test]
    fn t_uses_the_page_language_and_arguments() {
        let root = empty_root();
        write(
            root.path(),
            "templates/partials/footer.html",
            "<footer>{{ t(key=\"next\") }}|{{ t(key=\"next\", lang=\"ru\") }}|\
             {{ t(key=\"translated-by-from\", translators=[\"Анна\", \"Борис\"], author=\"Pieter\") }}|\
             {{ t(key=\"i18n-page-count\", count=5) }}|{{ t(key=\"custom\") }}</footer>",
        );
        write(root.path(), "translations/ru/ui.ftl", "custom = Своё <b>\n");
        let mut config = crate::config::Config::with_title("T");
        config.languages.insert(
            "ru".into(),
            crate::config::LanguageConfig {
                name: "Русский".into(),
                dir: None,
            },
        );
        let (ui, diags) = UiStrings::load(root.path(), &config);
        assert!(
            diags.iter().all(|d| d.code == "i18n-missing-string"),
            "{diags:#?}"
        );
        let theme = Theme::load(root.path())
            .unwrap()
            .with_ui(std::sync::Arc::new(ui));
        let mut ru = page("/");
        ru.lang = "ru".into();
        let html = theme.render(&site("/"), &ru).unwrap();
        assert!(
            html.contains("<footer>Далее|Далее|Перевод: Анна, Борис; автор оригинала: Pieter|5 страниц|Своё &lt;b&gt;</footer>"),
            "{html}"
        );
        let html = theme.render(&site("/"), &page("/")).unwrap();
        assert!(
            html.contains("<footer>Next|Далее|Translated by Анна, Борис from the original by Pieter|5 pages|custom</footer>"),
            "{html}"
        );
    }

    #[test]
    fn nav_script_is_json_and_escapes_script_end() {
        let js = nav_script(&nav_items("/rfc/"));
        assert!(js.starts_with("window.charterNav=[{\"kind\":\"chapter\",\"title\":\"Why this book\",\"url\":\"/rfc/book/why/\",\"depth\":0}"));
        assert!(js.ends_with("];\n"));
        assert!(js.contains("Appendix: <\\/script> glossary"));
        assert!(!js.contains("</"));
        assert!(js.contains("{\"kind\":\"separator\",\"title\":\"\",\"url\":null,\"depth\":0}"));
        assert_eq!(js, nav_script(&nav_items("/rfc/")));
    }

    #[test]
    fn assets_are_the_css_and_js() {
        let theme = Theme::load(empty_root().path()).unwrap();
        let paths: Vec<_> = theme.assets().into_iter().map(|a| a.path).collect();
        assert_eq!(paths, ["assets/charter.css", "assets/charter.js"]);
    }

    /// Writes a sample site (pages and assets) to `$CHARTER_THEME_SAMPLE_DIR`
    /// for looking at the theme in a browser; does nothing without it.
    #[test]
    fn write_sample_site() {
        let Some(dir) = std::env::var_os("CHARTER_THEME_SAMPLE_DIR") else {
            return;
        };
        let dir = PathBuf::from(dir);
        let theme = Theme::load(empty_root().path()).unwrap();
        let s = site("/");
        let p = page("/");
        write(&dir, "index.html", &theme.render(&s, &p).unwrap());
        write(
            &dir,
            "book/contracts/index.html",
            &theme.render(&s, &p).unwrap(),
        );
        let mut dark = theme.render(&s, &p).unwrap();
        dark = dark.replacen(
            "<html lang=\"en\" dir=\"ltr\">",
            "<html lang=\"en\" dir=\"ltr\" data-theme=\"dark\">",
            1,
        );
        dark = dark.replace("localStorage.getItem(\"charter-theme\")", "null");
        write(&dir, "dark.html", &dark);
        let mut home = page("/");
        home.kind = "home";
        home.title = s.title.clone();
        home.banners.clear();
        home.content = "<h2 id=\"welcome\">Welcome</h2><p>This site publishes the ZeroMQ community's contracts.</p>".into();
        write(&dir, "home.html", &theme.render(&s, &home).unwrap());
        write(
            &dir,
            "404.html",
            &theme.render(&s, &not_found("/")).unwrap(),
        );
        write(&dir, "assets/nav.js", &nav_script(&nav_items("/")));
        for a in theme.assets() {
            std::fs::write(dir.join(&a.path), &a.bytes).unwrap();
        }
    }
}
