//! Front matter: splitting the YAML block between `---` lines off a Markdown
//! file and reading it into `FrontMatter`. YAML errors are located in the
//! Markdown file (line and column of the file, not of the block); unknown keys
//! are warnings (`unknown-key`) so sites moved from Hugo or Zola still build.

use crate::config::{describe, did_you_mean};
use crate::diagnostics::{Diagnostic, Location};
use crate::yaml::{self, Located};
use serde::Serialize;
use serde_yaml::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// A Markdown file split into front matter and body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML text between the `---` lines, if any.
    pub yaml: Option<&'a str>,
    /// 1-based line of the file on which the YAML text starts.
    pub yaml_line: usize,
    /// The Markdown body.
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
    /// The file opens with a `---` line that is never closed (the whole
    /// file is then body; `parse` reports it).
    pub unclosed: bool,
    /// The file has TOML front matter between `+++` lines (Hugo, Zola); it
    /// is skipped (not body) and `parse` reports it.
    pub toml: bool,
}

/// Every front-matter key charter knows, for pages and specs alike.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub slug: Option<String>,
    pub order: Option<i64>,
    pub draft: bool,
    /// `search: false` excludes the page from the search index.
    pub search: Option<bool>,
    /// Blob id of the source a translation was made from.
    pub translated_from: Option<String>,
    /// `translators:` of a translation (a name or a list of names).
    pub translators: Vec<String>,
    /// `author:` of a page (a chapter's or the book's author).
    pub author: Option<String>,
    // Spec keys (COSS metainformation).
    pub number: Option<u32>,
    pub shortname: Option<String>,
    pub name: Option<String>,
    pub status: Option<String>,
    /// `editor:` or `editors:`, as a list.
    pub editors: Vec<String>,
    pub contributors: Vec<String>,
    pub obsoletes: Vec<u32>,
    pub obsoleted_by: Vec<u32>,
    pub license: Option<String>,
    pub domain: Option<String>,
    /// `aliases:` — old addresses of the page (`/book/old-name/`), each
    /// published as a redirect to it (Hugo's key).
    pub aliases: Vec<Alias>,
    /// 1-based (line, column) in the Markdown file of each key present, for
    /// later diagnostics (e.g. a spec rule pointing at `status:`).
    #[serde(skip)]
    pub positions: BTreeMap<String, (usize, usize)>,
}

/// An old address of a page, from the site root (`/book/old-name/`), with
/// where it is written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Alias {
    /// Without its leading `/`: `book/old-name/`, `old.html`.
    pub path: String,
    pub line: usize,
    pub column: usize,
}

/// What is wrong with an alias as written, if anything.
fn alias_problem(alias: &str) -> Option<&'static str> {
    let path = alias.strip_prefix('/')?;
    if path.is_empty() {
        Some("is the site's home page itself")
    } else if alias.contains(['?', '#', '\\']) || alias.chars().any(char::is_whitespace) {
        Some("holds a `?`, `#`, `\\` or a space")
    } else if path.split('/').any(|seg| seg == ".." || seg == ".") {
        Some("has a `.` or `..` segment")
    } else if path.contains("//") {
        Some("has an empty segment (`//`)")
    } else {
        None
    }
}

/// Splits off front matter. A file starting with a `---` line up to the next
/// `---` (or `...`) line has front matter; anything else is all body.
/// Never fails: an unterminated block is all body (and `parse` reports it).
/// A leading UTF-8 byte-order mark is dropped; CRLF line ends are fine.
pub fn split(text: &str) -> Split<'_> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let all_body = |unclosed: bool| Split {
        yaml: None,
        yaml_line: 1,
        body: text,
        body_line: 1,
        unclosed,
        toml: false,
    };
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let first = text[..first_end].trim_end();
    let toml = match first {
        "---" => false,
        "+++" => true,
        _ => return all_body(false),
    };
    let mut start = first_end;
    let mut line = 2;
    while start < text.len() {
        let end = text[start..]
            .find('\n')
            .map_or(text.len(), |i| start + i + 1);
        let l = text[start..end].trim_end();
        let closes = if toml {
            l == "+++"
        } else {
            l == "---" || l == "..."
        };
        if closes {
            let inner = &text[first_end..start];
            return Split {
                yaml: if toml { None } else { Some(inner) },
                yaml_line: 2,
                body: &text[end..],
                body_line: line + 1,
                unclosed: false,
                toml,
            };
        }
        start = end;
        line += 1;
    }
    let mut s = all_body(!toml);
    s.toml = toml;
    s
}

