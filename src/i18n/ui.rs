//! The theme's UI strings, per language, from Fluent files: the theme ships
//! `themes/default/i18n/<tag>.ftl` (English is the reference set of keys), a
//! site overrides single messages in `translations/<tag>/ui.ftl`. A message
//! missing in a language falls back to the source language's, then to the
//! theme's English, then to the key; each missing (language, key) is reported
//! once, when the strings are loaded.

use super::TRANSLATIONS_DIR;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Location};
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast::Entry;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// The Fluent files the default theme ships, by language tag.
pub const THEME_FILES: &[(&str, &str)] = &[
    ("en", include_str!("../../themes/default/i18n/en.ftl")),
    ("ru", include_str!("../../themes/default/i18n/ru.ftl")),
    ("ar", include_str!("../../themes/default/i18n/ar.ftl")),
];

/// Where the theme's files are, for diagnostics.
const THEME_DIR: &str = "themes/default/i18n";

/// The name of a site's per-language override file.
pub const SITE_FILE: &str = "ui.ftl";

type Bundle = fluent_bundle::concurrent::FluentBundle<FluentResource>;

/// One language's messages.
struct Lang {
    bundle: Bundle,
    /// Ids of the messages that have a value.
    keys: BTreeSet<String>,
}

/// Every language's UI strings, ready for many threads (`Send + Sync`).
pub struct UiStrings {
    source: String,
    /// The theme's English: the last fallback before the key itself.
    theme_en: Lang,
    langs: HashMap<String, Lang>,
    /// Messages without arguments, formatted once at load.
    plain: HashMap<(String, String), String>,
}

impl UiStrings {
    /// The strings for `config.language` and every language of
    /// `config.languages`: the theme's file for the language (by tag, else by
    /// its primary subtag: `ru-RU` uses `ru.ftl`) overlaid by the site's
    /// `translations/<tag>/ui.ftl`. Diagnostics: `i18n-ftl-syntax` errors
    /// (located) for malformed files (their good messages are still used),
    /// `i18n-missing-string` warnings for messages a language lacks.
    pub fn load(root: &Path, config: &Config) -> (UiStrings, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut tags = vec![config.language.clone()];
        tags.extend(
            config
                .languages
                .keys()
                .filter(|t| **t != config.language)
                .cloned(),
        );
        let mut overrides = Vec::new();
        for tag in &tags {
            let rel = Path::new(TRANSLATIONS_DIR).join(tag).join(SITE_FILE);
            let full = root.join(&rel);
            if !full.is_file() {
                continue;
            }
            if crate::content::resolves_outside(root, &rel) {
                diags.push(crate::content::outside_error(&rel));
                continue;
            }
            match std::fs::read(&full).map(String::from_utf8) {
                Ok(Ok(text)) => overrides.push((tag.clone(), rel, text)),
                Ok(Err(_)) => diags.push(
                    Diagnostic::error(
                        "invalid-utf8",
                        format!("{} is not valid UTF-8", rel.display()),
                    )
                    .at_file(&rel)
                    .help("save the file as UTF-8"),
                ),
                Err(e) => diags.push(
                    Diagnostic::error("io-error", format!("cannot read {}: {e}", rel.display()))
                        .at_file(&rel),
                ),
            }
        }
        let strings = Self::build(&config.language, &tags, &overrides, &mut diags);
        let mut diags = crate::diagnostics::apply_lints(diags, &config.lints, false);
        crate::diagnostics::sort(&mut diags);
        (strings, diags)
    }

    /// The theme's own strings only (every language it ships), with English
    /// as the source language. No site files are read.
    pub fn builtin() -> UiStrings {
        let tags: Vec<String> = THEME_FILES.iter().map(|(t, _)| t.to_string()).collect();
        Self::build("en", &tags, &[], &mut Vec::new())
    }

