//! Markdown to HTML for one page: pulldown-cmark events with tables,
//! footnotes, strikethrough, task lists, heading attributes and GitHub's
//! alerts (titled by the caller, in the text's language); stable,
//! de-duplicated heading ids with hover anchors; the page's table of
//! contents; link rewriting through a `LinkResolver`; code highlighting
//! (through `highlight`). Knows nothing of the site: links are resolved by
//! the caller's resolver.

use crate::highlight::Highlighter;
use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd,
};
use serde::Serialize;
use std::collections::HashSet;

/// What the caller says about a link destination written in Markdown.
pub trait LinkResolver: Sync {
    /// The href to write for `dest` (as written in Markdown, e.g.
    /// `../book/02-how.md#scope`, `/rfcs/9/1.png`, `https://…`), or `None`
    /// to keep it as written.
    fn resolve(&self, dest: &str) -> Option<String>;
}

/// A resolver that keeps every link as written (for tests and fragments).
pub struct KeepLinks;

impl LinkResolver for KeepLinks {
    fn resolve(&self, _dest: &str) -> Option<String> {
        None
    }
}

/// Everything the renderer needs for one page body.
pub struct Input<'a> {
    pub text: &'a str,
    /// 1-based line of the file on which `text` starts (after front matter),
    /// so recorded positions are positions in the file.
    pub first_line: usize,
    pub resolver: &'a dyn LinkResolver,
    pub highlighter: &'a Highlighter,
    /// Spec text: BCP 14 keywords marked up and collected as requirements.
    pub bcp14: bool,
    /// Links bare spec shortnames (`42/C4`) in running text.
    pub shortnames: Option<&'a dyn ShortnameLinks>,
    /// On a translation: the source page's headings, whose ids the
    /// translation's headings take by position so `#anchors` survive.
    pub source_headings: Option<&'a [Heading]>,
    /// The words the renderer writes, in the text's language.
    pub labels: &'a Labels,
}

/// The words the renderer writes into a page: what each kind of alert
/// (`> [!NOTE]`, `> [!WARNING]` …) is titled, and what a task list's
/// checkbox says to a screen reader.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Labels {
    pub note: String,
    pub tip: String,
    pub important: String,
    pub warning: String,
    pub caution: String,
    /// `- [x] …`
    pub task_done: String,
    /// `- [ ] …`
    pub task_todo: String,
}

impl Default for Labels {
    /// English (GitHub's alert titles).
    fn default() -> Self {
        Labels {
            note: "Note".into(),
            tip: "Tip".into(),
            important: "Important".into(),
            warning: "Warning".into(),
            caution: "Caution".into(),
            task_done: "Done".into(),
            task_todo: "To do".into(),
        }
    }
}

impl Labels {
    /// The kind's name (for `data-alert`) and its title.
    fn of(&self, kind: BlockQuoteKind) -> (&'static str, &str) {
        match kind {
            BlockQuoteKind::Note => ("note", &self.note),
            BlockQuoteKind::Tip => ("tip", &self.tip),
            BlockQuoteKind::Important => ("important", &self.important),
            BlockQuoteKind::Warning => ("warning", &self.warning),
            BlockQuoteKind::Caution => ("caution", &self.caution),
        }
    }
}

/// A heading of a page, in outline order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    /// 1-based line in the file.
    pub line: usize,
}

/// Knows which shortnames name specs of the site.
pub trait ShortnameLinks: Sync {
    /// The URL of the spec with this exact shortname, if there is one.
    fn url(&self, shortname: &str) -> Option<String>;
}

/// A sentence of a spec that holds BCP 14 keywords.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Requirement {
    /// Id of the heading the sentence is under (empty before the first).
    pub section: String,
    pub keywords: Vec<String>,
    pub sentence: String,
}

/// One heading of the page, for the per-page table of contents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    /// Plain text of the heading.
    pub title: String,
}

/// A link or image as written in the source, and what it became.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkRecord {
    /// Destination as written in Markdown.
    pub dest: String,
    /// The href/src written to HTML.
    pub href: String,
    pub is_image: bool,
    /// 1-based line and column in the file of the link's start (`[` or `!`).
    pub line: usize,
    pub column: usize,
    /// Made by charter from a bare shortname (`42/C4`), not written as a link.
    pub auto: bool,
    /// An `href` or `src` of raw HTML in the Markdown: kept as written, and
    /// recorded only so the link check can name where it was written.
    pub raw: bool,
}

/// The rendered body of one page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub links: Vec<LinkRecord>,
    /// Plain text of the first level-1 heading, if any.
    pub first_heading: Option<String>,
    /// Sentences with BCP 14 keywords (only when `Input::bcp14`).
    pub requirements: Vec<Requirement>,
    /// Every heading, in order.
    pub headings: Vec<Heading>,
    /// On a translation whose outline differs from the source's: the index of
    /// the first heading that does not match.
    pub outline_mismatch: Option<usize>,
    /// Plain text of the first paragraph outside lists, quotes and tables,
    /// shortened to a sentence or two: the page's description when its front
    /// matter gives none (search engines and link previews show it).
    pub summary: Option<String>,
}

/// The pulldown-cmark options every page is parsed with.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        // GitHub's alerts (`> [!NOTE]`), which GitHub shows the same files with.
        | Options::ENABLE_GFM
}

