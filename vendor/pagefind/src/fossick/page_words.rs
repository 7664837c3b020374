//! Charter: the positions of one page's indexable forms, gathered as the
//! page's words are read.
//!
//! Pagefind looked every occurrence's form up by its text: a hash of the
//! text and a compare against the key, whose bytes were one more cache
//! miss (a sixth of the search stage's word loop). A form remembered by
//! the stemmer (see `stem_cache`) has a fixed place in memory for as long
//! as the page holds its word's forms, so it is found by that address; its
//! text is hashed once per page, the first time the page has it, to join
//! the same form reached through another word ("Run" and "run").

use super::splitting::IndexableWord;
use super::FossickedWord;
use hashbrown::HashMap;
use std::rc::Rc;

/// One page's forms and their positions.
#[derive(Default)]
pub(super) struct PageWords {
    /// The slot of each form seen at a remembered address.
    by_address: HashMap<usize, usize>,
    /// The slot of each form by its text.
    by_text: HashMap<String, usize>,
    /// Each form's positions, in the order the page has them.
    slots: Vec<Vec<FossickedWord>>,
    /// The remembered forms the addresses point into, held so that no
    /// address is reused for another form while the page is read.
    held: Vec<Rc<[IndexableWord]>>,
}

impl PageWords {
    /// Room for about `words` distinct forms.
    pub(super) fn with_capacity(words: usize) -> Self {
        PageWords {
            by_address: HashMap::with_capacity(words),
            by_text: HashMap::with_capacity(words),
            slots: Vec::with_capacity(words),
            held: Vec::new(),
        }
    }

    /// Holds `forms`, remembered by the stemmer, for the rest of the page
    /// (once), so that their addresses can key [`PageWords::push_forms`].
    pub(super) fn hold(&mut self, forms: &Rc<[IndexableWord]>) {
        let known = forms
            .first()
            .is_none_or(|first| self.by_address.contains_key(&address(first)));
        if !known {
            self.held.push(Rc::clone(forms));
        }
    }

    /// Adds the word at `position`, of weight `word_weight`, under each of
    /// its `forms` (found by address when `held`, see [`PageWords::hold`]);
    /// returns the weight its compound parts get, which shares the word's
    /// among them (and a pair spanning two segments, when `cross_pair`).
    pub(super) fn push_forms(
        &mut self,
        forms: &[IndexableWord],
        held: bool,
        cross_pair: bool,
        word_weight: u8,
        position: u32,
    ) -> u8 {
        let compound_count =
            forms.iter().filter(|w| w.is_compound_part).count() + usize::from(cross_pair);
        let partial_weight = if compound_count > 0 && word_weight > 0 {
            (word_weight / u8::try_from(compound_count).unwrap_or(u8::MAX)).max(1)
        } else {
            0
        };
        for form in forms {
            let entry = FossickedWord {
                position,
                weight: if form.is_compound_part {
                    partial_weight
                } else {
                    word_weight
                },
                original_word: super::original_word(form.original.as_deref()),
            };
            if held {
                self.push_at(form, entry);
            } else {
                self.push(&form.stemmed, entry);
            }
        }
        partial_weight
    }

    /// Adds `entry` to `form`, a form held with [`PageWords::hold`].
    fn push_at(&mut self, form: &IndexableWord, entry: FossickedWord) {
        let slot = match self.by_address.get(&address(form)) {
            Some(&slot) => slot,
            None => {
                let slot = self.slot_of(&form.stemmed);
                self.by_address.insert(address(form), slot);
                slot
            }
        };
        self.slots[slot].push(entry);
    }

    /// Adds `entry` to the form with the text `form`.
    fn push(&mut self, form: &str, entry: FossickedWord) {
        let slot = self.slot_of(form);
        self.slots[slot].push(entry);
    }

    /// The positions of `form` so far, if the page has it.
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

fn address(form: &IndexableWord) -> usize {
    form as *const IndexableWord as usize
}
