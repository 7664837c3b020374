//! No input makes charter write or publish outside the output directory, and
//! front-matter and config values are always escaped in HTML while raw HTML
//! in Markdown bodies passes through (content is trusted repository text).

use crate::common;

use charter::build::{self, BuildOptions, Target};
use common::*;
use std::collections::BTreeSet;
use std::path::Path;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn symlink(target: &Path, link: &Path) {
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// Every path under `dir` (symlinks not followed), relative to it.
fn listing(dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

const SECRET: &str = "TOP-SECRET-OUTSIDE-THE-SITE";

/// A site that tries every way out: slugs with `..` and absolute slugs,
/// spec numbers like `../1`, SUMMARY links above the book, links to files
/// above the root, and symlinks out of content and static folders.
fn escaping_site(outer: &Path) -> std::path::PathBuf {
    let site = outer.join("site");
    write(outer, "secret.txt", SECRET);
    write(outer, "secret.md", &format!("# {SECRET}\n"));
    write(outer, "elsewhere/page.md", &format!("# {SECRET}\n"));
    write(
        &site,
        "charter.yaml",
        "title: Escapes\nlanguages: { ru: { name: R } }\n",
    );
    write(&site, "index.md", "# Home\n");
    write(
        &site,
        "book/01-a.md",
        "---\nslug: ../../../escaped-a\n---\n# A\n",
    );
    // An absolute slug stays under the book (`/book/tmp/absolute-b/`).
    write(
        &site,
        "book/02-b.md",
        "---\nslug: /tmp/absolute-b\n---\n# B\n",
    );
    write(
        &site,
        "book/03-c.md",
        "---\nslug: a/../../../escaped-c\n---\n# C\n",
    );
    write(
        &site,
        "book/04-links.md",
        "# Links\n\n[up](../../secret.txt) [root](/../secret.txt) [abs](/etc/passwd) \
         [far](../../../../../../etc/passwd) [md](../../secret.md) [sym](secret-link.txt) \
         [dir](outside/page.md) ![img](../../secret.txt)\n",
    );
    symlink(
        &outer.join("secret.txt"),
        &site.join("book/secret-link.txt"),
    );
    symlink(&outer.join("secret.md"), &site.join("book/05-symlinked.md"));
    symlink(&outer.join("elsewhere"), &site.join("book/outside"));
    write(
        &site,
        "book/SUMMARY.md",
        "- [A](01-a.md)\n- [Links](04-links.md)\n- [Out](../../x.md)\n- [Abs](/etc/passwd.md)\n- [Secret](../../secret.md)\n",
    );
    write(
        &site,
        "specs/1/README.md",
        "---\nname: One\nstatus: draft\n---\n",
    );
    write(
        &site,
        "specs/2/README.md",
        "---\nnumber: ../1\nname: T\nstatus: raw\n---\n",
    );
    write(
        &site,
        "specs/3-x.md",
        "---\nnumber: -3\nname: T\nstatus: raw\n---\n",
    );
    // `number:` may be written as a shortname (`4/NAME`): this is spec 4.
    write(
        &site,
        "specs/4/README.md",
        "---\nnumber: 4/../../9\nname: T\nstatus: raw\n---\n",
    );
    write(
        &site,
        "specs/README.md",
        "---\nslug: ../../registry\n---\n# Specs\n",
    );
    // A translation's URL follows its source's; its own `slug:` is not used.
    write(
        &site,
        "translations/ru/book/01-a.md",
        "---\nslug: ../../../ru-escaped\n---\n# А\n",
    );
    write(&site, "static/ok.txt", "fine");
    symlink(&outer.join("secret.txt"), &site.join("static/secret.txt"));
    symlink(outer, &site.join("static/outer"));
    site
}

#[test]
fn nothing_is_written_or_published_outside_the_output_directory() {
    let outer = tempfile::tempdir().unwrap();
    let site = escaping_site(outer.path());
    let out = outer.path().join("out");

    // First find every error, then allow them all, so the build goes on to
    // write whatever the bad inputs would make it write.
    let first = build_at(&site, |_| {});
    assert!(!first.report.succeeded(), "the site is full of errors");
    let codes: BTreeSet<&str> = first.errors().iter().map(|d| d.code).collect();
    for code in ["bad-slug", "unsafe-path", "frontmatter-type"] {
        assert!(codes.contains(code), "no {code}:\n{}", first.summary());
    }
    let lints: Vec<String> = codes.iter().map(|c| format!("{c}: allow")).collect();
    write(
        &site,
        "charter.yaml",
        &format!(
            "title: Escapes\nlanguages: {{ ru: {{ name: R }} }}\nlints: {{ {} }}\n",
            lints.join(", ")
        ),
    );
    let before = listing(outer.path());
    let mut opts = BuildOptions::new(&site);
    opts.target = Target::Disk(out.clone());
    let report = build::build(&opts);
    assert!(
        report.succeeded(),
        "with every error allowed the build writes: {:?}",
        report.diagnostics
    );

    // Nothing new outside `out/`.
    let after: BTreeSet<String> = listing(outer.path())
        .into_iter()
        .filter(|p| !p.starts_with("out"))
        .collect();
    let before: BTreeSet<String> = before
        .into_iter()
        .filter(|p| !p.starts_with("out"))
        .collect();
    assert_eq!(before, after, "files appeared outside the output directory");

    // Inside `out/`: regular files and folders only, none carrying the secret.
    assert!(out.join("index.html").is_file());
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(&out)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(!entry.path_is_symlink(), "{rel} is a symlink");
        assert!(!rel.contains("escaped") && !rel.contains(".."), "{rel}");
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains(SECRET),
                "{rel} publishes a file from outside the site"
            );
        }
    }
    assert!(out.join("ok.txt").is_file());
}

