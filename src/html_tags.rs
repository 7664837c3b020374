//! Reads the start tags of an HTML page and their attributes, the way an
//! HTML5 tokenizer splits them, without building anything else. The link
//! checker needs the ids and links of every written page; a full rewriter
//! (lol_html) spent most of its time on the elements the checker skips.
//!
//! What it follows from the tokenizer: comments (`<!-- -->`, `--!>`, and the
//! `<!-->` forms), bogus comments (`<!…>`, `<?…>`, `</ …>`), end tags (their
//! attributes are read and dropped), quoted and unquoted attribute values,
//! `/` between attributes, case-insensitive names, the first of duplicate
//! attributes, a tag cut off by the end of the input (dropped), the text of
//! `script`, `style`, `textarea`, `title`, `noscript` and the other raw-text elements
//! (no tags in it until its end tag), and SVG/MathML, where those elements
//! are ordinary and `<![CDATA[…]]>` is text (until an HTML element such as
//! `<p>` breaks out of them). What it does not: the escaped
//! states of script text (`<!--` … `<script>` inside a script).

/// One start tag: its name and its attributes `(name, raw value)` in
/// source order, first of duplicates only. Names keep their case; compare
/// them with `eq_ignore_ascii_case`. Values are as written (entities not
/// decoded); an attribute without a value has `""`.
pub struct StartTag<'a> {
    pub name: &'a str,
    pub attributes: &'a [(&'a str, &'a str)],
    /// Where the tag is in the input, from its `<` to just past its `>`.
    pub span: std::ops::Range<usize>,
}

impl StartTag<'_> {
    /// The raw value of the attribute `name` (lowercase), if the tag has it.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    }

    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

/// Elements whose text holds no tags until their own end tag (outside
/// SVG and MathML). `noscript` is one, as for a browser that runs scripts
/// (and for lol_html).
pub const RAW_TEXT: &[&str] = &[
    "script", "noscript", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title",
];

/// HTML elements that end SVG or MathML content when they start in it.
const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];

/// Does this start tag end the foreign content (SVG, MathML) it is in?
fn breaks_out(name: &str, attributes: &[(&str, &str)]) -> bool {
    let font_breaks_out = name.eq_ignore_ascii_case("font")
        && ["color", "face", "size"]
            .iter()
            .any(|a| attributes.iter().any(|(n, _)| n.eq_ignore_ascii_case(a)));
    font_breaks_out || BREAKOUT.iter().any(|b| name.eq_ignore_ascii_case(b))
}

