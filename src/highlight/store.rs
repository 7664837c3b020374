//! The highlighted blocks one `charter build` leaves for the next, in
//! `.charter-cache/highlight` under the site root. Highlighting is most of
//! a build without the search index, and a site's code barely changes from
//! one build to the next (a CI run that restores the cache, a writer's
//! rebuild): a block found here is not parsed again.
//!
//! A block's HTML depends only on its language, its text and the charter
//! binary (syntect's grammars and the highlighter are compiled in), so the
//! file is keyed by the binary: blocks written by another binary, or a
//! file that does not read whole, are not used. Blocks new to a build are
//! written as they are highlighted, to a temporary file that is renamed
//! over the old one at the end, with the old blocks the build used: a
//! build that stops half-way, or two at once, never leave half a file, and
//! a build that highlights nothing new writes nothing.

use hashbrown::{Equivalent, HashMap, HashSet};
use std::hash::{BuildHasher, Hash, Hasher};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// The file's name in the cache folder.
pub const FILE: &str = "highlight";

/// The file's first bytes; the number changes with its layout.
const MAGIC: &[u8] = b"charter-highlight 1\n";

/// One stored block: the syntax's name, the code, and its highlighted HTML.
pub type Block = (String, String, String);

/// The blocks a build started with, and those it adds.
pub struct BlockStore {
    path: PathBuf,
    identity: String,
    /// By syntax name and code; read-only once loaded, so lookups take no lock.
    stored: HashMap<(String, String), Stored>,
    fresh: Mutex<Fresh>,
}

struct Stored {
    html: Arc<str>,
    used: AtomicBool,
}

/// Blocks highlighted in this build, written as they come.
#[derive(Default)]
struct Fresh {
    /// The new file, opened with the first fresh block.
    out: Option<(PathBuf, std::io::BufWriter<std::fs::File>)>,
    /// Hashes of the blocks written, so a block is written once even when
    /// the in-memory memo has started over and highlighted it again.
    written: HashSet<u64>,
    /// Writing failed: nothing more is written, and the old file stays.
    failed: bool,
    /// The file was put in place: blocks highlighted later (pages a
    /// `serve` session redoes) are not kept.
    finished: bool,
}

/// A block looked up by borrowed names, hashed as its owned key is.
struct Lookup<'a>(&'a str, &'a str);

impl Hash for Lookup<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.0, self.1).hash(state);
    }
}

impl Equivalent<(String, String)> for Lookup<'_> {
    fn equivalent(&self, key: &(String, String)) -> bool {
        self.0 == key.0 && self.1 == key.1
    }
}

impl BlockStore {
    /// The store of the site whose cache folder is `cache_dir`, with the
    /// blocks this binary left there. `None` when the binary cannot say
    /// what it is (see [`binary_identity`]): then nothing is kept.
    pub fn open(cache_dir: &Path) -> Option<Self> {
        let identity = binary_identity()?;
        let path = cache_dir.join(FILE);
        let stored = read(&path, &identity)
            .into_iter()
            .map(|(syntax, code, html)| {
                let html = Stored {
                    html: html.into(),
                    used: AtomicBool::new(false),
                };
                ((syntax, code), html)
            })
            .collect();
        Some(BlockStore {
            path,
            identity,
            stored,
            fresh: Mutex::default(),
        })
    }

    /// The stored HTML of `code` in `syntax`, if a previous build left it.
    pub fn get(&self, syntax: &str, code: &str) -> Option<Arc<str>> {
        let block = self.stored.get(&Lookup(syntax, code))?;
        block.used.store(true, Ordering::Relaxed);
        Some(block.html.clone())
    }

    /// Keeps a block highlighted in this build for the next.
    pub fn add(&self, syntax: &str, code: &str, html: &str) {
        let hash = self.stored.hasher().hash_one(Lookup(syntax, code));
        // A poisoned lock only means a panic mid-write; the write then
        // failed or not, and the file is checked whole when read.
        let mut fresh = self.fresh.lock().unwrap_or_else(|e| e.into_inner());
        if fresh.failed || fresh.finished || !fresh.written.insert(hash) {
            return;
        }
        let written = match &mut fresh.out {
            Some((_, out)) => put_block(out, syntax, code, html),
            None => self.begin().and_then(|(temp, mut out)| {
                put_block(&mut out, syntax, code, html)?;
                fresh.out = Some((temp, out));
                Ok(())
            }),
        };
        if written.is_err() {
            fresh.failed = true;
        }
    }

