//! Where a build's files go: the `Output` trait, a disk output that builds
//! into a sibling temporary directory and swaps it in only on success (so a
//! failed or killed build leaves the previous site untouched, and the
//! previous output's `.git` is carried into the new one), and a memory
//! output for `serve` and tests.

use std::collections::BTreeMap;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// A sink for the files of one build. Paths are relative, `/`-separated.
pub trait Output: Sync {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()>;

    /// Writes a copy of an existing file (a cached version's output).
    fn copy_from(&self, path: &str, source: &Path) -> io::Result<()> {
        self.write(path, &std::fs::read(source)?)
    }

    /// Keeps a whole folder of the previous output as it is, when the
    /// output can (`true`): the folder is moved into the new output when it
    /// is committed, instead of being written file by file.
    fn carry_over(&self, _dir: &str) -> io::Result<bool> {
        Ok(false)
    }

    /// Reads back a file this build wrote; an output that keeps nothing
    /// (`charter check`) cannot.
    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            format!("this output keeps no files (`{path}`)"),
        ))
    }

    /// Whether [`Output::read`] can give back what was written.
    fn keeps_files(&self) -> bool {
        true
    }
}

/// Rejects paths that could land outside the output directory.
pub fn check_relative(path: &str) -> io::Result<&Path> {
    let p = Path::new(path);
    let safe = !path.is_empty()
        && !path.contains('\\')
        && p.components().all(|c| matches!(c, Component::Normal(_)));
    if safe {
        Ok(p)
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write outside the output directory: `{path}`"),
        ))
    }
}

/// Discards everything (for `charter check`).
pub struct NullOutput;

impl Output for NullOutput {
    fn write(&self, path: &str, _bytes: &[u8]) -> io::Result<()> {
        check_relative(path).map(|_| ())
    }

    fn copy_from(&self, path: &str, _source: &Path) -> io::Result<()> {
        check_relative(path).map(|_| ())
    }

    fn keeps_files(&self) -> bool {
        false
    }
}

/// Keeps files in memory, keyed by path.
#[derive(Default)]
pub struct MemoryOutput {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl MemoryOutput {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Output for MemoryOutput {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        check_relative(path)?;
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(path.to_string(), bytes.to_vec());
        Ok(())
    }

    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        let files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.get(path).cloned().ok_or_else(|| {
            io::Error::new(io::ErrorKind::NotFound, format!("`{path}` was not written"))
        })
    }
}

/// Builds into `.NAME.charter-tmp-PID` beside the final directory; `commit`
/// swaps it in, `abort` (or drop) removes it.
pub struct DiskOutput {
    target: PathBuf,
    staging: PathBuf,
    committed: bool,
    /// Folders of the previous output moved into the new one on commit.
    carried: Mutex<Vec<PathBuf>>,
}

/// Entries at the top of an output folder that no build writes and every
/// build keeps: `.git`, of a clone or a worktree of a `gh-pages` branch
/// (`git worktree add public gh-pages`), may hold commits not yet pushed.
pub const KEPT_ENTRIES: &[&str] = &[".git"];

/// Whether an entry of an output folder's top level is one builds keep.
pub fn is_kept_entry(name: &std::ffi::OsStr) -> bool {
    KEPT_ENTRIES.iter().any(|kept| name == *kept)
}

const TMP_MARK: &str = ".charter-tmp-";
const OLD_MARK: &str = ".charter-old-";

impl DiskOutput {
    /// Prepares a fresh staging directory, first removing any left behind by
    /// a build that was killed.
    pub fn begin(target: &Path) -> io::Result<Self> {
        // An output folder that is a symlink (`public -> /srv/site`) is
        // built where it points, and the link stays.
        let linked = match target.symlink_metadata() {
            Ok(m) if m.file_type().is_symlink() => target.canonicalize().ok(),
            _ => None,
        };
        let target = linked.as_deref().unwrap_or(target);
        let parent = parent_of(target);
        std::fs::create_dir_all(&parent)?;
        remove_leftovers(target)?;
        let staging = parent.join(format!(
            ".{}{}{}",
            file_name(target),
            TMP_MARK,
            std::process::id()
        ));
        std::fs::create_dir_all(&staging)?;
        Ok(DiskOutput {
            target: target.to_path_buf(),
            staging,
            committed: false,
            carried: Mutex::new(Vec::new()),
        })
    }

    /// The folder the output is committed to.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Replaces the target directory with the staged one.
    pub fn commit(mut self) -> io::Result<()> {
        let parent = parent_of(&self.target);
        let old = parent.join(format!(
            ".{}{}{}",
            file_name(&self.target),
            OLD_MARK,
            std::process::id()
        ));
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old)?;
        }
        let mut carried =
            std::mem::take(&mut *self.carried.lock().unwrap_or_else(|e| e.into_inner()));
        if had_old {
            carried.extend(KEPT_ENTRIES.iter().map(PathBuf::from).filter(|entry| {
                old.join(entry).symlink_metadata().is_ok()
                    && self.staging.join(entry).symlink_metadata().is_err()
            }));
        }
        let mut moved = Vec::new();
        let mut result = Ok(());
        for dir in &carried {
            result = std::fs::rename(old.join(dir), self.staging.join(dir));
            if result.is_err() {
                break;
            }
            moved.push(dir);
        }
        if result.is_ok() {
            result = std::fs::rename(&self.staging, &self.target);
        }
        if let Err(e) = result {
            // Put everything back as it was.
            for dir in moved {
                let _ = std::fs::rename(self.staging.join(dir), old.join(dir));
            }
            if had_old {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(e);
        }
        self.committed = true;
        if had_old {
            remove_tree(&old)?;
        }
        Ok(())
    }

    /// Removes the staged files; the target stays as it was.
    pub fn abort(self) {
        // Drop does the work.
    }
}

