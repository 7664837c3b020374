//! The real spec repositories in `../shared/corpora/`, built unedited: only a
//! `charter.yaml` written by the test is added (to a copy). Fails loudly when
//! the corpora are missing.

use crate::common;

use charter::diagnostics::Severity;
use common::*;

const BROKEN_LINK_LINT: &str = "lints:\n  broken-link: warn\n";

/// Every diagnostic the corpus really deserves, one line each.
const ZEROMQ_DIAGNOSTICS: &str = "\
warning unknown-key content/_index.md:3:1
warning spec-missing-name content/docs/rfcs/1/README.md:1:1
warning spec-missing-successor content/docs/rfcs/1/README.md:4:1
warning spec-missing-successor content/docs/rfcs/13/README.md:5:1
warning spec-missing-successor content/docs/rfcs/15/README.md:5:1
warning spec-missing-successor content/docs/rfcs/19/README.md:5:1
warning spec-missing-name content/docs/rfcs/2/README.md:1:1
warning spec-missing-successor content/docs/rfcs/2/README.md:4:1
warning spec-refs-unstable content/docs/rfcs/21/README.md:31:387
warning broken-link content/docs/rfcs/26/README.md:188:34
warning broken-link content/docs/rfcs/26/README.md:311:40
warning broken-link content/docs/rfcs/26/README.md:311:68
warning broken-link content/docs/rfcs/26/README.md:355:47
warning broken-link content/docs/rfcs/26/README.md:367:140
warning spec-missing-successor content/docs/rfcs/3/README.md:5:1
warning spec-missing-name content/docs/rfcs/32/README.md:1:1
warning spec-missing-name content/docs/rfcs/34/README.md:1:1
warning spec-missing-successor content/docs/rfcs/47/README.md:5:1
warning spec-missing-successor content/docs/rfcs/5/README.md:5:1
warning unknown-key content/docs/rfcs/_index.md:2:1
";

fn listing(built: &Built) -> String {
    built
        .report
        .diagnostics
        .iter()
        .map(|d| {
            let l = d.location.as_ref().unwrap();
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            };
            format!(
                "{severity} {} {}:{}:{}\n",
                d.code,
                l.file.display(),
                l.line,
                l.column
            )
        })
        .collect()
}

