//! Rendering diagnostics as text: human (rustc-like), json, github annotations.

use super::{count, Counts, Diagnostic, Location, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

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
    /// Where the files of git versions are: a diagnostic at
    /// `v1.0:charter.yaml` shows its line from `version_roots["v1.0"]`.
    pub version_roots: std::collections::BTreeMap<String, PathBuf>,
}

/// Renders all diagnostics (already sorted) followed, in human format, by a summary line.
///
/// `json` is JSON Lines (one object per diagnostic, no summary); `github` is one
/// workflow command per diagnostic followed by the plain summary line.
pub fn render(diags: &[Diagnostic], opts: &RenderOptions) -> String {
    match opts.format {
        Format::Human => render_human(diags, opts),
        Format::Json => render_json(diags),
        Format::Github => render_github(diags, opts),
    }
}

/// The summary line after all diagnostics (without a newline), e.g.
/// `error: build failed: 2 errors, 1 warning`; `None` when there are none.
pub fn summary(counts: Counts, color: bool) -> Option<String> {
    let mut parts = Vec::new();
    for (n, word) in [
        (counts.errors, "error"),
        (counts.warnings, "warning"),
        (counts.notes, "note"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {word}{}", if n == 1 { "" } else { "s" }));
        }
    }
    if parts.is_empty() {
        return None;
    }
    let list = parts.join(", ");
    let (name, text) = if counts.errors > 0 {
        ("error", format!("build failed: {list}"))
    } else if counts.warnings > 0 {
        ("warning", list)
    } else {
        ("note", list)
    };
    let name = if color {
        let code = match name {
            "error" => "1;91",
            "warning" => "1;33",
            _ => "1;92",
        };
        format!("\x1b[{code}m{name}\x1b[0m\x1b[1m")
    } else {
        name.to_string()
    };
    let end = if color { "\x1b[0m" } else { "" };
    Some(format!("{name}: {text}{end}"))
}

/// The lowercase name of a severity as printed: `error`, `warning`, `note`.
pub fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

// ---------------------------------------------------------------------------
// human

/// Lines longer than this (in bytes) are not shown as a snippet.
const MAX_SNIPPET_LINE: usize = 4096;

/// Source files read during one `render` call, each read at most once.
struct SourceCache<'r> {
    root: &'r Path,
    version_roots: &'r std::collections::BTreeMap<String, PathBuf>,
    files: HashMap<PathBuf, Option<SourceFile>>,
}

struct SourceFile {
    text: String,
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
}

impl SourceFile {
    fn new(text: String) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile { text, starts }
    }

    /// The text of a 1-based line, without its line ending.
    fn line(&self, line: usize) -> Option<&str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        if start >= self.text.len() && line > 1 {
            // The empty "line" after a final newline does not exist.
            return None;
        }
        let end = self
            .starts
            .get(line)
            .map(|e| e - 1)
            .unwrap_or(self.text.len());
        let s = self.text.get(start..end)?;
        Some(s.strip_suffix('\r').unwrap_or(s))
    }
}

impl<'r> SourceCache<'r> {
    fn new(root: &'r Path, version_roots: &'r std::collections::BTreeMap<String, PathBuf>) -> Self {
        SourceCache {
            root,
            version_roots,
            files: HashMap::new(),
        }
    }

    /// The file on disk a diagnostic's path names.
    fn path_of(&self, file: &Path) -> PathBuf {
        if file.is_absolute() {
            return file.to_path_buf();
        }
        let text = file.to_string_lossy();
        if let Some((refname, rest)) = text.split_once(':') {
            if let Some(dir) = self.version_roots.get(refname) {
                return dir.join(rest);
            }
        }
        self.root.join(file)
    }

    fn line(&mut self, file: &Path, line: usize) -> Option<&str> {
        let path = self.path_of(file);
        self.files
            .entry(file.to_path_buf())
            .or_insert_with(|| {
                std::fs::read(path)
                    .ok()
                    .map(|b| SourceFile::new(String::from_utf8_lossy(&b).into_owned()))
            })
            .as_ref()?
            .line(line)
    }
}

