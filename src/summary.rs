//! `book/SUMMARY.md`: the mdBook-style table of contents that orders the
//! handbook: nested lists of links to chapter files, `# Part titles`,
//! `---` separators, and prefix/suffix chapters outside lists.

use crate::diagnostics::{Diagnostic, Location};
use std::path::{Path, PathBuf};

/// One entry of the table of contents, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SummaryItem {
    /// A link to a chapter file, relative to the book dir. `path` is `None`
    /// for a draft entry written `[Title]()`.
    Chapter {
        title: String,
        path: Option<PathBuf>,
        /// Nesting depth, 0 for top level.
        depth: usize,
        /// 1-based line and column of the link in SUMMARY.md.
        line: usize,
        column: usize,
    },
    /// A `# Part title` heading.
    Part { title: String },
    /// A `---` separator.
    Separator,
}

/// Parses SUMMARY.md text. `file` names it in diagnostics (relative to root).
/// Malformed lines are reported (with line and column) and skipped.
pub fn parse(text: &str, file: &Path) -> (Vec<SummaryItem>, Vec<Diagnostic>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut p = Parser {
        file,
        items: Vec::new(),
        diags: Vec::new(),
        indents: Vec::new(),
        seen_content: false,
    };
    let mut in_comment = false;
    for (i, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let n = i + 1;
        if in_comment {
            if line.contains("-->") {
                in_comment = false;
            }
            continue;
        }
        let trimmed = line.trim();
        if trimmed.starts_with("<!--") {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        p.line(line, n);
    }
    (p.items, p.diags)
}

const EXPECTED: &str = "write chapters as `- [Title](file.md)` (nested by indenting), draft chapters as `- [Title]()`, parts as `# Part title`";

struct Parser<'a> {
    file: &'a Path,
    items: Vec<SummaryItem>,
    diags: Vec<Diagnostic>,
    /// Indent widths of the open list levels.
    indents: Vec<usize>,
    seen_content: bool,
}

/// A parsed link: title, path, and the char length of `[...](...)`.
struct Link {
    title: String,
    path: Option<PathBuf>,
    len: usize,
}

impl Parser<'_> {
    fn error(&mut self, line: usize, column: usize, msg: impl Into<String>, help: &str) {
        self.diags.push(
            Diagnostic::error("summary-syntax", msg)
                .at(Location::new(self.file, line, column))
                .help(help),
        );
    }

    fn line(&mut self, line: &str, n: usize) {
        let first = !self.seen_content;
        self.seen_content = true;
        let trimmed = line.trim();
        let indent_chars = line.chars().take_while(|c| *c == ' ' || *c == '\t').count();
        // Headings: the first is the book's title (ignored), later ones parts.
        if indent_chars < 4 && trimmed.starts_with('#') {
            let title = trimmed.trim_start_matches('#');
            if title.is_empty() || title.starts_with([' ', '\t']) {
                let title = title.trim().trim_end_matches('#').trim();
                if !first {
                    self.indents.clear();
                    self.items.push(SummaryItem::Part {
                        title: title.to_string(),
                    });
                }
                return;
            }
        }
        if indent_chars < 4 && is_thematic_break(trimmed) {
            self.indents.clear();
            self.items.push(SummaryItem::Separator);
            return;
        }
        let width = indent_width(line);
        let rest = &line[line.len() - line.trim_start_matches([' ', '\t']).len()..];
        if let Some(marker_len) = list_marker(rest) {
            let after = &rest[marker_len..];
            let content = after.trim_start_matches([' ', '\t']);
            let col = indent_chars
                + rest[..marker_len].chars().count()
                + (after.chars().count() - content.chars().count())
                + 1;
            let depth = self.depth(width);
            if content.is_empty() {
                self.error(n, col, "list item without a chapter link", EXPECTED);
                return;
            }
            self.link_item(content, n, col, depth);
            return;
        }
        if !self.indents.is_empty() && width > 0 {
            self.error(
                n,
                indent_chars + 1,
                "expected a list item with a chapter link",
                EXPECTED,
            );
            return;
        }
        // Outside lists: prefix or suffix chapters; other prose is ignored.
        self.indents.clear();
        if trimmed.starts_with('[') {
            self.link_item(trimmed, n, indent_chars + 1, 0);
        }
    }

    /// The nesting depth of an item indented `width` columns.
    fn depth(&mut self, width: usize) -> usize {
        while self.indents.last().is_some_and(|&w| w > width) {
            self.indents.pop();
        }
        match self.indents.last() {
            Some(&w) if w == width => self.indents.len() - 1,
            _ => {
                self.indents.push(width);
                self.indents.len() - 1
            }
        }
    }

    fn link_item(&mut self, content: &str, n: usize, col: usize, depth: usize) {
        match parse_link(content) {
            Ok(link) => {
                let after: String = content.chars().skip(link.len).collect();
                let gap = after.chars().take_while(|c| c.is_whitespace()).count();
                let after = after.trim();
                if !after.is_empty() {
                    self.error(
                        n,
                        col + link.len + gap,
                        format!("unexpected text `{after}` after the chapter link"),
                        EXPECTED,
                    );
                    return;
                }
                self.items.push(SummaryItem::Chapter {
                    title: link.title,
                    path: link.path,
                    depth,
                    line: n,
                    column: col,
                });
            }
            Err((offset, msg)) => self.error(n, col + offset, msg, EXPECTED),
        }
    }
}

