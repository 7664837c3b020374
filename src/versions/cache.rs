//! The version cache under `.charter-cache/` in the site root: trees
//! exported from git (by tree id, so an export never goes stale) and each
//! version's last good output with the keys it was built under. A version
//! whose keys match is restored from here instead of being rendered.
//!
//! Files are hard-linked between the cache and the output where the file
//! system allows, so restoring a version costs a link per file.

use crate::diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What a version's output was built from, and what it holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The tree and the inputs that decide its pages.
    pub content_key: String,
    /// `content_key` plus what the other versions decide (switcher, banners).
    pub render_key: String,
    /// The version's page keys (`book/why/`, `ru/`).
    pub pages: Vec<String>,
    /// Its output files, relative to the output root.
    pub files: Vec<String>,
    /// Pages rendered, for the report.
    pub page_count: usize,
    /// The warnings it was built with, replayed when it is restored.
    pub warnings: Vec<StoredDiagnostic>,
}

/// A diagnostic as the cache keeps it (codes are looked up again on load).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredDiagnostic {
    pub severity: crate::diagnostics::Severity,
    pub code: String,
    pub message: String,
    pub location: Option<crate::diagnostics::Location>,
    pub help: Option<String>,
    pub related: Vec<(crate::diagnostics::Location, String)>,
}

impl StoredDiagnostic {
    pub fn from(d: &Diagnostic) -> Self {
        StoredDiagnostic {
            severity: d.severity,
            code: d.code.to_string(),
            message: d.message.clone(),
            location: d.location.clone(),
            help: d.help.clone(),
            related: d.related.clone(),
        }
    }

    /// `None` when the code is no longer known (a newer charter renamed it).
    pub fn restore(&self) -> Option<Diagnostic> {
        let code = crate::diagnostics::codes::lookup(&self.code)?;
        Some(Diagnostic {
            severity: self.severity,
            code,
            message: self.message.clone(),
            location: self.location.clone(),
            help: self.help.clone(),
            related: self.related.clone(),
        })
    }
}

