//! Git access for versions, behind a small trait so tests and other hosts
//! can stand in: listing refs, resolving their trees, and exporting a tree's
//! files without checking it out (one `git ls-tree` and one
//! `git cat-file --batch` per tree, never one process per file).

use std::io::{BufRead, BufReader, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

/// What went wrong talking to git.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GitError {
    /// The `git` program is not installed.
    Missing,
    /// The site root is not inside a git work tree.
    NotARepository,
    /// Anything else, with git's message.
    Failed(String),
}

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GitError::Missing => write!(f, "git is not installed"),
            GitError::NotARepository => write!(f, "not a git repository"),
            GitError::Failed(msg) => write!(f, "{msg}"),
        }
    }
}

/// A tag or branch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GitRef {
    /// `v1.0`, `main` (without `refs/tags/` or `refs/heads/`).
    pub short: String,
    /// `refs/tags/v1.0`.
    pub full: String,
}

/// The git operations versions need.
pub trait Repository {
    /// Tags and local branches, plus `origin`'s branches that have no local
    /// branch of the same name (CI checkouts have only those).
    fn refs(&self) -> Result<Vec<GitRef>, GitError>;
    /// The tree id of the site root's folder at each ref, in order.
    fn trees(&self, refs: &[GitRef]) -> Vec<Result<String, GitError>>;
    /// Writes every file of `tree` under `dest` (which must not exist yet).
    fn export(&self, tree: &str, dest: &Path) -> Result<(), GitError>;
}

/// The `git` command, run in the site root.
pub struct GitCli {
    root: PathBuf,
}

impl GitCli {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        GitCli { root: root.into() }
    }

    fn run(&self, args: &[&str]) -> Result<Vec<u8>, GitError> {
        let out = Command::new("git")
            .args(args)
            .current_dir(&self.root)
            .stdin(Stdio::null())
            .output()
            .map_err(spawn_error)?;
        if out.status.success() {
            Ok(out.stdout)
        } else {
            Err(failure(&out.stderr))
        }
    }

    /// The site root's path inside the repository (`docs/`, or empty).
    fn prefix(&self) -> Result<String, GitError> {
        let out = self.run(&["rev-parse", "--show-prefix"])?;
        Ok(String::from_utf8_lossy(&out).trim().to_string())
    }
}

fn spawn_error(e: std::io::Error) -> GitError {
    match e.kind() {
        std::io::ErrorKind::NotFound => GitError::Missing,
        _ => GitError::Failed(e.to_string()),
    }
}

fn failure(stderr: &[u8]) -> GitError {
    let msg = String::from_utf8_lossy(stderr).trim().to_string();
    if msg.to_lowercase().contains("not a git repository") {
        GitError::NotARepository
    } else {
        GitError::Failed(msg)
    }
}

impl Repository for GitCli {
    fn refs(&self) -> Result<Vec<GitRef>, GitError> {
        let out = self.run(&[
            "for-each-ref",
            "--format=%(refname)",
            "refs/tags",
            "refs/heads",
            "refs/remotes/origin",
        ])?;
        Ok(parse_refs(&String::from_utf8_lossy(&out)))
    }

    fn trees(&self, refs: &[GitRef]) -> Vec<Result<String, GitError>> {
        if refs.is_empty() {
            return Vec::new();
        }
        let prefix = match self.prefix() {
            Ok(p) => p,
            Err(e) => return refs.iter().map(|_| Err(e.clone())).collect(),
        };
        let specs: Vec<String> = refs
            .iter()
            .map(|r| format!("{}^{{commit}}:{prefix}", r.full))
            .collect();
        let mut args = vec!["rev-parse"];
        args.extend(specs.iter().map(String::as_str));
        if let Ok(out) = self.run(&args) {
            let trees: Vec<String> = String::from_utf8_lossy(&out)
                .lines()
                .map(str::to_string)
                .collect();
            if trees.len() == refs.len() {
                return trees.into_iter().map(Ok).collect();
            }
        }
        // One of them failed (e.g. the site's folder is younger than a tag):
        // ask one by one to know which.
        specs
            .iter()
            .map(|spec| {
                self.run(&["rev-parse", "--verify", "--quiet", spec])
                    .map(|out| String::from_utf8_lossy(&out).trim().to_string())
                    .map_err(|e| match e {
                        GitError::Failed(_) => {
                            GitError::Failed(format!("`{spec}` is not a folder in git"))
                        }
                        other => other,
                    })
            })
            .collect()
    }

    fn export(&self, tree: &str, dest: &Path) -> Result<(), GitError> {
        let listing = self.run(&["ls-tree", "-r", "-z", "--full-tree", tree])?;
        let files = parse_ls_tree(&listing);
        std::fs::create_dir_all(dest).map_err(|e| io_failure(dest, e))?;
        if files.is_empty() {
            return Ok(());
        }
        let mut child = Command::new("git")
            .args(["cat-file", "--batch"])
            .current_dir(&self.root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(spawn_error)?;
        let mut stdin = child
            .stdin
            .take()
            .ok_or_else(|| GitError::Failed("no stdin for git cat-file".into()))?;
        let ids: Vec<u8> = files
            .iter()
            .flat_map(|f| format!("{}\n", f.id).into_bytes())
            .collect();
        // Feed the ids from a thread: git answers while it reads, and both
        // pipes filling up would otherwise deadlock.
        let feeder = std::thread::spawn(move || {
            let _ = stdin.write_all(&ids);
        });
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| GitError::Failed("no stdout for git cat-file".into()))?;
        let result = write_blobs(BufReader::new(stdout), &files, dest);
        let _ = feeder.join();
        let _ = child.wait();
        result
    }
}

