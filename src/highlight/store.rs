//! The highlighted blocks one `charter build` (or `serve` session) leaves
//! for the next, in
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
const MAGIC: &[u8] = b"charter-highlight 2\n";

/// Record kinds after the header: a class attribute's value (numbered in
/// the order they come), or a block (syntax, code, packed HTML).
const CLASS_RECORD: u8 = 0;
const BLOCK_RECORD: u8 = 1;

/// The blocks a build started with, and those it adds.
pub struct BlockStore {
    path: PathBuf,
    identity: String,
    /// By syntax name and code; read-only once loaded, so lookups take no lock.
    stored: HashMap<(String, String), Stored>,
    /// The class attributes the stored blocks' spans name, by number.
    classes: Vec<Box<str>>,
    fresh: Mutex<Fresh>,
}

struct Stored {
    /// The HTML as [`pack`] writes it: about a sixth of its size.
    packed: Box<[u8]>,
    used: AtomicBool,
}

/// Blocks highlighted in this build, written as they come.
#[derive(Default)]
struct Fresh {
    /// The new file, opened with the first fresh block.
    out: Option<(PathBuf, std::io::BufWriter<std::fs::File>)>,
    /// The new file's numbers for the class attributes written so far.
    classes: HashMap<String, u32>,
    /// Hashes of the blocks written, so a block is written once even when
    /// the in-memory memo has started over and highlighted it again.
    written: HashSet<u64>,
    /// Writing failed: nothing more is written, and the old file stays.
    failed: bool,
    /// The file was put in place, or the store only lends its blocks:
    /// blocks highlighted now (pages a `serve` session redoes) are not kept.
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
    /// blocks this binary left there; a store that is not `writable` only
    /// lends them (`charter check` writes nothing). `None` when the binary
    /// cannot say what it is (see [`binary_identity`]): then nothing is
    /// kept.
    pub fn open(cache_dir: &Path, writable: bool) -> Option<Self> {
        let identity = binary_identity()?;
        let path = cache_dir.join(FILE);
        let (classes, blocks) = std::fs::read(&path)
            .ok()
            .and_then(|bytes| parse(&bytes, &identity))
            .unwrap_or_default();
        let stored = blocks
            .into_iter()
            .map(|(syntax, code, packed)| {
                let used = AtomicBool::new(false);
                ((syntax, code), Stored { packed, used })
            })
            .collect();
        let fresh = Fresh {
            finished: !writable,
            ..Fresh::default()
        };
        Some(BlockStore {
            path,
            identity,
            stored,
            classes,
            fresh: Mutex::new(fresh),
        })
    }

    /// The stored HTML of `code` in `syntax`, if a previous build left it.
    /// The HTML must be the code, escaped, in spans and nothing else: a
    /// block that does not unpack, or that would put other text or markup
    /// in the page (a file made by hand), is highlighted again.
    pub fn get(&self, syntax: &str, code: &str) -> Option<Arc<str>> {
        let block = self.stored.get(&Lookup(syntax, code))?;
        if text_of(&block.packed)? != crate::html::escape(code).as_bytes() {
            return None;
        }
        let html = unpack(&block.packed, &self.classes)?;
        block.used.store(true, Ordering::Relaxed);
        Some(html.into())
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
        if fresh.out.is_none() {
            match self.begin() {
                Ok(open) => fresh.out = Some(open),
                Err(_) => {
                    fresh.failed = true;
                    return;
                }
            }
        }
        if fresh.write_block(syntax, code, html).is_err() {
            fresh.failed = true;
        }
    }

