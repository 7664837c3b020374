//! The state of every translation: for each configured language and each
//! source file, is its translation up to date, outdated, missing or
//! unstamped? Also finds orphans (translations without a source) and
//! `translations/<tag>/` folders of languages the config does not list.

use super::blob::{blob_id, matches};
use super::{translation_path, TRANSLATIONS_DIR};
use crate::config::{did_you_mean, Config};
use crate::diagnostics::{apply_lints, Diagnostic, Location};
use crate::frontmatter::{self, FrontMatter};
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The state of one translated page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum State {
    /// `translated_from` names the source's current blob.
    UpToDate,
    /// `translated_from` names an older blob (`stamped`, as written).
    Outdated { stamped: String },
    /// No translation file.
    Missing,
    /// A translation without (a valid) `translated_from`.
    Unstamped,
}

impl State {
    /// The state of an existing translation stamped `stamp` whose source's
    /// blob id is now `source_id`.
    pub fn of(stamp: Option<&str>, source_id: &str) -> State {
        match stamp {
            None => State::Unstamped,
            Some(s) if matches(s, source_id) => State::UpToDate,
            Some(s) => State::Outdated {
                stamped: s.to_string(),
            },
        }
    }

    /// `up-to-date`, `outdated`, `missing` or `unstamped`.
    pub fn name(&self) -> &'static str {
        match self {
            State::UpToDate => "up-to-date",
            State::Outdated { .. } => "outdated",
            State::Missing => "missing",
            State::Unstamped => "unstamped",
        }
    }
}

/// One source page in one language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PageStatus {
    /// The source file, relative to the root (`book/02-process.md`).
    pub source: PathBuf,
    /// Where its translation is (or would be), relative to the root.
    pub translation: PathBuf,
    #[serde(flatten)]
    pub state: State,
    /// The source file's current blob id (40 hex digits).
    pub source_id: String,
    /// `translators:` of the translation (empty when missing or not given).
    pub translators: Vec<String>,
    /// 1-based line of `translated_from:` in the translation, when present.
    #[serde(skip)]
    pub stamp_line: Option<usize>,
}

/// How many pages of a language are in each state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub pages: usize,
    pub up_to_date: usize,
    pub outdated: usize,
    pub missing: usize,
    pub unstamped: usize,
}

/// Every page of one configured language.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LanguageReport {
    pub tag: String,
    pub name: String,
    pub pages: Vec<PageStatus>,
    pub totals: Totals,
    /// Up-to-date pages out of all pages, 0–100 (100 when there are no pages).
    pub percent_up_to_date: f64,
    /// Everyone named in `translators:` of this language's pages, sorted, once each.
    pub translators: Vec<String>,
}

/// The state of all translations, with what went wrong reading them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The source language (`language:`).
    pub source_language: String,
    pub languages: Vec<LanguageReport>,
    /// Orphans, unknown language folders, front-matter errors of translations
    /// (`lints:` applied). Outdated pages are not diagnostics here; see
    /// `outdated_warnings`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn language(&self, tag: &str) -> Option<&LanguageReport> {
        self.languages.iter().find(|l| l.tag == tag)
    }

    /// The status of the translation into `tag` of the source file `source`.
    pub fn page(&self, tag: &str, source: &Path) -> Option<&PageStatus> {
        self.language(tag)?
            .pages
            .iter()
            .find(|p| p.source == source)
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// An `i18n-outdated` warning for every outdated page, located at its
    /// `translated_from:` line (for a build to report; `lints:` not applied).
    pub fn outdated_warnings(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for lang in &self.languages {
            for page in &lang.pages {
                let State::Outdated { stamped } = &page.state else {
                    continue;
                };
                let line = page.stamp_line.unwrap_or(1);
                out.push(
                    Diagnostic::warning(
                        "i18n-outdated",
                        format!(
                            "the {} translation of {} is outdated: it was translated from {stamped}, the source is now {}",
                            lang.name,
                            page.source.display(),
                            &page.source_id[..12.min(page.source_id.len())]
                        ),
                    )
                    .at(Location::new(&page.translation, line, 1))
                    .related(Location::file(&page.source), "the source")
                    .help(format!(
                        "see what changed: `charter i18n diff {tag} {src}`; after updating the translation, `charter i18n stamp {tag} {src}`",
                        tag = lang.tag,
                        src = slash(&page.source)
                    )),
                );
            }
        }
        out
    }
}

