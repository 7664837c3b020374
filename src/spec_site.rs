//! What specs add to a built site: the header block and banners of spec
//! pages, the registry groups, "referenced by" backlinks and the
//! stable-references rule, reference links that carry their target's
//! status, the `/spec/N/NAME/` redirects, and `specs.json`,
//! `requirements.json` and the `specs.xml` Atom feed.

use crate::diagnostics::{Diagnostic, Location};
use crate::html::escape;
use crate::links::SiteLinks;
use crate::markdown::{LinkRecord, Requirement};
use crate::specs::{Person, Spec, SpecIndex, Status};
use crate::theme::{Banner, Link, RegistryGroup, SpecContext, SpecLink};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// Spec URLs (without fragment) to spec numbers, for recognising references.
pub struct SpecUrls {
    by_url: HashMap<String, u32>,
}

impl SpecUrls {
    pub fn new(index: &SpecIndex, links: &SiteLinks) -> Self {
        SpecUrls {
            by_url: index
                .specs
                .keys()
                .map(|&n| (links.spec_url(n), n))
                .collect(),
        }
    }

    /// The spec an href points at, if any.
    pub fn number(&self, href: &str) -> Option<u32> {
        let path = href.split('#').next().unwrap_or(href);
        self.by_url.get(path).copied()
    }
}

/// A page that links to specs: where its links are and what it is.
pub struct Referrer<'a> {
    pub source: &'a Path,
    pub title: &'a str,
    pub url: &'a str,
    /// The spec the page is, if it is one.
    pub spec: Option<u32>,
    pub links: &'a [LinkRecord],
}