/// The cache of one site.
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub fn new(root: &Path) -> Self {
        Cache {
            dir: crate::cache_dir::path(root),
        }
    }

    /// Where a tree's files are (exported by `export_tree`).
    pub fn tree_dir(&self, tree: &str) -> PathBuf {
        self.dir.join("trees").join(tree)
    }

    /// Exports a tree unless it is already there. The export goes to a
    /// temporary folder renamed into place, so a killed build never leaves a
    /// half tree that looks whole.
    pub fn export_tree(
        &self,
        tree: &str,
        repo: &dyn super::git::Repository,
    ) -> Result<PathBuf, String> {
        let dest = self.tree_dir(tree);
        if dest.is_dir() {
            return Ok(dest);
        }
        let tmp = self
            .dir
            .join("trees")
            .join(format!(".{tree}.tmp-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        crate::cache_dir::create(&self.dir).map_err(|e| e.to_string())?;
        repo.export(tree, &tmp).map_err(|e| e.to_string())?;
        match std::fs::rename(&tmp, &dest) {
            Ok(()) => Ok(dest),
            // Another build exported it meanwhile.
            Err(_) if dest.is_dir() => {
                let _ = std::fs::remove_dir_all(&tmp);
                Ok(dest)
            }
            Err(e) => {
                let _ = std::fs::remove_dir_all(&tmp);
                Err(format!("cannot write {}: {e}", dest.display()))
            }
        }
    }

    /// Removes exported trees no version uses any more.
    pub fn prune_trees(&self, keep: &BTreeSet<String>) {
        remove_all_but(&self.dir.join("trees"), keep);
    }

    fn version_dir(&self, name: &str) -> PathBuf {
        self.dir.join("versions").join(name)
    }

    /// A version's entry, if the cache has one. (Its files are checked
    /// when they are restored: a missing one means building the version.)
    pub fn entry(&self, name: &str) -> Option<Entry> {
        let text = std::fs::read(self.version_dir(name).join("entry.json")).ok()?;
        serde_json::from_slice(&text).ok()
    }

    /// Where a cached version's file is.
    pub fn file(&self, name: &str, path: &str) -> PathBuf {
        self.version_dir(name).join("files").join(path)
    }

    /// Keeps a version's output: its files (linked from `output_dir`, or
    /// given as bytes) and its entry, written last so a half-stored version
    /// is never taken for a whole one.
    pub fn store(&self, name: &str, entry: &Entry, files: FilesFrom<'_>) -> std::io::Result<()> {
        use rayon::prelude::*;
        crate::cache_dir::create(&self.dir)?;
        let dir = self.version_dir(name);
        remove_files_in_parallel(&dir);
        let files_dir = dir.join("files");
        // A file at a time on both cores: the version built on every edit
        // is stored again each time (a link and a directory per page).
        entry.files.par_iter().try_for_each(|path| {
            crate::output::check_relative(path)?;
            let dest = files_dir.join(path);
            if let Some(parent) = dest.parent() {
                std::fs::create_dir_all(parent)?;
            }
            match &files {
                FilesFrom::Dir(out) => link_or_copy(&out.join(path), &dest),
                FilesFrom::Memory(map) => {
                    let bytes = map.get(path).map(Vec::as_slice).unwrap_or_default();
                    std::fs::write(&dest, bytes)
                }
            }
        })?;
        std::fs::create_dir_all(&dir)?;
        let json = serde_json::to_vec(entry).map_err(std::io::Error::other)?;
        std::fs::write(dir.join("entry.json"), json)
    }

    /// Notes that `output` (a committed output folder) holds this version
    /// as rendered under `render_key`, so the next build into the same
    /// folder can carry the version's folder over instead of restoring it.
    pub fn set_published(&self, name: &str, render_key: &str, output: &Path) {
        let output = output
            .canonicalize()
            .unwrap_or_else(|_| output.to_path_buf());
        let record = format!("{render_key}\n{}\n", output.display());
        let _ = std::fs::write(self.version_dir(name).join("published"), record);
    }

    /// Whether `output` holds this version as rendered under `render_key`.
    pub fn is_published(&self, name: &str, render_key: &str, output: &Path) -> bool {
        let Ok(record) = std::fs::read_to_string(self.version_dir(name).join("published")) else {
            return false;
        };
        let mut lines = record.lines();
        let Ok(output) = output.canonicalize() else {
            return false;
        };
        lines.next() == Some(render_key) && lines.next() == Some(&*output.to_string_lossy())
    }

    /// Forgets a version (it failed, or no longer exists).
    pub fn forget(&self, name: &str) {
        let _ = std::fs::remove_dir_all(self.version_dir(name));
    }

    /// Removes the cached output of versions not in `keep`.
    pub fn prune_versions(&self, keep: &BTreeSet<String>) {
        remove_all_but(&self.dir.join("versions"), keep);
    }
}

/// Removes every entry of `dir` whose name is not in `keep`.
fn remove_all_but(dir: &Path, keep: &BTreeSet<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !keep.contains(&name) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Where a version's files to store come from.
#[derive(Clone, Copy)]
pub enum FilesFrom<'a> {
    /// The committed output directory.
    Dir(&'a Path),
    /// An in-memory build.
    Memory(&'a std::collections::BTreeMap<String, Vec<u8>>),
}

/// Removes `dir` if it is there: its files on both cores, then what is
/// left (the folders) at once. Errors leave the rest to `store`, which
/// fails on a file it cannot replace.
fn remove_files_in_parallel(dir: &Path) {
    use rayon::prelude::*;
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.par_iter().for_each(|file| {
        let _ = std::fs::remove_file(file);
    });
    let _ = std::fs::remove_dir_all(dir);
}

/// A hard link where the file system allows, else a copy.
pub fn link_or_copy(from: &Path, to: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(from, to) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::remove_file(to)?;
            link_or_copy(from, to)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(e),
        Err(_) => std::fs::copy(from, to).map(|_| ()),
    }
}

/// A hex SHA-1 over the parts, each length-prefixed so parts cannot run together.
pub fn key(parts: &[&[u8]]) -> String {
    let mut hasher = sha1_smol::Sha1::new();
    for part in parts {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.digest().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_version_comes_back_and_is_pruned() {
        let root = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(out.path().join("v1/book")).unwrap();
        std::fs::write(out.path().join("v1/index.html"), "home").unwrap();
        std::fs::write(out.path().join("v1/book/index.html"), "book").unwrap();
        let cache = Cache::new(root.path());
        let entry = Entry {
            content_key: "c".into(),
            render_key: "r".into(),
            pages: vec!["".into()],
            files: vec!["v1/index.html".into(), "v1/book/index.html".into()],
            page_count: 2,
            warnings: vec![StoredDiagnostic::from(&Diagnostic::warning(
                "broken-link",
                "x",
            ))],
        };
        cache
            .store("v1", &entry, FilesFrom::Dir(out.path()))
            .unwrap();
        let back = cache.entry("v1").unwrap();
        assert_eq!(back, entry);
        assert_eq!(back.warnings[0].restore().unwrap().code, "broken-link");
        assert_eq!(
            std::fs::read(cache.file("v1", "v1/book/index.html")).unwrap(),
            b"book"
        );
        cache.prune_versions(&BTreeSet::new());
        assert!(!root.path().join(".charter-cache/versions/v1").exists());
    }

    #[test]
    fn keys_do_not_run_parts_together() {
        assert_ne!(key(&[b"ab", b"c"]), key(&[b"a", b"bc"]));
        assert_eq!(key(&[b"x"]), key(&[b"x"]));
    }
}
