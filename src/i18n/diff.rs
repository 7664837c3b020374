//! `charter i18n diff`: what changed in a source file since its translation
//! was stamped, as a unified diff of the stamped blob's text (from git)
//! against the current file.

use super::blob::{blob_id, matches};
use super::{check_language, source_arg, status::slash, translation_path};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Location};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Why git could not give a blob.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GitError {
    /// git is not installed (or not on PATH).
    GitMissing,
    /// The folder is not in a git repository.
    NotARepository,
    /// The repository has no such blob (or the short id is ambiguous).
    NotFound,
    /// Anything else, with git's message.
    Failed(String),
}

/// Where old versions of source files come from.
pub trait GitObjects {
    /// The bytes of the blob `id` (a full or short id).
    fn blob(&self, id: &str) -> Result<Vec<u8>, GitError>;
}

/// `git cat-file blob <id>`, run in a folder.
pub struct GitCli {
    pub dir: PathBuf,
}

impl GitCli {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        GitCli { dir: dir.into() }
    }
}

impl GitObjects for GitCli {
    fn blob(&self, id: &str) -> Result<Vec<u8>, GitError> {
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(GitError::NotFound);
        }
        let out = std::process::Command::new("git")
            .arg("cat-file")
            .arg("blob")
            .arg(id)
            .current_dir(&self.dir)
            .output()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => GitError::GitMissing,
                _ => GitError::Failed(e.to_string()),
            })?;
        if out.status.success() {
            return Ok(out.stdout);
        }
        let err = String::from_utf8_lossy(&out.stderr).trim().to_string();
        let lower = err.to_lowercase();
        if lower.contains("not a git repository") {
            Err(GitError::NotARepository)
        } else if lower.contains("not a valid object name")
            || lower.contains("bad file")
            || lower.contains("ambiguous")
            || lower.contains("could not get object info")
        {
            Err(GitError::NotFound)
        } else {
            Err(GitError::Failed(err))
        }
    }
}

/// The changes of one source since its translation into a language was stamped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diff {
    pub source: PathBuf,
    pub translation: PathBuf,
    /// `translated_from:` as written.
    pub stamped: String,
    /// The source's current blob id.
    pub current: String,
    /// The unified diff (empty when the translation is up to date).
    pub unified: String,
}

impl Diff {
    pub fn is_up_to_date(&self) -> bool {
        matches(&self.stamped, &self.current)
    }
}

/// The unified diff, for the translation into `lang` of the source `path`,
/// of the source at the stamped blob against the source file as it is now
/// (committed or not). Errors: an unknown language or source, no
/// translation, no stamp, and the blob not in the repository.
pub fn diff(
    root: &Path,
    config: &Config,
    lang: &str,
    path: &Path,
    git: &dyn GitObjects,
) -> Result<Diff, Diagnostic> {
    check_language(config, lang)?;
    let (sources, _) = crate::content::source_files(root, config);
    let source = source_arg(lang, path, &sources)?;
    let translation = translation_path(lang, &source);
    let src = slash(&source);
    if !root.join(&translation).is_file() {
        return Err(Diagnostic::error(
            "i18n-missing",
            format!(
                "{src} has no translation into `{lang}`: {} does not exist",
                slash(&translation)
            ),
        )
        .help(format!(
            "there is nothing to compare yet: translate {src} into {}",
            slash(&translation)
        )));
    }
    let mut diags = Vec::new();
    let text = crate::content::read_text(root, &translation, &mut diags)
        .ok_or_else(|| diags.pop().expect("read_text reports why"))?;
    let split = crate::frontmatter::split(&text);
    let (front, found) = crate::frontmatter::parse(&split, &translation);
    if let Some(bad) = found.into_iter().find(|d| d.code == "frontmatter-value") {
        return Err(bad);
    }
    let Some(stamped) = front.translated_from else {
        return Err(Diagnostic::error(
            "i18n-unstamped",
            format!(
                "{} has no `translated_from:`, so it is unknown which version of {src} it translates",
                slash(&translation)
            ),
        )
        .at(Location::file(&translation))
        .help(format!(
            "if the translation matches the current {src}, run `charter i18n stamp {lang} {src}`"
        )));
    };
    let stamp_line = front.positions.get("translated_from").map_or(1, |p| p.0);
    let new_bytes = std::fs::read(root.join(&source)).map_err(|e| {
        Diagnostic::error("io-error", format!("cannot read {src}: {e}")).at_file(&source)
    })?;
    let current = blob_id(&new_bytes);
    let mut result = Diff {
        source: source.clone(),
        translation: translation.clone(),
        stamped: stamped.clone(),
        current,
        unified: String::new(),
    };
    if result.is_up_to_date() {
        return Ok(result);
    }
    let old_bytes = git.blob(&stamped).map_err(|e| {
        let at = Location::new(&translation, stamp_line, 1);
        match e {
            GitError::GitMissing => Diagnostic::error(
                "i18n-git",
                "git is not installed: the old text of the source comes from git",
            )
            .at(at)
            .help("install git (and run charter in the site's repository)"),
            GitError::NotARepository => Diagnostic::error(
                "i18n-git",
                format!("{} is not in a git repository, so the stamped version of {src} cannot be read", root.display()),
            )
            .at(at)
            .help("run `charter i18n diff` in a clone of the site's repository"),
            GitError::NotFound => Diagnostic::error(
                "i18n-git",
                format!("the stamped version {stamped} of {src} is not in this repository"),
            )
            .at(at)
            .help(format!(
                "if this is a shallow clone, fetch the history (`git fetch --unshallow`); \
                 the id must name a committed version of {src} — stamp translations right after translating \
                 (`charter i18n stamp {lang} {src}`) and commit both"
            )),
            GitError::Failed(msg) => Diagnostic::error(
                "i18n-git",
                format!("git could not read blob {stamped}: {msg}"),
            )
            .at(at),
        }
    })?;
    let old = String::from_utf8_lossy(&old_bytes);
    let new = String::from_utf8_lossy(&new_bytes);
    let short = &stamped[..stamped.len().min(12)];
    result.unified = similar::TextDiff::from_lines(old.as_ref(), new.as_ref())
        .unified_diff()
        .context_radius(3)
        .header(
            &format!("{src} ({short}, translated)"),
            &format!("{src} (now, {})", &result.current[..12]),
        )
        .to_string();
    Ok(result)
}

