//! Versions from git: every matching tag plus the working tree in one build,
//! laid out under `/<version>/`, with a switcher, canonical links, banners,
//! `versions.json` and the cache. Each test makes its own git repository.

use crate::common;

use charter::build::{self, BuildOptions, Target};
use common::*;
use std::path::Path;

fn build_memory(root: &Path) -> Built {
    build_at(root, |_| {})
}

fn errors_and_warnings(built: &Built) -> Vec<String> {
    built
        .report
        .diagnostics
        .iter()
        .map(|d| {
            let at = d
                .location
                .as_ref()
                .map(|l| format!("{}:{}:{}", l.file.display(), l.line, l.column))
                .unwrap_or_default();
            format!("{:?} {} {at} {}", d.severity, d.code, d.message)
        })
        .collect()
}

#[test]
fn every_version_is_built_from_git_without_touching_the_working_tree() {
    let site = versioned_example();
    let root = site.path();
    let status_before = git(root, &["status", "--porcelain"]);
    let head_before = git(root, &["rev-parse", "HEAD"]);
    let built = build_memory(root);
    assert!(
        built.report.succeeded(),
        "{:#?}",
        errors_and_warnings(&built)
    );
    assert_eq!(git(root, &["status", "--porcelain"]), status_before);
    assert_eq!(git(root, &["rev-parse", "HEAD"]), head_before);

    // v1.0 still has its legacy chapter; v2.0 (the default, at the root) does not.
    assert!(built
        .text("v1.0/book/legacy/index.html")
        .contains("Legacy process"));
    assert!(!built.files.contains_key("book/legacy/index.html"));
    assert!(built.text("book/why/index.html").contains("Second edition"));
    assert!(!built
        .text("v1.0/book/why/index.html")
        .contains("Second edition"));
    // The working tree is `next`, with its uncommitted chapter.
    assert!(built
        .text("next/book/roadmap/index.html")
        .contains("What comes next"));
    assert!(!built.files.contains_key("v1.0/book/roadmap/index.html"));
    let mut names = built.report.versions_built.clone();
    names.sort();
    assert_eq!(names, ["next", "v1.0", "v2.0"]);
}

#[test]
fn each_version_has_its_languages_and_the_root_has_one_404_and_sitemap() {
    let site = versioned_example();
    let built = build_memory(site.path());
    assert!(
        built.report.succeeded(),
        "{:#?}",
        errors_and_warnings(&built)
    );
    for prefix in ["", "v1.0/", "next/"] {
        for page in [
            "index.html",
            "ru/index.html",
            "ar/index.html",
            "ru/book/why/index.html",
            "spec/1/index.html",
        ] {
            assert!(
                built.files.contains_key(&format!("{prefix}{page}")),
                "{prefix}{page} missing"
            );
        }
    }
    assert!(built.files.contains_key("404.html"));
    assert!(!built.files.keys().any(|k| k.ends_with("/404.html")));
    for root_only in [
        "sitemap.xml",
        "robots.txt",
        ".nojekyll",
        "assets/charter.css",
    ] {
        assert!(built.files.contains_key(root_only));
        assert!(!built.files.contains_key(&format!("v1.0/{root_only}")));
    }
    let sitemap = built.text("sitemap.xml");
    assert!(sitemap.contains("https://example.github.io/riverbank/book/why/"));
    assert!(!sitemap.contains("/riverbank/v1.0/"));
    assert!(!sitemap.contains("/riverbank/next/"));
    // Static files and published images belong to each version.
    assert!(built.files.contains_key("v1.0/favicon.svg"));
    assert!(built.files.contains_key("v1.0/book/images/flow.svg"));
    // Each version's sidebar script is its own.
    assert!(built.text("v1.0/charter-nav.js").contains("Legacy process"));
    assert!(!built.text("charter-nav.js").contains("Legacy process"));
    assert!(built
        .text("v1.0/book/why/index.html")
        .contains("/riverbank/v1.0/charter-nav.js"));
}

#[test]
fn versions_json_lists_every_version_newest_first() {
    let site = versioned_example();
    let built = build_memory(site.path());
    let json: serde_json::Value = serde_json::from_str(built.text("versions.json")).unwrap();
    let got: Vec<(String, String, bool)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["name"].as_str().unwrap().to_string(),
                v["url"].as_str().unwrap().to_string(),
                v["is_default"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("next".into(), "/riverbank/next/".into(), false),
            ("v2.0".into(), "/riverbank/".into(), true),
            ("v1.0".into(), "/riverbank/v1.0/".into(), false),
        ]
    );
    assert_eq!(json[0]["label"], "next");
}

