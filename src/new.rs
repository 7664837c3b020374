//! `charter new`: adds a spec with the next free number, or a chapter at
//! the end of the book (and of `book/SUMMARY.md`), where the site's
//! config says its specs and chapters live.

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Location};
use crate::frontmatter;
use std::path::{Path, PathBuf};

/// What a new spec starts with.
pub struct NewSpec<'a> {
    /// Its `name:` (the title).
    pub name: &'a str,
    /// The part of the shortname after the number (`C4` in `42/C4`).
    pub shortname: Option<&'a str>,
    /// A number chosen by hand; else the next free one.
    pub number: Option<u32>,
    /// `editor:`, e.g. from git's `user.name` and `user.email`.
    pub editor: Option<String>,
}

/// A file `new` wrote, and what it says about it.
#[derive(Debug)]
pub struct Created {
    /// Relative to the site root.
    pub file: PathBuf,
    /// One line for the user: what was made.
    pub summary: String,
}

/// The BCP 14 paragraph every spec of the COSS kind opens with.
const BCP14_LANGUAGE: &str = "\
## Language

The key words \"MUST\", \"MUST NOT\", \"REQUIRED\", \"SHALL\", \"SHALL NOT\",
\"SHOULD\", \"SHOULD NOT\", \"RECOMMENDED\", \"MAY\", and \"OPTIONAL\" in this
document are to be interpreted as described in BCP 14 (RFC 2119, RFC 8174)
when, and only when, they appear in all capitals, as shown here.
";

/// Writes `<specs.dir>/<N>/README.md`, status `raw`, with the next free
/// number (one above the highest in use, deleted specs included) unless
/// `new.number` chooses one.
pub fn spec(root: &Path, config: &Config, new: &NewSpec<'_>) -> Result<Created, Diagnostic> {
    let name = one_line("the spec's name", new.name)?;
    if let Some(short) = new.shortname {
        if short.is_empty()
            || !short
                .chars()
                .all(|c| c.is_alphanumeric() || "-_.".contains(c))
        {
            return Err(Diagnostic::error(
                "new-value",
                format!("`{short}` cannot be a shortname"),
            )
            .help("a shortname is letters, digits, `-`, `_` and `.`, e.g. `--shortname C4` for 42/C4"));
        }
    }
    let in_use = crate::content::spec_numbers(root, config);
    let number = match new.number {
        Some(n) => {
            if let Some(file) = in_use.get(&n) {
                return Err(Diagnostic::error("new-value", format!("spec {n} exists"))
                    .at(Location::file(file))
                    .help("leave out --number to take the next free one"));
            }
            n
        }
        None => in_use
            .keys()
            .next_back()
            .map_or(Some(1), |n| n.checked_add(1))
            .ok_or_else(|| Diagnostic::error("new-value", "no spec number is left"))?,
    };
    let file = config.specs.dir.join(number.to_string()).join("README.md");
    let mut front = format!("---\nname: {}\n", yaml_text(name));
    if let Some(short) = new.shortname {
        front.push_str(&format!("shortname: {number}/{short}\n"));
    }
    front.push_str("status: raw\n");
    if let Some(editor) = &new.editor {
        front.push_str(&format!("editor: {}\n", yaml_text(editor)));
    }
    front.push_str("---\n\n");
    let text = format!(
        "{front}{BCP14_LANGUAGE}\n## Goals\n\nWhat this specification is for, and the problem it solves.\n"
    );
    write_new(root, &file, &text)?;
    let shown = new
        .shortname
        .map_or_else(|| number.to_string(), |s| format!("{number}/{s}"));
    Ok(Created {
        summary: format!("spec {shown} \"{name}\", status raw"),
        file,
    })
}

/// Writes `<book.dir>/<NN>-<slug>.md` after the book's last chapter (the
/// number prefix only when the book's files have one), and lists it at the
/// end of `book/SUMMARY.md` when the book has one.
pub fn chapter(root: &Path, config: &Config, title: &str) -> Result<Created, Diagnostic> {
    let title = one_line("the chapter's title", title)?;
    let book = &config.book.dir;
    let slug = slug_of(title);
    if let Some(other) = chapter_with_slug(root, book, &slug) {
        return Err(Diagnostic::error(
            "new-value",
            format!("a chapter at /book/{slug}/ exists: {}", other.display()),
        )
        .at(Location::file(&other))
        .help("choose another title"));
    }
    let name = format!("{}{slug}.md", next_prefix(&root.join(book)));
    let file = book.join(&name);
    write_new(root, &file, &format!("# {title}\n"))?;
    let summary_file = book.join("SUMMARY.md");
    let mut summary = format!("chapter \"{title}\"");
    if root.join(&summary_file).is_file() {
        let path = root.join(&summary_file);
        let mut text = std::fs::read_to_string(&path).map_err(|e| io_error(&summary_file, e))?;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        let label = title
            .replace('\\', "\\\\")
            .replace('[', "\\[")
            .replace(']', "\\]");
        text.push_str(&format!("- [{label}]({name})\n"));
        std::fs::write(&path, text).map_err(|e| io_error(&summary_file, e))?;
        summary.push_str(&format!(
            ", listed at the end of {}",
            summary_file.display()
        ));
    }
    Ok(Created { file, summary })
}

