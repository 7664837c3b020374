//! Charter: a context's match patterns in the order the parser tries them,
//! walked once.
//!
//! For every token the parser asks each pattern of the current context for
//! its next match, in order, following `include`s where they stand. It
//! walked that tree with [`MatchIter`](super::syntax_definition::MatchIter)
//! at every token, resolving each include again: 4.8% of the samples of a
//! 10,000-page charter build without the search index. The walk's result
//! depends on the syntax set alone, so it is made the first time the
//! context is searched and kept with the context.

use super::syntax_definition::{ContextId, ContextReference, Pattern};
use super::syntax_set::SyntaxSet;
use once_cell::sync::OnceCell;

/// The place of a match pattern: its context and its index there.
pub(crate) type PatternAt = (ContextId, usize);

/// Includes followed at most. A syntax that includes itself would make the
/// walk endless; past this depth the parser walks the tree as before.
const MAX_INCLUDE_DEPTH: usize = 64;

/// A context's flattened patterns, made once; contexts compare and clone as
/// if it were not there.
#[derive(Default)]
pub struct FlatPatterns(OnceCell<Option<Box<[PatternAt]>>>);

impl FlatPatterns {
    /// The patterns of context `id` (whose cell this is) in the parser's
    /// order; `None` when they cannot be listed (a missing context, or
    /// includes nested past [`MAX_INCLUDE_DEPTH`]).
    pub(crate) fn get(&self, syntax_set: &SyntaxSet, id: ContextId) -> Option<&[PatternAt]> {
        self.0
            .get_or_init(|| {
                let mut out = Vec::new();
                walk(syntax_set, id, 0, &mut out).map(|()| out.into_boxed_slice())
            })
            .as_deref()
    }
}

/// Appends the match patterns of context `id`: includes followed where
/// they stand, references not resolved to a context skipped (as
/// `MatchIter` does).
fn walk(
    syntax_set: &SyntaxSet,
    id: ContextId,
    depth: usize,
    out: &mut Vec<PatternAt>,
) -> Option<()> {
    if depth > MAX_INCLUDE_DEPTH {
        return None;
    }
    let context = syntax_set.get_context(&id).ok()?;
    for (index, pattern) in context.patterns.iter().enumerate() {
        match pattern {
            Pattern::Match(_) => out.push((id, index)),
            Pattern::Include(ContextReference::Direct(inner)) => {
                walk(syntax_set, *inner, depth + 1, out)?
            }
            Pattern::Include(_) => {}
        }
    }
    Some(())
}

impl Clone for FlatPatterns {
    fn clone(&self) -> Self {
        FlatPatterns::default()
    }
}

impl PartialEq for FlatPatterns {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for FlatPatterns {}

impl std::fmt::Debug for FlatPatterns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FlatPatterns")
    }
}

impl SyntaxSet {
    /// Charter: checks that every context's flattened patterns are the
    /// ones `MatchIter` walks, in the same order; returns how many
    /// contexts were checked, or the first that differs. For charter's
    /// tests, which cannot reach the crate's own.
    #[doc(hidden)]
    pub fn check_flat_patterns(&self) -> Result<usize, String> {
        let mut checked = 0;
        for (syntax_index, syntax) in self.syntaxes().iter().enumerate() {
            for context_index in 0..syntax.context_count() {
                let id = ContextId {
                    syntax_index,
                    context_index,
                };
                let context = self.get_context(&id).map_err(|e| e.to_string())?;
                let walked: Vec<*const super::syntax_definition::MatchPattern> =
                    super::syntax_definition::context_iter(self, context)
                        .map(|(c, i)| c.match_at(i).map(|p| p as *const _))
                        .collect::<Result<_, _>>()
                        .map_err(|e| e.to_string())?;
                let flat = context.flat_patterns.get(self, id).ok_or_else(|| {
                    format!("{}: context {context_index} not flattened", syntax.name)
                })?;
                let flattened: Vec<*const super::syntax_definition::MatchPattern> = flat
                    .iter()
                    .map(|(c, i)| {
                        self.get_context(c)
                            .and_then(|c| c.match_at(*i))
                            .map(|p| p as *const _)
                    })
                    .collect::<Result<_, _>>()
                    .map_err(|e| e.to_string())?;
                if walked != flattened {
                    return Err(format!(
                        "{}: context {context_index}: {} patterns walked, {} flattened, or in another order",
                        syntax.name,
                        walked.len(),
                        flattened.len()
                    ));
                }
                checked += 1;
            }
        }
        Ok(checked)
    }
}