    /// Opens the new file in the cache folder (made when missing), with the
    /// header.
    fn begin(&self) -> std::io::Result<(PathBuf, std::io::BufWriter<std::fs::File>)> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        crate::cache_dir::create(dir)?;
        let temp = dir.join(format!(".{FILE}.{}.tmp", std::process::id()));
        let mut out = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&temp)?);
        out.write_all(MAGIC)?;
        put(&mut out, &self.identity)?;
        Ok((temp, out))
    }

    /// How many stored blocks this build used.
    pub fn restored(&self) -> usize {
        self.used().count()
    }

    fn used(&self) -> impl Iterator<Item = (&(String, String), &Stored)> {
        self.stored
            .iter()
            .filter(|(_, b)| b.used.load(Ordering::Relaxed))
    }

    /// Puts the blocks of this build in place of the old file: those it
    /// highlighted and the stored ones it used. Nothing is written when it
    /// highlighted nothing new and used most of the stored blocks (the
    /// few it did not use stay until the file is written again).
    pub fn finish(&self) -> std::io::Result<()> {
        let mut fresh = self.fresh.lock().unwrap_or_else(|e| e.into_inner());
        if fresh.failed {
            return Err(std::io::Error::other("the highlight cache was not written"));
        }
        if std::mem::replace(&mut fresh.finished, true) {
            return Ok(());
        }
        let unused = self.stored.len() - self.restored();
        let (temp, mut out) = match fresh.out.take() {
            Some(open) => open,
            None if unused * 4 <= self.stored.len() => return Ok(()),
            None => self.begin()?,
        };
        let done = self
            .used()
            .try_for_each(|((syntax, code), b)| put_block(&mut out, syntax, code, &b.html))
            .and_then(|()| out.into_inner().map_err(|e| e.into_error()))
            .and_then(|file| file.sync_all())
            .and_then(|()| std::fs::rename(&temp, &self.path));
        if done.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        done
    }
}

/// What the stored HTML was made by: charter's version and this binary's
/// size and modification time (a rebuilt binary, even of the same version,
/// may highlight differently). `None` when the binary cannot be found, and
/// then nothing is stored.
pub fn binary_identity() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(exe).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!(
        "{} {} {}.{:09}",
        env!("CARGO_PKG_VERSION"),
        meta.len(),
        modified.as_secs(),
        modified.subsec_nanos()
    ))
}

/// The blocks stored at `path` by the binary `identity`; none when there
/// is no file, it was written by another binary, or it does not read whole
/// (a file the cache cannot use is rebuilt, never reported).
fn read(path: &Path, identity: &str) -> Vec<Block> {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| parse(&bytes, identity))
        .unwrap_or_default()
}

fn parse(bytes: &[u8], identity: &str) -> Option<Vec<Block>> {
    let mut reader = Reader {
        rest: bytes.strip_prefix(MAGIC)?,
    };
    if reader.text()? != identity {
        return None;
    }
    let mut blocks = Vec::new();
    while !reader.rest.is_empty() {
        blocks.push((reader.text()?, reader.text()?, reader.text()?));
    }
    Some(blocks)
}

/// Reads length-prefixed UTF-8 strings off the front of a byte slice.
struct Reader<'a> {
    rest: &'a [u8],
}

impl Reader<'_> {
    fn text(&mut self) -> Option<String> {
        let (len, rest) = self.rest.split_first_chunk::<4>()?;
        let len = usize::try_from(u32::from_le_bytes(*len)).ok()?;
        let (text, rest) = rest.split_at_checked(len)?;
        self.rest = rest;
        String::from_utf8(text.to_vec()).ok()
    }
}

fn put_block(
    out: &mut impl std::io::Write,
    syntax: &str,
    code: &str,
    html: &str,
) -> std::io::Result<()> {
    put(out, syntax)?;
    put(out, code)?;
    put(out, html)
}