/// Every key `parse` reads.
pub const KEYS: &[&str] = &[
    "title",
    "description",
    "slug",
    "order",
    "draft",
    "search",
    "translated_from",
    "translators",
    "author",
    "number",
    "shortname",
    "name",
    "status",
    "editor",
    "editors",
    "contributors",
    "obsoletes",
    "obsoleted_by",
    "license",
    "domain",
    "aliases",
];

/// Reads the front matter of `file` (a path relative to the root, for
/// diagnostics). Returns the front matter (defaults where the YAML was bad)
/// and the diagnostics: YAML syntax errors, wrong types (errors), unknown
/// keys (warnings).
pub fn parse(split: &Split<'_>, file: &Path) -> (FrontMatter, Vec<Diagnostic>) {
    let mut fm = FrontMatter::default();
    let mut diags = Vec::new();
    if split.toml {
        diags.push(
            Diagnostic::error(
                "frontmatter-toml",
                "front matter is TOML (`+++`); charter reads YAML front matter",
            )
            .at(Location::new(file, 1, 1))
            .help("convert it to YAML between `---` lines: `title = \"Intro\"` becomes `title: Intro`"),
        );
    }
    if split.unclosed {
        diags.push(
            Diagnostic::error(
                "frontmatter-unclosed",
                "front matter opened with `---` is never closed",
            )
            .at(Location::new(file, 1, 1))
            .help("end the front matter with a `---` line; if the first line is meant as a horizontal rule, write `***` instead"),
        );
    }
    let Some(text) = split.yaml else {
        return (fm, diags);
    };
    let offset = split.yaml_line.saturating_sub(1);
    let located = match yaml::parse(text) {
        Ok(l) => l,
        Err(e) => {
            diags.push(
                Diagnostic::error("yaml-syntax", format!("invalid YAML in front matter: {}", e.message))
                    .at(Location::new(file, e.line + offset, e.column))
                    .help("front matter is YAML: `key: value` lines between the `---` lines; quote values that contain `: ` or start with `[`, `{`, `*` or `&`"),
            );
            return (fm, diags);
        }
    };
    let mut r = Reader {
        loc: &located,
        file,
        offset,
        diags,
    };
    let map = match &located.value {
        Value::Mapping(m) => m,
        other => {
            let at = r.value_at("");
            r.diags.push(
                Diagnostic::error(
                    "frontmatter-type",
                    format!(
                        "front matter must be a mapping of `key: value` lines, found {}",
                        describe(other)
                    ),
                )
                .at(at)
                .help("write it like `title: Introduction`"),
            );
            return (fm, r.diags);
        }
    };
    for (k, v) in map {
        let key = match k {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Null => "~".to_string(),
            _ => "?".to_string(),
        };
        let p = located.pos_of(&key);
        fm.positions
            .insert(key.clone(), (p.line + offset, p.column));
        let path = key.as_str();
        match path {
            "title" => fm.title = r.string(path, v),
            "description" => fm.description = r.string(path, v),
            "slug" => fm.slug = r.string(path, v),
            "shortname" => fm.shortname = r.string(path, v),
            "name" => fm.name = r.string(path, v),
            "status" => fm.status = r.string(path, v),
            "license" => fm.license = r.string(path, v),
            "domain" => fm.domain = r.string(path, v),
            "order" => fm.order = r.int(path, v),
            "draft" => fm.draft = r.bool(path, v).unwrap_or(false),
            "search" => fm.search = r.bool(path, v),
            "translated_from" => {
                fm.translated_from = r.string(path, v);
                if let Some(id) = &fm.translated_from {
                    let ok =
                        (7..=64).contains(&id.len()) && id.chars().all(|c| c.is_ascii_hexdigit());
                    if !ok {
                        let at = r.value_at(path);
                        r.diags.push(
                            Diagnostic::error(
                                "frontmatter-value",
                                format!("`translated_from` must be a git blob id (7 to 40 hex digits), found `{id}`"),
                            )
                            .at(at)
                            .help("let `charter i18n stamp LANG PATH` write it"),
                        );
                        fm.translated_from = None;
                    }
                }
            }
            "number" => {
                fm.number = r.spec_number(path, v);
            }
            "editor" | "editors" => {
                let mut list = r.strings(path, v);
                fm.editors.append(&mut list);
            }
            "contributors" => fm.contributors = r.strings(path, v),
            "translators" => fm.translators = r.strings(path, v),
            "author" => fm.author = r.string(path, v),
            "obsoletes" => fm.obsoletes = r.numbers(path, v),
            "obsoleted_by" => fm.obsoleted_by = r.numbers(path, v),
            "aliases" => fm.aliases = r.aliases(path, v),
            _ => {
                let mut at = r.key_at(&key);
                at.len = key.chars().count();
                let help = match (key.as_str(), did_you_mean(&key, KEYS)) {
                    (_, Some(m)) => format!("did you mean `{m}`?"),
                    ("weight", None) => "charter ignores this key; chapters are ordered by `order:` or book/SUMMARY.md".to_string(),
                    _ => "charter ignores this key".to_string(),
                };
                r.diags.push(
                    Diagnostic::warning("unknown-key", format!("unknown front-matter key `{key}`"))
                        .at(at)
                        .help(help),
                );
            }
        }
    }
    (fm, r.diags)
}