#[test]
fn zeromq_rfc_builds_with_the_warnings_it_deserves() {
    let site = with_config("zeromq-rfc", &format!("{ZEROMQ_CONFIG}{BROKEN_LINK_LINT}"));
    let built = build_at(site.path(), |_| {});
    assert!(built.report.succeeded(), "{}", built.summary());
    assert_eq!(listing(&built), ZEROMQ_DIAGNOSTICS, "{}", built.summary());

    let specs: Vec<serde_json::Value> = serde_json::from_str(built.text("specs.json")).unwrap();
    assert_eq!(specs.len(), 52);
    let c4_record = specs.iter().find(|s| s["number"] == 42).unwrap();
    assert!(
        c4_record["description"]
            .as_str()
            .unwrap_or("")
            .starts_with("The Collective Code Construction Contract (C4) is an evolution"),
        "{c4_record}"
    );
    let count = |status: &str| specs.iter().filter(|s| s["status"] == status).count();
    assert_eq!(
        [
            count("stable"),
            count("draft"),
            count("retired"),
            count("deprecated"),
            count("raw")
        ],
        [25, 15, 6, 5, 1]
    );
    let spec_pages = built
        .files
        .keys()
        .filter(|k| {
            k.starts_with("spec/") && k.ends_with("/index.html") && k.matches('/').count() == 2
        })
        .count();
    assert_eq!(spec_pages, 52);

    let registry = built.text("spec/index.html");
    for (status, n) in [
        ("stable", 25),
        ("draft", 15),
        ("raw", 1),
        ("deprecated", 5),
        ("retired", 6),
    ] {
        let group = &registry[registry
            .find(&format!("data-registry-group=\"{status}\""))
            .unwrap()..];
        let group = &group[..group.find("</section>").unwrap()];
        assert_eq!(group.matches("<tr data-spec=").count(), n, "{status}");
    }

    let zmtp_image = built.text("spec/9/index.html");
    assert!(zmtp_image.contains(r#"src="/rfc/rfcs/9/1.png""#));
    assert!(built.files.contains_key("rfcs/9/1.png"));

    let c4 = built.text("spec/42/index.html");
    assert!(c4.contains(r#"data-status="stable""#));
    assert!(
        c4.contains(r#"<a href="mailto:ph@imatix.com">Pieter Hintjens</a>"#),
        "an editor is named, with the address as a link"
    );
    let c4_row = &registry[registry.find(r#"<tr data-spec="42">"#).unwrap()..];
    let c4_row = &c4_row[..c4_row.find("</tr>").unwrap()];
    assert!(
        c4_row.contains(r#"<td><a href="mailto:ph@imatix.com">Pieter Hintjens</a></td>"#),
        "{c4_row}"
    );
    assert!(registry.contains(r#"<main id="content" class="main no-toc""#));
    let feed = built.text("specs.xml");
    assert!(
        feed.contains("<author><name>Pieter Hintjens</name><email>ph@imatix.com</email></author>")
    );
    assert!(
        feed.contains(
            "<summary>The Collective Code Construction Contract (C4) is an evolution of the \
             github.com Fork + Pull Model, aimed at providing an optimal collaboration model for \
             free software projects.</summary>"
        ),
        "a feed entry is summarised by the spec's abstract"
    );
    assert!(c4.contains(r#"<span class="bcp14">MUST</span>"#));
    assert!(
        c4.contains(
            r#"<meta property="og:title" content="42/C4 Collective Code Construction Contract">"#
        ),
        "a shared link to a spec is previewed by its shortname and name"
    );
    assert!(
        c4.contains(
            "<meta name=\"description\" content=\"The Collective Code Construction Contract (C4) \
             is an evolution of the github.com Fork + Pull Model, aimed at providing an optimal \
             collaboration model for free software projects.\">"
        ),
        "a spec is described by the first sentence of its abstract"
    );

    let old_c4 = built.text("spec/22/index.html");
    let banner = &old_c4[old_c4
        .find(r#"data-banner="deprecated""#)
        .expect("deprecated banner")..];
    assert!(
        banner[..banner.find("</div>").unwrap()].contains(r#"href="/rfc/spec/42/""#),
        "{banner}"
    );

    // Old absolute URLs on the site's domain are internal, checked references.
    let zmtp_plain = built.text("spec/24/index.html");
    assert!(
        zmtp_plain.contains(r#"href="/rfc/spec/23/"#),
        "references to 23/ZMTP are rewritten"
    );
    assert!(built
        .text("spec/42/C4/index.html")
        .contains("url=/rfc/spec/42/"));
    assert!(built.text("requirements.json").contains("\"MUST\""));
}

#[test]
fn zeromq_rfc_without_the_lint_fails_at_each_broken_link() {
    let site = with_config("zeromq-rfc", ZEROMQ_CONFIG);
    let built = build_at(site.path(), |_| {});
    assert!(!built.report.succeeded());
    let errors: Vec<String> = built
        .errors()
        .iter()
        .map(|d| {
            let l = d.location.as_ref().unwrap();
            format!("{} {}:{}:{}", d.code, l.file.display(), l.line, l.column)
        })
        .collect();
    assert_eq!(
        errors,
        [
            "broken-link content/docs/rfcs/26/README.md:188:34",
            "broken-link content/docs/rfcs/26/README.md:311:40",
            "broken-link content/docs/rfcs/26/README.md:311:68",
            "broken-link content/docs/rfcs/26/README.md:355:47",
            "broken-link content/docs/rfcs/26/README.md:367:140",
        ]
    );
}

#[test]
fn unprotocols_rfc_builds_clean() {
    let site = with_config(
        "unprotocols-rfc",
        "title: Unprotocols RFC\nspecs:\n  dir: .\n  domains: [rfc.unprotocols.org]\n",
    );
    let built = build_at(site.path(), |_| {});
    built.assert_clean();
    let coss = built.text("spec/2/index.html");
    assert!(coss.contains("Consensus-Oriented Specification System"));
    assert!(coss.contains(r#"data-status="draft""#));
    assert!(coss.contains("André Rebentisch"), "contributors are listed");
    assert!(
        built.files.contains_key("2/lifecycle.png"),
        "images next to the spec are published"
    );
    assert!(built.text("spec/1/index.html").contains("1/C4"));
    assert!(built.text("spec/index.html").contains(r#"href="/spec/2/""#));
}
