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
use hashbrown::HashMap;
use pagefind_stem::Stemmer as Snowball;
use std::borrow::Cow;
use std::cell::RefCell;

/// Entries a thread keeps per language and kind at most; past it the map
/// starts over, so a site of unique words (identifiers, hashes) cannot grow
/// it without bound.
const MAX_ENTRIES: usize = 100_000;

/// What a thread remembers of one language.
#[derive(Default)]
struct Remembered {
    stems: HashMap<String, String>,
    words: HashMap<String, Box<[IndexableWord]>>,
    /// The `include_characters` option the `words` were made with.
    words_include: Vec<char>,
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
        if let Some(stem) = self.remembered.borrow().stems.get(input) {
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
                if let Some(words) = remembered.words.get(word) {
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
        remember(&mut remembered.words, word, words.into_boxed_slice());
        visited
    }
}

fn remember<V>(map: &mut HashMap<String, V>, key: &str, value: V) {
    if map.len() >= MAX_ENTRIES {
        map.clear();
    }
    map.insert(key.to_string(), value);
}

impl Drop for Stemmer {
    fn drop(&mut self) {
        let remembered = std::mem::take(self.remembered.get_mut());
        let language = std::mem::take(&mut self.language);
        // A thread being torn down has nowhere left to keep it.
        let _ = REMEMBERED.try_with(|all| all.borrow_mut().insert(language, remembered));
    }
}
