//! YAML with positions: parses a document into a `serde_yaml::Value` plus the
//! line and column of every mapping key and value, so config and front-matter
//! validation can point at the exact place.
//!
//! The value is built from yaml-rust2's event stream (so values and positions
//! always agree), resolving plain scalars with the YAML 1.2 core schema
//! (`yes`/`on` stay strings). Duplicate keys, more than one document, very
//! deep nesting and alias bombs are errors; nothing here panics.

use serde_yaml::{Mapping, Number, Value};
use std::collections::{BTreeMap, HashMap};
use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A YAML syntax error at a 1-based line and column of the parsed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// A 1-based position in the parsed text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// A parsed document: its value and the positions of keys and values by
/// dotted path (`specs.dir`, `languages.ru.name`; sequence items as `refs.0`).
#[derive(Clone, Debug, Default)]
pub struct Located {
    pub value: serde_yaml::Value,
    pub keys: BTreeMap<String, Pos>,
    pub values: BTreeMap<String, Pos>,
    /// The source text of every scalar value by dotted path, as written
    /// (after unquoting), e.g. `1.10` or `0042`, for keys whose YAML type
    /// would lose information (versions, blob ids).
    pub raw: BTreeMap<String, String>,
}

impl Located {
    /// Position of a key, else of its value, else line 1 column 1.
    pub fn pos_of(&self, path: &str) -> Pos {
        self.keys
            .get(path)
            .or_else(|| self.values.get(path))
            .copied()
            .unwrap_or(Pos { line: 1, column: 1 })
    }
    pub fn value_pos(&self, path: &str) -> Pos {
        self.values
            .get(path)
            .copied()
            .unwrap_or_else(|| self.pos_of(path))
    }
}

/// Deepest nesting of collections accepted.
const MAX_DEPTH: usize = 200;
/// Most nodes a document may expand to (guards against alias bombs).
const MAX_NODES: usize = 1_000_000;

/// Joins a dotted path.
pub fn join(parent: &str, segment: &str) -> String {
    if parent.is_empty() {
        segment.to_string()
    } else {
        format!("{parent}.{segment}")
    }
}

/// Maps a parser marker to a line and column of the text. yaml-rust2's own
/// line numbers also break at a lone `\r`, which is no line break to editors
/// and to every other diagnostic of a file; its character index is exact.
struct Lines {
    /// Character index at which each line starts.
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.chars()
                .enumerate()
                .filter(|(_, c)| *c == '\n')
                .map(|(i, _)| i + 1),
        );
        Lines { starts }
    }

    fn pos(&self, mark: &Marker) -> Pos {
        let index = mark.index();
        let line = self.starts.partition_point(|&s| s <= index).max(1);
        Pos {
            line,
            column: index - self.starts[line - 1] + 1,
        }
    }

    fn err(&self, mark: &Marker, message: impl Into<String>) -> YamlError {
        let p = self.pos(mark);
        YamlError {
            line: p.line,
            column: p.column,
            message: message.into(),
        }
    }
}

/// A collection being built.
enum Frame {
    Seq {
        items: Vec<Value>,
        path: String,
        anchor: usize,
        size: usize,
    },
    Map {
        map: Mapping,
        path: String,
        anchor: usize,
        size: usize,
        /// The key read, waiting for its value: (key, path segment).
        key: Option<(Value, String)>,
    },
}

impl Frame {
    fn path(&self) -> &str {
        match self {
            Frame::Seq { path, .. } | Frame::Map { path, .. } => path,
        }
    }
}

/// The core-schema tag suffix (`str`, `int`, …) of a `!!` tag, if any.
fn core_tag(tag: &Option<Tag>) -> Option<String> {
    let tag = tag.as_ref()?;
    if tag.handle == "tag:yaml.org,2002:" || tag.handle == "!!" {
        Some(tag.suffix.clone())
    } else {
        None
    }
}

fn parse_int(s: &str) -> Option<Value> {
    let (neg, digits) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let (radix, body) = if let Some(rest) = digits.strip_prefix("0x") {
        (16, rest)
    } else if let Some(rest) = digits.strip_prefix("0o") {
        (8, rest)
    } else {
        (10, digits)
    };
    if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    if radix != 10 && s.starts_with(['-', '+']) {
        return None;
    }
    if let Ok(u) = u64::from_str_radix(body, radix) {
        if neg {
            if u <= i64::MAX as u64 + 1 {
                return Some(Value::Number(Number::from(
                    (u as i128).wrapping_neg() as i64
                )));
            }
        } else {
            return Some(Value::Number(Number::from(u)));
        }
    }
    // Too large for 64 bits: a float, as most YAML libraries do.
    let f: f64 = body.parse().ok()?;
    Some(Value::Number(Number::from(if neg { -f } else { f })))
}

