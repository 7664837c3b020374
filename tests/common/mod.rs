//! The test harness: builds a fixture site (or a copy of one) in memory or
//! into a temporary folder, and asserts on output HTML and diagnostics.
#![allow(dead_code)]

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

/// Copies a fixture into a temp folder (so a test can add or break files).
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture(name), dir.path());
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
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