struct Reader<'a> {
    loc: &'a Located,
    file: &'a Path,
    offset: usize,
    diags: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn key_at(&self, path: &str) -> Location {
        let p = self.loc.pos_of(path);
        Location::new(self.file, p.line + self.offset, p.column)
    }

    fn value_at(&self, path: &str) -> Location {
        let p = self.loc.value_pos(path);
        let mut l = Location::new(self.file, p.line + self.offset, p.column);
        if let Some(raw) = self.loc.raw.get(path) {
            if !raw.contains('\n') {
                l.len = raw.chars().count();
            }
        }
        l
    }

    fn type_error(&mut self, path: &str, at_path: &str, expected: &str, found: &Value, help: &str) {
        let at = self.value_at(at_path);
        let mut d = Diagnostic::error(
            "frontmatter-type",
            format!("`{path}` must be {expected}, found {}", describe(found)),
        )
        .at(at);
        if !help.is_empty() {
            d = d.help(help);
        }
        self.diags.push(d);
    }

    /// A string; numbers are taken as written (`slug: 42`, `version: 1.10`).
    fn string(&mut self, path: &str, v: &Value) -> Option<String> {
        self.string_at(path, path, v)
    }

    fn string_at(&mut self, path: &str, at_path: &str, v: &Value) -> Option<String> {
        match v {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(
                self.loc
                    .raw
                    .get(at_path)
                    .cloned()
                    .unwrap_or_else(|| n.to_string()),
            ),
            other => {
                self.type_error(
                    path,
                    at_path,
                    "text",
                    other,
                    "quote it if it is meant as text",
                );
                None
            }
        }
    }

    fn int(&mut self, path: &str, v: &Value) -> Option<i64> {
        match v {
            Value::Null => None,
            Value::Number(n) if n.as_i64().is_some() => n.as_i64(),
            other => {
                self.type_error(
                    path,
                    path,
                    "a whole number",
                    other,
                    "write it like `order: 3`",
                );
                None
            }
        }
    }

    fn bool(&mut self, path: &str, v: &Value) -> Option<bool> {
        match v {
            Value::Null => None,
            Value::Bool(b) => Some(*b),
            other => {
                self.type_error(
                    path,
                    path,
                    "true or false",
                    other,
                    "write `true` or `false`",
                );
                None
            }
        }
    }

    /// A string, a list of strings, or nothing. A comma-separated string
    /// stays one entry.
    fn strings(&mut self, path: &str, v: &Value) -> Vec<String> {
        match v {
            Value::Sequence(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    let ip = yaml::join(path, &i.to_string());
                    self.string_at(path, &ip, item)
                })
                .collect(),
            Value::Mapping(_) | Value::Bool(_) | Value::Tagged(_) => {
                self.type_error(
                    path,
                    path,
                    "a name or a list of names",
                    v,
                    "write it like `- Jane Doe <jane@example.com>` lines",
                );
                Vec::new()
            }
            _ => self.string(path, v).into_iter().collect(),
        }
    }

    /// Old addresses of the page: a path from the site root or a list of
    /// them; a malformed one is reported and left out.
    fn aliases(&mut self, path: &str, v: &Value) -> Vec<Alias> {
        let items: Vec<(String, &Value)> = match v {
            Value::Sequence(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| (yaml::join(path, &i.to_string()), item))
                .collect(),
            other => vec![(path.to_string(), other)],
        };
        let mut aliases = Vec::new();
        for (at_path, item) in items {
            let Some(alias) = self.string_at(path, &at_path, item) else {
                continue;
            };
            let at = self.value_at(&at_path);
            let problem = if alias.starts_with('/') {
                alias_problem(&alias)
            } else {
                Some("does not start with `/`")
            };
            match problem {
                Some(problem) => self.diags.push(
                    Diagnostic::error(
                        "frontmatter-value",
                        format!("the alias `{alias}` {problem}"),
                    )
                    .at(at)
                    .help("an alias is a path from the site's root, e.g. `aliases: [/book/old-name/]`"),
                ),
                None => aliases.push(Alias {
                    path: alias[1..].to_string(),
                    line: at.line,
                    column: at.column,
                }),
            }
        }
        aliases
    }

    /// A spec number: a whole number, `"22"`, or `"22/ZMTP"`.
    fn spec_number_at(&mut self, path: &str, at_path: &str, v: &Value) -> Option<u32> {
        let n = match v {
            Value::Null => return None,
            Value::Number(n) => n.as_u64(),
            Value::String(s) => {
                let s = s.trim();
                let head = s.split_once('/').map_or(s, |(n, _)| n).trim();
                head.parse::<u64>().ok()
            }
            _ => None,
        };
        match n.and_then(|n| u32::try_from(n).ok()) {
            Some(n) => Some(n),
            None => {
                self.type_error(
                    path,
                    at_path,
                    "a spec number",
                    v,
                    "write it like `22` or `[22, 23]`",
                );
                None
            }
        }
    }

    fn spec_number(&mut self, path: &str, v: &Value) -> Option<u32> {
        self.spec_number_at(path, path, v)
    }

    /// A spec number or a list of them (also `"22, 23"`).
    fn numbers(&mut self, path: &str, v: &Value) -> Vec<u32> {
        match v {
            Value::Null => Vec::new(),
            Value::Sequence(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    let ip = yaml::join(path, &i.to_string());
                    self.spec_number_at(path, &ip, item)
                })
                .collect(),
            Value::String(s) if s.contains(',') => {
                let parts: Vec<Value> = s
                    .split(',')
                    .map(|p| Value::String(p.trim().to_string()))
                    .filter(|p| p.as_str() != Some(""))
                    .collect();
                parts
                    .iter()
                    .filter_map(|p| self.spec_number_at(path, path, p))
                    .collect()
            }
            _ => self.spec_number(path, v).into_iter().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;

    type Got = (&'static str, Severity, usize, usize, String);

    fn run(text: &str) -> (FrontMatter, Vec<Got>) {
        let s = split(text);
        let (fm, diags) = parse(&s, Path::new("book/a.md"));
        let d = diags
            .into_iter()
            .map(|d| {
                let l = d.location.expect("located");
                assert_eq!(l.file, Path::new("book/a.md"));
                (
                    d.code,
                    d.severity,
                    l.line,
                    l.column,
                    format!("{} | {}", d.message, d.help.unwrap_or_default()),
                )
            })
            .collect();
        (fm, d)
    }

    #[test]
    fn split_table() {
        // (text, yaml, yaml_line, body, body_line, unclosed, toml)
        type Case = (
            &'static str,
            Option<&'static str>,
            &'static str,
            usize,
            bool,
            bool,
        );
        let cases: &[Case] = &[
            ("# Hi\n", None, "# Hi\n", 1, false, false),
            ("", None, "", 1, false, false),
            (
                "---\ntitle: A\n---\n# Hi\n",
                Some("title: A\n"),
                "# Hi\n",
                4,
                false,
                false,
            ),
            (
                "---  \ntitle: A\n...\nbody",
                Some("title: A\n"),
                "body",
                4,
                false,
                false,
            ),
            (
                "---\r\ntitle: A\r\n---\r\n# Hi\r\n",
                Some("title: A\r\n"),
                "# Hi\r\n",
                4,
                false,
                false,
            ),
            (
                "\u{feff}---\ntitle: A\n---\nx",
                Some("title: A\n"),
                "x",
                4,
                false,
                false,
            ),
            ("\u{feff}# Hi", None, "# Hi", 1, false, false),
            ("---\n---\n", Some(""), "", 3, false, false),
            (
                "---\ntitle: A\n---",
                Some("title: A\n"),
                "",
                4,
                false,
                false,
            ),
            ("---\ntitle: A\n", None, "---\ntitle: A\n", 1, true, false),
            ("---", None, "---", 1, true, false),
            ("----\nx\n----\n", None, "----\nx\n----\n", 1, false, false),
            (
                "+++\ntitle = \"A\"\n+++\nbody\n",
                None,
                "body\n",
                4,
                false,
                true,
            ),
            (" ---\nx\n---\n", None, " ---\nx\n---\n", 1, false, false),
        ];
        for &(text, yaml, body, body_line, unclosed, toml) in cases {
            let s = split(text);
            assert_eq!(
                (s.yaml, s.body, s.body_line, s.unclosed, s.toml),
                (yaml, body, body_line, unclosed, toml),
                "{text:?}"
            );
            if s.yaml.is_some() {
                assert_eq!(s.yaml_line, 2);
            }
        }
    }

    #[test]
    fn zeromq_spec_front_matter() {
        let text = "---\nslug: 42\ntitle: 42/C4\nname: Collective Code Construction Contract\nstatus: Draft\neditor: Pieter Hintjens <ph@imatix.com>\ncontributors:\n  - Alex Thomas\n  - Mike Owens\nobsoletes: [22, \"16\"]\nlicense: MPL-2.0\n---\nbody\n";
        let (fm, d) = run(text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(fm.slug.as_deref(), Some("42"));
        assert_eq!(fm.title.as_deref(), Some("42/C4"));
        assert_eq!(fm.status.as_deref(), Some("Draft"));
        assert_eq!(fm.editors, vec!["Pieter Hintjens <ph@imatix.com>"]);
        assert_eq!(fm.contributors, vec!["Alex Thomas", "Mike Owens"]);
        assert_eq!(fm.obsoletes, vec![22, 16]);
        assert_eq!(fm.license.as_deref(), Some("MPL-2.0"));
        assert_eq!(fm.positions["status"], (5, 1));
        assert_eq!(fm.positions["slug"], (2, 1));
    }

    #[test]
    fn lists_and_empties() {
        let (fm, d) = run("---\neditors:\n  - A\n  - B\neditor: C\ncontributors:\nobsoleted_by: 44\norder: -2\ndraft: true\nsearch: false\nnumber: \"7\"\ntranslated_from: 1234567\n---\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(fm.editors, vec!["A", "B", "C"]);
        assert!(fm.contributors.is_empty());
        assert_eq!(fm.obsoleted_by, vec![44]);
        assert_eq!(fm.order, Some(-2));
        assert!(fm.draft);
        assert_eq!(fm.search, Some(false));
        assert_eq!(fm.number, Some(7));
        assert_eq!(fm.translated_from.as_deref(), Some("1234567"));
        let (fm, d) = run("---\ncontributors: A, B and C\n---\n");
        assert!(d.is_empty());
        assert_eq!(fm.contributors, vec!["A, B and C"]);
        let (fm, d) = run("---\n---\nbody");
        assert!(d.is_empty());
        assert_eq!(fm, FrontMatter::default());
    }

    #[test]
    fn translators_and_author() {
        let (fm, d) = run("---\ntranslators: Анна\nauthor: Pieter Hintjens\n---\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(fm.translators, vec!["Анна"]);
        assert_eq!(fm.author.as_deref(), Some("Pieter Hintjens"));
        let (fm, d) = run("---\ntranslators:\n  - A\n  - B\n---\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(fm.translators, vec!["A", "B"]);
        let (fm, d) = run("---\ntranslators: { a: b }\nauthor: [x]\n---\n");
        assert!(fm.translators.is_empty() && fm.author.is_none());
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d.iter().all(|g| g.0 == "frontmatter-type"), "{d:?}");
    }

    #[test]
    fn diagnostics_table() {
        use Severity::{Error as E, Warning as W};
        type Want = (&'static str, Severity, usize, usize, &'static str);
        let cases: &[(&str, &[Want])] = &[
            (
                "---\ntitle: A\nweight: 3\n---\n",
                &[("unknown-key", W, 3, 1, "charter ignores this key")],
            ),
            (
                "---\ntitel: A\n---\n",
                &[("unknown-key", W, 2, 1, "did you mean `title`?")],
            ),
            (
                "---\ntitle: A\nauthr: B\ntype: x\n---\n",
                &[
                    ("unknown-key", W, 3, 1, "did you mean `author`?"),
                    ("unknown-key", W, 4, 1, "charter ignores"),
                ],
            ),
            // A YAML error on file line 4.
            (
                "---\ntitle: A\norder: 1\nbad: a: b\n---\nbody\n",
                &[("yaml-syntax", E, 4, 7, "invalid YAML in front matter")],
            ),
            (
                "---\ntitle: A\ndraft: no\n  x: : y\n---\n",
                &[("yaml-syntax", E, 4, 4, "invalid YAML")],
            ),
            (
                "---\ntitle: A\nx: 1\nx: 2\n---\n",
                &[("yaml-syntax", E, 4, 1, "duplicate key `x`")],
            ),
            (
                "---\r\ntitle: A\r\nx: 1\r\nx: 2\r\n---\r\n",
                &[("yaml-syntax", E, 4, 1, "duplicate key `x`")],
            ),
            (
                "\u{feff}---\ntitle: A\norder: 1.5\n---\n",
                &[(
                    "frontmatter-type",
                    E,
                    3,
                    8,
                    "`order` must be a whole number, found a decimal number",
                )],
            ),
            (
                "---\norder: three\n---\n",
                &[(
                    "frontmatter-type",
                    E,
                    2,
                    8,
                    "`order` must be a whole number, found a string",
                )],
            ),
            (
                "---\ndraft: \"yes\"\n---\n",
                &[("frontmatter-type", E, 2, 8, "`draft` must be true or false")],
            ),
            (
                "---\ntitle: [a]\n---\n",
                &[(
                    "frontmatter-type",
                    E,
                    2,
                    8,
                    "`title` must be text, found a list",
                )],
            ),
            (
                "---\nobsoletes: [22, x]\n---\n",
                &[(
                    "frontmatter-type",
                    E,
                    2,
                    17,
                    "`obsoletes` must be a spec number",
                )],
            ),
            (
                "---\neditors: {a: b}\n---\n",
                &[("frontmatter-type", E, 2, 10, "`editors` must be a name")],
            ),
            (
                "---\ntranslated_from: xyz\n---\n",
                &[("frontmatter-value", E, 2, 18, "git blob id")],
            ),
            (
                "---\n- a\n- b\n---\n",
                &[("frontmatter-type", E, 2, 1, "must be a mapping")],
            ),
            (
                "---\ntitle: A\n",
                &[("frontmatter-unclosed", E, 1, 1, "never closed")],
            ),
            (
                "+++\ntitle = \"A\"\n+++\n",
                &[("frontmatter-toml", E, 1, 1, "convert it to YAML")],
            ),
        ];
        for (text, want) in cases {
            let (_, got) = run(text);
            assert_eq!(got.len(), want.len(), "{text:?}: {got:#?}");
            for (g, w) in got.iter().zip(want.iter()) {
                assert_eq!(
                    (g.0, g.1, g.2, g.3),
                    (w.0, w.1, w.2, w.3),
                    "{text:?}: {got:#?}"
                );
                assert!(g.4.contains(w.4), "{text:?}: {g:?} lacks {:?}", w.4);
            }
        }
    }

    #[test]
    fn garbage_never_panics() {
        let mut rng = crate::test_rng::Rng(7);
        let pieces = [
            "---",
            "...",
            "+++",
            "\n",
            "\r\n",
            "\u{feff}",
            "title",
            "editors",
            "obsoletes",
            ":",
            " ",
            "-",
            "[",
            "]",
            "{",
            "}",
            "\"",
            "'",
            "22",
            "x",
            "é",
            "\t",
            "#",
            ",",
            "order",
            "draft",
            "~",
            "&a",
            "*a",
            "|",
            ">",
        ];
        for _ in 0..3000 {
            let n = rng.below(40);
            let s: String = (0..n).map(|_| pieces[rng.below(pieces.len())]).collect();
            let sp = split(&s);
            let _ = parse(&sp, Path::new("a.md"));
        }
    }
}
