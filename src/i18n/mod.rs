//! Languages and translations: text direction of a language tag, git blob
//! ids (`blob`), the state of every translation (`status`), writing
//! `translated_from:` (`stamp`), what changed in a source since a translation
//! (`diff`) and the theme's Fluent UI strings (`ui`).
//!
//! A translation of the source file `book/02-process.md` into `ru` is
//! `translations/ru/book/02-process.md` (see `translation_path`).

pub mod blob;
pub mod diff;
pub mod stamp;
pub mod status;
pub mod ui;

pub use blob::{blob_id, matches};
pub use status::{status, LanguageReport, PageStatus, Report, State, Totals};
pub use ui::UiStrings;

use std::path::{Path, PathBuf};

/// The folder, relative to the root, holding one tree per language.
pub const TRANSLATIONS_DIR: &str = "translations";

/// Where the translation into `tag` of the source file `source` (relative to
/// the root) lives, relative to the root: `translations/<tag>/<source>`.
pub fn translation_path(tag: &str, source: &Path) -> PathBuf {
    Path::new(TRANSLATIONS_DIR).join(tag).join(source)
}

/// `rtl` for right-to-left scripts' languages, else `ltr`; an explicit
/// `dir:` from the config wins.
pub fn direction(tag: &str, explicit: Option<&str>) -> &'static str {
    if let Some(dir) = explicit {
        return if dir.eq_ignore_ascii_case("rtl") {
            "rtl"
        } else {
            "ltr"
        };
    }
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "ar" | "he" | "fa" | "ur" | "yi" | "ps" | "sd" | "ug" | "dv" | "ckb" | "syr" => "rtl",
        _ => "ltr",
    }
}

/// An error unless `lang` is one of `languages:` (with a did-you-mean).
pub fn check_language(
    config: &crate::config::Config,
    lang: &str,
) -> Result<(), crate::diagnostics::Diagnostic> {
    if config.languages.contains_key(lang) {
        return Ok(());
    }
    let tags: Vec<&str> = config.languages.keys().map(String::as_str).collect();
    let help = match crate::config::did_you_mean(lang, &tags) {
        Some(tag) => format!("did you mean `{tag}`?"),
        None if tags.is_empty() => {
            "no translations are configured: add `languages:` to charter.yaml".to_string()
        }
        None => format!("the configured languages are {}", tags.join(", ")),
    };
    let what = if lang == config.language {
        format!("`{lang}` is the source language, not a translation")
    } else {
        format!("`{lang}` is not in `languages:`")
    };
    Err(crate::diagnostics::Diagnostic::error("i18n-unknown-language", what).help(help))
}

/// The source file a PATH argument names: a source path (`book/02-process.md`,
/// `./book/02-process.md`) or the translation's own path
/// (`translations/ru/book/02-process.md`). An error unless it is one of
/// `sources`.
pub(crate) fn source_arg(
    lang: &str,
    path: &Path,
    sources: &[PathBuf],
) -> Result<PathBuf, crate::diagnostics::Diagnostic> {
    let text = path.to_string_lossy().replace('\\', "/");
    let text = text.trim_start_matches("./");
    let prefix = format!("{TRANSLATIONS_DIR}/{lang}/");
    let text = text.strip_prefix(&prefix).unwrap_or(text);
    let rel = PathBuf::from(text);
    if sources.contains(&rel) {
        return Ok(rel);
    }
    let names: Vec<String> = sources.iter().map(|s| status::slash(s)).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let help = match crate::config::did_you_mean(text, &refs) {
        Some(m) => format!("did you mean `{m}`?"),
        None => "name the source file as it is in the site, e.g. `book/01-welcome.md` (see `charter i18n status`)".to_string(),
    };
    Err(crate::diagnostics::Diagnostic::error(
        "i18n-no-source",
        format!("`{text}` is not a source page of this site"),
    )
    .help(help))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rtl_from_tag() {
        assert_eq!(direction("ar", None), "rtl");
        assert_eq!(direction("he-IL", None), "rtl");
        assert_eq!(direction("ru", None), "ltr");
        assert_eq!(direction("ar", Some("ltr")), "ltr");
    }
}
