//! Translated sites: mirrored language trees, fallback pages, anchors that
//! survive translation, links that stay in the language, switcher and hreflang.

use crate::common;

use charter::diagnostics::Severity;
use common::*;

#[test]
fn every_page_exists_in_every_language() {
    let built = build_fixture("i18n-site");
    built.assert_clean();
    for lang in ["", "ru/", "ar/"] {
        for page in ["index.html", "book/why/index.html", "book/how/index.html"] {
            assert!(
                built.files.contains_key(&format!("{lang}{page}")),
                "{lang}{page}"
            );
        }
    }
}

#[test]
fn pages_carry_lang_and_direction() {
    let built = build_fixture("i18n-site");
    assert!(built
        .text("ru/book/why/index.html")
        .contains(r#"<html lang="ru" dir="ltr">"#));
    assert!(built
        .text("ar/index.html")
        .contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(built
        .text("book/why/index.html")
        .contains(r#"<html lang="en" dir="ltr">"#));
}

#[test]
fn untranslated_pages_fall_back_to_the_source_with_a_notice() {
    let built = build_fixture("i18n-site");
    let page = built.text("ru/book/how/index.html");
    assert!(
        page.contains(r#"<html lang="ru""#),
        "chrome in the reader's language"
    );
    assert!(
        page.contains(r#"<div lang="en" dir="ltr">"#),
        "the source text keeps its language"
    );
    let banner = &page[page
        .find(r#"data-banner="fallback""#)
        .expect("fallback banner")..];
    assert!(banner[..banner.find("</div>").unwrap()].contains(r#"href="/docs/book/how/""#));
    assert!(
        page.contains("https://github.com/example/docs/edit/main/translations/ru/book/02-how.md"),
        "help translate: the edit link names the missing file"
    );
    assert!(
        page.contains(r#"href="/docs/ru/book/why/#our-mission""#),
        "links in a fallback stay in the language"
    );
}

#[test]
fn translated_headings_keep_the_source_anchors() {
    let built = build_fixture("i18n-site");
    let page = built.text("ru/book/why/index.html");
    assert!(
        page.contains(
            r#"<h2 id="our-mission"><span class="section-alias" id="наша-миссия"></span>"#
        ),
        "{page}"
    );
    // The English page links to #our-mission of the Russian one's counterpart; both anchors work.
    assert!(
        page.contains("%D0%BD%D0%B0%D1%88%D0%B0"),
        "a link to the translated anchor is kept (and checked)"
    );
}

#[test]
fn links_in_translations_stay_in_the_language() {
    let built = build_fixture("i18n-site");
    let page = built.text("ru/book/why/index.html");
    assert!(page.contains(r#"href="/docs/ru/book/how/#review""#));
    assert!(
        page.contains(r#"src="/docs/book/images/flow.svg""#),
        "images are shared by languages"
    );
    let home = built.text("ar/index.html");
    assert!(home.contains(r#"href="/docs/ar/book/why/""#));
}

#[test]
fn switcher_and_hreflang_keep_the_page() {
    let built = build_fixture("i18n-site");
    let page = built.text("ru/book/why/index.html");
    // Search engines ask for absolute URLs in `<link rel="alternate">`.
    for (lang, href) in [
        ("en", "https://example.org/docs/book/why/"),
        ("ru", "https://example.org/docs/ru/book/why/"),
        ("ar", "https://example.org/docs/ar/book/why/"),
        ("x-default", "https://example.org/docs/book/why/"),
    ] {
        assert!(
            page.contains(&format!(
                r#"<link rel="alternate" hreflang="{lang}" href="{href}">"#
            )),
            "{lang}"
        );
    }
    let switcher = &page[page
        .find(r#"nav data-switcher="language""#)
        .expect("switcher")..];
    let switcher = &switcher[..switcher.find("</nav>").unwrap()];
    assert_eq!(switcher.matches("<a ").count(), 3);
    assert!(
        switcher.contains(r#"href="/docs/ar/book/why/" hreflang="ar" lang="ar">العربية</a>"#),
        "{switcher}"
    );
    assert!(switcher.contains(r#"aria-current="true">Русский"#));
    let sitemap = built.text("sitemap.xml");
    assert!(sitemap.contains(r#"<xhtml:link rel="alternate" hreflang="ru" href="https://example.org/docs/ru/book/why/"/>"#));
}

#[test]
fn the_sidebar_uses_translated_titles() {
    let built = build_fixture("i18n-site");
    let nav = built.text("charter-nav.ru.js");
    assert!(nav.contains("Зачем"), "{nav}");
    assert!(nav.contains("/docs/ru/book/how/"));
}

#[test]
fn a_changed_outline_is_reported_with_both_files() {
    let dir = copy_fixture("i18n-site");
    std::fs::write(
        dir.path().join("translations/ru/book/02-how.md"),
        "# Как\n\n## Обзор\n\n### Лишний\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("book/02-how.md"), "# How\n\n## Review\n").unwrap();
    let built = build_at(dir.path(), |_| {});
    let d = built.assert_diag(
        Severity::Warning,
        "i18n-outline",
        "translations/ru/book/02-how.md",
        5,
        1,
    );
    assert_eq!(d.related[0].0.file, std::path::Path::new("book/02-how.md"));
}

#[test]
fn an_outline_warning_says_what_differs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (rel, text) in [
        ("charter.yaml", "title: T\nlanguages: { ru: { name: R } }\n"),
        ("book/01-a.md", "# A\n\n## One\n\n## Two\n"),
        (
            "translations/ru/book/01-a.md",
            "# А\n\n## Один\n\n### Два\n",
        ),
        ("book/02-b.md", "# B\n\n## One\n"),
        (
            "translations/ru/book/02-b.md",
            "# Б\n\n## Один\n\n## Лишний\n",
        ),
        ("book/03-c.md", "# C\n\n## One\n\n## Two\n"),
        ("translations/ru/book/03-c.md", "# Ц\n\n## Один\n"),
    ] {
        std::fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
        std::fs::write(root.join(rel), text).unwrap();
    }
    let built = build_at(root, |_| {});
    let level = built.assert_diag(
        Severity::Warning,
        "i18n-outline",
        "translations/ru/book/01-a.md",
        5,
        1,
    );
    assert!(
        level
            .message
            .ends_with("heading 3 is level 3 (`###`), the source's level 2 (`##`)"),
        "{}",
        level.message
    );
    let extra = built.assert_diag(
        Severity::Warning,
        "i18n-outline",
        "translations/ru/book/02-b.md",
        5,
        1,
    );
    assert!(
        extra.message.ends_with("it has 3 headings, the source 2"),
        "{}",
        extra.message
    );
    // A translation that stops early: reported after its last heading.
    let short = built.assert_diag(
        Severity::Warning,
        "i18n-outline",
        "translations/ru/book/03-c.md",
        3,
        1,
    );
    assert!(
        short.message.ends_with("it has 2 headings, the source 3"),
        "{}",
        short.message
    );
}

#[test]
fn orphans_and_unknown_language_folders_are_reported() {
    let dir = copy_fixture("i18n-site");
    std::fs::create_dir_all(dir.path().join("translations/ru/book/old")).unwrap();
    std::fs::write(
        dir.path().join("translations/ru/book/old/gone.md"),
        "# Лишнее\n",
    )
    .unwrap();
    let built = build_at(dir.path(), |_| {});
    built.assert_diag(
        Severity::Warning,
        "i18n-orphan",
        "translations/ru/book/old/gone.md",
        1,
        1,
    );
    std::fs::create_dir_all(dir.path().join("translations/rus")).unwrap();
    let built = build_at(dir.path(), |_| {});
    let d = built.assert_diag(
        Severity::Error,
        "i18n-unknown-language",
        "translations/rus",
        1,
        1,
    );
    assert!(d.help.as_deref().unwrap().contains("`ru`"), "{d:?}");
}

#[test]
fn stale_translations_show_a_banner_and_the_dashboard_counts_them() {
    let dir = copy_fixture("i18n-site");
    let source = std::fs::read(dir.path().join("book/01-why.md")).unwrap();
    let old_id = charter::i18n::blob_id(b"# Why\n\nolder text\n");
    let page = std::fs::read_to_string(dir.path().join("translations/ru/book/01-why.md")).unwrap();
    std::fs::write(
        dir.path().join("translations/ru/book/01-why.md"),
        page.replacen(
            "---\n",
            &format!(
                "---\ntranslated_from: {}\ntranslators: [Анна]\n",
                &old_id[..12]
            ),
            1,
        ),
    )
    .unwrap();
    let built = build_at(dir.path(), |_| {});
    let ru = built.text("ru/book/why/index.html");
    let banner = &ru[ru
        .find(r#"data-banner="outdated""#)
        .expect("outdated banner")..];
    assert!(banner[..banner.find("</div>").unwrap()].contains(r#"href="/docs/book/why/""#));
    let credit = &ru[ru.find(r#"<p class="translation-credit""#).expect("credit")..];
    assert!(
        credit[..credit.find("</p>").unwrap()].contains("Анна"),
        "the translator is credited, in Russian"
    );

    let current = charter::i18n::blob_id(&source);
    std::fs::write(
        dir.path().join("translations/ru/book/01-why.md"),
        page.replacen("---\n", &format!("---\ntranslated_from: {current}\n"), 1),
    )
    .unwrap();
    let built = build_at(dir.path(), |_| {});
    assert!(!built
        .text("ru/book/why/index.html")
        .contains(r#"data-banner="outdated""#));
    let dashboard = built.text("i18n/index.html");
    let ru = &dashboard[dashboard.find(r#"data-language="ru""#).unwrap()..];
    let ru = &ru[..ru.find("</section>").unwrap()];
    assert!(
        ru.contains("33% up to date") && ru.contains("1 / 3 pages"),
        "{ru}"
    );
    assert!(
        ru.contains(r#"data-state="missing""#) && ru.contains("translations/ru/book/02-how.md")
    );
    assert!(
        built.text("index.html").contains(r#"href="/docs/i18n/""#),
        "the footer links the dashboard"
    );
}

#[test]
fn a_translated_summary_names_parts_and_chapters_in_the_language() {
    let built = build_fixture("i18n-site");
    built.assert_clean();
    let ru = built.text("charter-nav.ru.js");
    assert!(
        ru.contains("\"Как\""),
        "the untranslated chapter gets its title from the translated SUMMARY: {ru}"
    );
    let en = built.text("charter-nav.js");
    assert!(en.contains("\"How\"") && !en.contains("Как"));
    let ex = build_at(&example_site(), |_| {});
    let nav = ex.text("charter-nav.ru.js");
    assert!(
        nav.contains("Зачем и как") && nav.contains("Спецификации"),
        "part titles in Russian: {nav}"
    );
}

#[test]
fn a_session_edit_updates_the_fallbacks_too() {
    let dir = copy_fixture("i18n-site");
    let mut opts = charter::build::BuildOptions::new(dir.path());
    opts.target = charter::build::Target::Memory;
    let (_, session) = charter::build::build_session(&opts);
    let mut session = session.expect("session");
    std::fs::write(
        dir.path().join("book/02-how.md"),
        "# How\n\n## Review\n\nNew words here. Back to [why](01-why.md#our-mission).\n",
    )
    .unwrap();
    let edit = session
        .edit(&[std::path::PathBuf::from("book/02-how.md")])
        .expect("a body edit");
    for page in [
        "book/how/index.html",
        "ru/book/how/index.html",
        "ar/book/how/index.html",
    ] {
        let html = String::from_utf8(edit.files[page].clone()).unwrap();
        assert!(html.contains("New words here."), "{page} shows the edit");
    }
    let full = build_at(dir.path(), |_| {});
    for (path, bytes) in &edit.files {
        assert!(
            bytes == &full.files[path],
            "{path} differs from a full build"
        );
    }
}
