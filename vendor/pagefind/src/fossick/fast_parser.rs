//! Charter: reads a page the way `DomParser` does, without lol_html.
//!
//! `DomParser` runs lol_html with a handler on every element of the page
//! and a boxed handler for every end tag; that was about a tenth of a
//! charter build with the search index. The pages a generator writes are
//! plain: every element closed in order, no SVG or MathML, no templates.
//! For such a page this module walks the tags with a stack and applies
//! the same rules, in the same order, as `DomParser`'s handlers, so the
//! result is the same. For any page it is not sure of it returns `None`,
//! and the caller uses `DomParser`.

use std::collections::BTreeMap;

use super::normalize_content;
use super::parser::{
    attribute_pair, parse_attr_string_with, DomParserResult, NodeStatus, INLINE_SELECTORS,
    REMOVE_SELECTORS, SENTENCE_CHARS, SENTENCE_SELECTORS, SPACE_SELECTORS,
};
use crate::SearchOptions;

/// Elements lol_html never waits for an end tag of.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "hr", "img", "input", "keygen",
    "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose text runs to their own end tag, that this parser reads.
const RAW_TEXT: &[&str] = &["script", "style", "title"];

/// Elements whose content HTML parses in ways this parser does not follow
/// (other raw text, foreign content, templates, frames): a page with one
/// is left to `DomParser`.
const UNSUPPORTED: &[&str] = &[
    "textarea",
    "noscript",
    "iframe",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "svg",
    "math",
    "template",
    "frameset",
    "frame",
    "image",
];

/// An element selector this parser can match: `tag`, `.class`, `tag.class`.
struct SimpleSelector {
    tag: Option<String>,
    class: Option<String>,
}

impl SimpleSelector {
    fn parse(selector: &str) -> Option<Self> {
        let selector = selector.trim();
        let (tag, class) = match selector.split_once('.') {
            Some((tag, class)) => (tag, Some(class)),
            None => (selector, None),
        };
        let is_name = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        };
        if !(tag.is_empty() || is_name(tag)) || !class.map_or(true, is_name) {
            return None;
        }
        if tag.is_empty() && class.is_none() {
            return None;
        }
        Some(SimpleSelector {
            tag: (!tag.is_empty()).then(|| tag.to_ascii_lowercase()),
            class: class.map(str::to_string),
        })
    }

    fn matches(&self, tag: &Tag<'_>) -> bool {
        if self.tag.as_deref().is_some_and(|t| t != tag.name) {
            return false;
        }
        match &self.class {
            None => true,
            Some(class) => tag.attribute("class").is_some_and(|classes| {
                classes
                    .split(|c: char| c.is_ascii_whitespace())
                    .any(|c| c == class)
            }),
        }
    }
}

/// A start tag: its lowercase name and raw attributes (first of duplicates).
struct Tag<'a> {
    name: &'a str,
    attributes: Vec<(&'a str, &'a str)>,
    self_closing: bool,
}

impl Tag<'_> {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    }
}

/// One open element, as `DomParser`'s `DomParsingNode`. Its text (the
/// `current_value` there) is the end of the parser's `text`: from `start`,
/// the opening of its wrapping (weight marker, a sentence's space), then
/// from `content_start` its own text.
#[derive(Default)]
struct Node<'h> {
    /// Charter: the name as the page has it (lowercase: pages with capitals
    /// are left to `DomParser`), not a copy.
    tag: &'h str,
    start: usize,
    content_start: usize,
    wrap: Wrap,
    filter: Option<Vec<String>>,
    sort: Option<Vec<String>>,
    meta: Option<Vec<String>>,
    default_meta: Option<Vec<String>>,
    anchor_ids: Option<Vec<String>>,
    status: NodeStatus,
}

/// How an element's text is wrapped once it is closed, as `DomParser`
/// does: weight markers around it, and a space on either side of a
/// sentence's (with a full stop if it ends with a word).
#[derive(Default)]
struct Wrap {
    weighted: bool,
    sentence: bool,
}

/// What `DomParser` gathers besides the nodes.
#[derive(Default)]
struct Gathered {
    filters: BTreeMap<String, Vec<String>>,
    sort: BTreeMap<String, String>,
    meta: BTreeMap<String, String>,
    default_meta: BTreeMap<String, String>,
    anchor_content: BTreeMap<String, String>,
    anchor_titles: BTreeMap<String, String>,
    language: Option<String>,
    has_html_element: bool,
    has_old_bundle_reference: bool,
    has_default_ui_reference: bool,
}

