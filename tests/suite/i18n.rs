//! Translations: `charter i18n status|stamp|diff` on fixture sites, blob ids
//! against git, and the theme's Fluent UI strings with site overrides.

use crate::common;

use assert_cmd::Command;
use charter::config;
use charter::i18n::diff::{diff, GitError, GitObjects};
use charter::i18n::{self, blob_id, State, UiStrings};
use common::*;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn charter() -> Command {
    let mut cmd = Command::cargo_bin("charter").unwrap();
    cmd.env_remove("NO_COLOR").env("CLICOLOR", "0");
    cmd
}

fn has_git() -> bool {
    std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn status_json(root: &Path) -> serde_json::Value {
    let out = charter()
        .arg("-r")
        .arg(root)
        .args(["i18n", "status", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

fn states(json: &serde_json::Value) -> Vec<(String, String)> {
    json["languages"][0]["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["source"].as_str().unwrap().to_string(),
                p["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn fixture_blob_ids_are_git_hash_object_ids() {
    let root = fixture("i18n-basic");
    let id = blob_id(&std::fs::read(root.join("index.md")).unwrap());
    assert_eq!(id, "c179c98b6f721c0fab58f9f7a634c4c1d8b9ae33");
    if !has_git() {
        return;
    }
    for file in [
        "index.md",
        "book/02-process.md",
        "translations/ru/book/03-rules.md",
    ] {
        let out = std::process::Command::new("git")
            .args(["hash-object", "--no-filters", file])
            .current_dir(&root)
            .output()
            .unwrap();
        let want = String::from_utf8(out.stdout).unwrap();
        let got = blob_id(&std::fs::read(root.join(file)).unwrap());
        assert_eq!(got, want.trim(), "{file}");
    }
}

#[test]
fn status_json_lists_every_state() {
    let json = status_json(&fixture("i18n-basic"));
    assert_eq!(json["source_language"], "en");
    let ru = &json["languages"][0];
    assert_eq!(ru["tag"], "ru");
    assert_eq!(ru["name"], "Русский");
    assert_eq!(
        states(&json),
        pairs(&[
            ("book/01-welcome.md", "up-to-date"),
            ("book/02-process.md", "outdated"),
            ("book/03-rules.md", "unstamped"),
            ("book/04-extra.md", "missing"),
            ("index.md", "up-to-date"),
        ])
    );
    let process = &ru["pages"][1];
    assert_eq!(process["translation"], "translations/ru/book/02-process.md");
    assert_eq!(
        process["stamped"],
        "d150398a99f270e3867f9ba973ee8ab3a9233936"
    );
    assert_eq!(
        process["translators"],
        serde_json::json!(["Борис", "Анна Петрова"])
    );
    assert_eq!(
        ru["totals"],
        serde_json::json!({"pages": 5, "up_to_date": 2, "outdated": 1, "missing": 1, "unstamped": 1})
    );
    assert_eq!(ru["percent_up_to_date"], 40.0);
    assert_eq!(
        ru["translators"],
        serde_json::json!(["Анна Петрова", "Борис"])
    );
    let diags = json["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0]["code"], "i18n-orphan");
    assert_eq!(
        diags[0]["location"]["file"],
        "translations/ru/book/99-old.md"
    );
}

#[test]
fn status_table_and_thresholds() {
    let root = fixture("i18n-basic");
    charter()
        .arg("-r")
        .arg(&root)
        .args(["i18n", "status"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Русский (ru): 2 of 5 pages up to date (40%)",
        ))
        .stdout(
            predicate::str::is_match(
                r"book/02-process\.md +outdated +translations/ru/book/02-process\.md",
            )
            .unwrap(),
        )
        .stdout(predicate::str::contains(
            "total: 2 up to date, 1 outdated, 1 missing, 1 unstamped",
        ))
        .stderr(predicate::str::contains("warning[i18n-orphan]"));
    charter()
        .arg("-r")
        .arg(&root)
        .args(["i18n", "status", "ru", "--fail-under", "40"])
        .assert()
        .success();
    charter()
        .arg("-r")
        .arg(&root)
        .args(["i18n", "status", "--fail-under", "50"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "Русский (ru) is 40% up to date, under --fail-under 50%",
        ));
    charter()
        .arg("-r")
        .arg(&root)
        .args(["i18n", "status", "rus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`rus` is not in `languages:`"))
        .stderr(predicate::str::contains("did you mean `ru`?"));
    charter()
        .arg("-r")
        .arg(&root)
        .args(["i18n", "status", "--fail-under", "120"])
        .assert()
        .code(2);
    // Root discovery from a folder inside the site.
    charter()
        .current_dir(root.join("book"))
        .args(["i18n", "status", "--json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"percent_up_to_date\": 40.0"));
}

#[test]
fn bad_translation_folders_and_stamps() {
    let root = fixture("i18n-bad");
    let out = charter()
        .arg("-r")
        .arg(&root)
        .args(["i18n", "status"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "error[i18n-unknown-language]: translations/rus/ holds translations into `rus`"
        ),
        "{err}"
    );
    assert!(err.contains("did you mean `ru`?"), "{err}");
    assert!(
        err.contains("error[i18n-unknown-language]: translations/xx/"),
        "{err}"
    );
    assert!(err.contains("the configured languages are ar, ru"), "{err}");
    assert!(err.contains("error[frontmatter-value]"), "{err}");
    assert!(err.contains("translations/ru/index.md:2:18"), "{err}");
    assert!(!err.contains("build failed"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

fn lines_of(bytes: &[u8]) -> Vec<String> {
    String::from_utf8(bytes.to_vec())
        .unwrap()
        .split_inclusive('\n')
        .map(str::to_string)
        .collect()
}

#[test]
fn stamp_changes_only_the_stamp() {
    let site = copy_fixture("i18n-basic");
    let root = site.path();
    let process = root.join("translations/ru/book/02-process.md");
    let rules = root.join("translations/ru/book/03-rules.md");
    let before_process = std::fs::read(&process).unwrap();
    let before_rules = std::fs::read(&rules).unwrap();
    charter()
        .arg("-r")
        .arg(root)
        .args([
            "i18n",
            "stamp",
            "ru",
            "book/02-process.md",
            "./book/03-rules.md",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "Stamped translations/ru/book/02-process.md",
        ));
    let process_id = blob_id(&std::fs::read(root.join("book/02-process.md")).unwrap());
    let rules_id = blob_id(&std::fs::read(root.join("book/03-rules.md")).unwrap());

    // 02: the value replaced on its own line; every other line identical.
    let (a, b) = (
        lines_of(&before_process),
        lines_of(&std::fs::read(&process).unwrap()),
    );
    assert_eq!(a.len(), b.len());
    let changed: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    assert_eq!(changed, [2]);
    assert_eq!(b[2], format!("translated_from: {process_id}\n"));

    // 03 had no front matter and CRLF line ends: a CRLF block on top, the rest as it was.
    let after_rules = std::fs::read(&rules).unwrap();
    let head = format!("---\r\ntranslated_from: {rules_id}\r\n---\r\n");
    assert_eq!(&after_rules[..head.len()], head.as_bytes());
    assert_eq!(&after_rules[head.len()..], &before_rules[..]);

    let json = status_json(root);
    assert_eq!(json["languages"][0]["totals"]["up_to_date"], 4);

    // A missing translation: an error naming the file to create; nothing written.
    let before_home = std::fs::read(root.join("translations/ru/index.md")).unwrap();
    charter()
        .arg("-r")
        .arg(root)
        .args(["i18n", "stamp", "ru", "index.md", "book/04-extra.md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[i18n-missing]"))
        .stderr(predicate::str::contains(
            "translations/ru/book/04-extra.md does not exist",
        ));
    assert_eq!(
        std::fs::read(root.join("translations/ru/index.md")).unwrap(),
        before_home
    );
    charter()
        .arg("-r")
        .arg(root)
        .args(["i18n", "stamp", "ru", "book/02-proces.md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "did you mean `book/02-process.md`?",
        ));

    // No PATH: every existing translation.
    let stamped = i18n::stamp::stamp(root, &config::load(root).unwrap().0, "ru", &[]).unwrap();
    assert_eq!(
        stamped,
        [
            "translations/ru/book/01-welcome.md",
            "translations/ru/book/02-process.md",
            "translations/ru/book/03-rules.md",
            "translations/ru/index.md",
        ]
        .map(PathBuf::from)
    );
    let json = status_json(root);
    assert_eq!(json["languages"][0]["percent_up_to_date"], 80.0);
}

#[test]
fn diff_against_a_real_repository() {
    if !has_git() {
        eprintln!("git is not installed; skipped");
        return;
    }
    let site = copy_fixture("i18n-basic");
    let root = site.path();
    git(root, &["init", "-q"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "v1"]);
    charter()
        .arg("-r")
        .arg(root)
        .args(["i18n", "stamp", "ru", "book/03-rules.md"])
        .assert()
        .success();
    // Up to date: nothing to show.
    charter()
        .arg("-r")
        .arg(root)
        .args(["i18n", "diff", "ru", "book/03-rules.md"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("is up to date"));
    // The source changes (not even committed): the diff shows it.
    std::fs::write(
        root.join("book/03-rules.md"),
        "# Rules\n\nBe kind.\n\nBe brief.\n",
    )
    .unwrap();
    let out = charter()
        .arg("-r")
        .arg(root)
        .args(["i18n", "diff", "ru", "book/03-rules.md"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("--- book/03-rules.md ("), "{text}");
    assert!(text.contains("\n+Be brief.\n"), "{text}");
    assert!(text.contains("\n Be kind.\n"), "{text}");
    assert!(!text.contains('\x1b'), "not a terminal: no colour");
    let colored = charter()
        .arg("-r")
        .arg(root)
        .args([
            "--color",
            "always",
            "i18n",
            "diff",
            "ru",
            "book/03-rules.md",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8(colored.stdout)
        .unwrap()
        .contains("\x1b[32m+Be brief.\x1b[0m"));

    // 02's stamp names a version that was never committed.
    charter()
        .arg("-r")
        .arg(root)
        .args(["i18n", "diff", "ru", "book/02-process.md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[i18n-git]"))
        .stderr(predicate::str::contains(
            "the stamped version d150398a99f270e3867f9ba973ee8ab3a9233936 of book/02-process.md is not in this repository",
        ))
        .stderr(predicate::str::contains("git fetch --unshallow"));
    // Unstamped and missing translations.
    charter()
        .arg("-r")
        .arg(root)
        .args(["i18n", "diff", "ru", "book/04-extra.md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[i18n-missing]"));
}

#[test]
fn diff_outside_a_repository_says_so() {
    if !has_git() {
        return;
    }
    let site = copy_fixture("i18n-basic");
    charter()
        .arg("-r")
        .arg(site.path())
        .args(["i18n", "diff", "ru", "book/02-process.md"])
        .env("GIT_CEILING_DIRECTORIES", site.path().parent().unwrap())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not in a git repository"));
    charter()
        .arg("-r")
        .arg(site.path())
        .args(["i18n", "diff", "ru", "book/03-rules.md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[i18n-unstamped]"))
        .stderr(predicate::str::contains(
            "charter i18n stamp ru book/03-rules.md",
        ));
}

/// Old versions from memory instead of git.
struct Fake(Vec<Vec<u8>>);

impl GitObjects for Fake {
    fn blob(&self, id: &str) -> Result<Vec<u8>, GitError> {
        self.0
            .iter()
            .find(|b| i18n::matches(id, &blob_id(b)))
            .cloned()
            .ok_or(GitError::NotFound)
    }
}

#[test]
fn diff_with_a_fake_repository() {
    let root = fixture("i18n-basic");
    let config = config::load(&root).unwrap().0;
    let old = b"# Process\n\nWe work in small steps.\n\nWe merge quickly.\n".to_vec();
    let d = diff(
        &root,
        &config,
        "ru",
        Path::new("book/02-process.md"),
        &Fake(vec![old]),
    )
    .unwrap();
    assert_eq!(d.stamped, "d150398a99f270e3867f9ba973ee8ab3a9233936");
    assert!(
        d.unified.contains("+Every change is reviewed.\n"),
        "{}",
        d.unified
    );
    let e = diff(
        &root,
        &config,
        "ru",
        Path::new("book/02-process.md"),
        &Fake(vec![]),
    )
    .unwrap_err();
    assert_eq!(e.code, "i18n-git");
    let at = e.location.unwrap();
    assert_eq!(
        (at.file.as_path(), at.line),
        (Path::new("translations/ru/book/02-process.md"), 3)
    );
    assert!(e
        .help
        .unwrap()
        .contains("charter i18n stamp ru book/02-process.md"));
}

#[test]
fn status_library_report() {
    let root = fixture("i18n-basic");
    let config = config::load(&root).unwrap().0;
    let report = i18n::status(&root, &config);
    let page = report.page("ru", Path::new("book/01-welcome.md")).unwrap();
    assert_eq!(page.state, State::UpToDate);
    assert_eq!(page.translators, ["Анна Петрова"]);
    assert_eq!(report.outdated_warnings().len(), 1);
}

#[test]
fn ui_strings_with_site_overrides_and_fallback() {
    let root = fixture("i18n-basic");
    let config = config::load(&root).unwrap().0;
    let (ui, diags) = UiStrings::load(&root, &config);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(ui.get("ru", "next", &[]), "Дальше", "the site's override");
    assert_eq!(
        ui.get("ru", "previous", &[]),
        "Назад",
        "the theme's Russian"
    );
    assert_eq!(ui.get("en", "next", &[]), "Next");

    // A language the theme does not ship, with a partial ui.ftl: each
    // missing key reported once, the source's text used.
    let site = copy_fixture("i18n-basic");
    std::fs::write(
        site.path().join("charter.yaml"),
        "title: T\nlanguages:\n  ru: { name: Русский }\n  de: { name: Deutsch }\n",
    )
    .unwrap();
    std::fs::create_dir_all(site.path().join("translations/de")).unwrap();
    std::fs::write(
        site.path().join("translations/de/ui.ftl"),
        "next = Weiter\n",
    )
    .unwrap();
    let config = config::load(site.path()).unwrap().0;
    let (ui, diags) = UiStrings::load(site.path(), &config);
    assert_eq!(ui.get("de", "next", &[]), "Weiter");
    assert_eq!(ui.get("de", "previous", &[]), "Previous");
    let previous: Vec<_> = diags
        .iter()
        .filter(|d| d.message.contains("`previous`"))
        .collect();
    assert_eq!(previous.len(), 1, "{previous:#?}");
    assert_eq!(previous[0].code, "i18n-missing-string");
    assert_eq!(
        previous[0].location.as_ref().unwrap().file,
        Path::new("translations/de/ui.ftl")
    );
    assert!(diags
        .iter()
        .all(|d| d.code == "i18n-missing-string" && !d.is_error()));
    assert!(!diags.iter().any(|d| d.message.contains("`next`")));
}

#[test]
fn ftl_syntax_errors_are_located_in_builds() {
    let root = fixture("i18n-bad");
    let config = config::load(&root).unwrap().0;
    let (ui, diags) = UiStrings::load(&root, &config);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0].code, "i18n-ftl-syntax");
    let at = diags[0].location.as_ref().unwrap();
    assert_eq!(
        (at.file.as_path(), at.line, at.column),
        (Path::new("translations/ar/ui.ftl"), 2, 10)
    );
    assert_eq!(ui.get("ar", "next", &[]), "التالي");
    assert_eq!(
        ui.get("ar", "previous", &[]),
        "السابق",
        "the theme's Arabic"
    );
    charter()
        .arg("check")
        .arg(&root)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[i18n-ftl-syntax]"))
        .stderr(predicate::str::contains("translations/ar/ui.ftl:2:10"));
}

#[test]
fn explain_knows_the_i18n_codes() {
    for code in [
        "i18n-unknown-language",
        "i18n-missing-string",
        "i18n-ftl-syntax",
        "i18n-orphan",
        "i18n-outdated",
    ] {
        charter().args(["explain", code]).assert().success();
    }
}