    /// Opens the new file in the cache folder (made when missing), with the
    /// header.
    fn begin(&self) -> std::io::Result<(PathBuf, std::io::BufWriter<std::fs::File>)> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        crate::cache_dir::create(dir)?;
        remove_abandoned(dir);
        let temp = dir.join(format!(".{FILE}.{}.tmp", std::process::id()));
        let mut out = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&temp)?);
        out.write_all(MAGIC)?;
        put(&mut out, self.identity.as_bytes())?;
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
        if fresh.out.is_none() {
            if unused * 4 <= self.stored.len() {
                return Ok(());
            }
            fresh.out = Some(self.begin()?);
        }
        let mut done = Ok(());
        for ((syntax, code), block) in self.used() {
            // Used, so it unpacked.
            if let Some(html) = unpack(&block.packed, &self.classes) {
                done = fresh.write_block(syntax, code, &html);
                if done.is_err() {
                    break;
                }
            }
        }
        let Some((temp, out)) = fresh.out.take() else {
            return done;
        };
        let done = done
            .and_then(|()| out.into_inner().map_err(|e| e.into_error()))
            // Not synced to disk: waiting for the file to reach the disk
            // would cost a large site's build, and a file cut short by a
            // crash is only a cache that does not read whole.
            .and_then(|_| std::fs::rename(&temp, &self.path));
        if done.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        done
    }
}

impl Fresh {
    /// Writes a block to the open file, after the classes it names first.
    fn write_block(&mut self, syntax: &str, code: &str, html: &str) -> std::io::Result<()> {
        let Some((_, out)) = &mut self.out else {
            return Ok(());
        };
        let mut new_classes = Vec::new();
        let packed = pack(html, &mut |class| {
            let next = u32::try_from(self.classes.len()).unwrap_or(u32::MAX);
            *self.classes.entry_ref(class).or_insert_with(|| {
                new_classes.push(class.to_string());
                next
            })
        });
        // What `get` checks a stored block against.
        debug_assert_eq!(
            text_of(&packed),
            Some(crate::html::escape(code).into_bytes()),
            "the highlighter writes the code, escaped, in spans"
        );
        for class in new_classes {
            out.write_all(&[CLASS_RECORD])?;
            put(out, class.as_bytes())?;
        }
        out.write_all(&[BLOCK_RECORD])?;
        put(out, syntax.as_bytes())?;
        put(out, code.as_bytes())?;
        put(out, &packed)
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

/// Removes the temporary files of builds that were killed before they
/// renamed theirs into place: those not written for a while (a build
/// writing one at this moment touches it with every block).
fn remove_abandoned(dir: &Path) {
    const ABANDONED: std::time::Duration = std::time::Duration::from_secs(600);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let temporary = name.starts_with(&format!(".{FILE}.")) && name.ends_with(".tmp");
        let old = || {
            let modified = entry.metadata().and_then(|m| m.modified()).ok();
            modified
                .and_then(|at| at.elapsed().ok())
                .is_some_and(|age| age > ABANDONED)
        };
        if temporary && old() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A stored block: the syntax's name, the code, and its packed HTML.
type PackedBlock = (String, String, Box<[u8]>);

/// The class table and blocks of a file written by the binary `identity`;
/// `None` when it was written by another binary or does not read whole (a
/// file the cache cannot use is rebuilt, never reported).
fn parse(bytes: &[u8], identity: &str) -> Option<(Vec<Box<str>>, Vec<PackedBlock>)> {
    let mut reader = Reader {
        rest: bytes.strip_prefix(MAGIC)?,
    };
    if reader.bytes()? != identity.as_bytes() {
        return None;
    }
    let (mut classes, mut blocks) = (Vec::new(), Vec::new());
    while let Some((&kind, rest)) = reader.rest.split_first() {
        reader.rest = rest;
        match kind {
            CLASS_RECORD => {
                // Written inside an attribute's quotes as it is.
                let class = reader.text()?;
                if class.contains(['"', '&', '<', '>']) {
                    return None;
                }
                classes.push(class.into());
            }
            BLOCK_RECORD => blocks.push((reader.text()?, reader.text()?, reader.bytes()?.into())),
            _ => return None,
        }
    }
    Some((classes, blocks))
}

/// Reads length-prefixed fields off the front of a byte slice.
struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let (len, rest) = self.rest.split_first_chunk::<4>()?;
        let len = usize::try_from(u32::from_le_bytes(*len)).ok()?;
        let (bytes, rest) = rest.split_at_checked(len)?;
        self.rest = rest;
        Some(bytes)
    }

    fn text(&mut self) -> Option<String> {
        String::from_utf8(self.bytes()?.to_vec()).ok()
    }
}

fn put(out: &mut impl std::io::Write, bytes: &[u8]) -> std::io::Result<()> {
    let len = u32::try_from(bytes.len())
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidInput, "block over 4 GiB"))?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(bytes)
}