/// The version switcher's links of a page: (name, href, current, goes home).
fn switcher(html: &str) -> Vec<(String, String, bool, bool)> {
    let start = html
        .find("<nav data-switcher=\"version\"")
        .expect("a version switcher");
    let end = start + html[start..].find("</nav>").unwrap();
    html[start..end]
        .split("<li>")
        .skip(1)
        .map(|li| {
            let href = li
                .split("href=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            let name = li
                .split('>')
                .nth(1)
                .unwrap()
                .split(['<', ' '])
                .next()
                .unwrap();
            (
                name.to_string(),
                href.to_string(),
                li.contains("aria-current"),
                li.contains("data-version-home"),
            )
        })
        .collect()
}

#[test]
fn the_switcher_keeps_the_page_where_the_target_version_has_it() {
    let site = versioned_example();
    let built = build_memory(site.path());
    let s = |name: &str, href: &str, current: bool, home: bool| {
        (name.to_string(), href.to_string(), current, home)
    };
    assert_eq!(
        switcher(built.text("v1.0/ru/book/why/index.html")),
        [
            s("next", "/riverbank/next/ru/book/why/", false, false),
            s("v2.0", "/riverbank/ru/book/why/", false, false),
            s("v1.0", "/riverbank/v1.0/ru/book/why/", true, false),
        ]
    );
    // The legacy chapter exists only in v1.0: other versions' homes, in the language.
    assert_eq!(
        switcher(built.text("v1.0/ru/book/legacy/index.html")),
        [
            s("next", "/riverbank/next/ru/", false, true),
            s("v2.0", "/riverbank/ru/", false, true),
            s("v1.0", "/riverbank/v1.0/ru/book/legacy/", true, false),
        ]
    );
    assert_eq!(
        switcher(built.text("next/book/roadmap/index.html"))[1],
        s("v2.0", "/riverbank/", false, true)
    );
}

#[test]
fn other_versions_point_to_the_default_with_canonical_links_and_a_banner() {
    let site = versioned_example();
    let built = build_memory(site.path());
    let why = built.text("v1.0/book/why/index.html");
    assert!(why.contains(
        "<link rel=\"canonical\" href=\"https://example.github.io/riverbank/book/why/\">"
    ));
    assert!(why.contains("data-banner=\"old-version\""), "{why}");
    assert!(why.contains("You are reading version v1.0; the current version is v2.0."));
    assert!(why.contains("<a href=\"/riverbank/book/why/\">Read this page in v2.0</a>"));
    // In the reader's language.
    let ru = built.text("v1.0/ru/book/why/index.html");
    assert!(ru.contains("Вы читаете версию v1.0; текущая версия — v2.0."));
    // A page the default lacks: its canonical stays its own, the banner leads home.
    let legacy = built.text("v1.0/book/legacy/index.html");
    assert!(legacy.contains(
        "<link rel=\"canonical\" href=\"https://example.github.io/riverbank/v1.0/book/legacy/\">"
    ));
    assert!(legacy.contains("<a href=\"/riverbank/\">Go to v2.0</a>"));
    // The default version has no banner.
    assert!(!built
        .text("book/why/index.html")
        .contains("data-banner=\"old-version\""));
    assert!(built
        .text("next/index.html")
        .contains("data-banner=\"old-version\""));
}

#[test]
fn a_versions_own_config_is_used_with_the_current_base_url() {
    let site = versioned_example();
    let root = site.path();
    // The working tree renames the site; v1.0 and v2.0 keep their title.
    let config = std::fs::read_to_string(root.join("charter.yaml")).unwrap();
    std::fs::write(
        root.join("charter.yaml"),
        config
            .replace("title: Riverbank Commons", "title: Riverbank Commons Next")
            .replace(
                "https://example.github.io/riverbank/",
                "https://docs.example.org/rb/",
            ),
    )
    .unwrap();
    let built = build_memory(root);
    assert!(
        built.report.succeeded(),
        "{:#?}",
        errors_and_warnings(&built)
    );
    assert!(built
        .text("next/index.html")
        .contains("<title>Riverbank Commons Next"));
    let v1 = built.text("v1.0/index.html");
    assert!(v1.contains("<title>Riverbank Commons</title>"), "{v1}");
    assert!(v1.contains("href=\"/rb/v1.0/book/why/\""));
    // Released versions are not edited; the working tree is.
    assert!(!v1.contains("github.com/example/riverbank/edit/"));
    assert!(built
        .text("next/book/why/index.html")
        .contains("github.com/example/riverbank/edit/main/book/01-why.md"));
}

#[test]
fn unchanged_versions_come_from_the_cache_byte_for_byte() {
    let site = versioned_example();
    let root = site.path();
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let build_to_disk = || build_to_disk(root, &public);
    let first = build_to_disk();
    assert!(first.succeeded(), "{:#?}", first.diagnostics);
    assert!(first.versions_cached.is_empty());
    let before = read_tree(&public);
    let folder_id = |p: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap());
    let v1_folder = folder_id(&public.join("v1.0"));

    let second = build_to_disk();
    assert!(second.succeeded(), "{:#?}", second.diagnostics);
    assert!(
        second.versions_built.is_empty(),
        "{:?}",
        second.versions_built
    );
    let mut cached = second.versions_cached.clone();
    cached.sort();
    assert_eq!(cached, ["next", "v1.0", "v2.0"]);
    assert_eq!(
        read_tree(&public),
        before,
        "a cached build differs from a fresh one"
    );
    // v1.0's folder was carried over from the previous output, not rewritten.
    assert_eq!(folder_id(&public.join("v1.0")), v1_folder);

    // Editing a page of the working tree rebuilds only the working tree,
    // and so does a change of a template or a static file.
    append(root, "book/02-how-we-work.md", "\nA new paragraph.\n");
    let third = build_to_disk();
    assert_eq!(third.versions_built, ["next"]);
    std::fs::write(root.join("static/extra.txt"), "new\n").unwrap();
    let static_changed = build_to_disk();
    assert_eq!(static_changed.versions_built, ["next"]);
    assert!(public.join("next/extra.txt").is_file());
    // Files a build never reads (editor swap files, the output) change nothing.
    std::fs::write(root.join("book/.02-how-we-work.md.swp"), "swap").unwrap();
    assert!(build_to_disk().versions_built.is_empty());

    // Removing pages the working tree shares with v1.0 and v2.0 changes
    // their switchers: they are rendered again.
    let reviewing = root.join("book/03-contributing/02-reviewing.md");
    let text = std::fs::read_to_string(&reviewing).unwrap();
    std::fs::write(&reviewing, text.replacen("---\n", "---\nslug: review\n", 1)).unwrap();
    let fourth = build_to_disk();
    assert!(fourth.succeeded(), "{:#?}", fourth.diagnostics);
    let mut rebuilt = fourth.versions_built.clone();
    rebuilt.sort();
    assert_eq!(rebuilt, ["next", "v1.0", "v2.0"]);
    let v1_page = public.join("v1.0/book/contributing/reviewing/index.html");
    let v1_page = std::fs::read_to_string(v1_page).unwrap();
    assert!(v1_page.contains("href=\"/riverbank/next/\" data-version-home"));

    // A new tag adds a version: every version's switcher changes.
    git(root, &["tag", "v2.1", "v2.0"]);
    let fifth = build_to_disk();
    assert!(fifth.succeeded(), "{:#?}", fifth.diagnostics);
    assert_eq!(fifth.versions_built.len(), 4);
    assert!(
        public.join("v2.0/index.html").is_file(),
        "v2.1 is the default now"
    );

    // A different base URL: nothing can be reused.
    let mut opts = BuildOptions::new(root);
    opts.target = Target::Disk(public.clone());
    opts.base_url = Some("https://other.example/".into());
    let sixth = build::build(&opts);
    assert!(sixth.versions_cached.is_empty());
}