    /// Strings for `source` and `others` from the theme's files and the given
    /// site overrides `(tag, file for diagnostics, text)`.
    fn build(
        source: &str,
        tags: &[String],
        overrides: &[(String, PathBuf, String)],
        diags: &mut Vec<Diagnostic>,
    ) -> UiStrings {
        let (en_text, en_file) = theme_file("en").expect("the theme ships en.ftl");
        let theme_en = new_lang("en", &[(en_file, en_text)], diags);
        let mut langs = HashMap::new();
        for tag in tags {
            let mut files: Vec<(PathBuf, &str)> = Vec::new();
            let shipped = theme_file(tag);
            if let Some((text, file)) = &shipped {
                files.push((file.clone(), text));
            }
            let site_file = overrides.iter().find(|o| &o.0 == tag);
            if let Some((_, file, text)) = site_file {
                files.push((file.clone(), text));
            }
            langs.insert(tag.clone(), new_lang(tag, &files, diags));
        }
        let strings = UiStrings {
            source: source.to_string(),
            theme_en,
            langs,
            plain: HashMap::new(),
        };
        strings.report_missing(tags, overrides, diags);
        strings.with_plain()
    }

    /// One `i18n-missing-string` warning per (language, key) the language
    /// lacks of the source language's and the theme's keys (one per language
    /// when it has no strings at all).
    fn report_missing(
        &self,
        tags: &[String],
        overrides: &[(String, PathBuf, String)],
        diags: &mut Vec<Diagnostic>,
    ) {
        let source_keys = self.langs.get(&self.source).map(|l| &l.keys);
        let mut wanted: BTreeSet<&String> = self.theme_en.keys.iter().collect();
        wanted.extend(source_keys.into_iter().flatten());
        for tag in tags {
            let Some(lang) = self.langs.get(tag) else {
                continue;
            };
            let fallback = if *tag == self.source {
                "the theme's English".to_string()
            } else {
                format!("the source language's (`{}`)", self.source)
            };
            let site_file = Path::new(TRANSLATIONS_DIR).join(tag).join(SITE_FILE);
            let has_site_file = overrides.iter().any(|o| &o.0 == tag);
            let missing: Vec<&&String> =
                wanted.iter().filter(|k| !lang.keys.contains(**k)).collect();
            if missing.is_empty() || (*tag == self.source && tag == "en") {
                continue;
            }
            if lang.keys.is_empty() {
                let shipped: Vec<&str> = THEME_FILES.iter().map(|f| f.0).collect();
                diags.push(
                    Diagnostic::warning(
                        "i18n-missing-string",
                        format!(
                            "the theme has no UI strings in `{tag}`; {fallback} strings are used"
                        ),
                    )
                    .help(format!(
                        "the theme ships {}; translate themes/default/i18n/en.ftl into {}",
                        shipped.join(", "),
                        site_file.display()
                    )),
                );
                continue;
            }
            for key in missing {
                let mut d = Diagnostic::warning(
                    "i18n-missing-string",
                    format!("UI string `{key}` has no `{tag}` text; {fallback} text is used"),
                )
                .help(format!("add `{key} = …` to {}", site_file.display()));
                if has_site_file {
                    d = d.at_file(&site_file);
                }
                diags.push(d);
            }
        }
    }

    /// Formats every message without arguments once.
    fn with_plain(mut self) -> UiStrings {
        let mut plain = HashMap::new();
        let all = self
            .langs
            .iter()
            .map(|(tag, lang)| (tag.as_str(), lang))
            .chain([(THEME_EN_KEY, &self.theme_en)]);
        for (tag, lang) in all {
            for key in &lang.keys {
                if let Some(text) = format(&lang.bundle, key, None, true) {
                    plain.insert((tag.to_string(), key.clone()), text);
                }
            }
        }
        self.plain = plain;
        self
    }

    /// The source language's tag.
    pub fn source_language(&self) -> &str {
        &self.source
    }