/// The page read as `DomParser` reads it, or `None` when the page is not
/// one this parser is sure of.
pub fn parse(html: &str, options: &SearchOptions) -> Option<DomParserResult> {
    if options.root_selector != "html" || memchr::memchr2(b'\r', b'\0', html.as_bytes()).is_some() {
        return None;
    }
    let exclusions = options
        .exclude_selectors
        .iter()
        .map(String::as_str)
        .chain(REMOVE_SELECTORS.iter().copied())
        .map(SimpleSelector::parse)
        .collect::<Option<Vec<_>>>()?;
    let mut parser = Parser {
        options,
        exclusions,
        stack: vec![Node::default()],
        text: String::with_capacity(html.len()),
        data: Gathered::default(),
        anchor_counter: 0,
        inside_html: false,
        html_closed: false,
    };
    parser.run(html)?;
    parser.finish()
}

struct Parser<'o, 'h> {
    options: &'o SearchOptions,
    exclusions: Vec<SimpleSelector>,
    /// The open elements, under a root node that stands for the document.
    stack: Vec<Node<'h>>,
    /// The text of the open elements, each after its parent's (see
    /// [`Node`]). It is one string rather than a string per element, so
    /// that a closed element's text stays where it is as its parent's,
    /// instead of being copied into its parent at every level.
    text: String,
    data: Gathered,
    anchor_counter: usize,
    inside_html: bool,
    html_closed: bool,
}

