//! The `charter` binary: exit codes, output folders, formats, init.

use crate::common;

use assert_cmd::Command;
use common::*;
use predicates::prelude::*;
use std::path::Path;

fn charter() -> Command {
    let mut cmd = Command::cargo_bin("charter").unwrap();
    cmd.env_remove("NO_COLOR").env("CLICOLOR", "0");
    cmd
}

/// A build leaves no staging or old output folders (`.public.charter-tmp-…`,
/// `.public.charter-old-…`) beside the output.
fn assert_no_temp_dirs(dir: &Path) {
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.contains(".charter-tmp-") || name.contains(".charter-old-")
        })
        .collect();
    assert!(leftovers.is_empty(), "temp dirs left: {leftovers:?}");
}

#[test]
fn build_positional_root_and_root_flag_both_work() {
    let site = copy_fixture("basic");
    let out = tempfile::tempdir().unwrap();
    let o1 = out.path().join("a");
    charter()
        .args([
            "build",
            site.path().to_str().unwrap(),
            "-o",
            o1.to_str().unwrap(),
        ])
        .assert()
        .success();
    let o2 = out.path().join("b");
    charter()
        .args([
            "build",
            "-r",
            site.path().to_str().unwrap(),
            "-o",
            o2.to_str().unwrap(),
        ])
        .assert()
        .success();
    assert!(o1.join("book/why/index.html").is_file());
    assert_eq!(read_tree(&o1), read_tree(&o2));
}

#[test]
fn root_is_found_upward_from_the_current_directory() {
    let site = copy_fixture("basic");
    charter()
        .current_dir(site.path().join("book"))
        .arg("build")
        .assert()
        .success();
    assert!(site.path().join("public/index.html").is_file());
}

#[test]
fn errors_exit_1_and_leave_the_previous_output_untouched() {
    let site = copy_fixture("basic");
    charter().arg("build").arg(site.path()).assert().success();
    let before = read_tree(&site.path().join("public"));
    std::fs::write(
        site.path().join("book/01-why.md"),
        "# Why\n\n[broken](nowhere.md)\n",
    )
    .unwrap();
    charter()
        .arg("build")
        .arg(site.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[broken-link]"))
        .stderr(predicate::str::contains("book/01-why.md:3:1"));
    assert_eq!(
        before,
        read_tree(&site.path().join("public")),
        "output changed after a failed build"
    );
    assert_no_temp_dirs(site.path());
}

#[test]
fn check_writes_nothing_and_reports_errors() {
    let site = copy_fixture("broken-links");
    charter()
        .arg("check")
        .arg(site.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("broken-anchor"));
    assert!(!site.path().join("public").exists());
    // Nor the cache folder: the site's code is highlighted, not kept.
    let site = copy_fixture("basic");
    let before = read_tree(site.path());
    charter().arg("check").arg(site.path()).assert().success();
    assert_eq!(read_tree(site.path()), before);
    assert!(!site.path().join(".charter-cache").exists());
    // What a build kept there, check takes, and leaves as it was.
    let out = tempfile::tempdir().unwrap();
    charter()
        .arg("build")
        .arg(site.path())
        .arg("-o")
        .arg(out.path().join("site"))
        .assert()
        .success();
    let before = read_tree(site.path());
    assert!(before.contains_key(".charter-cache/highlight"));
    charter()
        .args(["-v", "check"])
        .arg(site.path())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "code blocks as highlighted by the last build",
        ));
    assert_eq!(read_tree(site.path()), before);
}

#[test]
fn usage_errors_exit_2() {
    charter().arg("frobnicate").assert().code(2);
    let empty = tempfile::tempdir().unwrap();
    charter()
        .current_dir(empty.path())
        .arg("build")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("charter init"));
}

#[test]
fn github_format_prints_annotations() {
    charter()
        .args(["--format", "github", "check"])
        .arg(fixture("broken-links"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "::error file=book/01-one.md,line=3,col=3",
        ));
}