fn parse_float(s: &str) -> Option<Value> {
    match s {
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Some(Value::Number(Number::from(f64::INFINITY)))
        }
        "-.inf" | "-.Inf" | "-.INF" => return Some(Value::Number(Number::from(f64::NEG_INFINITY))),
        ".nan" | ".NaN" | ".NAN" => return Some(Value::Number(Number::from(f64::NAN))),
        _ => {}
    }
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let f = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        frac_digits = i - f;
    }
    if int_digits == 0 && frac_digits == 0 {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        let e = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == e {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    s.parse::<f64>()
        .ok()
        .map(|f| Value::Number(Number::from(f)))
}

/// Resolves a scalar with the YAML 1.2 core schema.
fn resolve(text: &str, style: TScalarStyle, tag: Option<String>) -> Value {
    let plain = style == TScalarStyle::Plain;
    match tag.as_deref() {
        Some("str") => return Value::String(text.to_string()),
        Some("null") => return Value::Null,
        Some("bool") => {
            return match text {
                "true" | "True" | "TRUE" => Value::Bool(true),
                "false" | "False" | "FALSE" => Value::Bool(false),
                _ => Value::String(text.to_string()),
            }
        }
        Some("int") => return parse_int(text).unwrap_or_else(|| Value::String(text.into())),
        Some("float") => {
            return parse_float(text)
                .or_else(|| parse_int(text))
                .unwrap_or_else(|| Value::String(text.into()))
        }
        _ => {}
    }
    if !plain {
        return Value::String(text.to_string());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ => parse_int(text)
            .or_else(|| parse_float(text))
            .unwrap_or_else(|| Value::String(text.to_string())),
    }
}

/// The path segment naming a key.
fn segment(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Null => "~".to_string(),
        _ => "?".to_string(),
    }
}

struct Builder {
    stack: Vec<Frame>,
    root: Option<Value>,
    anchors: HashMap<usize, (Value, usize)>,
    nodes: usize,
    out: Located,
    documents: usize,
}

impl Builder {
    /// Where the next node goes: `Some(path)` for a value, `None` for a key.
    fn next_path(&self) -> Option<String> {
        match self.stack.last() {
            None => Some(String::new()),
            Some(Frame::Seq { items, path, .. }) => Some(join(path, &items.len().to_string())),
            Some(Frame::Map {
                key: Some(k), path, ..
            }) => Some(join(path, &k.1)),
            Some(Frame::Map { key: None, .. }) => None,
        }
    }

    /// Places a finished node (with its size in nodes) into its parent.
    fn place(&mut self, value: Value, size: usize, at: Pos) -> Result<(), String> {
        self.nodes = self.nodes.saturating_add(size);
        if self.nodes > MAX_NODES {
            return Err("document too large (too many nodes or alias expansions)".into());
        }
        match self.stack.last_mut() {
            None => {
                self.root = Some(value);
                Ok(())
            }
            Some(Frame::Seq { items, size: s, .. }) => {
                items.push(value);
                *s += size;
                Ok(())
            }
            Some(Frame::Map {
                map,
                key,
                path,
                size: s,
                ..
            }) => {
                *s += size;
                match key.take() {
                    Some((k, _)) => {
                        map.insert(k, value);
                        Ok(())
                    }
                    None => {
                        let seg = segment(&value);
                        if map.contains_key(&value) {
                            return Err(format!("duplicate key `{seg}`"));
                        }
                        // A block mapping's start marker lies after its first
                        // key; the mapping starts at that key.
                        if map.is_empty() {
                            if let Some(v) = self.out.values.get_mut(path.as_str()) {
                                *v = (*v).min(at);
                            }
                        }
                        self.out.keys.insert(join(path, &seg), at);
                        *key = Some((value, seg));
                        Ok(())
                    }
                }
            }
        }
    }