impl<'h> Parser<'_, 'h> {
    fn run(&mut self, html: &'h str) -> Option<()> {
        let bytes = html.as_bytes();
        let mut at = 0;
        while at < html.len() {
            let Some(offset) = memchr::memchr(b'<', &bytes[at..]) else {
                self.text(&html[at..])?;
                break;
            };
            let lt = at + offset;
            self.text(&html[at..lt])?;
            at = match bytes.get(lt + 1) {
                Some(b'!') => skip_markup_declaration(html, lt)?,
                Some(b'/') => {
                    let (name, end) = read_end_tag(html, lt)?;
                    self.end_tag(name)?;
                    end
                }
                Some(c) if c.is_ascii_alphabetic() => {
                    let (tag, end) = read_start_tag(html, lt)?;
                    if RAW_TEXT.contains(&tag.name) {
                        let text_end = raw_text_end(html, end, tag.name)?;
                        // A script's `<!--` starts states where `</script>`
                        // may not end it.
                        if html[end..text_end].contains("<!--") {
                            return None;
                        }
                        self.start_tag(&tag)?;
                        self.text(&html[end..text_end])?;
                        let (name, after) = read_end_tag(html, text_end)?;
                        self.end_tag(name)?;
                        after
                    } else {
                        self.start_tag(&tag)?;
                        end
                    }
                }
                // A `<` that starts no tag is text to HTML; this parser
                // leaves such pages alone.
                _ => return None,
            };
        }
        Some(())
    }

    /// Text between tags: the current element's, when inside `<html>`.
    fn text(&mut self, text: &str) -> Option<()> {
        if text.is_empty() {
            return Some(());
        }
        if !self.inside_html {
            // Text outside `<html>` reaches no handler; only whitespace is
            // expected there.
            return text.bytes().all(|b| b.is_ascii_whitespace()).then_some(());
        }
        let node = self.stack.last()?;
        self.text.push_str(text);
        let ignored = matches!(node.status, NodeStatus::Ignored | NodeStatus::Excluded);
        if !ignored {
            if let Some(anchor_ids) = &node.anchor_ids {
                for anchor_id in anchor_ids {
                    self.data
                        .anchor_content
                        .entry(anchor_id.clone())
                        .or_default()
                        .push_str(text);
                }
            }
        }
        Some(())
    }

    fn start_tag(&mut self, tag: &Tag<'h>) -> Option<()> {
        let name = tag.name;
        if UNSUPPORTED.contains(&name) || (tag.self_closing && !VOID.contains(&name)) {
            return None;
        }
        if self.html_closed {
            return None;
        }
        if !self.inside_html {
            if name != "html" {
                return None;
            }
            self.inside_html = true;
            self.data.has_html_element = true;
            if let Some(lang) = tag.attribute("lang") {
                self.data.language = Some(lang.to_lowercase());
            }
        } else if name == "html" {
            return None;
        }
        self.open_element(tag);
        // The exclusions are `html SELECTOR`: they match under `<html>` only.
        if name != "html" && self.exclusions.iter().any(|e| e.matches(tag)) {
            // As `DomParser`'s exclusion handler: it marks whatever node is
            // current, which for a void element is its parent.
            self.stack.last_mut()?.status = NodeStatus::Ignored;
        }
        self.note_bundle_references(tag);
        Some(())
    }

    /// `DomParser`'s handler for every element under the root selector.
    fn open_element(&mut self, tag: &Tag<'h>) {
        let options = self.options;
        let attribute = |name: &str| tag.attribute(name).map(str::to_string);
        let explicit_ignore_flag = tag.attribute("data-pagefind-ignore").map(|attr| {
            match attr.to_ascii_lowercase().as_str() {
                "" | "index" | "true" => NodeStatus::Ignored,
                "all" => NodeStatus::Excluded,
                _ => {
                    options.logger.warn(format!("data-pagefind-ignore value of \"{}\" is not valid. Expected no value, or one of: [index, all]. Assuming 'all' and excluding this element entirely.", attr));
                    NodeStatus::Excluded
                }
            }
        });
        let treat_as_body = tag.attribute("data-pagefind-body").is_some();
        let weight = attribute("data-pagefind-weight");
        let parse_list =
            |name: &str| attribute(name).map(|attr| parse_attr_string_with(attr, &attribute));
        let filter = parse_list("data-pagefind-filter");
        let element_id = tag.attribute("id").map(|id| {
            id.chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
        });
        let pagefind_title = tag
            .attribute("data-pagefind-title")
            .map(normalize_content)
            .filter(|title| !title.is_empty());
        let meta = parse_list("data-pagefind-meta");
        let default_meta = parse_list("data-pagefind-default-meta");
        let sort = parse_list("data-pagefind-sort");
        let index_attrs: Option<Vec<String>> = tag
            .attribute("data-pagefind-index-attrs")
            .map(|attr| attr.split(',').map(|a| a.trim().to_string()).collect());
        let tag_name = tag.name;

        let status = if treat_as_body {
            NodeStatus::Body
        } else if let Some(explicit_ignore_flag) = explicit_ignore_flag {
            explicit_ignore_flag
        } else {
            NodeStatus::Indexing
        };

        let anchor_counter = self.anchor_counter;
        let parent = self
            .stack
            .last_mut()
            .expect("the root node is never popped");
        let mut anchor_id = None;
        if status != NodeStatus::Excluded && status != NodeStatus::Ignored {
            if let Some(element_id) = element_id {
                if !(parent.status == NodeStatus::ParentOfBody
                    && status != NodeStatus::Body
                    && status != NodeStatus::ParentOfBody)
                {
                    self.text.push_str(&format!(
                        " ___PAGEFIND_ANCHOR___{tag_name}:{anchor_counter}:{element_id} "
                    ));
                    anchor_id = Some(format!("{anchor_counter}:{element_id}"));
                    self.anchor_counter += 1;
                }
            }
        }

        if let (Some(anchor_id), Some(title)) = (&anchor_id, pagefind_title) {
            self.data.anchor_titles.insert(anchor_id.clone(), title);
        }

        if status != NodeStatus::Excluded {
            if let Some(attrs) = index_attrs {
                for attr in attrs {
                    let mut value = attribute(attr.trim()).unwrap_or_default();
                    if ends_sentence(&value) {
                        value.push('.');
                    }
                    self.text.push(' ');
                    self.text.push_str(&value);
                    self.text.push(' ');
                }
            }
            if SPACE_SELECTORS.contains(&tag_name) {
                self.text.push(' ');
            }
        }

        let mut node_anchors =
            if parent.anchor_ids.is_some() && INLINE_SELECTORS.contains(&tag_name) {
                parent.anchor_ids.clone()
            } else {
                None
            };
        if let Some(this_node_anchor_id) = anchor_id {
            match node_anchors.as_mut() {
                Some(existing) => existing.push(this_node_anchor_id),
                None => node_anchors = Some(vec![this_node_anchor_id]),
            }
        }
        let node = Node {
            tag: tag_name,
            status: match parent.status {
                NodeStatus::Excluded => NodeStatus::Excluded,
                _ => status,
            },
            filter,
            meta,
            default_meta,
            sort,
            anchor_ids: node_anchors,
            start: 0,
            content_start: 0,
            wrap: Wrap::default(),
        };

        if VOID.contains(&tag_name) {
            // No end tag will come: the node is done at once.
            if node.status == NodeStatus::Excluded {
                return;
            }
            gather_node_data(&mut self.data, &node, "");
            let meta = &mut self.data.meta;
            if tag_name == "img"
                && !meta.contains_key("auto_image")
                && (meta.contains_key("auto_title") || meta.contains_key("title"))
            {
                if let Some(src) = tag.attribute("src") {
                    meta.insert("auto_image".into(), normalize_content(src));
                    if let Some(alt) = tag.attribute("alt") {
                        meta.insert("auto_image_alt".into(), normalize_content(alt));
                    }
                }
            }
        } else {
            // The wrapping's opening goes in now, before the element's text;
            // what it will be is known from the start tag.
            let auto_weight = match tag_name {
                "h1" => Some("7"),
                "h2" => Some("6"),
                "h3" => Some("5"),
                "h4" => Some("4"),
                "h5" => Some("3"),
                "h6" => Some("2"),
                _ => None,
            };
            let start = self.text.len();
            match (&weight, auto_weight) {
                (Some(weight), _) => {
                    self.text.push_str(" ___PAGEFIND_WEIGHT___");
                    self.text.push_str(weight);
                    self.text.push(' ');
                }
                (None, Some(auto)) => {
                    self.text.push_str(" ___PAGEFIND_AUTO_WEIGHT___");
                    self.text.push_str(auto);
                    self.text.push(' ');
                }
                (None, None) => {}
            }
            let wrap = Wrap {
                weighted: weight.is_some() || auto_weight.is_some(),
                sentence: SENTENCE_SELECTORS.contains(&tag_name),
            };
            if wrap.sentence {
                self.text.push(' ');
            }
            self.stack.push(Node {
                start,
                content_start: self.text.len(),
                wrap,
                ..node
            });
        }
    }

    fn note_bundle_references(&mut self, tag: &Tag<'_>) {
        let (attribute, ui_files) = match tag.name {
            "script" => ("src", ["pagefind-ui.js", "pagefind-modular-ui.js"]),
            "link" => ("href", ["pagefind-ui.css", "pagefind-modular-ui.css"]),
            _ => return,
        };
        if let Some(target) = tag.attribute(attribute) {
            if target.starts_with("_pagefind") || target.contains("/_pagefind") {
                self.data.has_old_bundle_reference = true;
            }
            if ui_files.iter().any(|file| target.contains(file)) {
                self.data.has_default_ui_reference = true;
            }
        }
    }

    /// `DomParser`'s end tag handler. The end tag must close the current
    /// element, or no open element at all: lol_html ignores an end tag
    /// without a start (as where the indexer was given a page without its
    /// header, `</main>` after the article).
    fn end_tag(&mut self, name: &str) -> Option<()> {
        if self.stack.len() < 2 || self.stack.last()?.tag != name {
            let open = self.stack[1..].iter().any(|node| node.tag == name);
            return (!open && self.inside_html).then_some(());
        }
        let node = self.stack.pop()?;
        if name == "html" {
            self.html_closed = true;
            self.inside_html = false;
        }
        if node.status == NodeStatus::Excluded {
            self.text.truncate(node.start);
            return Some(());
        }
        let own_text = &self.text[node.content_start..];
        gather_node_data(&mut self.data, &node, own_text);
        let meta = &mut self.data.meta;
        if name == "h1" && !meta.contains_key("auto_title") && !own_text.trim().is_empty() {
            meta.insert("auto_title".into(), normalize_content(own_text));
        }
        if name == "title" && !meta.contains_key("auto_page_title") {
            meta.insert("auto_page_title".into(), normalize_content(own_text));
        }
        if node.status == NodeStatus::Ignored {
            self.text.truncate(node.start);
            return Some(());
        }

        // The wrapping's opening is in place (see `open_element`).
        if node.wrap.sentence {
            if ends_sentence(&self.text) {
                self.text.push('.');
            }
            self.text.push(' ');
        }
        if node.wrap.weighted {
            self.text.push_str(" ___END_PAGEFIND_WEIGHT___ ");
        }

        let parent = self.stack.last_mut()?;
        if parent.status == NodeStatus::ParentOfBody
            && node.status != NodeStatus::Body
            && node.status != NodeStatus::ParentOfBody
        {
            self.text.truncate(node.start);
            return Some(());
        }
        match node.status {
            NodeStatus::Ignored | NodeStatus::Excluded => self.text.truncate(node.start),
            // The element's text already is where its parent's goes on.
            NodeStatus::Indexing => {}
            NodeStatus::Body | NodeStatus::ParentOfBody => {
                if parent.status != NodeStatus::ParentOfBody {
                    self.text.drain(parent.content_start..node.start);
                }
                parent.status = NodeStatus::ParentOfBody;
            }
        }
        Some(())
    }

    /// `DomParser::wrap`, for a page whose elements were all closed.
    fn finish(self) -> Option<DomParserResult> {
        if self.stack.len() != 1 || !self.html_closed {
            return None;
        }
        let mut data = self.data;
        let root = self.stack.into_iter().next()?;
        let root_text = &self.text[root.content_start..];
        if let Some(image) = data.meta.remove("auto_image") {
            let alt = data.meta.remove("auto_image_alt").unwrap_or_default();
            if !data.meta.contains_key("image") {
                data.meta.insert("image".into(), image);
                data.meta.insert("image_alt".into(), alt);
            }
        }
        if let Some(title) = data.meta.remove("auto_title") {
            if !data.meta.contains_key("title") {
                data.meta.insert("title".into(), title);
            }
        }
        if let Some(title) = data.meta.remove("auto_page_title") {
            if !data.meta.contains_key("title") {
                data.meta.insert("title".into(), title);
            }
        }
        data.default_meta.extend(data.meta);
        Some(DomParserResult {
            digest: normalize_content(root_text),
            filters: data.filters,
            sort: data.sort,
            meta: data.default_meta,
            anchor_content: data.anchor_content,
            anchor_titles: data.anchor_titles,
            has_custom_body: root.status == NodeStatus::ParentOfBody,
            force_inclusion: false,
            has_html_element: data.has_html_element,
            has_old_bundle_reference: data.has_old_bundle_reference,
            has_default_ui_reference: data.has_default_ui_reference,
            language: data
                .language
                .filter(|lang| !lang.is_empty())
                .unwrap_or_else(|| "unknown".into()),
        })
    }
}