impl Drop for DiskOutput {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

impl Output for DiskOutput {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let rel = check_relative(path)?;
        let full = self.staging.join(rel);
        if let Some(dir) = full.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(full, bytes)
    }

    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        std::fs::read(self.staging.join(check_relative(path)?))
    }

    fn carry_over(&self, dir: &str) -> io::Result<bool> {
        let rel = check_relative(dir)?;
        if !self.target.join(rel).is_dir() || self.staging.join(rel).exists() {
            return Ok(false);
        }
        self.carried
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(rel.to_path_buf());
        Ok(true)
    }

    /// A hard link where the file system allows: restoring a cached
    /// version then costs one link per file.
    fn copy_from(&self, path: &str, source: &Path) -> io::Result<()> {
        let rel = check_relative(path)?;
        let full = self.staging.join(rel);
        // Most folders exist already: make them only when the link says so.
        match crate::versions::cache::link_or_copy(source, &full) {
            Err(e) if e.kind() == io::ErrorKind::NotFound && source.is_file() => {
                if let Some(dir) = full.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                crate::versions::cache::link_or_copy(source, &full)
            }
            other => other,
        }
    }
}

/// Removes an output folder for `charter clean`, all but its
/// [`KEPT_ENTRIES`]: the folder stays when it holds one. Returns whether it
/// did.
pub fn clean(dir: &Path) -> io::Result<bool> {
    // A symlink goes, not what it points at (see `remove_tree`).
    let is_link = dir.symlink_metadata()?.file_type().is_symlink();
    let keeps = !is_link
        && std::fs::read_dir(dir)?
            .flatten()
            .any(|entry| is_kept_entry(&entry.file_name()));
    if !keeps {
        remove_tree(dir)?;
        return Ok(false);
    }
    for entry in std::fs::read_dir(dir)?.flatten() {
        if is_kept_entry(&entry.file_name()) {
            continue;
        }
        match entry.file_type()? {
            t if t.is_dir() => std::fs::remove_dir_all(entry.path())?,
            _ => std::fs::remove_file(entry.path())?,
        }
    }
    Ok(true)
}

/// Removes a folder, its top-level entries in parallel (a site with
/// versions has one large folder per version).
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    // A symlink goes, not what it points at.
    if dir.symlink_metadata()?.file_type().is_symlink() {
        return std::fs::remove_file(dir);
    }
    let entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.par_iter().for_each(|path| {
        let _ = match path.symlink_metadata() {
            Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
            _ => std::fs::remove_file(path),
        };
    });
    std::fs::remove_dir_all(dir)
}

fn parent_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn file_name(target: &Path) -> String {
    target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into())
}

/// Removes staging and old directories of earlier builds of this target
/// (a build killed mid-way leaves one behind).
fn remove_leftovers(target: &Path) -> io::Result<()> {
    let parent = parent_of(target);
    let prefix = format!(".{}", file_name(target));
    let Ok(entries) = std::fs::read_dir(&parent) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(rest) = name.strip_prefix(&prefix) {
            // A build killed between its two renames leaves the previous
            // output aside with no target: it is put back, not removed.
            if rest.starts_with(OLD_MARK) && !target.exists() {
                std::fs::rename(entry.path(), target)?;
            } else if rest.starts_with(TMP_MARK) || rest.starts_with(OLD_MARK) {
                remove_tree(&entry.path())?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_escaping_paths() {
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "a\\..\\b", "./a"] {
            assert!(check_relative(bad).is_err(), "{bad}");
        }
        assert!(check_relative("book/why/index.html").is_ok());
    }

    #[test]
    fn failed_build_leaves_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let out = DiskOutput::begin(&target).unwrap();
        out.write("index.html", b"one").unwrap();
        out.commit().unwrap();
        let out = DiskOutput::begin(&target).unwrap();
        out.write("index.html", b"two").unwrap();
        out.abort();
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"one");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temp dirs left: {names:?}");
    }

    #[test]
    fn carried_folders_move_on_commit_and_stay_on_abort() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let out = DiskOutput::begin(&target).unwrap();
        out.write("v1/index.html", b"v1").unwrap();
        out.write("index.html", b"one").unwrap();
        out.commit().unwrap();

        let out = DiskOutput::begin(&target).unwrap();
        assert!(out.carry_over("v1").unwrap());
        assert!(!out.carry_over("v2").unwrap(), "nothing to carry");
        out.write("index.html", b"two").unwrap();
        out.abort();
        assert_eq!(std::fs::read(target.join("v1/index.html")).unwrap(), b"v1");

        let out = DiskOutput::begin(&target).unwrap();
        assert!(out.carry_over("v1").unwrap());
        out.write("index.html", b"two").unwrap();
        out.commit().unwrap();
        assert_eq!(std::fs::read(target.join("v1/index.html")).unwrap(), b"v1");
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_previous_output_left_aside_by_a_killed_commit_is_put_back() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let aside = dir.path().join(format!(".public{OLD_MARK}999"));
        std::fs::create_dir_all(&aside).unwrap();
        std::fs::write(aside.join("index.html"), b"previous").unwrap();
        let out = DiskOutput::begin(&target).unwrap();
        assert_eq!(
            std::fs::read(target.join("index.html")).unwrap(),
            b"previous"
        );
        out.abort();
        assert_eq!(
            std::fs::read(target.join("index.html")).unwrap(),
            b"previous"
        );
    }
}