#[test]
fn cached_versions_replay_their_warnings() {
    let site = versioned_example();
    let root = site.path();
    let legacy_warning = |b: &Built| -> Vec<String> {
        b.report
            .diagnostics
            .iter()
            .filter(|d| d.code == "unknown-key")
            .map(|d| {
                let l = d.location.as_ref().unwrap();
                format!(
                    "{:?} {}:{}:{}",
                    d.severity,
                    l.file.display(),
                    l.line,
                    l.column
                )
            })
            .collect()
    };
    let first = build_memory(root);
    assert_eq!(
        legacy_warning(&first),
        ["Warning v1.0:book/06-legacy.md:3:1"]
    );
    let second = build_memory(root);
    assert!(second.report.versions_built.is_empty());
    assert_eq!(legacy_warning(&second), legacy_warning(&first));
    assert_eq!(first.report.diagnostics, second.report.diagnostics);
}

#[test]
fn a_bad_charter_yaml_at_a_ref_names_the_ref_and_the_others_are_still_checked() {
    let site = versioned_example();
    let root = site.path();
    // A v0.9 tag whose charter.yaml has an unknown key on line 3.
    git(root, &["stash", "-q", "-u"]);
    git(root, &["checkout", "-q", "-b", "old", "v1.0"]);
    let config = std::fs::read_to_string(root.join("charter.yaml")).unwrap();
    let mut lines: Vec<&str> = config.lines().collect();
    lines.insert(2, "titel: typo");
    std::fs::write(root.join("charter.yaml"), lines.join("\n") + "\n").unwrap();
    git(root, &["commit", "-q", "-am", "broken config"]);
    git(root, &["tag", "v0.9"]);
    git(root, &["checkout", "-q", "main"]);
    git(root, &["stash", "pop", "-q"]);
    // The working tree has a broken link too.
    append(root, "book/07-roadmap.md", "\nSee [nowhere](missing.md).\n");
    let built = build_memory(root);
    assert!(!built.report.succeeded());
    let found = errors_and_warnings(&built);
    assert!(
        found
            .iter()
            .any(|d| d.starts_with("Error unknown-key v0.9:charter.yaml:3:1 ")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|d| d.starts_with("Error broken-link book/07-roadmap.md:")),
        "{found:#?}"
    );
    // The human rendering shows the line from the ref's file.
    let text = charter::diagnostics::render(
        &built.report.diagnostics,
        &charter::diagnostics::RenderOptions {
            format: charter::diagnostics::Format::Human,
            color: false,
            root: root.to_path_buf(),
            version_roots: built.report.version_roots.clone(),
        },
    );
    assert!(text.contains("v0.9:charter.yaml:3:1"), "{text}");
    assert!(text.contains("titel: typo"), "{text}");
}