/// `book/02-process.md` with forward slashes, as a translator types it.
pub(crate) fn slash(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Reads every configured language's translations and compares them with
/// the source files (`content::source_files`).
pub fn status(root: &Path, config: &Config) -> Report {
    let (sources, mut diags) = crate::content::source_files(root, config);
    let ids: Vec<Option<String>> = sources
        .iter()
        .map(|s| std::fs::read(root.join(s)).ok().map(|b| blob_id(&b)))
        .collect();
    diags.extend(unknown_language_folders(root, config));
    let mut languages = Vec::new();
    for (tag, lang) in &config.languages {
        let mut pages = Vec::new();
        let mut totals = Totals::default();
        let mut translators = BTreeSet::new();
        for (source, id) in sources.iter().zip(&ids) {
            let Some(id) = id else { continue };
            let translation = translation_path(tag, source);
            let page = page_status(root, source, translation, id, &mut diags);
            totals.pages += 1;
            match page.state {
                State::UpToDate => totals.up_to_date += 1,
                State::Outdated { .. } => totals.outdated += 1,
                State::Missing => totals.missing += 1,
                State::Unstamped => totals.unstamped += 1,
            }
            translators.extend(page.translators.iter().cloned());
            pages.push(page);
        }
        diags.extend(orphans(root, tag, &sources));
        let percent_up_to_date = if totals.pages == 0 {
            100.0
        } else {
            totals.up_to_date as f64 * 100.0 / totals.pages as f64
        };
        languages.push(LanguageReport {
            tag: tag.clone(),
            name: lang.name.clone(),
            pages,
            totals,
            percent_up_to_date,
            translators: translators.into_iter().collect(),
        });
    }
    let mut diagnostics = apply_lints(diags, &config.lints, false);
    crate::diagnostics::sort(&mut diagnostics);
    Report {
        source_language: config.language.clone(),
        languages,
        diagnostics,
    }
}

/// Reads one translation's front matter and decides its state.
fn page_status(
    root: &Path,
    source: &Path,
    translation: PathBuf,
    source_id: &str,
    diags: &mut Vec<Diagnostic>,
) -> PageStatus {
    let mut page = PageStatus {
        source: source.to_path_buf(),
        translation,
        state: State::Missing,
        source_id: source_id.to_string(),
        translators: Vec::new(),
        stamp_line: None,
    };
    let full = root.join(&page.translation);
    if !full.exists() && full.symlink_metadata().is_err() {
        return page;
    }
    page.state = State::Unstamped;
    let Some(text) = crate::content::read_text(root, &page.translation, diags) else {
        return page;
    };
    let front = read_front(&text, &page.translation, diags);
    page.translators = front.translators.clone();
    page.stamp_line = front.positions.get("translated_from").map(|p| p.0);
    page.state = State::of(front.translated_from.as_deref(), source_id);
    page
}

/// The front matter of a translation, with its diagnostics.
fn read_front(text: &str, file: &Path, diags: &mut Vec<Diagnostic>) -> FrontMatter {
    let split = frontmatter::split(text);
    let (front, mut found) = frontmatter::parse(&split, file);
    diags.append(&mut found);
    front
}

/// `translations/<tag>/` folders whose tag is not configured (the source
/// language's folder is allowed: it may hold `ui.ftl`).
pub(crate) fn unknown_language_folders(root: &Path, config: &Config) -> Vec<Diagnostic> {
    let Ok(entries) = std::fs::read_dir(root.join(TRANSLATIONS_DIR)) else {
        return Vec::new();
    };
    let tags: Vec<&str> = config.languages.keys().map(String::as_str).collect();
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    let mut diags = Vec::new();
    for name in names {
        if tags.contains(&name.as_str()) || name == config.language {
            continue;
        }
        let folder = Path::new(TRANSLATIONS_DIR).join(&name);
        let help = match did_you_mean(&name, &tags) {
            Some(tag) => format!(
                "did you mean `{tag}`? Rename the folder to {}/{tag}/, or add `{name}` to `languages:` in charter.yaml",
                TRANSLATIONS_DIR
            ),
            None if tags.is_empty() => format!(
                "no translations are configured; add `languages: {{ {name}: {{ name: … }} }}` to charter.yaml"
            ),
            None => format!(
                "the configured languages are {}; add `{name}` to `languages:` in charter.yaml or rename the folder",
                tags.join(", ")
            ),
        };
        diags.push(
            Diagnostic::error(
                "i18n-unknown-language",
                format!(
                    "{}/ holds translations into `{name}`, which is not in `languages:`",
                    slash(&folder)
                ),
            )
            .at_file(folder)
            .help(help),
        );
    }
    diags
}

/// Markdown files under `translations/<tag>/` that mirror no source file.
pub(crate) fn orphans(root: &Path, tag: &str, sources: &[PathBuf]) -> Vec<Diagnostic> {
    let base = Path::new(TRANSLATIONS_DIR).join(tag);
    let dir = root.join(&base);
    if !dir.is_dir() {
        return Vec::new();
    }
    let known: BTreeSet<&Path> = sources.iter().map(PathBuf::as_path).collect();
    let mut diags = Vec::new();
    let walk = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk.flatten() {
        let is_md = entry.path().extension().is_some_and(|e| e == "md");
        if !is_md || entry.file_type().is_dir() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        // A translated SUMMARY.md (or any file the source has) is no orphan.
        if known.contains(rel) || root.join(rel).is_file() {
            continue;
        }
        let file = base.join(rel);
        diags.push(
            Diagnostic::warning(
                "i18n-orphan",
                format!(
                    "{} translates {}, which does not exist",
                    slash(&file),
                    slash(rel)
                ),
            )
            .at_file(&file)
            .help(
                "move the translation to its source's new path (and stamp it again), or delete it",
            ),
        );
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::LanguageConfig;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn site() -> (tempfile::TempDir, Config) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "index.md", "# Home\n");
        write(root, "book/01-a.md", "# A\n");
        write(root, "book/02-b.md", "# B\n");
        write(root, "book/03-c.md", "# C\n");
        write(root, "book/04-d.md", "# D\n");
        let a = blob_id(b"# A\n");
        write(
            root,
            "translations/ru/book/01-a.md",
            &format!(
                "---\ntranslated_from: {}\ntranslators: [Анна, Борис]\n---\n# А\n",
                &a[..7]
            ),
        );
        write(
            root,
            "translations/ru/book/02-b.md",
            "---\ntitle: Б\ntranslated_from: 0123456789abcdef\n---\n# Б\n",
        );
        write(root, "translations/ru/book/03-c.md", "# В\n");
        write(root, "translations/ru/book/99-gone.md", "# ?\n");
        write(root, "translations/ru/ui.ftl", "next = Далее\n");
        let mut config = Config::with_title("T");
        config.languages.insert(
            "ru".into(),
            LanguageConfig {
                name: "Русский".into(),
                dir: None,
            },
        );
        (dir, config)
    }

    #[test]
    fn every_state() {
        let (dir, config) = site();
        let report = status(dir.path(), &config);
        let ru = report.language("ru").unwrap();
        let states: Vec<(String, &str)> = ru
            .pages
            .iter()
            .map(|p| (slash(&p.source), p.state.name()))
            .collect();
        assert_eq!(
            states,
            [
                ("book/01-a.md".to_string(), "up-to-date"),
                ("book/02-b.md".to_string(), "outdated"),
                ("book/03-c.md".to_string(), "unstamped"),
                ("book/04-d.md".to_string(), "missing"),
                ("index.md".to_string(), "missing"),
            ]
        );
        assert_eq!(
            ru.totals,
            Totals {
                pages: 5,
                up_to_date: 1,
                outdated: 1,
                missing: 2,
                unstamped: 1
            }
        );
        assert_eq!(ru.percent_up_to_date, 20.0);
        assert_eq!(ru.translators, ["Анна", "Борис"]);
        let b = report.page("ru", Path::new("book/02-b.md")).unwrap();
        assert_eq!(
            b.state,
            State::Outdated {
                stamped: "0123456789abcdef".into()
            }
        );
        assert_eq!(b.translation, Path::new("translations/ru/book/02-b.md"));
        let codes: Vec<_> = report.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["i18n-orphan"], "{:#?}", report.diagnostics);
        let orphan = report.diagnostics[0].location.as_ref().unwrap();
        assert_eq!(orphan.file, Path::new("translations/ru/book/99-gone.md"));

        let warnings = report.outdated_warnings();
        assert_eq!(warnings.len(), 1);
        let at = warnings[0].location.as_ref().unwrap();
        assert_eq!((at.file.as_path(), at.line), (b.translation.as_path(), 3));
        assert!(warnings[0]
            .help
            .as_deref()
            .unwrap()
            .contains("charter i18n diff ru book/02-b.md"));

        let json = serde_json::to_value(&report).unwrap();
        let page = &json["languages"][0]["pages"][1];
        assert_eq!(page["state"], "outdated");
        assert_eq!(page["stamped"], "0123456789abcdef");
        assert_eq!(page["source"], "book/02-b.md");
        assert_eq!(json["languages"][0]["pages"][0]["state"], "up-to-date");
    }

    #[test]
    fn lints_apply_and_bad_stamps_are_errors() {
        let (dir, mut config) = site();
        write(
            dir.path(),
            "translations/ru/index.md",
            "---\ntranslated_from: xyz\n---\n",
        );
        config
            .lints
            .insert("i18n-orphan".into(), crate::diagnostics::LintLevel::Allow);
        let report = status(dir.path(), &config);
        let codes: Vec<_> = report.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["frontmatter-value"]);
        let at = report.diagnostics[0].location.as_ref().unwrap();
        assert_eq!((at.line, at.column), (2, 18));
        assert!(report.has_errors());
        let home = report.page("ru", Path::new("index.md")).unwrap();
        assert_eq!(home.state, State::Unstamped);
    }

    #[test]
    fn unknown_language_folders_are_errors() {
        let (dir, config) = site();
        write(dir.path(), "translations/rus/index.md", "# x\n");
        write(dir.path(), "translations/de/index.md", "# x\n");
        write(dir.path(), "translations/en/ui.ftl", "next = Onward\n");
        write(dir.path(), "translations/README.md", "notes\n");
        let report = status(dir.path(), &config);
        let unknown: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "i18n-unknown-language")
            .collect();
        assert_eq!(unknown.len(), 2, "{unknown:#?}");
        assert!(unknown[0].is_error());
        assert!(unknown[0].message.contains("translations/de/"));
        assert!(unknown[0]
            .help
            .as_deref()
            .unwrap()
            .contains("the configured languages are ru"));
        assert!(unknown[1].message.contains("translations/rus/"));
        assert!(unknown[1]
            .help
            .as_deref()
            .unwrap()
            .starts_with("did you mean `ru`?"));
    }

    #[test]
    fn no_languages_no_pages() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "index.md", "# Home\n");
        let report = status(dir.path(), &Config::with_title("T"));
        assert!(report.languages.is_empty());
        assert!(report.diagnostics.is_empty());
    }
}
