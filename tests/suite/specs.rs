//! Spec rules (COSS lifecycle): one fixture site per rule, asserting each
//! diagnostic's code, severity and file:line:column, and what is published.

use crate::common;

use charter::diagnostics::Severity::{Error, Note, Warning};
use common::*;

/// Asserts the build has exactly these codes (in any order, with repeats).
fn assert_codes(built: &Built, want: &[&str]) {
    let mut got = built.codes();
    got.sort_unstable();
    let mut want = want.to_vec();
    want.sort_unstable();
    assert_eq!(got, want, "{}", built.summary());
}

/// The `<a …>` start tag of the first link with this text.
fn link_tag<'a>(html: &'a str, text: &str) -> &'a str {
    let end = html
        .find(&format!(">{text}</a>"))
        .unwrap_or_else(|| panic!("no link `{text}` in {html}"));
    let start = html[..end].rfind("<a ").expect("link start");
    &html[start..=end]
}

/// The part of a page between two markers.
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("no {from} in {html}"));
    let end = html[start..].find(to).map_or(html.len(), |i| start + i);
    &html[start..end]
}

#[test]
fn duplicate_number_names_both_files_and_publishes_one_page() {
    let built = build_fixture("spec-duplicate-number");
    let d = built.assert_diag(Error, "spec-duplicate-number", "specs/7-other.md", 1, 1);
    assert!(
        d.message.contains("specs/7/README.md") && d.message.contains("specs/7-other.md"),
        "{}",
        d.message
    );
    assert_eq!(
        d.related[0].0.file.to_str(),
        Some("specs/7/README.md"),
        "{d:?}"
    );
    assert_codes(&built, &["spec-duplicate-number"]);
    assert!(!built.report.succeeded());
    let spec_pages: Vec<&String> = built
        .files
        .keys()
        .filter(|p| p.starts_with("spec/7/"))
        .collect();
    assert_eq!(
        spec_pages,
        ["spec/7/FIRST/index.html", "spec/7/index.html"],
        "one spec 7 (the first) is published"
    );
    assert!(built.text("spec/7/index.html").contains("First Seven"));
}