#[test]
fn a_glob_matching_nothing_warns_at_its_line() {
    let site = versioned_example();
    let root = site.path();
    let config = std::fs::read_to_string(root.join("charter.yaml")).unwrap();
    std::fs::write(
        root.join("charter.yaml"),
        config.replace("refs: [\"v*\"]", "refs: [\"v*\", \"release-*\"]"),
    )
    .unwrap();
    let built = build_memory(root);
    assert!(built.report.succeeded());
    let line = config.lines().position(|l| l.contains("refs:")).unwrap() + 1;
    let d = built
        .report
        .diagnostics
        .iter()
        .find(|d| d.code == "version-no-match")
        .expect("a warning");
    let l = d.location.as_ref().unwrap();
    assert_eq!(
        (l.file.to_str().unwrap(), l.line, l.column),
        ("charter.yaml", line, 16)
    );
    assert!(d.message.contains("release-*"));
}

#[test]
fn versions_outside_a_git_repository_are_a_clear_error() {
    let site = copy_fixture_dir(&example_site());
    append(site.path(), "charter.yaml", EXAMPLE_VERSIONS);
    let built = build_memory(site.path());
    assert!(!built.report.succeeded());
    let d = &built.report.diagnostics[0];
    assert_eq!(d.code, "version-git");
    assert!(d.message.contains("not a git repository"), "{}", d.message);
    assert_eq!(d.location.as_ref().unwrap().file, Path::new("charter.yaml"));
    assert!(d.help.as_deref().unwrap().contains("git init"));
}

#[test]
fn refs_with_the_same_or_unsafe_names_are_errors() {
    let site = versioned_example();
    let root = site.path();
    git(root, &["branch", "v1.0", "v1.0"]);
    git(root, &["branch", "feature/search"]);
    let config = std::fs::read_to_string(root.join("charter.yaml")).unwrap();
    std::fs::write(
        root.join("charter.yaml"),
        config.replace("refs: [\"v*\"]", "refs: [\"v*\", \"feature/*\"]"),
    )
    .unwrap();
    let built = build_memory(root);
    assert!(!built.report.succeeded());
    let codes = built.codes();
    assert!(codes.contains(&"version-duplicate"), "{codes:?}");
    assert!(codes.contains(&"version-name"), "{codes:?}");
    let dup = built
        .report
        .diagnostics
        .iter()
        .find(|d| d.code == "version-duplicate")
        .unwrap();
    assert!(dup.message.contains("v1.0"));
    assert!(dup.location.as_ref().unwrap().line > 1);
}

#[test]
fn without_versions_nothing_changes() {
    let built = build_at(&example_site(), |_| {});
    assert!(!built.files.contains_key("versions.json"));
    assert!(!built
        .text("book/why/index.html")
        .contains("data-switcher=\"version\""));
}

/// A copy of a folder in a temp dir (not a git repository).
fn copy_fixture_dir(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(from, dir.path());
    dir
}