/// Renders one page body.
pub fn render(input: &Input<'_>) -> Rendered {
    let text = input.text;
    // A page has an event for every 30 bytes or so: room for them up front
    // spares the copies of a list that grows (0.7% of a build's
    // instructions).
    let mut events: Vec<(Event<'_>, std::ops::Range<usize>)> =
        Vec::with_capacity(text.len() / 16 + 16);
    events.extend(Parser::new_ext(text, options()).into_offset_iter());

    // Explicit ids are reserved first, so generated ids never take them.
    let mut ids: HashSet<String> = HashSet::new();
    for (event, _) in &events {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
            ids.insert(id.to_string());
        }
    }

    let mut positions = Positions::new(text, input.first_line);
    let mut rendered = Rendered::default();
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut heading: Option<HeadingBuf<'_>> = None;
    let mut code: Option<CodeBuf> = None;
    let mut link_depth = 0usize;
    let mut requirements = Sentences::default();
    let mut summary = Summary::default();
    let decorate_text = input.bcp14 || input.shortnames.is_some();

    for (event, range) in events {
        if let Some(buf) = code.as_mut() {
            match event {
                Event::Text(t) => buf.text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let buf = code.take().unwrap_or_default();
                    let html = input.highlighter.block(&buf.text, buf.lang.as_deref());
                    out.push(Event::Html(html.into()));
                }
                // Nothing else occurs inside a code block; keep it if it does.
                other => out.push(other),
            }
            continue;
        }
        if let Event::Html(_) | Event::InlineHtml(_) = &event {
            raw_html_links(text, range.clone(), &mut positions, &mut rendered);
        }
        summary.see(&event);
        let event = match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => code_lang(&info).map(str::to_string),
                    CodeBlockKind::Indented => None,
                };
                code = Some(CodeBuf {
                    lang,
                    text: String::new(),
                });
                continue;
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading = Some(HeadingBuf {
                    level: level as u8,
                    line: positions.at(range.start).0,
                    id: id.map(|id| id.to_string()),
                    classes,
                    attrs,
                    events: Vec::new(),
                    plain: String::new(),
                });
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(buf) = heading.take() {
                    let (html, id) =
                        finish_heading(buf, &mut ids, &mut rendered, input.source_headings);
                    out.push(Event::Html(html.into()));
                    requirements.section = id;
                }
                continue;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = link(
                    input,
                    &mut positions,
                    &mut rendered,
                    link_type,
                    dest_url,
                    range.start,
                    false,
                );
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = link(
                    input,
                    &mut positions,
                    &mut rendered,
                    link_type,
                    dest_url,
                    range.start,
                    true,
                );
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            other => other,
        };
        let event = match event {
            Event::End(TagEnd::Link | TagEnd::Image) => {
                link_depth = link_depth.saturating_sub(1);
                event
            }
            Event::Text(t) if heading.is_none() && link_depth == 0 && decorate_text => {
                if input.bcp14 {
                    requirements.text.push_str(&t);
                }
                match decorate(input, &t, range.start, &mut positions, &mut rendered) {
                    Some(html) => Event::Html(html.into()),
                    None => Event::Text(t),
                }
            }
            other => other,
        };
        if matches!(event, Event::Start(Tag::Link { .. } | Tag::Image { .. })) {
            link_depth += 1;
        }
        if input.bcp14 && heading.is_none() {
            match &event {
                Event::Code(t) => {
                    requirements.text.push('`');
                    requirements.text.push_str(t);
                    requirements.text.push('`');
                }
                Event::Text(t) if link_depth > 0 => requirements.text.push_str(t),
                Event::SoftBreak | Event::HardBreak => requirements.text.push(' '),
                Event::End(
                    TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::BlockQuote(_),
                ) => requirements.flush(&mut rendered.requirements),
                _ => {}
            }
        }
        match heading.as_mut() {
            Some(buf) => {
                match &event {
                    Event::Text(t) | Event::Code(t) => buf.plain.push_str(t),
                    Event::SoftBreak | Event::HardBreak => buf.plain.push(' '),
                    _ => {}
                }
                buf.events.push(event);
            }
            None => out.push(labelled_markup(event, input.labels)),
        }
    }
    // A well-formed event stream closes everything; be defensive anyway.
    if let Some(buf) = code.take() {
        let html = input.highlighter.block(&buf.text, buf.lang.as_deref());
        out.push(Event::Html(html.into()));
    }
    if let Some(buf) = heading.take() {
        let (html, _) = finish_heading(buf, &mut ids, &mut rendered, input.source_headings);
        out.push(Event::Html(html.into()));
    }
    requirements.flush(&mut rendered.requirements);
    rendered.summary = summary.finish();
    if let Some(source) = input.source_headings {
        if rendered.outline_mismatch.is_none() && source.len() > rendered.headings.len() {
            rendered.outline_mismatch = Some(rendered.headings.len());
        }
    }

    let mut html = String::with_capacity(text.len() + text.len() / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    rendered.html = html;
    rendered
}

/// The events that carry words of the page's language: a GitHub alert's
/// blockquote as a titled box (theme hook `data-alert`), a task list's
/// checkbox labelled for screen readers. Any other event as it is.
fn labelled_markup<'e>(event: Event<'e>, labels: &Labels) -> Event<'e> {
    match event {
        Event::TaskListMarker(done) => {
            let (checked, label) = if done {
                (" checked", &labels.task_done)
            } else {
                ("", &labels.task_todo)
            };
            Event::Html(
                format!(
                    "<input type=\"checkbox\" disabled{checked} aria-label=\"{}\">\n",
                    crate::html::escape(label)
                )
                .into(),
            )
        }
        Event::Start(Tag::BlockQuote(Some(kind))) => {
            let (name, title) = labels.of(kind);
            Event::Html(
                format!(
                    "<div class=\"alert\" data-alert=\"{name}\" role=\"note\">\n<p class=\"alert-title\">{}</p>\n",
                    crate::html::escape(title)
                )
                .into(),
            )
        }
        Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html("</div>\n".into()),
        other => other,
    }
}

/// BCP 14 keywords (RFC 2119, RFC 8174), longest first so `MUST NOT` wins over `MUST`.
pub const BCP14_KEYWORDS: [&str; 11] = [
    "NOT RECOMMENDED",
    "SHALL NOT",
    "SHOULD NOT",
    "MUST NOT",
    "RECOMMENDED",
    "REQUIRED",
    "OPTIONAL",
    "SHOULD",
    "SHALL",
    "MUST",
    "MAY",
];

