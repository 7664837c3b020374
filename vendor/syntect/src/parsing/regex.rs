use once_cell::sync::OnceCell;
use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};
use std::error::Error;

/// An abstraction for regex patterns.
///
/// * Allows swapping out the regex implementation because it's only in this module.
/// * Makes regexes serializable and deserializable using just the pattern string.
/// * Lazily compiles regexes on first use to improve initialization time.
#[derive(Debug)]
pub struct Regex {
    regex_str: String,
    regex: OnceCell<regex_impl::Regex>,
    /// Charter: a copy of the compiled regex for each of the first
    /// threads that search with it (see [`THREAD_COPIES`]).
    copies: [OnceCell<Box<regex_impl::Regex>>; THREAD_COPIES],
}

/// Charter: threads that get a copy of each regex they search with.
///
/// A compiled regex keeps a pool of search caches, owned by the first
/// thread that searched with it: any other thread takes a cache from the
/// pool under a lock and puts it back under a lock, at every search, and
/// a build highlights on every core. A copy shares the compiled program
/// and has a pool of its own, which its thread owns.
const THREAD_COPIES: usize = 8;

/// Charter: which copy of a regex this thread searches with: threads are
/// numbered as they first search, and those past [`THREAD_COPIES`] share
/// copies (which costs them speed, never a result).
fn thread_slot() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    thread_local! {
        static SLOT: usize = NEXT.fetch_add(1, Ordering::Relaxed) % THREAD_COPIES;
    }
    SLOT.with(|slot| *slot)
}

/// A region contains text positions for capture groups in a match result.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Region {
    region: regex_impl::Region,
}

impl Regex {
    /// Create a new regex from the pattern string.
    ///
    /// Note that the regex compilation happens on first use, which is why this method does not
    /// return a result.
    pub fn new(regex_str: String) -> Self {
        Self {
            regex_str,
            regex: OnceCell::new(),
            copies: Default::default(),
        }
    }

    /// Check whether the pattern compiles as a valid regex or not.
    pub fn try_compile(regex_str: &str) -> Option<Box<dyn Error + Send + Sync + 'static>> {
        regex_impl::Regex::new(regex_str).err()
    }

    /// Return the regex pattern.
    pub fn regex_str(&self) -> &str {
        &self.regex_str
    }

    /// Check if the regex matches the given text.
    pub fn is_match(&self, text: &str) -> bool {
        self.regex().is_match(text)
    }

    /// Search for the pattern in the given text from begin/end positions.
    ///
    /// If a region is passed, it is used for storing match group positions. The argument allows
    /// the [`Region`] to be reused between searches, which makes a significant performance
    /// difference.
    ///
    /// [`Region`]: struct.Region.html
    pub fn search(
        &self,
        text: &str,
        begin: usize,
        end: usize,
        region: Option<&mut Region>,
    ) -> bool {
        self.regex()
            .search(text, begin, end, region.map(|r| &mut r.region))
    }

    /// Charter: like [`search`](Self::search), but the capture groups of a
    /// match may be left to be found later by [`fill_groups`](Self::fill_groups)
    /// ([`Region::groups_pending`]); only the whole match (`pos(0)`) is
    /// there. The highlighter finds a match for many patterns of which one
    /// wins the token, so the groups of the others are never needed.
    pub fn search_match(&self, text: &str, begin: usize, end: usize, region: &mut Region) -> bool {
        self.regex()
            .search_match(text, begin, end, &mut region.region)
    }

    /// Charter: finds the capture groups of a match that
    /// [`search_match`](Self::search_match) left pending, by the search
    /// that made it with its groups; a region with its groups is left as
    /// it is.
    pub fn fill_groups(&self, text: &str, end: usize, region: &mut Region) {
        self.regex().fill_groups(text, end, &mut region.region)
    }

    fn regex(&self) -> &regex_impl::Regex {
        let compiled = self.regex.get_or_init(|| {
            regex_impl::Regex::new(&self.regex_str).expect("regex string should be pre-tested")
        });
        self.copy_for_thread(compiled)
    }

    #[cfg(all(feature = "regex-fancy", not(feature = "regex-onig")))]
    fn copy_for_thread<'a>(&'a self, compiled: &regex_impl::Regex) -> &'a regex_impl::Regex {
        self.copies[thread_slot()].get_or_init(|| Box::new(compiled.clone()))
    }

    /// Oniguruma's regexes keep no cache pool: every thread shares one.
    #[cfg(feature = "regex-onig")]
    fn copy_for_thread<'a>(&'a self, compiled: &'a regex_impl::Regex) -> &'a regex_impl::Regex {
        compiled
    }
}

