//! Charter: a word as a hash table key, held in the table itself when it
//! is short.
//!
//! A `String` key keeps its bytes elsewhere on the heap: every lookup that
//! reached a candidate bucket compared the word with bytes the cache did
//! not have (`memcmp` was 6% of the search stage's samples at 10,000
//! pages, under the stemmer's memory of forms and the page's forms). Words
//! are short, so most keys fit in the 24 bytes a `String` took anyway.

use std::borrow::Borrow;
use std::hash::{Hash, Hasher};

/// Bytes a key holds in place; longer words go to the heap.
const INLINE: usize = 22;

pub(crate) enum WordKey {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<[u8]>),
}

impl WordKey {
    pub(crate) fn new(word: &str) -> Self {
        let word = word.as_bytes();
        if word.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..word.len()].copy_from_slice(word);
            WordKey::Inline {
                len: word.len() as u8,
                bytes,
            }
        } else {
            WordKey::Heap(word.into())
        }
    }

    fn as_bytes(&self) -> &[u8] {
        match self {
            WordKey::Inline { len, bytes } => &bytes[..usize::from(*len)],
            WordKey::Heap(bytes) => bytes,
        }
    }

    /// The word; keys are made only from `&str`, so the bytes are UTF-8.
    pub(crate) fn into_string(self) -> String {
        match self {
            // Keys are made from `&str`, so the bytes are UTF-8; a long
            // word's are taken over rather than copied.
            WordKey::Heap(bytes) => String::from_utf8(bytes.into_vec())
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
            inline => String::from_utf8_lossy(inline.as_bytes()).into_owned(),
        }
    }
}

// Lookups are by `word.as_bytes()`: hashing and equality must be the
// slice's, as `Borrow` requires.
impl Borrow<[u8]> for WordKey {
    fn borrow(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl Hash for WordKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state)
    }
}

impl PartialEq for WordKey {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for WordKey {}

#[cfg(test)]
mod tests {
    use super::*;
    use hashbrown::HashMap;

    #[test]
    fn short_and_long_words_are_found_by_their_bytes() {
        let words = [
            "",
            "a",
            "réseau",
            "exactly-twenty-two-byt",
            "a-word-longer-than-twenty-two-bytes",
        ];
        let mut map = HashMap::new();
        for (i, w) in words.iter().enumerate() {
            map.insert(WordKey::new(w), i);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.get(w.as_bytes()), Some(&i), "{w}");
            assert_eq!(WordKey::new(w).into_string(), *w);
        }
        assert_eq!(map.get("réseaux".as_bytes()), None);
        assert!(matches!(
            WordKey::new("exactly-twenty-two-byt"),
            WordKey::Inline { .. }
        ));
        assert!(matches!(WordKey::new(words[4]), WordKey::Heap(_)));
        assert_eq!(std::mem::size_of::<WordKey>(), 24);
    }
}
