//! The search index (feature `search`): one Pagefind index per language
//! under `pagefind/`, the theme's `data-pagefind-*` markup, the search box,
//! and `search: false` in charter.yaml and in front matter. Built without
//! the feature (`--no-default-features`), only the last test runs.

use crate::common;

#[cfg(feature = "search")]
mod with_search {
    use super::common::{self, build_at, build_fixture, copy_fixture, Built};
    use serde_json::Value;
    use std::io::Read;

    /// Every page record in the bundle's fragment files (gzip, a signature, JSON).
    fn fragments(built: &Built, bundle: &str) -> Vec<Value> {
        let mut out = Vec::new();
        for (path, bytes) in &built.files {
            if !(path.starts_with(bundle) && path.ends_with(".pf_fragment")) {
                continue;
            }
            let mut text = String::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_string(&mut text)
                .expect("gzip fragment");
            let json = text.strip_prefix("pagefind_dcd").expect("signature");
            collect_pages(
                &serde_json::from_str(json).expect("fragment JSON"),
                &mut out,
            );
        }
        out
    }

    fn collect_pages(v: &Value, out: &mut Vec<Value>) {
        match v {
            Value::Object(map) if map.contains_key("url") && map.contains_key("content") => {
                out.push(v.clone())
            }
            Value::Object(map) => map.values().for_each(|v| collect_pages(v, out)),
            Value::Array(items) => items.iter().for_each(|v| collect_pages(v, out)),
            _ => {}
        }
    }