#[test]
fn a_damaged_cache_entry_is_rebuilt_and_never_reused() {
    let site = versioned_example();
    let root = site.path();
    let out = tempfile::tempdir().unwrap();
    let build_to = |name: &str| build_to_disk(root, &out.path().join(name));
    assert!(build_to("public").succeeded());
    let before = read_tree(&out.path().join("public"));
    // A file of v1.0's cached output disappears; a build into another
    // folder (nothing to carry over) cannot restore v1.0 and builds it.
    let cached = root.join(".charter-cache/versions/v1.0/files/v1.0/book/why/index.html");
    std::fs::remove_file(&cached).unwrap();
    let second = build_to("elsewhere");
    assert!(second.succeeded(), "{:#?}", second.diagnostics);
    assert!(second.versions_built.contains(&"v1.0".to_string()));
    assert_eq!(read_tree(&out.path().join("elsewhere")), before);
    // It is whole again, and the next build restores it.
    assert!(cached.is_file());
    let third = build_to("third");
    assert!(third.versions_cached.contains(&"v1.0".to_string()));
    assert_eq!(read_tree(&out.path().join("third")), before);
}

#[test]
fn the_cli_reports_versions_and_clean_removes_the_cache() {
    let site = versioned_example();
    let root = site.path();
    let charter = env!("CARGO_BIN_EXE_charter");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(charter)
            .args(args)
            .arg(root)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = run(&["build"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("(3 versions: next, v2.0, v1.0 built)"),
        "{err}"
    );
    let (code, err) = run(&["build"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("(3 versions: next, v2.0, v1.0 from the cache)"),
        "{err}"
    );
    assert!(root
        .join(".charter-cache/versions/v1.0/entry.json")
        .is_file());
    let (code, err) = run(&["clean"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!root.join(".charter-cache").exists());
    assert!(!root.join("public").exists());
    // The scaffold ignores the cache.
    assert!(std::fs::read_to_string(root.join(".gitignore"))
        .unwrap()
        .contains(".charter-cache/"));
}

#[test]
fn a_site_in_a_subfolder_of_the_repository_reads_that_folder_at_each_ref() {
    let repo = tempfile::tempdir().unwrap();
    let root = repo.path().join("docs");
    std::fs::create_dir_all(root.join("book")).unwrap();
    std::fs::write(
        root.join("charter.yaml"),
        format!("title: Docs\n{EXAMPLE_VERSIONS}"),
    )
    .unwrap();
    std::fs::write(root.join("book/01-one.md"), "# One\n\nFirst release.\n").unwrap();
    std::fs::write(repo.path().join("README.md"), "code lives here\n").unwrap();
    git(repo.path(), &["init", "-q", "-b", "main"]);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "one"]);
    git(repo.path(), &["tag", "v1.0"]);
    std::fs::write(root.join("book/01-one.md"), "# One\n\nWorking tree.\n").unwrap();
    let built = build_memory(&root);
    assert!(
        built.report.succeeded(),
        "{:#?}",
        errors_and_warnings(&built)
    );
    assert!(built.text("book/one/index.html").contains("First release."));
    assert!(built
        .text("next/book/one/index.html")
        .contains("Working tree."));
}

/// Each version has its own search index, and its pages search it.
#[cfg(feature = "search")]
#[test]
fn each_version_searches_its_own_index_and_a_cached_version_keeps_it() {
    let site = versioned_example();
    let root = site.path();
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let build_to_disk = || build_to_disk(root, &public);
    assert!(build_to_disk().succeeded());
    for prefix in ["", "v1.0/", "next/"] {
        assert!(
            public
                .join(format!("{prefix}pagefind/pagefind.js"))
                .is_file(),
            "{prefix}"
        );
        assert!(public
            .join(format!("{prefix}pagefind/pagefind-entry.json"))
            .is_file());
    }
    let page = std::fs::read_to_string(public.join("v1.0/ru/book/why/index.html")).unwrap();
    assert!(page.contains("data-search-url=\"/riverbank/v1.0/pagefind/pagefind.js\""));
    let before = read_tree(&public);
    let second = build_to_disk();
    assert!(second.versions_cached.contains(&"v1.0".to_string()));
    let after = read_tree(&public);
    let index = |tree: &std::collections::BTreeMap<String, Vec<u8>>| {
        tree.iter()
            .filter(|(k, _)| k.starts_with("v1.0/pagefind/"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<Vec<_>>()
    };
    assert!(!index(&before).is_empty());
    assert_eq!(index(&before), index(&after));
}
