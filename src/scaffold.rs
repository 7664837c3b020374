//! scaffold (placeholder)
use std::path::{Path, PathBuf};

/// Why a scaffold could not be written.
#[derive(Debug)]
pub enum ScaffoldError {
    NotEmpty(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScaffoldError::NotEmpty(p) => write!(
                f,
                "{} is not empty; use --force to write into it anyway",
                p.display()
            ),
            ScaffoldError::Io(p, e) => write!(f, "cannot write {}: {e}", p.display()),
        }
    }
}

/// Writes a new site into `dir`.
pub fn init(dir: &Path, force: bool) -> Result<Vec<PathBuf>, ScaffoldError> {
    let _ = (dir, force);
    Ok(Vec::new())
}
