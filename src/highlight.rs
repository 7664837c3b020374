//! Code highlighting with syntect: syntaxes loaded once per build,
//! class-based HTML (so one page works in light and dark mode), the CSS
//! for a light and a dark theme, a memo of blocks already highlighted
//! (a translation keeps its source's code blocks as they are), and a memo
//! of lines already parsed in the same parser state (code repeats its
//! lines: braces, imports, returns, boilerplate). The blocks of one
//! `charter build` are kept for the next in the site's cache folder
//! ([`store`]).

pub mod store;

use crate::html::{escape, escape_into};
// foldhash, not std's SipHash: the line memo is asked for every line of
// code, and hashing the line was most of the lookup.
use hashbrown::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use syntect::highlighting::{Color, Theme, ThemeSet};
use syntect::html::{css_for_theme_with_class_style, ClassStyle};
use syntect::parsing::{
    BasicScopeStackOp, ParseState, Scope, ScopeStack, ScopeStackOp, SyntaxReference, SyntaxSet,
};
use syntect::util::LinesWithEndings;

/// Prefix of every class the highlighter writes, so its classes never clash
/// with site CSS.
pub const CLASS_PREFIX: &str = "hl-";
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed {
    prefix: CLASS_PREFIX,
};

/// Theme used by default (light).
pub const LIGHT_THEME: &str = "InspiredGitHub";
/// Theme used in dark mode.
pub const DARK_THEME: &str = "base16-ocean.dark";

/// Loaded syntaxes. Build once, share across threads.
pub struct Highlighter {
    syntaxes: SyntaxSet,
    css: String,
    memo: Mutex<Memo>,
    memo_hits: AtomicUsize,
    /// The blocks previous builds left in the site's cache folder, and
    /// where this one's go ([`Highlighter::with_stored`]).
    store: Option<store::BlockStore>,
    /// Line memos, one per rayon thread (and one for any other thread), so
    /// a lookup never waits on another thread.
    lines: Vec<Mutex<LineMemo>>,
}

/// Lines already parsed, by syntax and text: for each parser state a line
/// was met in, the scope operations it gave and the state after it.
/// syntect's parse of a line depends on nothing else, and it is most of a
/// build's highlighting time; a site's code repeats about a third of its
/// lines (two fifths across the machine's own source files).
#[derive(Default)]
struct LineMemo {
    /// By syntax name, then line.
    lines: HashMap<String, HashMap<String, Vec<ParsedLine>>>,
    bytes: usize,
    /// The class attribute of each scope met (see [`ClassSpans`]).
    classes: HashMap<Scope, Box<str>>,
}

struct ParsedLine {
    before: ParseState,
    ops: Arc<[(usize, ScopeStackOp)]>,
    after: ParseState,
}

/// Bytes of lines a thread's line memo keeps before it starts over (as
/// counted in [`LineMemo::parse`]; the memory is about 1.2 times that).
/// The 10,000-page benchmark site fills 58 MiB on each of two cores: with
/// 32 MiB each memo started over once, and 5% more lines were parsed.
const LINE_MEMO_BUDGET: usize = 64 << 20;

/// Parser states a line is remembered in at most.
const STATES_PER_LINE: usize = 4;

/// Highlighted blocks by syntax and code, for one build (and the pages
/// `serve` redoes on it). Highlighting is most of the Markdown stage's
/// time, and a translated site has the same block once per language.
#[derive(Default)]
struct Memo {
    blocks: HashMap<(String, String), Arc<str>>,
    bytes: usize,
}

impl LineMemo {
    /// The scope operations of `line` parsed from `state`, which moves on
    /// to the state after the line; from the memo when the line was met in
    /// that state before. `None` when syntect fails on the line.
    fn parse(
        &mut self,
        state: &mut ParseState,
        line: &str,
        syntax: &SyntaxReference,
        syntaxes: &SyntaxSet,
    ) -> Option<Arc<[(usize, ScopeStackOp)]>> {
        if let Some(parsed) = self
            .lines
            .get(&syntax.name)
            .and_then(|lines| lines.get(line))
            .and_then(|known| known.iter().find(|p| p.before == *state))
        {
            *state = parsed.after.clone();
            return Some(parsed.ops.clone());
        }
        let before = state.clone();
        let ops: Arc<[_]> = state.parse_line(line, syntaxes).ok()?.into();
        self.bytes += line.len() + ops.len() * std::mem::size_of::<(usize, ScopeStackOp)>() + 256;
        if self.bytes > LINE_MEMO_BUDGET {
            self.lines.clear();
            self.bytes = 0;
        }
        let known = self
            .lines
            .entry(syntax.name.clone())
            .or_default()
            .entry(line.to_string())
            .or_default();
        if known.len() < STATES_PER_LINE {
            known.push(ParsedLine {
                before,
                ops: ops.clone(),
                after: state.clone(),
            });
        }
        Some(ops)
    }
}

/// Writes the HTML of highlighted lines: the same bytes as syntect's
/// `line_tokens_to_classed_spans` with [`CLASS_STYLE`], but each scope's
/// class attribute is made once per thread and kept in `classes`. syntect
/// made it again for every token, atom by atom, under its global scope
/// lock, into a new string per line.
struct ClassSpans<'a> {
    html: &'a mut String,
    classes: &'a mut HashMap<Scope, Box<str>>,
}