#[test]
fn escaping_slugs_and_numbers_are_errors_at_their_line() {
    let outer = tempfile::tempdir().unwrap();
    let site = escaping_site(outer.path());
    let built = build_at(&site, |_| {});
    use charter::diagnostics::Severity::Error;
    built.assert_diag(Error, "bad-slug", "book/01-a.md", 2, 1);
    built.assert_diag(Error, "bad-slug", "book/03-c.md", 2, 1);
    built.assert_diag(Error, "frontmatter-type", "specs/2/README.md", 2, 9);
    built.assert_diag(Error, "frontmatter-type", "specs/3-x.md", 2, 9);
    built.assert_diag(Error, "unsafe-path", "book/05-symlinked.md", 1, 1);
    assert!(built.files.contains_key("spec/4/index.html"));
    assert!(built.files.contains_key("book/tmp/absolute-b/index.html"));
    built.assert_diag(Error, "unsafe-path", "book/SUMMARY.md", 3, 3);
    built.assert_diag(Error, "unsafe-path", "book/SUMMARY.md", 4, 3);
    built.assert_diag(Error, "unsafe-path", "book/SUMMARY.md", 5, 3);
    built.assert_diag(Error, "unsafe-path", "static/secret.txt", 1, 1);
    built.assert_diag(Error, "broken-link", "book/04-links.md", 3, 1);
    for key in built.files.keys() {
        assert!(!key.contains("..") && !key.starts_with('/'), "{key}");
    }
}

const PAYLOAD: &str = "<script>alert(1)</script>";

#[test]
fn front_matter_and_config_values_are_escaped_but_raw_html_in_bodies_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let p = PAYLOAD;
    write(
        root,
        "charter.yaml",
        &format!(
            "title: \"{p}\"\ndescription: \"{p}\"\nedit_url: \"https://x.org/{p}/{{path}}\"\n\
             languages: {{ ru: {{ name: \"{p}\" }} }}\n"
        ),
    );
    write(root, "index.md", &format!("---\ntitle: \"{p}\"\ndescription: \"{p}\"\n---\n# Home\n\n<div class=\"raw\">{p}</div>\n"));
    write(
        root,
        "book/01-a.md",
        &format!("---\ntitle: \"{p}\"\ndescription: \"{p}\"\nauthor: \"{p}\"\n---\n# A\n\nText <b id=\"raw-b\">bold</b>.\n"),
    );
    write(
        root,
        "book/SUMMARY.md",
        &format!("# {p}\n\n- [{p}](01-a.md)\n"),
    );
    write(
        root,
        "specs/1/README.md",
        &format!(
            "---\nshortname: \"1/{p}\"\nname: \"{p}\"\nstatus: deprecated\neditor: \"{p}\"\n\
             contributors: [\"{p}\"]\nlicense: \"{p}\"\ndomain: \"{p}\"\nobsoleted_by: [2]\n---\n# One\n"
        ),
    );
    write(
        root,
        "specs/2/README.md",
        &format!(
            "---\nname: \"{p}\"\nstatus: draft\neditor: \"{p}\"\nobsoletes: [1]\n---\n# Two\n"
        ),
    );
    write(
        root,
        "translations/ru/book/01-a.md",
        &format!("---\ntitle: \"{p}\"\ntranslators: [\"{p}\"]\n---\n# А\n"),
    );
    let built = build_at(root, |_| {});
    assert!(built.report.succeeded(), "{}", built.summary());
    let mut checked = 0;
    for (path, bytes) in &built.files {
        let text = String::from_utf8_lossy(bytes);
        if path.ends_with(".html") || path.ends_with(".xml") {
            let raw = text.matches(PAYLOAD).count();
            let expected = usize::from(path == "index.html" || path == "ru/index.html");
            assert_eq!(
                raw, expected,
                "{path}: the payload appears unescaped {raw} times"
            );
            checked += 1;
        }
        if path.ends_with(".js") {
            assert!(
                !text.contains("</script"),
                "{path} can close a script element"
            );
        }
    }
    assert!(checked > 8, "{checked} files checked");
    let home = built.text("index.html");
    assert!(
        home.contains("<div class=\"raw\"><script>alert(1)</script></div>"),
        "{home}"
    );
    assert!(
        home.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{home}"
    );
    assert!(built
        .text("book/a/index.html")
        .contains("<b id=\"raw-b\">bold</b>"));
    // The values are there, escaped, where the templates show them.
    let spec = built.text("spec/1/index.html");
    assert!(
        spec.matches("&lt;script&gt;alert(1)&lt;/script&gt;")
            .count()
            >= 4,
        "{spec}"
    );
    let ru = built.text("ru/book/a/index.html");
    assert!(ru.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{ru}");
}