/// `git config user.name` and `user.email` in the site, as an editor line.
pub fn git_identity(root: &Path) -> Option<String> {
    let get = |key: &str| {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(root)
            .args(["config", key])
            .output()
            .ok()?;
        let value = String::from_utf8(out.stdout).ok()?.trim().to_string();
        (out.status.success() && !value.is_empty()).then_some(value)
    };
    let name = get("user.name")?;
    Some(match get("user.email") {
        Some(email) => format!("{name} <{email}>"),
        None => name,
    })
}

/// `text` trimmed, when it is one non-empty line.
fn one_line<'t>(what: &str, text: &'t str) -> Result<&'t str, Diagnostic> {
    let text = text.trim();
    if text.is_empty() || text.contains(['\n', '\r']) {
        return Err(Diagnostic::error(
            "new-value",
            format!("{what} must be one line of text"),
        ));
    }
    Ok(text)
}

/// Creates `file` (relative to `root`) with `text`; never over one that exists.
fn write_new(root: &Path, file: &Path, text: &str) -> Result<(), Diagnostic> {
    let path = root.join(file);
    if path.exists() {
        return Err(
            Diagnostic::error("new-value", format!("{} exists", file.display()))
                .at(Location::file(file))
                .help("choose another title or number"),
        );
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| io_error(file, e))?;
    }
    std::fs::write(&path, text).map_err(|e| io_error(file, e))
}

fn io_error(file: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error("io-error", format!("cannot write {}: {e}", file.display()))
}

/// The file-name prefix of the next chapter: one above the highest number
/// the book's top-level files and folders start with (`03-` after `02-x.md`,
/// as wide as theirs), none when they have none, `01-` in an empty book.
fn next_prefix(book: &Path) -> String {
    let names: Vec<String> = std::fs::read_dir(book)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.') && n != "SUMMARY.md")
                .collect()
        })
        .unwrap_or_default();
    let numbered: Vec<&str> = names
        .iter()
        .filter_map(|n| {
            let digits = &n[..n.find(|c: char| !c.is_ascii_digit())?];
            let rest = &n[digits.len()..];
            (!digits.is_empty() && rest.starts_with(['-', '_'])).then_some(digits)
        })
        .collect();
    let Some(highest) = numbered.iter().filter_map(|d| d.parse::<u64>().ok()).max() else {
        return if names.iter().any(|n| n.ends_with(".md")) {
            String::new()
        } else {
            "01-".to_string()
        };
    };
    let width = numbered.iter().map(|d| d.len()).max().unwrap_or(2);
    format!("{:0width$}-", highest + 1)
}

/// The book's top-level chapter (a file, or a folder's README.md or
/// index.md) whose URL is `/book/<slug>/`, if there is one: by its file
/// name without the number, or its `slug:`.
fn chapter_with_slug(root: &Path, book: &Path, slug: &str) -> Option<PathBuf> {
    let entries = std::fs::read_dir(root.join(book)).ok()?;
    entries.flatten().find_map(|entry| {
        let rel = book.join(entry.file_name());
        let file = if entry.path().is_dir() {
            ["README.md", "index.md"]
                .iter()
                .map(|name| rel.join(name))
                .find(|f| root.join(f).is_file())?
        } else {
            rel.clone()
        };
        if file.extension()? != "md" || file.file_name()? == "SUMMARY.md" {
            return None;
        }
        let text = std::fs::read_to_string(root.join(&file)).unwrap_or_default();
        let (front, _) = frontmatter::parse(&frontmatter::split(&text), &file);
        (crate::content::chapter_slug(book, &file, &front) == slug).then_some(file)
    })
}

/// A file name's words from a title: letters and digits, lower-cased,
/// joined by `-` (`How we vote?` → `how-we-vote`).
fn slug_of(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "chapter".to_string()
    } else {
        slug.to_string()
    }
}

/// A YAML scalar for `text`: as it is when YAML reads it back unchanged,
/// else double-quoted (JSON's escapes are YAML's).
fn yaml_text(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@` ".contains(c))
        && !text.ends_with(' ')
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !["true", "false", "yes", "no", "null", "~", "on", "off"]
            .contains(&text.to_ascii_lowercase().as_str())
        && text.parse::<f64>().is_err();
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_yaml_text() {
        assert_eq!(slug_of("How we vote?"), "how-we-vote");
        assert_eq!(slug_of("Как мы голосуем"), "как-мы-голосуем");
        assert_eq!(slug_of("!!!"), "chapter");
        assert_eq!(
            yaml_text("Collective Code Construction Contract"),
            "Collective Code Construction Contract"
        );
        for tricky in [
            "C4: the contract",
            "yes",
            "42",
            "#1",
            "\"quoted\"",
            "- list",
            "a #b",
        ] {
            let written = yaml_text(tricky);
            let read: String = serde_yaml::from_str(&written).unwrap();
            assert_eq!(read, tricky, "{written}");
        }
    }

    #[test]
    fn chapter_prefixes_follow_the_book() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(next_prefix(dir.path()), "01-");
        std::fs::write(dir.path().join("why.md"), "").unwrap();
        assert_eq!(next_prefix(dir.path()), "", "a book without numbers");
        std::fs::write(dir.path().join("01-a.md"), "").unwrap();
        std::fs::create_dir(dir.path().join("009-part")).unwrap();
        assert_eq!(next_prefix(dir.path()), "010-");
    }
}