impl ClassSpans<'_> {
    /// Appends `line` as marked up by its scope operations `ops` (applied
    /// to `stack`, kept from line to line); returns how many more spans it
    /// opened than it closed. A span that would hold no text is left out.
    fn line(
        &mut self,
        line: &str,
        ops: &[(usize, ScopeStackOp)],
        stack: &mut ScopeStack,
    ) -> Option<isize> {
        let mut written = 0;
        let mut opened: isize = 0;
        // Where the last span opened, while it holds nothing yet.
        let mut empty_since: Option<usize> = None;
        for (at, op) in ops {
            if *at > written {
                empty_since = None;
                escape_into(self.html, line.get(written..*at)?);
                written = *at;
            }
            stack
                .apply_with_hook(op, |basic, _| match basic {
                    BasicScopeStackOp::Push(scope) => {
                        empty_since = Some(self.html.len());
                        self.html.push_str("<span class=\"");
                        self.html.push_str(
                            self.classes
                                .entry(scope)
                                .or_insert_with(|| scope_classes(scope)),
                        );
                        self.html.push_str("\">");
                        opened += 1;
                    }
                    BasicScopeStackOp::Pop => {
                        match empty_since.take() {
                            Some(start) => self.html.truncate(start),
                            None => self.html.push_str("</span>"),
                        }
                        opened -= 1;
                    }
                })
                .ok()?;
        }
        escape_into(self.html, line.get(written..)?);
        Some(opened)
    }
}

/// The classes of `scope`: each of its atoms with [`CLASS_PREFIX`].
fn scope_classes(scope: Scope) -> Box<str> {
    scope
        .build_string()
        .split('.')
        .map(|atom| format!("{CLASS_PREFIX}{atom}"))
        .collect::<Vec<_>>()
        .join(" ")
        .into()
}

/// Bytes of code and HTML the memo keeps before it starts over, so a
/// huge site cannot grow it without bound.
const MEMO_BUDGET: usize = 64 << 20;

impl Highlighter {
    pub fn new() -> Self {
        let syntaxes = SyntaxSet::load_defaults_newlines();
        let themes = ThemeSet::load_defaults();
        let light = themes.themes.get(LIGHT_THEME).map(readable_theme);
        let dark = themes.themes.get(DARK_THEME).map(readable_theme);
        let css = build_css(light.as_ref(), dark.as_ref());
        let threads = rayon::current_num_threads() + 1;
        Highlighter {
            syntaxes,
            css,
            memo: Mutex::default(),
            memo_hits: AtomicUsize::new(0),
            store: None,
            lines: (0..threads).map(|_| Mutex::default()).collect(),
        }
    }

    /// A highlighter that takes the blocks a previous build of this binary
    /// left in the site's cache folder `cache_dir` rather than highlighting
    /// them again, and, when `writable`, leaves this build's there with
    /// [`Highlighter::store`].
    pub fn with_stored(cache_dir: &Path, writable: bool) -> Self {
        Highlighter {
            store: store::BlockStore::open(cache_dir, writable),
            ..Self::new()
        }
    }

    /// Leaves the blocks of this build in the cache folder for the next
    /// (see [`store::BlockStore::finish`]); a highlighter not made by
    /// [`Highlighter::with_stored`] keeps nothing.
    pub fn store(&self) -> std::io::Result<()> {
        self.store
            .as_ref()
            .map_or(Ok(()), store::BlockStore::finish)
    }

    /// How many blocks this build took from those a previous one left.
    pub fn restored(&self) -> usize {
        self.store.as_ref().map_or(0, store::BlockStore::restored)
    }

    /// HTML for a fenced code block (the `<pre><code>` element and all), with
    /// class-based spans when `lang` names a known syntax, escaped text otherwise.
    ///
    /// The result is `<pre class="code" data-lang="LANG"><code>…</code></pre>`
    /// (no `data-lang` when `lang` is `None` or empty). Never panics.
    pub fn block(&self, code: &str, lang: Option<&str>) -> String {
        let lang = lang.map(str::trim).filter(|l| !l.is_empty());
        let mut out = String::with_capacity(code.len() * 2 + 64);
        out.push_str(BLOCK_START);
        if let Some(lang) = lang {
            out.push_str(" data-lang=\"");
            out.push_str(&escape(lang));
            out.push('"');
        }
        out.push_str("><code>");
        let highlighted = lang
            .and_then(|l| self.syntax_for(l))
            .and_then(|syntax| self.highlight_memoized(code, syntax));
        match highlighted {
            Some(html) => out.push_str(&html),
            None => out.push_str(&escape(code)),
        }
        out.push_str("</code></pre>\n");
        out
    }

    /// The syntax for a code block's language token (`rust`, `sh`, `yml`…),
    /// if one is known. Plain-text tokens (`text`, `plain`…) give `None`.
    pub fn syntax_for(&self, lang: &str) -> Option<&SyntaxReference> {
        let lower = lang.to_ascii_lowercase();
        let token = match lower.as_str() {
            "text" | "txt" | "plain" | "plaintext" | "none" | "output" => return None,
            "sh" | "shell" | "bash" | "console" | "zsh" | "shell-session" | "shellsession" => {
                return self
                    .syntaxes
                    .find_syntax_by_name("Bourne Again Shell (bash)")
                    .or_else(|| self.syntaxes.find_syntax_by_extension("sh"));
            }
            "yml" | "yaml" => "yaml",
            "js" | "javascript" | "node" | "mjs" => "js",
            "ts" | "typescript" => "ts",
            "py" | "python" | "python3" => "py",
            "golang" | "go" => "go",
            "c++" | "cpp" | "cxx" => "cpp",
            "rs" | "rust" => "rs",
            "htm" | "html" => "html",
            "md" | "markdown" => "md",
            other => other,
        };
        self.syntaxes.find_syntax_by_token(token)
    }

