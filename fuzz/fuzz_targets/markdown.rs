//! The Markdown pipeline: link rewriting (pages, published files, spec
//! references in every form), heading ids, BCP 14 markup, shortname
//! auto-links and translated headings taking the source's ids.
//!
//! Input: the first byte picks options (bit 0: spec text with BCP 14, bit 1:
//! render as a translation of itself minus its last heading); the rest is
//! the page body.
#![no_main]

use charter::highlight::Highlighter;
use charter::links::SiteLinks;
use charter::markdown::{self, Input, ShortnameLinks};
use charter::url::{Scope, Urls};
use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

struct Fixture {
    _dir: tempfile::TempDir,
    links: SiteLinks,
    highlighter: Highlighter,
}

/// Two specs of a pretend site, known by their shortnames.
struct Shortnames;

impl ShortnameLinks for Shortnames {
    fn url(&self, shortname: &str) -> Option<String> {
        match shortname {
            "42/C4" => Some("/sub/spec/42/".into()),
            "1/ONE" => Some("/sub/spec/1/".into()),
            _ => None,
        }
    }
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in [
            ("book/01-a.md", "# A\n"),
            ("book/02-b.md", "# B\n"),
            ("book/images/x.png", "png"),
            ("specs/42/README.md", "# C4\n"),
            ("static/logo.svg", "<svg/>"),
        ] {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let pages: HashMap<PathBuf, String> = [
            ("book/01-a.md", "/sub/book/a/"),
            ("book/02-b.md", "/sub/book/b/"),
            ("specs/42/README.md", "/sub/spec/42/"),
            ("index.md", "/sub/"),
        ]
        .into_iter()
        .map(|(p, u)| (PathBuf::from(p), u.to_string()))
        .collect();
        let links = SiteLinks::new(
            Urls::new(Some("https://example.org/sub/")),
            Scope::root(),
            dir.path(),
            pages,
        )
        .with_spec_domains(&["rfc.zeromq.org".to_string()]);
        Fixture {
            _dir: dir,
            links,
            highlighter: Highlighter::new(),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let f = fixture();
    let resolver = f.links.for_page(Path::new("book/01-a.md"));
    let input = Input {
        text,
        first_line: 3,
        resolver: &resolver,
        highlighter: &f.highlighter,
        bcp14: flags & 1 == 1,
        shortnames: Some(&Shortnames),
        source_headings: None,
        labels: &markdown::Labels::default(),
    };
    let rendered = markdown::render(&input);
    let lines = text.split('\n').count() + 3;
    for link in &rendered.links {
        assert!(
            link.line >= 3 && link.line <= lines && link.column >= 1,
            "{link:?}"
        );
    }
    // Generated ids are unique and never take an id written as `{#id}`;
    // only an id the author wrote twice can repeat.
    let mut explicit = std::collections::HashMap::<String, usize>::new();
    for event in pulldown_cmark::Parser::new_ext(text, markdown::options()) {
        if let pulldown_cmark::Event::Start(pulldown_cmark::Tag::Heading { id: Some(id), .. }) =
            event
        {
            *explicit.entry(id.to_string()).or_default() += 1;
        }
    }
    let mut ids = std::collections::HashSet::new();
    for h in &rendered.headings {
        assert!((1..=6).contains(&h.level), "{h:?}");
        assert!(h.line >= 3 && h.line <= lines, "{h:?}");
        let written_twice = explicit.get(&h.id).is_some_and(|n| *n > 1);
        assert!(
            ids.insert(h.id.as_str()) || written_twice,
            "duplicate heading id {}",
            h.id
        );
    }
    // A description is one line of the page's words, never empty, within
    // its limit (and an ellipsis).
    if let Some(summary) = &rendered.summary {
        assert!(!summary.trim().is_empty(), "{summary:?}");
        assert!(!summary.contains(['\n', '\r']), "{summary:?}");
        assert!(summary.chars().count() <= 201, "{summary:?}");
    }
    if flags & 2 == 2 {
        // As a translation whose source has one heading fewer.
        let mut source = rendered.headings.clone();
        source.pop();
        let translated = markdown::render(&Input {
            source_headings: Some(&source),
            ..input
        });
        assert_eq!(translated.headings.len(), rendered.headings.len());
    }
    let _ = markdown::slugify(text);
});
