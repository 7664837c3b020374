//! Post-render checks over the HTML that was written: every internal link and
//! `#anchor` must land on a file and an id of this site, inside the base path.
//! Broken links are reported at the source file:line:column of the Markdown
//! link that produced them.

use crate::diagnostics::{Diagnostic, Location};
use crate::links::percent_decode;
use crate::markdown::LinkRecord;
use crate::url::Urls;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::{Path, PathBuf};

/// What one written HTML page holds that the checker needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageScan {
    /// Every `id` (and `<a name>`) in the page.
    pub ids: BTreeSet<String>,
    /// Every `href`/`src` of `a`, `link`, `img`, `script`, `source`, `iframe` in document order.
    pub links: Vec<String>,
}

/// Scans one written HTML page. Cheap enough to run per page in the
/// parallel render ([`crate::html_tags`] reads only the start tags).
/// Attribute values are entity-decoded and trimmed; `srcset` candidates
/// count as links. Never fails: malformed HTML yields what could be read.
pub fn scan(html: &str) -> PageScan {
    let mut out = PageScan::default();
    crate::html_tags::for_each_linking_tag(html, |tag| {
        if let Some(id) = tag.attribute("id") {
            out.ids.insert(decode_entities(id).into_owned());
        }
        let link_attr = if tag.is("a") {
            if let Some(name) = tag.attribute("name") {
                out.ids.insert(decode_entities(name).into_owned());
            }
            Some("href")
        } else if tag.is("link") {
            Some("href")
        } else if ["img", "script", "source", "iframe"]
            .iter()
            .any(|t| tag.is(t))
        {
            Some("src")
        } else {
            None
        };
        if let Some(v) = link_attr.and_then(|attr| tag.attribute(attr)) {
            out.links.push(decode_entities(v.trim()).into_owned());
        }
        if tag.is("img") || tag.is("source") {
            if let Some(srcset) = tag.attribute("srcset") {
                let srcset = decode_entities(srcset);
                for candidate in srcset.split(',') {
                    if let Some(url) = candidate.split_whitespace().next() {
                        out.links.push(url.to_string());
                    }
                }
            }
        }
    });
    out
}

/// Decodes the character references that appear in attribute values
/// (`&amp;`, `&quot;`, `&#39;`, `&#x2F;` …). Unknown references stay as written.
fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|i| i + 1)
            .unwrap_or(rest.len());
        let name = &rest[1..end];
        let has_semi = rest[end..].starts_with(';');
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => name.strip_prefix('#').and_then(|num| {
                let n = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                n.and_then(char::from_u32)
            }),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + usize::from(has_semi)..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// One written page, as the checker sees it.
pub struct CheckedPage<'a> {
    /// Output path relative to the output dir (`book/why/index.html`).
    pub output: &'a str,
    /// The source file (relative to the root) the page's body came from.
    pub source: Option<&'a Path>,
    /// Links of the Markdown body, to locate problems in the source.
    pub links: &'a [LinkRecord],
    pub scan: &'a PageScan,
}

/// What is wrong with one link (independent of where it was written).
struct Problem {
    code: &'static str,
    /// The problem, without naming the link as written.
    what: String,
    help: Option<String>,
    /// Identifies the same problem across pages (for template links).
    key: String,
    /// A published page or file beside the missing one with a close name
    /// (`why/`, `logo.svg`), to name in the help.
    near: Option<String>,
}

/// What the link check checks against: every output path that is
/// written, and the source files that could not be read.
pub struct Targets<'a> {
    /// Every output path that is written (pages, assets, static files).
    pub files: &'a BTreeSet<String>,
    /// Source files (relative to the root) that could not be read, each
    /// already reported: a link to one is not reported again.
    pub unread: &'a BTreeSet<PathBuf>,
    /// The folder the sources were read from, where a broken link's help
    /// looks for the file its author meant (`None`: no such help).
    pub root: Option<&'a Path>,
}

/// Everything `verify` needs about the whole site, indexed once.
struct Site<'a> {
    urls: &'a Urls,
    files: &'a BTreeSet<String>,
    unread: &'a BTreeSet<PathBuf>,
    ids: HashMap<&'a str, &'a BTreeSet<String>>,
    /// The pages' source files, as a link from the source language's tree
    /// names them (`book/01-why.md`, also for a translation's page), each
    /// with its [`page_name`] and lowercase file name. Made when the first
    /// broken link needs it (most builds have none).
    sources: std::sync::OnceLock<Vec<(PathBuf, String, String)>>,
    pages: &'a [CheckedPage<'a>],
    root: Option<&'a Path>,
}