/// In packed HTML: a span's start tag (the number of its class attribute
/// follows, LEB128), its end tag, and a byte below [`LITERAL`] that was in
/// the HTML itself (it follows).
const OPEN: u8 = 1;
const CLOSE: u8 = 2;
const LITERAL: u8 = 3;
const SPAN_OPEN: &str = "<span class=\"";
const SPAN_CLOSE: &str = "</span>";

/// `html` with each `<span class="…">` and `</span>` written as a byte or
/// two: the highlighter's spans are nine tenths of a block's HTML.
/// `class_number` numbers each class attribute's value. [`unpack`] gives
/// back the same string for any input.
fn pack(html: &str, class_number: &mut impl FnMut(&str) -> u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len() / 4);
    let mut rest = html;
    loop {
        // A byte below LITERAL is rare (code with control characters):
        // looked for only before the next tag.
        let bytes = rest.as_bytes();
        let tag = memchr::memchr(b'<', bytes).unwrap_or(bytes.len());
        let at = memchr::memchr3(OPEN, CLOSE, LITERAL, &bytes[..tag]).unwrap_or(tag);
        out.extend_from_slice(&rest.as_bytes()[..at]);
        rest = &rest[at..];
        let Some(first) = rest.bytes().next() else {
            return out;
        };
        if let Some((class, after)) = rest
            .strip_prefix(SPAN_OPEN)
            .and_then(|tag| tag.split_once('"'))
            .and_then(|(class, after)| Some((class, after.strip_prefix('>')?)))
        {
            out.push(OPEN);
            leb128(class_number(class), &mut out);
            rest = after;
        } else if let Some(after) = rest.strip_prefix(SPAN_CLOSE) {
            out.push(CLOSE);
            rest = after;
        } else {
            if first != b'<' {
                out.push(LITERAL);
            }
            out.push(first);
            rest = &rest[1..];
        }
    }
}