/// Columns of leading whitespace, tabs to the next multiple of 4.
fn indent_width(line: &str) -> usize {
    let mut w = 0;
    for c in line.chars() {
        match c {
            ' ' => w += 1,
            '\t' => w = (w / 4 + 1) * 4,
            _ => break,
        }
    }
    w
}

/// `---`, `***`, `___` (three or more, spaces allowed between).
fn is_thematic_break(s: &str) -> bool {
    let mut chars = s.chars().filter(|c| *c != ' ' && *c != '\t');
    let Some(first) = chars.next() else {
        return false;
    };
    matches!(first, '-' | '*' | '_') && {
        let rest: Vec<char> = chars.collect();
        rest.len() >= 2 && rest.iter().all(|c| *c == first)
    }
}

/// The byte length of a list marker (`-`, `*`, `+`, `1.`, `1)`) at the start
/// of `s`, when followed by whitespace or the end of the line.
fn list_marker(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let len = match b.first()? {
        b'-' | b'*' | b'+' => 1,
        c if c.is_ascii_digit() => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 9 || !matches!(b.get(digits), Some(b'.') | Some(b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    match b.get(len) {
        None | Some(b' ') | Some(b'\t') => Some(len),
        _ => None,
    }
}

/// Parses `[Title](path)` at the start of `s`. On error: the char offset of
/// the problem within `s` and a message.
fn parse_link(s: &str) -> Result<Link, (usize, String)> {
    let chars: Vec<char> = s.chars().collect();
    if chars.first() != Some(&'[') {
        return Err((0, "expected a chapter link `[Title](file.md)`".into()));
    }
    // The title, up to the matching `]` (nested brackets and `\]` allowed).
    let mut depth = 0usize;
    let mut i = 0;
    let mut title = String::new();
    let close = loop {
        let Some(&c) = chars.get(i) else {
            return Err((0, "chapter link has no closing `]`".into()));
        };
        match c {
            '\\' if i + 1 < chars.len() => {
                title.push(chars[i + 1]);
                i += 2;
                continue;
            }
            '[' => {
                if depth > 0 {
                    title.push(c);
                }
                depth += 1;
            }
            ']' => {
                depth -= 1;
                if depth == 0 {
                    break i;
                }
                title.push(c);
            }
            '`' => {}
            _ => title.push(c),
        }
        i += 1;
    };
    if chars.get(close + 1) != Some(&'(') {
        return Err((
            close + 1,
            "expected `(file.md)` right after the chapter title".into(),
        ));
    }
    let start = close + 2;
    let mut j = start;
    let mut parens = 0usize;
    let end = loop {
        let Some(&c) = chars.get(j) else {
            return Err((close + 1, "chapter link has no closing `)`".into()));
        };
        match c {
            '\\' => j += 1,
            '(' => parens += 1,
            ')' if parens == 0 => break j,
            ')' => parens -= 1,
            _ => {}
        }
        j += 1;
    };
    let dest: String = chars[start..end].iter().collect();
    let dest = dest.trim();
    // `<path with spaces.md>`, and an optional `"title"` after the path.
    let dest = if let Some(inner) = dest.strip_prefix('<') {
        inner.split('>').next().unwrap_or("")
    } else {
        dest.split([' ', '\t']).next().unwrap_or("")
    };
    let title = title.trim().to_string();
    if title.is_empty() {
        return Err((0, "chapter link has an empty title".into()));
    }
    let path = if dest.is_empty() {
        None
    } else {
        let decoded = percent_decode(dest);
        let mut p = decoded.as_str();
        while let Some(rest) = p.strip_prefix("./") {
            p = rest;
        }
        Some(PathBuf::from(p))
    };
    Ok(Link {
        title,
        path,
        len: end + 1,
    })
}

/// Decodes `%XX` escapes (as UTF-8); malformed escapes are kept as written.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(
        title: &str,
        path: Option<&str>,
        depth: usize,
        line: usize,
        column: usize,
    ) -> SummaryItem {
        SummaryItem::Chapter {
            title: title.into(),
            path: path.map(PathBuf::from),
            depth,
            line,
            column,
        }
    }

    fn parse_ok(text: &str) -> Vec<SummaryItem> {
        let (items, diags) = parse(text, Path::new("book/SUMMARY.md"));
        assert!(diags.is_empty(), "{text:?}: {diags:#?}");
        items
    }

    #[test]
    fn full_summary() {
        let text = "# Summary\n\n[Introduction](README.md)\n\n# User Guide\n\n- [Install](guide/install.md)\n    - [From source](./guide/from%20source.md)\n        - [Deep](deep.md)\n    - [Draft]()\n- [Usage](usage.md)\n\n---\n\n# Reference\n\n1. [CLI](cli.md)\n2. [Config](<my config.md>)\n\n[Contributors](contributors.md)\n";
        assert_eq!(
            parse_ok(text),
            vec![
                ch("Introduction", Some("README.md"), 0, 3, 1),
                SummaryItem::Part {
                    title: "User Guide".into()
                },
                ch("Install", Some("guide/install.md"), 0, 7, 3),
                ch("From source", Some("guide/from source.md"), 1, 8, 7),
                ch("Deep", Some("deep.md"), 2, 9, 11),
                ch("Draft", None, 1, 10, 7),
                ch("Usage", Some("usage.md"), 0, 11, 3),
                SummaryItem::Separator,
                SummaryItem::Part {
                    title: "Reference".into()
                },
                ch("CLI", Some("cli.md"), 0, 17, 4),
                ch("Config", Some("my config.md"), 0, 18, 4),
                ch("Contributors", Some("contributors.md"), 0, 20, 1),
            ]
        );
    }

    #[test]
    fn indents_two_four_and_tabs() {
        for (a, b) in [("  ", "    "), ("    ", "        "), ("\t", "\t\t")] {
            let text = format!(
                "* [A](a.md)\n{a}* [B](b.md)\n{b}* [C](c.md)\n{a}* [D](d.md)\n* [E](e.md)\n"
            );
            let depths: Vec<usize> = parse_ok(&text)
                .into_iter()
                .map(|i| match i {
                    SummaryItem::Chapter { depth, .. } => depth,
                    _ => 99,
                })
                .collect();
            assert_eq!(depths, vec![0, 1, 2, 1, 0], "{text:?}");
        }
    }

    #[test]
    fn crlf_bom_comments_titles() {
        let text =
            "\u{feff}# Summary\r\n<!-- a\r\ncomment -->\r\n- [A `b` \\[c\\]](a.md \"tip\")\r\n";
        assert_eq!(parse_ok(text), vec![ch("A b [c]", Some("a.md"), 0, 4, 3)]);
        assert_eq!(
            parse_ok("- [A [nested]](a.md)"),
            vec![ch("A [nested]", Some("a.md"), 0, 1, 3)]
        );
        assert_eq!(
            parse_ok("Some prose.\n- [A](a.md)"),
            vec![ch("A", Some("a.md"), 0, 2, 3)]
        );
    }

    #[test]
    fn errors_table() {
        type Want = (usize, usize, &'static str);
        let cases: &[(&str, &[Want])] = &[
            (
                "- Just text\n- [B](b.md)\n",
                &[(1, 3, "expected a chapter link")],
            ),
            ("- [A](a.md\n", &[(1, 6, "no closing `)`")]),
            ("- [A\n", &[(1, 3, "no closing `]`")]),
            ("  - [A] (a.md)\n", &[(1, 8, "expected `(file.md)`")]),
            (
                "- [A](a.md) trailing\n",
                &[(1, 13, "unexpected text `trailing`")],
            ),
            ("- [](a.md)\n", &[(1, 3, "empty title")]),
            ("-\n", &[(1, 2, "without a chapter link")]),
            (
                "- [A](a.md)\n  stray text\n",
                &[(2, 3, "expected a list item")],
            ),
            (
                "[Intro(intro.md)\n- [A](a.md\n- x\n",
                &[
                    (1, 1, "no closing `]`"),
                    (2, 6, "no closing `)`"),
                    (3, 3, "expected a chapter link"),
                ],
            ),
        ];
        for (text, want) in cases {
            let (_, diags) = parse(text, Path::new("book/SUMMARY.md"));
            let got: Vec<_> = diags
                .iter()
                .map(|d| {
                    let l = d.location.as_ref().unwrap();
                    (
                        d.code,
                        l.line,
                        l.column,
                        d.message.clone(),
                        d.help.is_some(),
                    )
                })
                .collect();
            assert_eq!(got.len(), want.len(), "{text:?}: {got:#?}");
            for (g, w) in got.iter().zip(want.iter()) {
                assert_eq!(
                    (g.0, g.1, g.2),
                    ("summary-syntax", w.0, w.1),
                    "{text:?}: {got:#?}"
                );
                assert!(g.3.contains(w.2), "{text:?}: {g:?}");
                assert!(g.4);
            }
        }
        // Good items around bad ones are kept.
        let (items, diags) = parse("- [A](a.md)\n- bad\n- [B](b.md)\n", Path::new("S.md"));
        assert_eq!(items.len(), 2);
        assert_eq!(diags.len(), 1);
    }

    #[test]
    fn garbage_never_panics() {
        let mut rng = crate::test_rng::Rng(99);
        let pieces = [
            "-", "*", "1.", "2)", " ", "  ", "\t", "\n", "\r\n", "[", "]", "(", ")", "<", ">",
            "a.md", "%", "%2", "%20", "%ff", "\\", "#", "---", "<!--", "-->", "é", "`", "\"", "./",
        ];
        for _ in 0..3000 {
            let n = rng.below(40);
            let s: String = (0..n).map(|_| pieces[rng.below(pieces.len())]).collect();
            let _ = parse(&s, Path::new("S.md"));
        }
    }
}