impl Clone for Regex {
    fn clone(&self) -> Self {
        Regex {
            regex_str: self.regex_str.clone(),
            regex: OnceCell::new(),
            copies: Default::default(),
        }
    }
}

impl PartialEq for Regex {
    fn eq(&self, other: &Regex) -> bool {
        self.regex_str == other.regex_str
    }
}

impl Eq for Regex {}

impl Serialize for Regex {
    fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
    {
        serializer.serialize_str(&self.regex_str)
    }
}

impl<'de> Deserialize<'de> for Regex {
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        let regex_str = String::deserialize(deserializer)?;
        Ok(Regex::new(regex_str))
    }
}

impl Region {
    pub fn new() -> Self {
        Self {
            region: regex_impl::new_region(),
        }
    }

    /// Get the start/end positions of the capture group with given index.
    ///
    /// If there is no match for that group or the index does not correspond to a group, `None` is
    /// returned. The index 0 returns the whole match.
    pub fn pos(&self, index: usize) -> Option<(usize, usize)> {
        self.region.pos(index)
    }

    /// Charter: whether only the whole match is known yet, its groups left
    /// for [`Regex::fill_groups`].
    pub fn groups_pending(&self) -> bool {
        regex_impl::groups_pending(&self.region)
    }
}

impl Default for Region {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(feature = "regex-onig")]
mod regex_impl {
    pub use onig::Region;
    use onig::{MatchParam, RegexOptions, SearchOptions, Syntax};
    use std::error::Error;

    #[derive(Debug)]
    pub struct Regex {
        regex: onig::Regex,
    }

    pub fn new_region() -> Region {
        Region::with_capacity(8)
    }

    pub fn groups_pending(_region: &Region) -> bool {
        false
    }

    impl Regex {
        pub fn new(regex_str: &str) -> Result<Regex, Box<dyn Error + Send + Sync + 'static>> {
            let result = onig::Regex::with_options(
                regex_str,
                RegexOptions::REGEX_OPTION_CAPTURE_GROUP,
                Syntax::default(),
            );
            match result {
                Ok(regex) => Ok(Regex { regex }),
                Err(error) => Err(Box::new(error)),
            }
        }

        pub fn is_match(&self, text: &str) -> bool {
            self.regex
                .match_with_options(text, 0, SearchOptions::SEARCH_OPTION_NONE, None)
                .is_some()
        }

        /// Oniguruma finds the groups with the match: none is left pending.
        pub fn search_match(&self, text: &str, begin: usize, end: usize, region: &mut Region) -> bool {
            self.search(text, begin, end, Some(region))
        }

        pub fn fill_groups(&self, _text: &str, _end: usize, _region: &mut Region) {}

        pub fn search(
            &self,
            text: &str,
            begin: usize,
            end: usize,
            region: Option<&mut Region>,
        ) -> bool {
            let matched = self.regex.search_with_param(
                text,
                begin,
                end,
                SearchOptions::SEARCH_OPTION_NONE,
                region,
                MatchParam::default(),
            );

            // If there's an error during search, treat it as non-matching.
            // For example, in case of catastrophic backtracking, onig should
            // fail with a "retry-limit-in-match over" error eventually.
            matches!(matched, Ok(Some(_)))
        }
    }
}

// If both regex-fancy and regex-onig are requested, this condition makes regex-onig win.
#[cfg(all(feature = "regex-fancy", not(feature = "regex-onig")))]
mod regex_impl {
    use std::error::Error;

    #[derive(Clone, Debug)]
    pub struct Regex {
        regex: fancy_regex::Regex,
        /// Charter: whether fancy-regex hands the pattern whole to the
        /// `regex` crate (no lookaround or backreference).
        wrapped: bool,
        /// Charter: the bytes every match starts with (fancy-regex's
        /// `start_bytes`), when the pattern cannot match the empty string
        /// and fancy-regex could tell.
        starts: Option<StartBytes>,
    }