impl Site<'_> {
    /// Whether the Markdown link `record` of the page from `source` names a
    /// source file that could not be read (in its own language's folder or,
    /// from a translation, in the source language's).
    fn leads_to_unread(&self, source: Option<&Path>, record: &LinkRecord) -> bool {
        let Some(dir) = source.and_then(Path::parent) else {
            return false;
        };
        if self.unread.is_empty() || has_scheme(&record.dest) || record.dest.starts_with('/') {
            return false;
        }
        let path = record.dest.split(['#', '?']).next().unwrap_or("");
        let target = crate::links::relative_target(dir, path);
        let untranslated = target
            .strip_prefix("translations")
            .ok()
            .map(|rest| rest.components().skip(1).collect::<PathBuf>());
        self.unread.contains(&target) || untranslated.is_some_and(|t| self.unread.contains(&t))
    }

    /// For a broken link to a Markdown file: the source file its author
    /// most likely meant, written as a link from the same page would be.
    fn near_source(&self, source: Option<&Path>, record: &LinkRecord) -> Option<String> {
        let dir = untranslated(source?).parent()?;
        let path = record.dest.split(['#', '?']).next().unwrap_or("");
        if has_scheme(path) || path.starts_with('/') || !path.to_lowercase().ends_with(".md") {
            return None;
        }
        let target = crate::links::relative_target(dir, path);
        let wanted = page_name(&target);
        let wanted_file = file_name(&target).to_lowercase();
        let scored = self
            .sources
            .get_or_init(|| self.source_names())
            .iter()
            .filter(|(candidate, ..)| *candidate != target)
            .map(|(candidate, name, file)| {
                let mut score = strsim::jaro_winkler(&wanted, name);
                if candidate.parent() == target.parent() {
                    // In the folder meant, the file name itself may be the
                    // typo (`READNE.md`); and between equally close names,
                    // that folder's wins.
                    score = score.max(strsim::jaro_winkler(&wanted_file, file)) + 0.01;
                }
                (score, candidate)
            });
        closest(scored).map(|candidate| relative_link(dir, candidate))
    }

    /// For a broken link to any other file (an image, a download): a file
    /// in the folder named, with a close name (`images/flow.svg` for
    /// `images/flw.svg`). Such a file is published only once a link names
    /// it, so the folder is read from the sources.
    fn near_file(&self, source: Option<&Path>, record: &LinkRecord) -> Option<String> {
        let dir = source?.parent()?;
        let path = record.dest.split(['#', '?']).next().unwrap_or("");
        if has_scheme(path) || path.starts_with('/') || path.ends_with('/') {
            return None;
        }
        let target = crate::links::relative_target(dir, path);
        if target.starts_with("..") {
            return None;
        }
        let wanted = file_name(&target).to_lowercase();
        let folder = self.root?.join(target.parent()?);
        let names = std::fs::read_dir(folder)
            .ok()?
            .flatten()
            // A folder of thousands of files is not worth reading for a hint.
            .take(10_000)
            .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|entry| entry.file_name().into_string().ok())
            .filter(|name| !name.to_lowercase().ends_with(".md"));
        let name =
            closest(names.map(|name| (strsim::jaro_winkler(&wanted, &name.to_lowercase()), name)))?;
        let written = path.rfind('/').map_or("", |slash| &path[..=slash]);
        Some(format!("{written}{}", name.replace(' ', "%20")))
    }

    /// A published page (`why/`) or file (`logo.svg`) in the folder of the
    /// missing `output` (a path in the output folder) with a close name.
    fn near_output(&self, output: &str) -> Option<String> {
        let trimmed = output.strip_suffix("index.html").unwrap_or(output);
        let trimmed = trimmed.trim_end_matches('/');
        let (folder, wanted) = match trimmed.rsplit_once('/') {
            Some((folder, name)) => (format!("{folder}/"), name),
            None => (String::new(), trimmed),
        };
        if wanted.is_empty() {
            return None;
        }
        let wanted = wanted.to_lowercase();
        let scored = self
            .files
            .range(folder.clone()..)
            .take_while(|file| file.starts_with(&folder))
            // A folder of a large site (its pages' own folders below it)
            // is not worth reading whole for a hint.
            .take(10_000)
            .map(|file| &file[folder.len()..])
            .filter_map(|rest| match rest.strip_suffix("/index.html") {
                Some(page) if !page.contains('/') => Some((page, "/")),
                _ if !rest.contains('/') && rest != "index.html" => Some((rest, "")),
                _ => None,
            })
            .map(|(name, slash)| {
                let score = strsim::jaro_winkler(&wanted, &name.to_lowercase());
                (score, (name, slash))
            });
        closest(scored).map(|(name, slash)| format!("{}{slash}", name.replace(' ', "%20")))
    }

    fn source_names(&self) -> Vec<(PathBuf, String, String)> {
        self.pages
            .iter()
            .filter_map(|p| p.source)
            .map(untranslated)
            .collect::<BTreeSet<&Path>>()
            .into_iter()
            .map(|source| {
                let name = page_name(source);
                let file = file_name(source).to_lowercase();
                (source.to_path_buf(), name, file)
            })
            .collect()
    }

    fn exists(&self, output: &str) -> bool {
        self.files.contains(output) || self.ids.contains_key(output)
    }

    /// Checks one href of the page at `page_output`, whose folder URL is `page_dir`.
    fn check(&self, page_output: &str, page_dir: &str, href: &str) -> Option<Problem> {
        let href = href.trim();
        if href.starts_with("//") || has_scheme(href) {
            return None;
        }
        let (before_frag, fragment) = match href.split_once('#') {
            Some((b, f)) => (b, Some(f)),
            None => (href, None),
        };
        let path = before_frag.split('?').next().unwrap_or("");
        let base = self.urls.base_path();

        let target = if path.is_empty() {
            page_output.to_string()
        } else {
            let resolved = if path.starts_with('/') {
                normalize(path)
            } else {
                normalize(&format!("{page_dir}{path}"))
            };
            let Some(output) = self.urls.output_path_of_url(&resolved) else {
                return Some(Problem {
                    code: "link-outside-base",
                    what: format!(
                        "`{}` is outside the site's base path `{base}`",
                        percent_decode(&resolved)
                    ),
                    help: Some(
                        "links in content that start with `/` are resolved against the site \
                         root; write a path within the site"
                            .to_string(),
                    ),
                    key: resolved,
                    near: None,
                });
            };
            let output = percent_decode(&output).into_owned();
            if self.exists(&output) {
                output
            } else {
                let dir_index = format!("{}/index.html", output.trim_end_matches('/'));
                if !output.ends_with("index.html") && self.exists(&dir_index) {
                    dir_index
                } else {
                    let url = percent_decode(&resolved).into_owned();
                    let near = self.near_output(&output);
                    let help = match &near {
                        Some(name) => format!("did you mean `{}`?", with_last_segment(&url, name)),
                        None => "check the path: relative links resolve against the source \
                                 file, links that start with `/` against the site root"
                            .to_string(),
                    };
                    return Some(Problem {
                        code: "broken-link",
                        what: format!("nothing is published at `{url}`"),
                        help: Some(help),
                        key: url,
                        near,
                    });
                }
            }
        };

        let fragment = fragment.filter(|f| !f.is_empty() && *f != "top")?;
        if !target.ends_with(".html") {
            return None;
        }
        // A page that was not scanned (e.g. a static HTML file): ids unknown.
        let ids = self.ids.get(target.as_str())?;
        let decoded = percent_decode(fragment);
        if ids.contains(fragment) || ids.contains(decoded.as_ref()) {
            return None;
        }
        let shown = display_page(&target);
        Some(Problem {
            code: "broken-anchor",
            what: format!("`#{decoded}` is not an anchor in {shown}"),
            help: Some(anchor_help(&decoded, ids, &shown)),
            key: format!("{target}#{decoded}"),
            near: None,
        })
    }
}