#[test]
fn json_format_prints_one_object_per_line() {
    let out = charter()
        .args(["--format", "json", "check"])
        .arg(fixture("broken-links"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert_eq!(lines[0]["code"], "broken-link");
    assert_eq!(lines[0]["line"], 3);
}

#[test]
fn explain_prints_a_code_and_rejects_unknown_ones() {
    charter()
        .args(["explain", "broken-link"])
        .assert()
        .success()
        .stdout(predicate::str::contains("lints"));
    charter().args(["explain", "no-such-code"]).assert().code(2);
}

#[test]
fn completions_are_printed() {
    charter()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("charter"));
}

#[test]
fn init_scaffolds_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo");
    charter().arg("init").arg(&demo).assert().success();
    // Versions need the tags: the workflow fetches the whole history, and
    // the version cache stays out of git.
    for workflow in [
        demo.join(".github/workflows/pages.yml"),
        example_site().join(".github/workflows/pages.yml"),
    ] {
        let text = std::fs::read_to_string(&workflow).unwrap();
        assert!(text.contains("fetch-depth: 0"), "{}", workflow.display());
        // CI restores the version cache and the charter binary it pins.
        let yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        let steps = yaml["jobs"]["build"]["steps"].as_sequence().unwrap();
        let cached: Vec<&str> = steps
            .iter()
            .filter(|s| s["uses"].as_str() == Some("actions/cache@v4"))
            .filter_map(|s| s["with"]["path"].as_str())
            .collect();
        assert_eq!(cached, ["~/.cargo/bin/charter", ".charter-cache"]);
        let version = env!("CARGO_PKG_VERSION");
        assert!(
            text.contains(&format!(
                "cargo install charter --locked --version {version}\n"
            )),
            "{text}"
        );
        // No placeholder of charter's is left (`${{ … }}` is GitHub's).
        assert!(!text.replace("${{", "").contains("{{"), "{text}");
    }
    // The example site's workflow is the one `init` writes.
    assert_eq!(
        std::fs::read_to_string(demo.join(".github/workflows/pages.yml")).unwrap(),
        std::fs::read_to_string(example_site().join(".github/workflows/pages.yml")).unwrap()
    );
    let ignored = std::fs::read_to_string(demo.join(".gitignore")).unwrap();
    assert!(ignored.contains(".charter-cache/"));
    charter()
        .args(["build", "-r"])
        .arg(&demo)
        .assert()
        .success();
    assert!(demo.join("public/index.html").is_file());
    charter()
        .arg("init")
        .arg(&demo)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--force"));
    charter()
        .arg("init")
        .arg(&demo)
        .arg("--force")
        .assert()
        .success();
}

#[test]
fn clean_removes_the_output() {
    let site = copy_fixture("basic");
    charter().arg("build").arg(site.path()).assert().success();
    charter().arg("clean").arg(site.path()).assert().success();
    assert!(!site.path().join("public").exists());
}

#[test]
fn output_is_identical_with_one_or_two_threads() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&example_site(), site.path());
    let out = tempfile::tempdir().unwrap();
    let mut trees = Vec::new();
    for threads in ["1", "2"] {
        // Each build highlights its code itself, not from the cache folder.
        let _ = std::fs::remove_dir_all(site.path().join(".charter-cache"));
        let dir = out.path().join(threads);
        charter()
            .env("RAYON_NUM_THREADS", threads)
            .arg("build")
            .arg(site.path())
            .arg("-o")
            .arg(&dir)
            .assert()
            .success();
        trees.push(read_tree(&dir));
    }
    assert_eq!(trees[0], trees[1]);
}

/// Pagefind numbers pages in the order it is given them, and the numbers
/// name the index files: a search index in shards (built in parallel)
/// must still come out the same from run to run.
#[test]
fn a_sharded_search_index_is_identical_from_run_to_run() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&example_site(), site.path());
    for i in 0..120 {
        let text = format!("# Extra {i}\n\nRiver word{i} and bank {}.\n", i * 7);
        std::fs::write(site.path().join(format!("book/extra-{i:03}.md")), text).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let mut trees = Vec::new();
    for (run, threads) in [("a", "1"), ("b", "2"), ("c", "2")] {
        let dir = out.path().join(run);
        charter()
            .env("RAYON_NUM_THREADS", threads)
            .env("CHARTER_SEARCH_SHARD_PAGES", "40")
            .arg("build")
            .arg("-q")
            .arg(site.path())
            .arg("-o")
            .arg(&dir)
            .assert()
            .success();
        trees.push(read_tree(&dir));
    }
    assert!(
        trees[0].contains_key("pagefind/en-4/pagefind-entry.json"),
        "134 English pages in shards of 40"
    );
    assert!(trees[0] == trees[1], "one thread and two differ");
    assert!(trees[1] == trees[2], "two runs differ");
}