/// Filters, sorts and metadata a finished node declared, whose text is `text`.
fn gather_node_data(data: &mut Gathered, node: &Node, text: &str) {
    for filter in node.filter.iter().flatten() {
        if let Some((filter, value)) = attribute_pair(text, filter) {
            data.filters
                .entry(filter)
                .or_default()
                .push(normalize_content(&value));
        }
    }
    for sort in node.sort.iter().flatten() {
        if let Some((sort, value)) = attribute_pair(text, sort) {
            data.sort.insert(sort, value);
        }
    }
    for meta in node.meta.iter().flatten() {
        if let Some((meta, value)) = attribute_pair(text, meta) {
            data.meta.insert(meta, value);
        }
    }
    for meta in node.default_meta.iter().flatten() {
        if let Some((meta, value)) = attribute_pair(text, meta) {
            data.default_meta.insert(meta, value);
        }
    }
}

/// Does `text` end with a character after which `DomParser` adds a full
/// stop (a word character, a quote, `)`, `$` or `*`)?
fn ends_sentence(text: &str) -> bool {
    let mut buffer = [0; 4];
    text.chars()
        .last()
        .is_some_and(|c| SENTENCE_CHARS.is_match(c.encode_utf8(&mut buffer)))
}

/// Past a `<!…>` at `lt`: a doctype or a plain comment. Anything else
/// (CDATA, bogus or odd comments) is left to `DomParser`.
fn skip_markup_declaration(html: &str, lt: usize) -> Option<usize> {
    let rest = &html[lt..];
    if let Some(comment) = rest.strip_prefix("<!--") {
        if comment.starts_with('>') || comment.starts_with("->") {
            return None;
        }
        let end = comment.find("-->")?;
        if comment[..end].contains("--!") {
            return None;
        }
        return Some(lt + 4 + end + 3);
    }
    if rest
        .get(2..9)
        .is_some_and(|s| s.eq_ignore_ascii_case("doctype"))
    {
        let gt = rest.find('>')?;
        return Some(lt + gt + 1);
    }
    None
}

