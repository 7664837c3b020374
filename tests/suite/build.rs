//! Builds fixture sites (one per behaviour) and asserts on output and diagnostics.

use crate::common;

use charter::build::{self, BuildOptions, Target};
use charter::diagnostics::Severity;
use common::*;

#[test]
fn basic_site_has_directory_urls_and_site_files() {
    let built = build_fixture("basic");
    built.assert_clean();
    for path in [
        "index.html",
        "book/why/index.html",
        "book/how/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        ".nojekyll",
        "CNAME",
        "img/logo.svg",
        "book/images/flow.svg",
        "assets/charter.css",
        "assets/charter.js",
    ] {
        assert!(built.files.contains_key(path), "missing {path}");
    }
    assert!(!built
        .files
        .keys()
        .any(|p| p.starts_with('_') || p.contains("/_")));
    assert_eq!(built.text("CNAME"), "docs.example.org\n");
    let sitemap = built.text("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/handbook/book/why/</loc>"),
        "{sitemap}"
    );
    assert!(built
        .text("robots.txt")
        .contains("Sitemap: https://example.org/handbook/sitemap.xml"));
}

#[test]
fn links_are_rewritten_to_page_urls_under_the_base_path() {
    let built = build_fixture("basic");
    let home = built.text("index.html");
    assert!(home.contains(r#"href="/handbook/book/why/""#), "{home}");
    assert!(home.contains(r#"href="/handbook/book/how/#review-process""#));
    assert!(
        home.contains(r#"src="/handbook/img/logo.svg""#),
        "root-relative image gets the base path"
    );
    let how = built.text("book/how/index.html");
    assert!(
        how.contains(r#"src="/handbook/book/images/flow.svg""#),
        "relative image is published and rewritten"
    );
    assert!(how.contains(r#"href="/handbook/book/why/""#));
}

#[test]
fn headings_get_unique_ids_and_a_toc() {
    let built = build_fixture("basic");
    let why = built.text("book/why/index.html");
    assert!(why.contains(r#"id="our-mission""#), "{why}");
    assert!(why.contains(r#"id="our-mission-1""#));
    assert!(why.contains(r##"href="#our-mission""##));
    assert!(why.contains("hl-"), "code is highlighted with classes");
    assert!(
        built.text("assets/charter.css").contains(".hl-"),
        "syntax colours are in the stylesheet"
    );
}

/// The code blocks of a Markdown page as (language, code), fences of
/// three backticks as the `code-blocks` fixture writes them.
fn fenced_blocks(markdown: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in markdown.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(lang)) => open = Some((lang.to_string(), String::new())),
            (Some(_), Some("")) => blocks.extend(open.take()),
            (Some((_, code)), _) => {
                code.push_str(line);
                code.push('\n');
            }
            (None, None) => {}
        }
    }
    blocks
}

/// `code` as syntect's own HTML generator writes it with charter's class
/// prefix (each line ending in a newline, as charter gives them).
fn syntect_html(code: &str, lang: &str) -> String {
    use syntect::html::{ClassStyle, ClassedHTMLGenerator};
    use syntect::parsing::SyntaxSet;
    let syntaxes = SyntaxSet::load_defaults_newlines();
    let name = &charter::highlight::Highlighter::new()
        .syntax_for(lang)
        .expect("a known language")
        .name
        .clone();
    let syntax = syntaxes.find_syntax_by_name(name).expect("the same syntax");
    let style = ClassStyle::SpacedPrefixed {
        prefix: charter::highlight::CLASS_PREFIX,
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &syntaxes, style);
    for line in syntect::util::LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .expect("syntect parses the line");
    }
    generator.finalize()
}

/// A build highlights pages on every core, with memos of blocks and lines,
/// regexes copied per thread and patterns made from a heredoc's or raw
/// string's opening kept per thread (vendor/syntect/CHARTER.md): every
/// block of every page must be what a fresh highlighter makes of it alone.
#[test]
fn code_highlighted_in_a_parallel_build_is_each_block_highlighted_alone() {
    let built = build_fixture("code-blocks");
    built.assert_clean();
    let book = fixture("code-blocks").join("book");
    let mut compared = 0;
    for chapter in 1..=12 {
        let source =
            std::fs::read_to_string(book.join(format!("{chapter:02}-chapter-{chapter}.md")))
                .unwrap();
        let html = built.text(&format!("book/chapter-{chapter}/index.html"));
        for (lang, code) in fenced_blocks(&source) {
            let alone = charter::highlight::Highlighter::new().block(&code, Some(&lang));
            assert!(
                html.contains(&alone),
                "chapter {chapter}, {lang}: {alone}\n{html}"
            );
            // charter writes the spans itself; they are syntect's own.
            let syntect = syntect_html(&code, &lang);
            assert!(
                alone.contains(&syntect),
                "chapter {chapter}, {lang}: {alone}\n{syntect}"
            );
            compared += 1;
        }
        // The heredoc ends at its own word: `echo` after it is a command.
        assert!(html.contains(r#"hl-echo hl-shell">echo</span>"#), "{html}");
    }
    assert_eq!(compared, 60);
}

/// `charter build` keeps its highlighted code blocks in the site's cache
/// folder; the next build takes them from there instead of highlighting
/// them again, and writes the same pages. A cache file that does not read
/// whole is rebuilt, and the folder tells git to ignore it. A build that
/// does not ask for it (the library's default) leaves no cache.
#[test]
fn the_next_build_takes_highlighted_blocks_from_the_cache_folder() {
    let site = copy_fixture("code-blocks");
    let out = tempfile::tempdir().unwrap();
    let cache = site.path().join(".charter-cache");
    let _ = std::fs::remove_dir_all(&cache);
    let build = |n: &str| {
        let dir = out.path().join(n);
        let mut opts = BuildOptions::new(site.path());
        opts.target = Target::Disk(dir.clone());
        opts.highlight_store = build::HighlightStore::ReadWrite;
        let report = build::build(&opts);
        assert!(report.succeeded(), "{:?}", report.diagnostics);
        (report.code_blocks_restored, read_tree(&dir))
    };

    let plain = build_to_disk(site.path(), &out.path().join("plain"));
    assert!(plain.succeeded());
    assert!(!cache.exists(), "no cache unless asked for");

    let (restored, first) = build("first");
    assert_eq!(restored, 0);
    let stored = std::fs::read(cache.join("highlight")).unwrap();
    let ignored = std::fs::read_to_string(cache.join(".gitignore")).unwrap();
    assert!(ignored.lines().any(|l| l == "*"), "{ignored}");

    let (restored, second) = build("second");
    assert!(restored >= 60, "{restored} blocks from the cache");
    assert_eq!(second, first);
    // Nothing new was highlighted: the file is as the first build left it.
    assert_eq!(std::fs::read(cache.join("highlight")).unwrap(), stored);

    std::fs::write(cache.join("highlight"), &stored[..stored.len() / 2]).unwrap();
    let (restored, third) = build("third");
    assert_eq!(restored, 0, "half a file is not used");
    assert_eq!(third, first);
    let (restored, _) = build("fourth");
    assert!(restored >= 60, "the third build wrote the file again");

    // A block changed is highlighted again; the others come from the cache.
    append(
        site.path(),
        "book/01-chapter-1.md",
        "\n```rust\nfn added() {}\n```\n",
    );
    let (again, fifth) = build("fifth");
    assert_eq!(again, restored);
    let page = String::from_utf8_lossy(&fifth["book/chapter-1/index.html"]).into_owned();
    assert!(
        page.contains(r#"hl-entity hl-name hl-function hl-rust">added</span>"#),
        "{page}"
    );
}

/// vendor/syntect begins each pattern's search at the first byte its
/// match can start with: tokens late in a line, after text in other
/// scripts, and keywords matched without regard to case keep their
/// classes (the `code-blocks` fixture's front page).
#[test]
fn tokens_after_text_in_other_scripts_keep_their_classes() {
    let built = build_fixture("code-blocks");
    built.assert_clean();
    let html = built.text("index.html");
    let sql = |class: &str, text: &str| format!(r#"<span class="hl-{class} hl-sql">{text}</span>"#);
    for expected in [
        sql("keyword hl-other hl-DML", "select"),
        sql("keyword hl-other hl-DML", "FROM"),
        sql("keyword hl-other hl-DML", "AND"),
        sql("keyword hl-operator hl-comparison", "&gt;="),
        sql("constant hl-numeric", "42"),
        sql("punctuation hl-definition hl-string hl-end", "&#39;"),
        r#"<span class="hl-storage hl-type hl-rust">let</span> greeting"#.to_string(),
        r#"<span class="hl-punctuation hl-definition hl-string hl-begin hl-rust">&quot;</span>hallo"#.to_string(),
        r#"<span class="hl-punctuation hl-terminator hl-rust">;</span> <span class="hl-comment hl-line hl-double-slash hl-rust">"#.to_string(),
    ] {
        assert!(html.contains(&expected), "{expected}\n{html}");
    }
    // `ſelect` in the comment stays comment text.
    assert!(html.contains("</span> Grüße, ſelect and K"), "{html}");
}

#[test]
fn pages_carry_lang_edit_link_and_prev_next() {
    let built = build_fixture("basic");
    let why = built.text("book/why/index.html");
    assert!(why.contains(r#"<html lang="en" dir="ltr""#), "{why}");
    assert!(why.contains("https://github.com/example/handbook/edit/main/book/01-why.md"));
    assert!(why.contains(r#"rel="next""#) && why.contains("/handbook/book/how/"));
    let how = built.text("book/how/index.html");
    assert!(how.contains(r#"rel="prev""#));
    assert!(
        why.contains("<title>Why we exist"),
        "title from front matter"
    );
    assert!(
        how.contains("<title>How we work"),
        "title from first heading"
    );
}

/// A link to a page shared in a chat or on social media shows a preview:
/// Open Graph tags from the page's title, description and canonical URL.
#[test]
fn pages_carry_open_graph_tags() {
    let built = build_fixture("basic");
    let why = built.text("book/why/index.html");
    for tag in [
        r#"<meta property="og:type" content="article">"#,
        r#"<meta property="og:site_name" content="Basic Fixture">"#,
        r#"<meta property="og:title" content="Why we exist">"#,
        r#"<meta property="og:description" content="The reasons">"#,
        r#"<meta property="og:url" content="https://example.org/handbook/book/why/">"#,
        r#"<meta property="og:locale" content="en">"#,
    ] {
        assert!(why.contains(tag), "{tag}");
    }
    // Without a description in its front matter, a page is described by
    // its first paragraph (after a heading and a paragraph of one image).
    let how = built.text("book/how/index.html");
    for tag in [
        r#"<meta name="description" content="Back to why.">"#,
        r#"<meta property="og:description" content="Back to why.">"#,
    ] {
        assert!(how.contains(tag), "{tag}");
    }
    let home = built.text("index.html");
    assert!(home.contains(r#"<meta property="og:type" content="website">"#));
    assert!(
        home.contains(r#"<meta property="og:description" content="A small handbook for tests">"#)
    );
}

/// GitHub's alerts (`> [!NOTE]` …) are titled boxes, titled in the
/// language of the text: a translation's in its language, a page shown
/// untranslated in the source language's.
#[test]
fn github_alerts_are_titled_in_the_language_of_the_text() {
    let built = build_fixture("alerts");
    let box_of = |kind: &str, title: &str| {
        format!(
            "<div class=\"alert\" data-alert=\"{kind}\" role=\"note\">\n<p class=\"alert-title\">{title}</p>\n"
        )
    };
    let safety = built.text("book/safety/index.html");
    assert!(
        safety.contains(&format!(
            "{}<p>Readings are <strong>hourly</strong>.</p>\n</div>",
            box_of("note", "Note")
        )),
        "{safety}"
    );
    assert!(safety.contains(&box_of("warning", "Warning")));
    assert!(safety.contains("<li>Wait for the water to fall.</li>"));
    assert!(safety.contains("<blockquote>\n<p>A plain quotation stays a quotation.</p>"));
    assert!(
        safety.contains("<blockquote>\n<p>[!UNKNOWN]"),
        "an unknown kind stays a quotation"
    );
    assert_eq!(safety.matches("class=\"alert\"").count(), 2);

    let ru = built.text("ru/book/safety/index.html");
    assert!(ru.contains(&box_of("note", "Примечание")), "{ru}");
    assert!(ru.contains(&box_of("warning", "Предупреждение")));

    // Untranslated: the English text keeps English titles.
    let ru_tips = built.text("ru/book/tips/index.html");
    assert!(ru_tips.contains(&box_of("tip", "Tip")), "{ru_tips}");
    assert!(ru_tips.contains(&box_of("caution", "Caution")));
}

/// `aliases:` publishes a page's old addresses as redirects to it, in
/// every language, under the base path; links to them are not broken.
#[test]
fn aliases_redirect_old_addresses_in_every_language() {
    let built = build_fixture("aliases");
    let redirect_to = |path: &str, target: &str| {
        let page = built.text(path);
        assert!(
            page.contains(&format!(
                r#"<meta http-equiv="refresh" content="0; url={target}">"#
            )) && page.contains(&format!(r#"<link rel="canonical" href="{target}">"#)),
            "{path}: {page}"
        );
    };
    redirect_to("book/reasons/index.html", "/docs/book/why/");
    redirect_to("why.html", "/docs/book/why/");
    redirect_to("old/handbook/why/index.html", "/docs/book/why/");
    redirect_to("book/process/index.html", "/docs/book/how/");
    // The same old addresses in Russian lead to the Russian pages, the
    // translated one and the fallback alike.
    redirect_to("ru/book/reasons/index.html", "/docs/ru/book/why/");
    redirect_to("ru/why.html", "/docs/ru/book/why/");
    redirect_to("ru/book/process/index.html", "/docs/ru/book/how/");
    // A translation's own aliases are not used, and it is told so.
    assert!(!built.files.contains_key("ru/book/zachem/index.html"));
    let d = built.assert_diag(
        Severity::Warning,
        "frontmatter-value",
        "translations/ru/book/01-why.md",
        3,
        1,
    );
    assert!(
        d.message.contains("`aliases:` in a translation"),
        "{}",
        d.message
    );
    assert_eq!(built.report.diagnostics.len(), 1, "{}", built.summary());
    // Redirects are not pages: not in the sitemap.
    assert!(!built.text("sitemap.xml").contains("reasons"));
}

#[test]
fn not_found_page_uses_absolute_links_with_base_path() {
    let built = build_fixture("basic");
    let page = built.text("404.html");
    for attr in ["href=\"", "src=\""] {
        for (i, _) in page.match_indices(attr) {
            let value = &page[i + attr.len()..];
            let value = &value[..value.find('"').unwrap()];
            assert!(
                value.starts_with("/handbook/")
                    || value.starts_with("http")
                    || value.starts_with('#'),
                "404 link not absolute: {value}"
            );
        }
    }
}

#[test]
fn chapters_ordered_by_front_matter_then_file_name() {
    let built = build_fixture("order-front-matter");
    built.assert_clean();
    let nav = built.text("charter-nav.js");
    let z = nav.find("Zeta first").unwrap();
    let a = nav.find("Alpha second").unwrap();
    let b = nav.find("Beta last").unwrap();
    assert!(z < a && a < b, "{nav}");

    let built = build_fixture("order-filename");
    let nav = built.text("charter-nav.js");
    let (one, two, ten) = (
        nav.find("One").unwrap(),
        nav.find("Two").unwrap(),
        nav.find("Ten").unwrap(),
    );
    assert!(one < two && two < ten, "{nav}");
    assert!(built.files.contains_key("book/one/index.html"));
}

#[test]
fn summary_entry_for_missing_file_is_located() {
    let built = build_fixture("summary-missing");
    built.assert_diag(
        Severity::Error,
        "summary-missing-file",
        "book/SUMMARY.md",
        4,
        3,
    );
    assert!(!built.report.succeeded());
}

#[test]
fn broken_links_and_anchors_point_at_the_markdown_source() {
    let built = build_fixture("broken-links");
    built.assert_diag(Severity::Error, "broken-link", "book/01-one.md", 3, 3);
    built.assert_diag(Severity::Error, "broken-anchor", "book/01-one.md", 5, 3);
    assert_eq!(built.errors().len(), 2, "{}", built.summary());
}

/// A link to a misspelt chapter, spec or image suggests the file meant, as
/// the link would be written from the same page (also from a translation).
#[test]
fn broken_links_to_misspelt_files_suggest_the_file_meant() {
    let site = tempfile::tempdir().unwrap();
    for (rel, text) in [
        (
            "charter.yaml",
            "title: Near\nlanguages: { ru: { name: Русский } }\n",
        ),
        ("index.md", "# Home\n"),
        ("book/01-why.md", "# Why\n"),
        (
            "book/02-how.md",
            "# How\n\nSee [why](01-whyy.md) and [C4](../specs/42/READNE.md).\n",
        ),
        (
            "specs/42/README.md",
            "---\nshortname: 42/C4\nstatus: draft\n---\n# C4\n",
        ),
        (
            "translations/ru/book/02-how.md",
            "# Как\n\n[Зачем](01-wyh.md).\n",
        ),
        (
            "book/03-far.md",
            "# Far\n\n[Nothing like it](zzz-qqq.md).\n",
        ),
        ("book/04-pic.md", "# Pic\n\n![Flow](images/flw.svg)\n"),
        (
            "book/images/flow.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
    ] {
        let path = site.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let built = build_at(site.path(), |_| {});
    let help = |file: &str, line: usize, column: usize| {
        let d = built.assert_diag(Severity::Error, "broken-link", file, line, column);
        d.help.clone().unwrap_or_default()
    };
    assert_eq!(help("book/02-how.md", 3, 5), "did you mean `01-why.md`?");
    assert_eq!(
        help("book/02-how.md", 3, 27),
        "did you mean `../specs/42/README.md`?"
    );
    assert_eq!(
        help("translations/ru/book/02-how.md", 3, 1),
        "did you mean `01-why.md`?"
    );
    assert!(help("book/03-far.md", 3, 1).starts_with("check the path"));
    assert_eq!(
        help("book/04-pic.md", 3, 1),
        "did you mean `images/flow.svg`?"
    );
    assert_eq!(built.errors().len(), 5, "{}", built.summary());
}

#[test]
fn unknown_config_keys_are_all_reported_with_suggestions() {
    let built = build_fixture("bad-config");
    let dri = built.assert_diag(Severity::Error, "unknown-key", "charter.yaml", 3, 3);
    assert!(dri.help.as_deref().unwrap_or("").contains("dir"), "{dri:?}");
    let serach = built.assert_diag(Severity::Error, "unknown-key", "charter.yaml", 4, 1);
    assert!(serach.help.as_deref().unwrap_or("").contains("search"));
}

#[test]
fn front_matter_errors_are_located_in_the_markdown_file() {
    let built = build_fixture("bad-frontmatter");
    let errors = built.errors();
    assert_eq!(errors.len(), 1, "{}", built.summary());
    let loc = errors[0].location.as_ref().unwrap();
    assert_eq!(
        (loc.file.to_str().unwrap(), errors[0].code),
        ("book/01-bad.md", "yaml-syntax")
    );
    assert!(
        loc.line >= 4,
        "error is on or after the bad line: {}",
        built.summary()
    );
    built.assert_diag(Severity::Warning, "unknown-key", "book/02-other.md", 3, 1);
}

#[test]
fn two_pages_with_one_url_is_an_error() {
    let built = build_fixture("duplicate-url");
    assert!(
        built.codes().contains(&"duplicate-url"),
        "{}",
        built.summary()
    );
    let d = built.errors()[0];
    assert!(d.message.contains("01-same.md") && d.message.contains("02-same.md"));
}

#[test]
fn drafts_only_with_the_flag() {
    let built = build_fixture("drafts");
    assert!(!built.files.contains_key("book/secret/index.html"));
    let built = build_at(&fixture("drafts"), |o| o.drafts = true);
    assert!(built.files.contains_key("book/secret/index.html"));
}

#[test]
fn base_url_flag_overrides_config() {
    let built = build_at(&fixture("basic"), |o| {
        o.base_url = Some("https://x.github.io/proj/".into())
    });
    built.assert_clean();
    assert!(built
        .text("index.html")
        .contains(r#"href="/proj/book/why/""#));
}

#[test]
fn a_partial_can_be_overridden() {
    let built = build_fixture("template-override");
    built.assert_clean();
    let page = built.text("book/page/index.html");
    assert!(page.contains("Our own footer for T"), "{page}");
    assert!(
        page.contains("<main"),
        "the base template is still the default"
    );
}

#[test]
fn template_errors_name_the_template_file_and_line() {
    let built = build_fixture("template-error");
    let errors = built.errors();
    assert!(!errors.is_empty());
    let loc = errors[0].location.as_ref().expect("located");
    assert_eq!(errors[0].code, "template-error");
    assert_eq!(
        loc.file,
        std::path::Path::new("templates/partials/footer.html")
    );
    assert!(loc.line >= 2, "{}", built.summary());
}

#[test]
fn lints_change_levels() {
    let built = build_fixture("lints");
    assert!(built.report.succeeded(), "{}", built.summary());
    assert_eq!(built.codes(), vec!["broken-link"]);
    assert_eq!(built.report.diagnostics[0].severity, Severity::Warning);
    let strict = build_at(&fixture("lints"), |o| o.strict = true);
    assert!(!strict.report.succeeded());
}

#[test]
fn ignored_files_are_never_read() {
    let built = build_fixture("ignore");
    built.assert_clean();
    assert!(!built.files.keys().any(|k| k.contains("drafts")));
}

#[test]
fn non_utf8_and_unreadable_files_are_errors_not_panics() {
    let dir = copy_fixture("order-filename");
    std::fs::write(dir.path().join("book/03-latin1.md"), b"# Caf\xe9\n").unwrap();
    let built = build_at(dir.path(), |_| {});
    built.assert_diag(Severity::Error, "invalid-utf8", "book/03-latin1.md", 1, 6);
}

#[test]
fn empty_and_huge_files_build() {
    let dir = copy_fixture("order-filename");
    std::fs::write(dir.path().join("book/04-empty.md"), b"").unwrap();
    let line = "word ".repeat(1_000_000);
    std::fs::write(dir.path().join("book/05-huge.md"), line.as_bytes()).unwrap();
    let built = build_at(dir.path(), |_| {});
    assert!(built.report.succeeded(), "{}", built.summary());
    assert!(built.files.contains_key("book/empty/index.html"));
    assert!(built.files["book/huge/index.html"].len() > 5_000_000);
}

#[test]
fn example_site_builds_without_diagnostics() {
    let built = build_at(&example_site(), |_| {});
    built.assert_clean();
    assert!(built.report.pages >= 6);
}

#[test]
fn builds_are_deterministic() {
    let a = build_at(&example_site(), |_| {});
    let b = build_at(&example_site(), |_| {});
    assert_eq!(
        a.files.keys().collect::<Vec<_>>(),
        b.files.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &a.files {
        assert!(bytes == &b.files[path], "{path} differs between builds");
    }
}

/// A one-off build frees each page's Markdown and rendered body as soon as
/// it is done with them (a session keeps them): the output must not change.
#[test]
fn a_one_off_build_writes_what_a_session_build_writes() {
    let root = example_site();
    let mut opts = charter::build::BuildOptions::new(&root);
    opts.target = charter::build::Target::Memory;
    let one_off = charter::build::build(&opts);
    let (kept, session) = charter::build::build_session(&opts);
    assert!(one_off.succeeded() && session.is_some());
    let (a, b) = (one_off.memory.unwrap(), kept.memory.unwrap());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs");
    }
    if cfg!(feature = "search") {
        assert!(a.contains_key("pagefind/pagefind-entry.json"));
    }
}

#[test]
fn links_outside_the_base_path_are_errors() {
    let built = build_fixture("outside-base");
    let errors = built.errors();
    assert_eq!(errors.len(), 1, "{}", built.summary());
    assert_eq!(errors[0].code, "link-outside-base");
    assert!(
        errors[0].message.contains("/elsewhere/"),
        "{}",
        built.summary()
    );
}

#[test]
fn malformed_config_yaml_is_located() {
    let dir = copy_fixture("order-filename");
    std::fs::write(
        dir.path().join("charter.yaml"),
        "title: Broken\nbook:\n  dir: [unclosed\n",
    )
    .unwrap();
    let built = build_at(dir.path(), |_| {});
    let d = &built.errors()[0];
    assert_eq!(d.code, "yaml-syntax", "{}", built.summary());
    assert_eq!(
        d.location.as_ref().unwrap().file,
        std::path::Path::new("charter.yaml")
    );
    assert!(d.location.as_ref().unwrap().line >= 3);
    assert!(built.files.is_empty(), "nothing is written");
}

#[cfg(unix)]
#[test]
fn a_dangling_symlink_is_an_unreadable_file() {
    let dir = copy_fixture("order-filename");
    std::os::unix::fs::symlink("nowhere.md", dir.path().join("book/04-gone.md")).unwrap();
    let built = build_at(dir.path(), |_| {});
    built.assert_diag(Severity::Error, "io-error", "book/04-gone.md", 1, 1);
}

#[test]
fn example_site_specs_show_their_lifecycle() {
    let built = build_at(&example_site(), |_| {});
    let old = built.text("spec/3/index.html");
    let banner = &old[old.find(r#"data-banner="deprecated""#).expect("banner")..];
    assert!(banner[..banner.find("</div>").unwrap()].contains(r#"href="/riverbank/spec/4/""#));
    let draft = built.text("spec/2/index.html");
    assert!(draft.contains(r#"data-banner="draft""#));
    assert!(
        draft.contains(r#"href="/riverbank/spec/1/""#),
        "the draft cites the stable spec by shortname"
    );
    let chapter = built.text("book/specs/index.html");
    assert!(
        chapter.contains(r#"href="/riverbank/spec/4/#format""#),
        "the handbook links a spec by number"
    );
    assert!(chapter.contains(r#"data-spec-status="deprecated""#));
    let stable = built.text("spec/1/index.html");
    assert!(stable.contains("Referenced by"), "backlinks at the foot");
    assert!(built
        .text("spec/index.html")
        .contains(r#"data-registry-group="deprecated""#));
}

#[test]
fn a_render_cache_reuses_unchanged_pages_and_changes_nothing() {
    let dir = copy_fixture("basic");
    let cache = std::sync::Arc::new(charter::site::RenderCache::default());
    let with_cache = |cache: &std::sync::Arc<charter::site::RenderCache>| {
        let c = cache.clone();
        build_at(dir.path(), move |o| o.cache = Some(c))
    };
    let first = with_cache(&cache);
    assert_eq!(cache.last_rendered(), 3);
    let second = with_cache(&cache);
    assert_eq!(
        cache.last_rendered(),
        0,
        "nothing changed, nothing rendered"
    );
    assert_eq!(first.files, second.files);

    std::fs::write(
        dir.path().join("book/02-how.md"),
        "# How we work\n\n![Flow](images/flow.svg)\n\n## Review process\n\nEdited.\n",
    )
    .unwrap();
    let edited = with_cache(&cache);
    assert_eq!(cache.last_rendered(), 1, "only the edited page");
    let fresh = build_at(dir.path(), |_| {});
    assert_eq!(
        edited.files, fresh.files,
        "the cache changes no byte of the output"
    );

    // A file that appears makes a link valid: the page is rendered again.
    std::fs::write(
        dir.path().join("book/01-why.md"),
        "# Why\n\n![Later](images/later.svg)\n",
    )
    .unwrap();
    let broken = with_cache(&cache);
    assert!(broken.codes().contains(&"broken-link"));
    std::fs::write(
        dir.path().join("book/images/later.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    let fixed = with_cache(&cache);
    assert!(fixed.report.succeeded(), "{}", fixed.summary());
    assert!(fixed.files.contains_key("book/images/later.svg"));
}

#[test]
fn slugs_that_would_leave_the_book_are_refused_at_their_line() {
    let dir = copy_fixture("order-filename");
    for (file, slug) in [
        ("04-a.md", "../../escape"),
        ("05-b.md", "a//b"),
        ("06-c.md", "x\\\\y"),
    ] {
        std::fs::write(
            dir.path().join("book").join(file),
            format!("---\nslug: \"{slug}\"\n---\n# T\n"),
        )
        .unwrap();
    }
    let built = build_at(dir.path(), |_| {});
    for file in ["book/04-a.md", "book/05-b.md", "book/06-c.md"] {
        built.assert_diag(Severity::Error, "bad-slug", file, 2, 1);
    }
    assert!(
        built
            .files
            .keys()
            .all(|k| !k.contains("..") && !k.contains("escape")),
        "{:?}",
        built.files.keys()
    );
}

#[test]
fn a_session_redoes_only_an_edited_page_and_matches_a_full_build() {
    let dir = copy_fixture("basic");
    let mut opts = charter::build::BuildOptions::new(dir.path());
    opts.target = charter::build::Target::Memory;
    let (report, session) = charter::build::build_session(&opts);
    assert!(report.succeeded());
    let mut session = session.expect("a session after a good build");

    // A body edit: one page again, byte for byte what a full build writes.
    let how = dir.path().join("book/02-how.md");
    let text = std::fs::read_to_string(&how).unwrap();
    std::fs::write(&how, text.replace("Back to", "Go back to")).unwrap();
    let edit = session
        .edit(&[std::path::PathBuf::from("book/02-how.md")])
        .expect("a body edit is redone alone");
    assert!(edit.succeeded(), "{:?}", edit.diagnostics);
    assert_eq!(
        edit.files.keys().collect::<Vec<_>>(),
        vec!["book/how/index.html"]
    );
    let full = build_at(dir.path(), |_| {});
    assert_eq!(
        edit.files["book/how/index.html"],
        full.files["book/how/index.html"]
    );

    // A broken link in the edit is reported at its line; fixing it clears it.
    std::fs::write(
        &how,
        text.replace("Back to [why](./01-why.md)", "Back to [why](./nowhere.md)"),
    )
    .unwrap();
    let broken = session
        .edit(&[std::path::PathBuf::from("book/02-how.md")])
        .unwrap();
    assert!(!broken.succeeded());
    assert!(broken
        .diagnostics
        .iter()
        .any(|d| d.code == "broken-link" && d.location.as_ref().unwrap().line == 7));
    std::fs::write(&how, &text).unwrap();
    let fixed = session
        .edit(&[std::path::PathBuf::from("book/02-how.md")])
        .unwrap();
    assert!(fixed.succeeded(), "{:?}", fixed.diagnostics);

    // A new title changes the nav of every page: that needs a full build.
    std::fs::write(&how, text.replace("# How we work", "# How we really work")).unwrap();
    assert!(session
        .edit(&[std::path::PathBuf::from("book/02-how.md")])
        .is_none());
}

#[test]
fn the_link_check_reads_raw_html_as_a_browser_does() {
    // Links in a script's text or a comment are no links; after them, a
    // real one is checked and an id is found.
    let built = build_fixture("link-scan");
    let summary = built.summary();
    assert!(summary.contains("/nowhere-real/"), "{summary}");
    // Past hand-written end tags (upper case, with a quoted attribute
    // holding `<a href>`), the next link is read and the next id found.
    assert!(summary.contains("/after-end-tags-gone/"), "{summary}");
    for hidden in [
        "/inside-script/",
        "/inside-comment/",
        "kept-anchor",
        "/inside-end-tag/",
        "#after-end-tags",
    ] {
        assert!(!summary.contains(hidden), "{hidden}: {summary}");
    }
}
