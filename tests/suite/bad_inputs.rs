//! Every bad input is located: a table of small broken sites, each with the
//! diagnostic it must produce (code, file, line and column, all exact). Then
//! every row that can share a site is combined into one site, and one build
//! (and one `charter build --format json`) must report all of them at once.

use crate::common;

use charter::diagnostics::Severity;
use common::*;
use std::collections::BTreeMap;
use std::path::Path;

/// One bad input: the files of a small site (written over `BASE`) and the
/// diagnostic it must produce.
struct Bad {
    name: &'static str,
    files: &'static [(&'static str, &'static str)],
    code: &'static str,
    file: &'static str,
    line: usize,
    column: usize,
    /// Why the row cannot join the combined site (`None`: it can).
    alone: Option<&'static str>,
}

/// The site every row starts from (a row may replace any of these files).
const BASE: &[(&str, &str)] = &[
    (
        "charter.yaml",
        "title: Bad inputs\nlanguages: { ru: { name: Русский } }\n",
    ),
    ("index.md", "# Home\n\nWelcome.\n"),
];

const CONFIG: Option<&str> = Some("a charter.yaml error stops the build before content is read");
const SUMMARY: Option<&str> = Some("a site has one book/SUMMARY.md");

macro_rules! bad {
    ($name:literal, [$(($path:literal, $text:expr)),* $(,)?], $code:literal at $file:literal : $line:literal : $col:literal $(, alone: $alone:expr)?) => {
        Bad {
            name: $name,
            files: &[$(($path, $text)),*],
            code: $code,
            file: $file,
            line: $line,
            column: $col,
            alone: { #[allow(unused_mut, unused_assignments)] let mut a = None; $(a = $alone;)? a },
        }
    };
}

const TABLE: &[Bad] = &[
    // ── charter.yaml ────────────────────────────────────────────────────
    bad!("config: YAML syntax", [("charter.yaml", "title: Bad\ndescription: [unclosed\n")],
        "yaml-syntax" at "charter.yaml":3:1, alone: CONFIG),
    bad!("config: unknown key", [("charter.yaml", "title: Bad\nserach: true\n")],
        "unknown-key" at "charter.yaml":2:1, alone: CONFIG),
    bad!("config: unknown nested key", [("charter.yaml", "title: Bad\nbook:\n  dri: chapters\n")],
        "unknown-key" at "charter.yaml":3:3, alone: CONFIG),
    bad!("config: no title", [("charter.yaml", "description: No title\n")],
        "config-missing-key" at "charter.yaml":1:1, alone: CONFIG),
    bad!("config: wrong type", [("charter.yaml", "title: Bad\nsearch: maybe\n")],
        "config-type" at "charter.yaml":2:9, alone: CONFIG),
    bad!("config: title is a list", [("charter.yaml", "title: [a, b]\n")],
        "config-type" at "charter.yaml":1:8, alone: CONFIG),
    bad!("config: bad lint level", [("charter.yaml", "title: Bad\nlints:\n  broken-link: never\n")],
        "config-value" at "charter.yaml":3:16, alone: CONFIG),
    bad!("config: unknown lint code", [("charter.yaml", "title: Bad\nlints:\n  brokn-link: warn\n")],
        "config-value" at "charter.yaml":3:3, alone: CONFIG),
    bad!("config: bad glob", [("charter.yaml", "title: Bad\nignore: [\"a[\"]\n")],
        "bad-glob" at "charter.yaml":2:10, alone: CONFIG),
    bad!("config: bad language tag", [("charter.yaml", "title: Bad\nlanguages:\n  not_a_tag: { name: X }\n")],
        "config-value" at "charter.yaml":3:3, alone: CONFIG),
    bad!("config: bad base_url", [("charter.yaml", "title: Bad\nbase_url: example.org/sub\n")],
        "config-value" at "charter.yaml":2:11, alone: CONFIG),
    bad!("config: base_url with a query", [("charter.yaml", "title: Bad\nbase_url: https://x.org/sub/?lang=en\n")],
        "config-value" at "charter.yaml":2:11, alone: CONFIG),
    bad!("config: base_url with a fragment", [("charter.yaml", "title: Bad\nbase_url: /sub/#top\n")],
        "config-value" at "charter.yaml":2:11, alone: CONFIG),
    bad!("config: base_url with a space", [("charter.yaml", "title: Bad\nbase_url: \"https://x.org/my site/\"\n")],
        "config-value" at "charter.yaml":2:11, alone: CONFIG),
    bad!("config: base_url without a host", [("charter.yaml", "title: Bad\nbase_url: https:///sub/\n")],
        "config-value" at "charter.yaml":2:11, alone: CONFIG),
    bad!("config: static folder above the site", [("charter.yaml", "title: Bad\nstatic: [static, ../..]\n")],
        "config-value" at "charter.yaml":2:18, alone: CONFIG),
    bad!("config: absolute book folder", [("charter.yaml", "title: Bad\nbook: { dir: /etc }\n")],
        "config-value" at "charter.yaml":2:14, alone: CONFIG),
    bad!("config: home page outside the site", [("charter.yaml", "title: Bad\nhome: ../secret.md\n")],
        "config-value" at "charter.yaml":2:7, alone: CONFIG),
    bad!("config: specs folder outside the site", [("charter.yaml", "title: Bad\nspecs:\n  dir: ../rfcs\n")],
        "config-value" at "charter.yaml":3:8, alone: CONFIG),
    bad!("config: obsoletes a spec that does not exist", [("charter.yaml", "title: Bad\nspecs:\n  obsoletes: { 7: [3] }\n")],
        "spec-unknown-reference" at "charter.yaml":3:16, alone: Some("its charter.yaml differs from the base")),
    // ── front matter ────────────────────────────────────────────────────
    bad!("front matter: YAML syntax", [("book/fm-syntax.md", "---\ntitle: Fine\ndescription: [unclosed\n---\n# Body\n")],
        "yaml-syntax" at "book/fm-syntax.md":4:1),
    bad!("front matter: unclosed", [("book/fm-unclosed.md", "---\ntitle: Never closed\n\n# Body\n")],
        "frontmatter-unclosed" at "book/fm-unclosed.md":1:1),
    bad!("front matter: TOML", [("book/fm-toml.md", "+++\ntitle = \"T\"\n+++\n# Body\n")],
        "frontmatter-toml" at "book/fm-toml.md":1:1),
    bad!("front matter: wrong type", [("book/fm-type.md", "---\ntitle: T\norder: first\n---\n")],
        "frontmatter-type" at "book/fm-type.md":3:8),
    bad!("front matter: title is a map", [("book/fm-title-map.md", "---\ntitle: { a: 1 }\n---\n")],
        "frontmatter-type" at "book/fm-title-map.md":2:8),
    bad!("front matter: draft is not true or false", [("book/fm-draft.md", "---\ndraft: maybe\n---\n")],
        "frontmatter-type" at "book/fm-draft.md":2:8),
    bad!("front matter: a key twice", [("book/fm-twice.md", "---\ntitle: A\ntitle: B\n---\n")],
        "yaml-syntax" at "book/fm-twice.md":3:1),
    bad!("front matter: unknown key", [("book/fm-unknown.md", "---\ntitle: T\nweight: 3\n---\n")],
        "unknown-key" at "book/fm-unknown.md":3:1),
    bad!("front matter: slug leaves the book", [("book/fm-slug.md", "---\nslug: ../../etc\n---\n")],
        "bad-slug" at "book/fm-slug.md":2:1),
    bad!("front matter: bad translated_from", [("book/fm-blob.md", "# B\n"), ("translations/ru/book/fm-blob.md", "---\ntranslated_from: not-a-blob\n---\n# Т\n")],
        "frontmatter-value" at "translations/ru/book/fm-blob.md":2:18),
    bad!("chapter is not UTF-8", [("book/fm-latin1.md", "# Caf\u{e9}\n")],
        "invalid-utf8" at "book/fm-latin1.md":1:6),
    bad!("two chapters, one URL", [("book/dup-a.md", "---\nslug: same\n---\n"), ("book/dup-b.md", "---\nslug: same\n---\n")],
        "duplicate-url" at "book/dup-b.md":2:1),
    bad!("alias not from the site root", [("book/al-rel.md", "---\naliases: [old-name/]\n---\n# A\n")],
        "frontmatter-value" at "book/al-rel.md":2:11),
    bad!("alias leaving the site", [("book/al-up.md", "---\naliases:\n  - /ok/\n  - /../../etc/\n---\n# A\n")],
        "frontmatter-value" at "book/al-up.md":4:5),
    bad!("alias of another page's address", [("book/al-taken.md", "---\naliases: [/book/al-other/]\n---\n# A\n"), ("book/al-other.md", "# B\n")],
        "duplicate-url" at "book/al-taken.md":2:11),
    bad!("slug starting with an underscore", [("book/under.md", "---\nslug: _private\n---\n# U\n")],
        "underscore-path" at "book/under.md":2:1),
    // ── SUMMARY.md ──────────────────────────────────────────────────────
    bad!("SUMMARY: malformed line", [("book/SUMMARY.md", "# Summary\n\n- [Ok](sum-a.md)\n- not a link\n"), ("book/sum-a.md", "# A\n")],
        "summary-syntax" at "book/SUMMARY.md":4:3, alone: SUMMARY),
    bad!("SUMMARY: missing file", [("book/SUMMARY.md", "- [A](sum-a.md)\n- [Gone](sum-gone.md)\n"), ("book/sum-a.md", "# A\n")],
        "summary-missing-file" at "book/SUMMARY.md":2:3, alone: SUMMARY),
    bad!("SUMMARY: listed twice", [("book/SUMMARY.md", "- [A](sum-a.md)\n  - [A again](sum-a.md)\n"), ("book/sum-a.md", "# A\n")],
        "summary-duplicate" at "book/SUMMARY.md":2:5, alone: SUMMARY),
    bad!("SUMMARY: link leaves the book", [("book/SUMMARY.md", "- [A](sum-a.md)\n- [Out](../../x.md)\n"), ("book/sum-a.md", "# A\n")],
        "unsafe-path" at "book/SUMMARY.md":2:3, alone: SUMMARY),
    bad!("SUMMARY: chapter left out", [("book/SUMMARY.md", "- [A](sum-a.md)\n"), ("book/sum-a.md", "# A\n"), ("book/sum-b.md", "# B\n")],
        "not-in-summary" at "book/sum-b.md":1:1, alone: SUMMARY),
    // ── links and anchors ───────────────────────────────────────────────
    bad!("link to a missing page", [("book/ln-page.md", "# L\n\nSee [there](nowhere.md).\n")],
        "broken-link" at "book/ln-page.md":3:5),
    bad!("link to a missing image", [("book/ln-image.md", "# L\n\n![flow](images/missing.svg)\n")],
        "broken-link" at "book/ln-image.md":3:1),
    bad!("link to a missing anchor on the page", [("book/ln-anchor.md", "# L\n\n## Real\n\nSee [below](#unreal).\n")],
        "broken-anchor" at "book/ln-anchor.md":5:5),
    bad!("link to a missing anchor on another page", [("book/ln-other.md", "# L\n\nSee [x](ln-target.md#nope).\n"), ("book/ln-target.md", "# Target\n")],
        "broken-anchor" at "book/ln-other.md":3:5),
    bad!("reference-style link to a missing page", [("book/ln-ref.md", "# L\n\nSee [the doc][d].\n\n[d]: gone.md\n")],
        "broken-link" at "book/ln-ref.md":3:5),
    bad!("root-relative link to a missing file", [("book/ln-root.md", "# L\n\n- [logo](/img/none.png)\n")],
        "broken-link" at "book/ln-root.md":3:3),
    bad!("link above the base path", [("charter.yaml", "title: Bad\nbase_url: https://x.org/sub/\n"), ("book/ln-base.md", "# L\n\n[up](/../elsewhere/)\n")],
        "link-outside-base" at "book/ln-base.md":3:1, alone: Some("its charter.yaml differs from the base")),
    bad!("raw HTML link to a missing page", [("book/ln-html.md", "# L\n\nText <a href=\"../nowhere/\">raw</a>.\n")],
        "broken-link" at "book/ln-html.md":3:9),
    bad!("heading id written twice", [("book/dup-id.md", "# D\n\n## One {#same}\n\n## Two {#same}\n")],
        "duplicate-id" at "book/dup-id.md":5:1),
    bad!("broken link in the home page", [("index.md", "# Home\n\n[gone](book/gone.md)\n")],
        "broken-link" at "index.md":3:1),
    // ── specs ───────────────────────────────────────────────────────────
    bad!("spec: two with one number", [
            ("specs/5/README.md", "---\nname: Five\nstatus: draft\n---\n"),
            ("specs/5-again.md", "---\nname: Five again\nstatus: draft\n---\n")],
        "spec-duplicate-number" at "specs/5-again.md":1:1),
    bad!("spec: unknown status", [("specs/6/README.md", "---\nname: Six\nstatus: finished\n---\n")],
        "spec-unknown-status" at "specs/6/README.md":3:1),
    bad!("spec: stable without an editor", [("specs/8/README.md", "---\nname: Eight\nstatus: stable\n---\n")],
        "spec-stable-no-editor" at "specs/8/README.md":3:1),
    bad!("spec: obsoleted by a missing spec", [("specs/9/README.md", "---\nname: Nine\nstatus: deprecated\nobsoleted_by: [90]\n---\n")],
        "spec-unknown-reference" at "specs/9/README.md":4:1),
    bad!("spec: obsoletes disagree", [
            ("specs/10/README.md", "---\nname: Ten\nstatus: draft\nobsoletes: [11]\n---\n"),
            ("specs/11/README.md", "---\nname: Eleven\nstatus: deprecated\nobsoleted_by: [12]\n---\n"),
            ("specs/12/README.md", "---\nname: Twelve\nstatus: draft\n---\n")],
        "spec-obsoletes-mismatch" at "specs/11/README.md":4:1),
    bad!("spec: obsoletes cycle", [
            ("specs/13/README.md", "---\nname: Thirteen\nstatus: draft\nobsoletes: [14]\n---\n"),
            ("specs/14/README.md", "---\nname: Fourteen\nstatus: draft\nobsoletes: [13]\n---\n")],
        "spec-obsoletes-cycle" at "specs/13/README.md":4:1),
    bad!("spec: stable cites raw", [
            ("specs/15/README.md", "---\nname: Fifteen\nstatus: stable\neditor: E\n---\nUses [raw](spec:16).\n"),
            ("specs/16/README.md", "---\nname: Sixteen\nstatus: raw\n---\n")],
        "spec-refs-unstable" at "specs/15/README.md":6:6),
    bad!("spec: prose supersession", [
            ("specs/17/README.md", "---\nname: Seventeen\nstatus: draft\n---\nThis revision deprecates RFC 18.\n"),
            ("specs/18/README.md", "---\nname: Eighteen\nstatus: draft\n---\n")],
        "spec-prose-supersession" at "specs/17/README.md":5:15),
    bad!("spec: no name", [("specs/19/README.md", "---\nstatus: draft\n---\n")],
        "spec-missing-name" at "specs/19/README.md":1:1),
    bad!("spec: no status", [("specs/20/README.md", "---\nname: Twenty\n---\n")],
        "spec-missing-status" at "specs/20/README.md":1:1),
    bad!("spec: no number", [("specs/ideas/README.md", "---\nname: Ideas\nstatus: raw\n---\n")],
        "spec-no-number" at "specs/ideas/README.md":1:1),
    bad!("spec: number disagrees with its path", [("specs/21/README.md", "---\nnumber: 22\nname: T\nstatus: raw\n---\n")],
        "spec-number-mismatch" at "specs/21/README.md":2:1),
    bad!("spec: reference to a missing spec", [("specs/23/README.md", "---\nname: T\nstatus: raw\n---\nSee [x](spec:99).\n")],
        "broken-link" at "specs/23/README.md":5:5),
    bad!("spec: reference to a missing section", [
            ("specs/1/README.md", "---\nname: One\nstatus: draft\n---\n## Goals\n"),
            ("specs/25/README.md", "---\nname: T\nstatus: raw\n---\nSee [x](spec:1#nope).\n")],
        "broken-anchor" at "specs/25/README.md":5:5),
    bad!("spec: number that would leave the folder", [("specs/24/README.md", "---\nnumber: ../1\nname: T\nstatus: raw\n---\n")],
        "frontmatter-type" at "specs/24/README.md":2:9),
    // ── translations ────────────────────────────────────────────────────
    bad!("translation folder of no language", [("translations/xx/index.md", "# X\n")],
        "i18n-unknown-language" at "translations/xx":1:1),
    bad!("translation without a source", [("translations/ru/book/orphan.md", "# Сирота\n")],
        "i18n-orphan" at "translations/ru/book/orphan.md":1:1),
    bad!("Fluent syntax error", [("translations/ru/ui.ftl", "next = Далее\nbroken = {\nprev = Назад\n")],
        "i18n-ftl-syntax" at "translations/ru/ui.ftl":2:10),
    bad!("translation's outline differs", [
            ("book/tr-src.md", "# Src\n\n## One\n\n## Two\n"),
            ("translations/ru/book/tr-src.md", "# Ист\n\n## Один\n\n### Два\n")],
        "i18n-outline" at "translations/ru/book/tr-src.md":5:1),
    bad!("translation links to a missing page", [
            ("book/tr-link.md", "# Src\n"),
            ("translations/ru/book/tr-link.md", "# Ист\n\n[нет](nowhere.md)\n")],
        "broken-link" at "translations/ru/book/tr-link.md":3:1),
    // ── templates ───────────────────────────────────────────────────────
    bad!("template does not parse", [("templates/partials/header.html", "<header>{{ oops </header>\n")],
        "template-error" at "templates/partials/header.html":1:17),
    bad!("template uses an unknown variable", [("templates/partials/footer.html", "<footer>\n{{ no_such_thing.field }}\n</footer>\n")],
        "template-error" at "templates/partials/footer.html":2:4),
    // ── versions ────────────────────────────────────────────────────────
    // (Rows that need a git history — a glob matching nothing, a ref's bad
    // charter.yaml, two refs with one name — are in tests/suite/versions.rs.)
    bad!("versions: not a git repository", [("charter.yaml", "title: Bad\nversions:\n  refs: [\"v*\"]\n")],
        "version-git" at "charter.yaml":2:1, alone: Some("its charter.yaml differs from the base")),
    bad!("versions: current is not a path segment", [("charter.yaml", "title: Bad\nversions:\n  current: \"../next\"\n")],
        "version-name" at "charter.yaml":3:12, alone: Some("its charter.yaml differs from the base")),
    bad!("versions: current is a language tag", [("charter.yaml", "title: Bad\nlanguages: { ru: { name: Русский } }\nversions:\n  current: ru\n")],
        "version-name" at "charter.yaml":4:12, alone: Some("its charter.yaml differs from the base")),
    bad!("versions: default names no version", [("charter.yaml", "title: Bad\nversions:\n  current: next\n  default: nxt\n")],
        "version-default" at "charter.yaml":4:12, alone: Some("its charter.yaml differs from the base")),
    bad!("versions: refs is not a list", [("charter.yaml", "title: Bad\nversions:\n  refs: { a: b }\n")],
        "config-type" at "charter.yaml":3:9, alone: CONFIG),
];

fn write_site(root: &Path, files: &[(&str, &str)]) {
    let mut all: BTreeMap<&str, &str> = BASE.iter().copied().collect();
    all.extend(files.iter().copied());
    for (rel, text) in all {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        // `\u{e9}` in a row stands for a Latin-1 byte (a file that is not UTF-8).
        let bytes: Vec<u8> = if rel.contains("latin1") {
            text.chars().map(|c| c as u32 as u8).collect()
        } else {
            text.as_bytes().to_vec()
        };
        std::fs::write(path, bytes).unwrap();
    }
}

fn has(built: &Built, row: &Bad) -> bool {
    built.report.diagnostics.iter().any(|d| {
        d.code == row.code
            && d.location.as_ref().is_some_and(|l| {
                l.file == Path::new(row.file) && l.line == row.line && l.column == row.column
            })
    })
}

#[test]
fn the_table_is_big_and_covers_every_area() {
    assert!(TABLE.len() >= 40, "{} rows", TABLE.len());
    let combined = TABLE.iter().filter(|r| r.alone.is_none()).count();
    assert!(
        combined >= 35,
        "only {combined} rows share the combined site"
    );
}

#[test]
fn every_bad_input_is_located() {
    let mut failures = Vec::new();
    for row in TABLE {
        let dir = tempfile::tempdir().unwrap();
        write_site(dir.path(), row.files);
        let built = match std::panic::catch_unwind(|| build_at(dir.path(), |_| {})) {
            Ok(b) => b,
            Err(_) => {
                failures.push(format!("{}: the build panicked", row.name));
                continue;
            }
        };
        if !has(&built, row) {
            failures.push(format!(
                "{}: expected {} at {}:{}:{}; got:\n{}",
                row.name,
                row.code,
                row.file,
                row.line,
                row.column,
                built.summary()
            ));
        }
        for d in &built.report.diagnostics {
            if d.location.is_none() || d.help.is_none() && d.is_error() {
                failures.push(format!(
                    "{}: {} `{}` is {}",
                    row.name,
                    d.code,
                    d.message,
                    if d.location.is_none() {
                        "not located"
                    } else {
                        "without a hint"
                    }
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every row that can share a site, in one site.
fn combined_site() -> (tempfile::TempDir, Vec<&'static Bad>) {
    let rows: Vec<&Bad> = TABLE.iter().filter(|r| r.alone.is_none()).collect();
    let mut files: BTreeMap<&str, &str> = BTreeMap::new();
    for row in &rows {
        for (path, text) in row.files {
            let before = files.insert(path, text);
            assert!(
                before.is_none() || before == Some(text),
                "{}: {path} is written by another row too",
                row.name
            );
        }
    }
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), &files.into_iter().collect::<Vec<_>>());
    (dir, rows)
}

#[test]
fn one_build_reports_every_combined_bad_input() {
    let (dir, rows) = combined_site();
    let built = build_at(dir.path(), |_| {});
    let missing: Vec<String> = rows
        .iter()
        .filter(|row| !has(&built, row))
        .map(|row| {
            format!(
                "{}: {} at {}:{}:{}",
                row.name, row.code, row.file, row.line, row.column
            )
        })
        .collect();
    assert!(
        missing.is_empty(),
        "missing from the combined build:\n{}\ngot:\n{}",
        missing.join("\n"),
        built.summary()
    );
}

#[test]
fn the_cli_reports_every_combined_bad_input_as_json_and_exits_1() {
    let (dir, rows) = combined_site();
    let out = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(["--format", "json", "build", "-r"])
        .arg(dir.path())
        .arg("-o")
        .arg(out.path().join("public"))
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let found: Vec<(String, String, u64, u64)> = stdout
        .lines()
        .map(|line| {
            let v: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
            (
                v["code"].as_str().unwrap_or_default().to_string(),
                v["file"].as_str().unwrap_or_default().to_string(),
                v["line"].as_u64().unwrap_or_default(),
                v["column"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    for row in rows {
        let want = (
            row.code.to_string(),
            row.file.to_string(),
            row.line as u64,
            row.column as u64,
        );
        assert!(
            found.contains(&want),
            "{}: {want:?} not in the JSON output:\n{stdout}",
            row.name
        );
    }
    assert!(
        !out.path().join("public").exists(),
        "a failed build wrote its output"
    );
}

/// The `charter.yaml` rows cannot join the combined site (a config error
/// stops the build before content is read), so they share one charter.yaml
/// here: one build reports each of them.
#[test]
fn one_build_reports_every_config_problem_at_once() {
    let config = "\
title: [a, b]
serach: true
book:
  dri: chapters
search: maybe
lints:
  broken-link: never
  brokn-link: warn
ignore: [\"a[\"]
languages:
  not_a_tag: { name: X }
base_url: example.org/sub
static: [/home]
";
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), &[("charter.yaml", config)]);
    let built = build_at(dir.path(), |_| {});
    let expected = [
        ("config-type", 1, 8),
        ("unknown-key", 2, 1),
        ("unknown-key", 4, 3),
        ("config-type", 5, 9),
        ("config-value", 7, 16),
        ("config-value", 8, 3),
        ("bad-glob", 9, 10),
        ("config-value", 11, 3),
        ("config-value", 12, 11),
        ("config-value", 13, 10),
    ];
    let got: Vec<(&str, usize, usize)> = built
        .report
        .diagnostics
        .iter()
        .map(|d| {
            let at = d.location.as_ref().expect("located");
            assert_eq!(at.file, Path::new("charter.yaml"));
            (d.code, at.line, at.column)
        })
        .collect();
    assert_eq!(got, expected, "{}", built.summary());
}

/// A page that could not be read, or whose front matter is broken, is
/// reported once, at its own error: the links to it (from the other pages,
/// and from each language's copy of them) are not reported again as
/// broken links and anchors, which would bury the one error to fix.
#[test]
fn links_to_a_page_with_load_errors_are_not_reported_again() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &[
            (
                "book/01-intro.md",
                "# Intro\n\nSee [latin](02-latin.md), [its part](02-latin.md#part),\n\
                 [broken](03-broken.md#rules) and [missing](04-missing.md).\n",
            ),
            (
                "book/03-broken.md",
                "---\ntitle: [unclosed\n---\n# Broken\n\n## Rules\n",
            ),
            (
                "translations/ru/book/01-intro.md",
                "# Введение\n\nСм. [latin](02-latin.md#part).\n",
            ),
        ],
    );
    std::fs::write(
        dir.path().join("book/02-latin.md"),
        b"# Latin\n\ncaf\xe9\n\n## Part\n",
    )
    .unwrap();
    let built = build_at(dir.path(), |_| {});
    let mut got: Vec<&str> = built.errors().iter().map(|d| d.code).collect();
    got.sort_unstable();
    // The link to a page that does not exist at all is still reported.
    assert_eq!(
        got,
        ["broken-link", "invalid-utf8", "yaml-syntax"],
        "{}",
        built.summary()
    );
    built.assert_diag(Severity::Error, "broken-link", "book/01-intro.md", 4, 34);
}

/// A link to another site in SUMMARY.md is named as what it is, not as a
/// missing file.
#[test]
fn a_summary_link_to_another_site_is_named_as_a_link() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &[
            (
                "book/SUMMARY.md",
                "- [A](a.md)\n- [Web](https://example.org/)\n",
            ),
            ("book/a.md", "# A\n"),
        ],
    );
    let built = build_at(dir.path(), |_| {});
    let d = built.assert_diag(
        Severity::Error,
        "summary-missing-file",
        "book/SUMMARY.md",
        2,
        3,
    );
    assert!(
        d.message.contains("not a chapter file but a link"),
        "{}",
        d.message
    );
}
