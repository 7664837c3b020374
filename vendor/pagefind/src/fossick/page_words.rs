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
//!
//! Each occurrence of a form is appended to one list of the page's, not to
//! a list of its form's: a list per form was an allocation and a few
//! regrowths per form and page, and writes scattered over all of them.
//! The list is grouped by form (a counting sort, which keeps each form's
//! occurrences in the order they were added) when the page is done.

use super::splitting::IndexableWord;
use super::word_key::WordKey;
#[cfg(test)]
use super::FossickedWord;
use super::PageWord;
use crate::index::{pack_positions, WeightedPosition};
use hashbrown::HashMap;
use std::collections::BTreeMap;

/// One page's forms and their positions.
#[derive(Default)]
pub(super) struct PageWords<'a> {
    /// Each word the page has had (as written in its digest): the range of
    /// its forms in `word_forms`, and how many of them are compound parts.
    by_word: HashMap<&'a str, WordForms>,
    word_forms: Vec<PageForm>,
    /// The slot of each form by its text.
    by_text: HashMap<WordKey, u32>,
    /// Every occurrence of every form, in the order they were added.
    occurrences: Vec<Occurrence>,
    /// The forms before diacritic removal that occurrences refer to.
    originals: Vec<Box<str>>,
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
    original: u32,
}

/// One occurrence of a form: its slot, position and weight, and its form
/// before diacritic removal (an index in `originals`, or [`NO_ORIGINAL`]).
#[derive(Clone, Copy)]
struct Occurrence {
    slot: u32,
    position: u32,
    original: u32,
    weight: u8,
}

const NO_ORIGINAL: u32 = u32::MAX;