    /// Charter: a set of first bytes, searched for with `memchr` when it
    /// has three bytes or fewer (most punctuation patterns), else by a
    /// table.
    #[derive(Clone, Debug)]
    enum StartBytes {
        One(u8),
        Two(u8, u8),
        Three(u8, u8, u8),
        Table(Box<[bool; 256]>),
    }

    impl StartBytes {
        fn new(set: &fancy_regex::ByteSet) -> Self {
            let bytes: Vec<u8> = set.iter().collect();
            match bytes[..] {
                [a] => StartBytes::One(a),
                [a, b] => StartBytes::Two(a, b),
                [a, b, c] => StartBytes::Three(a, b, c),
                _ => {
                    let mut table = Box::new([false; 256]);
                    for b in bytes {
                        table[usize::from(b)] = true;
                    }
                    StartBytes::Table(table)
                }
            }
        }

        fn find(&self, haystack: &[u8]) -> Option<usize> {
            match self {
                StartBytes::One(a) => memchr::memchr(*a, haystack),
                StartBytes::Two(a, b) => memchr::memchr2(*a, *b, haystack),
                StartBytes::Three(a, b, c) => memchr::memchr3(*a, *b, *c, haystack),
                StartBytes::Table(table) => haystack.iter().position(|&b| table[usize::from(b)]),
            }
        }
    }

    /// Charter: the bytes a match of `regex_str` must start with, when
    /// they can tell a search to begin further on. `\G` matches only
    /// where a search begins, so moving that place would change its
    /// matches: a pattern with one gets no set.
    fn start_bytes(regex_str: &str) -> Option<StartBytes> {
        if regex_str.contains("\\G") {
            return None;
        }
        fancy_regex::RegexOptionsBuilder::new()
            .oniguruma_mode(true)
            .start_bytes(regex_str)
            .ok()
            .flatten()
            .map(|set| StartBytes::new(&set))
    }