    /// How many blocks came from the memo instead of syntect.
    pub fn memo_hits(&self) -> usize {
        self.memo_hits.load(Ordering::Relaxed)
    }

    fn highlight_memoized(&self, code: &str, syntax: &SyntaxReference) -> Option<Arc<str>> {
        if let Some(html) = self.store.as_ref().and_then(|s| s.get(&syntax.name, code)) {
            return Some(html);
        }
        let key = (syntax.name.clone(), code.to_string());
        // A poisoned lock only means another page panicked mid-insert;
        // the map itself is still whole.
        let lock = || self.memo.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(html) = lock().blocks.get(&key) {
            self.memo_hits.fetch_add(1, Ordering::Relaxed);
            return Some(html.clone());
        }
        let html: Arc<str> = self.highlight(code, syntax)?.into();
        if let Some(store) = &self.store {
            store.add(&key.0, &key.1, &html);
        }
        let mut memo = lock();
        memo.bytes += key.1.len() + html.len();
        if memo.bytes > MEMO_BUDGET {
            *memo = Memo::default();
        }
        memo.blocks.insert(key, html.clone());
        Some(html)
    }

    fn highlight(&self, code: &str, syntax: &SyntaxReference) -> Option<String> {
        // syntect reports errors, but a panic in a dependency must not take
        // the whole build down either: fall back to plain text.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut state = ParseState::new(syntax);
            let mut scopes = ScopeStack::new();
            let mut html = String::with_capacity(code.len() * 3);
            let mut open_spans: isize = 0;
            let mut memo = self.line_memo();
            for line in LinesWithEndings::from(code) {
                // The newline syntaxes expect every line to end in '\n'.
                let owned;
                let line = if line.ends_with('\n') {
                    line
                } else {
                    owned = format!("{line}\n");
                    &owned
                };
                let ops = memo.parse(&mut state, line, syntax, &self.syntaxes)?;
                let mut spans = ClassSpans {
                    html: &mut html,
                    classes: &mut memo.classes,
                };
                open_spans += spans.line(line, &ops, &mut scopes)?;
            }
            for _ in 0..open_spans {
                html.push_str("</span>");
            }
            if !code.ends_with('\n') && !code.is_empty() {
                // Drop the newline added above (it sits before any closing spans).
                if let Some(pos) = html.rfind('\n') {
                    html.remove(pos);
                }
            }
            Some(html)
        }))
        .ok()
        .flatten()
    }

    /// This thread's line memo.
    fn line_memo(&self) -> std::sync::MutexGuard<'_, LineMemo> {
        let shard = rayon::current_thread_index()
            .map_or(0, |i| i + 1)
            .min(self.lines.len() - 1);
        // A poisoned lock only means a panic mid-insert; the worst left is
        // a line without its states, which the next parse adds again.
        self.lines[shard].lock().unwrap_or_else(|e| e.into_inner())
    }

    /// CSS for the syntax classes: light by default, dark under
    /// `prefers-color-scheme: dark` and `[data-theme=dark]`, light again under
    /// `[data-theme=light]`.
    pub fn css(&self) -> String {
        self.css.clone()
    }
}

impl Default for Highlighter {
    fn default() -> Self {
        Self::new()
    }
}

/// Theme rules are scoped so that exactly one theme applies at a time (a
/// light rule with a long selector must never win over a dark one):
/// the light theme unless the reader prefers dark, the dark theme if they
/// do, and `data-theme` on the root element overriding the preference.
const LIGHT_MEDIA: &str = "@media not all and (prefers-color-scheme: dark)";
const LIGHT_MEDIA_SCOPE: &str = ":root:not([data-theme=dark])";
const LIGHT_SCOPE: &str = "[data-theme=light]";
const DARK_MEDIA: &str = "@media (prefers-color-scheme: dark)";
const DARK_MEDIA_SCOPE: &str = ":root:not([data-theme=light])";
const DARK_SCOPE: &str = "[data-theme=dark]";

/// Where a highlighted block starts (see [`Highlighter::block`]).
const BLOCK_START: &str = "<pre class=\"code\"";
/// How every span the highlighter writes starts.
const SPAN_START: &str = "<span class=\"hl-";

