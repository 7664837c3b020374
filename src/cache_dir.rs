//! The site's cache folder, `.charter-cache/` in the site root: its name,
//! and making it so that git and backup tools leave it alone. What goes in
//! it belongs to its users: the version cache (`versions::cache`) and the
//! highlighted blocks (`highlight::store`). `charter clean` removes it.

use std::path::{Path, PathBuf};

/// The cache folder's name in the site root.
pub const CACHE_DIR: &str = ".charter-cache";

/// The cache folder of the site at `root`.
pub fn path(root: &Path) -> PathBuf {
    root.join(CACHE_DIR)
}

/// Makes the cache folder `dir` (and its parents) if it is missing, with a
/// `.gitignore` that ignores all of it, so that a site whose own
/// `.gitignore` predates the cache never commits it, and a `CACHEDIR.TAG`
/// that backup tools skip, as cargo's `target/` has.
pub fn create(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let gitignore = dir.join(".gitignore");
    if !gitignore.exists() {
        std::fs::write(
            gitignore,
            "# Made by charter: a cache, rebuilt when missing.\n*\n",
        )?;
    }
    let tag = dir.join("CACHEDIR.TAG");
    if !tag.exists() {
        std::fs::write(
            tag,
            "Signature: 8a477f597d28d172789f06886806bc55\n\
             # This file marks charter's cache folder (see https://bford.info/cachedir/).\n",
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_is_ignored_by_git_and_tagged() {
        let root = tempfile::tempdir().unwrap();
        let dir = path(root.path());
        create(&dir).unwrap();
        let ignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
        assert!(ignore.lines().any(|l| l == "*"), "{ignore}");
        let tag = std::fs::read_to_string(dir.join("CACHEDIR.TAG")).unwrap();
        assert!(tag.starts_with("Signature: 8a477f597d28d172789f06886806bc55"));
        // Again, with the folder there: nothing changes, nothing fails.
        create(&dir).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join(".gitignore")).unwrap(),
            ignore
        );
    }
}
