//! Charter: a stemmer that remembers the stems it made.
//!
//! Pagefind stems every word of every page, and a site repeats its words
//! (a 3,000-word page has a few hundred distinct ones; a site of 10,000
//! pages shares most of them). Snowball stemming was 6% of a charter build's
//! CPU. Each thread keeps one map of stems per language, taken by the
//! stemmer for the page it works on and handed back when the page is done,
//! so pages on the same thread reuse each other's stems without a lock.

use hashbrown::HashMap;
use pagefind_stem::Stemmer as Snowball;
use std::borrow::Cow;
use std::cell::RefCell;

/// Stems a thread keeps per language at most; past it the map starts over,
/// so a site of unique words (identifiers, hashes) cannot grow it unbounded.
const MAX_STEMS: usize = 200_000;

thread_local! {
    static STEMS: RefCell<HashMap<String, HashMap<String, String>>> =
        RefCell::new(HashMap::new());
}

/// A Snowball stemmer for one language, with the thread's stems of it.
pub struct Stemmer {
    snowball: Snowball,
    language: String,
    stems: RefCell<HashMap<String, String>>,
}

impl Stemmer {
    /// Wraps `snowball`, the stemmer of `language` (a primary language
    /// subtag: `en`, `ru`), taking the thread's stems of that language.
    pub fn cached(snowball: Snowball, language: &str) -> Self {
        let stems = STEMS
            .with(|all| all.borrow_mut().remove(language))
            .unwrap_or_default();
        Stemmer {
            snowball,
            language: language.to_string(),
            stems: RefCell::new(stems),
        }
    }

    /// The stem of `input`, as Snowball makes it.
    pub fn stem<'a>(&self, input: &'a str) -> Cow<'a, str> {
        if let Some(stem) = self.stems.borrow().get(input) {
            return Cow::Owned(stem.clone());
        }
        let stem = self.snowball.stem(input).into_owned();
        let mut stems = self.stems.borrow_mut();
        if stems.len() >= MAX_STEMS {
            stems.clear();
        }
        stems.insert(input.to_string(), stem.clone());
        Cow::Owned(stem)
    }
}

impl Drop for Stemmer {
    fn drop(&mut self) {
        let stems = std::mem::take(self.stems.get_mut());
        let language = std::mem::take(&mut self.language);
        // A thread being torn down has no map left to hand the stems to.
        let _ = STEMS.try_with(|all| all.borrow_mut().insert(language, stems));
    }
}
