//! Charter: a stemmer that remembers the stems it made and the indexable
//! forms of the words it has seen.
//!
//! Pagefind works out every word of every page afresh: normalizing,
//! splitting compounds, stemming. A site repeats its words (a 3,000-word
//! page has a few hundred distinct ones, and pages share most of them), and
//! this was about a tenth of a charter build's CPU. Each thread keeps what
//! it learned per language; the stemmer for a page takes it and hands it
//! back when the page is done, so the pages of a shard (indexed one after
//! another on one thread) share it without a lock.

use super::splitting::IndexableWord;
use super::word_key::WordKey;
use hashbrown::HashMap;
use pagefind_stem::Stemmer as Snowball;
use std::borrow::Cow;
use std::cell::RefCell;
use std::hash::BuildHasher;

/// Entries a thread keeps per language and kind at most; past it the map
/// starts over, so a site of unique words (identifiers, hashes) cannot grow
/// it without bound.
const MAX_ENTRIES: usize = 100_000;

/// What a thread remembers of one language.
#[derive(Default)]
struct Remembered {
    stems: HashMap<WordKey, String>,
    words: HashMap<WordKey, Box<[IndexableWord]>>,
    /// The `include_characters` option the `words` were made with.
    words_include: Vec<char>,
    /// The words seen once, which `words` does not keep yet.
    seen: SeenOnce,
}

/// Which words have been seen, by a bit their hash picks (some words
/// share a bit, so a word may be taken for seen when it was not).
///
/// Identifiers, numbers and names in code are most of a site's distinct
/// words, and most of them occur once. Kept in `words`, they filled it up
/// to its cap, and looking a word up in a table that big missed the cache
/// on nearly every word a page had not had before (the bucket's load was
/// three quarters of the lookup's samples). A word is kept from its second
/// sighting on: a common word is worked out twice rather than once, and
/// the table holds what recurs.
#[derive(Default)]
struct SeenOnce {
    bits: Vec<u64>,
    set: usize,
}

/// Bits of [`SeenOnce`]: 256 KiB, small enough to stay in the cache.
const SEEN_BITS: usize = 1 << 21;

impl SeenOnce {
    /// Marks the word of `hash` seen; returns whether it had been.
    fn saw(&mut self, hash: u64) -> bool {
        if self.bits.is_empty() || self.set >= SEEN_BITS / 4 {
            // Past a quarter full, one word in four would pass as seen.
            self.bits = vec![0; SEEN_BITS / 64];
            self.set = 0;
        }
        let bit = (hash as usize) & (SEEN_BITS - 1);
        let word = &mut self.bits[bit / 64];
        let mask = 1u64 << (bit % 64);
        let had = *word & mask != 0;
        if !had {
            *word |= mask;
            self.set += 1;
        }
        had
    }
}

thread_local! {
    static REMEMBERED: RefCell<HashMap<String, Remembered>> = RefCell::new(HashMap::new());
}

/// A Snowball stemmer for one language, with what the thread remembers of it.
pub struct Stemmer {
    snowball: Snowball,
    language: String,
    remembered: RefCell<Remembered>,
}

impl Stemmer {
    /// Wraps `snowball`, the stemmer of `language` (a primary language
    /// subtag: `en`, `ru`), taking what the thread remembers of it.
    pub fn cached(snowball: Snowball, language: &str) -> Self {
        let remembered = REMEMBERED
            .with(|all| all.borrow_mut().remove(language))
            .unwrap_or_default();
        Stemmer {
            snowball,
            language: language.to_string(),
            remembered: RefCell::new(remembered),
        }
    }

    /// The stem of `input`, as Snowball makes it.
    pub fn stem<'a>(&self, input: &'a str) -> Cow<'a, str> {
        if let Some(stem) = self.remembered.borrow().stems.get(input.as_bytes()) {
            return Cow::Owned(stem.clone());
        }
        let stem = self.snowball.stem(input).into_owned();
        remember(&mut self.remembered.borrow_mut().stems, input, stem.clone());
        Cow::Owned(stem)
    }

    /// Calls `visit` with the indexable forms of `word` under the
    /// `include_characters` option, made by `make` the first time. They are
    /// lent where they are kept, not cloned or counted: `visit` runs while
    /// the stemmer's memory is borrowed, so it must not stem.
    pub fn with_indexable_words<R>(
        &self,
        word: &str,
        include_characters: &[char],
        make: impl FnOnce() -> Vec<IndexableWord>,
        visit: impl FnOnce(&[IndexableWord]) -> R,
    ) -> R {
        {
            let remembered = self.remembered.borrow();
            if remembered.words_include == include_characters {
                if let Some(words) = remembered.words.get(word.as_bytes()) {
                    return visit(words);
                }
            }
        }
        let words = make();
        let visited = visit(&words);
        let mut remembered = self.remembered.borrow_mut();
        if remembered.words_include != include_characters {
            remembered.words.clear();
            remembered.words_include = include_characters.to_vec();
        }
        // The high bits: the table's own probing starts from the low ones.
        let hash = remembered.words.hasher().hash_one(word.as_bytes()).rotate_left(32);
        if remembered.seen.saw(hash) {
            remember(&mut remembered.words, word, words.into_boxed_slice());
        }
        visited
    }
}

fn remember<V>(map: &mut HashMap<WordKey, V>, key: &str, value: V) {
    if map.len() >= MAX_ENTRIES {
        map.clear();
    }
    map.insert(WordKey::new(key), value);
}

impl Drop for Stemmer {
    fn drop(&mut self) {
        let remembered = std::mem::take(self.remembered.get_mut());
        let language = std::mem::take(&mut self.language);
        // A thread being torn down has nowhere left to keep it.
        let _ = REMEMBERED.try_with(|all| all.borrow_mut().insert(language, remembered));
    }
}