/// "Referenced by" lists, by spec number, in page order. Also warns where a
/// stable spec leans on a raw, retired or deleted one (`spec-refs-unstable`).
pub fn backlinks(
    index: &SpecIndex,
    urls: &SpecUrls,
    pages: &[Referrer<'_>],
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<u32, Vec<Link>> {
    let mut lists: BTreeMap<u32, Vec<Link>> = BTreeMap::new();
    for page in pages {
        let mut seen = BTreeSet::new();
        let from = page.spec.and_then(|n| index.get(n));
        for link in page.links {
            let Some(target) = urls.number(&link.href) else {
                continue;
            };
            if Some(target) == page.spec {
                continue;
            }
            if let (Some(from), Some(to)) = (from, index.get(target)) {
                if from.status == Status::Stable && to.status.is_unfit_reference() {
                    diags.push(
                        Diagnostic::warning(
                            "spec-refs-unstable",
                            format!("stable spec {} references {} spec {}", from.shortname, to.status.name(), to.shortname),
                        )
                        .at(Location::new(page.source, link.line, link.column))
                        .help("a stable spec should rest on stable ones: cite a stable successor, or explain why this reference is needed"),
                    );
                }
            }
            if seen.insert(target) {
                lists.entry(target).or_default().push(Link {
                    title: page.title.to_string(),
                    url: page.url.to_string(),
                });
            }
        }
    }
    lists
}

pub fn spec_link(spec: &Spec, links: &SiteLinks) -> SpecLink {
    SpecLink {
        number: spec.number,
        shortname: spec.shortname.clone(),
        name: spec.name.clone(),
        status: spec.status.name(),
        url: links.spec_url(spec.number),
        editors: spec.editors.clone(),
        editor_people: Person::all(&spec.editors),
    }
}

fn spec_links(numbers: &[u32], index: &SpecIndex, links: &SiteLinks) -> Vec<SpecLink> {
    numbers
        .iter()
        .filter_map(|n| index.get(*n))
        .map(|s| spec_link(s, links))
        .collect()
}

/// The header block of a spec page.
pub fn context(
    spec: &Spec,
    index: &SpecIndex,
    links: &SiteLinks,
    backlinks: &BTreeMap<u32, Vec<Link>>,
) -> SpecContext {
    SpecContext {
        number: spec.number,
        shortname: spec.shortname.clone(),
        name: spec.name.clone(),
        status: spec.status.name(),
        editors: spec.editors.clone(),
        contributors: spec.contributors.clone(),
        editor_people: Person::all(&spec.editors),
        contributor_people: Person::all(&spec.contributors),
        license: spec.license.clone(),
        domain: spec.domain.clone(),
        obsoletes: spec_links(&spec.obsoletes, index, links),
        obsoleted_by: spec_links(&spec.obsoleted_by, index, links),
        referenced_by: backlinks.get(&spec.number).cloned().unwrap_or_default(),
    }
}

/// Banners of a spec page: deprecated and retired specs name their
/// successors; draft and raw specs warn that they may change.
pub fn banners(spec: &Spec, index: &SpecIndex, links: &SiteLinks) -> Vec<Banner> {
    let successors: Vec<String> = spec
        .obsoleted_by
        .iter()
        .filter_map(|n| index.get(*n))
        .map(|s| {
            format!(
                "<a href=\"{}\" data-spec-status=\"{status}\" title=\"{short} — {name} ({status})\">{short}</a> ({name})",
                escape(&links.spec_url(s.number)),
                status = s.status.name(),
                short = escape(&s.shortname),
                name = escape(&s.name),
            )
        })
        .collect();
    let (kind, text) = match spec.status {
        Status::Deprecated | Status::Retired => {
            let kind = if spec.status == Status::Deprecated { "deprecated" } else { "retired" };
            let mut text = format!("<strong>This specification is {kind}.</strong>");
            if !successors.is_empty() {
                text.push_str(&format!(" It is replaced by {}.", successors.join(", ")));
            }
            (kind, text)
        }
        Status::Draft | Status::Raw => (
            "draft",
            format!("<strong>This is a {} specification.</strong> It may change before it becomes stable.", spec.status.name()),
        ),
        Status::Stable | Status::Deleted => return Vec::new(),
    };
    vec![Banner { kind, html: text }]
}

/// The registry's groups, in registry order.
pub fn registry(index: &SpecIndex, links: &SiteLinks) -> Vec<RegistryGroup> {
    index
        .groups()
        .into_iter()
        .map(|(status, specs)| RegistryGroup {
            status: status.name(),
            specs: specs.into_iter().map(|s| spec_link(s, links)).collect(),
        })
        .collect()
}

/// Adds the target's shortname, name and status to every link to a spec
/// (`title` and `data-spec-status`), so readers see a cited spec is deprecated.
/// A link that has a `title` keeps it. Other tags are copied as they are.
pub fn decorate_links(html: &str, index: &SpecIndex, urls: &SpecUrls) -> String {
    let mut out = String::with_capacity(html.len() + 1024);
    let mut copied = 0;
    crate::html_tags::for_each_linking_tag(html, |tag| {
        if !tag.is("a") {
            return;
        }
        let Some(spec) = tag
            .attribute("href")
            .and_then(|href| urls.number(href))
            .and_then(|n| index.get(n))
        else {
            return;
        };
        out.push_str(&html[copied..tag.span.start]);
        let title = format!(
            "{} — {} ({})",
            spec.shortname,
            spec.name,
            spec.status.name()
        );
        let title = tag.attribute("title").is_none().then_some(title.as_str());
        write_decorated(
            &mut out,
            tag,
            &html[tag.span.clone()],
            title,
            spec.status.name(),
        );
        copied = tag.span.end;
    });
    out.push_str(&html[copied..]);
    out
}

/// Writes `tag` (whose source is `source`) with a `title` when one is given
/// and `data-spec-status` set to `status`: its attributes in their order,
/// a `data-spec-status` it has already given the new value, the new ones
/// last, every value double-quoted.
fn write_decorated(
    out: &mut String,
    tag: &crate::html_tags::StartTag<'_>,
    source: &str,
    title: Option<&str>,
    status: &str,
) {
    const STATUS: &str = "data-spec-status";
    fn push_attribute(out: &mut String, name: &str, value: &str) {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        out.push_str(&value.replace('"', "&quot;"));
        out.push('"');
    }
    out.push('<');
    out.push_str(tag.name);
    for &(name, value) in tag.attributes {
        let value = if name.eq_ignore_ascii_case(STATUS) {
            status
        } else {
            value
        };
        push_attribute(out, name, value);
    }
    if let Some(title) = title {
        push_attribute(out, "title", title);
    }
    if tag.attribute(STATUS).is_none() {
        push_attribute(out, STATUS, status);
    }
    // `/>` closes the tag when it follows a quote or a space, not when
    // it ends an unquoted value.
    let self_closing = source
        .strip_suffix("/>")
        .is_some_and(|rest| rest.ends_with(['"', '\'', ' ', '\t', '\n']));
    out.push_str(if self_closing { " />" } else { ">" });
}

/// Does this page link to any spec? (Decoration is skipped otherwise.)
pub fn links_to_specs(links: &[LinkRecord], urls: &SpecUrls) -> bool {
    links.iter().any(|l| urls.number(&l.href).is_some())
}

#[derive(Serialize)]
struct SpecRecord<'a> {
    number: u32,
    shortname: &'a str,
    name: &'a str,
    status: &'static str,
    editors: &'a [String],
    contributors: &'a [String],
    obsoletes: &'a [u32],
    obsoleted_by: &'a [u32],
    license: Option<&'a str>,
    url: String,
    /// The spec's abstract (its `description:`, else its first paragraph).
    description: Option<&'a str>,
}

/// `specs.json`: every published spec, with its abstract from `abstracts`.
pub fn specs_json(
    index: &SpecIndex,
    links: &SiteLinks,
    abstracts: &BTreeMap<u32, String>,
) -> String {
    let records: Vec<SpecRecord<'_>> = index
        .specs
        .values()
        .map(|s| SpecRecord {
            number: s.number,
            shortname: &s.shortname,
            name: &s.name,
            status: s.status.name(),
            editors: &s.editors,
            contributors: &s.contributors,
            obsoletes: &s.obsoletes,
            obsoleted_by: &s.obsoleted_by,
            license: s.license.as_deref(),
            url: links.spec_url(s.number),
            description: abstracts.get(&s.number).map(String::as_str),
        })
        .collect();
    serde_json::to_string_pretty(&records).unwrap_or_else(|_| "[]".into()) + "\n"
}

#[derive(Serialize)]
struct SpecRequirements<'a> {
    number: u32,
    shortname: &'a str,
    url: String,
    requirements: Vec<RequirementRecord<'a>>,
}