    fn page<'a>(pages: &'a [Value], url: &str) -> &'a Value {
        pages.iter().find(|p| p["url"] == url).unwrap_or_else(|| {
            let urls: Vec<_> = pages.iter().map(|p| p["url"].to_string()).collect();
            panic!("{url} is not in the index: {urls:?}")
        })
    }

    fn entry(built: &Built, bundle: &str) -> Value {
        serde_json::from_str(built.text(&format!("{bundle}pagefind-entry.json"))).unwrap()
    }

    #[test]
    fn each_language_gets_its_own_index() {
        let built = build_fixture("search");
        assert!(built.errors().is_empty(), "{}", built.summary());
        for file in [
            "pagefind.js",
            "pagefind-worker.js",
            "wasm.en.pagefind",
            "wasm.ru.pagefind",
        ] {
            assert!(
                built.files.contains_key(&format!("pagefind/{file}")),
                "pagefind/{file}"
            );
        }
        // Pagefind's own UIs are not shipped: the theme has its own.
        assert!(!built.files.keys().any(|p| p.contains("pagefind-ui")));
        let langs = &entry(&built, "pagefind/")["languages"];
        let count = |l: &str| langs[l]["page_count"].as_u64().unwrap_or(0);
        // en: home, rivers, empty, registry, two specs (not the private page).
        assert_eq!(count("en"), 6, "{langs}");
        // Every page exists in every language (fallbacks show the source text).
        assert_eq!(count("ru"), 6, "{langs}");
        assert_eq!(count("ja"), 6, "{langs}");

        let pages = fragments(&built, "pagefind/");
        let rivers = page(&pages, "/book/rivers/");
        assert!(rivers["content"]
            .as_str()
            .unwrap()
            .contains("kingfisher dives"));
        assert_eq!(rivers["meta"]["title"], "Rivers");
        assert_eq!(rivers["filters"]["section"][0], "handbook");
        let ru = page(&pages, "/ru/book/rivers/");
        assert!(ru["content"].as_str().unwrap().contains("Зимородок ныряет"));
        assert_eq!(ru["meta"]["title"], "Реки");
    }

    #[test]
    fn only_the_body_is_indexed() {
        let built = build_fixture("search");
        let pages = fragments(&built, "pagefind/");
        let rivers = page(&pages, "/book/rivers/");
        let content = rivers["content"].as_str().unwrap();
        // Not the header, sidebar, TOC or prev/next ("Handbook", "On this page", "Next").
        for chrome in [
            "Search Fixture",
            "On this page",
            "Next",
            "Previous",
            "Skip to content",
        ] {
            assert!(!content.contains(chrome), "{chrome:?} in {content:?}");
        }
        // Nor the heading anchors' "#" (hidden from screen readers).
        assert!(
            content.contains("Banks") && !content.contains('#'),
            "{content:?}"
        );
        // A spec's text, not its metadata block (editor, license).
        let heron = page(&pages, "/spec/7/")["content"].as_str().unwrap();
        assert!(heron.contains("counted once per season"), "{heron:?}");
        assert!(!heron.contains("Ada Wren"), "{heron:?}");
        let html = built.text("book/rivers/index.html");
        assert_eq!(html.matches("data-pagefind-body").count(), 1, "{html}");
        let body_at = html.find("data-pagefind-body").unwrap();
        assert!(
            html[..body_at].ends_with("<article class=\"content\" "),
            "on the article"
        );
    }

    #[test]
    fn highlighted_code_is_indexed_as_its_text() {
        // The indexer reads code blocks without the highlighter's spans and
        // the page without its header and sidebar: the words stay the same.
        let site = copy_fixture("search");
        let chapter = site.path().join("book/01-rivers.md");
        let mut text = std::fs::read_to_string(&chapter).unwrap();
        text.push_str("\n```rust\nfn ford_depth(river: &str) -> u32 { 42 }\n```\n");
        std::fs::write(&chapter, text).unwrap();
        let built = build_at(site.path(), |_| {});
        assert!(built.errors().is_empty(), "{}", built.summary());
        assert!(built
            .text("book/rivers/index.html")
            .contains("<span class=\"hl-"));
        let pages = fragments(&built, "pagefind/");
        let rivers = page(&pages, "/book/rivers/");
        let content = rivers["content"].as_str().unwrap();
        assert!(
            content.contains("fn ford_depth(river: &str) -> u32 { 42 }"),
            "{content:?}"
        );
        assert!(!content.contains("Search Fixture"), "{content:?}");
        assert_eq!(rivers["meta"]["title"], "Rivers", "{rivers}");
    }

    #[test]
    fn spec_pages_carry_status_number_and_shortname() {
        let built = build_fixture("search");
        let html = built.text("spec/7/index.html");
        assert!(
            html.contains(r#"data-pagefind-filter="section:specs""#),
            "{html}"
        );
        assert!(html.contains(r#"data-pagefind-filter="status:stable""#));
        assert!(html.contains(r#"data-pagefind-filter="number:7""#));
        assert!(html.contains(r#"data-pagefind-meta="shortname""#));
        let pages = fragments(&built, "pagefind/");
        let heron = page(&pages, "/spec/7/");
        assert_eq!(heron["filters"]["status"][0], "stable");
        assert_eq!(heron["filters"]["number"][0], "7");
        assert_eq!(heron["filters"]["section"][0], "specs");
        assert_eq!(heron["meta"]["shortname"], "7/HERON");
        assert_eq!(heron["meta"]["title"], "Heron Protocol");
        let egret = page(&pages, "/ru/spec/8/");
        assert_eq!(egret["filters"]["status"][0], "draft");
        // The registry lists every spec; only its introduction is searched.
        let registry = page(&pages, "/spec/");
        assert!(!registry["content"].as_str().unwrap().contains("Egret"));
        // Handbook pages have no status.
        assert!(page(&pages, "/book/rivers/")["filters"]
            .get("status")
            .is_none());
    }

    #[test]
    fn japanese_text_is_split_into_words() {
        let built = build_fixture("search");
        let pages = fragments(&built, "pagefind/");
        let ja = page(&pages, "/ja/book/rivers/");
        assert!(ja["content"].as_str().unwrap().contains("カワセミ"));
        // Without segmentation a sentence without spaces is one word.
        let words = ja["word_count"].as_u64().unwrap();
        assert!(words >= 15, "Japanese segmented into {words} words");
        assert!(built.files.contains_key("pagefind/wasm.unknown.pagefind"));
    }

    #[test]
    fn the_search_box_loads_its_versions_bundle() {
        let built = build_at(&common::fixture("search"), |o| {
            o.base_url = Some("https://example.org/riverbank/".into())
        });
        for page in [
            "index.html",
            "book/rivers/index.html",
            "ru/book/rivers/index.html",
        ] {
            let html = built.text(page);
            assert!(
                html.contains(r#"data-search-url="/riverbank/pagefind/pagefind.js""#),
                "{page}: {html}"
            );
            assert!(html.contains("data-search-input"));
        }
        // Its words come from the UI strings of the page's language.
        let ru = built.text("ru/book/rivers/index.html");
        assert!(ru.contains(r#"placeholder="Поиск…""#));
        assert!(ru.contains(r#"data-search-none="По запросу «{term}» ничего не найдено.""#));
        assert!(ru.contains(r#"<span data-status="stable">стабильная</span>"#));
        // URLs in the index are the pages' own, with the base path.
        let pages = fragments(&built, "pagefind/");
        page(&pages, "/riverbank/ru/book/rivers/");
    }

    #[test]
    fn front_matter_search_false_leaves_the_page_out() {
        let built = build_fixture("search");
        assert!(
            !built.codes().contains(&"unknown-key"),
            "search: is a known key: {}",
            built.summary()
        );
        let html = built.text("book/private/index.html");
        assert!(html.contains("zebrafinch"), "the page is published");
        assert!(!html.contains("data-pagefind-body"));
        assert!(html.contains("data-search-input"), "it still has the box");
        let pages = fragments(&built, "pagefind/");
        assert!(pages
            .iter()
            .all(|p| !p["url"].as_str().unwrap().contains("private")));
        assert!(pages
            .iter()
            .all(|p| !p["content"].as_str().unwrap().contains("zebrafinch")));
    }

    #[test]
    fn config_search_false_means_no_index_and_no_box() {
        let built = build_fixture("search-off");
        assert!(built.errors().is_empty(), "{}", built.summary());
        assert!(!built.files.keys().any(|p| p.starts_with("pagefind/")));
        let html = built.text("book/rivers/index.html");
        assert!(html.contains("kingfisher"));
        assert!(!html.contains("data-search"), "{html}");
        assert!(!html.contains("data-pagefind"), "{html}");
    }

    #[test]
    fn empty_and_huge_pages_build() {
        let site = copy_fixture("search");
        // 5 MB of text in one chapter, in paragraphs of 20 words.
        let mut huge = String::from("---\ntitle: Huge\n---\n\n");
        let mut i = 0;
        while huge.len() < 5 * 1024 * 1024 {
            huge.push_str(&format!(
            "Paragraph {i} speaks of reeds, herons, sluices, weirs and the slow brown river water that carries silt to the sea.\n\n"
        ));
            i += 1;
        }
        huge.push_str("The last word is wagtail.\n");
        std::fs::write(site.path().join("book/04-huge.md"), &huge).unwrap();
        std::fs::write(site.path().join("book/05-blank.md"), "").unwrap();
        let built = build_at(site.path(), |_| {});
        assert!(built.errors().is_empty(), "{}", built.summary());
        assert!(built.text("book/huge/index.html").contains("wagtail"));
        built.text("book/blank/index.html");
        let pages = fragments(&built, "pagefind/");
        let huge = page(&pages, "/book/huge/");
        assert!(huge["word_count"].as_u64().unwrap() > 500_000);
        assert!(huge["content"].as_str().unwrap().ends_with("wagtail."));
    }

    /// Checks that the vendored Pagefind's parser for plain pages reads each
    /// of `pages` as lol_html does, and returns how many it read (the rest
    /// it leaves to lol_html).
    fn read_alike(pages: impl IntoIterator<Item = (String, String)>) -> (usize, usize) {
        let (mut read, mut total) = (0, 0);
        for (name, html) in pages {
            total += 1;
            let (plain, reference) = charter::search::both_readings(html.clone());
            if let Some(plain) = plain {
                read += 1;
                assert_eq!(plain, reference, "{name} is read differently:\n{html}");
            }
        }
        (read, total)
    }

    #[test]
    fn the_plain_page_parser_reads_the_sites_pages_as_lol_html_does() {
        let mut pages = Vec::new();
        for built in [
            build_at(&common::example_site(), |_| {}),
            build_fixture("search"),
            build_fixture("i18n-site"),
        ] {
            assert!(built.errors().is_empty(), "{}", built.summary());
            pages.extend(
                built
                    .files
                    .iter()
                    .filter(|(path, _)| path.ends_with(".html"))
                    .map(|(path, bytes)| (path.clone(), String::from_utf8(bytes.clone()).unwrap())),
            );
        }
        let (read, total) = read_alike(pages);
        // Only pages with SVG in their text (home pages, 404) are left to lol_html.
        assert!(read * 10 >= total * 8, "read {read} of {total} pages");
    }

    #[test]
    fn the_plain_page_parser_reads_what_pagefind_looks_for_as_lol_html_does() {
        let page = |body: &str| {
            format!(
                "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
                 <title>Rivers &amp; weirs</title>\n<script>var a = '</p>';</script>\n\
                 <style>p > a {{ color: red }}</style>\n<link rel=\"stylesheet\" href=\"/_pagefind/pagefind-ui.css\">\n\
                 </head>\n<body>\n{body}\n</body>\n</html>\n"
            )
        };
        let bodies = [
            r#"<main><article data-pagefind-body><h1 id="top">Rivers</h1><p>Reeds <em>and</em> herons.</p><img src="/heron.png" alt="A heron"></article></main>"#,
            r##"<h1>No body marker</h1><p>Text with a<br>break and an <a class="anchor" href="#x">#</a> anchor.</p>"##,
            r#"<div data-pagefind-body><h2 id="a b">Spaced id</h2><p>One</p></div><p>Outside</p><div data-pagefind-body><p>Two</p></div>"#,
            r#"<article data-pagefind-body><div data-pagefind-ignore>gone</div><div data-pagefind-ignore="all"><span data-pagefind-meta="hidden">x</span></div><div data-pagefind-ignore="bogus">y</div><p data-pagefind-ignore="index" data-pagefind-filter="kind">kept as filter</p></article>"#,
            r#"<article data-pagefind-body data-pagefind-filter="section:handbook, tag[data-tag]" data-tag="rivers" data-pagefind-meta="title:A: B, image[data-img]" data-img="/x.png" data-pagefind-sort="date:2024" data-pagefind-default-meta="author:Ann"><p data-pagefind-weight="4">Heavy</p><p data-pagefind-weight="0">Zero</p><h3 id="h3" data-pagefind-title="Custom">Heading <code id="in">code</code> tail</h3></article>"#,
            r#"<article data-pagefind-body><p>Alt text <img data-pagefind-index-attrs="alt,title" alt="a heron" title="Flying"> and <input data-pagefind-index-attrs="value" value="x"></p><ul><li>One</li><li><span id="s">Two</span> words</li></ul><table><tr><td>Cell</td><td>cell!</td></tr></table></article>"#,
            r#"<article data-pagefind-body><nav>skip</nav><footer>skip</footer><form><label>skip</label></form><p>After &lt;tags&gt; &amp; entities&nbsp;here</p><!-- a comment --></article></main>"#,
            r##"<article data-pagefind-body><a class="anchor" href="#x"><img src="/icon.png"></a><p>Void in an excluded link</p><section><div>Nested <b>bold</b></div></section></article>"##,
            r#"<article data-pagefind-body><p>Unclosed <em>emphasis</p></article>"#,
            r#"<article data-pagefind-body><svg><title>icon</title></svg><p>svg</p></article>"#,
            r#"<article data-pagefind-body><DIV>Capitals</DIV></article>"#,
            r#"<article data-pagefind-body><p>a < b</p></article>"#,
        ];
        let pages: Vec<_> = bodies.iter().map(|b| (b.to_string(), page(b))).collect();
        let (read, total) = read_alike(pages);
        // The last four are left to lol_html: an unclosed element, SVG,
        // capitals and a bare `<`.
        assert_eq!((read, total), (bodies.len() - 4, bodies.len()));
    }

    #[test]
    fn compound_words_are_split_as_convert_case_splits_them() {
        use pagefind::api::PagefindIndex;
        let mut rng = common::Rng(0x5851_f42d_4c95_7f2d);
        let mut next = move |n: usize| rng.below(n);
        const PIECES: &[&str] = &[
            "a", "b", "z", "A", "Q", "Z", "0", "7", "9", "_", "-", ".", ":", "/", "'", " ", "XML",
            "Http", "iOS", "v2", "2D", "aB", "ABc", "\r\n", "\u{b}", "\u{1}", "é", "É", "ß", "ǅ",
            "İ", "٣", "中",
        ];
        let mut cases: Vec<String> = [
            "",
            "zone_weekly_refer",
            "parseHTTPResponse2XX",
            "XMLHttpRequest",
            "snake_case-and-kebab",
            "a1B2c3",
            "ABC",
            "ABCd",
            "__init__",
            "sysconfig.is_python_build",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for _ in 0..50_000 {
            cases.push(
                (0..1 + next(8))
                    .map(|_| PIECES[next(PIECES.len())])
                    .collect(),
            );
        }
        let mut ascii = 0;
        for word in &cases {
            let (convert_case, ours) = PagefindIndex::charter_both_word_splits(word);
            if let Some(ours) = ours {
                ascii += 1;
                assert_eq!(ours, convert_case, "{word:?}");
            } else {
                assert!(!word.is_ascii(), "{word:?} is ASCII");
            }
        }
        // Most cases take the ASCII path, so the comparison means something.
        assert!(ascii > cases.len() / 4, "{ascii} of {}", cases.len());
    }

    #[test]
    fn word_index_chunks_are_the_bytes_minicbor_writes() {
        use pagefind::api::PagefindIndex;
        let mut rng = common::Rng(0x9e37_79b9_7f4a_7c15);
        let mut next = move |n: usize| rng.below(n);
        // Integers around every CBOR head size, both signs.
        const EDGES: &[i64] = &[
            0,
            1,
            23,
            24,
            255,
            256,
            65_535,
            65_536,
            4_294_967_295,
            2_147_483_647,
        ];
        let int = |next: &mut dyn FnMut(usize) -> usize| -> i64 {
            let edge = EDGES[next(EDGES.len())] + next(3) as i64 - 1;
            match next(3) {
                0 => edge,
                1 => -edge,
                _ => next(300) as i64,
            }
        };
        let pages = |next: &mut dyn FnMut(usize) -> usize| {
            let mut page_number = 0usize;
            (0..next(5))
                .map(|_| {
                    // Ascending, as the index holds them, with gaps of
                    // every head size.
                    page_number += int(next).unsigned_abs() as usize % 70_000 + next(2);
                    let mut locs = || {
                        (0..next(30))
                            .map(|_| int(next).clamp(i32::MIN as i64, i32::MAX as i64) as i32)
                            .collect::<Vec<i32>>()
                    };
                    (page_number, locs(), locs())
                })
                .collect::<Vec<_>>()
        };
        const WORDS: &[&str] = &["", "a", "river", "café", "中文", "x_y_z"];
        for _ in 0..2_000 {
            let words = (0..next(40))
                .map(|_| {
                    let word = WORDS[next(WORDS.len())].repeat(1 + next(30));
                    let variants = (0..next(3))
                        .map(|_| (WORDS[next(WORDS.len())].to_string(), pages(&mut next)))
                        .collect();
                    (word, pages(&mut next), variants)
                })
                .collect();
            let (minicbor, ours) = PagefindIndex::charter_both_word_index_encodings(words);
            assert_eq!(ours, minicbor);
        }
    }

    #[test]
    fn text_is_normalized_as_pagefinds_regexes_do() {
        use pagefind::api::PagefindIndex;
        let mut rng = common::Rng(0x2545_f491_4f6c_dd1d);
        let mut next = move |n: usize| rng.below(n);
        const PIECES: &[&str] = &[
            " ",
            "  ",
            "\t",
            "\n",
            "\r",
            "\r\n",
            "\n\r",
            "\u{a0}",
            "\u{2003}",
            "\u{85}",
            "\u{b}",
            "\u{c}",
            "\u{3000}",
            "\u{1c}",
            "&nbsp;",
            "&#10;",
            "&#13;",
            "&amp;",
            "&lt;b&gt;",
            "word",
            "Ünï",
            "中文",
            ".",
            "reedbeds",
            "herons-and-weirs",
        ];
        let mut cases = vec![
            String::new(),
            " ".into(),
            "\n".into(),
            "\r".into(),
            "a\rb".into(),
        ];
        for _ in 0..20_000 {
            cases.push((0..next(12)).map(|_| PIECES[next(PIECES.len())]).collect());
        }
        // Longer texts, for the eight bytes at a time the scan takes.
        for _ in 0..5_000 {
            cases.push((0..next(60)).map(|_| PIECES[next(PIECES.len())]).collect());
        }
        for text in cases {
            let (ours, pagefinds) = PagefindIndex::charter_both_normalizations(&text);
            assert_eq!(ours, pagefinds, "{text:?}");
        }
    }

    #[test]
    fn the_plain_page_parser_reads_random_pages_as_lol_html_does() {
        // Pages of charter's shape with random elements, attributes, text
        // and mistakes, from a deterministic generator.
        let mut rng = common::Rng(0x9e37_79b9_7f4a_7c15);
        let mut next = move |n: usize| rng.below(n);
        const TAGS: &[&str] = &[
            "div", "p", "span", "a", "em", "code", "pre", "h1", "h2", "h3", "ul", "li", "table",
            "td", "section", "nav", "footer", "label", "b", "article", "main", "script", "style",
            "title",
        ];
        const VOIDS: &[&str] = &["br", "img", "input", "hr", "meta", "link"];
        const ATTRIBUTES: &[&str] = &[
            r#" id="x y""#,
            r#" class="anchor""#,
            " data-pagefind-ignore",
            r#" data-pagefind-ignore="all""#,
            r#" data-pagefind-weight="3""#,
            r#" data-pagefind-filter="f""#,
            r#" data-pagefind-meta="m:v""#,
            " data-pagefind-body",
            r#" data-pagefind-title="T""#,
            r#" alt="A" data-pagefind-index-attrs="alt""#,
            r#" src="/i.png""#,
            r#" href=/x/"#,
            " hidden",
        ];
        const TEXTS: &[&str] = &[
            "reeds",
            " herons ",
            "&amp;",
            "weir.",
            "\n",
            "Ünïcode",
            "a)",
            "x&lt;y",
        ];
        let (mut read, mut total) = (0, 0);
        for _ in 0..6000 {
            let mut body = String::new();
            let mut open: Vec<&str> = Vec::new();
            for _ in 0..next(40) {
                match next(10) {
                    0..=3 => {
                        let tag = TAGS[next(TAGS.len())];
                        body.push('<');
                        body.push_str(tag);
                        for _ in 0..next(3) {
                            body.push_str(ATTRIBUTES[next(ATTRIBUTES.len())]);
                        }
                        body.push('>');
                        if ["script", "style", "title"].contains(&tag) {
                            body.push_str(TEXTS[next(TEXTS.len())]);
                            body.push_str(&format!("</{tag}>"));
                        } else {
                            open.push(tag);
                        }
                    }
                    4 => {
                        let tag = VOIDS[next(VOIDS.len())];
                        body.push_str(&format!("<{tag}{}>", ATTRIBUTES[next(ATTRIBUTES.len())]));
                    }
                    5 | 6 => {
                        if let Some(tag) = open.pop() {
                            body.push_str(&format!("</{tag}>"));
                        }
                    }
                    7 => body.push_str(["<!-- c -->", "</main>", "</p>", "<br/>"][next(4)]),
                    _ => body.push_str(TEXTS[next(TEXTS.len())]),
                }
            }
            if next(4) > 0 {
                while let Some(tag) = open.pop() {
                    body.push_str(&format!("</{tag}>"));
                }
            }
            let html = format!(
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>T</title></head>\n<body>{body}</body>\n</html>\n"
            );
            let (r, t) = read_alike([(body, html)]);
            read += r;
            total += t;
        }
        assert!(read * 2 >= total, "read {read} of {total} pages");
    }
}

/// Without the `search` feature there is no index and no box, whatever the config says.
#[cfg(not(feature = "search"))]
#[test]
fn without_the_feature_there_is_no_index_and_no_box() {
    let built = common::build_fixture("search");
    assert!(built.errors().is_empty(), "{}", built.summary());
    assert!(!built.files.keys().any(|p| p.contains("pagefind")));
    let html = built.text("book/rivers/index.html");
    assert!(html.contains("kingfisher"));
    assert!(!html.contains("data-search"), "{html}");
    assert!(!html.contains("data-pagefind"), "{html}");
}