fn leb128(mut n: u32, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push((n & 0x7f) as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The pieces of packed HTML, in order.
enum Piece<'a> {
    Text(&'a [u8]),
    /// A span's start tag, with the number of its class attribute.
    Open(usize),
    Close,
}

/// Calls `each` with the pieces of `packed`; `None` when the bytes are
/// not something [`pack`] wrote.
fn for_each_piece(packed: &[u8], mut each: impl FnMut(Piece<'_>)) -> Option<()> {
    let mut rest = packed;
    while !rest.is_empty() {
        let at = memchr::memchr3(OPEN, CLOSE, LITERAL, rest).unwrap_or(rest.len());
        each(Piece::Text(&rest[..at]));
        let Some((&mark, after)) = rest[at..].split_first() else {
            break;
        };
        rest = after;
        match mark {
            OPEN => {
                let mut number = 0u32;
                let mut shift = 0;
                loop {
                    let (&byte, after) = rest.split_first()?;
                    rest = after;
                    number |= u32::from(byte & 0x7f).checked_shl(shift)?;
                    shift += 7;
                    if byte < 0x80 {
                        break;
                    }
                }
                each(Piece::Open(usize::try_from(number).ok()?));
            }
            CLOSE => each(Piece::Close),
            _ => {
                let (byte, after) = rest.split_at_checked(1)?;
                each(Piece::Text(byte));
                rest = after;
            }
        }
    }
    Some(())
}

/// The text of packed HTML, outside its spans' tags.
fn text_of(packed: &[u8]) -> Option<Vec<u8>> {
    let mut text = Vec::with_capacity(packed.len());
    for_each_piece(packed, |piece| {
        if let Piece::Text(bytes) = piece {
            text.extend_from_slice(bytes);
        }
    })?;
    Some(text)
}

/// The HTML [`pack`] packed, with `classes` by number; `None` when the
/// bytes are not something it wrote.
fn unpack(packed: &[u8], classes: &[Box<str>]) -> Option<String> {
    let mut out = Vec::with_capacity(packed.len() * 8);
    let mut missing = false;
    for_each_piece(packed, |piece| match piece {
        Piece::Text(bytes) => out.extend_from_slice(bytes),
        Piece::Open(number) => match classes.get(number) {
            Some(class) => {
                out.extend_from_slice(SPAN_OPEN.as_bytes());
                out.extend_from_slice(class.as_bytes());
                out.extend_from_slice(b"\">");
            }
            None => missing = true,
        },
        Piece::Close => out.extend_from_slice(SPAN_CLOSE.as_bytes()),
    })?;
    if missing {
        return None;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLOCKS: [(&str, &str, &str); 3] = [
        (
            "Rust",
            "fn main() {}\n",
            "<span class=\"hl-source hl-rust\"><span class=\"hl-storage\">fn</span> main() {}\n</span>",
        ),
        ("Python", "", ""),
        ("YAML", "é: ü\n", "é: ü\n"),
    ];

    fn store_in(dir: &Path) -> BlockStore {
        BlockStore::open(dir, true).unwrap()
    }

    /// The blocks of the file in `dir` (syntax, code, HTML), sorted.
    fn kept(dir: &Path) -> Vec<(String, String, String)> {
        let store = store_in(dir);
        let mut blocks: Vec<_> = store
            .stored
            .iter()
            .map(|((syntax, code), b)| {
                let html = unpack(&b.packed, &store.classes).unwrap();
                (syntax.clone(), code.clone(), html)
            })
            .collect();
        blocks.sort();
        blocks
    }

    fn owned(blocks: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
        let mut owned: Vec<_> = blocks
            .iter()
            .map(|(s, c, h)| (s.to_string(), c.to_string(), h.to_string()))
            .collect();
        owned.sort();
        owned
    }

    /// A build that highlighted [`BLOCKS`], each twice (a memo that
    /// started over), into the cache folder `dir`.
    fn store_all(dir: &Path) {
        let store = store_in(dir);
        for (syntax, code, html) in BLOCKS {
            assert_eq!(store.get(syntax, code), None);
            store.add(syntax, code, html);
            store.add(syntax, code, html); // once in the file
        }
        store.finish().unwrap();
    }

    /// The bytes of the file [`store_all`] writes in `dir`.
    fn stored_file(dir: &Path) -> Vec<u8> {
        store_all(dir);
        std::fs::read(dir.join(FILE)).unwrap()
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
        store_all(&dir);
        assert_eq!(file_names(&dir), [".gitignore", "CACHEDIR.TAG", FILE]);
        assert_eq!(kept(&dir), owned(&BLOCKS));

        let second = store_in(&dir);
        for (syntax, code, html) in BLOCKS {
            assert_eq!(second.get(syntax, code).as_deref(), Some(html));
        }
        assert_eq!(second.get("Rust", "fn other() {}\n"), None);
        assert_eq!(second.restored(), 3);
        // Nothing new and every block used: the file is left as it is.
        let before = std::fs::read(dir.join(FILE)).unwrap();
        second.finish().unwrap();
        assert_eq!(std::fs::read(dir.join(FILE)).unwrap(), before);

        // A build that adds a block keeps it and the blocks it used, and
        // drops the ones it did not use.
        let third = store_in(&dir);
        third.get("Rust", "fn main() {}\n").unwrap();
        let c = (
            "C",
            "int x;\n",
            "<span class=\"hl-storage\">int</span> x;\n",
        );
        third.add(c.0, c.1, c.2);
        third.finish().unwrap();
        assert_eq!(kept(&dir), owned(&[BLOCKS[0], c]));
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
        assert_eq!(kept(&dir).len(), 2);
    }

    #[test]
    fn a_killed_build_s_temporary_file_is_removed_once_abandoned() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path();
        let abandoned = dir.join(format!(".{FILE}.1.tmp"));
        let recent = dir.join(format!(".{FILE}.2.tmp"));
        for file in [&abandoned, &recent] {
            std::fs::write(file, b"half a file").unwrap();
        }
        let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&abandoned)
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
        store_all(dir);
        assert!(!abandoned.exists());
        assert!(recent.exists(), "another build may be writing it");
    }

    #[test]
    fn a_read_only_store_lends_its_blocks_and_writes_nothing() {
        let root = tempfile::tempdir().unwrap();
        let empty = BlockStore::open(root.path(), false).unwrap();
        empty.add("Rust", "x\n", "x\n");
        empty.finish().unwrap();
        assert!(file_names(root.path()).is_empty(), "nothing written");

        store_all(root.path());
        let before = std::fs::read(root.path().join(FILE)).unwrap();
        let lending = BlockStore::open(root.path(), false).unwrap();
        assert!(lending.get("YAML", "é: ü\n").is_some());
        lending.add("Rust", "y\n", "y\n");
        lending.finish().unwrap();
        assert_eq!(std::fs::read(root.path().join(FILE)).unwrap(), before);
    }

    #[test]
    fn a_build_that_uses_few_stored_blocks_prunes_the_rest() {
        let root = tempfile::tempdir().unwrap();
        store_all(root.path());
        let second = store_in(root.path());
        second.get("YAML", "é: ü\n").unwrap();
        second.finish().unwrap();
        assert_eq!(kept(root.path()), owned(&BLOCKS[2..]));
    }

    #[test]
    fn another_binary_s_blocks_are_not_used() {
        let root = tempfile::tempdir().unwrap();
        let first = store_in(root.path());
        first.add("Rust", "x\n", "x\n");
        first.finish().unwrap();
        let bytes = std::fs::read(root.path().join(FILE)).unwrap();
        assert!(parse(&bytes, &binary_identity().unwrap()).is_some());
        assert!(parse(&bytes, "charter 0.0.1 1 2.3").is_none());
    }

    #[test]
    fn a_file_that_does_not_read_whole_is_not_used() {
        let root = tempfile::tempdir().unwrap();
        let whole = stored_file(root.path());
        let me = binary_identity().unwrap();
        let (_, all) = parse(&whole, &me).unwrap();
        assert_eq!(all.len(), 3);
        // Cut anywhere, the file gives nothing, or the blocks before the
        // cut (if it falls between two), never part of a block.
        for cut in 0..whole.len() {
            if let Some((_, some)) = parse(&whole[..cut], &me) {
                assert!(all.starts_with(&some), "cut at {cut}: {some:?}");
            }
        }
        let mut bad = whole.clone();
        let at = whole.len() - 8;
        bad[at] = 0xff; // not UTF-8
        assert!(parse(&bad, &me).is_none());
        assert!(parse(b"garbage", &me).is_none());
        std::fs::write(root.path().join(FILE), b"garbage").unwrap();
        assert!(store_in(root.path()).stored.is_empty());
    }

    /// A file written by hand (a pull request that adds one, say) cannot
    /// put markup or text in a page: a block's HTML must be its code,
    /// escaped, in spans, and a class cannot leave its attribute.
    #[test]
    fn a_stored_block_is_its_code_in_spans_or_is_not_used() {
        let root = tempfile::tempdir().unwrap();
        let forged = |class: &str, code: &str, packed: &[u8]| {
            let mut file = MAGIC.to_vec();
            put(&mut file, binary_identity().unwrap().as_bytes()).unwrap();
            file.push(CLASS_RECORD);
            put(&mut file, class.as_bytes()).unwrap();
            file.push(BLOCK_RECORD);
            put(&mut file, b"Rust").unwrap();
            put(&mut file, code.as_bytes()).unwrap();
            put(&mut file, packed).unwrap();
            std::fs::write(root.path().join(FILE), file).unwrap();
            store_in(root.path()).get("Rust", code)
        };
        let mut spans = vec![OPEN, 0];
        spans.extend_from_slice(b"a &lt; b");
        spans.push(CLOSE);
        assert_eq!(
            forged("hl-x", "a < b", &spans).as_deref(),
            Some("<span class=\"hl-x\">a &lt; b</span>"),
            "a well-formed block is used"
        );
        assert_eq!(forged("hl-x", "a", b"<script>alert(1)</script>a"), None);
        assert_eq!(forged("hl-x", "a < b", b"a < b"), None, "unescaped");
        assert_eq!(forged("hl-x", "a", b"b"), None, "other text");
        assert_eq!(
            forged("x\" onclick=\"alert(1)", "a", &[OPEN, 0, b'a', CLOSE]),
            None
        );
    }

    #[test]
    fn packed_html_unpacks_to_the_same_string() {
        let mut classes: Vec<Box<str>> = Vec::new();
        let packed_with = |html: &str, classes: &mut Vec<Box<str>>| {
            pack(html, &mut |class| {
                let at = classes.iter().position(|c| &**c == class);
                at.unwrap_or_else(|| {
                    classes.push(class.into());
                    classes.len() - 1
                }) as u32
            })
        };
        let mut rng = crate::test_rng::Rng(11);
        let pieces = [
            "<span class=\"hl-a\">",
            "<span class=\"hl-b hl-c\">",
            "</span>",
            "<span class=\"",
            "<span class=\"x\"",
            "<span class=\"\">",
            "</span",
            "<",
            ">",
            "\"",
            "\u{1}",
            "\u{2}",
            "\u{3}",
            "\u{0}",
            "&lt;",
            "é",
            "字",
            "fn main() {}",
            "\n",
        ];
        let mut packed = Vec::new();
        for _ in 0..3_000 {
            let html: String = (0..rng.below(12)).map(|_| rng.pick(&pieces)).collect();
            packed.push((packed_with(&html, &mut classes), html));
        }
        for (i, span) in (0..300).map(|i| (i, format!("<span class=\"c{i}\">x</span>"))) {
            packed.push((packed_with(&span, &mut classes), span));
            assert!(classes.len() > i, "every class numbered");
        }
        for (bytes, html) in packed {
            assert_eq!(unpack(&bytes, &classes).as_deref(), Some(html.as_str()));
        }
        let spans = BLOCKS[0].2;
        let packed_spans = packed_with(spans, &mut classes);
        assert!(
            packed_spans.len() * 3 < spans.len(),
            "{packed_spans:?}: spans take a byte or two"
        );
        assert_eq!(unpack(&[OPEN, 0xff], &classes), None, "a number cut short");
        assert_eq!(unpack(&[OPEN, 0x7f], &[]), None, "a class not in the table");
    }

    /// Whatever the file holds, reading it never panics: random bytes,
    /// and a real file with random bytes changed.
    #[test]
    fn any_bytes_read_without_a_panic() {
        let root = tempfile::tempdir().unwrap();
        let whole = stored_file(root.path());
        let me = binary_identity().unwrap();
        let mut rng = crate::test_rng::Rng(5);
        for round in 0..20_000 {
            let bytes: Vec<u8> = if round % 2 == 0 {
                (0..rng.below(64)).map(|_| rng.next() as u8).collect()
            } else {
                let mut bytes = whole.clone();
                for _ in 0..=rng.below(4) {
                    let at = rng.below(bytes.len());
                    bytes[at] = rng.next() as u8;
                }
                bytes
            };
            if let Some((classes, blocks)) = parse(&bytes, &me) {
                for (_, _, packed) in blocks {
                    let _ = unpack(&packed, &classes);
                    let _ = text_of(&packed);
                }
            }
            let _ = unpack(&bytes, &[]);
            let _ = text_of(&bytes);
        }
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
