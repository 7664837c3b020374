//! Property-style checks over whole builds: random small sites (front matter,
//! Markdown, SUMMARY, links, specs, translations) never make the build panic,
//! and building the same input twice gives the same bytes. A deterministic
//! generator keeps failures reproducible (the seed is in the message).

use crate::common;

use common::*;
use std::path::Path;

const PIECES: &[&str] = &[
    "# Title\n",
    "## Section\n",
    "### Sub {#id}\n",
    "text ",
    "MUST ",
    "SHOULD NOT ",
    "`code` ",
    "*em* ",
    "**strong** ",
    "[link](02-b.md#section) ",
    "[spec](spec:1) ",
    "[missing](nowhere.md) ",
    "[anchor](#nope) ",
    "![img](x.png) ",
    "1/ONE ",
    "42/C4 ",
    "<a href=\"/elsewhere\">raw</a> ",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "- item\n",
    "1. one\n",
    "> quote\n",
    "```rust\nfn main() {}\n```\n",
    "```\nplain\n```\n",
    "[^1]\n\n[^1]: note\n",
    "- [ ] task\n",
    "\n",
    "\r\n",
    "{#",
    "[",
    "](",
    "Ü ñ 中文 العربية ",
    "---\n",
    "\t",
    "\\",
    "&amp; <b>",
    "\u{0}",
];

const FRONT: &[&str] = &[
    "",
    "---\ntitle: T\n---\n",
    "---\ntitle: [unclosed\n---\n",
    "---\nslug: ../x\n---\n",
    "---\norder: x\n---\n",
    "---\ndraft: true\n---\n",
    "---\nweight: 3\n---\n",
    "---\n",
    "+++\ntitle = 1\n+++\n",
    "---\ntitle: <script>\n---\n",
];

const SPEC_FRONT: &[&str] = &[
    "---\nshortname: 1/ONE\nname: One\nstatus: stable\neditor: E\n---\n",
    "---\nstatus: Draft\n---\n",
    "---\nstatus: [a]\neditor: {x: 1}\n---\n",
    "---\nname: N\nstatus: deprecated\nobsoleted_by: [1]\n---\n",
    "---\nstatus: stable\nobsoletes: [9, 1]\n---\n",
    "",
];

/// Pieces that build cleanly anywhere (no links that can break).
const SAFE_PIECES: &[&str] = &[
    "## Section\n",
    "text ",
    "MUST ",
    "`code` ",
    "*em* ",
    "| a | b |\n|---|---|\n| 1 | 2 |\n\n",
    "- item\n\n",
    "```rust\nfn main() {}\n```\n",
    "Ü ñ 中文 ",
    "\n\n",
    "[home](/)\n\n",
    "[self](#section)\n\n",
];