#[derive(Serialize)]
struct RequirementRecord<'a> {
    keywords: &'a [String],
    sentence: &'a str,
    /// The sentence's section: the spec URL with the heading anchor.
    section: String,
}

/// `requirements.json`: per spec, each sentence with BCP 14 keywords.
pub fn requirements_json(
    index: &SpecIndex,
    links: &SiteLinks,
    requirements: &BTreeMap<u32, &[Requirement]>,
) -> String {
    let records: Vec<SpecRequirements<'_>> = index
        .specs
        .values()
        .map(|s| {
            let url = links.spec_url(s.number);
            let list = requirements.get(&s.number).copied().unwrap_or_default();
            SpecRequirements {
                number: s.number,
                shortname: &s.shortname,
                requirements: list
                    .iter()
                    .map(|r| RequirementRecord {
                        keywords: &r.keywords,
                        sentence: &r.sentence,
                        section: if r.section.is_empty() {
                            url.clone()
                        } else {
                            format!("{url}#{}", r.section)
                        },
                    })
                    .collect(),
                url,
            }
        })
        .collect();
    serde_json::to_string_pretty(&records).unwrap_or_else(|_| "[]".into()) + "\n"
}

/// `specs.xml`: an Atom feed of the specs, each summarised by its abstract
/// (from `abstracts`, else its name and status). Entries carry the build's
/// date (`SOURCE_DATE_EPOCH`, else the Unix epoch) so output stays
/// reproducible.
pub fn atom_feed(
    index: &SpecIndex,
    links: &SiteLinks,
    site_title: &str,
    absolute: &dyn Fn(&str) -> String,
    abstracts: &BTreeMap<u32, String>,
) -> String {
    let updated = feed_date();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!(
        "  <title>{} — specifications</title>\n",
        escape(site_title)
    ));
    xml.push_str(&format!("  <id>{}</id>\n", escape(&absolute("specs.xml"))));
    xml.push_str(&format!(
        "  <link rel=\"self\" href=\"{}\"/>\n",
        escape(&absolute("specs.xml"))
    ));
    xml.push_str(&format!("  <updated>{updated}</updated>\n"));
    for spec in index.specs.values().rev() {
        let url = absolute(links.spec_url(spec.number).trim_start_matches('/'));
        xml.push_str("  <entry>\n");
        xml.push_str(&format!(
            "    <title>{} {}</title>\n",
            escape(&spec.shortname),
            escape(&spec.name)
        ));
        xml.push_str(&format!(
            "    <id>{}</id>\n    <link href=\"{}\"/>\n",
            escape(&url),
            escape(&url)
        ));
        xml.push_str(&format!("    <updated>{updated}</updated>\n"));
        for editor in Person::all(&spec.editors) {
            let email = editor
                .email
                .map(|e| format!("<email>{}</email>", escape(&e)))
                .unwrap_or_default();
            xml.push_str(&format!(
                "    <author><name>{}</name>{email}</author>\n",
                escape(&editor.name)
            ));
        }
        xml.push_str(&format!(
            "    <category term=\"{}\"/>\n",
            spec.status.name()
        ));
        let summary = match abstracts.get(&spec.number) {
            Some(text) => escape(text),
            None => format!("{} ({})", escape(&spec.name), spec.status.name()),
        };
        xml.push_str(&format!("    <summary>{summary}</summary>\n"));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// RFC 3339 date of `SOURCE_DATE_EPOCH` (seconds), or the epoch.
fn feed_date() -> String {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a calendar date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    fn one_spec() -> (SpecIndex, SpecUrls) {
        let spec = Spec {
            number: 42,
            shortname: "42/C4".into(),
            name: "Collective \"Code\" & Construction".into(),
            status: Status::Deprecated,
            editors: Vec::new(),
            contributors: Vec::new(),
            obsoletes: Vec::new(),
            obsoleted_by: Vec::new(),
            license: None,
            domain: None,
            source: "specs/42.md".into(),
            page: 0,
        };
        let urls = SpecUrls {
            by_url: HashMap::from([("/spec/42/".to_string(), 42)]),
        };
        (
            SpecIndex {
                specs: BTreeMap::from([(42, spec)]),
            },
            urls,
        )
    }

    #[test]
    fn spec_links_get_title_and_status_and_nothing_else_changes() {
        let (index, urls) = one_spec();
        let title = r#"title="42/C4 — Collective &quot;Code&quot; & Construction (deprecated)""#;
        let cases = [
            (
                r#"<p>See <a href="/spec/42/#goals">C4</a>.</p>"#,
                format!(
                    r#"<p>See <a href="/spec/42/#goals" {title} data-spec-status="deprecated">C4</a>.</p>"#
                ),
            ),
            // A title of the writer's stays; a status is replaced in place.
            (
                r#"<a title='mine' data-spec-status=old HREF=/spec/42/>x</a>"#,
                r#"<a title="mine" data-spec-status="deprecated" HREF="/spec/42/">x</a>"#
                    .to_string(),
            ),
            (
                r#"<a href="/spec/42/" />"#,
                format!(r#"<a href="/spec/42/" {title} data-spec-status="deprecated" />"#),
            ),
            // Not links to specs, or not links at all: untouched.
            (
                r#"<a href="/spec/7/">x</a><area href="/spec/42/">"#,
                r#"<a href="/spec/7/">x</a><area href="/spec/42/">"#.to_string(),
            ),
            (
                r#"<!-- <a href="/spec/42/"> --><script>"<a href='/spec/42/'>"</script>"#,
                r#"<!-- <a href="/spec/42/"> --><script>"<a href='/spec/42/'>"</script>"#
                    .to_string(),
            ),
        ];
        for (html, want) in cases {
            assert_eq!(decorate_links(html, &index, &urls), want, "{html}");
        }
    }
}