/// The one date in the output (the spec feed's) is the build's
/// `SOURCE_DATE_EPOCH`, else the Unix epoch: never the clock.
#[test]
fn source_date_epoch_dates_the_spec_feed() {
    let out = tempfile::tempdir().unwrap();
    for (epoch, date) in [
        (None, "1970-01-01T00:00:00Z"),
        (Some("1700000000"), "2023-11-14T22:13:20Z"),
    ] {
        let dir = out.path().join(epoch.unwrap_or("unset"));
        let mut build = charter();
        build.env_remove("SOURCE_DATE_EPOCH");
        if let Some(epoch) = epoch {
            build.env("SOURCE_DATE_EPOCH", epoch);
        }
        build
            .arg("build")
            .arg("-q")
            .arg(example_site())
            .arg("-o")
            .arg(&dir)
            .assert()
            .success();
        let feed = std::fs::read_to_string(dir.join("specs.xml")).unwrap();
        let updated = format!("<updated>{date}</updated>");
        assert!(feed.contains(&updated), "{updated} in {feed}");
        assert_eq!(
            feed.matches("<updated>").count(),
            feed.matches(&updated).count(),
            "every entry has the build's date: {feed}"
        );
    }
}

#[test]
fn example_site_builds_with_no_warnings() {
    let out = tempfile::tempdir().unwrap();
    charter()
        .arg("build")
        .arg(example_site())
        .arg("-o")
        .arg(out.path().join("site"))
        .assert()
        .success()
        .stderr(predicate::str::contains("warning").not());
}

/// A build killed (SIGKILL) at any moment leaves the previous output as it
/// was, and the next build removes what the killed one left behind.
#[cfg(unix)]
#[test]
fn a_killed_build_leaves_the_previous_output_intact() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&example_site(), site.path());
    // Enough pages that a build takes a moment.
    for i in 0..300 {
        let text = format!(
            "# Chapter {i}\n\n{}\n\n```rust\nfn main() {{ println!(\"{i}\"); }}\n```\n",
            "Words of a chapter. ".repeat(200)
        );
        std::fs::write(site.path().join(format!("book/extra-{i:03}.md")), text).unwrap();
    }
    let out = site.path().join("public");
    charter()
        .arg("build")
        .arg(site.path())
        .arg("-q")
        .assert()
        .success();
    let before = read_tree(&out);
    assert!(!before.is_empty());
    for delay_ms in [0u64, 5, 20, 60, 120, 250] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_charter"))
            .arg("build")
            .arg(site.path())
            .arg("-q")
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        let after = read_tree(&out);
        if after != before {
            // The kill landed after the swap: the build had finished, so the
            // new output must be whole (a rebuild of the same input is equal).
            assert_eq!(
                after.len(),
                before.len(),
                "a partial tree after a kill at {delay_ms} ms"
            );
        }
    }
    charter()
        .arg("build")
        .arg(site.path())
        .arg("-q")
        .assert()
        .success();
    assert_eq!(
        read_tree(&out),
        before,
        "the same input builds the same output"
    );
    assert_no_temp_dirs(site.path());
}