fn put(out: &mut impl std::io::Write, text: &str) -> std::io::Result<()> {
    let len = u32::try_from(text.len())
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidInput, "block over 4 GiB"))?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLOCKS: [(&str, &str, &str); 3] = [
        (
            "Rust",
            "fn main() {}\n",
            "<span class=\"hl-source\">fn</span>",
        ),
        ("Python", "", ""),
        ("YAML", "é: ü\n", "é: ü\n"),
    ];

    fn store_in(dir: &Path) -> BlockStore {
        BlockStore::open(dir).unwrap()
    }

    fn file_names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_block_added_by_one_build_is_found_by_the_next() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join(".charter-cache");
        let first = store_in(&dir);
        for (syntax, code, html) in BLOCKS {
            assert_eq!(first.get(syntax, code), None);
            first.add(syntax, code, html);
            first.add(syntax, code, html); // once in the file
        }
        first.finish().unwrap();
        assert_eq!(file_names(&dir), [".gitignore", "CACHEDIR.TAG", FILE]);

        let second = store_in(&dir);
        assert_eq!(second.stored.len(), 3);
        for (syntax, code, html) in BLOCKS {
            assert_eq!(second.get(syntax, code).as_deref(), Some(html));
        }
        assert_eq!(second.get("Rust", "fn other() {}\n"), None);
        assert_eq!(second.restored(), 3);
        // Nothing new and every block used: the file is left as it is.
        let before = std::fs::metadata(dir.join(FILE))
            .unwrap()
            .modified()
            .unwrap();
        second.finish().unwrap();
        assert_eq!(
            std::fs::metadata(dir.join(FILE))
                .unwrap()
                .modified()
                .unwrap(),
            before
        );

        // A build that adds a block keeps it and the blocks it used, and
        // drops the one it did not use.
        let third = store_in(&dir);
        third.get("Rust", "fn main() {}\n").unwrap();
        third.add("C", "int x;\n", "<b>int</b> x;\n");
        third.finish().unwrap();
        let mut kept = read(&dir.join(FILE), &binary_identity().unwrap());
        kept.sort();
        let expected: Vec<Block> = [BLOCKS[0], ("C", "int x;\n", "<b>int</b> x;\n")]
            .iter()
            .map(|(s, c, h)| (s.to_string(), c.to_string(), h.to_string()))
            .rev()
            .collect();
        assert_eq!(kept, expected);
        assert_eq!(
            file_names(&dir),
            [".gitignore", "CACHEDIR.TAG", FILE],
            "no temporary file left"
        );
        // Blocks highlighted after the file was put in place are not kept,
        // and leave no file behind.
        third.add("C", "int y;\n", "int y;\n");
        third.finish().unwrap();
        assert_eq!(file_names(&dir), [".gitignore", "CACHEDIR.TAG", FILE]);
        assert_eq!(store_in(&dir).stored.len(), 2);
    }

    #[test]
    fn a_build_that_uses_few_stored_blocks_prunes_the_rest() {
        let root = tempfile::tempdir().unwrap();
        let first = store_in(root.path());
        for (syntax, code, html) in BLOCKS {
            first.add(syntax, code, html);
        }
        first.finish().unwrap();
        let second = store_in(root.path());
        second.get("YAML", "é: ü\n").unwrap();
        second.finish().unwrap();
        assert_eq!(store_in(root.path()).stored.len(), 1);
    }

    #[test]
    fn another_binary_s_blocks_are_not_used() {
        let root = tempfile::tempdir().unwrap();
        let first = store_in(root.path());
        first.add("Rust", "x\n", "x\n");
        first.finish().unwrap();
        let file = root.path().join(FILE);
        assert_eq!(read(&file, &binary_identity().unwrap()).len(), 1);
        assert!(read(&file, "charter 0.0.1 1 2.3").is_empty());
    }

    #[test]
    fn a_file_that_does_not_read_whole_is_not_used() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join(FILE);
        assert!(read(&file, "me").is_empty(), "no file");
        let mut whole = MAGIC.to_vec();
        put(&mut whole, "me").unwrap();
        for (syntax, code, html) in BLOCKS {
            put_block(&mut whole, syntax, code, html).unwrap();
        }
        let all = parse(&whole, "me").unwrap();
        assert_eq!(all.len(), 3);
        // Cut anywhere, the file gives nothing, or the blocks before the
        // cut (if it falls between two), never part of a block.
        for cut in 0..whole.len() {
            if let Some(some) = parse(&whole[..cut], "me") {
                assert!(all.starts_with(&some), "cut at {cut}: {some:?}");
            }
        }
        let mut bad = whole.clone();
        let at = bad.len() - 3;
        bad[at] = 0xff; // not UTF-8
        assert!(parse(&bad, "me").is_none());
        assert!(parse(b"garbage", "me").is_none());
        std::fs::write(&file, b"garbage").unwrap();
        assert!(store_in(root.path()).stored.is_empty());
    }

    #[test]
    fn the_binary_has_an_identity() {
        let identity = binary_identity().unwrap();
        assert!(
            identity.starts_with(env!("CARGO_PKG_VERSION")),
            "{identity}"
        );
    }
}