/// A keyword at `at` in `text` as a whole word, if one starts there.
fn keyword_at(text: &str, at: usize) -> Option<&'static str> {
    // Most positions are ruled out by their byte and the one before: every
    // keyword starts with an ASCII capital (never inside a UTF-8
    // sequence), and a word goes on after an ASCII letter or digit. This
    // is asked at every byte of a spec's sentences.
    let bytes = text.as_bytes();
    let first = *bytes.get(at)?;
    if !BCP14_KEYWORDS.iter().any(|kw| kw.as_bytes()[0] == first)
        || (at > 0 && bytes[at - 1].is_ascii_alphanumeric())
    {
        return None;
    }
    let before_ok = text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    if !before_ok {
        return None;
    }
    BCP14_KEYWORDS.into_iter().find(|kw| {
        text[at..].starts_with(kw)
            && text[at + kw.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// A spec shortname (`42/C4`, `24/ZMTP-PLAIN`) starting at `at`, if any.
fn shortname_at(text: &str, at: usize) -> Option<&str> {
    let bytes = text.as_bytes();
    if at > 0
        && (bytes[at - 1].is_ascii_alphanumeric()
            || matches!(bytes[at - 1], b'/' | b'.' | b':' | b'-'))
    {
        return None;
    }
    let digits = bytes[at..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 || bytes.get(at + digits) != Some(&b'/') {
        return None;
    }
    let name_start = at + digits + 1;
    let name_len = bytes[name_start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        .count();
    let mut end = name_start + name_len;
    while end > name_start && matches!(bytes[end - 1], b'-' | b'_' | b'.') {
        end -= 1;
    }
    let starts_upper = bytes
        .get(name_start)
        .is_some_and(|b| b.is_ascii_uppercase());
    (end > name_start && starts_upper).then(|| &text[at..end])
}

/// Marks up BCP 14 keywords and links known shortnames in a run of text.
/// `None` when there is nothing to change.
fn decorate(
    input: &Input<'_>,
    text: &str,
    offset: usize,
    positions: &mut Positions<'_>,
    rendered: &mut Rendered,
) -> Option<String> {
    let mut html = String::new();
    let mut copied = 0;
    let mut i = 0;
    let digits = input.shortnames.is_some();
    while i < text.len() {
        i = next_candidate(text.as_bytes(), i, input.bcp14, digits);
        // Keywords and shortnames start with an ASCII byte, which is never
        // inside a UTF-8 sequence: no need to ask for a char boundary.
        let Some(&b) = text.as_bytes().get(i) else {
            break;
        };
        if input.bcp14 && b.is_ascii_uppercase() {
            if let Some(kw) = keyword_at(text, i) {
                html.push_str(&crate::html::escape(&text[copied..i]));
                html.push_str("<span class=\"bcp14\">");
                html.push_str(kw);
                html.push_str("</span>");
                i += kw.len();
                copied = i;
                continue;
            }
        }
        if let (Some(links), true) = (input.shortnames, b.is_ascii_digit()) {
            if let Some(shortname) = shortname_at(text, i) {
                if let Some(url) = links.url(shortname) {
                    html.push_str(&crate::html::escape(&text[copied..i]));
                    html.push_str(&format!(
                        "<a href=\"{}\">{}</a>",
                        crate::html::escape(&url),
                        crate::html::escape(shortname)
                    ));
                    let (line, column) = positions.at(offset + i);
                    rendered.links.push(LinkRecord {
                        dest: shortname.to_string(),
                        href: url,
                        is_image: false,
                        line,
                        column,
                        auto: true,
                        raw: false,
                    });
                    i += shortname.len();
                    copied = i;
                    continue;
                }
            }
        }
        i += 1;
    }
    if copied == 0 {
        return None;
    }
    html.push_str(&crate::html::escape(&text[copied..]));
    Some(html)
}

/// The first index from `from` on whose byte may start a keyword (an ASCII
/// capital, when `capitals`) or a shortname (an ASCII digit, when
/// `digits`), else `bytes.len()`. [`decorate`] runs over every text run of
/// every page, where such bytes are rare, so eight bytes are checked at a
/// time (a byte at a time was 1.7% of a build's instructions).
fn next_candidate(bytes: &[u8], mut from: usize, capitals: bool, digits: bool) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let wanted = |b: u8| (capitals && b.is_ascii_uppercase()) || (digits && b.is_ascii_digit());
    if !capitals && !digits {
        return bytes.len();
    }
    while let Some(chunk) = bytes.get(from..from + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // Per byte, 0x80 where the low seven bits are at least `n`; exact
        // for ASCII bytes, and the others are masked out below.
        let low = word & !HIGH;
        let at_least = |n: u8| ((low | HIGH) - u64::from(n) * ONES) & HIGH;
        let within = |first: u8, last: u8| at_least(first) & !at_least(last + 1);
        let mut found = 0;
        if capitals {
            found |= within(b'A', b'Z');
        }
        if digits {
            found |= within(b'0', b'9');
        }
        found &= !word & HIGH;
        if found != 0 {
            return from + (found.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    bytes[from.min(bytes.len())..]
        .iter()
        .position(|&b| wanted(b))
        .map_or(bytes.len(), |at| from + at)
}

/// The longest summary kept, in characters: about what search engines show.
const SUMMARY_CHARS: usize = 200;

/// Collects the plain text of a page's first top-level paragraph.
#[derive(Default)]
struct Summary {
    /// Open lists, quotes, tables, footnotes, headings and images (whose
    /// alt text is no sentence of the page) around the event.
    nesting: usize,
    in_paragraph: bool,
    text: String,
    done: bool,
}

impl Summary {
    fn see(&mut self, event: &Event<'_>) {
        if self.done {
            return;
        }
        match event {
            Event::Start(Tag::Paragraph) if self.nesting == 0 => self.in_paragraph = true,
            Event::End(TagEnd::Paragraph) if self.in_paragraph => {
                self.in_paragraph = false;
                self.done = !self.text.trim().is_empty();
            }
            Event::Start(
                Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::Table(_)
                | Tag::FootnoteDefinition(_)
                | Tag::Heading { .. }
                | Tag::DefinitionList
                | Tag::HtmlBlock
                | Tag::Image { .. },
            ) => self.nesting += 1,
            Event::End(
                TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Table
                | TagEnd::FootnoteDefinition
                | TagEnd::Heading(_)
                | TagEnd::DefinitionList
                | TagEnd::HtmlBlock
                | TagEnd::Image,
            ) => self.nesting = self.nesting.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if self.in_paragraph && self.nesting == 0 => {
                self.text.push_str(t)
            }
            Event::SoftBreak | Event::HardBreak if self.in_paragraph => self.text.push(' '),
            _ => {}
        }
    }

    /// The paragraph's words on one line, cut after a sentence (or else a
    /// word) within [`SUMMARY_CHARS`].
    fn finish(self) -> Option<String> {
        if !self.done {
            return None;
        }
        let words: Vec<&str> = self.text.split_whitespace().collect();
        let line = words.join(" ");
        if line.chars().count() <= SUMMARY_CHARS {
            return Some(line);
        }
        let limit = line
            .char_indices()
            .nth(SUMMARY_CHARS)
            .map_or(line.len(), |(i, _)| i);
        let head = &line[..limit];
        if let Some(end) = head.rfind(". ").filter(|&end| end > SUMMARY_CHARS / 3) {
            return Some(head[..=end].to_string());
        }
        let cut = head.rfind(' ').unwrap_or(limit);
        Some(format!(
            "{}…",
            head[..cut].trim_end_matches([',', ';', ':'])
        ))
    }
}

/// Collects the text of one block and keeps its sentences with keywords.
#[derive(Default)]
struct Sentences {
    section: String,
    text: String,
}

impl Sentences {
    fn flush(&mut self, into: &mut Vec<Requirement>) {
        let text = std::mem::take(&mut self.text);
        for sentence in split_sentences(&text) {
            let mut keywords: Vec<String> = Vec::new();
            let mut i = 0;
            let mut in_code = false;
            while i < sentence.len() {
                if sentence.as_bytes()[i] == b'`' {
                    in_code = !in_code;
                }
                // keyword_at finds nothing inside a UTF-8 sequence.
                let found = (!in_code).then(|| keyword_at(sentence, i)).flatten();
                match found {
                    Some(kw) => {
                        // A quoted keyword ("MUST") is mentioned, not required: the RFC 2119 boilerplate.
                        let quoted = sentence[..i].ends_with(['"', '“', '\'']);
                        if !quoted {
                            keywords.push(kw.to_string());
                        }
                        i += kw.len();
                    }
                    None => i += 1,
                }
            }
            if !keywords.is_empty() {
                into.push(Requirement {
                    section: self.section.clone(),
                    keywords,
                    sentence: sentence.to_string(),
                });
            }
        }
    }
}

/// Sentences end at `.`, `!` or `?` followed by a space (or the end).
fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let at_end = matches!(b, b'.' | b'!' | b'?')
            && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace());
        if at_end {
            out.push(text[start..=i].trim());
            start = i + 1;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// The language of a fenced code block: the first word of its info string
/// (```` ```rust,ignore ```` → `rust`).
fn code_lang(info: &str) -> Option<&str> {
    info.split(|c: char| c.is_whitespace() || c == ',')
        .find(|w| !w.is_empty())
}

#[derive(Default)]
struct CodeBuf {
    lang: Option<String>,
    text: String,
}

struct HeadingBuf<'a> {
    level: u8,
    line: usize,
    id: Option<String>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    events: Vec<Event<'a>>,
    plain: String,
}

/// Renders a finished heading; returns its HTML and its id.
fn finish_heading(
    buf: HeadingBuf<'_>,
    ids: &mut HashSet<String>,
    rendered: &mut Rendered,
    source_headings: Option<&[Heading]>,
) -> (String, String) {
    let title = buf.plain.split_whitespace().collect::<Vec<_>>().join(" ");
    let own_id = match buf.id {
        Some(id) => id,
        None => unique_id(&title, ids),
    };
    // A translation takes the source heading's id at the same place in the
    // outline; its own slug stays as a second anchor.
    let position = rendered.headings.len();
    let aligned = source_headings
        .and_then(|source| source.get(position))
        .filter(|h| h.level == buf.level);
    if source_headings.is_some() && aligned.is_none() && rendered.outline_mismatch.is_none() {
        rendered.outline_mismatch = Some(position);
    }
    let (id, mut aliases) = match aligned {
        Some(source) if source.id != own_id => {
            ids.insert(source.id.clone());
            (source.id.clone(), vec![own_id])
        }
        _ => (own_id, Vec::new()),
    };
    let numbered = numbered_alias(&title).filter(|alias| *alias != id && ids.insert(alias.clone()));
    aliases.extend(numbered.clone());
    let alias = numbered;
    rendered.headings.push(Heading {
        level: buf.level,
        id: id.clone(),
        line: buf.line,
    });
    if buf.level == 1 && rendered.first_heading.is_none() {
        rendered.first_heading = Some(title.clone());
    }
    if (2..=4).contains(&buf.level) {
        rendered.toc.push(TocEntry {
            level: buf.level,
            id: id.clone(),
            title,
        });
    }
    let raw_id = alias.clone().unwrap_or(id.clone());
    let id = crate::html::escape(&id);
    let mut html = String::with_capacity(64 + id.len() * 2);
    html.push_str("<h");
    html.push((b'0' + buf.level) as char);
    html.push_str(" id=\"");
    html.push_str(&id);
    html.push('"');
    if !buf.classes.is_empty() {
        html.push_str(" class=\"");
        for (i, class) in buf.classes.iter().enumerate() {
            if i > 0 {
                html.push(' ');
            }
            html.push_str(&crate::html::escape(class));
        }
        html.push('"');
    }
    for (name, value) in &buf.attrs {
        html.push(' ');
        html.push_str(&crate::html::escape(name));
        if let Some(value) = value {
            html.push_str("=\"");
            html.push_str(&crate::html::escape(value));
            html.push('"');
        }
    }
    html.push('>');
    for alias in &aliases {
        html.push_str("<span class=\"section-alias\" id=\"");
        html.push_str(&crate::html::escape(alias));
        html.push_str("\"></span>");
    }
    if !buf.events.is_empty() {
        pulldown_cmark::html::push_html(&mut html, buf.events.into_iter());
        html.push(' ');
    }
    html.push_str("<a class=\"anchor\" href=\"#");
    html.push_str(&id);
    html.push_str("\" aria-label=\"Link to this section\">#</a></h");
    html.push((b'0' + buf.level) as char);
    html.push_str(">\n");
    (html, raw_id)
}

/// `section-2.3` for a heading numbered `2.3.` or `2.3`: an anchor that stays
/// when the heading's words are edited (specs number their sections).
fn numbered_alias(title: &str) -> Option<String> {
    let number: &str = title.split_whitespace().next()?;
    let number = number.trim_end_matches('.');
    let well_formed = !number.is_empty()
        && number.split('.').all(|part| {
            !part.is_empty() && part.len() <= 3 && part.bytes().all(|b| b.is_ascii_digit())
        });
    (well_formed && title.split_whitespace().count() > 1).then(|| format!("section-{number}"))
}

/// A fresh id for a heading: its slug (or `section`), suffixed `-1`, `-2`…
/// until unused on the page.
fn unique_id(title: &str, ids: &mut HashSet<String>) -> String {
    let mut base = slugify(title);
    if base.is_empty() {
        base = "section".to_string();
    }
    if ids.insert(base.clone()) {
        return base;
    }
    let mut n = 1usize;
    loop {
        let candidate = format!("{base}-{n}");
        if ids.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

#[allow(clippy::too_many_arguments)]
fn link<'a>(
    input: &Input<'_>,
    positions: &mut Positions<'_>,
    rendered: &mut Rendered,
    link_type: LinkType,
    dest: CowStr<'a>,
    offset: usize,
    is_image: bool,
) -> CowStr<'a> {
    let (line, column) = positions.at(offset);
    if link_type == LinkType::Email {
        // The HTML writer adds `mailto:` itself; external by nature.
        rendered.links.push(LinkRecord {
            dest: dest.to_string(),
            href: format!("mailto:{dest}"),
            is_image,
            line,
            column,
            auto: false,
            raw: false,
        });
        return dest;
    }
    let resolved = input.resolver.resolve(&dest);
    let href = resolved.clone().unwrap_or_else(|| dest.to_string());
    rendered.links.push(LinkRecord {
        dest: dest.to_string(),
        href,
        is_image,
        line,
        column,
        auto: false,
        raw: false,
    });
    match resolved {
        Some(href) => href.into(),
        None => dest,
    }
}

/// Records the `href` and `src` attributes of raw HTML in `text[range]`,
/// at the attribute's name, so a broken one is reported where it is written.
fn raw_html_links(
    text: &str,
    range: std::ops::Range<usize>,
    positions: &mut Positions<'_>,
    rendered: &mut Rendered,
) {
    let Some(html) = text.get(range.clone()) else {
        return;
    };
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let name_len = if rest.len() > 4 && rest[..4].eq_ignore_ascii_case(b"href") {
            4
        } else if rest.len() > 3 && rest[..3].eq_ignore_ascii_case(b"src") {
            3
        } else {
            i += 1;
            continue;
        };
        let at_word_start = i > 0 && bytes[i - 1].is_ascii_whitespace();
        let mut j = i + name_len;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if !at_word_start || bytes.get(j) != Some(&b'=') {
            i += name_len;
            continue;
        }
        j += 1;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let (start, end) = match bytes.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = bytes[j + 1..]
                    .iter()
                    .position(|&b| b == q)
                    .map_or(bytes.len(), |e| j + 1 + e);
                (j + 1, end)
            }
            _ => {
                let end = bytes[j..]
                    .iter()
                    .position(|&b| b.is_ascii_whitespace() || b == b'>')
                    .map_or(bytes.len(), |e| j + e);
                (j, end)
            }
        };
        // Attribute values end at ASCII bytes, so these are char boundaries.
        let value = html.get(start..end).unwrap_or("").trim();
        if !value.is_empty() {
            let (line, column) = positions.at(range.start + i);
            rendered.links.push(LinkRecord {
                dest: value.to_string(),
                href: value.to_string(),
                is_image: name_len == 3,
                line,
                column,
                auto: false,
                raw: true,
            });
        }
        i = end.max(i + 1);
    }
}

/// Byte offset → 1-based (line, column in chars) in the file. Line starts are
/// found once; lookups are a binary search plus a char count from the line
/// start, or from the previous lookup when it is on the same line and before.
struct Positions<'t> {
    text: &'t str,
    first_line: usize,
    starts: Option<Vec<usize>>,
    /// Last lookup: (line index, byte offset, 1-based column).
    last: (usize, usize, usize),
}

impl<'t> Positions<'t> {
    fn new(text: &'t str, first_line: usize) -> Self {
        Positions {
            text,
            first_line,
            starts: None,
            last: (usize::MAX, 0, 0),
        }
    }

    fn at(&mut self, offset: usize) -> (usize, usize) {
        let text = self.text;
        let offset = offset.min(text.len());
        let starts = self.starts.get_or_insert_with(|| {
            // memchr: a byte-by-byte filter over every page's source was
            // 2% of a search-off build's instructions.
            let mut starts = vec![0];
            starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
            starts
        });
        let index = match starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let (from, col0) = if self.last.0 == index && self.last.1 <= offset {
            (self.last.1, self.last.2)
        } else {
            (starts[index], 1)
        };
        let column = col0 + count_chars(text, from, offset);
        self.last = (index, offset, column);
        (self.first_line + index, column)
    }
}

fn count_chars(text: &str, from: usize, to: usize) -> usize {
    match text.get(from..to) {
        Some(s) => s.chars().count(),
        // Not on char boundaries (never from pulldown-cmark): count lead bytes.
        None => text.as_bytes()[from..to]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count(),
    }
}

/// The slug of a heading text, as used for ids: lowercase, alphanumerics
/// (Unicode letters and combining marks kept), apostrophes dropped, runs of
/// spaces and other punctuation to one `-`, no leading or trailing `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for ch in text.chars() {
        if ch.is_alphanumeric() || is_combining_mark(ch) {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(ch.to_lowercase());
        } else if matches!(ch, '\'' | '\u{2018}' | '\u{2019}' | '\u{02bc}') {
            // "Don't" → "dont"
        } else {
            dash = true;
        }
    }
    out
}