/// The lowercase name of the end tag at `lt` and the offset past it. End
/// tags with anything but a name and spaces are left to `DomParser`.
fn read_end_tag(html: &str, lt: usize) -> Option<(&str, usize)> {
    let rest = html.get(lt + 2..)?;
    let gt = rest.find('>')?;
    let inner = rest[..gt].trim_end_matches(|c: char| c.is_ascii_whitespace());
    if inner.is_empty()
        || !inner
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return None;
    }
    if !inner.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    Some((inner, lt + 2 + gt + 1))
}

/// The start tag at `lt` and the offset past its `>`.
fn read_start_tag(html: &str, lt: usize) -> Option<(Tag<'_>, usize)> {
    let bytes = html.as_bytes();
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0c');
    let mut at = lt + 1;
    while at < bytes.len() && (bytes[at].is_ascii_lowercase() || bytes[at].is_ascii_digit()) {
        at += 1;
    }
    // Names in capitals are left to `DomParser` (and lol_html's way with them).
    if at == lt + 1 || bytes.get(at).is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    let name = &html[lt + 1..at];
    let mut attributes: Vec<(&str, &str)> = Vec::new();
    let mut self_closing = false;
    loop {
        let space_before = at < bytes.len() && is_space(bytes[at]);
        while at < bytes.len() && is_space(bytes[at]) {
            at += 1;
        }
        match *bytes.get(at)? {
            b'>' => {
                return Some((
                    Tag {
                        name,
                        attributes,
                        self_closing,
                    },
                    at + 1,
                ))
            }
            b'/' if bytes.get(at + 1) == Some(&b'>') => {
                self_closing = true;
                at += 1;
            }
            _ if !space_before => return None,
            _ => {
                let name_start = at;
                while at < bytes.len()
                    && (bytes[at].is_ascii_alphanumeric()
                        || matches!(bytes[at], b'-' | b'_' | b':'))
                {
                    at += 1;
                }
                if at == name_start {
                    return None;
                }
                let attribute = &html[name_start..at];
                let mut value = "";
                if bytes.get(at) == Some(&b'=') {
                    at += 1;
                    match *bytes.get(at)? {
                        quote @ (b'"' | b'\'') => {
                            let len = html[at + 1..].find(quote as char)?;
                            value = &html[at + 1..at + 1 + len];
                            at += len + 2;
                        }
                        _ => {
                            let start = at;
                            while at < bytes.len()
                                && !is_space(bytes[at])
                                && !matches!(bytes[at], b'>' | b'"' | b'\'' | b'<' | b'=' | b'`')
                            {
                                at += 1;
                            }
                            if at == start {
                                return None;
                            }
                            value = &html[start..at];
                        }
                    }
                }
                if !attributes
                    .iter()
                    .any(|(n, _)| n.eq_ignore_ascii_case(attribute))
                {
                    attributes.push((attribute, value));
                }
            }
        }
    }
}

/// Where the text of the raw text element `name` that starts at `from`
/// ends (the `<` of its end tag).
fn raw_text_end(html: &str, from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    loop {
        let offset = html[at..].find("</")?;
        let lt = at + offset;
        let after = lt + 2 + name.len();
        let matches_name = html
            .get(lt + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        if matches_name && matches!(html.as_bytes().get(after), Some(b'>')) {
            return Some(lt);
        }
        if matches_name {
            // `</script foo>` or `</script\n>`: not worth following.
            return None;
        }
        at = lt + 2;
    }
}

/// Charter: the page as this parser reads it and as `DomParser` does
/// (`Debug` of each result), for charter's tests to compare. `None` for
/// this parser means the page is left to `DomParser`.
pub fn both_readings(html: &str, options: &SearchOptions) -> (Option<String>, String) {
    let fast = parse(html, options).map(|result| format!("{result:?}"));
    let mut reference = super::parser::DomParser::new(options);
    let _ = reference.write(html.as_bytes());
    (fast, format!("{:?}", reference.wrap()))
}