/// `html` with the highlighter's `<span class="hl-…">` wrappers (and
/// their end tags) taken out of its code blocks; the text is untouched.
/// A span carries no words and adds no space, but they are a third of a
/// benchmark page's elements, and the search indexer's HTML parser pays
/// for every element. Spans written by hand (raw HTML in a page) stay.
pub fn without_spans(html: &str) -> std::borrow::Cow<'_, str> {
    // Found with memchr's searchers: std's substring search was a
    // quarter of this function's time on a highlighted page.
    let block_start = memchr::memmem::Finder::new(BLOCK_START);
    let block_end = memchr::memmem::Finder::new("</pre>");
    if block_start.find(html.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = block_start.find(rest.as_bytes()) {
        let Some(len) = block_end.find(&rest.as_bytes()[start..]) else {
            break;
        };
        out.push_str(&rest[..start]);
        strip_block_spans(&rest[start..start + len], &mut out);
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

fn strip_block_spans(block: &str, out: &mut String) {
    // One entry per open span: whether it is the highlighter's (dropped
    // with its end tag) or one written by hand (kept).
    let mut open: Vec<bool> = Vec::new();
    let mut rest = block;
    // memchr, not `str::find`: a block has a tag every few bytes, and std's
    // search for a char was most of this function's time.
    while let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let Some(gt) = memchr::memchr(b'>', rest.as_bytes()) else {
            break;
        };
        let tag = &rest[..=gt];
        if tag == "</span>" {
            if open.pop() != Some(true) {
                out.push_str(tag);
            }
        } else if tag.starts_with("<span") {
            let ours = tag
                .strip_prefix(SPAN_START)
                .and_then(|t| t.strip_suffix("\">"))
                .is_some_and(|classes| memchr::memchr2(b'"', b'<', classes.as_bytes()).is_none());
            open.push(ours);
            if !ours {
                out.push_str(tag);
            }
        } else {
            out.push_str(tag);
        }
        rest = &rest[gt + 1..];
    }
    out.push_str(rest);
}

fn build_css(light: Option<&Theme>, dark: Option<&Theme>) -> String {
    let mut css = String::new();
    css.push_str("/* Code highlighting (generated by charter from syntect themes) */\n");
    if let Some(light) = light {
        // Unscoped, so code blocks keep the light background even where
        // media queries on colour schemes are not supported.
        css.push_str(&pre_rule(light));
        let _ = writeln!(css, "/* light: {LIGHT_THEME} */");
        push_theme(&mut css, light, LIGHT_MEDIA, LIGHT_MEDIA_SCOPE, LIGHT_SCOPE);
    }
    if let Some(dark) = dark {
        let _ = writeln!(css, "/* dark: {DARK_THEME} */");
        push_theme(&mut css, dark, DARK_MEDIA, DARK_MEDIA_SCOPE, DARK_SCOPE);
    }
    css
}

/// The theme's rules (and `pre.code` colours) twice: under `media` scoped
/// by `media_scope`, and scoped by `scope`.
fn push_theme(css: &mut String, theme: &Theme, media: &str, media_scope: &str, scope: &str) {
    let mut flat = pre_rule(theme);
    if let Ok(rules) = css_for_theme_with_class_style(theme, CLASS_STYLE) {
        flat.push_str(&rules);
    }
    let rules = split_rules(&flat);
    let _ = writeln!(css, "{media} {{");
    for (selectors, body) in &rules {
        let _ = writeln!(css, "  {} {{{}}}", prefixed(media_scope, selectors), body);
    }
    css.push_str("}\n");
    for (selectors, body) in &rules {
        let _ = writeln!(css, "{} {{{}}}", prefixed(scope, selectors), body);
    }
}

/// The contrast WCAG 2 asks of text against its background (level AA).
const MIN_CONTRAST: f64 = 4.5;

/// `theme` with every token colour that is too faint on the theme's
/// background made lighter (on a dark one) or darker until it reads:
/// base16-ocean.dark's comments are 2.7:1, for one.
fn readable_theme(theme: &Theme) -> Theme {
    let mut theme = theme.clone();
    let Some(background) = theme.settings.background else {
        return theme;
    };
    if let Some(fg) = theme.settings.foreground.as_mut() {
        *fg = readable_on(*fg, background);
    }
    for item in &mut theme.scopes {
        let behind = item.style.background.unwrap_or(background);
        if let Some(fg) = item.style.foreground.as_mut() {
            *fg = readable_on(*fg, behind);
        }
    }
    theme
}

/// `fg` as it is when it has [`MIN_CONTRAST`] on `bg`, else mixed with
/// white or black (whichever `bg` is further from) just enough to have it.
fn readable_on(fg: Color, bg: Color) -> Color {
    if contrast(fg, bg) >= MIN_CONTRAST {
        return fg;
    }
    let target = if luminance(bg) < 0.18 { 255.0 } else { 0.0 };
    let mix = |c: u8, t: f64| (f64::from(c) + (target - f64::from(c)) * t).round() as u8;
    (1..=20)
        .map(|step| f64::from(step) / 20.0)
        .map(|t| Color {
            r: mix(fg.r, t),
            g: mix(fg.g, t),
            b: mix(fg.b, t),
            a: fg.a,
        })
        .find(|c| contrast(*c, bg) >= MIN_CONTRAST)
        .unwrap_or(fg)
}

/// WCAG 2's relative luminance of an sRGB colour.
fn luminance(c: Color) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

/// WCAG 2's contrast ratio of two colours (1 to 21).
fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `pre.code` colours from the theme's own foreground and background.
fn pre_rule(theme: &Theme) -> String {
    let mut body = String::new();
    if let Some(c) = theme.settings.foreground {
        let _ = write!(body, " color: #{:02x}{:02x}{:02x};", c.r, c.g, c.b);
    }
    if let Some(c) = theme.settings.background {
        let _ = write!(
            body,
            " background-color: #{:02x}{:02x}{:02x};",
            c.r, c.g, c.b
        );
    }
    if body.is_empty() {
        return String::new();
    }
    format!("pre.code {{{body} }}\n")
}

fn prefixed(scope: &str, selectors: &[String]) -> String {
    selectors
        .iter()
        .map(|s| format!("{scope} {s}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Splits flat CSS (no at-rules) into `(selectors, declarations)` pairs,
/// dropping comments and collapsing whitespace in declarations.
fn split_rules(css: &str) -> Vec<(Vec<String>, String)> {
    let css = strip_comments(css);
    let mut rules = Vec::new();
    for chunk in css.split('}') {
        let Some((selectors, body)) = chunk.split_once('{') else {
            continue;
        };
        let selectors: Vec<String> = selectors
            .split(',')
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
            .collect();
        if selectors.is_empty() {
            continue;
        }
        let decls: Vec<&str> = body
            .split(';')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .collect();
        if decls.is_empty() {
            continue;
        }
        let mut body = String::new();
        for d in decls {
            let _ = write!(
                body,
                " {};",
                d.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
        body.push(' ');
        rules.push((selectors, body));
    }
    rules
}

fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        match rest[start + 2..].find("*/") {
            Some(end) => rest = &rest[start + 2 + end + 2..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    /// vendor/syntect leaves a match's capture groups to be found once it
    /// wins its token (`search_match`, `fill_groups`); what it fills in
    /// must be what the search with groups finds. (The vendored crate's
    /// own tests need its test data, which is not vendored.)
    #[test]
    fn groups_left_pending_are_the_groups_search_finds() {
        use syntect::parsing::{Regex, Region};
        let cases = [
            (r"\b(fn|let)\s+([a-z_]+)", "  let value = fn_name;", 0, true),
            (r"(\d+)(?:\.(\d+))?", "version 10.25 or 3", 9, true),
            (r"(?i)(select)|(from)", "x FROM y", 0, true),
            // Lookaround: fancy-regex's own search, groups found at once.
            (r"(?<=\$)(\w+)", "a $name b", 0, false),
        ];
        for (pattern, text, begin, pending) in cases {
            let regex = Regex::new(pattern.to_string());
            let mut eager = Region::new();
            assert!(regex.search(text, begin, text.len(), Some(&mut eager)));
            let mut lazy = Region::new();
            assert!(regex.search_match(text, begin, text.len(), &mut lazy));
            assert_eq!(lazy.pos(0), eager.pos(0), "{pattern}");
            assert_eq!(lazy.groups_pending(), pending, "{pattern}");
            regex.fill_groups(text, text.len(), &mut lazy);
            assert!(!lazy.groups_pending());
            assert_eq!(lazy, eager, "{pattern}");
        }
        let regex = Regex::new(r"(x)".to_string());
        let mut region = Region::new();
        assert!(!regex.search_match("abc", 0, 3, &mut region));
    }

    /// Each thread searches with its own copy of a compiled regex
    /// (vendor/syntect/CHARTER.md), and threads past the copies share
    /// them: every thread must find what one thread alone finds.
    #[test]
    fn threads_find_the_same_matches_with_their_copies() {
        use syntect::parsing::{Regex, Region};
        let regex = Regex::new(r"\b(fn|let)\s+([a-z_]+)".to_string());
        let text = "fn main() { let value = 1; let other = 2; }";
        let found = |regex: &Regex| {
            let mut at = 0;
            let mut matches = Vec::new();
            let mut region = Region::new();
            while regex.search(text, at, text.len(), Some(&mut region)) {
                let (start, end) = region.pos(0).unwrap();
                matches.push((start, end, region.pos(2)));
                at = end;
            }
            matches
        };
        let alone = found(&regex);
        assert_eq!(alone.len(), 3);
        std::thread::scope(|scope| {
            let threads: Vec<_> = (0..12).map(|_| scope.spawn(|| found(&regex))).collect();
            for thread in threads {
                assert_eq!(thread.join().unwrap(), alone);
            }
        });
    }

    /// The parser tries a context's patterns from a list made once per
    /// context (vendor/syntect/CHARTER.md): it must be the walk of the
    /// context's includes that it replaces, for every context of every
    /// syntax.
    #[test]
    fn flattened_patterns_are_the_walked_ones() {
        let checked = SyntaxSet::load_defaults_newlines().check_flat_patterns();
        assert!(matches!(checked, Ok(n) if n > 4_000), "{checked:?}");
    }

    /// vendor/syntect begins a search at the first byte a match of its
    /// pattern can start with (fancy-regex's `start_bytes`); the match
    /// found must be the one fancy-regex finds from where the search was
    /// asked to begin, for every pattern of every syntax, from every
    /// place in lines of code in several languages (case folding beyond
    /// ASCII, lookbehind and word boundaries among them).
    #[test]
    fn searches_begun_at_a_possible_start_find_what_fancy_regex_finds() {
        use syntect::parsing::syntax_definition::Pattern;
        use syntect::parsing::{Regex, Region};
        let lines = [
            "fn main() { let s = \"x\"; }  // done\n",
            "    def f(self, *args, **kw): return r'\\d+' # note\n",
            "#include <stdio.h>\n",
            "SELECT name FROM t WHERE id = 42; -- ſelect \u{212a}ey\n",
            "echo \"$HOME/${dir:-x}\" | grep -c 'é' && exit 1\n",
            "key: [1, 2.5e3, 0x1F, true, null] # yaml\n",
            "<a href=\"/x\">\u{c9}t\u{e9}</a><!-- c --> &amp;\n",
            "const re = /ab+c/gi; x => `t${y}`;\n",
            "\tint *p = &a[3]; /* c */ return p->n >= 0 ? 1 : -1;\n",
            "ÿŸ ǅ Σσς İı ﬀ \u{1F600} \\\\ @decorator abab\n",
        ];
        // Patterns no default syntax has, which a site's own syntax may:
        // `\G` matches only where a search begins.
        let extra = [
            r"\Gab",
            r"\G\s*x",
            r"\G[a-z]",
            r"a\Kb",
            r"(?i)kelvin",
            r"(?i)é|ſ",
        ];
        let builder = SyntaxSet::load_defaults_newlines().into_builder();
        let mut patterns: Vec<String> = extra.iter().map(|p| p.to_string()).collect();
        for syntax in builder.syntaxes() {
            for context in syntax.contexts.values() {
                for pattern in &context.patterns {
                    match pattern {
                        Pattern::Match(m) if !m.has_captures => {
                            patterns.push(m.regex.regex_str().to_string())
                        }
                        _ => {}
                    }
                }
            }
        }
        // Contexts share many patterns: each is compared once.
        patterns.sort_unstable();
        patterns.dedup();
        let mut searched = 0;
        let mut region = Region::new();
        for text in &patterns {
            let ours = Regex::new(text.clone());
            let theirs = fancy_regex::RegexBuilder::new(text)
                .oniguruma_mode(true)
                .build()
                .expect("every pattern compiles");
            for line in lines {
                for (begin, _) in line.char_indices() {
                    let found = ours
                        .search_match(line, begin, line.len(), &mut region)
                        .then(|| region.pos(0).expect("a match has a position"));
                    let expected = theirs
                        .find_from_pos(line, begin)
                        .ok()
                        .flatten()
                        .map(|m| (m.start(), m.end()));
                    assert_eq!(found, expected, "{text:?} in {line:?} from {begin}");
                    searched += 1;
                }
            }
        }
        assert!(
            searched > 1_000_000,
            "{searched} searches of {} patterns",
            patterns.len()
        );
    }

    /// syntect compiles a pattern when a line first needs it and panics if
    /// it does not compile, so every pattern of every syntax charter ships
    /// must compile with the regex engine it is built with (fancy-regex
    /// 0.20, vendor/syntect/CHARTER.md). Patterns with back-references to
    /// another match are compiled per use and left out.
    #[test]
    fn every_pattern_of_every_syntax_compiles() {
        use syntect::parsing::syntax_definition::Pattern;
        let builder = SyntaxSet::load_defaults_newlines().into_builder();
        let mut compiled = 0;
        let mut failed = Vec::new();
        for syntax in builder.syntaxes() {
            for context in syntax.contexts.values() {
                for pattern in &context.patterns {
                    let Pattern::Match(m) = pattern else { continue };
                    if m.has_captures {
                        continue;
                    }
                    match std::panic::catch_unwind(|| m.regex.is_match("x")) {
                        Ok(_) => compiled += 1,
                        Err(_) => failed.push(format!("{}: {}", syntax.name, m.regex.regex_str())),
                    }
                }
            }
        }
        assert!(failed.is_empty(), "{failed:#?}");
        assert!(compiled > 8_000, "{compiled} patterns");
    }

    fn hl() -> &'static Highlighter {
        static H: OnceLock<Highlighter> = OnceLock::new();
        H.get_or_init(Highlighter::new)
    }

    #[test]
    fn a_repeated_block_is_highlighted_once() {
        let highlighter = Highlighter::new();
        let code = "let unique_to_this_test = 1;\n";
        let first = highlighter.block(code, Some("rust"));
        assert_eq!(highlighter.memo_hits(), 0);
        let again = highlighter.block(code, Some("rs"));
        assert_eq!(
            again,
            first.replace("data-lang=\"rust\"", "data-lang=\"rs\"")
        );
        assert_eq!(highlighter.memo_hits(), 1);
        // Another language is another block.
        highlighter.block(code, Some("python"));
        assert_eq!(highlighter.memo_hits(), 1);
    }

    /// What syntect's own HTML generator makes of `code`, line by line.
    fn reference_html(code: &str, syntax: &SyntaxReference, syntaxes: &SyntaxSet) -> String {
        let mut generator = syntect::html::ClassedHTMLGenerator::new_with_class_style(
            syntax,
            syntaxes,
            CLASS_STYLE,
        );
        for line in LinesWithEndings::from(code) {
            let line = if line.ends_with('\n') {
                line.to_string()
            } else {
                format!("{line}\n")
            };
            generator
                .parse_html_for_line_which_includes_newline(&line)
                .unwrap();
        }
        let mut html = generator.finalize();
        if !code.ends_with('\n') && !code.is_empty() {
            let pos = html.rfind('\n').unwrap();
            html.remove(pos);
        }
        html
    }

    #[test]
    fn remembered_lines_highlight_as_syntect_does_in_every_parser_state() {
        let h = Highlighter::new();
        // The same lines inside and outside comments, strings and blocks:
        // a remembered line is only reused in the state it was parsed in.
        let blocks = [
            ("rust", "let x = 1;\n/*\nlet x = 1;\n*/\nlet x = 1;\n}\n"),
            (
                "rust",
                "fn f() {\n    let x = 1;\n}\nlet s = \"\nlet x = 1;\n\";\n",
            ),
            ("python", "x = 1\n\"\"\"\nx = 1\n\"\"\"\nx = 1"),
            ("sh", "echo hi\ncat <<EOF\necho hi\nEOF\necho hi\n"),
            ("yaml", "a: 1\nb: |\n  a: 1\na: 1\n"),
            ("c", "int x;\n#if 0\nint x;\n#endif\nint x;\n"),
        ];
        // Twice: the second round comes from the line memo throughout.
        for round in 0..2 {
            for (lang, code) in blocks {
                let syntax = h.syntax_for(lang).unwrap();
                assert_eq!(
                    h.highlight(code, syntax).unwrap(),
                    reference_html(code, syntax, &h.syntaxes),
                    "round {round}, {lang}: {code}"
                );
            }
        }
        let remembered: usize = h
            .lines
            .iter()
            .map(|m| {
                m.lock()
                    .unwrap()
                    .lines
                    .values()
                    .map(HashMap::len)
                    .sum::<usize>()
            })
            .sum();
        assert!(remembered > 10, "{remembered} lines remembered");
    }

    /// The spans are written by charter ([`ClassSpans`]), not syntect's
    /// `line_tokens_to_classed_spans`: the same bytes in every syntax, with
    /// text that needs escaping, spans left empty and ones across lines.
    #[test]
    fn class_spans_are_syntect_s_in_every_syntax() {
        let h = Highlighter::new();
        let code = "<a href=\"x&y\">'q'</a> // é → 💡\n\
                    /* open\n  comment */ fn f(a: &str) -> i32 { \"s\\\"\" }\n\
                    # x = [1, 2.5e3, 0x1F]; if a < b && c > d: pass\n\
                    key: 'v' # end\n\n\t\"unterminated";
        let mut syntaxes = 0;
        for syntax in h.syntaxes.syntaxes() {
            assert_eq!(
                h.highlight(code, syntax).unwrap(),
                reference_html(code, syntax, &h.syntaxes),
                "{}",
                syntax.name
            );
            syntaxes += 1;
        }
        assert!(syntaxes > 50, "{syntaxes} syntaxes");
    }

    #[test]
    fn highlighter_is_sync_and_send() {
        fn check<T: Sync + Send>() {}
        check::<Highlighter>();
    }

    #[test]
    fn rust_gets_prefixed_classes() {
        let html = hl().block("fn main() { if true {} }\n", Some("rust"));
        assert!(
            html.starts_with("<pre class=\"code\" data-lang=\"rust\"><code>"),
            "{html}"
        );
        assert!(html.ends_with("</code></pre>\n"), "{html}");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.contains("hl-keyword"), "{html}");
        assert!(!html.contains("class=\"source"), "{html}");
        assert!(
            html.contains("hl-storage hl-type hl-function hl-rust\">fn</span>"),
            "{html}"
        );
    }

    /// A heredoc's end is a pattern made with the opening's word
    /// (a backreference), kept per thread by its text
    /// (vendor/syntect/CHARTER.md): each block's heredoc ends at its own
    /// word, whether the pattern is new or made before.
    #[test]
    fn heredocs_end_at_their_own_word_block_after_block() {
        let highlighter = Highlighter::new();
        let first = highlighter.block("cat <<EOF\nEND\nEOF\necho one\n", Some("sh"));
        let again = highlighter.block("cat <<EOF\nEND\nEOF\necho two\n", Some("sh"));
        let other = highlighter.block("cat <<END\nEOF\nEND\necho one\n", Some("sh"));
        // After the heredoc, `echo` is a command again, not heredoc text.
        for html in [&first, &again, &other] {
            let after = &html[html.rfind("echo").unwrap() - 40..];
            assert!(
                after.contains("hl-support") || after.contains("hl-function"),
                "{html}"
            );
        }
        // Inside, the other word is text: the two heredocs mark up alike.
        assert_eq!(
            first.replace("EOF", "X").replace("END", "Y"),
            other.replace("END", "X").replace("EOF", "Y")
        );
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        let html = hl().block("a < b && c\n", Some("no-such-lang"));
        assert_eq!(
            html,
            "<pre class=\"code\" data-lang=\"no-such-lang\"><code>a &lt; b &amp;&amp; c\n</code></pre>\n"
        );
    }

    #[test]
    fn no_language_is_plain() {
        let html = hl().block("<x>\n", None);
        assert_eq!(html, "<pre class=\"code\"><code>&lt;x&gt;\n</code></pre>\n");
        assert_eq!(
            hl().block("x", Some("  ")),
            "<pre class=\"code\"><code>x</code></pre>\n"
        );
    }

    #[test]
    fn lang_attribute_is_escaped() {
        let html = hl().block("x\n", Some("\"><script>"));
        assert!(html.starts_with("<pre class=\"code\" data-lang=\"&quot;&gt;&lt;script&gt;\">"));
    }

    #[test]
    fn aliases_resolve() {
        for (token, name) in [
            ("sh", "Bourne Again Shell (bash)"),
            ("shell", "Bourne Again Shell (bash)"),
            ("bash", "Bourne Again Shell (bash)"),
            ("console", "Bourne Again Shell (bash)"),
            ("yml", "YAML"),
            ("yaml", "YAML"),
            ("js", "JavaScript"),
            ("javascript", "JavaScript"),
            ("c", "C"),
            ("cpp", "C++"),
            ("c++", "C++"),
            ("python", "Python"),
            ("py", "Python"),
            ("go", "Go"),
            ("java", "Java"),
            ("json", "JSON"),
            ("xml", "XML"),
            ("html", "HTML"),
            ("rust", "Rust"),
            ("Rust", "Rust"),
        ] {
            let syntax = hl().syntax_for(token).map(|s| s.name.as_str());
            assert_eq!(syntax, Some(name), "token {token}");
        }
        assert!(hl().syntax_for("text").is_none());
        assert!(hl().syntax_for("no-such-lang").is_none());
    }

    #[test]
    fn code_without_trailing_newline_keeps_text() {
        let html = hl().block("let x = 1;", Some("rust"));
        assert_eq!(html.matches('\n').count(), 1, "{html}");
        assert!(html.ends_with("</code></pre>\n"), "{html}");
        assert!(html.contains("hl-"), "{html}");
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for code in [
            "",
            "\n",
            "\r\n",
            "\"unterminated",
            "/* x",
            "\u{0}\u{feff}é",
            "```",
        ] {
            for lang in ["rust", "sh", "html", "yaml", "json", "c", "python", "xml"] {
                let html = hl().block(code, Some(lang));
                assert!(html.starts_with("<pre class=\"code\""));
            }
        }
    }

    #[test]
    fn every_token_colour_reads_on_its_background() {
        let themes = ThemeSet::load_defaults();
        for name in [LIGHT_THEME, DARK_THEME] {
            let original = &themes.themes[name];
            let theme = readable_theme(original);
            let bg = theme.settings.background.unwrap();
            let mut changed = 0;
            for (item, before) in theme.scopes.iter().zip(&original.scopes) {
                if let Some(fg) = item.style.foreground {
                    let behind = item.style.background.unwrap_or(bg);
                    assert!(contrast(fg, behind) >= MIN_CONTRAST, "{name}: {fg:?}");
                    let was = before.style.foreground.unwrap();
                    if contrast(was, behind) >= MIN_CONTRAST {
                        assert_eq!(fg, was, "{name}: a readable colour stays");
                    } else {
                        changed += 1;
                    }
                }
            }
            if name == DARK_THEME {
                assert!(changed > 0, "base16-ocean.dark's comments are too faint");
            }
        }
        let grey = Color {
            r: 0x65,
            g: 0x73,
            b: 0x7e,
            a: 0xff,
        };
        let dark = Color {
            r: 0x2b,
            g: 0x30,
            b: 0x3b,
            a: 0xff,
        };
        assert!((contrast(grey, dark) - 2.71).abs() < 0.01);
        assert!(
            luminance(readable_on(grey, dark)) > luminance(grey),
            "lighter on dark"
        );
    }

    #[test]
    fn css_has_both_themes() {
        let css = hl().css();
        assert!(css.contains(".hl-"), "{css}");
        assert!(css.contains("@media (prefers-color-scheme: dark) {"));
        assert!(css.contains(":root:not([data-theme=light]) .hl-"));
        assert!(css.contains("[data-theme=dark] .hl-"));
        assert!(css.contains("[data-theme=dark] pre.code {"));
        assert!(css.contains(":root:not([data-theme=light]) pre.code {"));
        // InspiredGitHub background is white; base16-ocean.dark's is #2b303b.
        assert!(
            css.contains("pre.code { color: #323232; background-color: #ffffff; }"),
            "{css}"
        );
        assert!(css.contains("background-color: #2b303b;"));
        assert!(css.contains("@media not all and (prefers-color-scheme: dark) {"));
        assert!(css.contains(":root:not([data-theme=dark]) .hl-comment {"));
        assert!(css.contains("[data-theme=light] .hl-comment {"));
        // Every theme rule is scoped to one theme (outside the media blocks
        // too), except the unscoped light `pre.code` fallback.
        let mut in_media = false;
        for line in css.lines().skip(1) {
            if line.starts_with("/*") || line == "}" {
                in_media = false;
                continue;
            }
            if line.starts_with("@media") {
                in_media = true;
                continue;
            }
            if line.starts_with("pre.code {") {
                continue;
            }
            let selectors = line.split('{').next().unwrap();
            for sel in selectors.split(',') {
                let sel = sel.trim();
                let scoped = if in_media {
                    sel.starts_with(":root:not([data-theme=")
                } else {
                    sel.starts_with("[data-theme=")
                };
                assert!(scoped, "{line}");
            }
        }
        // Braces balance.
        assert_eq!(css.matches('{').count(), css.matches('}').count());
    }

    #[test]
    fn split_rules_handles_lists_and_comments() {
        let rules = split_rules("/* a } b */ .a, .b .c {\n color: red;\n}\n.d{x:y}");
        assert_eq!(
            rules,
            vec![
                (
                    vec![".a".to_string(), ".b .c".to_string()],
                    " color: red; ".to_string()
                ),
                (vec![".d".to_string()], " x:y; ".to_string()),
            ]
        );
    }

    #[test]
    fn without_spans_keeps_a_blocks_text_and_drops_only_its_spans() {
        let code = "fn main() {\n    let x = 1 < 2 && true;\n}\n";
        let highlighted = hl().block(code, Some("rust"));
        assert!(highlighted.contains("<span class=\"hl-"), "{highlighted}");
        let plain = without_spans(&highlighted);
        assert!(!plain.contains("<span"), "{plain}");
        assert_eq!(
            plain,
            hl().block(code, Some("no-such-lang"))
                .replace("no-such-lang", "rust")
        );
    }

    #[test]
    fn without_spans_leaves_hand_written_spans_and_other_html_alone() {
        let page = "<p><span class=\"hl-x\">outside</span></p>\
            <pre class=\"code\"><code><span class=\"hl-a\">a<span data-pagefind-weight=\"2\">b\
            <span class=\"hl-c\">c</span></span>d</span><span class=\"hl-x\" id=\"k\">e</span></code></pre>\
            <p>after <span class=\"hl-y\">y</span></p>";
        assert_eq!(
            without_spans(page),
            "<p><span class=\"hl-x\">outside</span></p>\
            <pre class=\"code\"><code>a<span data-pagefind-weight=\"2\">b\
            c</span>d<span class=\"hl-x\" id=\"k\">e</span></code></pre>\
            <p>after <span class=\"hl-y\">y</span></p>"
        );
        let no_code = "<p>no code</p>";
        assert!(matches!(
            without_spans(no_code),
            std::borrow::Cow::Borrowed(_)
        ));
        // An unclosed block or tag is left as it is.
        for odd in [
            "<pre class=\"code\"><span class=\"hl-a\">x",
            "<pre class=\"code\">a <b </pre>",
        ] {
            assert!(without_spans(odd).starts_with("<pre class=\"code\">"));
        }
    }
}