    fn event(&mut self, ev: Event, at: Pos) -> Result<bool, String> {
        match ev {
            Event::StreamEnd => return Ok(true),
            Event::DocumentStart => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err("more than one YAML document (a second `---`)".into());
                }
            }
            Event::Nothing | Event::StreamStart | Event::DocumentEnd => {}
            Event::Alias(id) => {
                let path = self.next_path();
                let Some((value, size)) = self.anchors.get(&id).cloned() else {
                    return Err("unknown alias".into());
                };
                if let Some(p) = path {
                    self.out.values.insert(p, at);
                }
                self.place(value, size, at)?;
            }
            Event::Scalar(text, style, anchor, tag) => {
                let value = resolve(&text, style, core_tag(&tag));
                if let Some(p) = self.next_path() {
                    self.out.values.insert(p.clone(), at);
                    self.out.raw.insert(p, text);
                }
                if anchor > 0 {
                    self.anchors.insert(anchor, (value.clone(), 1));
                }
                self.place(value, 1, at)?;
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if self.stack.len() >= MAX_DEPTH {
                    return Err(format!("nesting deeper than {MAX_DEPTH} levels"));
                }
                let path = match self.next_path() {
                    Some(p) => {
                        self.out.values.insert(p.clone(), at);
                        p
                    }
                    // A collection used as a key: its insides get no useful paths.
                    None => join(self.stack.last().map(Frame::path).unwrap_or(""), "?"),
                };
                // Tags on collections (`!!map`, `!!seq`) are ignored.
                let is_seq = matches!(ev, Event::SequenceStart(..));
                self.stack.push(if is_seq {
                    Frame::Seq {
                        items: Vec::new(),
                        path,
                        anchor,
                        size: 1,
                    }
                } else {
                    Frame::Map {
                        map: Mapping::new(),
                        path,
                        anchor,
                        size: 1,
                        key: None,
                    }
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (value, anchor, size) = match self.stack.pop() {
                    Some(Frame::Seq {
                        items,
                        anchor,
                        size,
                        ..
                    }) => (Value::Sequence(items), anchor, size),
                    Some(Frame::Map {
                        map, anchor, size, ..
                    }) => (Value::Mapping(map), anchor, size),
                    None => return Err("unbalanced collection".into()),
                };
                if anchor > 0 {
                    self.anchors.insert(anchor, (value.clone(), size));
                }
                // The position of a collection used as a key is its start;
                // the end marker is the best we have here.
                self.place(value, size, at)?;
            }
        }
        Ok(false)
    }
}