impl<'a> PageWords<'a> {
    /// Room for about `words` occurrences.
    pub(super) fn with_capacity(words: usize) -> Self {
        // A page has far fewer distinct words and forms than occurrences.
        let distinct = words / 4;
        PageWords {
            by_word: HashMap::with_capacity(distinct),
            word_forms: Vec::with_capacity(distinct),
            by_text: HashMap::with_capacity(distinct),
            occurrences: Vec::with_capacity(words + words / 4),
            originals: Vec::new(),
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
            self.occurrences.push(Occurrence {
                slot: form.slot,
                position,
                original: form.original,
                weight: form_weight(form.is_compound_part, partial_weight, word_weight),
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
            let slot = self.slot_of(&form.stemmed);
            let original = self.original_of(form.original.as_deref());
            self.word_forms.push(PageForm {
                slot,
                is_compound_part: form.is_compound_part,
                original,
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
            let original = self.original_of(form.original.as_deref());
            self.occurrences.push(Occurrence {
                slot,
                position,
                original,
                weight: form_weight(form.is_compound_part, partial_weight, word_weight),
            });
        }
        partial_weight
    }

    /// Adds `form` at `position` unless the page already has it there (the
    /// pair spanning two segments, which the word before may have indexed).
    pub(super) fn push_once(&mut self, form: &IndexableWord, position: u32, weight: u8) {
        let slot = self.slot_of(&form.stemmed);
        // Occurrences are added word by word, each word's at its position
        // and a spanning pair's at the one before: whatever is at
        // `position` comes after everything before `position - 1`.
        let present = self
            .occurrences
            .iter()
            .rev()
            .take_while(|o| o.position + 1 >= position)
            .any(|o| o.slot == slot && o.position == position);
        if !present {
            let original = self.original_of(form.original.as_deref());
            self.occurrences.push(Occurrence {
                slot,
                position,
                original,
                weight,
            });
        }
    }

    fn slot_of(&mut self, form: &str) -> u32 {
        if let Some(&slot) = self.by_text.get(form.as_bytes()) {
            return slot;
        }
        let slot = u32::try_from(self.by_text.len()).unwrap_or(u32::MAX);
        self.by_text.insert(WordKey::new(form), slot);
        slot
    }

    fn original_of(&mut self, original: Option<&str>) -> u32 {
        match original {
            None => NO_ORIGINAL,
            Some(original) => {
                self.originals.push(original.into());
                u32::try_from(self.originals.len() - 1).unwrap_or(NO_ORIGINAL)
            }
        }
    }

    /// The page's forms with their occurrences grouped per form, each
    /// form's in the order they were added, forms in slot order.
    fn grouped(self) -> Grouped {
        let mut forms = vec![String::new(); self.by_text.len()];
        for (form, slot) in self.by_text {
            forms[slot as usize] = form.into_string();
        }
        let mut ends = vec![0u32; forms.len()];
        for occurrence in &self.occurrences {
            ends[occurrence.slot as usize] += 1;
        }
        let mut next = 0;
        let mut starts = Vec::with_capacity(forms.len());
        for end in &mut ends {
            starts.push(next);
            next += *end;
            *end = next;
        }
        let mut sorted = vec![
            Occurrence {
                slot: 0,
                position: 0,
                original: NO_ORIGINAL,
                weight: 0,
            };
            self.occurrences.len()
        ];
        let mut place = starts.clone();
        for occurrence in self.occurrences {
            let at = &mut place[occurrence.slot as usize];
            sorted[*at as usize] = occurrence;
            *at += 1;
        }
        Grouped {
            forms,
            starts,
            ends,
            sorted,
            originals: self.originals,
        }
    }

    /// The page's words with their positions packed as the index stores
    /// them (see [`PageWord`]): per form, the positions without a
    /// diacritic variant and those of each variant.
    pub(super) fn into_page_words(self) -> Vec<PageWord> {
        let grouped = self.grouped();
        let mut plain: Vec<WeightedPosition> = Vec::new();
        let Grouped {
            forms,
            starts,
            ends,
            sorted,
            originals,
        } = grouped;
        forms
            .into_iter()
            .zip(starts.into_iter().zip(ends))
            .map(|(word, (start, end))| {
                let occurrences = &sorted[start as usize..end as usize];
                plain.clear();
                let mut variants: BTreeMap<&str, Vec<WeightedPosition>> = BTreeMap::new();
                for o in occurrences {
                    let at = WeightedPosition {
                        position: o.position,
                        weight: o.weight,
                    };
                    match o.original {
                        NO_ORIGINAL => plain.push(at),
                        i => variants.entry(&originals[i as usize]).or_default().push(at),
                    }
                }
                PageWord {
                    word,
                    locs: pack_positions(&mut plain),
                    variants: variants
                        .into_iter()
                        .map(|(form, mut at)| (form.to_string(), pack_positions(&mut at)))
                        .collect(),
                }
            })
            .collect()
    }

    /// The page's forms with their positions, in slot order (for Pagefind's
    /// tests of the word loop).
    #[cfg(test)]
    pub(super) fn into_forms(self) -> impl Iterator<Item = (String, Vec<FossickedWord>)> {
        let Grouped {
            forms,
            starts,
            ends,
            sorted,
            originals,
        } = self.grouped();
        let positions: Vec<Vec<FossickedWord>> = starts
            .into_iter()
            .zip(ends)
            .map(|(start, end)| {
                sorted[start as usize..end as usize]
                    .iter()
                    .map(|o| FossickedWord {
                        position: o.position,
                        weight: o.weight,
                        original_word: (o.original != NO_ORIGINAL)
                            .then(|| originals[o.original as usize].to_string()),
                    })
                    .collect()
            })
            .collect();
        forms.into_iter().zip(positions)
    }
}

/// A page's occurrences grouped by form: form `i`'s are
/// `sorted[starts[i]..ends[i]]`.
struct Grouped {
    forms: Vec<String>,
    starts: Vec<u32>,
    ends: Vec<u32>,
    sorted: Vec<Occurrence>,
    originals: Vec<Box<str>>,
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
