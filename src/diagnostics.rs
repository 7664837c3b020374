//! Diagnostics: the one `Diagnostic` type every stage reports with, lint levels
//! from `lints:` in `charter.yaml`, and rendering for humans (rustc-like
//! snippets), machines (`json`) and GitHub Actions (`github` annotations).
//! Also the registry of codes and their explanations (`charter explain CODE`).

use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is. Ordered from most to least severe.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// A place in a source file. `line` and `column` are 1-based; `column` counts
/// characters (not bytes). `len` is the number of characters to underline (0 = a caret).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
pub struct Location {
    /// Path relative to the site root (or absolute when outside it).
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub len: usize,
}

impl Location {
    pub fn new(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            file: file.into(),
            line,
            column,
            len: 0,
        }
    }

    /// A location naming only a file (line 1, column 1).
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location::new(file, 1, 1)
    }
}

/// One finding of a run: an error, warning or note with a stable code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable kebab-case code, e.g. `broken-link`.
    pub code: &'static str,
    pub message: String,
    pub location: Option<Location>,
    /// A hint that says how to fix it.
    pub help: Option<String>,
    /// Other places that matter (e.g. the other file of a duplicate).
    pub related: Vec<(Location, String)>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            location: None,
            help: None,
            related: Vec::new(),
        }
    }

    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    pub fn note(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, code, message)
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn at_file(self, file: impl Into<PathBuf>) -> Self {
        self.at(Location::file(file))
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, location: Location, label: impl Into<String>) -> Self {
        self.related.push((location, label.into()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Sort key: file, line, column, then severity and code, so output is stable.
    fn sort_key(&self) -> (Option<&Path>, usize, usize, Severity, &'static str, &str) {
        match &self.location {
            Some(l) => (
                Some(l.file.as_path()),
                l.line,
                l.column,
                self.severity,
                self.code,
                &self.message,
            ),
            None => (None, 0, 0, self.severity, self.code, &self.message),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`
/// (an offset inside a character counts as that character).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Sorts diagnostics by file and line (diagnostics without a file first) and
/// drops exact duplicates.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup();
}

/// The level a site gives a diagnostic code in `lints:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LintLevel {
    Deny,
    Warn,
    Allow,
}

/// Applies `lints:` levels and `--strict` to a run's diagnostics: `allow` drops a
/// code, `warn` makes it a warning, `deny` an error; `strict` turns remaining
/// warnings into errors. Notes are never promoted.
pub fn apply_lints(
    diags: Vec<Diagnostic>,
    lints: &BTreeMap<String, LintLevel>,
    strict: bool,
) -> Vec<Diagnostic> {
    diags
        .into_iter()
        .filter_map(|mut d| {
            match lints.get(d.code) {
                Some(LintLevel::Allow) => return None,
                Some(LintLevel::Warn) if d.severity != Severity::Note => {
                    d.severity = Severity::Warning
                }
                Some(LintLevel::Deny) => d.severity = Severity::Error,
                _ => {}
            }
            if strict && d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
            Some(d)
        })
        .collect()
}

/// Counts of a run, for the summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

pub fn count(diags: &[Diagnostic]) -> Counts {
    let mut c = Counts::default();
    for d in diags {
        match d.severity {
            Severity::Error => c.errors += 1,
            Severity::Warning => c.warnings += 1,
            Severity::Note => c.notes += 1,
        }
    }
    c
}

pub mod codes;
pub mod render;

pub use render::{render, Format, RenderOptions};