    /// The message `key` in `lang`, else in the source language, else in the
    /// theme's English, else `key` itself. `args` are Fluent variables
    /// (`$name`); values that read as numbers are numbers (for plurals).
    pub fn get(&self, lang: &str, key: &str, args: &[(&str, &str)]) -> String {
        let chain = [lang, self.source.as_str()];
        let langs = chain
            .iter()
            .filter_map(|t| self.langs.get(*t).map(|l| (*t, l)))
            .chain([(THEME_EN_KEY, &self.theme_en)]);
        for (tag, l) in langs {
            if !l.keys.contains(key) {
                continue;
            }
            if args.is_empty() {
                if let Some(text) = self.plain.get(&(tag.to_string(), key.to_string())) {
                    return text.clone();
                }
            }
            let mut fargs = FluentArgs::new();
            for (name, value) in args {
                fargs.set(*name, FluentValue::try_number(value));
            }
            if let Some(text) = format(&l.bundle, key, Some(&fargs), false) {
                return text;
            }
        }
        key.to_string()
    }

    /// Whether `lang` (not a fallback) has the message `key`.
    pub fn has(&self, lang: &str, key: &str) -> bool {
        self.langs.get(lang).is_some_and(|l| l.keys.contains(key))
    }

    /// The keys of the theme's reference (English) file.
    pub fn theme_keys(&self) -> impl Iterator<Item = &str> {
        self.theme_en.keys.iter().map(String::as_str)
    }
}

/// The key the theme's English is cached under in `plain` (not a language tag).
const THEME_EN_KEY: &str = "*theme-en";

impl Default for UiStrings {
    fn default() -> Self {
        UiStrings::builtin()
    }
}

impl std::fmt::Debug for UiStrings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut tags: Vec<_> = self.langs.keys().collect();
        tags.sort();
        f.debug_struct("UiStrings")
            .field("source", &self.source)
            .field("languages", &tags)
            .finish()
    }
}

/// The theme's file for `tag`: by the whole tag, else by its primary subtag.
fn theme_file(tag: &str) -> Option<(&'static str, PathBuf)> {
    let primary = tag.split(['-', '_']).next().unwrap_or(tag);
    [tag, primary].into_iter().find_map(|t| {
        THEME_FILES
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(t))
            .map(|(name, text)| (*text, Path::new(THEME_DIR).join(format!("{name}.ftl"))))
    })
}

/// A bundle of `files` in order, later files overriding earlier ones.
fn new_lang(tag: &str, files: &[(PathBuf, &str)], diags: &mut Vec<Diagnostic>) -> Lang {
    let id: unic_langid::LanguageIdentifier = tag.parse().unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    let mut keys = BTreeSet::new();
    for (file, text) in files {
        let resource = parse(text, file, diags);
        for entry in resource.entries() {
            if let Entry::Message(m) = entry {
                if m.value.is_some() {
                    keys.insert(m.id.name.to_string());
                }
            }
        }
        bundle.add_resource_overriding(resource);
    }
    Lang { bundle, keys }
}

/// Parses a Fluent file; syntax errors become `i18n-ftl-syntax` diagnostics
/// at the parser's positions. The messages that parsed are kept.
pub fn parse(text: &str, file: &Path, diags: &mut Vec<Diagnostic>) -> FluentResource {
    match FluentResource::try_new(text.to_string()) {
        Ok(r) => r,
        Err((r, errors)) => {
            for e in errors {
                // An error found at the start of a line (e.g. an unclosed
                // `{`) belongs to the end of the text before it.
                let mut offset = e.pos.start.min(text.len());
                let junk_start = e.slice.as_ref().map_or(0, |s| s.start);
                if offset > junk_start && text[..offset].ends_with('\n') {
                    offset = text[..offset].trim_end().len().max(junk_start);
                }
                // A `{` left open on an earlier line (the parser read on,
                // taking the next message's name for a reference) is what
                // to fix.
                if let Some(junk) = text.get(junk_start.min(offset)..offset) {
                    if let Some(open) = unclosed_brace(junk) {
                        if junk[open..].contains('\n') {
                            offset = junk_start + open;
                        }
                    }
                }
                let (line, column) = crate::diagnostics::line_col(text, offset);
                let mut at = Location::new(file, line, column);
                at.len = text
                    .get(e.pos.clone())
                    .map_or(0, |s| s.split('\n').next().unwrap_or("").chars().count());
                diags.push(
                    Diagnostic::error("i18n-ftl-syntax", format!("invalid Fluent: {e}"))
                        .at(at)
                        .help("messages are `key = text` lines; continuation lines are indented; `{ $name }` inserts a variable; see https://projectfluent.org/fluent/guide/"),
                );
            }
            r
        }
    }
}