/// Parses one YAML document. An empty document is an empty mapping.
pub fn parse(text: &str) -> Result<Located, YamlError> {
    let mut parser = Parser::new_from_str(text);
    let lines = Lines::new(text);
    let mut b = Builder {
        stack: Vec::new(),
        root: None,
        anchors: HashMap::new(),
        nodes: 0,
        out: Located::default(),
        documents: 0,
    };
    loop {
        let (ev, mark) = parser
            .next_token()
            .map_err(|e| lines.err(e.marker(), e.info()))?;
        match b.event(ev, lines.pos(&mark)) {
            Ok(true) => break,
            Ok(false) => {}
            Err(message) => return Err(lines.err(&mark, message)),
        }
    }
    let root = match b.root {
        None => Value::Mapping(Mapping::new()),
        Some(Value::Null) if b.out.raw.get("").is_none_or(|r| r.is_empty()) => {
            Value::Mapping(Mapping::new())
        }
        Some(v) => v,
    };
    b.out.value = root;
    Ok(b.out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn p(line: usize, column: usize) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn positions_count_only_newlines_as_line_breaks() {
        let located = parse("a: 1\r\rb: 2\nc: 3\n").unwrap();
        assert_eq!(located.keys["b"], Pos { line: 1, column: 7 });
        assert_eq!(located.keys["c"], Pos { line: 2, column: 1 });
    }

    #[test]
    fn positions_of_keys_and_values() {
        let y = parse("title: Hi\nspecs:\n  dir: x\n  domains: [a, \"b\"]\nlanguages:\n  ru: { name: Русский, dir: ltr }\né: ü\n").unwrap();
        let cases = [
            ("title", p(1, 1), p(1, 8)),
            ("specs", p(2, 1), p(3, 3)),
            ("specs.dir", p(3, 3), p(3, 8)),
            ("specs.domains", p(4, 3), p(4, 12)),
            ("languages.ru", p(6, 3), p(6, 7)),
            ("languages.ru.dir", p(6, 24), p(6, 29)),
            ("é", p(7, 1), p(7, 4)),
        ];
        for (path, k, v) in cases {
            assert_eq!(y.keys.get(path), Some(&k), "key {path}");
            assert_eq!(y.values.get(path), Some(&v), "value {path}");
        }
        assert_eq!(y.values.get("specs.domains.1"), Some(&p(4, 16)));
        assert_eq!(
            y.value["languages"]["ru"]["name"],
            Value::String("Русский".into())
        );
        assert_eq!(y.value["specs"]["domains"][1], Value::String("b".into()));
        let y = parse("refs:\n  - a\n  - b: 1\n    c: 2\nx:\n- y\n").unwrap();
        assert_eq!(y.values.get("refs"), Some(&p(2, 3)));
        assert_eq!(y.values.get("refs.1"), Some(&p(3, 5)));
        assert_eq!(y.keys.get("refs.1.c"), Some(&p(4, 5)));
        assert_eq!(y.values.get("x.0"), Some(&p(6, 3)));
    }

    #[test]
    fn core_schema_scalars() {
        let cases: &[(&str, Value)] = &[
            ("a: yes", Value::String("yes".into())),
            ("a: on", Value::String("on".into())),
            ("a: true", Value::Bool(true)),
            ("a: False", Value::Bool(false)),
            ("a: 42", Value::Number(42.into())),
            ("a: -7", Value::Number((-7).into())),
            ("a: 0x1f", Value::Number(31.into())),
            ("a: 0o17", Value::Number(15.into())),
            ("a: 1.5", Value::Number(1.5.into())),
            ("a: 1e3", Value::Number(1000.0.into())),
            ("a: ~", Value::Null),
            ("a:", Value::Null),
            ("a: \"42\"", Value::String("42".into())),
            ("a: !!str 42", Value::String("42".into())),
            ("a: 42/C4", Value::String("42/C4".into())),
            ("a: 1.2.3", Value::String("1.2.3".into())),
            ("a: '~'", Value::String("~".into())),
        ];
        for (text, want) in cases {
            let y = parse(text).unwrap();
            assert_eq!(&y.value["a"], want, "{text}");
        }
        let y = parse("a: 1.10").unwrap();
        assert_eq!(y.raw["a"], "1.10");
    }

    #[test]
    fn empty_and_comments_are_empty_mappings() {
        for text in ["", "   \n", "# just a comment\n", "---\n", "---\n...\n"] {
            let y = parse(text).unwrap();
            assert_eq!(y.value, Value::Mapping(Mapping::new()), "{text:?}");
        }
    }

    #[test]
    fn errors_are_located() {
        let cases = [
            ("a: 1\na: 2\n", 2, 1, "duplicate key `a`"),
            ("a:\n  b: 1\n  c: 2\n  b: 3\n", 4, 3, "duplicate key `b`"),
            ("a: [1, 2\n", 2, 1, ""),
            ("a: \"open\n", 1, 4, "quoted scalar"),
            ("a: 1\n---\nb: 2\n", 2, 1, "more than one YAML document"),
            ("a: *x\n", 1, 4, ""),
            // A lone CR is a line break to YAML but not to the file's lines
            // (found by fuzzing: the error was placed past the end of the file).
            ("a: 1\r\r\r\rb: [\n", 2, 1, ""),
        ];
        for (text, line, column, msg) in cases {
            let e = parse(text).unwrap_err();
            assert_eq!((e.line, e.column), (line, column), "{text:?}: {e:?}");
            assert!(e.message.contains(msg), "{text:?}: {e:?}");
            assert!(!e.message.contains("line"), "{text:?}: {e:?}");
        }
    }

    #[test]
    fn anchors_and_aliases() {
        let y = parse("a: &x [1, 2]\nb: *x\n").unwrap();
        assert_eq!(y.value["b"][1], Value::Number(2.into()));
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let j = i - 1;
            bomb.push_str(&format!(
                "a{i}: &a{i} [*a{j}, *a{j}, *a{j}, *a{j}, *a{j}, *a{j}, *a{j}, *a{j}, *a{j}, *a{j}]\n"
            ));
        }
        assert!(parse(&bomb).is_err());
    }

    #[test]
    fn deep_nesting_and_huge_input_do_not_panic() {
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).is_err());
        let deep_map: String = (0..300).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        assert!(parse(&deep_map).is_err());
        let huge: String = (0..50_000).map(|i| format!("k{i}: v{i}\n")).collect();
        assert_eq!(parse(&huge).unwrap().keys.len(), 50_000);
    }

    #[test]
    fn garbage_never_panics() {
        let mut rng = crate::test_rng::Rng(0x9e37_79b9_7f4a_7c15);
        let alphabet: Vec<char> = "ab:- \n\t\"'[]{},#&*!|>?%@`~.0123456789\r\\é\u{feff}"
            .chars()
            .collect();
        for _ in 0..3000 {
            let len = rng.below(60);
            let s: String = (0..len)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            let _ = parse(&s);
        }
    }
}