/// Combining marks of common scripts (vowel signs of Indic scripts, Hebrew
/// and Arabic points, Latin diacritics written separately), which are part
/// of words but not `char::is_alphanumeric`.
fn is_combining_mark(ch: char) -> bool {
    matches!(ch as u32,
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05BD
        | 0x05BF
        | 0x05C1..=0x05C2
        | 0x05C4..=0x05C5
        | 0x05C7
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x0670
        | 0x06D6..=0x06DC
        | 0x06DF..=0x06E4
        | 0x06E7..=0x06E8
        | 0x06EA..=0x06ED
        | 0x0900..=0x0903
        | 0x093A..=0x094F
        | 0x0951..=0x0957
        | 0x0962..=0x0963
        | 0x0981..=0x0983
        | 0x09BC..=0x09D7
        | 0x0A01..=0x0A03
        | 0x0A3C..=0x0A51
        | 0x0A81..=0x0A83
        | 0x0ABC..=0x0ACD
        | 0x0B01..=0x0B03
        | 0x0B3C..=0x0B57
        | 0x0B82
        | 0x0BBE..=0x0BCD
        | 0x0C00..=0x0C04
        | 0x0C3E..=0x0C56
        | 0x0C81..=0x0C83
        | 0x0CBC..=0x0CD6
        | 0x0D00..=0x0D03
        | 0x0D3B..=0x0D57
        | 0x0E31
        | 0x0E34..=0x0E3A
        | 0x0E47..=0x0E4E
        | 0x0EB1
        | 0x0EB4..=0x0EBC
        | 0x0EC8..=0x0ECD
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF
        | 0x3099..=0x309A
        | 0xFE20..=0xFE2F
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn hl() -> &'static Highlighter {
        static H: OnceLock<Highlighter> = OnceLock::new();
        H.get_or_init(Highlighter::new)
    }

    fn md(text: &str) -> Rendered {
        render(&Input {
            text,
            first_line: 1,
            resolver: &KeepLinks,
            highlighter: hl(),
            bcp14: false,
            shortnames: None,
            source_headings: None,
            labels: &Labels::default(),
        })
    }

    #[test]
    fn the_summary_is_the_first_paragraph_outside_lists_quotes_and_headings() {
        let text = "# Title\n\n> quoted\n\n- item\n\n| a |\n|---|\n| b |\n\n![Alt](a.png)\n\n\
                    The *first* `real`\nparagraph.\n\nThe second.\n";
        assert_eq!(
            md(text).summary.as_deref(),
            Some("The first real paragraph.")
        );
        assert_eq!(md("# Only a heading\n\n- and a list\n").summary, None);
        assert_eq!(md("").summary, None);
    }

    #[test]
    fn a_long_summary_ends_after_a_sentence_or_else_a_word() {
        let sentence = "This protocol carries messages between peers. ";
        let long = sentence.repeat(10);
        let summary = md(&long).summary.unwrap_or_default();
        assert!(summary.ends_with("peers."), "{summary}");
        assert!(summary.chars().count() <= SUMMARY_CHARS, "{summary}");

        let words = "word, ".repeat(60);
        let summary = md(&words).summary.unwrap_or_default();
        assert!(summary.ends_with("word…"), "{summary}");
        assert!(summary.chars().count() <= SUMMARY_CHARS + 1, "{summary}");

        let wide = "слово ".repeat(80);
        let summary = md(&wide).summary.unwrap_or_default();
        assert!(summary.ends_with("слово…"), "{summary}");
    }

    /// Appends `?x` to every destination except `keep:` ones.
    struct Suffix;
    impl LinkResolver for Suffix {
        fn resolve(&self, dest: &str) -> Option<String> {
            if dest.starts_with("keep:") {
                None
            } else {
                Some(format!("{dest}?x"))
            }
        }
    }

    fn with(text: &str, first_line: usize, resolver: &dyn LinkResolver) -> Rendered {
        render(&Input {
            text,
            first_line,
            resolver,
            highlighter: hl(),
            bcp14: false,
            shortnames: None,
            source_headings: None,
            labels: &Labels::default(),
        })
    }

    fn anchor(id: &str) -> String {
        format!("<a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this section\">#</a>")
    }

    #[test]
    fn raw_html_links_are_recorded_where_written_and_kept_as_written() {
        let r = with(
            "# T\n\nText <a href=\"../nowhere/\">raw</a>.\n\n<div>\n<img alt=x SRC='pic.png'>\n</div>\n",
            3,
            &Suffix,
        );
        let raw: Vec<_> = r
            .links
            .iter()
            .map(|l| {
                (
                    l.dest.as_str(),
                    l.href.as_str(),
                    l.is_image,
                    l.line,
                    l.column,
                    l.raw,
                )
            })
            .collect();
        assert_eq!(
            raw,
            [
                ("../nowhere/", "../nowhere/", false, 5, 9, true),
                ("pic.png", "pic.png", true, 8, 12, true),
            ]
        );
        assert!(
            r.html.contains("<a href=\"../nowhere/\">raw</a>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn heading_gets_id_and_anchor() {
        let r = md("## Hello World\n");
        assert_eq!(
            r.html,
            format!(
                "<h2 id=\"hello-world\">Hello World {}</h2>\n",
                anchor("hello-world")
            )
        );
    }

    #[test]
    fn duplicate_headings_are_numbered() {
        let r = md("## Intro\n\n## Intro\n\n### Intro\n");
        let ids: Vec<_> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["intro", "intro-1", "intro-2"]);
        assert!(r.html.contains("<h3 id=\"intro-2\">Intro "));
    }

    #[test]
    fn explicit_ids_are_kept_and_reserved() {
        let r = md("## Intro\n\n## Other {#intro-1 .wide data-x=y}\n\n## Intro\n");
        let ids: Vec<_> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["intro", "intro-1", "intro-2"]);
        assert!(
            r.html.contains(&format!(
                "<h2 id=\"intro-1\" class=\"wide\" data-x=\"y\">Other {}</h2>",
                anchor("intro-1")
            )),
            "{}",
            r.html
        );
        // An explicit id later in the page is not taken by an earlier heading.
        let r = md("## Scope\n\n## Real scope {#scope}\n");
        let ids: Vec<_> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["scope-1", "scope"]);
    }

    #[test]
    fn unicode_headings_keep_letters() {
        let r = md("## Введение в C4\n\n## 日本語の見出し\n\n## हिन्दी शीर्षक\n");
        let ids: Vec<_> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["введение-в-c4", "日本語の見出し", "हिन्दी-शीर्षक"]);
        assert!(r.html.contains("<h2 id=\"введение-в-c4\">Введение в C4 "));
    }

    #[test]
    fn empty_slug_becomes_section() {
        let r = md("## ???\n\n## !!!\n");
        let ids: Vec<_> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["section", "section-1"]);
    }

    #[test]
    fn inline_markup_in_headings() {
        let r = md("## The `render` *function* and [docs](a.md)\n");
        assert_eq!(
            r.html,
            format!(
                "<h2 id=\"the-render-function-and-docs\">The <code>render</code> <em>function</em> and <a href=\"a.md\">docs</a> {}</h2>\n",
                anchor("the-render-function-and-docs")
            )
        );
        assert_eq!(r.toc[0].title, "The render function and docs");
        assert_eq!(r.links.len(), 1);
    }

    #[test]
    fn toc_has_levels_two_to_four_and_first_heading() {
        let r = md(
            "# Title *one*\n\n## A\n\n### B\n\n#### C\n\n##### D\n\n# Second\n\nSetext\n------\n",
        );
        assert_eq!(r.first_heading.as_deref(), Some("Title one"));
        let toc: Vec<_> = r
            .toc
            .iter()
            .map(|t| (t.level, t.id.as_str(), t.title.as_str()))
            .collect();
        assert_eq!(
            toc,
            [
                (2, "a", "A"),
                (3, "b", "B"),
                (4, "c", "C"),
                (2, "setext", "Setext")
            ]
        );
        assert!(r.html.contains("<h1 id=\"title-one\">Title <em>one</em> "));
        assert!(r.html.contains("<h5 id=\"d\">D "));
        assert_eq!(md("## x\n").first_heading, None);
    }

    #[test]
    fn link_positions_are_file_positions() {
        let text = "Intro line\n\nSee [one](a.md) and ![img](p.png).\nПривет [два](b.md)\n";
        let r = with(text, 5, &KeepLinks);
        let got: Vec<_> = r
            .links
            .iter()
            .map(|l| (l.dest.as_str(), l.is_image, l.line, l.column))
            .collect();
        assert_eq!(
            got,
            [
                ("a.md", false, 7, 5),
                ("p.png", true, 7, 21),
                ("b.md", false, 8, 8),
            ]
        );
    }

    #[test]
    fn links_in_tables_and_crlf() {
        let text = "| a | b |\r\n|---|---|\r\n| x | [t](t.md) |\r\n| é | <https://e.org/> |\r\n";
        let r = md(text);
        let got: Vec<_> = r
            .links
            .iter()
            .map(|l| (l.dest.as_str(), l.line, l.column))
            .collect();
        assert_eq!(got, [("t.md", 3, 7), ("https://e.org/", 4, 7)]);
        assert!(
            r.html.contains("<td><a href=\"t.md\">t</a></td>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn reference_links_autolinks_and_email() {
        let text = "A [ref][r], [Collapsed][], [r] and <https://x.org> or <me@x.org>.[^1]\n\n[r]: target.md \"T\"\n[collapsed]: c.md\n\n[^1]: Note.\n";
        let r = with(text, 1, &Suffix);
        let got: Vec<_> = r
            .links
            .iter()
            .map(|l| (l.dest.as_str(), l.href.as_str(), l.column))
            .collect();
        assert_eq!(
            got,
            [
                ("target.md", "target.md?x", 3),
                ("c.md", "c.md?x", 13),
                ("target.md", "target.md?x", 28),
                ("https://x.org", "https://x.org?x", 36),
                ("me@x.org", "mailto:me@x.org", 55),
            ]
        );
        assert!(
            r.html
                .contains("<a href=\"target.md?x\" title=\"T\">ref</a>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<a href=\"mailto:me@x.org\">me@x.org</a>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("class=\"footnote-reference\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn resolver_rewrites_links_and_images() {
        let r = with("[a](x.md#s) ![i](/rfcs/9/1.png) [k](keep:me)\n", 1, &Suffix);
        assert_eq!(
            r.html,
            "<p><a href=\"x.md#s?x\">a</a> <img src=\"/rfcs/9/1.png?x\" alt=\"i\" /> <a href=\"keep:me\">k</a></p>\n"
        );
        assert_eq!(r.links[2].href, "keep:me");
        assert!(r.links[1].is_image);
    }

    #[test]
    fn fenced_code_is_highlighted_indented_is_plain() {
        let r = md("```rust,ignore\nfn main() {}\n```\n\n    <b>indented</b>\n\n```nolang\n<x>\n```\n\n`a<b`\n");
        assert!(
            r.html
                .starts_with("<pre class=\"code\" data-lang=\"rust\"><code><span class=\"hl-"),
            "{}",
            r.html
        );
        assert!(r
            .html
            .contains("<pre class=\"code\"><code>&lt;b&gt;indented&lt;/b&gt;\n</code></pre>"));
        assert!(r
            .html
            .contains("<pre class=\"code\" data-lang=\"nolang\"><code>&lt;x&gt;\n</code></pre>"));
        assert!(r.html.contains("<p><code>a&lt;b</code></p>"));
    }

    #[test]
    fn extensions_are_on_smart_punctuation_off() {
        let r = md("- [x] done\n- [ ] open\n\n~~gone~~ \"quoted\" -- dash...\n");
        // A task's checkbox says its state to a screen reader.
        assert!(
            r.html.contains(
                "<li><input type=\"checkbox\" disabled checked aria-label=\"Done\">\ndone</li>\n<li><input type=\"checkbox\" disabled aria-label=\"To do\">\nopen</li>"
            ),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<del>gone</del> \"quoted\" -- dash..."),
            "{}",
            r.html
        );
    }

    #[test]
    fn slugify_examples() {
        assert_eq!(slugify("Hello, World!"), "hello-world");
        assert_eq!(slugify("  2.1. Goals  "), "2-1-goals");
        assert_eq!(slugify("Don't panic"), "dont-panic");
        assert_eq!(slugify("snake_case and-dash"), "snake-case-and-dash");
        assert_eq!(slugify("Über Straße"), "über-straße");
        assert_eq!(slugify("—"), "");
    }

    #[test]
    fn huge_single_line_renders() {
        let mut text = String::with_capacity(5 * 1024 * 1024 + 64);
        while text.len() < 5 * 1024 * 1024 {
            text.push_str("word é [l](x.md) ");
        }
        let r = md(&text);
        assert!(r.html.len() > text.len());
        let last = r.links.last().unwrap();
        assert_eq!(last.line, 1);
        assert!(last.column > 4_000_000);
    }

    #[test]
    fn alert_titles_come_from_the_caller_escaped() {
        let titles = Labels {
            caution: "Careful <now> & then".into(),
            ..Labels::default()
        };
        let r = render(&Input {
            text: "> [!CAUTION]\n> Hot.\n",
            first_line: 1,
            resolver: &KeepLinks,
            highlighter: hl(),
            bcp14: false,
            shortnames: None,
            source_headings: None,
            labels: &titles,
        });
        assert_eq!(
            r.html,
            "<div class=\"alert\" data-alert=\"caution\" role=\"note\">\n<p class=\"alert-title\">Careful &lt;now&gt; &amp; then</p>\n<p>Hot.</p>\n</div>\n"
        );
    }

    #[test]
    fn numbered_headings_get_a_stable_alias() {
        let r = md("## 2.3. Patch Requirements\n\n## 1 Goals\n\n## 2024 was a year\n\n## 3.1\n");
        assert!(r.html.contains(r#"<h2 id="2-3-patch-requirements"><span class="section-alias" id="section-2.3"></span>"#), "{}", r.html);
        assert!(r.html.contains(r#"id="section-1""#));
        assert!(
            !r.html.contains(r#"id="section-2024""#),
            "a year is not a section number"
        );
        assert!(
            !r.html.contains(r#"id="section-3.1""#),
            "a bare number is the whole title, not a prefix"
        );
    }

    #[test]
    fn translations_take_the_source_heading_ids() {
        let source = md("# Why\n\n## Our mission\n\n### 2.1. Details\n");
        let render_translation = |text: &str| {
            render(&Input {
                text,
                first_line: 1,
                resolver: &KeepLinks,
                highlighter: hl(),
                bcp14: false,
                shortnames: None,
                source_headings: Some(&source.headings),
                labels: &Labels::default(),
            })
        };
        let ru = render_translation("# Зачем\n\n## Наша миссия\n\n### 2.1. Подробности\n");
        assert!(
            ru.html.contains(
                r#"<h2 id="our-mission"><span class="section-alias" id="наша-миссия"></span>"#
            ),
            "{}",
            ru.html
        );
        assert!(ru.html.contains(r#"id="section-2.1""#));
        assert_eq!(ru.outline_mismatch, None);
        assert_eq!(ru.toc[0].id, "our-mission");
        let short = render_translation("# Зачем\n\n### Уровень\n");
        assert_eq!(
            short.outline_mismatch,
            Some(1),
            "a level differs at the second heading"
        );
        assert!(
            short.html.contains(r#"id="уровень""#),
            "unmatched headings keep their own slug"
        );
    }

    #[test]
    fn a_keyword_is_a_whole_word_next_to_any_letter() {
        let at = |text: &str, i: usize| keyword_at(text, i);
        assert_eq!(at("x MUST NOT y", 2), Some("MUST NOT"));
        assert_eq!(at("MAY", 0), Some("MAY"));
        assert_eq!(at("(SHOULD)", 1), Some("SHOULD"));
        assert_eq!(at("xMUST", 1), None, "after an ASCII letter");
        assert_eq!(at("9MUST", 1), None, "after a digit");
        assert_eq!(at("ÉMUST", 2), None, "after a non-ASCII letter");
        assert_eq!(at("—MUST", 3), Some("MUST"), "after a dash");
        assert_eq!(at("MUSTÉ", 0), None, "before a non-ASCII letter");
        assert_eq!(at("MUSTARD", 0), None);
        assert_eq!(at("must", 0), None);
        // Inside a UTF-8 sequence and past the end: nothing, no panic.
        assert_eq!(at("ÉMUST", 1), None);
        assert_eq!(at("MAY", 3), None);
    }

    #[test]
    fn candidates_are_found_as_a_byte_at_a_time_scan_finds_them() {
        // Bytes around the ranges' edges, non-ASCII bytes whose low seven
        // bits are capitals or digits, and plain letters.
        const BYTES: &[u8] = b"@AZ[/09:az \xc1\xd0\xb0\xb9\x80\xff";
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..20_000 {
            let len = next(40);
            let bytes: Vec<u8> = (0..len).map(|_| BYTES[next(BYTES.len())]).collect();
            let from = next(len + 2);
            for (capitals, digits) in [(true, true), (true, false), (false, true), (false, false)] {
                let slow = (from..bytes.len())
                    .find(|&i| {
                        (capitals && bytes[i].is_ascii_uppercase())
                            || (digits && bytes[i].is_ascii_digit())
                    })
                    .unwrap_or(bytes.len());
                assert_eq!(
                    next_candidate(&bytes, from, capitals, digits),
                    slow,
                    "{bytes:?} from {from}, capitals {capitals}, digits {digits}"
                );
            }
        }
    }

    #[test]
    fn bcp14_keywords_are_marked_outside_code_and_collected() {
        struct Specs;
        impl ShortnameLinks for Specs {
            fn url(&self, shortname: &str) -> Option<String> {
                (shortname == "42/C4").then(|| "/spec/42/".to_string())
            }
        }
        let text = "# T\n\nThe key words \"MUST\" and \"MAY\" are to be read as in RFC 2119.\n\n## Rules {#rules}\n\nA patch MUST NOT break `MUST` and SHOULD follow 42/C4. Nothing here.\n\nMUSTARD and may are not keywords; 43/C4 is unknown.\n\n```\nMAY\n```\n";
        let r = render(&Input {
            text,
            first_line: 1,
            resolver: &KeepLinks,
            highlighter: hl(),
            bcp14: true,
            shortnames: Some(&Specs),
            source_headings: None,
            labels: &Labels::default(),
        });
        assert!(r.html.contains(r#"A patch <span class="bcp14">MUST NOT</span> break <code>MUST</code> and <span class="bcp14">SHOULD</span> follow <a href="/spec/42/">42/C4</a>."#), "{}", r.html);
        assert!(
            r.html.contains("<code>MAY\n</code>"),
            "not inside code: {}",
            r.html
        );
        assert!(r.html.contains("MUSTARD"));
        assert_eq!(r.requirements.len(), 1, "{:?}", r.requirements);
        assert_eq!(r.requirements[0].section, "rules");
        assert_eq!(r.requirements[0].keywords, vec!["MUST NOT", "SHOULD"]);
        assert!(r.requirements[0].sentence.ends_with("follow 42/C4."));
        let shortname_link = r.links.iter().find(|l| l.dest == "42/C4").unwrap();
        assert_eq!((shortname_link.line, shortname_link.column), (7, 49));
    }

    #[test]
    fn random_markdown_never_panics() {
        const FRAGMENTS: &[&str] = &[
            "#",
            "## ",
            "[",
            "]",
            "](",
            ")",
            "![",
            "```",
            "```rust\n",
            "~~~",
            "|",
            "|---|",
            "{#",
            "}",
            " .c",
            "\n",
            "\r\n",
            "\r",
            "\n\n",
            "    ",
            "- ",
            "1. ",
            "> ",
            "*",
            "_",
            "`",
            "<",
            ">",
            "<https://a.b/>",
            "<a@b.c>",
            "[^1]",
            "[^1]: ",
            "[r]: /x",
            "[r]",
            "&amp;",
            "é",
            "Привет",
            "日本",
            "👍",
            "\u{0301}",
            "\t",
            " ",
            "text",
            "- [ ] ",
            "~~",
            "\\",
            "<div>",
            "</div>",
            "---",
            "===",
            "\"",
            "'",
            "{#id}",
            "{.x}",
            "#a",
        ];
        let mut rng = crate::test_rng::Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..3000 {
            let n = rng.below(40);
            let mut text = String::new();
            for _ in 0..n {
                text.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
            }
            let r = with(&text, 3, &Suffix);
            let lines: Vec<&str> = text.split('\n').collect();
            for l in &r.links {
                assert!(l.line >= 3 && l.column >= 1, "{text:?}");
                // The position points at the link's first character.
                let ch = lines[l.line - 3].chars().nth(l.column - 1);
                assert!(matches!(ch, Some('[' | '!' | '<')), "{text:?} {l:?}");
            }
            let mut ids = HashSet::new();
            for t in &r.toc {
                assert!(!t.id.is_empty(), "{text:?}");
                ids.insert(t.id.clone());
            }
        }
    }
}
