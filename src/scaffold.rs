//! `charter init`: writes a small, working site into a folder — config,
//! home page, two chapters, one spec, a GitHub Pages workflow and a
//! `.gitignore` — from files embedded in the binary (`src/scaffold/`).

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Why `init` could not write the site.
#[derive(Debug)]
pub enum ScaffoldError {
    /// The target folder holds files and `force` was not given.
    NotEmpty(PathBuf),
    /// Reading or writing a path failed.
    Io(PathBuf, io::Error),
}

impl fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScaffoldError::NotEmpty(dir) => write!(
                f,
                "{} is not empty; use --force to write into it anyway",
                dir.display()
            ),
            ScaffoldError::Io(path, err) => write!(f, "{}: {err}", path.display()),
        }
    }
}

impl std::error::Error for ScaffoldError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ScaffoldError::NotEmpty(_) => None,
            ScaffoldError::Io(_, err) => Some(err),
        }
    }
}

/// One embedded file: where it goes (relative to the site root), its text,
/// and whether `{{title}}`-style placeholders are filled in.
struct Template {
    path: &'static str,
    text: &'static str,
    fill: bool,
}

const FILES: &[Template] = &[
    Template {
        path: "charter.yaml",
        text: include_str!("scaffold/charter.yaml"),
        fill: true,
    },
    Template {
        path: "index.md",
        text: include_str!("scaffold/index.md"),
        fill: true,
    },
    Template {
        path: "book/SUMMARY.md",
        text: include_str!("scaffold/book/SUMMARY.md"),
        fill: false,
    },
    Template {
        path: "book/01-welcome.md",
        text: include_str!("scaffold/book/01-welcome.md"),
        fill: false,
    },
    Template {
        path: "book/02-contributing.md",
        text: include_str!("scaffold/book/02-contributing.md"),
        fill: false,
    },
    Template {
        path: "specs/1/README.md",
        text: include_str!("scaffold/specs/1/README.md"),
        fill: true,
    },
    // Stored without the leading dot so that tools walking `src/` do not
    // mistake it for this repository's own workflow or ignore file.
    Template {
        path: ".github/workflows/pages.yml",
        text: include_str!("scaffold/github/workflows/pages.yml"),
        fill: true,
    },
    Template {
        path: ".gitignore",
        text: include_str!("scaffold/gitignore"),
        fill: false,
    },
];

/// Writes a new site into `dir`, creating it if missing. Refuses a folder
/// that holds anything but `.git` unless `force` is set (then existing
/// files of the same name are overwritten, others left alone). Returns the
/// written paths, relative to `dir`, in a fixed order.
pub fn init(dir: &Path, force: bool) -> Result<Vec<PathBuf>, ScaffoldError> {
    if dir.exists() && !force && !is_empty_dir(dir)? {
        return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
    }
    fs::create_dir_all(dir).map_err(|e| ScaffoldError::Io(dir.to_path_buf(), e))?;

    let name = folder_name(dir);
    let title = title_from_name(&name);
    let slug = slug_from_name(&name);
    let description = format!("The handbook and specifications of the {title} community");

    let mut written = Vec::with_capacity(FILES.len());
    for file in FILES {
        let rel = PathBuf::from(file.path);
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| ScaffoldError::Io(parent.to_path_buf(), e))?;
        }
        let text = if file.fill {
            fill(file.text, &title, &slug, &description)
        } else {
            file.text.to_string()
        };
        fs::write(&path, text).map_err(|e| ScaffoldError::Io(path.clone(), e))?;
        written.push(rel);
    }
    Ok(written)
}

