//! Charter: the positions of one page's indexable forms, gathered as the
//! page's words are read.
//!
//! Pagefind looked every occurrence's forms up in the stemmer's memory of
//! the shard's words, then each form in the page's map by its text: two
//! hash lookups in big tables, and their keys' bytes, a cache miss each
//! (a third of the word loop's samples under perf). A page has a few hundred
//! distinct words among its thousands, so a word it has had is found in a
//! table of the page's own, small enough to stay in the cache, which gives
//! its forms' places directly. The stemmer and the forms' texts are asked
//! once per distinct word and page.

use super::splitting::IndexableWord;
use super::{original_word, FossickedWord, OriginalWord};
use hashbrown::HashMap;

/// One page's forms and their positions.
#[derive(Default)]
pub(super) struct PageWords<'a> {
    /// Each word the page has had (as written in its digest): the range of
    /// its forms in `word_forms`, and how many of them are compound parts.
    by_word: HashMap<&'a str, WordForms>,
    word_forms: Vec<PageForm>,
    /// The slot of each form by its text.
    by_text: HashMap<String, usize>,
    /// Each form's positions, in the order the page has them.
    slots: Vec<Vec<FossickedWord>>,
}

#[derive(Clone, Copy)]
struct WordForms {
    start: u32,
    len: u32,
    compound_count: u32,
}

/// A form of a word: where its positions go, and what an entry records.
struct PageForm {
    slot: u32,
    is_compound_part: bool,
    original: Option<OriginalWord>,
}

impl<'a> PageWords<'a> {
    /// Room for about `words` occurrences.
    pub(super) fn with_capacity(words: usize) -> Self {
        // A page has far fewer distinct words and forms than occurrences.
        let distinct = words / 4;
        PageWords {
            by_word: HashMap::with_capacity(distinct),
            word_forms: Vec::with_capacity(distinct),
            by_text: HashMap::with_capacity(distinct),
            slots: Vec::with_capacity(distinct),
        }
    }

    /// Adds `word` at `position`, of weight `word_weight`, if the page has
    /// had it; otherwise returns false, and the caller gives its forms to
    /// [`PageWords::push_new`].
    pub(super) fn push_known(&mut self, word: &str, word_weight: u8, position: u32) -> bool {
        let Some(&forms) = self.by_word.get(word) else {
            return false;
        };
        let partial_weight = partial_weight(forms.compound_count as usize, word_weight);
        let range = forms.start as usize..(forms.start + forms.len) as usize;
        for form in &self.word_forms[range] {
            self.slots[form.slot as usize].push(FossickedWord {
                position,
                weight: form_weight(form.is_compound_part, partial_weight, word_weight),
                original_word: form.original.clone(),
            });
        }
        true
    }

    /// Adds `word`, new to the page, at `position` under each of its
    /// `forms`, and remembers them for its next occurrences; returns the
    /// weight its compound parts get.
    pub(super) fn push_new(
        &mut self,
        word: &'a str,
        forms: &[IndexableWord],
        word_weight: u8,
        position: u32,
    ) -> u8 {
        let start = self.word_forms.len();
        for form in forms {
            let slot = self.slot_of(&form.stemmed) as u32;
            self.word_forms.push(PageForm {
                slot,
                is_compound_part: form.is_compound_part,
                original: original_word(form.original.as_deref()),
            });
        }
        let compound_count = forms.iter().filter(|w| w.is_compound_part).count();
        let as_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.by_word.insert(
            word,
            WordForms {
                start: as_u32(start),
                len: as_u32(forms.len()),
                compound_count: as_u32(compound_count),
            },
        );
        self.push_known(word, word_weight, position);
        partial_weight(compound_count, word_weight)
    }

    /// Adds the word at `position`, of weight `word_weight`, under each of
    /// its `forms`, found by their text and not remembered (CJK segments,
    /// whose forms depend on their neighbours, and words the digest does
    /// not hold as they are indexed); returns the weight its
    /// compound parts get, which shares the word's among them (and a pair
    /// spanning two segments, when `cross_pair`).
    pub(super) fn push_forms(
        &mut self,
        forms: &[IndexableWord],
        cross_pair: bool,
        word_weight: u8,
        position: u32,
    ) -> u8 {
        let compound_count =
            forms.iter().filter(|w| w.is_compound_part).count() + usize::from(cross_pair);
        let partial_weight = partial_weight(compound_count, word_weight);
        for form in forms {
            let slot = self.slot_of(&form.stemmed);
            self.slots[slot].push(FossickedWord {
                position,
                weight: form_weight(form.is_compound_part, partial_weight, word_weight),
                original_word: original_word(form.original.as_deref()),
            });
        }
        partial_weight
    }

    /// The positions of `form` so far (none if the page has not had it).
    pub(super) fn positions_mut(&mut self, form: &str) -> &mut Vec<FossickedWord> {
        let slot = self.slot_of(form);
        &mut self.slots[slot]
    }

    fn slot_of(&mut self, form: &str) -> usize {
        if let Some(&slot) = self.by_text.get(form) {
            return slot;
        }
        let slot = self.slots.len();
        self.slots.push(Vec::new());
        self.by_text.insert(form.to_string(), slot);
        slot
    }

    /// The page's forms with their positions, in no particular order.
    pub(super) fn into_forms(self) -> impl Iterator<Item = (String, Vec<FossickedWord>)> {
        let mut slots = self.slots;
        self.by_text
            .into_iter()
            .map(move |(form, slot)| (form, std::mem::take(&mut slots[slot])))
    }
}

/// The weight of one form of a word: its compound parts share the word's.
fn form_weight(is_compound_part: bool, partial_weight: u8, word_weight: u8) -> u8 {
    if is_compound_part {
        partial_weight
    } else {
        word_weight
    }
}

/// The weight of each compound part of a word of weight `word_weight` with
/// `compound_count` of them (Pagefind's rule).
fn partial_weight(compound_count: usize, word_weight: u8) -> u8 {
    if compound_count > 0 && word_weight > 0 {
        (word_weight / u8::try_from(compound_count).unwrap_or(u8::MAX)).max(1)
    } else {
        0
    }
}