/// Verifies every internal link of every page against `targets`.
///
/// Problems of links in the Markdown body are reported at the link in the
/// source; problems of links that come from a template are reported once per
/// distinct problem, at the source file of the first page that has it.
pub fn verify(pages: &[CheckedPage<'_>], targets: &Targets<'_>, urls: &Urls) -> Vec<Diagnostic> {
    verify_some(pages, &|_| true, targets, urls)
}

/// Like `verify`, but checks only the pages `wanted` accepts; the others
/// still count as link targets (their files and anchors).
pub fn verify_some(
    pages: &[CheckedPage<'_>],
    wanted: &(dyn Fn(&CheckedPage<'_>) -> bool + Sync),
    targets: &Targets<'_>,
    urls: &Urls,
) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let site = Site {
        urls,
        files: targets.files,
        unread: targets.unread,
        ids: pages.iter().map(|p| (p.output, &p.scan.ids)).collect(),
        sources: std::sync::OnceLock::new(),
        pages,
        root: targets.root,
    };
    let per_page: Vec<PageFindings> = pages
        .par_iter()
        .filter(|p| wanted(p))
        .map(|p| check_page(&site, p))
        .collect();

    let mut diags = Vec::new();
    // Template problems by (code, key): the first page's diagnostic and how many pages have it.
    let mut template: BTreeMap<(&'static str, String), (Diagnostic, usize)> = BTreeMap::new();
    for findings in per_page {
        diags.extend(findings.located);
        for (key, d) in findings.template {
            template.entry(key).or_insert((d, 0)).1 += 1;
        }
    }
    for (_, (mut d, count)) in template {
        if count > 1 {
            d.message.push_str(&format!(
                " (and {} other page{})",
                count - 1,
                if count == 2 { "" } else { "s" }
            ));
        }
        diags.push(d);
    }
    diags
}

/// The problems of one page: those located in its Markdown, and those of
/// template links (each distinct problem once).
#[derive(Default)]
struct PageFindings {
    located: Vec<Diagnostic>,
    template: BTreeMap<(&'static str, String), Diagnostic>,
}

fn check_page(site: &Site<'_>, page: &CheckedPage<'_>) -> PageFindings {
    let mut findings = PageFindings::default();
    // Built on the first problem of a page: its Markdown links by href, in order.
    let mut records: Option<HashMap<String, VecDeque<&LinkRecord>>> = None;
    let url = page_url(site.urls.base_path(), page.output);
    let dir = dir_of(&url);
    for href in &page.scan.links {
        let Some(problem) = site.check(page.output, dir, href) else {
            continue;
        };
        let records = records.get_or_insert_with(|| {
            let mut map: HashMap<String, VecDeque<&LinkRecord>> = HashMap::new();
            for r in page.links {
                // `scan` trims values, and the HTML writer percent-encodes
                // what Markdown left raw (`S->R` → `S-%3ER`): compare decoded.
                map.entry(percent_decode(r.href.trim()).into_owned())
                    .or_default()
                    .push_back(r);
            }
            map
        });
        match records
            .get_mut(percent_decode(href).as_ref())
            .and_then(|q| q.pop_front())
        {
            Some(r) if problem.code == "broken-link" && site.leads_to_unread(page.source, r) => {}
            Some(r) => {
                let mut d =
                    Diagnostic::error(problem.code, format!("link `{}`: {}", r.dest, problem.what));
                if let Some(source) = page.source {
                    d = d.at(Location::new(source, r.line, r.column));
                }
                let near = (problem.code == "broken-link")
                    .then(|| {
                        site.near_source(page.source, r)
                            .or_else(|| site.near_file(page.source, r))
                            .or_else(|| {
                                let path = r.dest.split(['#', '?']).next().unwrap_or("");
                                Some(with_last_segment(path, problem.near.as_deref()?))
                            })
                    })
                    .flatten();
                if let Some(near) = near {
                    d = d.help(format!("did you mean `{near}`?"));
                } else if let Some(help) = problem.help {
                    d = d.help(help);
                }
                findings.located.push(d);
            }
            None => {
                findings
                    .template
                    .entry((problem.code, problem.key))
                    .or_insert_with(|| {
                        let mut d = Diagnostic::error(
                            problem.code,
                            format!(
                                "link `{href}` in the page template of {}: {}",
                                display_page(page.output),
                                problem.what
                            ),
                        );
                        if let Some(source) = page.source {
                            d = d.at(Location::file(source));
                        }
                        let hint = "the link is not in the page's Markdown: check the \
                                    template overrides in templates/";
                        d.help(match problem.help {
                            Some(h) => format!("{hint}; {h}"),
                            None => hint.to_string(),
                        })
                    });
            }
        }
    }
    findings
}

/// `true` for `http:`, `mailto:`, `data:`, `javascript:` … (any URL scheme).
fn has_scheme(href: &str) -> bool {
    let mut chars = href.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    for c in chars {
        match c {
            ':' => return true,
            c if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => {}
            _ => return false,
        }
    }
    false
}

/// The URL of the page written at `output`: `/rfc/` + `book/why/index.html` → `/rfc/book/why/`.
fn page_url(base: &str, output: &str) -> String {
    let rel = output.strip_suffix("index.html").unwrap_or(output);
    format!("{base}{}", rel.trim_start_matches('/'))
}

/// The folder of a URL, with its trailing slash.
fn dir_of(url: &str) -> &str {
    match url.rfind('/') {
        Some(i) => &url[..=i],
        None => "/",
    }
}

/// How a page is named in messages: its site-relative URL (`book/why/`), or
/// `the home page`.
fn display_page(output: &str) -> String {
    let rel = output.strip_suffix("index.html").unwrap_or(output);
    if rel.is_empty() {
        "the home page".to_string()
    } else {
        rel.to_string()
    }
}

/// Resolves `.` and `..` segments of an absolute path; `..` never climbs above `/`.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    let mut trailing = false;
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "" if i != last => {}
            "" => trailing = true,
            "." => trailing = i == last,
            ".." => {
                parts.pop();
                trailing = i == last;
            }
            s => {
                parts.push(s);
                trailing = false;
            }
        }
    }
    let mut out = String::with_capacity(path.len() + 1);
    for p in &parts {
        out.push('/');
        out.push_str(p);
    }
    if trailing || parts.is_empty() {
        out.push('/');
    }
    out
}

/// A translation's source path as the source language's tree has it
/// (`translations/ru/book/01-why.md` → `book/01-why.md`).
fn untranslated(path: &Path) -> &Path {
    match path.strip_prefix("translations") {
        Ok(rest) => {
            let mut parts = rest.components();
            parts.next();
            parts.as_path()
        }
        Err(_) => path,
    }
}

/// What a page's file is called, for comparing names: lowercase, without
/// `.md` or the order number (`02-How.md` → `how`); a `README.md` or
/// `index.md` by its folder.
fn page_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let stem = if stem.eq_ignore_ascii_case("readme") || stem.eq_ignore_ascii_case("index") {
        path.parent()
            .and_then(Path::file_name)
            .map(|s| s.to_string_lossy())
            .unwrap_or(stem)
    } else {
        stem
    };
    let unnumbered = stem.trim_start_matches(|c: char| c.is_ascii_digit());
    let unnumbered = match unnumbered.strip_prefix(['-', '_']) {
        Some(rest) if unnumbered.len() < stem.len() && !rest.is_empty() => rest,
        _ => &stem,
    };
    unnumbered.to_lowercase()
}

/// The best of scored candidates, if it is close enough to suggest; the
/// first in order among equals, so hints do not change between runs.
fn closest<T: Ord>(scored: impl Iterator<Item = (f64, T)>) -> Option<T> {
    scored
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, best)| best)
}