/// `unified` with ANSI colours: additions green, removals red, hunk headers cyan.
pub fn colorize(unified: &str) -> String {
    let mut out = String::with_capacity(unified.len() + 64);
    for line in unified.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        let color = if body.starts_with("+++") || body.starts_with("---") {
            "\x1b[1m"
        } else if body.starts_with('+') {
            "\x1b[32m"
        } else if body.starts_with('-') {
            "\x1b[31m"
        } else if body.starts_with("@@") {
            "\x1b[36m"
        } else {
            ""
        };
        if color.is_empty() {
            out.push_str(line);
        } else {
            out.push_str(color);
            out.push_str(body);
            out.push_str("\x1b[0m");
            out.push_str(end);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::LanguageConfig;
    use std::collections::HashMap;

    struct Fake(HashMap<String, Vec<u8>>);

    impl GitObjects for Fake {
        fn blob(&self, id: &str) -> Result<Vec<u8>, GitError> {
            self.0
                .iter()
                .find(|(k, _)| matches(id, k))
                .map(|(_, v)| v.clone())
                .ok_or(GitError::NotFound)
        }
    }

    struct NoGit;

    impl GitObjects for NoGit {
        fn blob(&self, _: &str) -> Result<Vec<u8>, GitError> {
            Err(GitError::GitMissing)
        }
    }

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn site(stamp: &str) -> (tempfile::TempDir, Config) {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "book/01-a.md",
            "# A\n\none\ntwo (changed)\nthree\n",
        );
        write(
            dir.path(),
            "translations/ru/book/01-a.md",
            &format!("---\ntitle: А\ntranslated_from: {stamp}\n---\n# А\n"),
        );
        write(dir.path(), "translations/ru/book/01-b.md", "# Б\n");
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
    fn diffs_the_stamped_blob_against_the_file() {
        let old = b"# A\n\none\ntwo\nthree\n".to_vec();
        let id = blob_id(&old);
        let (dir, config) = site(&id[..10]);
        let git = Fake(HashMap::from([(id.clone(), old)]));
        let d = diff(dir.path(), &config, "ru", Path::new("book/01-a.md"), &git).unwrap();
        assert!(!d.is_up_to_date());
        assert!(
            d.unified.contains("-two\n+two (changed)\n"),
            "{}",
            d.unified
        );
        assert!(d.unified.starts_with("--- book/01-a.md ("), "{}", d.unified);
        let colored = colorize(&d.unified);
        assert!(colored.contains("\x1b[31m-two\x1b[0m\n\x1b[32m+two (changed)\x1b[0m\n"));
        // The translation's path names the same page.
        let again = diff(
            dir.path(),
            &config,
            "ru",
            Path::new("translations/ru/book/01-a.md"),
            &git,
        )
        .unwrap();
        assert_eq!(again, d);
    }

    #[test]
    fn up_to_date_has_no_diff() {
        let id = blob_id(b"# A\n\none\ntwo (changed)\nthree\n");
        let (dir, config) = site(&id);
        let d = diff(dir.path(), &config, "ru", Path::new("book/01-a.md"), &NoGit).unwrap();
        assert!(d.is_up_to_date() && d.unified.is_empty());
    }

    #[test]
    fn clear_errors() {
        let (dir, config) = site("abcdef0123");
        let root = dir.path();
        let run = |lang: &str, path: &str, git: &dyn GitObjects| {
            diff(root, &config, lang, Path::new(path), git).unwrap_err()
        };
        let fake = Fake(HashMap::new());
        let e = run("ru", "book/01-a.md", &fake);
        assert_eq!(e.code, "i18n-git");
        assert!(e
            .message
            .contains("abcdef0123 of book/01-a.md is not in this repository"));
        assert!(e.help.as_deref().unwrap().contains("git fetch --unshallow"));
        assert_eq!(e.location.unwrap().line, 3);
        let e = run("ru", "book/01-a.md", &NoGit);
        assert!(e.message.contains("git is not installed"));
        let e = run("rus", "book/01-a.md", &fake);
        assert_eq!(e.code, "i18n-unknown-language");
        assert_eq!(e.help.as_deref(), Some("did you mean `ru`?"));
        let e = run("ru", "book/01-aa.md", &fake);
        assert_eq!(e.code, "i18n-no-source");
        assert_eq!(e.help.as_deref(), Some("did you mean `book/01-a.md`?"));
        write(root, "book/01-b.md", "# B\n");
        write(root, "book/01-c.md", "# C\n");
        let e = run("ru", "book/01-b.md", &fake);
        assert_eq!(e.code, "i18n-unstamped");
        assert!(e
            .help
            .unwrap()
            .contains("charter i18n stamp ru book/01-b.md"));
        let e = run("ru", "book/01-c.md", &fake);
        assert_eq!(e.code, "i18n-missing");
        assert!(e
            .message
            .contains("translations/ru/book/01-c.md does not exist"));
    }
}
