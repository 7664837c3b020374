//! The test harness: builds a fixture site (or a copy of one) in memory or
//! into a temporary folder, and asserts on output HTML and diagnostics.
#![allow(dead_code)]

mod rng;
#[allow(unused_imports)] // not every test binary makes random inputs
pub use rng::Rng;

use charter::build::{self, BuildOptions, BuildReport, Target};
use charter::diagnostics::{Diagnostic, Severity};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn example_site() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site")
}

/// A build's outcome with the written files.
pub struct Built {
    pub report: BuildReport,
    pub files: BTreeMap<String, Vec<u8>>,
}

/// Builds the site at `root` into memory.
pub fn build_at(root: &Path, tweak: impl FnOnce(&mut BuildOptions)) -> Built {
    let mut opts = BuildOptions::new(root);
    opts.target = Target::Memory;
    tweak(&mut opts);
    let mut report = build::build(&opts);
    let files = report.memory.take().unwrap_or_default();
    Built { report, files }
}

/// Builds `tests/fixtures/NAME` into memory.
pub fn build_fixture(name: &str) -> Built {
    build_at(&fixture(name), |_| {})
}

/// Every file under `dir`, by its path relative to `dir`.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (rel.display().to_string(), std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Builds the site at `root` into `out` on disk, as `charter build -o` does.
pub fn build_to_disk(root: &Path, out: &Path) -> BuildReport {
    let mut opts = BuildOptions::new(root);
    opts.target = Target::Disk(out.to_path_buf());
    build::build(&opts)
}

/// Copies a fixture into a temp folder (so a test can add or break files).
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture(name), dir.path());
    dir
}

/// Copies a site, but not the cache folder a build of it may have left
/// (a copy starts as a first build does).
pub fn copy_dir(from: &Path, to: &Path) {
    let walk = walkdir::WalkDir::new(from).into_iter();
    for entry in walk.filter_entry(|e| e.file_name() != ".charter-cache") {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

impl Built {
    /// A written file as text; panics with the list of files when missing.
    pub fn text(&self, path: &str) -> &str {
        match self.files.get(path) {
            Some(bytes) => std::str::from_utf8(bytes).expect("utf-8 output"),
            None => panic!(
                "no output file {path}; written: {:#?}",
                self.files.keys().collect::<Vec<_>>()
            ),
        }
    }

    pub fn codes(&self) -> Vec<&'static str> {
        self.report.diagnostics.iter().map(|d| d.code).collect()
    }

    pub fn errors(&self) -> Vec<&Diagnostic> {
        self.report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect()
    }

    /// The diagnostics, one line each, for assertion messages.
    pub fn summary(&self) -> String {
        self.report
            .diagnostics
            .iter()
            .map(|d| {
                let loc = d
                    .location
                    .as_ref()
                    .map(|l| format!("{}:{}:{}", l.file.display(), l.line, l.column))
                    .unwrap_or_default();
                format!("{:?} {} {} {}\n", d.severity, d.code, loc, d.message)
            })
            .collect()
    }

    /// Asserts a diagnostic with this code at FILE:LINE:COL exists.
    pub fn assert_diag(
        &self,
        severity: Severity,
        code: &str,
        file: &str,
        line: usize,
        column: usize,
    ) -> &Diagnostic {
        self.report
            .diagnostics
            .iter()
            .find(|d| {
                d.severity == severity
                    && d.code == code
                    && d.location.as_ref().is_some_and(|l| {
                        l.file == Path::new(file) && l.line == line && l.column == column
                    })
            })
            .unwrap_or_else(|| {
                panic!(
                    "expected {severity:?} {code} at {file}:{line}:{column}; got:\n{}",
                    self.summary()
                )
            })
    }

    pub fn assert_clean(&self) {
        assert!(
            self.report.diagnostics.is_empty(),
            "expected no diagnostics, got:\n{}",
            self.summary()
        );
    }
}

/// A real corpus in `../shared/corpora/`; panics when it is missing.
pub fn corpus(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora")
        .join(name);
    assert!(
        dir.is_dir(),
        "corpus {} is missing: the corpus tests need ../shared/corpora next to the checkout",
        dir.display()
    );
    dir
}

/// A copy of a corpus with `config` as its charter.yaml (the corpus itself is never edited).
pub fn with_config(name: &str, config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&corpus(name), dir.path());
    std::fs::write(dir.path().join("charter.yaml"), config).unwrap();
    dir
}