    /// Charter: fancy-regex says whether it wrapped a pattern only through
    /// its (hidden) `debug_print`. Should that text change, patterns count
    /// as not wrapped, which costs speed, never a result.
    fn is_wrapped(regex: &fancy_regex::Regex) -> bool {
        struct Debug<'a>(&'a fancy_regex::Regex);
        impl std::fmt::Display for Debug<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.debug_print(f)
            }
        }
        Debug(regex).to_string().starts_with("wrapped Regex")
    }

    #[derive(Clone, Debug, Eq, PartialEq)]
    pub struct Region {
        positions: Vec<Option<(usize, usize)>>,
        /// Charter: where the search began whose groups are still to be
        /// found (`positions` holds only the whole match); `None` once
        /// they are. A region kept in a parser's state always has its
        /// groups, so states compare as before.
        groups_from: Option<usize>,
    }

    pub fn new_region() -> Region {
        Region {
            positions: Vec::with_capacity(8),
            groups_from: None,
        }
    }

    pub fn groups_pending(region: &Region) -> bool {
        region.groups_from.is_some()
    }

    impl Regex {
        pub fn new(regex_str: &str) -> Result<Regex, Box<dyn Error + Send + Sync + 'static>> {
            // Charter: fancy-regex's seek pre-filter (off by default, marked
            // experimental) finds with a DFA where a pattern with
            // lookaround could start, and runs the backtracking VM only
            // from there, instead of from every position. Highlighting
            // is 16% fewer instructions at 1,000 pages, with the same HTML
            // for the benchmark's sites and 4,983 source files of the
            // machine (CHARTER.md).
            let result = fancy_regex::RegexBuilder::new(regex_str)
                .oniguruma_mode(true)
                .seek(true)
                .build();
            match result {
                Ok(regex) => Ok(Regex {
                    wrapped: is_wrapped(&regex),
                    starts: start_bytes(regex_str),
                    regex,
                }),
                Err(error) => Err(Box::new(error)),
            }
        }

        pub fn is_match(&self, text: &str) -> bool {
            // Errors are treated as non-matches
            self.regex.is_match(text).unwrap_or(false)
        }

        pub fn search(
            &self,
            text: &str,
            begin: usize,
            end: usize,
            region: Option<&mut Region>,
        ) -> bool {
            // If there's an error during search, treat it as non-matching.
            // For example, in case of catastrophic backtracking, fancy-regex should
            // fail with an error eventually.
            let text = &text[..end];
            let Some(begin) = self.first_start(text, begin) else {
                return false;
            };
            // Charter: most searches find nothing (six in seven while
            // highlighting a page), and for a wrapped pattern a search for
            // the match alone is a DFA's, without capture groups. (For the
            // others it is the same backtracking as with groups.)
            if self.wrapped
                && region.is_some()
                && !matches!(self.regex.find_from_pos(text, begin), Ok(Some(_)))
            {
                return false;
            }
            if let Ok(Some(captures)) = self.regex.captures_from_pos(text, begin) {
                if let Some(region) = region {
                    region.init_from_captures(&captures);
                }
                true
            } else {
                false
            }
        }

        /// For a wrapped pattern, the match alone (the DFA's search) and
        /// the groups left pending; for the others, both at once, since
        /// their groups cost the backtracking search that finds the match.
        pub fn search_match(&self, text: &str, begin: usize, end: usize, region: &mut Region) -> bool {
            if !self.wrapped {
                return self.search(text, begin, end, Some(region));
            }
            let text = &text[..end];
            let Some(begin) = self.first_start(text, begin) else {
                return false;
            };
            match self.regex.find_from_pos(text, begin) {
                Ok(Some(found)) => {
                    region.positions.clear();
                    region.positions.push(Some((found.start(), found.end())));
                    region.groups_from = Some(begin);
                    true
                }
                _ => false,
            }
        }

        /// Charter: the first place from `begin` on where a match could
        /// start, by the bytes a match starts with; `None` when there is
        /// none before the end of `text`. About half of a line's searches
        /// are for patterns whose first bytes are not in the rest of the
        /// line, and a regex's search costs hundreds of instructions
        /// before it looks at a byte. A match found from there is the one a search
        /// from `begin` finds: none can start in between.
        fn first_start(&self, text: &str, begin: usize) -> Option<usize> {
            let Some(starts) = &self.starts else {
                return Some(begin);
            };
            let offset = starts.find(text.as_bytes().get(begin..)?)?;
            let start = begin + offset;
            // A set holds first bytes of characters only; should that
            // change, the search begins where it was asked to.
            Some(if text.is_char_boundary(start) { start } else { begin })
        }

        /// The groups by the search [`search`](Self::search) makes once
        /// it knows there is a match, from where the pending one began:
        /// the match and its groups are what `search` would have found.
        pub fn fill_groups(&self, text: &str, end: usize, region: &mut Region) {
            let Some(begin) = region.groups_from.take() else {
                return;
            };
            match self.regex.captures_from_pos(&text[..end], begin) {
                Ok(Some(captures)) => region.init_from_captures(&captures),
                // Not met: the DFA found the match. Should it happen, the
                // whole match is kept without its groups.
                _ => debug_assert!(false, "a pending match is found again"),
            }
        }
    }

    impl Region {
        fn init_from_captures(&mut self, captures: &fancy_regex::Captures<str>) {
            self.groups_from = None;
            self.positions.clear();
            for i in 0..captures.len() {
                let pos = captures.get(i).map(|m| (m.start(), m.end()));
                self.positions.push(pos);
            }
        }

        pub fn pos(&self, i: usize) -> Option<(usize, usize)> {
            if i < self.positions.len() {
                self.positions[i]
            } else {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caches_compiled_regex() {
        let regex = Regex::new(String::from(r"\w+"));

        assert!(regex.regex.get().is_none());
        assert!(regex.is_match("test"));
        assert!(regex.regex.get().is_some());
    }

    #[test]
    fn serde_as_string() {
        let pattern: Regex = serde_json::from_str("\"just a string\"").unwrap();
        assert_eq!(pattern.regex_str(), "just a string");
        let back_to_str = serde_json::to_string(&pattern).unwrap();
        assert_eq!(back_to_str, "\"just a string\"");
    }
}