/// Byte offset of the first `{` in `text` that is not closed in it.
fn unclosed_brace(text: &str) -> Option<usize> {
    let mut open = Vec::new();
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'{' => open.push(i),
            b'}' => {
                open.pop();
            }
            _ => {}
        }
    }
    open.first().copied()
}

/// The message's value formatted; with `strict`, `None` when formatting
/// reported errors (e.g. a variable without a value).
fn format(bundle: &Bundle, key: &str, args: Option<&FluentArgs>, strict: bool) -> Option<String> {
    let message = bundle.get_message(key)?;
    let pattern = message.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    if strict && !errors.is_empty() {
        return None;
    }
    Some(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::LanguageConfig;
    use crate::diagnostics::Severity;

    fn keys_of(text: &str) -> BTreeSet<String> {
        let mut diags = Vec::new();
        let lang = new_lang("en", &[(PathBuf::from("x.ftl"), text)], &mut diags);
        assert!(diags.is_empty(), "{diags:#?}");
        lang.keys
    }

    #[test]
    fn shipped_files_parse_and_have_every_english_key() {
        let en = keys_of(THEME_FILES[0].1);
        assert!(en.len() > 50);
        for (tag, text) in THEME_FILES {
            let keys = keys_of(text);
            assert_eq!(keys, en, "{tag}.ftl has other keys than en.ftl");
        }
    }

    #[test]
    fn is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<UiStrings>();
    }

    #[test]
    fn builtin_languages_and_arguments() {
        let ui = UiStrings::builtin();
        assert_eq!(ui.get("en", "next", &[]), "Next");
        assert_eq!(ui.get("ru", "next", &[]), "Далее");
        assert_eq!(ui.get("ar", "next", &[]), "التالي");
        assert_eq!(
            ui.get("de", "next", &[]),
            "Next",
            "unknown language: source"
        );
        assert_eq!(ui.get("ru", "no-such-key", &[]), "no-such-key");
        assert_eq!(
            ui.get("en", "banner-fallback-link", &[("language", "English")]),
            "Read it in English",
            "no isolation marks"
        );
        assert_eq!(ui.get("en", "i18n-page-count", &[("count", "1")]), "1 page");
        assert_eq!(
            ui.get("en", "i18n-page-count", &[("count", "3")]),
            "3 pages"
        );
        assert_eq!(
            ui.get("ru", "i18n-page-count", &[("count", "1")]),
            "1 страница"
        );
        assert_eq!(
            ui.get("ru", "i18n-page-count", &[("count", "3")]),
            "3 страницы"
        );
        assert_eq!(
            ui.get("ru", "i18n-page-count", &[("count", "5")]),
            "5 страниц"
        );
        assert_eq!(ui.get("ar", "i18n-page-count", &[("count", "2")]), "صفحتان");
        // Arguments left out do not panic.
        assert!(ui
            .get("en", "translated-by", &[])
            .starts_with("Translated by"));
    }

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn config(langs: &[&str]) -> Config {
        let mut c = Config::with_title("T");
        for l in langs {
            c.languages.insert(
                l.to_string(),
                LanguageConfig {
                    name: l.to_string(),
                    dir: None,
                },
            );
        }
        c
    }

    #[test]
    fn site_overrides_and_missing_strings_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "translations/ru/ui.ftl", "next = Вперёд\n");
        write(
            root,
            "translations/en/ui.ftl",
            "my-key = Mine\nprevious = Back\n",
        );
        write(root, "translations/de/ui.ftl", "next = Weiter\n");
        let (ui, diags) = UiStrings::load(root, &config(&["ru", "de"]));
        assert_eq!(ui.get("ru", "next", &[]), "Вперёд");
        assert_eq!(ui.get("ru", "previous", &[]), "Назад", "theme's ru");
        assert_eq!(ui.get("en", "previous", &[]), "Back", "source override");
        assert_eq!(ui.get("de", "next", &[]), "Weiter");
        assert_eq!(
            ui.get("de", "previous", &[]),
            "Back",
            "falls back to the source"
        );
        assert_eq!(ui.get("de", "my-key", &[]), "Mine");
        assert_eq!(ui.get("ru", "my-key", &[]), "Mine");
        assert!(diags.iter().all(|d| d.severity == Severity::Warning));
        let missing: Vec<(&str, &str)> = diags
            .iter()
            .map(|d| {
                let file = d.location.as_ref().map(|l| l.file.to_str().unwrap());
                (file.unwrap_or(""), d.message.as_str())
            })
            .collect();
        // ru lacks only the site's own key; de lacks all but `next`, each once.
        let ru: Vec<_> = missing.iter().filter(|m| m.1.contains("`ru`")).collect();
        assert_eq!(ru.len(), 1, "{ru:#?}");
        assert!(ru[0].1.contains("`my-key`"));
        assert_eq!(ru[0].0, "translations/ru/ui.ftl");
        let de = missing.iter().filter(|m| m.1.contains("`de`")).count();
        assert_eq!(de, ui.theme_keys().count() + 1 - 1);
        assert_eq!(diags.len(), ru.len() + de);
        // Loading again gives the same diagnostics (nothing is reported at render time).
        let _ = ui.get("de", "menu", &[]);
        let (_, again) = UiStrings::load(root, &config(&["ru", "de"]));
        assert_eq!(again, diags);
    }

    #[test]
    fn a_language_without_any_strings_is_one_warning() {
        let dir = tempfile::tempdir().unwrap();
        let (ui, diags) = UiStrings::load(dir.path(), &config(&["ru", "fr"]));
        assert_eq!(diags.len(), 1, "{diags:#?}");
        assert!(diags[0].message.contains("no UI strings in `fr`"));
        assert_eq!(ui.get("fr", "next", &[]), "Next");
        assert_eq!(ui.get("ru", "next", &[]), "Далее");
    }

    #[test]
    fn syntax_errors_are_located_and_good_messages_kept() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            "translations/ru/ui.ftl",
            "next = Вперёд\nprevious Назад\nmenu = { $x\nhome = Дом\n",
        );
        let mut c = config(&["ru"]);
        c.lints.insert(
            "i18n-missing-string".into(),
            crate::diagnostics::LintLevel::Allow,
        );
        let (ui, diags) = UiStrings::load(root, &c);
        let got: Vec<(&str, usize, usize)> = diags
            .iter()
            .map(|d| {
                let l = d.location.as_ref().unwrap();
                assert_eq!(l.file, Path::new("translations/ru/ui.ftl"));
                (d.code, l.line, l.column)
            })
            .collect();
        assert_eq!(
            got,
            [("i18n-ftl-syntax", 2, 10), ("i18n-ftl-syntax", 3, 12)],
            "{diags:#?}"
        );
        assert!(diags.iter().all(Diagnostic::is_error));
        assert_eq!(ui.get("ru", "next", &[]), "Вперёд");
        assert_eq!(ui.get("ru", "home", &[]), "Дом");
        assert_eq!(ui.get("ru", "previous", &[]), "Назад", "theme's text");
    }

    #[test]
    fn regional_tags_use_the_primary_language_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = config(&["ru-RU"]);
        c.language = "en-GB".into();
        let (ui, diags) = UiStrings::load(dir.path(), &c);
        assert!(diags.is_empty(), "{diags:#?}");
        assert_eq!(ui.get("ru-RU", "next", &[]), "Далее");
        assert_eq!(ui.get("en-GB", "next", &[]), "Next");
    }
}