/// A pull request cannot point charter.yaml's folders outside the site (it
/// would publish the CI machine's files): each is an error, nothing is built.
#[test]
fn config_folders_outside_the_site_are_refused() {
    for config in [
        "static: [static, ../..]",
        "static: [/etc]",
        "home: ../secret.md",
        "book: { dir: ../elsewhere }",
        "specs: { dir: /etc }",
    ] {
        let outer = tempfile::tempdir().unwrap();
        let site = escaping_site(outer.path());
        write(&site, "charter.yaml", &format!("title: T\n{config}\n"));
        let out = outer.path().join("out");
        let mut opts = BuildOptions::new(&site);
        opts.target = Target::Disk(out.clone());
        let report = build::build(&opts);
        let refused = report.diagnostics.iter().any(|d| {
            d.code == "config-value"
                && d.location.as_ref().is_some_and(|l| {
                    l.file == Path::new("charter.yaml") && l.line == 2 && l.column > 1
                })
        });
        assert!(refused, "{config}: {:?}", report.diagnostics);
        assert!(!out.exists(), "{config}: a build was written");
    }
}

/// Folders of the site that are symlinks to folders outside it (the book,
/// a spec's folder, a translation, the templates, a static folder) are
/// refused, and nothing of theirs is published.
#[test]
fn symlinked_folders_leading_out_of_the_site_are_refused() {
    let outer = tempfile::tempdir().unwrap();
    let o = outer.path();
    let secret = format!("# {SECRET}\n");
    write(o, "book/01-a.md", &secret);
    write(
        o,
        "spec/README.md",
        &format!("---\nname: S\nstatus: raw\n---\n{secret}"),
    );
    write(o, "ru/index.md", &secret);
    write(o, "tpl/partials/footer.html", &secret);
    write(o, "pub/secret.txt", SECRET);
    let site = o.join("site");
    write(
        &site,
        "charter.yaml",
        "title: T\nlanguages: { ru: { name: R } }\n",
    );
    write(&site, "index.md", "# Home\n");
    write(
        &site,
        "specs/1/README.md",
        "---\nname: One\nstatus: raw\n---\n",
    );
    symlink(&o.join("book"), &site.join("book"));
    symlink(&o.join("spec"), &site.join("specs/7"));
    symlink(&o.join("ru"), &site.join("translations/ru"));
    symlink(&o.join("tpl"), &site.join("templates"));
    symlink(&o.join("pub"), &site.join("static"));
    let built = build_at(&site, |_| {});
    for folder in ["book", "specs/7", "translations/ru", "templates", "static"] {
        assert!(
            built
                .report
                .diagnostics
                .iter()
                .any(|d| d.code == "unsafe-path"
                    && d.location
                        .as_ref()
                        .is_some_and(|l| l.file == Path::new(folder))),
            "{folder} not refused:\n{}",
            built.summary()
        );
    }
    for (path, bytes) in &built.files {
        assert!(
            !String::from_utf8_lossy(bytes).contains(SECRET),
            "{path} publishes a file from outside the site"
        );
    }
}
