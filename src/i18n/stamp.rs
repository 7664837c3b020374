//! `charter i18n stamp`: writes `translated_from: <blob id>` into a
//! translation's front matter, keeping every other byte of the file.

use super::blob::blob_id;
use super::{check_language, source_arg, status::slash, translation_path};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Location};
use std::path::{Path, PathBuf};

/// Stamps the translations into `lang` of the source files `paths` (source
/// paths like `book/02-process.md`; none = every existing translation of
/// `lang`) with their sources' current blob ids. Writes nothing unless every
/// file can be stamped. Returns the translations stamped, relative to the root.
pub fn stamp(
    root: &Path,
    config: &Config,
    lang: &str,
    paths: &[PathBuf],
) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    check_language(config, lang).map_err(|d| vec![d])?;
    let (sources, diags) = crate::content::source_files(root, config);
    let errors: Vec<Diagnostic> = diags.into_iter().filter(Diagnostic::is_error).collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut errors = Vec::new();
    let chosen: Vec<PathBuf> = if paths.is_empty() {
        sources
            .iter()
            .filter(|s| root.join(translation_path(lang, s)).is_file())
            .cloned()
            .collect()
    } else {
        paths
            .iter()
            .filter_map(|p| {
                source_arg(lang, p, &sources)
                    .map_err(|e| errors.push(e))
                    .ok()
            })
            .collect()
    };
    let mut edits = Vec::new();
    for source in chosen {
        match prepare(root, lang, &source) {
            Ok(Some(edit)) => edits.push(edit),
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut done = Vec::new();
    for (rel, text) in edits {
        if let Some(text) = text {
            if let Err(e) = write_atomically(&root.join(&rel), text.as_bytes()) {
                errors.push(
                    Diagnostic::error("io-error", format!("cannot write {}: {e}", slash(&rel)))
                        .at_file(&rel),
                );
                continue;
            }
        }
        done.push(rel);
    }
    if errors.is_empty() {
        Ok(done)
    } else {
        Err(errors)
    }
}

/// The translation's path and its new text (`None` when already stamped so).
type Edit = (PathBuf, Option<String>);

fn prepare(root: &Path, lang: &str, source: &Path) -> Result<Option<Edit>, Diagnostic> {
    let rel = translation_path(lang, source);
    let full = root.join(&rel);
    if !full.is_file() {
        return Err(Diagnostic::error(
            "i18n-missing",
            format!(
                "{} has no translation into `{lang}` yet: {} does not exist",
                slash(source),
                slash(&rel)
            ),
        )
        .help(format!(
            "create {} (a copy of {} to translate), then stamp it",
            slash(&rel),
            slash(source)
        )));
    }
    let bytes = std::fs::read(root.join(source)).map_err(|e| {
        Diagnostic::error("io-error", format!("cannot read {}: {e}", slash(source))).at_file(source)
    })?;
    let id = blob_id(&bytes);
    let mut diags = Vec::new();
    let Some(text) = crate::content::read_text(root, &rel, &mut diags) else {
        return Err(diags.pop().unwrap_or_else(|| {
            Diagnostic::error("io-error", format!("cannot read {}", slash(&rel))).at_file(&rel)
        }));
    };
    match set_translated_from(&text, &id) {
        Ok(new) if new == text => Ok(Some((rel, None))),
        Ok(new) => Ok(Some((rel, Some(new)))),
        Err(problem) => Err(Diagnostic::error(problem.code, problem.message)
            .at(Location::new(&rel, 1, 1))
            .help("fix the front matter, then stamp again")),
    }
}

/// Why a file's front matter cannot be stamped.
#[derive(Debug, PartialEq, Eq)]
pub struct StampError {
    pub code: &'static str,
    pub message: &'static str,
}

/// `text` with `translated_from: <id>` in its front matter: the value
/// replaced in place when the key is there, else a line added at the end of
/// the block, else a new block at the top. Every other byte is kept (a
/// byte-order mark, CRLF line ends, comments, key order).
pub fn set_translated_from(text: &str, id: &str) -> Result<String, StampError> {
    let split = crate::frontmatter::split(text);
    if split.toml {
        return Err(StampError {
            code: "frontmatter-toml",
            message: "the front matter is TOML (`+++`); convert it to YAML between `---` lines",
        });
    }
    if split.unclosed {
        return Err(StampError {
            code: "frontmatter-unclosed",
            message: "the front matter opened with `---` is never closed",
        });
    }
    let crlf = text
        .find('\n')
        .is_some_and(|i| i > 0 && text.as_bytes()[i - 1] == b'\r');
    let eol = if crlf { "\r\n" } else { "\n" };
    let line = format!("translated_from: {id}");
    let Some(yaml) = split.yaml else {
        let bom = if text.starts_with('\u{feff}') {
            "\u{feff}"
        } else {
            ""
        };
        let rest = &text[bom.len()..];
        return Ok(format!("{bom}---{eol}{line}{eol}---{eol}{rest}"));
    };
    let start = yaml.as_ptr() as usize - text.as_ptr() as usize;
    let end = start + yaml.len();
    // Replace an existing top-level `translated_from:` line (its value only).
    let mut offset = start;
    for l in yaml.split_inclusive('\n') {
        if let Some(value_at) = key_value_start(l) {
            let content_end = l.trim_end_matches(['\n', '\r']).len();
            let value = l[value_at..content_end].trim_start();
            let token_end = value.find([' ', '\t']).unwrap_or(value.len());
            let rest = &value[token_end..];
            let comment = if rest.trim_start().starts_with('#') {
                rest
            } else {
                ""
            };
            let mut out = String::with_capacity(text.len() + id.len());
            out.push_str(&text[..offset + value_at]);
            out.push(' ');
            out.push_str(id);
            out.push_str(comment);
            out.push_str(&text[offset + content_end..]);
            return Ok(out);
        }
        offset += l.len();
    }
    // Add the key at the end of the block.
    let mut out = String::with_capacity(text.len() + line.len() + 2);
    out.push_str(&text[..end]);
    if !yaml.is_empty() && !yaml.ends_with('\n') {
        out.push_str(eol);
    }
    out.push_str(&line);
    out.push_str(eol);
    out.push_str(&text[end..]);
    Ok(out)
}

/// For a line `translated_from: …` (the key at column 1, maybe quoted), the
/// byte offset just after the colon.
fn key_value_start(line: &str) -> Option<usize> {
    for key in [
        "translated_from",
        "\"translated_from\"",
        "'translated_from'",
    ] {
        if let Some(rest) = line.strip_prefix(key) {
            let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            if rest[spaces..].starts_with(':') {
                return Some(key.len() + spaces + 1);
            }
        }
    }
    None
}

/// Writes through a temporary file in the same folder, then renames it over
/// the target, so a failed write never leaves half a translation.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{name}.charter-stamp"));
    std::fs::write(&tmp, bytes)?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&tmp, meta.permissions());
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";

    #[test]
    fn edits_table() {
        let cases: &[(&str, &str)] = &[
            // No front matter: a block at the top.
            ("# Title\n", "---\ntranslated_from: ID\n---\n# Title\n"),
            ("", "---\ntranslated_from: ID\n---\n"),
            (
                "# T\r\nx\r\n",
                "---\r\ntranslated_from: ID\r\n---\r\n# T\r\nx\r\n",
            ),
            (
                "\u{feff}# T\n",
                "\u{feff}---\ntranslated_from: ID\n---\n# T\n",
            ),
            // A block without the key: added at its end.
            (
                "---\ntitle: A\n---\nbody\n",
                "---\ntitle: A\ntranslated_from: ID\n---\nbody\n",
            ),
            ("---\n---\nbody", "---\ntranslated_from: ID\n---\nbody"),
            (
                "---\r\ntitle: A\r\n# note\r\n---\r\nbody\r\n",
                "---\r\ntitle: A\r\n# note\r\ntranslated_from: ID\r\n---\r\nbody\r\n",
            ),
            (
                "---\ntitle: A\n...\nbody\n",
                "---\ntitle: A\ntranslated_from: ID\n...\nbody\n",
            ),
            // The key present: the value replaced in place.
            (
                "---\ntitle: A\ntranslated_from: 1234567\norder: 2\n---\nbody\n",
                "---\ntitle: A\ntranslated_from: ID\norder: 2\n---\nbody\n",
            ),
            (
                "---\r\ntranslated_from:   abcdef0  # old\r\n---\r\n",
                "---\r\ntranslated_from: ID  # old\r\n---\r\n",
            ),
            (
                "---\ntranslated_from:\n---\n",
                "---\ntranslated_from: ID\n---\n",
            ),
            (
                "---\n\"translated_from\" : x\n---\n",
                "---\n\"translated_from\" : ID\n---\n",
            ),
            // A nested key of the same name is not the front-matter key.
            (
                "---\nmeta:\n  translated_from: 1\n---\n",
                "---\nmeta:\n  translated_from: 1\ntranslated_from: ID\n---\n",
            ),
        ];
        for (before, after) in cases {
            let want = after.replace("ID", ID);
            assert_eq!(set_translated_from(before, ID).unwrap(), want, "{before:?}");
            // Stamping again changes nothing.
            assert_eq!(set_translated_from(&want, ID).unwrap(), want, "{before:?}");
            // And the result reads back.
            let split = crate::frontmatter::split(&want);
            let (fm, _) = crate::frontmatter::parse(&split, Path::new("x.md"));
            assert_eq!(fm.translated_from.as_deref(), Some(ID), "{want:?}");
        }
    }

    #[test]
    fn bad_front_matter_is_refused() {
        assert_eq!(
            set_translated_from("---\ntitle: A\n", ID).unwrap_err().code,
            "frontmatter-unclosed"
        );
        assert_eq!(
            set_translated_from("+++\ntitle = 1\n+++\n", ID)
                .unwrap_err()
                .code,
            "frontmatter-toml"
        );
    }
}