/// Byte range in `line` of `len` characters starting at 1-based character
/// `column`, clamped to the line.
fn char_span(line: &str, column: usize, len: usize) -> std::ops::Range<usize> {
    let byte_at = |chars: usize| {
        line.char_indices()
            .nth(chars)
            .map(|(i, _)| i)
            .unwrap_or(line.len())
    };
    let start_char = column.saturating_sub(1);
    let start = byte_at(start_char);
    let end = if len == 0 {
        start
    } else {
        byte_at(start_char.saturating_add(len))
    };
    start..end.max(start)
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    }
}

fn display_path(path: &Path) -> String {
    path.display().to_string()
}

fn location_text(loc: &Location) -> String {
    format!("{}:{}:{}", display_path(&loc.file), loc.line, loc.column)
}

/// A snippet showing one line of `loc` with an annotation, or `None` when the
/// line cannot be shown.
fn snippet_for<'a>(
    cache: &mut SourceCache<'_>,
    loc: &Location,
    kind: AnnotationKind,
    label: Option<&'a str>,
) -> Option<Snippet<'a, annotate_snippets::Annotation<'a>>> {
    let line = cache.line(&loc.file, loc.line)?;
    if line.len() > MAX_SNIPPET_LINE {
        return None;
    }
    let span = char_span(line, loc.column, loc.len);
    Some(
        Snippet::source(line.to_string())
            .line_start(loc.line)
            .path(display_path(&loc.file))
            .fold(false)
            .annotation(kind.span(span).label(label)),
    )
}