/// True when `dir` holds nothing, or only `.git`.
fn is_empty_dir(dir: &Path) -> Result<bool, ScaffoldError> {
    let entries = fs::read_dir(dir).map_err(|e| ScaffoldError::Io(dir.to_path_buf(), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| ScaffoldError::Io(dir.to_path_buf(), e))?;
        if entry.file_name() != ".git" {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The folder's own name, also for `.` (resolved through the file system).
fn folder_name(dir: &Path) -> String {
    let named = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !n.is_empty() && n != "." && n != "..")
    };
    named(dir)
        .or_else(|| dir.canonicalize().ok().and_then(|p| named(&p)))
        .unwrap_or_else(|| "site".to_string())
}

/// `demo` → `Demo`, `my-community` → `My Community`, `rfc_site` → `Rfc Site`.
fn title_from_name(name: &str) -> String {
    let words: Vec<String> = name
        .split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect();
    if words.is_empty() {
        "My Community".to_string()
    } else {
        words.join(" ")
    }
}

/// A URL-friendly form of the folder name, for the example `base_url`.
fn slug_from_name(name: &str) -> String {
    let slug = crate::markdown::slugify(name);
    if slug.is_empty() {
        "site".to_string()
    } else {
        slug
    }
}

/// Fills the placeholders. `*_yaml` values are double-quoted YAML scalars
/// (JSON string syntax is valid YAML), so any folder name stays valid YAML.
fn fill(text: &str, title: &str, slug: &str, description: &str) -> String {
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string());
    text.replace("{{title_yaml}}", &quote(title))
        // The workflow installs the charter that wrote it.
        .replace("{{charter_version}}", env!("CARGO_PKG_VERSION"))
        .replace("{{description_yaml}}", &quote(description))
        .replace("{{title}}", title)
        .replace("{{slug}}", slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expected() -> Vec<PathBuf> {
        FILES.iter().map(|f| PathBuf::from(f.path)).collect()
    }

    #[test]
    fn writes_a_fresh_site_into_a_new_dir() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("demo");
        let written = init(&dir, false).unwrap();
        assert_eq!(written, expected());
        for rel in &written {
            assert!(dir.join(rel).is_file(), "{} missing", rel.display());
        }
        let config = fs::read_to_string(dir.join("charter.yaml")).unwrap();
        assert!(config.contains("title: \"Demo\"\n"), "{config}");
        assert!(!config.contains("{{"), "{config}");
        let index = fs::read_to_string(dir.join("index.md")).unwrap();
        assert!(index.contains("title: \"Demo\""));
        let spec = fs::read_to_string(dir.join("specs/1/README.md")).unwrap();
        assert!(spec.contains("shortname: 1/SPEC"));
        assert!(!spec.contains("{{"));
        let ignore = fs::read_to_string(dir.join(".gitignore")).unwrap();
        assert!(ignore.lines().any(|l| l == "public/"));
    }

    #[test]
    fn workflow_is_the_pages_flow() {
        let tmp = tempfile::tempdir().unwrap();
        init(tmp.path(), false).unwrap();
        let wf = fs::read_to_string(tmp.path().join(".github/workflows/pages.yml")).unwrap();
        for needle in [
            "workflow_dispatch",
            "pages: write",
            "id-token: write",
            "group: pages",
            "actions/checkout@v4",
            "fetch-depth: 0",
            "dtolnay/rust-toolchain@stable",
            "cargo install charter --locked",
            "actions/configure-pages@v5",
            "charter build -u \"${{ steps.pages.outputs.base_url }}/\"",
            "actions/upload-pages-artifact@v3",
            "path: public",
            "needs: build",
            "name: github-pages",
            "actions/deploy-pages@v4",
        ] {
            assert!(wf.contains(needle), "workflow lacks {needle:?}");
        }
    }

    #[test]
    fn refuses_a_non_empty_dir() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
        let err = init(tmp.path(), false).unwrap_err();
        assert!(matches!(err, ScaffoldError::NotEmpty(_)));
        assert!(err
            .to_string()
            .ends_with("is not empty; use --force to write into it anyway"));
        assert!(!tmp.path().join("charter.yaml").exists());
    }

    #[test]
    fn force_overwrites_and_keeps_other_files() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
        fs::write(tmp.path().join("index.md"), "old").unwrap();
        let written = init(tmp.path(), true).unwrap();
        assert_eq!(written, expected());
        assert_ne!(
            fs::read_to_string(tmp.path().join("index.md")).unwrap(),
            "old"
        );
        assert_eq!(
            fs::read_to_string(tmp.path().join("notes.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn a_dir_with_only_git_counts_as_empty() {
        let tmp = tempfile::tempdir().unwrap();
        fs::create_dir(tmp.path().join(".git")).unwrap();
        assert_eq!(init(tmp.path(), false).unwrap(), expected());
    }

    #[test]
    fn titles_come_from_folder_names() {
        assert_eq!(title_from_name("demo"), "Demo");
        assert_eq!(title_from_name("my-community"), "My Community");
        assert_eq!(title_from_name("rfc_site"), "Rfc Site");
        assert_eq!(title_from_name("---"), "My Community");
        assert_eq!(slug_from_name("My Community"), "my-community");
    }

    #[test]
    fn odd_folder_names_stay_valid_yaml() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a: \"b\" #c");
        init(&dir, false).unwrap();
        let config = fs::read_to_string(dir.join("charter.yaml")).unwrap();
        let value: serde_yaml::Value = serde_yaml::from_str(&config).unwrap();
        assert_eq!(value["title"].as_str(), Some("A: \"b\" #c"));
    }
}