fn io_failure(path: &Path, e: std::io::Error) -> GitError {
    GitError::Failed(format!("cannot write {}: {e}", path.display()))
}

/// Full refnames, one a line → refs named by their short names. A remote
/// branch counts only when no tag or local branch has its name.
pub fn parse_refs(text: &str) -> Vec<GitRef> {
    let mut refs: Vec<GitRef> = Vec::new();
    let mut remote: Vec<GitRef> = Vec::new();
    for full in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (short, is_remote) = if let Some(s) = full.strip_prefix("refs/tags/") {
            (s, false)
        } else if let Some(s) = full.strip_prefix("refs/heads/") {
            (s, false)
        } else if let Some(s) = full.strip_prefix("refs/remotes/origin/") {
            (s, true)
        } else {
            continue;
        };
        if short == "HEAD" {
            continue;
        }
        let r = GitRef {
            short: short.to_string(),
            full: full.to_string(),
        };
        if is_remote {
            remote.push(r);
        } else {
            refs.push(r);
        }
    }
    for r in remote {
        if !refs
            .iter()
            .any(|l| l.short == r.short && l.full.starts_with("refs/heads/"))
        {
            refs.push(r);
        }
    }
    refs
}

/// One blob of a tree listing.
#[derive(Debug, PartialEq, Eq)]
struct TreeFile {
    id: String,
    path: PathBuf,
}

/// `git ls-tree -r -z` output → regular files with safe relative paths.
/// Symlinks and submodules are left out: a link could lead out of the tree.
fn parse_ls_tree(listing: &[u8]) -> Vec<TreeFile> {
    listing
        .split(|&b| b == 0)
        .filter_map(|entry| {
            let entry = std::str::from_utf8(entry).ok()?;
            let (meta, path) = entry.split_once('\t')?;
            let mut parts = meta.split(' ');
            let mode = parts.next()?;
            let kind = parts.next()?;
            let id = parts.next()?;
            if kind != "blob" || !(mode == "100644" || mode == "100755") {
                return None;
            }
            let path = PathBuf::from(path);
            let safe = path.components().all(|c| matches!(c, Component::Normal(_)));
            safe.then(|| TreeFile {
                id: id.to_string(),
                path,
            })
        })
        .collect()
}

/// Reads `git cat-file --batch` answers (`<id> blob <size>\n<bytes>\n`) in
/// the order of `files` and writes each under `dest`.
fn write_blobs(mut out: impl BufRead, files: &[TreeFile], dest: &Path) -> Result<(), GitError> {
    for file in files {
        let mut header = String::new();
        out.read_line(&mut header)
            .map_err(|e| GitError::Failed(format!("reading git cat-file: {e}")))?;
        let size: usize = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| {
                GitError::Failed(format!(
                    "git cat-file: unexpected answer `{}` for {}",
                    header.trim(),
                    file.path.display()
                ))
            })?;
        let mut bytes = vec![0; size];
        out.read_exact(&mut bytes)
            .map_err(|e| GitError::Failed(format!("reading git cat-file: {e}")))?;
        let mut newline = [0u8; 1];
        out.read_exact(&mut newline)
            .map_err(|e| GitError::Failed(format!("reading git cat-file: {e}")))?;
        let path = dest.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_failure(parent, e))?;
        }
        std::fs::write(&path, &bytes).map_err(|e| io_failure(&path, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_prefer_local_branches_over_remote_ones() {
        let refs = parse_refs(
            "refs/heads/main\nrefs/remotes/origin/HEAD\nrefs/remotes/origin/main\n\
             refs/remotes/origin/release\nrefs/tags/v1.0\nrefs/notes/x\n",
        );
        let short: Vec<&str> = refs.iter().map(|r| r.short.as_str()).collect();
        assert_eq!(short, ["main", "v1.0", "release"]);
        assert_eq!(refs[2].full, "refs/remotes/origin/release");
    }

    #[test]
    fn ls_tree_keeps_regular_files_with_safe_paths() {
        let listing = [
            "100644 blob aaa\tbook/01-why.md",
            "100755 blob bbb\tscripts/x",
            "120000 blob ccc\tlink",
            "160000 commit ddd\tsub",
            "100644 blob eee\t../escape",
            "",
        ]
        .join("\0");
        let listing = listing.as_bytes();
        let files = parse_ls_tree(listing);
        assert_eq!(
            files,
            vec![
                TreeFile {
                    id: "aaa".into(),
                    path: "book/01-why.md".into()
                },
                TreeFile {
                    id: "bbb".into(),
                    path: "scripts/x".into()
                },
            ]
        );
    }

    #[test]
    fn batch_answers_become_files() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![
            TreeFile {
                id: "a".into(),
                path: "x/one.md".into(),
            },
            TreeFile {
                id: "b".into(),
                path: "two.md".into(),
            },
        ];
        let answers = b"a blob 3\nabc\nb blob 0\n\n";
        write_blobs(&answers[..], &files, dir.path()).unwrap();
        assert_eq!(std::fs::read(dir.path().join("x/one.md")).unwrap(), b"abc");
        assert_eq!(std::fs::read(dir.path().join("two.md")).unwrap(), b"");
        let short = b"a blob 30\nabc";
        assert!(write_blobs(&short[..], &files, dir.path()).is_err());
    }
}