fn markdown(rng: &mut Rng, clean: bool) -> String {
    let (front, pieces) = if clean {
        ("---\ntitle: T\n---\n", SAFE_PIECES)
    } else {
        (rng.pick(FRONT), PIECES)
    };
    let mut text = front.to_string();
    for _ in 0..rng.below(40) {
        text.push_str(rng.pick(pieces));
    }
    if clean {
        text.push_str("\n## Section\n");
    }
    text
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn random_site(seed: u64) -> tempfile::TempDir {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let clean = seed % 3 == 0;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let config = if clean {
        "title: Clean\n"
    } else {
        rng.pick(&[
            "title: Random\n",
            "title: Random\nbase_url: https://x.org/sub/\nlanguages: { ru: { name: Русский } }\n",
            "title: Random\nlints: { broken-link: allow }\nspecs: { obsoletes: { 2: [1] } }\n",
            "title: [broken\n",
            "titel: typo\n",
        ])
    };
    write(root, "charter.yaml", config);
    write(root, "index.md", &markdown(&mut rng, clean));
    for name in ["01-a.md", "02-b.md", "03-c.md"] {
        if rng.below(4) > 0 {
            write(root, &format!("book/{name}"), &markdown(&mut rng, clean));
        }
    }
    if clean {
        return dir;
    }
    if rng.below(2) == 0 {
        write(
            root,
            "book/SUMMARY.md",
            rng.pick(&[
                "# Summary\n- [A](01-a.md)\n  - [B](02-b.md)\n# Part\n---\n- [Gone](zz.md)\n",
                "- broken\n",
                "[Intro](03-c.md)\n",
            ]),
        );
    }
    for n in 1..=rng.below(4) {
        write(
            root,
            &format!("specs/{n}/README.md"),
            &format!("{}{}", rng.pick(SPEC_FRONT), markdown(&mut rng, false)),
        );
    }
    if rng.below(2) == 0 {
        write(
            root,
            "translations/ru/book/01-a.md",
            &markdown(&mut rng, false),
        );
        write(
            root,
            "translations/ru/ui.ftl",
            rng.pick(&["next = Далее\n", "broken = {\n"]),
        );
    }
    dir
}

#[test]
fn random_sites_never_panic_and_build_deterministically() {
    let (mut succeeded, mut failed) = (0, 0);
    for seed in 0..200 {
        let site = random_site(seed);
        let result = std::panic::catch_unwind(|| {
            let a = build_at(site.path(), |_| {});
            let b = build_at(site.path(), |_| {});
            (
                a.files == b.files,
                a.report.diagnostics == b.report.diagnostics,
                a.report.succeeded(),
            )
        });
        match result {
            Ok((same_files, same_diags, ok)) => {
                assert!(same_files && same_diags, "seed {seed}: two builds differ");
                if ok {
                    succeeded += 1
                } else {
                    failed += 1
                }
            }
            Err(_) => panic!("seed {seed}: the build panicked"),
        }
    }
    // The generator must reach both outcomes, or it tests little.
    assert!(
        succeeded >= 60 && failed > 60,
        "{succeeded} succeeded, {failed} failed"
    );
}

// ── The parsers one by one (as the fuzz targets in fuzz/ do, briefly) ──────
//
// Random texts built from pieces of each format, then mutated character by
// character; every parser must return (never panic) and place every
// diagnostic inside the text. Inputs that once failed come first.

/// Characters that break parsers: line ends, brackets, quotes, BOM, bidi,
/// NUL, multi-byte letters.
const TRICKY: &[char] = &[
    '\r',
    '\n',
    '\t',
    '\0',
    '{',
    '}',
    '[',
    ']',
    '(',
    ')',
    ':',
    '#',
    '-',
    '*',
    '"',
    '\'',
    '|',
    '>',
    '&',
    '!',
    '%',
    '\\',
    '/',
    '.',
    ' ',
    'é',
    '中',
    '\u{feff}',
    '\u{202e}',
    '\u{1F600}',
];

/// Pieces joined at random, then up to 8 mutations (insert a tricky
/// character, delete a run, duplicate a run), always on char boundaries.
fn random_text(rng: &mut Rng, pieces: &[&str]) -> String {
    let mut text = String::new();
    for _ in 0..rng.below(24) {
        text.push_str(rng.pick(pieces));
    }
    for _ in 0..rng.below(9) {
        let chars: Vec<char> = text.chars().collect();
        let at = rng.below(chars.len() + 1);
        let mut chars = chars;
        match rng.below(3) {
            0 => chars.insert(at, TRICKY[rng.below(TRICKY.len())]),
            1 => {
                let end = (at + rng.below(8)).min(chars.len());
                chars.drain(at..end);
            }
            _ => {
                let end = (at + rng.below(16)).min(chars.len());
                let run: Vec<char> = chars[at..end].to_vec();
                chars.splice(at..at, run);
            }
        }
        text = chars.into_iter().collect();
    }
    text
}

/// Asserts every diagnostic is located inside a text of `lines` lines (a
/// position just past the last line is allowed where `past_end`).
fn assert_located(
    what: &str,
    text: &str,
    diags: &[charter::diagnostics::Diagnostic],
    optional: bool,
    past_end: bool,
) {
    let lines = text.split('\n').count() + usize::from(past_end);
    for d in diags {
        match &d.location {
            Some(at) => assert!(
                at.line >= 1 && at.line <= lines && at.column >= 1,
                "{what}: {d:?} is outside the text {text:?}"
            ),
            None => assert!(optional, "{what}: {d:?} is not located, text {text:?}"),
        }
    }
}

const YAML_PIECES: &[&str] = &[
    "title: T\n",
    "order: 3\n",
    "draft: true\n",
    "  - a\n",
    "editors: [a, b]\n",
    "contributors:\n  - x\n",
    "{",
    "}",
    "[",
    "]",
    ": ",
    "\"",
    "'",
    "&a ",
    "*a ",
    "!!str ",
    "---\n",
    "...\n",
    "# c\n",
    "\r",
    "\t",
    "? ",
    "- ",
    "|\n  x\n",
    ">\n",
    "number: ../1\n",
    "slug: ../x\n",
    "status: Stable\n",
    "obsoletes: [1, x]\n",
    "translated_from: abc\n",
    "weight: 3\n",
    "+++\n",
    "title = \"x\"\n",
    "\n",
    "x\n",
];

#[test]
fn front_matter_is_always_split_parsed_and_located() {
    let fixed = [
        // Lone CRs once put YAML errors past the end of the file (fuzzing).
        "---\ntitle6/ qA\r\r\r\r\r\r\r\r:\ntitle: 6/A\n---\n",
        "---\n=tate3/ A:\ntrntelaa\r\r\r\r\r\r\r\r\r\r\r\r\n",
        "\u{feff}---\r\ntitle: T\r\n---\r\nbody",
        "+++\ntitle = 1\n",
        "---",
    ];
    let mut rng = Rng(0x5EED_F00D);
    let random = (0..3000).map(|_| {
        let mut t = String::from(if rng.below(4) == 0 { "" } else { "---\n" });
        t.push_str(&random_text(&mut rng, YAML_PIECES));
        if rng.below(3) > 0 {
            t.push_str("---\n# Body\n");
        }
        t
    });
    for text in fixed.iter().map(|s| s.to_string()).chain(random) {
        let split = charter::frontmatter::split(&text);
        assert!(text.ends_with(split.body), "{text:?}");
        let (front, diags) = charter::frontmatter::parse(&split, Path::new("book/p.md"));
        assert_located("front matter", &text, &diags, false, true);
        for (line, column) in front.positions.values() {
            assert!(*line >= 1 && *column >= 1, "{text:?}");
        }
    }
}

const CONFIG_PIECES: &[&str] = &[
    "title: T\n",
    "titel: x\n",
    "description: d\n",
    "base_url: https://x.org/sub/\n",
    "base_url: nope\n",
    "languages:\n  ru: { name: R }\n",
    "  ar: { dir: rtl }\n",
    "lints: { broken-link: warn }\n",
    "lints: { x: y }\n",
    "specs:\n  obsoletes: { 2: [1] }\n",
    "  domains: [a.org]\n",
    "ignore: ['a[']\n",
    "versions:\n  refs: [v*]\n",
    "search: maybe\n",
    "static: 3\n",
    "book: { dir: b }\n",
    "home: ../x.md\n",
    "cname: x\n",
    "edit_url: x\n",
    "{",
    "[",
    "\r",
    ": ",
    "- ",
    "\n",
    "  ",
];

#[test]
fn config_is_always_parsed_and_located() {
    let fixed = ["\r{ i", "title: T\r\r\r\rx: [\n", "", "title:", "- a\n"];
    let mut rng = Rng(0xC0FF_EE00);
    let random = (0..3000).map(|_| random_text(&mut rng, CONFIG_PIECES));
    for text in fixed.iter().map(|s| s.to_string()).chain(random) {
        let diags = match charter::config::parse(&text, Path::new("charter.yaml")) {
            Ok((_, warnings)) => warnings,
            Err(errors) => {
                assert!(errors.iter().any(|d| d.is_error()), "{text:?}");
                errors
            }
        };
        assert_located("charter.yaml", &text, &diags, false, true);
    }
}

const SUMMARY_PIECES: &[&str] = &[
    "# Summary\n",
    "- [A](01-a.md)\n",
    "  - [B](b.md)\n",
    "* [C](c d.md)\n",
    "[Intro](i.md)\n",
    "---\n",
    "# Part\n",
    "- [Draft]()\n",
    "<!-- c -->\n",
    "<!--\n",
    "-->\n",
    "- broken\n",
    "    - [Deep](x.md)\n",
    "- [](x.md)\n",
    "- [A](../../x.md)\n",
    "- [A](/abs.md)\n",
    "- [A](a%20b.md)\n",
    "- [A [nested]](n.md)\n",
    "\t",
    "\r\n",
    "\n",
];

#[test]
fn summary_is_always_parsed_and_located() {
    let mut rng = Rng(0x5077_A41E);
    for _ in 0..3000 {
        let text = random_text(&mut rng, SUMMARY_PIECES);
        let (_, diags) = charter::summary::parse(&text, Path::new("book/SUMMARY.md"));
        assert_located("SUMMARY.md", &text, &diags, false, false);
    }
}

const FLUENT_PIECES: &[&str] = &[
    "next = Далее\n",
    "prev = { $x }\n",
    "broken = {\n",
    "-term = T\n",
    "m =\n    .attr = a\n",
    "sel = { $n ->\n  [one] one\n *[other] many\n}\n",
    "# c\n",
    "## g\n",
    "ref = { -term }\n",
    "\r",
    "{",
    "}",
    " ",
    "=",
    "\n",
    "    x\n",
    "banner-fallback = { $language }\n",
];

#[test]
fn fluent_files_are_always_parsed_and_located() {
    let mut rng = Rng(0x00F1_0E47);
    for _ in 0..2000 {
        let text = random_text(&mut rng, FLUENT_PIECES);
        let mut diags = Vec::new();
        charter::i18n::ui::parse(&text, Path::new("translations/ru/ui.ftl"), &mut diags);
        assert_located("ui.ftl", &text, &diags, false, false);
    }
}

/// Two specs of a pretend site, known by their shortnames.
struct Shortnames;

impl charter::markdown::ShortnameLinks for Shortnames {
    fn url(&self, shortname: &str) -> Option<String> {
        matches!(shortname, "42/C4" | "1/ONE").then(|| format!("/spec/{shortname}/"))
    }
}

#[test]
fn the_markdown_pipeline_always_renders_and_records_positions() {
    use charter::markdown::{render, Input};
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "book/02-b.md", "# B\n");
    write(dir.path(), "book/x.png", "png");
    let pages = [("book/02-b.md", "/book/b/"), ("book/01-a.md", "/book/a/")]
        .into_iter()
        .map(|(p, u)| (std::path::PathBuf::from(p), u.to_string()))
        .collect();
    let links = charter::links::SiteLinks::new(
        charter::url::Urls::new(Some("https://x.org/sub/")),
        charter::url::Scope::root(),
        dir.path(),
        pages,
    )
    .with_spec_domains(&["rfc.zeromq.org".to_string()]);
    let resolver = links.for_page(Path::new("book/01-a.md"));
    let highlighter = charter::highlight::Highlighter::new();
    let mut pieces: Vec<&str> = PIECES.to_vec();
    pieces.extend([
        "## Same {#same}\n",
        "## 2.3. Numbered\n",
        "[old](http://rfc.zeromq.org/spec:42/C4#goals) ",
        "<a href=\"nowhere/\">raw</a> ",
        "<img src='x.png'>\n",
        "[ref][r]\n\n[r]: 02-b.md\n",
        "<mailto:a@b.org> ",
    ]);
    let mut rng = Rng(0x003A_4CD0);
    for case in 0..600 {
        let text = random_text(&mut rng, &pieces);
        let input = Input {
            text: &text,
            first_line: 3,
            resolver: &resolver,
            highlighter: &highlighter,
            bcp14: case % 2 == 0,
            shortnames: Some(&Shortnames),
            source_headings: None,
            labels: &charter::markdown::Labels::default(),
        };
        let rendered = render(&input);
        let last = text.split('\n').count() + 2;
        for l in &rendered.links {
            assert!(
                l.line >= 3 && l.line <= last && l.column >= 1,
                "{l:?} in {text:?}"
            );
        }
        // Only an id the author wrote twice (`{#same}`) may repeat.
        let mut written = std::collections::HashMap::<String, usize>::new();
        for event in pulldown_cmark::Parser::new_ext(&text, charter::markdown::options()) {
            if let pulldown_cmark::Event::Start(pulldown_cmark::Tag::Heading {
                id: Some(id), ..
            }) = event
            {
                *written.entry(id.to_string()).or_default() += 1;
            }
        }
        let mut ids = std::collections::HashSet::new();
        for h in &rendered.headings {
            assert!(h.line >= 3 && h.line <= last, "{h:?} in {text:?}");
            let twice = written.get(&h.id).is_some_and(|n| *n > 1);
            assert!(ids.insert(h.id.clone()) || twice, "{h:?} in {text:?}");
        }
        // As a translation of a source with one heading fewer.
        let mut source = rendered.headings.clone();
        source.pop();
        let translated = render(&Input {
            source_headings: Some(&source),
            ..input
        });
        assert_eq!(translated.headings.len(), rendered.headings.len());
    }
}
