//! Markdown to HTML for one page: pulldown-cmark events with tables,
//! footnotes, strikethrough, task lists and heading attributes; stable,
//! de-duplicated heading ids with hover anchors; the page's table of
//! contents; link rewriting through a `LinkResolver`; code highlighting
//! (through `highlight`). Knows nothing of the site: links are resolved by
//! the caller's resolver.

use crate::highlight::Highlighter;
use serde::Serialize;

/// What the caller says about a link destination written in Markdown.
pub trait LinkResolver: Sync {
    /// The href to write for `dest` (as written in Markdown, e.g.
    /// `../book/02-how.md#scope`, `/rfcs/9/1.png`, `https://…`), or `None`
    /// to keep it as written.
    fn resolve(&self, dest: &str) -> Option<String>;
}

/// A resolver that keeps every link as written (for tests and fragments).
pub struct KeepLinks;

impl LinkResolver for KeepLinks {
    fn resolve(&self, _dest: &str) -> Option<String> {
        None
    }
}

/// Everything the renderer needs for one page body.
pub struct Input<'a> {
    pub text: &'a str,
    /// 1-based line of the file on which `text` starts (after front matter),
    /// so recorded positions are positions in the file.
    pub first_line: usize,
    pub resolver: &'a dyn LinkResolver,
    pub highlighter: &'a Highlighter,
}

/// One heading of the page, for the per-page table of contents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    /// Plain text of the heading.
    pub title: String,
}

/// A link or image as written in the source, and what it became.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkRecord {
    /// Destination as written in Markdown.
    pub dest: String,
    /// The href/src written to HTML.
    pub href: String,
    pub is_image: bool,
    /// 1-based line and column in the file of the link's start (`[` or `!`).
    pub line: usize,
    pub column: usize,
}

/// The rendered body of one page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub links: Vec<LinkRecord>,
    /// Plain text of the first level-1 heading, if any.
    pub first_heading: Option<String>,
}

/// Renders one page body.
pub fn render(input: &Input<'_>) -> Rendered {
    let _ = input;
    Rendered::default()
}

/// The slug of a heading text, as used for ids: lowercase, alphanumerics
/// (Unicode letters kept), spaces and punctuation runs to `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            out.extend(ch.to_lowercase());
            dash = false;
        } else if !out.is_empty() && !dash && (ch.is_whitespace() || ch == '-' || ch == '_') {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}