/// Calls `visit` for each start tag of `html`, in document order.
pub fn for_each_start_tag(html: &str, visit: impl FnMut(&StartTag<'_>)) {
    scan(html, true, visit);
}

/// Calls `visit` for each start tag of `html` that can hold an id or a
/// link, in document order: every start tag but, outside SVG and MathML,
/// a `<span>` whose one attribute is `class` (the highlighter writes one
/// or more per token of code; they were half of the link check's time).
pub fn for_each_linking_tag(html: &str, visit: impl FnMut(&StartTag<'_>)) {
    scan(html, false, visit);
}

fn scan(html: &str, class_spans: bool, mut visit: impl FnMut(&StartTag<'_>)) {
    let mut attributes: Vec<(&str, &str)> = Vec::new();
    let mut at = 0;
    // The open `svg` and `math` elements, lowercase: inside them there is
    // no raw text and CDATA sections are text.
    let mut foreign: Vec<&'static str> = Vec::new();
    let bytes = html.as_bytes();
    while let Some(lt) = find_byte(b'<', bytes, at) {
        let rest = &html[lt..];
        // The highlighter's markup, most of a page's tags, read without the
        // general reader: what it reads from them, in fewer steps.
        if rest.starts_with("</span>") {
            at = lt + "</span>".len();
            continue;
        }
        if foreign.is_empty() {
            if let Some(class) = class_only_span(rest) {
                let end = lt + CLASS_SPAN.len() + class.len() + "\">".len();
                if class_spans {
                    attributes.clear();
                    attributes.push(("class", class));
                    visit(&StartTag {
                        name: "span",
                        attributes: &attributes,
                        span: lt..end,
                    });
                }
                at = end;
                continue;
            }
        }
        let next = bytes.get(lt + 1).copied();
        at = match next {
            Some(b'!') if rest.starts_with("<!--") => match comment_end(&html[lt + 4..]) {
                Some(len) => lt + 4 + len,
                None => return,
            },
            Some(b'!') if !foreign.is_empty() && rest.starts_with("<![CDATA[") => {
                match rest.find("]]>") {
                    Some(end) => lt + end + 3,
                    None => return,
                }
            }
            Some(b'!') | Some(b'?') => match rest[1..].find('>') {
                Some(gt) => lt + 1 + gt + 1,
                None => return,
            },
            Some(b'/') => match bytes.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let read = plain_end_tag(html, lt + 2)
                        .or_else(|| read_tag(html, lt + 2, &mut attributes));
                    let Some((name, end)) = read else {
                        return;
                    };
                    if let Some(root) = foreign_root(name) {
                        // It closes the innermost open one of its name, and
                        // what is open inside it; else it is ignored.
                        if let Some(open) = foreign.iter().rposition(|r| *r == root) {
                            foreign.truncate(open);
                        }
                    } else if name.eq_ignore_ascii_case("p") || name.eq_ignore_ascii_case("br") {
                        // These end tags break out of foreign content too.
                        foreign.clear();
                    }
                    end
                }
                Some(b'>') => lt + 3,
                Some(_) => match rest[2..].find('>') {
                    Some(gt) => lt + 2 + gt + 1,
                    None => return,
                },
                None => return,
            },
            Some(c) if c.is_ascii_alphabetic() => {
                let Some((name, end)) = read_tag(html, lt + 1, &mut attributes) else {
                    return;
                };
                visit(&StartTag {
                    name,
                    attributes: &attributes,
                    span: lt..end,
                });
                let self_closing = html[..end - 1].ends_with('/');
                // Only foreign content has anything to break out of; most
                // pages have none, and the list is long.
                if !foreign.is_empty() && breaks_out(name, &attributes) {
                    foreign.clear();
                }
                if let Some(root) = foreign_root(name) {
                    if !self_closing {
                        foreign.push(root);
                    }
                    end
                } else if foreign.is_empty() && name.eq_ignore_ascii_case("plaintext") {
                    return;
                } else if foreign.is_empty()
                    && RAW_TEXT.iter().any(|r| name.eq_ignore_ascii_case(r))
                {
                    match raw_text_end(&html[end..], name) {
                        Some(len) => end + len,
                        None => return,
                    }
                } else {
                    end
                }
            }
            _ => lt + 1,
        };
    }
}

const CLASS_SPAN: &str = "<span class=\"";

/// The class of `tag` when it starts with `<span class="…">` and nothing
/// else: a `span` start tag whose one attribute is `class`.
fn class_only_span(tag: &str) -> Option<&str> {
    let value = tag.strip_prefix(CLASS_SPAN)?;
    let len = find_byte(b'"', value.as_bytes(), 0)?;
    (value.as_bytes().get(len + 1) == Some(&b'>')).then(|| &value[..len])
}

/// The offset of the first `needle` in `bytes` from `from` on. memchr,
/// not `str::find` with a char, which pays a searcher's setup at every `<`
/// of a page full of highlighted spans.
fn find_byte(needle: u8, bytes: &[u8], from: usize) -> Option<usize> {
    memchr::memchr(needle, bytes.get(from..)?).map(|i| from + i)
}

/// An end tag that is only a name of ASCII letters and digits then `>`
/// (`</p>`, `</code>`, nearly all of them): its name and the offset just
/// past the `>`, without the general reader (an end tag's attributes are
/// read only to be dropped). `None` for any other end tag.
fn plain_end_tag(html: &str, start: usize) -> Option<(&str, usize)> {
    let bytes = html.as_bytes();
    let len = bytes
        .get(start..)?
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())?;
    (bytes.get(start + len) == Some(&b'>')).then(|| (&html[start..start + len], start + len + 1))
}

/// `svg` or `math` when `name` is one of them (any case).
fn foreign_root(name: &str) -> Option<&'static str> {
    ["svg", "math"]
        .into_iter()
        .find(|root| name.eq_ignore_ascii_case(root))
}

/// Bytes of `after` (what follows `<!--`) up to and including the end of
/// the comment, or `None` when the comment runs to the end of the input.
fn comment_end(after: &str) -> Option<usize> {
    if after.starts_with('>') {
        return Some(1);
    }
    if after.starts_with("->") {
        return Some(2);
    }
    let mut from = 0;
    while let Some(dashes) = after[from..].find("--") {
        let at = from + dashes + 2;
        let tail = &after[at..];
        if tail.starts_with('>') {
            return Some(at + 1);
        }
        if tail.starts_with("!>") {
            return Some(at + 2);
        }
        from = from + dashes + 1;
    }
    None
}