#[test]
fn unknown_status_lists_the_valid_ones_and_case_does_not_matter() {
    let built = build_fixture("spec-unknown-status");
    let d = built.assert_diag(Error, "spec-unknown-status", "specs/1/README.md", 5, 1);
    assert!(d.message.contains("`final`"), "{}", d.message);
    assert_eq!(
        d.help.as_deref(),
        Some("use one of: raw, draft, stable, deprecated, retired, deleted")
    );
    // `status: Draft` is accepted as draft.
    assert_codes(&built, &["spec-unknown-status"]);
    assert!(!built.report.succeeded());
    let caps = built.text("spec/2/index.html");
    assert!(caps.contains(r#"data-status="draft""#), "{caps}");
}

#[test]
fn stable_spec_without_editor() {
    let built = build_fixture("spec-stable-no-editor");
    built.assert_diag(Error, "spec-stable-no-editor", "specs/1/README.md", 4, 1);
    assert_codes(&built, &["spec-stable-no-editor"]);
    assert!(!built.report.succeeded());
}

#[test]
fn supersession_naming_missing_specs() {
    let built = build_fixture("spec-unknown-reference");
    let obsoletes = built.assert_diag(Error, "spec-unknown-reference", "specs/1/README.md", 5, 1);
    assert!(obsoletes.message.contains("`obsoletes: 99`"));
    let by = built.assert_diag(Error, "spec-unknown-reference", "specs/2/README.md", 5, 1);
    assert!(by.message.contains("`obsoleted_by: 98`"));
    // `specs.obsoletes` in charter.yaml: located at the entry's key.
    let config = built.assert_diag(Error, "spec-unknown-reference", "charter.yaml", 3, 16);
    assert!(config.message.contains("97"));
    assert_codes(&built, &["spec-unknown-reference"; 3]);
    assert!(!built.report.succeeded());
}

#[test]
fn obsoletes_and_obsoleted_by_disagree() {
    let built = build_fixture("spec-obsoletes-mismatch");
    let d = built.assert_diag(Error, "spec-obsoletes-mismatch", "specs/2/README.md", 5, 1);
    assert!(
        d.message
            .contains("spec 3/A obsoletes 2/B, but 2/B says it is obsoleted by 1"),
        "{}",
        d.message
    );
    let other = &d.related[0].0;
    assert_eq!(
        (other.file.to_str().unwrap(), other.line, other.column),
        ("specs/3/README.md", 5, 1)
    );
    assert_codes(&built, &["spec-obsoletes-mismatch"]);
    assert!(!built.report.succeeded());
}

#[test]
fn obsoletes_cycle_is_named() {
    let built = build_fixture("spec-obsoletes-cycle");
    let d = built.assert_diag(Error, "spec-obsoletes-cycle", "specs/1/README.md", 5, 1);
    assert!(
        d.message.contains("1/A → 2/B → 1/A"),
        "the cycle is named: {}",
        d.message
    );
    let other = &d.related[0].0;
    assert_eq!(
        (other.file.to_str().unwrap(), other.line, other.column),
        ("specs/2/README.md", 5, 1)
    );
    assert_codes(&built, &["spec-obsoletes-cycle"]);
    assert!(!built.report.succeeded());
}

#[test]
fn stable_spec_referencing_a_raw_one_warns_at_each_reference() {
    let built = build_fixture("spec-refs-unstable");
    // `[the raw one](spec:3)` and the bare shortname `3/RAW`.
    let link = built.assert_diag(Warning, "spec-refs-unstable", "specs/1/README.md", 9, 21);
    assert!(
        link.message
            .contains("stable spec 1/SOLID references raw spec 3/RAW"),
        "{}",
        link.message
    );
    built.assert_diag(Warning, "spec-refs-unstable", "specs/1/README.md", 11, 18);
    assert_codes(&built, &["spec-refs-unstable"; 2]);
    assert!(built.report.succeeded());
    let page = built.text("spec/1/index.html");
    assert!(
        link_tag(page, "3/RAW").contains(r#"href="/spec/3/""#),
        "bare shortname links: {page}"
    );
}

#[test]
fn deprecated_spec_without_successor_warns_but_a_derived_successor_counts() {
    let built = build_fixture("spec-missing-successor");
    let d = built.assert_diag(Warning, "spec-missing-successor", "specs/1/README.md", 4, 1);
    assert!(d.message.contains("1/LONELY"), "{}", d.message);
    // Spec 2's successor is stated only by spec 3 (`obsoletes: [2]`).
    assert_codes(&built, &["spec-missing-successor"]);
    assert!(built.report.succeeded());
    let old = built.text("spec/2/index.html");
    let header = between(old, r#"<header class="spec-header">"#, "</header>");
    let successor = link_tag(header, "3/NEW");
    assert!(
        successor.contains(r#"href="/spec/3/""#)
            && successor.contains(r#"data-spec-status="draft""#)
            && successor.contains("title=\"3/NEW — "),
        "{header}"
    );
    let banner = between(old, r#"data-banner="deprecated""#, "</div>");
    let banner_link = link_tag(banner, "3/NEW");
    assert!(
        banner_link.contains(r#"href="/spec/3/""#)
            && banner_link.contains(r#"data-spec-status="draft""#)
            && banner_link.contains("title=\"3/NEW — "),
        "the banner links the successor with its status: {banner}"
    );
    let new = built.text("spec/3/index.html");
    let header = between(new, r#"<header class="spec-header">"#, "</header>");
    assert!(link_tag(header, "2/OLD").contains(r#"href="/spec/2/""#));
}

#[test]
fn prose_supersession_without_metadata_is_a_note() {
    let built = build_fixture("spec-prose-supersession");
    let d = built.assert_diag(Note, "spec-prose-supersession", "specs/2/README.md", 8, 15);
    assert_eq!(
        d.help.as_deref(),
        Some("add `obsoletes: [1]` to the front matter (or `specs.obsoletes` in charter.yaml)")
    );
    // Spec 4 says the same of spec 3 and has `obsoletes: [3]`: no note.
    assert_codes(&built, &["spec-prose-supersession"]);
    assert!(built.report.succeeded());
}

#[test]
fn deleted_specs_are_not_published_and_links_to_them_break() {
    let built = build_fixture("spec-deleted");
    built.assert_diag(Error, "broken-link", "specs/1/README.md", 8, 5);
    assert_codes(&built, &["broken-link"]);
    assert!(!built.report.succeeded());
    assert!(built.files.contains_key("spec/1/index.html"));
    assert!(
        !built.files.keys().any(|p| p.starts_with("spec/5/")),
        "{:#?}",
        built.files.keys()
    );
    let json: serde_json::Value = serde_json::from_str(built.text("specs.json")).unwrap();
    let numbers: Vec<u64> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [1]);
    assert!(!built.text("spec/index.html").contains("Gone Spec"));
}

#[test]
fn reference_to_a_missing_spec_is_located() {
    let built = build_fixture("spec-missing-reference");
    let d = built.assert_diag(Error, "broken-link", "specs/1/README.md", 8, 18);
    assert!(d.message.contains("spec:404"), "{}", d.message);
    assert_codes(&built, &["broken-link"]);
    assert!(!built.report.succeeded());
}

#[test]
fn spec_without_front_matter_builds_and_a_plain_folder_is_ignored() {
    let built = build_fixture("spec-no-frontmatter");
    built.assert_diag(Warning, "spec-missing-name", "specs/3/README.md", 1, 1);
    built.assert_diag(Warning, "spec-missing-status", "specs/3/README.md", 1, 1);
    assert_codes(&built, &["spec-missing-name", "spec-missing-status"]);
    assert!(built.report.succeeded());
    let page = built.text("spec/3/index.html");
    assert!(page.contains(r#"data-status="raw""#), "{page}");
    assert!(
        !built.files.keys().any(|p| p.contains("draft-ideas")),
        "{:#?}",
        built.files.keys()
    );
}

#[test]
fn unnumbered_spec_file_is_reported() {
    let built = build_fixture("spec-no-number");
    let d = built.assert_diag(Error, "spec-no-number", "specs/ideas.md", 1, 1);
    assert!(d.help.as_deref().unwrap().contains("number: 42"));
    // A folder without a number is read as well, and reported the same way.
    built.assert_diag(Error, "spec-no-number", "specs/draft-ideas/README.md", 1, 1);
    // A number too large for a spec is named as such, not as missing.
    let huge = built.assert_diag(
        Error,
        "spec-no-number",
        "specs/99999999999-huge/README.md",
        1,
        1,
    );
    assert!(
        huge.message
            .contains("spec number 99999999999 in its path is too large"),
        "{}",
        huge.message
    );
    assert_codes(
        &built,
        &["spec-no-number", "spec-no-number", "spec-no-number"],
    );
    assert!(!built.report.succeeded());
    assert!(built.files.contains_key("spec/1/index.html"));
}

#[test]
fn wrongly_typed_spec_keys_and_a_number_mismatch() {
    let built = build_fixture("spec-bad-types");
    let status = built.assert_diag(Error, "frontmatter-type", "specs/1/README.md", 4, 9);
    assert!(status
        .message
        .contains("`status` must be text, found a list"));
    let missing = built.assert_diag(Warning, "spec-missing-status", "specs/1/README.md", 4, 1);
    assert!(missing.message.contains("no usable `status:`"));
    let editor = built.assert_diag(Error, "frontmatter-type", "specs/2/README.md", 5, 9);
    assert!(editor
        .message
        .contains("`editor` must be a name or a list of names, found a mapping"));
    let number = built.assert_diag(Error, "spec-number-mismatch", "specs/6/README.md", 4, 1);
    assert!(number
        .message
        .contains("the path says spec 6, but `number:` says 5"));
    assert_codes(
        &built,
        &[
            "frontmatter-type",
            "frontmatter-type",
            "spec-missing-status",
            "spec-number-mismatch",
        ],
    );
    assert!(!built.report.succeeded());
    // The path wins: spec 6 is published as 6.
    assert!(built.files.contains_key("spec/6/index.html"));
    assert!(!built.files.contains_key("spec/5/index.html"));
}

#[test]
fn references_resolve_carry_status_and_old_urls_become_internal() {
    let built = build_fixture("spec-references");
    built.assert_clean();
    let page = built.text("spec/2/index.html");
    let title = r#"title="1/PATCH — Patch Protocol (stable)""#;
    for (text, href) in [
        ("C4 goals", "/spec/1/#goals"),
        ("old form", "/spec/1/"),
        ("the new one", "/spec/1/"),
    ] {
        let tag = link_tag(page, text);
        assert!(tag.contains(&format!(r#"href="{href}""#)), "{tag}");
        assert!(tag.contains(r#"data-spec-status="stable""#), "{tag}");
        assert!(tag.contains(title), "{tag}");
    }
    assert!(built.text("spec/1/index.html").contains(r#"id="goals""#));
    // Redirects from /spec/N/NAME/.
    let redirect = built.text("spec/1/PATCH/index.html");
    assert!(redirect.contains(r#"<meta http-equiv="refresh" content="0; url=/spec/1/">"#));
    assert!(redirect.contains(r#"<link rel="canonical" href="/spec/1/">"#));
}

#[test]
fn specs_json_lists_published_specs_with_their_fields() {
    let built = build_fixture("spec-references");
    let json: serde_json::Value = serde_json::from_str(built.text("specs.json")).unwrap();
    let specs = json.as_array().unwrap();
    assert_eq!(specs.len(), 5);
    assert_eq!(
        specs[0],
        serde_json::json!({
            "number": 1,
            "shortname": "1/PATCH",
            "name": "Patch Protocol",
            "status": "stable",
            "editors": ["Ana <ana@example.org>"],
            "contributors": ["Tom"],
            "obsoletes": [4],
            "obsoleted_by": [],
            "license": "MPL-2.0",
            "url": "/spec/1/",
            "description": "A patch MUST be small. Reviewers SHOULD answer within a day.",
        })
    );
    // The inverse of `obsoleted_by:` is derived both ways.
    assert_eq!(specs[3]["obsoletes"], serde_json::json!([5]));
    assert_eq!(specs[3]["obsoleted_by"], serde_json::json!([1]));
}

#[test]
fn requirements_json_holds_bcp14_sentences_with_sections() {
    let built = build_fixture("spec-references");
    let json: serde_json::Value = serde_json::from_str(built.text("requirements.json")).unwrap();
    assert_eq!(
        json[0]["requirements"],
        serde_json::json!([
            {"keywords": ["MUST"], "sentence": "A patch MUST be small.", "section": "/spec/1/#goals"},
            {"keywords": ["SHOULD"], "sentence": "Reviewers SHOULD answer within a day.", "section": "/spec/1/#goals"},
            {"keywords": ["MAY"], "sentence": "Maintainers MAY merge at once.", "section": "/spec/1/#process"},
        ]),
        "`MUST` inside code is not a requirement"
    );
    let page = built.text("spec/1/index.html");
    assert!(page.contains(r#"class="bcp14""#), "{page}");
    assert!(page.contains("<code>MUST</code>"), "{page}");
}

#[test]
fn registry_groups_by_status_in_order() {
    let built = build_fixture("spec-references");
    let registry = built.text("spec/index.html");
    let positions: Vec<usize> = ["stable", "draft", "raw", "deprecated", "retired"]
        .iter()
        .map(|s| {
            registry
                .find(&format!(r#"data-registry-group="{s}""#))
                .unwrap_or_else(|| panic!("no {s} group: {registry}"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

#[test]
fn missing_anchor_in_a_spec_reference_is_located() {
    let built = build_fixture("spec-broken-anchor");
    let d = built.assert_diag(Error, "broken-anchor", "specs/2/README.md", 8, 31);
    assert!(d.message.contains("#non-goals"), "{}", d.message);
    assert_codes(&built, &["broken-anchor"]);
    assert!(!built.report.succeeded());
}

/// A large site: 250 specs and 40 chapters, written into a temporary folder.
fn many_pages_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("charter.yaml"), "title: Many\n").unwrap();
    std::fs::write(root.join("index.md"), "# Many\n").unwrap();
    let mut summary = String::from("# Summary\n\n");
    std::fs::create_dir_all(root.join("book")).unwrap();
    for n in 1..=40 {
        let file = format!("book/ch-{n:02}.md");
        std::fs::write(root.join(&file), format!("# Chapter {n}\n\nText.\n")).unwrap();
        summary.push_str(&format!("- [Chapter {n}]({file})\n"));
    }
    std::fs::write(root.join("SUMMARY.md"), summary).unwrap();
    for n in 1..=250 {
        let dir = root.join(format!("specs/{n}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("README.md"),
            format!(
                "---\nshortname: {n}/S{n}\nname: Spec {n}\nstatus: draft\neditor: Ed <ed@example.org>\n---\n\nText.\n"
            ),
        )
        .unwrap();
    }
    dir
}

/// Sidebars and prev/next come from positions computed once per build (a
/// search per page made the template stage grow as the square of the
/// pages); each page still finds its own place.
#[test]
fn every_page_finds_its_place_in_a_large_site() {
    let dir = many_pages_site();
    let built = build_at(dir.path(), |_| {});
    built.assert_clean();
    let current = |page: &str| -> Vec<String> {
        built
            .text(page)
            .split("<a ")
            .filter(|a| a.contains("aria-current=\"page\""))
            .map(|a| a.split('"').nth(1).unwrap_or_default().to_string())
            .collect()
    };
    // Spec sidebars show 200 of the 250 specs, around the page's own.
    assert_eq!(current("spec/240/index.html"), ["/spec/240/"]);
    let late = built.text("spec/240/index.html");
    assert!(late.contains("href=\"/spec/250/\"") && !late.contains("href=\"/spec/1/\""));
    assert_eq!(current("spec/1/index.html"), ["/spec/1/"]);
    let early = built.text("spec/1/index.html");
    assert!(early.contains("href=\"/spec/199/\"") && !early.contains("href=\"/spec/201/\""));
    // Chapters: the page's own entry, and its neighbours in the book.
    assert_eq!(current("book/ch-20/index.html"), ["/book/ch-20/"]);
    let middle = built.text("book/ch-20/index.html");
    assert!(middle.contains("rel=\"prev\"") && middle.contains("/book/ch-19/"));
    assert!(middle.contains("rel=\"next\"") && middle.contains("/book/ch-21/"));
}

/// BCP 14 keywords in text with non-ASCII letters, and highlighted code
/// whose scopes come from capture groups (found only for the match that
/// wins its token, vendor/syntect/CHARTER.md).
#[test]
fn keywords_are_whole_words_next_to_any_letter_and_code_keeps_its_captured_scopes() {
    let built = build_fixture("spec-keywords-text");
    let json: serde_json::Value = serde_json::from_str(built.text("requirements.json")).unwrap();
    assert_eq!(
        json[0]["requirements"],
        serde_json::json!([
            {"keywords": ["MUST"], "sentence": "Ответ—MUST be sent.", "section": "/spec/1/#rules"},
            {"keywords": ["SHOULD NOT", "MAY"], "sentence": "Nodes SHOULD NOT wait (MAY retry).", "section": "/spec/1/#rules"},
        ]),
        "a keyword glued to a letter, ASCII or not, is no keyword"
    );
    let page = built.text("spec/1/index.html");
    assert!(
        page.contains(concat!(
            r#"<p>Ответ—<span class="bcp14">MUST</span> be sent. "#,
            "A xMUST is no keyword, nor ÉMUST, nor MUSTÉ. ",
            r#"Nodes <span class="bcp14">SHOULD NOT</span> wait (<span class="bcp14">MAY</span> retry).</p>"#
        )),
        "{page}"
    );
    // `def` and the parameters are scoped by the pattern's capture groups.
    assert!(
        page.contains(r#"<span class="hl-storage hl-type hl-function hl-python">def</span>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<span class="hl-variable hl-parameter hl-python">frame</span>"#),
        "{page}"
    );
    assert_eq!(page.matches(r#"class="bcp14""#).count(), 3, "none in code");
}