/// The ZeroMQ RFC corpus's charter.yaml, as a community moving to charter would write it.
pub const ZEROMQ_CONFIG: &str = "title: ZeroMQ RFC
base_url: https://zeromq.github.io/rfc/
home: content/_index.md
specs:
  dir: content/docs/rfcs
  domains: [rfc.zeromq.org]
  # Supersession the specs state only in prose.
  obsoletes: { 42: [22], 22: [16], 44: [42], 36: [20] }
static: [static]
ignore: [\"content/menu/**\"]
";

/// Runs git in `dir` with a fixed identity and dates, so commits (and
/// therefore tree ids and outputs) are the same on every run.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .args(["-c", "init.defaultBranch=main", "-c", "core.autocrlf=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs (install git)");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The `versions:` block the versioned example site uses.
pub const EXAMPLE_VERSIONS: &str =
    "versions:\n  refs: [\"v*\"]\n  current: next\n  default: latest\n";

/// example-site in a git repository of its own, with history:
/// - `v1.0`: the site plus a chapter "Legacy process" (`book/06-legacy.md`,
///   with Hugo's `weight:` in its front matter: an `unknown-key` warning);
/// - `v2.0`: the legacy chapter removed, "Why we exist" revised;
/// - the working tree (`next`, uncommitted): a new chapter "Roadmap".
///
/// `versions:` serves v2.0 (the latest tag) at the root.
pub fn versioned_example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    copy_dir(&example_site(), root);
    let _ = std::fs::remove_dir_all(root.join(".charter-cache"));
    let _ = std::fs::remove_dir_all(root.join("public"));
    append(root, "charter.yaml", EXAMPLE_VERSIONS);
    std::fs::write(
        root.join("book/06-legacy.md"),
        "---\ntitle: Legacy process\nweight: 3\n---\n\n# Legacy process\n\nHow we worked before the Commons had a charter.\n\n## Old rules {#old-rules}\n\nThe first rules, kept for history.\n",
    )
    .unwrap();
    append(
        root,
        "book/SUMMARY.md",
        "- [Legacy process](06-legacy.md)\n",
    );
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "v1.0"]);
    git(root, &["tag", "v1.0"]);

    std::fs::remove_file(root.join("book/06-legacy.md")).unwrap();
    let summary = std::fs::read_to_string(root.join("book/SUMMARY.md")).unwrap();
    std::fs::write(
        root.join("book/SUMMARY.md"),
        summary.replace("- [Legacy process](06-legacy.md)\n", ""),
    )
    .unwrap();
    append(
        root,
        "book/01-why.md",
        "\nSecond edition: revised for v2.0.\n",
    );
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "v2.0"]);
    git(root, &["tag", "v2.0"]);

    std::fs::write(
        root.join("book/07-roadmap.md"),
        "---\ntitle: Roadmap\n---\n\n# Roadmap\n\nWhat comes next for the Commons.\n",
    )
    .unwrap();
    append(root, "book/SUMMARY.md", "- [Roadmap](07-roadmap.md)\n");
    dir
}

/// Appends text to a file of a site.
pub fn append(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    let mut old = std::fs::read_to_string(&path).unwrap_or_default();
    if !old.is_empty() && !old.ends_with('\n') {
        old.push('\n');
    }
    std::fs::write(path, old + text).unwrap();
}