/// Runs `charter COMMAND SITE -o OUT`, which must refuse with
/// `unsafe-output` and say `says`.
fn assert_output_refused(command: &str, site: &Path, out: &Path, says: &str) {
    charter()
        .arg(command)
        .arg(site)
        .arg("-o")
        .arg(out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[unsafe-output]"))
        .stderr(predicate::str::contains(says));
}

/// An output folder that is, holds or sits in a folder the site reads
/// (the book, the specs, a static folder, translations, templates) would be
/// replaced by the build, sources and all: charter refuses, and the
/// sources stay as they were.
#[test]
fn refuses_to_build_into_a_folder_the_site_reads() {
    let site = copy_fixture("basic");
    std::fs::create_dir_all(site.path().join("static/img")).unwrap();
    std::fs::write(site.path().join("static/img/logo.svg"), "<svg/>").unwrap();
    std::fs::create_dir_all(site.path().join("translations")).unwrap();
    let before = read_tree(site.path());
    // Through a symlink to one of them too.
    let link = tempfile::tempdir().unwrap();
    let to_book = link.path().join("to-book");
    std::os::unix::fs::symlink(site.path().join("book"), &to_book).unwrap();
    let outs = [
        "book",
        "static",
        "static/img",
        "book/new",
        "translations",
        "templates",
    ]
    .map(|out| site.path().join(out));
    for out in outs.iter().chain([&to_book]) {
        for command in ["build", "clean"] {
            assert_output_refused(command, site.path(), out, "the site reads");
            let changed = format!("sources changed by {command} -o {}", out.display());
            assert_eq!(before, read_tree(site.path()), "{changed}");
        }
    }
    // Nor may `clean` remove a folder that holds the site (one made for
    // the test, so that a regression removes nothing else).
    let outer = tempfile::tempdir().unwrap();
    let nested = outer.path().join("site");
    copy_dir(&fixture("basic"), &nested);
    let nested_before = read_tree(outer.path());
    assert_output_refused(
        "clean",
        &nested,
        outer.path(),
        "it holds the site's sources",
    );
    assert_eq!(
        nested_before,
        read_tree(outer.path()),
        "clean removed the site's folder"
    );
    // Beside the sources is fine, as is the default `public/`.
    charter()
        .arg("build")
        .arg(site.path())
        .arg("-o")
        .arg(site.path().join("site-out"))
        .assert()
        .success();
}

/// An output folder that is a symlink is built where it points, and the
/// link stays a link.
#[test]
fn builds_through_an_output_symlink() {
    let site = copy_fixture("basic");
    let served = tempfile::tempdir().unwrap();
    let real = served.path().join("www");
    std::fs::create_dir(&real).unwrap();
    // What a previous build left (its mark, and a page since removed).
    std::fs::write(real.join("charter-nav.js"), "old").unwrap();
    std::fs::write(real.join("stale.html"), "old").unwrap();
    let link = site.path().join("public");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    for _ in 0..2 {
        charter().arg("build").arg(site.path()).assert().success();
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert!(
            real.join("index.html").is_file(),
            "no index.html in the link's target"
        );
        assert!(!real.join("stale.html").exists(), "the old output was kept");
        assert_no_temp_dirs(served.path());
        assert_no_temp_dirs(site.path());
    }
}

/// A build replaces its output folder as a whole: a folder of other files
/// (a typo in `-o`, the home folder) is refused, by `build` and by
/// `clean`, and stays as it was; an empty one, or a previous build's, is
/// taken.
#[test]
fn refuses_to_replace_a_folder_of_other_files() {
    let site = copy_fixture("basic");
    let other = tempfile::tempdir().unwrap();
    let docs = other.path().join("docs");
    std::fs::create_dir_all(docs.join("notes")).unwrap();
    std::fs::write(docs.join("notes/plan.txt"), "mine").unwrap();
    let before = read_tree(other.path());
    for command in ["build", "clean"] {
        assert_output_refused(command, site.path(), &docs, "not a charter build's output");
        assert_eq!(
            before,
            read_tree(other.path()),
            "{command} changed the folder"
        );
    }
    let empty = other.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for _ in 0..2 {
        charter()
            .arg("build")
            .arg(site.path())
            .arg("-o")
            .arg(&empty)
            .assert()
            .success();
    }
    charter()
        .arg("clean")
        .arg(site.path())
        .arg("-o")
        .arg(&empty)
        .assert()
        .success();
    assert!(!empty.exists());
}

/// An output folder that is a clone or a worktree of a `gh-pages` branch
/// keeps its `.git` (a worktree's is a file, a clone's a folder that may
/// hold commits not yet pushed) through builds and `clean`; a `.git` alone
/// does not make a folder one of other files.
#[test]
fn keeps_the_git_of_an_output_folder() {
    let site = copy_fixture("basic");
    let other = tempfile::tempdir().unwrap();
    let worktree = other.path().join("worktree");
    std::fs::create_dir(&worktree).unwrap();
    std::fs::write(
        worktree.join(".git"),
        "gitdir: /repo/.git/worktrees/pages\n",
    )
    .unwrap();
    let clone = other.path().join("clone");
    std::fs::create_dir_all(clone.join(".git/refs/heads")).unwrap();
    std::fs::write(clone.join(".git/refs/heads/gh-pages"), "0123abcd\n").unwrap();
    // `read_tree` of a file reads that file.
    let git_now = |out: &Path| read_tree(&out.join(".git"));
    for out in [&worktree, &clone] {
        let git = git_now(out);
        assert!(!git.is_empty());
        for _ in 0..2 {
            charter()
                .arg("build")
                .arg(site.path())
                .arg("-o")
                .arg(out)
                .assert()
                .success();
            assert!(out.join("index.html").is_file());
            assert_eq!(git, git_now(out), "the build changed {}", out.display());
        }
        charter()
            .arg("clean")
            .arg(site.path())
            .arg("-o")
            .arg(out)
            .assert()
            .success()
            .stderr(predicate::str::contains("kept its .git"));
        let left: Vec<_> = std::fs::read_dir(out)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, [".git"], "clean left {}", out.display());
        assert_eq!(git, git_now(out), "clean changed {}", out.display());
    }
    // Other files beside `.git` are still another folder's.
    std::fs::write(worktree.join("index.html"), "Hugo's").unwrap();
    assert_output_refused(
        "build",
        site.path(),
        &worktree,
        "not a charter build's output",
    );
}