fn render_human(diags: &[Diagnostic], opts: &RenderOptions) -> String {
    let renderer = if opts.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut cache = SourceCache::new(&opts.root, &opts.version_roots);
    let mut out = String::new();
    for d in diags {
        let mut title = level(d.severity).primary_title(d.message.as_str());
        if !d.code.is_empty() {
            title = title.id(d.code);
        }
        let mut group: Group<'_> = Group::with_title(title);
        let mut notes: Vec<String> = Vec::new();
        if let Some(loc) = &d.location {
            match snippet_for(&mut cache, loc, AnnotationKind::Primary, None) {
                Some(s) => group = group.element(s),
                None => {
                    group = group.element(
                        Origin::path(display_path(&loc.file))
                            .line(loc.line.max(1))
                            .char_column(loc.column.max(1)),
                    )
                }
            }
        }
        for (loc, label) in &d.related {
            match snippet_for(&mut cache, loc, AnnotationKind::Context, Some(label)) {
                Some(s) => group = group.element(s),
                None => notes.push(if label.is_empty() {
                    format!("see {}", location_text(loc))
                } else {
                    format!("{label}: {}", location_text(loc))
                }),
            }
        }
        for note in &notes {
            group = group.element(Level::NOTE.message(note.as_str()));
        }
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    if let Some(line) = summary(count(diags), opts.color) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------
// json

fn render_json(diags: &[Diagnostic]) -> String {
    use serde_json::{json, Value};
    let mut out = String::new();
    for d in diags {
        let (file, line, column) = match &d.location {
            Some(l) => (
                Value::from(display_path(&l.file)),
                Value::from(l.line),
                Value::from(l.column),
            ),
            None => (Value::Null, Value::Null, Value::Null),
        };
        let related: Vec<Value> = d
            .related
            .iter()
            .map(|(l, label)| {
                json!({
                    "file": display_path(&l.file),
                    "line": l.line,
                    "column": l.column,
                    "label": label,
                })
            })
            .collect();
        let obj = json!({
            "severity": severity_name(d.severity),
            "code": d.code,
            "message": d.message,
            "file": file,
            "line": line,
            "column": column,
            "help": d.help,
            "related": related,
        });
        out.push_str(&obj.to_string());
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------
// github

/// Escapes the message part of a GitHub workflow command.
pub fn github_escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value of a GitHub workflow command: as data, and
/// also `:` and `,`, which separate properties.
pub fn github_escape_property(s: &str) -> String {
    github_escape_data(s)
        .replace(':', "%3A")
        .replace(',', "%2C")
}

fn render_github(diags: &[Diagnostic], opts: &RenderOptions) -> String {
    let mut out = String::new();
    for d in diags {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut props = Vec::new();
        if let Some(l) = &d.location {
            props.push(format!(
                "file={}",
                github_escape_property(&display_path(&l.file).replace('\\', "/"))
            ));
            props.push(format!("line={}", l.line));
            props.push(format!("col={}", l.column));
        }
        props.push(format!("title={}", github_escape_property(d.code)));
        let mut message = d.message.clone();
        for (l, label) in &d.related {
            let _ = write!(message, "\n{label}: {}", location_text(l));
        }
        if let Some(help) = &d.help {
            let _ = write!(message, " — help: {help}");
        }
        let _ = writeln!(
            out,
            "::{command} {}::{}",
            props.join(","),
            github_escape_data(&message)
        );
    }
    if let Some(line) = summary(count(diags), opts.color) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(format: Format, root: &Path) -> RenderOptions {
        RenderOptions {
            version_roots: Default::default(),
            format,
            color: false,
            root: root.to_path_buf(),
        }
    }

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("book")).unwrap();
        std::fs::write(
            dir.path().join("book/01-why.md"),
            "# Почему\n\nСм. [раздел](./nope.md) и дальше.\n\tTabbed [x](y.md)\n",
        )
        .unwrap();
        dir
    }

    #[test]
    fn human_snippet_with_caret_at_char_column() {
        let dir = site();
        let mut loc = Location::new("book/01-why.md", 3, 5);
        loc.len = 20;
        let d = Diagnostic::error("broken-link", "broken link `./nope.md`")
            .at(loc)
            .help("check the path");
        let out = render(&[d], &opts(Format::Human, dir.path()));
        let expected = "\
error[broken-link]: broken link `./nope.md`
 --> book/01-why.md:3:5
  |
3 | См. [раздел](./nope.md) и дальше.
  |     ^^^^^^^^^^^^^^^^^^^^
  |
  = help: check the path

error: build failed: 1 error
";
        assert_eq!(out, expected, "\n{out}");
    }

    #[test]
    fn human_single_caret_and_tab() {
        let dir = site();
        let d = Diagnostic::warning("broken-link", "x").at(Location::new("book/01-why.md", 4, 9));
        let out = render(&[d], &opts(Format::Human, dir.path()));
        assert!(out.starts_with("warning[broken-link]: x\n --> book/01-why.md:4:9\n"));
        let lines: Vec<&str> = out.lines().collect();
        let src = lines.iter().position(|l| l.contains("Tabbed")).unwrap();
        let caret = lines[src + 1];
        let src_line = lines[src];
        assert_eq!(
            caret.find('^').unwrap(),
            src_line.find('[').unwrap(),
            "\n{out}"
        );
        assert!(out.ends_with("warning: 1 warning\n"));
    }

    #[test]
    fn human_missing_file_or_line() {
        let dir = site();
        let ds = vec![
            Diagnostic::error("io-error", "gone").at(Location::new("missing.md", 7, 3)),
            Diagnostic::error("io-error", "short").at(Location::new("book/01-why.md", 99, 1)),
            Diagnostic::warning("unknown-key", "far").at(Location::new("book/01-why.md", 1, 500)),
        ];
        let out = render(&ds, &opts(Format::Human, dir.path()));
        // No snippet: only the origin line.
        assert!(
            out.contains("error[io-error]: gone\n--> missing.md:7:3\n\n"),
            "{out}"
        );
        assert!(out.contains("--> book/01-why.md:99:1\n\n"), "{out}");
        assert!(out.contains("# Почему"), "{out}");
        assert!(
            out.ends_with("error: build failed: 2 errors, 1 warning\n"),
            "{out}"
        );
    }

    #[test]
    fn human_related_and_no_location() {
        let dir = site();
        let d = Diagnostic::error("duplicate-url", "two pages at /book/why/")
            .at(Location::new("book/01-why.md", 1, 1))
            .related(Location::new("book/01-why.md", 3, 5), "this link")
            .related(Location::new("book/02-why.md", 1, 1), "also here");
        let n = Diagnostic::note("i18n-outdated", "no file");
        let out = render(&[n, d], &opts(Format::Human, dir.path()));
        assert!(out.starts_with("note[i18n-outdated]: no file\n\n"), "{out}");
        assert!(out.contains("this link"), "{out}");
        assert!(out.contains("also here: book/02-why.md:1:1"), "{out}");
        assert!(
            out.ends_with("error: build failed: 1 error, 1 note\n"),
            "{out}"
        );
    }

    #[test]
    fn human_colour_only_when_asked() {
        let dir = site();
        let d = Diagnostic::error("broken-link", "x").at(Location::new("book/01-why.md", 1, 1));
        let plain = render(std::slice::from_ref(&d), &opts(Format::Human, dir.path()));
        assert!(!plain.contains('\x1b'));
        let mut o = opts(Format::Human, dir.path());
        o.color = true;
        assert!(render(&[d], &o).contains('\x1b'));
    }

    #[test]
    fn empty_renders_nothing() {
        let dir = site();
        for f in [Format::Human, Format::Json, Format::Github] {
            assert_eq!(render(&[], &opts(f, dir.path())), "");
        }
    }

    #[test]
    fn summary_lines() {
        let c = |errors, warnings, notes| Counts {
            errors,
            warnings,
            notes,
        };
        assert_eq!(
            summary(c(2, 1, 0), false).unwrap(),
            "error: build failed: 2 errors, 1 warning"
        );
        assert_eq!(summary(c(0, 3, 0), false).unwrap(), "warning: 3 warnings");
        assert_eq!(summary(c(0, 0, 0), false), None);
    }

    #[test]
    fn json_lines_shape() {
        let d = Diagnostic::error("broken-anchor", "bad \"x\"")
            .at(Location::new("a.md", 2, 3))
            .help("h")
            .related(Location::new("b.md", 4, 5), "there");
        let n = Diagnostic::note("io-error", "n");
        let out = render(&[d, n], &opts(Format::Json, Path::new("/nonexistent")));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(
            lines[0],
            r#"{"code":"broken-anchor","column":3,"file":"a.md","help":"h","line":2,"message":"bad \"x\"","related":[{"column":5,"file":"b.md","label":"there","line":4}],"severity":"error"}"#
        );
        let v: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(v["severity"], "note");
        assert!(v["file"].is_null() && v["line"].is_null() && v["column"].is_null());
        assert!(v["help"].is_null());
        assert_eq!(v["related"], serde_json::json!([]));
    }

    #[test]
    fn github_commands_and_escaping() {
        let d = Diagnostic::error("broken-link", "100% broken\nreally")
            .at(Location::new("dir,x/a:b.md", 2, 3))
            .help("fix it");
        let w = Diagnostic::warning("unknown-key", "w");
        let n = Diagnostic::note("i18n-outdated", "n").at_file("x.md");
        let out = render(&[d, w, n], &opts(Format::Github, Path::new("/nonexistent")));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "::error file=dir%2Cx/a%3Ab.md,line=2,col=3,title=broken-link::100%25 broken%0Areally — help: fix it"
        );
        assert_eq!(lines[1], "::warning title=unknown-key::w");
        assert_eq!(
            lines[2],
            "::notice file=x.md,line=1,col=1,title=i18n-outdated::n"
        );
        assert_eq!(lines[3], "error: build failed: 1 error, 1 warning, 1 note");
        assert_eq!(github_escape_data("a\r\nb%"), "a%0D%0Ab%25");
    }

    #[test]
    fn char_span_clamps() {
        assert_eq!(char_span("héllo", 2, 2), 1..4);
        assert_eq!(char_span("héllo", 50, 2), 6..6);
        assert_eq!(char_span("héllo", 0, 0), 0..0);
        assert_eq!(char_span("", 3, 9), 0..0);
        assert_eq!(char_span("ab", 2, usize::MAX), 1..2);
    }
}