/// `link` with its last segment replaced by `name` (`/book/whyy/`, `why/`
/// → `/book/why/`).
fn with_last_segment(link: &str, name: &str) -> String {
    let trimmed = link.trim_end_matches('/');
    let folder = trimmed.rfind('/').map_or("", |slash| &trimmed[..=slash]);
    format!("{folder}{name}")
}

fn file_name(path: &Path) -> Cow<'_, str> {
    path.file_name().unwrap_or_default().to_string_lossy()
}

/// `to` as a relative link from a page in the folder `from` (both relative
/// to the root): `02-how.md`, `../specs/42/README.md`.
fn relative_link(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to_parts: Vec<_> = to.components().collect();
    let shared = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - shared];
    parts.extend(
        to_parts[shared..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// The help of a broken anchor: close ids, else some ids of the page.
fn anchor_help(fragment: &str, ids: &BTreeSet<String>, page: &str) -> String {
    if ids.is_empty() {
        return format!("{page} has no anchors");
    }
    let wanted = fragment.to_lowercase();
    let mut close: Vec<(f64, &str)> = ids
        .iter()
        .map(|id| {
            let lower = id.to_lowercase();
            let mut score = strsim::jaro_winkler(&wanted, &lower);
            if !wanted.is_empty() && (lower.contains(&wanted) || wanted.contains(&lower)) {
                score = score.max(0.9);
            }
            (score, id.as_str())
        })
        .filter(|(score, _)| *score >= 0.8)
        .collect();
    close.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let list = |ids: &mut dyn Iterator<Item = &str>| {
        ids.take(5)
            .map(|id| format!("`#{id}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if close.is_empty() {
        format!(
            "anchors in {page} include {}",
            list(&mut ids.iter().map(String::as_str))
        )
    } else {
        format!("did you mean {}?", list(&mut close.iter().map(|c| c.1)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The elements whose ids and links `scan` collects.
    const SCAN_SELECTOR: &str = "[id], a[name], a[href], link[href], img[src], img[srcset], \
         script[src], source[src], source[srcset], iframe[src]";

    fn scan_selector() -> &'static lol_html::Selector {
        static SELECTOR: std::sync::OnceLock<lol_html::Selector> = std::sync::OnceLock::new();
        SELECTOR.get_or_init(|| SCAN_SELECTOR.parse().expect("the scan selector is valid"))
    }

    /// The scan as lol_html (a full HTML5 tokenizer) reads the page: what
    /// [`scan`] must agree with.
    fn scan_with_lol_html(html: &str) -> PageScan {
        let mut out = PageScan::default();
        {
            let handler = lol_html::ElementContentHandlers::default().element(
                |el: &mut lol_html::html_content::Element<'_, '_>| {
                    if let Some(id) = el.get_attribute("id") {
                        out.ids.insert(decode_entities(&id).into_owned());
                    }
                    let tag = el.tag_name();
                    let link_attr = match tag.as_str() {
                        "a" => {
                            if let Some(name) = el.get_attribute("name") {
                                out.ids.insert(decode_entities(&name).into_owned());
                            }
                            Some("href")
                        }
                        "link" => Some("href"),
                        "img" | "script" | "source" | "iframe" => Some("src"),
                        _ => None,
                    };
                    if let Some(attr) = link_attr {
                        if let Some(v) = el.get_attribute(attr) {
                            out.links.push(decode_entities(v.trim()).into_owned());
                        }
                    }
                    if tag == "img" || tag == "source" {
                        if let Some(srcset) = el.get_attribute("srcset") {
                            let srcset = decode_entities(&srcset);
                            for candidate in srcset.split(',') {
                                if let Some(url) = candidate.split_whitespace().next() {
                                    out.links.push(url.to_string());
                                }
                            }
                        }
                    }
                    Ok(())
                },
            );
            let settings = lol_html::Settings::new()
                .append_element_content_handler((Cow::Borrowed(scan_selector()), handler))
                .with_strict(false);
            let mut rewriter = lol_html::HtmlRewriter::new(settings, |_: &[u8]| {});
            // Errors (e.g. memory limits) leave what was collected so far.
            if rewriter.write(html.as_bytes()).is_ok() {
                let _ = rewriter.end();
            }
        }
        out
    }

    /// Pieces of HTML that take a tokenizer through its states: tags
    /// with every form of attribute, comments, raw text, foreign content,
    /// stray `<`, entities, and tags cut off where a piece ends. SVG and
    /// MathML come whole: after `<svg/>`, after HTML inside SVG's `<title>`
    /// and after `<p>` inside nested SVG and MathML, lol_html stays in SVG
    /// where HTML5 and browsers leave it; `html_tags` follows HTML5 (its
    /// own tests cover these).
    const HTML_PIECES: &[&str] = &[
        "<a href=\"/x/#y\">",
        "<a href='/q?a=1&amp;b=2'>",
        "<a href=/u id=v>",
        "<A HREF=\"/C\" NAME=n>",
        "<a name=\"&quot;q\" href>",
        "<a href=\" /sp \">",
        "<img src=i.png srcset=\"a.png 1x, b.png 2x\">",
        "<source srcset='s.webp'>",
        "<script src=\"/s.js\"></script>",
        "<link rel=x href=\"/l.css\">",
        "<iframe src=/f></iframe>",
        "<p id=p1>",
        "<h2 id=\"h&#39;2\" class=k>",
        "<div id=\"\">",
        "<span id=a id=b>",
        "<x-y id=z data-q=\"<a id=no>\">",
        "<a/href=/slash>",
        "<b =eq id=e>",
        "<a href=\"unterminated",
        "<a href='x' id",
        "<!-- <a id=c1> -->",
        "<!-->",
        "<!--->",
        "<!-- x --!>",
        "<!---->",
        "<!-- open",
        "<!doctype html>",
        "<?pi <a id=pi>?>",
        "</p>",
        "</a href=\"<a id=et>\">",
        "</>",
        "</ x>",
        "</",
        "<",
        " < ",
        "a<b",
        "<3",
        "text &amp; more",
        "<script>if (a<b) { s = '<a id=sc>' }</script>",
        "<script>x</SCRIPT >",
        "<style>a<b{}</style>",
        "<textarea><a id=ta></textarea>",
        "<title><a id=ti></title>",
        "<xmp><a id=xm></xmp>",
        "<noscript><a id=ns></noscript>",
        "<template><a id=tp></template>",
        "<svg><rect id=r/></svg>",
        "<math><mi id=m>x</mi></math>",
        "<![CDATA[ <a id=cd> ]]>",
        "<svg><![CDATA[ <a id=cd2> ]]></svg>",
        "<svg><title>t</title><a href=/sa id=sa></a></svg>",
        "<svg><style><a id=ss></style></svg>",
        "<pre class=\"code\"><code><span class=\"hl-k\">fn</span></code></pre>",
        "<span class=\"hl-a hl-b\">",
        "</span>",
        "<span class=\"c\" id=sp>",
        "<span class=\"q>r\"><a id=after>",
        "<span class=\"e\"/>",
        "<span class=\"open",
        "<span class=\"",
        "<SPAN class=\"u\" ID=up>",
        "\n",
        "\t",
        "<br/>",
        "<input value=\"a>b\" id=in>",
        "<p\nid=nl>",
        "<iframe><a id=if></iframe>",
    ];

    fn random_html(seed: u64) -> String {
        let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut next = || {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            state.wrapping_mul(0x2545_F491_4F6C_DD1D)
        };
        let count = 1 + next() % 24;
        (0..count)
            .map(|_| HTML_PIECES[(next() % HTML_PIECES.len() as u64) as usize])
            .collect()
    }

    #[test]
    fn scan_reads_random_html_as_lol_html_does() {
        for seed in 1..=20000 {
            let html = random_html(seed);
            assert_eq!(
                scan(&html),
                scan_with_lol_html(&html),
                "seed {seed}: {html}"
            );
        }
    }

    #[test]
    fn scan_reads_the_example_sites_pages_as_lol_html_does() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site");
        let mut opts = crate::build::BuildOptions::new(root);
        opts.target = crate::build::Target::Memory;
        let files = crate::build::build(&opts).memory.expect("a memory build");
        let mut pages = 0;
        for (path, bytes) in &files {
            if path.ends_with(".html") {
                let html = String::from_utf8_lossy(bytes);
                assert_eq!(scan(&html), scan_with_lol_html(&html), "{path}");
                pages += 1;
            }
        }
        assert!(pages > 40, "{pages} pages");
    }

    fn record(dest: &str, href: &str, line: usize, column: usize) -> LinkRecord {
        LinkRecord {
            dest: dest.into(),
            href: href.into(),
            is_image: false,
            line,
            column,
            auto: false,
            raw: false,
        }
    }

    /// Targets of `files`, with every source read.
    fn against(files: &BTreeSet<String>) -> Targets<'_> {
        static NONE_UNREAD: BTreeSet<PathBuf> = BTreeSet::new();
        Targets {
            files,
            unread: &NONE_UNREAD,
            root: None,
        }
    }

    fn files(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    /// A site under `/rfc/` with a home, a chapter `why` (ids `scope-and-goals`,
    /// `history`) and an image; `page_html` is the page at `book/how/index.html`.
    fn run(page_html: &str, links: &[LinkRecord]) -> Vec<Diagnostic> {
        let urls = Urls::new(Some("https://example.org/rfc/"));
        let why = scan(r#"<h2 id="scope-and-goals">S</h2><h2 id="history">H</h2>"#);
        let home = scan("<p>home</p>");
        let how = scan(page_html);
        let pages = [
            CheckedPage {
                output: "index.html",
                source: Some(Path::new("index.md")),
                links: &[],
                scan: &home,
            },
            CheckedPage {
                output: "book/why/index.html",
                source: Some(Path::new("book/01-why.md")),
                links: &[],
                scan: &why,
            },
            CheckedPage {
                output: "book/how/index.html",
                source: Some(Path::new("book/02-how.md")),
                links,
                scan: &how,
            },
        ];
        let files = files(&[
            "index.html",
            "book/why/index.html",
            "book/how/index.html",
            "book/images/a b.png",
            "assets/charter.css",
        ]);
        verify(&pages, &against(&files), &urls)
    }

    #[test]
    fn scan_collects_ids_and_links_in_order() {
        let s = scan(
            r##"<!doctype html><html><head><link rel="stylesheet" href="/rfc/assets/charter.css">
            <script src="/rfc/assets/x.js"></script></head><body>
            <h1 id="top-title">T</h1><a name="old">x</a>
            <a href="../why/?a=1&amp;b=2#x">w</a><img src="i.png" srcset="i.png 1x, i@2x.png 2x">
            <p id="a&amp;b"><iframe src="f.html"></iframe><video><source src="v.mp4"></video>
            <a>no href</a><div id=unquoted>"##,
        );
        assert_eq!(
            s.links,
            [
                "/rfc/assets/charter.css",
                "/rfc/assets/x.js",
                "../why/?a=1&b=2#x",
                "i.png",
                "i.png",
                "i@2x.png",
                "f.html",
                "v.mp4",
            ]
        );
        assert_eq!(s.ids, files(&["top-title", "old", "a&b", "unquoted"]));
    }

    #[test]
    fn scan_never_panics_on_garbage() {
        for html in [
            "",
            "<",
            "<a href=",
            "<a href='x",
            "<<<>>><a id=\"\" href=\"\">",
            "<svg><a href=\"#x\"/></svg><math><p id=x></math>",
            "<script>document.write('<a href=\"x\">')</script>",
            "\u{0}\u{feff}<a href=\"&#xFFFFFFFF;&#0;&;&#;&#x;\">",
        ] {
            let _ = scan(html);
        }
        assert_eq!(scan("<a href=\"&#xFFFFFFFF;x\">").links, ["&#xFFFFFFFF;x"]);
    }

    #[test]
    fn good_links_pass() {
        let html = r##"<a href="../why/">rel</a><a href="/rfc/book/why/#history">abs</a>
            <a href="/book/why/">site root without base</a>
            <a href="#top">top</a><a href="">self</a><a href="?x=1">q</a>
            <a href="https://example.org/x">ext</a><a href="//cdn/x">pr</a>
            <a href="mailto:a@b">m</a><a href="data:text/plain,x">d</a>
            <a href="javascript:void(0)">j</a><a href="tel:+1">t</a>
            <a href="../why#scope-and-goals">dir without slash</a>
            <a href="../images/a%20b.png">space</a><a href="/rfc">base</a>
            <a href="../../">home</a><a href="./">self dir</a>
            <img src="../../assets/charter.css"><h2 id="here">x</h2><a href="#here">h</a>"##;
        let d = run(html, &[]);
        // `/book/why/` is outside `/rfc/`: the only problem.
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].code, "link-outside-base");
    }

    #[test]
    fn broken_link_located_at_markdown_source() {
        let d = run(
            r#"<p><a href="../whyy/">x</a></p>"#,
            &[record("01-whyy.md", "../whyy/", 7, 12)],
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "broken-link");
        assert_eq!(
            d[0].message,
            "link `01-whyy.md`: nothing is published at `/rfc/book/whyy/`"
        );
        assert_eq!(d[0].location, Some(Location::new("book/02-how.md", 7, 12)));
        assert_eq!(d[0].help.as_deref(), Some("did you mean `01-why.md`?"));
    }

    #[test]
    fn a_broken_link_to_a_file_named_like_none_gets_the_general_help() {
        let d = run(
            r#"<p><a href="../missing/">x</a></p>"#,
            &[record("02-missing.md", "../missing/", 3, 1)],
        );
        assert_eq!(d.len(), 1, "{d:#?}");
        assert!(
            d[0].help
                .as_deref()
                .unwrap_or("")
                .starts_with("check the path"),
            "{d:#?}"
        );
    }

    #[test]
    fn a_broken_link_to_a_page_or_file_url_suggests_the_one_beside_it() {
        let d = run(
            r#"<a href="/rfc/book/whyy/">x</a><a href="/rfc/assets/charter.cs">y</a>"#,
            &[record("/book/whyy/", "/rfc/book/whyy/", 3, 1)],
        );
        assert_eq!(d.len(), 2, "{d:#?}");
        assert_eq!(d[0].help.as_deref(), Some("did you mean `/book/why/`?"));
        // A template's link (no Markdown record): the URL as written.
        let help = d[1].help.as_deref().unwrap_or("");
        assert!(
            help.ends_with("; did you mean `/rfc/assets/charter.css`?"),
            "{help}"
        );
        assert_eq!(with_last_segment("/a/b", "c.svg"), "/a/c.svg");
        assert_eq!(with_last_segment("b/", "why/"), "why/");
    }

    #[test]
    fn near_names_ignore_order_numbers_case_and_readme_files() {
        assert_eq!(page_name(Path::new("book/02-How.md")), "how");
        assert_eq!(page_name(Path::new("book/2024.md")), "2024");
        assert_eq!(page_name(Path::new("book/01-.md")), "01-");
        assert_eq!(page_name(Path::new("specs/42/README.md")), "42");
        assert_eq!(
            relative_link(Path::new("book"), Path::new("book/01-why.md")),
            "01-why.md"
        );
        assert_eq!(
            relative_link(Path::new("book/part"), Path::new("specs/42/README.md")),
            "../../specs/42/README.md"
        );
        assert_eq!(
            relative_link(Path::new(""), Path::new("book/a.md")),
            "book/a.md"
        );
        assert_eq!(
            untranslated(Path::new("translations/ru/book/01-why.md")),
            Path::new("book/01-why.md")
        );
        assert_eq!(
            untranslated(Path::new("book/01-why.md")),
            Path::new("book/01-why.md")
        );
    }

    #[test]
    fn broken_anchor_with_suggestions() {
        let d = run(
            r##"<a href="../why/#scope">x</a><a href="/rfc/book/why/#history">ok</a>"##,
            &[record("01-why.md#scope", "../why/#scope", 3, 1)],
        );
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].code, "broken-anchor");
        assert_eq!(
            d[0].message,
            "link `01-why.md#scope`: `#scope` is not an anchor in book/why/"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("did you mean `#scope-and-goals`?")
        );
        assert_eq!(d[0].location, Some(Location::new("book/02-how.md", 3, 1)));

        let d = run(r##"<a href="#nowhere-near">x</a><b id="q">"##, &[]);
        assert_eq!(d[0].code, "broken-anchor");
        assert_eq!(d[0].help.as_deref().unwrap(), "the link is not in the page's Markdown: check the template overrides in templates/; anchors in book/how/ include `#q`");
    }

    #[test]
    fn anchor_ok_including_percent_encoded() {
        let urls = Urls::new(None);
        let p = scan(r##"<h2 id="été">x</h2><a href="#%C3%A9t%C3%A9">a</a><a href="#été">b</a>"##);
        let pages = [CheckedPage {
            output: "index.html",
            source: None,
            links: &[],
            scan: &p,
        }];
        assert!(verify(&pages, &against(&files(&["index.html"])), &urls).is_empty());
    }

    #[test]
    fn link_outside_base() {
        let d = run(
            r#"<a href="/other/x">x</a><a href="../../../up">y</a>"#,
            &[
                record("/other/x", "/other/x", 2, 3),
                record("../../../up", "../../../up", 4, 1),
            ],
        );
        assert_eq!(d.len(), 2, "{d:#?}");
        assert!(d.iter().all(|d| d.code == "link-outside-base"));
        assert_eq!(
            d[0].message,
            "link `/other/x`: `/other/x` is outside the site's base path `/rfc/`"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("links in content that start with `/` are resolved against the site root; write a path within the site")
        );
        assert_eq!(
            d[1].message,
            "link `../../../up`: `/up` is outside the site's base path `/rfc/`"
        );
    }

    #[test]
    fn template_link_without_record_is_reported_once() {
        let urls = Urls::new(Some("/rfc/"));
        let nav =
            scan(r#"<nav><a href="/rfc/missing/">m</a><a href="/rfc/missing/">again</a></nav>"#);
        let pages: Vec<CheckedPage<'_>> = ["a/index.html", "b/index.html", "c/index.html"]
            .iter()
            .zip(["a.md", "b.md", "c.md"])
            .map(|(o, s)| CheckedPage {
                output: o,
                source: Some(Path::new(s)),
                links: &[],
                scan: &nav,
            })
            .collect();
        let all = files(&["a/index.html", "b/index.html", "c/index.html"]);
        let d = verify(&pages, &against(&all), &urls);
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].code, "broken-link");
        assert_eq!(
            d[0].message,
            "link `/rfc/missing/` in the page template of a/: nothing is published at `/rfc/missing/` (and 2 other pages)"
        );
        assert_eq!(d[0].location, Some(Location::file("a.md")));
        assert!(d[0].help.as_deref().unwrap().contains("templates/"));
    }

    #[test]
    fn repeated_hrefs_map_to_successive_records() {
        let d = run(
            r#"<a href="nope/">1</a><p><a href="nope/">2</a><a href="nope/">3 (template)</a>"#,
            &[
                record("nope.md", "nope/", 1, 1),
                record("./nope.md", "nope/", 5, 9),
            ],
        );
        assert_eq!(d.len(), 3, "{d:#?}");
        assert_eq!(d[0].location, Some(Location::new("book/02-how.md", 1, 1)));
        assert!(d[0].message.starts_with("link `nope.md`"));
        assert_eq!(d[1].location, Some(Location::new("book/02-how.md", 5, 9)));
        assert!(d[1].message.starts_with("link `./nope.md`"));
        assert_eq!(d[2].location, Some(Location::file("book/02-how.md")));
        assert!(d[2].message.contains("page template"));
    }

    #[test]
    fn directory_link_without_slash_and_percent_encoded_path() {
        let d = run(
            r#"<a href="../why">a</a><a href="/rfc/book/images/a%20b.png">b</a><a href="../images/a b.png">c</a><a href="../images/a%2">bad</a>"#,
            &[],
        );
        assert_eq!(d.len(), 1, "{d:#?}");
        assert!(
            d[0].message.contains("`/rfc/book/images/a%2`"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn verify_never_panics_on_weird_hrefs() {
        let html = r##"<a href="%">1</a><a href="%%%">2</a><a href="%zz">3</a><a href="%E2%82">4</a>
            <a href="#">5</a><a href="?">6</a><a href="..">7</a><a href="../../../../..">8</a>
            <a href="/">9</a><a href="///x">10</a><a href=":x">11</a><a href="a:b:c">12</a>
            <a href="  ">13</a><a href="\x">14</a><a href="é/ü">15</a><a href="#%">16</a>"##;
        let _ = run(html, &[record("", "", 1, 1)]);
        let urls = Urls::new(None);
        let s = scan(html);
        let pages = [CheckedPage {
            output: "",
            source: None,
            links: &[],
            scan: &s,
        }];
        let _ = verify(&pages, &against(&BTreeSet::new()), &urls);
    }

    #[test]
    fn helpers() {
        assert!(has_scheme("http://x") && has_scheme("mailto:a") && has_scheme("c++:x"));
        assert!(!has_scheme("a/b:c") && !has_scheme("1x:y") && !has_scheme("x#a:b"));
        assert_eq!(normalize("/rfc/book/why/../how/"), "/rfc/book/how/");
        assert_eq!(normalize("/a/./b/.."), "/a/");
        assert_eq!(normalize("/../../x"), "/x");
        assert_eq!(normalize("/a//b"), "/a/b");
        assert_eq!(page_url("/rfc/", "book/why/index.html"), "/rfc/book/why/");
        assert_eq!(page_url("/", "404.html"), "/404.html");
        assert_eq!(percent_decode("a%20b%zz%"), "a b%zz%");
        assert_eq!(percent_decode("%C3%A9"), "é");
        assert_eq!(
            decode_entities("a&amp;b&#39;&#x41;&bogus;&"),
            "a&b'A&bogus;&"
        );
    }
}