/// `-u` gets the checks `base_url` gets in charter.yaml: a usage error.
#[test]
fn a_base_url_with_a_query_is_a_usage_error() {
    charter()
        .arg("check")
        .arg(fixture("basic"))
        .args(["-u", "https://x.org/rfc/?lang=en"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot have a query or fragment"));
}

/// `charter new spec` takes the next free number (you as its editor, from
/// git); `charter new chapter` adds a chapter after the last and lists it
/// in SUMMARY.md. Both refuse what exists, and the site still builds.
#[test]
fn new_specs_and_chapters_join_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    charter().arg("init").arg(&site).assert().success();
    let no_global = dir.path().join("gitconfig");
    std::fs::write(&no_global, "").unwrap();
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .arg("-C")
            .arg(&site)
            .args(args)
            .env("GIT_CONFIG_GLOBAL", &no_global)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .status()
            .unwrap()
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["config", "user.name", "Ada Lovelace"]);
    git(&["config", "user.email", "ada@example.org"]);
    let new = |args: &[&str]| {
        let mut cmd = charter();
        cmd.arg("-r")
            .arg(&site)
            .arg("new")
            .args(args)
            .env("GIT_CONFIG_GLOBAL", &no_global)
            .env("GIT_CONFIG_NOSYSTEM", "1");
        cmd.assert()
    };

    new(&["spec", "Voting: how we decide", "--shortname", "VOTE"])
        .success()
        .stderr(predicate::str::contains("spec 2/VOTE"));
    let spec = std::fs::read_to_string(site.join("specs/2/README.md")).unwrap();
    assert!(
        spec.starts_with("---\nname: \"Voting: how we decide\"\nshortname: 2/VOTE\nstatus: raw\neditor: Ada Lovelace <ada@example.org>\n---\n"),
        "{spec}"
    );
    new(&["spec", "Other", "--number", "2"])
        .code(1)
        .stderr(predicate::str::contains("error[new-value]: spec 2 exists"));
    new(&["spec", "Other", "--shortname", "a/b"]).code(1);

    new(&["chapter", "How we vote?"])
        .success()
        .stderr(predicate::str::contains("03-how-we-vote.md"));
    let summary = std::fs::read_to_string(site.join("book/SUMMARY.md")).unwrap();
    assert!(
        summary.ends_with("- [How we vote?](03-how-we-vote.md)\n"),
        "{summary}"
    );
    new(&["chapter", "How  we vote"])
        .code(1)
        .stderr(predicate::str::contains("/book/how-we-vote/ exists"));

    let out = dir.path().join("out");
    charter()
        .arg("build")
        .arg(&site)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let spec_page = std::fs::read_to_string(out.join("spec/2/index.html")).unwrap();
    assert!(spec_page.contains("Voting: how we decide"));
    assert!(out.join("book/how-we-vote/index.html").is_file());
}