/// Where the text of a raw-text element ends: the offset of its end tag
/// (`</name` and then whitespace, `/` or `>`) in `text`.
fn raw_text_end(text: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(offset) = text[from..].find("</") {
        let at = from + offset;
        let after = &text[at + 2..];
        let closes = after
            .get(..name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && matches!(
                after.as_bytes().get(name.len()),
                Some(b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>')
            );
        if closes {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Reads a tag from its name at `start` to its `>`: the name and the
/// offset just past the `>`, with `attributes` refilled; `None` when the
/// input ends inside the tag (a tokenizer drops such a tag).
fn read_tag<'a>(
    html: &'a str,
    start: usize,
    attributes: &mut Vec<(&'a str, &'a str)>,
) -> Option<(&'a str, usize)> {
    attributes.clear();
    let bytes = html.as_bytes();
    let mut at = start;
    while at < bytes.len() && !is_space(bytes[at]) && bytes[at] != b'/' && bytes[at] != b'>' {
        at += 1;
    }
    let name = &html[start..at];
    loop {
        while at < bytes.len() && (is_space(bytes[at]) || bytes[at] == b'/') {
            at += 1;
        }
        match bytes.get(at)? {
            b'>' => return Some((name, at + 1)),
            _ => {
                let name_start = at;
                // A name may start with `=`; after that `=` ends it.
                at += 1;
                while at < bytes.len()
                    && !is_space(bytes[at])
                    && !matches!(bytes[at], b'/' | b'>' | b'=')
                {
                    at += 1;
                }
                let attribute = &html[name_start..at];
                while at < bytes.len() && is_space(bytes[at]) {
                    at += 1;
                }
                let mut value = "";
                if bytes.get(at) == Some(&b'=') {
                    at += 1;
                    while at < bytes.len() && is_space(bytes[at]) {
                        at += 1;
                    }
                    match *bytes.get(at)? {
                        quote @ (b'"' | b'\'') => {
                            let len = find_byte(quote, bytes, at + 1)? - (at + 1);
                            value = &html[at + 1..at + 1 + len];
                            at += len + 2;
                        }
                        b'>' => {}
                        _ => {
                            let value_start = at;
                            while at < bytes.len() && !is_space(bytes[at]) && bytes[at] != b'>' {
                                at += 1;
                            }
                            value = &html[value_start..at];
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

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(html: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_start_tag(html, |tag| {
            let attrs: Vec<String> = tag
                .attributes
                .iter()
                .map(|(n, v)| format!("{n}={v}"))
                .collect();
            out.push(format!("{}[{}]", tag.name, attrs.join(",")));
        });
        out
    }

    #[test]
    fn linking_tags_are_the_start_tags_but_class_only_spans() {
        let pages = [
            r#"<pre class="code"><code><span class="hl-k">fn</span> <span class="hl-a hl-b">x</span></code></pre>"#,
            r#"<span class="a" id="s"><span class="q>r"><a href=/x><span class="e"/><span class='f'>"#,
            r#"<span class="a">"#,
            r#"<span class="open"#,
            r#"<SPAN class="u">"#,
        ];
        for page in pages {
            let mut all = Vec::new();
            for_each_start_tag(page, |tag| {
                all.push((tag.span.clone(), tag.attributes.len()))
            });
            let mut linking = Vec::new();
            for_each_linking_tag(page, |tag| {
                linking.push((tag.span.clone(), tag.attributes.len()))
            });
            let class_only = |(span, attributes): &(std::ops::Range<usize>, usize)| {
                class_only_span(&page[span.start..]).is_some() && *attributes == 1
            };
            let expected: Vec<_> = all.iter().filter(|t| !class_only(t)).cloned().collect();
            assert_eq!(linking, expected, "{page}");
        }
        // In SVG and MathML every tag is read and visited: a span there
        // ends the foreign content.
        let page = r#"<svg><span class="a"><rect id=r></svg><math><span class="m">"#;
        let mut linking = Vec::new();
        for_each_linking_tag(page, |tag| linking.push(tag.name.to_string()));
        assert_eq!(linking, ["svg", "span", "rect", "math", "span"]);
        // What the fast path reads is what the general reader reads.
        assert_eq!(
            tags(r#"<span class="hl-k">fn</span><span class="a>b">"#),
            ["span[class=hl-k]", "span[class=a>b]"]
        );
        assert_eq!(
            tags(r#"<svg><span class="a"><rect id=r></svg>"#),
            ["svg[]", "span[class=a]", "rect[id=r]"]
        );
    }

    #[test]
    fn reads_names_and_every_form_of_value() {
        assert_eq!(
            tags(r#"<P ID=a class='b c' data-x="d>e" hidden/><br/>text<img src=x.png alt=>"#),
            [
                "P[ID=a,class=b c,data-x=d>e,hidden=]",
                "br[]",
                "img[src=x.png,alt=]"
            ]
        );
        assert_eq!(tags("<a id=1 ID=2 href=/x>"), ["a[id=1,href=/x]"]);
        assert_eq!(tags("<a/id=\"1\"/href=x>"), ["a[id=1,href=x]"]);
        assert_eq!(tags("<a id=1/href=x>"), ["a[id=1/href=x]"]);
    }

    #[test]
    fn skips_comments_end_tags_and_raw_text() {
        let html = "<!-- <a id=no> --><!--><a id=1><!---><b id=2><!-- x --!><i id=3>\
            </p class=\"<a id=no>\"><?pi <a id=no>?></ nope><script>if (a<b) { '<a id=no>' }</SCRIPT >\
            <textarea><a id=no></textarea><em id=4>";
        assert_eq!(
            tags(html),
            [
                "a[id=1]",
                "b[id=2]",
                "i[id=3]",
                "script[]",
                "textarea[]",
                "em[id=4]"
            ]
        );
    }

    #[test]
    fn svg_has_no_raw_text_and_reads_cdata_as_text() {
        let html = "<svg><title><a id=1>t</a></title><![CDATA[ <a id=no> ]]></svg><title><a id=no></title>";
        assert_eq!(tags(html), ["svg[]", "title[]", "a[id=1]", "title[]"]);
        // A self-closed `<svg/>` opens nothing; `<p>` and `</p>` break out.
        let html = "<svg/><title><a id=no></title><svg><p><title><a id=no></title><math></p><style><a id=no></style>";
        assert_eq!(
            tags(html),
            ["svg[]", "title[]", "svg[]", "p[]", "title[]", "math[]", "style[]"]
        );
    }

    #[test]
    fn finds_a_byte_from_an_offset() {
        for len in [0, 1, 15, 16, 17, 31, 32, 100] {
            for at in 0..len {
                let mut bytes = vec![b'a'; len];
                bytes[at] = b'<';
                for from in 0..=len {
                    let want = (at >= from).then_some(at);
                    assert_eq!(find_byte(b'<', &bytes, from), want, "{len} {at} {from}");
                }
            }
            assert_eq!(find_byte(b'<', &vec![b'a'; len], 0), None);
        }
        assert_eq!(find_byte(b'<', b"ab", 5), None);
    }

    #[test]
    fn plain_end_tags_read_as_the_general_reader_reads_them() {
        for (html, plain) in [
            ("</p>", true),
            ("</h2>x", true),
            ("</SPAN>", true),
            ("</p >", false),
            ("</p title=\">\">", false),
            ("</p/>", false),
            ("</p", false),
        ] {
            let fast = plain_end_tag(html, 2);
            assert_eq!(fast.is_some(), plain, "{html}");
            if let Some(fast) = fast {
                assert_eq!(Some(fast), read_tag(html, 2, &mut Vec::new()), "{html}");
            }
        }
        // What follows such an end tag is read as before.
        assert_eq!(
            tags("<p>a</p><a href=\"x\">b</a ><em>c</em\n><p title='>'>"),
            ["p[]", "a[href=x]", "em[]", "p[title=>]"]
        );
    }

    #[test]
    fn a_tag_cut_off_by_the_end_is_dropped() {
        for html in ["<a href=\"x", "<a href=x", "<a ", "<!-- <a>", "x <", "</"] {
            assert!(tags(html).is_empty(), "{html}: {:?}", tags(html));
        }
        assert_eq!(tags("<script><a>"), ["script[]"]);
        assert_eq!(tags("a < b <a>"), ["a[]"]);
    }
}
