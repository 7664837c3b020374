//! `charter.yaml`: discovery (upward from a directory), schema with defaults,
//! validation (unknown keys with did-you-mean, wrong types naming the key and
//! what was expected), all reported as located diagnostics.

use crate::diagnostics::{Diagnostic, LintLevel, Location};
use crate::yaml::{self, join, Located, Pos};
use serde::Serialize;
use serde_yaml::{Mapping, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "charter.yaml";

/// The site configuration with defaults applied.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Config {
    pub title: String,
    pub description: Option<String>,
    pub base_url: Option<String>,
    /// Source language (BCP 47), default `en`.
    pub language: String,
    /// Translations by tag, in file order.
    pub languages: BTreeMap<String, LanguageConfig>,
    /// Home page file, default `index.md`.
    pub home: PathBuf,
    pub book: BookConfig,
    pub specs: SpecsConfig,
    /// Folders copied verbatim to the output root, default `[static]`.
    pub static_dirs: Vec<PathBuf>,
    /// Globs relative to the root that are never read.
    pub ignore: Vec<String>,
    /// "Edit this page" URL with `{path}` for the source path relative to the root.
    pub edit_url: Option<String>,
    pub cname: Option<String>,
    pub search: bool,
    pub lints: BTreeMap<String, LintLevel>,
    pub versions: Option<VersionsConfig>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LanguageConfig {
    pub name: String,
    /// `ltr` or `rtl` when given explicitly.
    pub dir: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BookConfig {
    pub dir: PathBuf,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpecsConfig {
    pub dir: PathBuf,
    pub domains: Vec<String>,
    pub obsoletes: BTreeMap<u32, Vec<u32>>,
    /// Where each `specs.obsoletes` entry is written in charter.yaml (line, column).
    #[serde(skip)]
    pub obsoletes_at: BTreeMap<u32, (usize, usize)>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VersionsConfig {
    pub refs: Vec<String>,
    pub current: Option<String>,
    pub default: Option<String>,
    /// Where `versions` and its keys and values are written in charter.yaml
    /// (line, column), by dotted path: `versions`, `versions.refs.0`,
    /// `versions.current`, `versions.default`.
    #[serde(skip)]
    pub positions: BTreeMap<String, (usize, usize)>,
}

impl VersionsConfig {
    /// The position of a dotted path's value (else its key, else `versions:`).
    pub fn position(&self, path: &str) -> (usize, usize) {
        self.positions
            .get(path)
            .or_else(|| self.positions.get("versions"))
            .copied()
            .unwrap_or((1, 1))
    }
}

impl Config {
    /// A config with every default and the given title.
    pub fn with_title(title: impl Into<String>) -> Self {
        Config {
            title: title.into(),
            description: None,
            base_url: None,
            language: "en".into(),
            languages: BTreeMap::new(),
            home: PathBuf::from("index.md"),
            book: BookConfig {
                dir: PathBuf::from("book"),
            },
            specs: SpecsConfig {
                dir: PathBuf::from("specs"),
                domains: Vec::new(),
                obsoletes: BTreeMap::new(),
                obsoletes_at: BTreeMap::new(),
            },
            static_dirs: vec![PathBuf::from("static")],
            ignore: Vec::new(),
            edit_url: None,
            cname: None,
            search: true,
            lints: BTreeMap::new(),
            versions: None,
        }
    }
}

/// The nearest directory at or above `start` that holds `charter.yaml`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
}

/// A parsed config plus the warnings found on the way. Errors are returned
/// as `Err` with every problem found (not only the first).
pub type ConfigResult = Result<(Config, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Reads and validates `ROOT/charter.yaml`. Diagnostics name the file as
/// `charter.yaml` (relative to the root).
pub fn load(root: &Path) -> ConfigResult {
    let path = root.join(CONFIG_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => parse(&text, Path::new(CONFIG_FILE)),
            Err(_) => Err(vec![Diagnostic::error(
                "invalid-utf8",
                "charter.yaml is not valid UTF-8",
            )
            .at_file(CONFIG_FILE)
            .help("save the file as UTF-8")]),
        },
        Err(e) => Err(vec![Diagnostic::error(
            "io-error",
            format!("cannot read {}: {e}", path.display()),
        )
        .at_file(CONFIG_FILE)]),
    }
}

/// Parses config text; `file` is the name diagnostics carry.
pub fn parse(text: &str, file: &Path) -> ConfigResult {
    let located = match yaml::parse(text) {
        Ok(l) => l,
        Err(e) => {
            return Err(vec![Diagnostic::error(
                "yaml-syntax",
                format!("invalid YAML: {}", e.message),
            )
            .at(Location::new(file, e.line, e.column))
            .help(
                "fix the YAML syntax; `charter.yaml` is a mapping of `key: value` lines",
            )])
        }
    };
    let mut c = Checker::new(&located, file);
    let mut config = Config::with_title("");
    let Some(root) = c.mapping("", &located.value) else {
        return Err(c.diags);
    };
    let mut has_title = false;
    for (k, v) in root {
        let Some(key) = c.key("", k, TOP_KEYS) else {
            continue;
        };
        let path = key.as_str();
        match path {
            "title" => {
                has_title = true;
                if let Some(t) = c.string(path, v) {
                    if t.trim().is_empty() {
                        c.error_at("config-value", c.value_loc(path), "`title` is empty")
                            .hint("give the site a title, e.g. `title: ZeroMQ RFC`");
                    }
                    config.title = t;
                }
            }
            "description" => config.description = c.opt_string(path, v),
            "base_url" => {
                if let Some(url) = c.opt_string(path, v) {
                    if let Some(problem) = crate::url::base_url_problem(&url) {
                        c.error_at(
                            "config-value",
                            c.value_loc(path),
                            format!("`base_url` {problem}"),
                        )
                        .hint("write it like `https://zeromq.github.io/rfc/`");
                    }
                    config.base_url = Some(url);
                }
            }
            "language" => {
                if let Some(tag) = c.opt_string(path, v) {
                    c.language_tag(path, &tag, false);
                    config.language = tag;
                }
            }
            "languages" => config.languages = c.languages(path, v),
            "home" => {
                if let Some(h) = c.opt_string(path, v) {
                    config.home = c.inside(path, h).unwrap_or(config.home);
                }
            }
            "book" => {
                if let Some(m) = c.opt_mapping(path, v) {
                    for (k, v) in m {
                        let Some(key) = c.key(path, k, BOOK_KEYS) else {
                            continue;
                        };
                        let p = join(path, &key);
                        if let Some(d) = c.opt_string(&p, v) {
                            config.book.dir = c.inside(&p, d).unwrap_or(config.book.dir);
                        }
                    }
                }
            }
            "specs" => {
                if let Some(m) = c.opt_mapping(path, v) {
                    for (k, v) in m {
                        let Some(key) = c.key(path, k, SPECS_KEYS) else {
                            continue;
                        };
                        let p = join(path, &key);
                        match key.as_str() {
                            "dir" => {
                                if let Some(d) = c.opt_string(&p, v) {
                                    config.specs.dir = c.inside(&p, d).unwrap_or(config.specs.dir);
                                }
                            }
                            "domains" => {
                                config.specs.domains = c.strings(&p, v, "a list of host names")
                            }
                            _ => {
                                config.specs.obsoletes = c.obsoletes(&p, v);
                                config.specs.obsoletes_at = config
                                    .specs
                                    .obsoletes
                                    .keys()
                                    .filter_map(|n| {
                                        let pos = located.keys.get(&join(&p, &n.to_string()))?;
                                        Some((*n, (pos.line, pos.column)))
                                    })
                                    .collect();
                            }
                        }
                    }
                }
            }
            "static" => {
                config.static_dirs = c
                    .string_items(path, v, "a list of folders")
                    .into_iter()
                    .filter_map(|(dir, p)| c.inside(&p, dir))
                    .collect()
            }
            "ignore" => {
                config.ignore = c.globs(path, v);
            }
            "edit_url" => {
                if let Some(url) = c.opt_string(path, v) {
                    if !url.contains("{path}") {
                        c.warning_at(
                            "config-value",
                            c.value_loc(path),
                            "`edit_url` has no `{path}` placeholder",
                        )
                        .hint("every page would link to the same URL; add `{path}` where the source path goes, e.g. `https://github.com/org/repo/edit/main/{path}`");
                    }
                    config.edit_url = Some(url);
                }
            }
            "cname" => {
                if let Some(host) = c.opt_string(path, v) {
                    if host.contains('/') || host.contains(char::is_whitespace) || host.is_empty() {
                        c.error_at(
                            "config-value",
                            c.value_loc(path),
                            format!("`cname` must be a host name, found `{host}`"),
                        )
                        .hint("write only the host, e.g. `cname: rfc.zeromq.org`");
                    }
                    config.cname = Some(host);
                }
            }
            "search" => {
                if let Some(b) = c.opt_bool(path, v) {
                    config.search = b;
                }
            }
            "lints" => config.lints = c.lints(path, v),
            _ => config.versions = c.versions(path, v),
        }
    }
    if config.languages.contains_key(&config.language) {
        let path = format!("languages.{}", config.language);
        let at = c.key_loc(&path);
        let source = config.language.clone();
        c.error_at(
            "config-value",
            at,
            format!("`{source}` is the source language (`language: {source}`), not a translation"),
        )
        .hint("list only translations under `languages:`");
    }
    if !has_title {
        c.diags.push(
            Diagnostic::error("config-missing-key", "`title` is missing")
                .at(Location::new(file, 1, 1))
                .help("every site needs a title, e.g. `title: ZeroMQ RFC`"),
        );
    }
    if c.diags.iter().any(Diagnostic::is_error) {
        Err(c.diags)
    } else {
        Ok((config, c.diags))
    }
}

const TOP_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "languages",
    "home",
    "book",
    "specs",
    "static",
    "ignore",
    "edit_url",
    "cname",
    "search",
    "lints",
    "versions",
];
const BOOK_KEYS: &[&str] = &["dir"];
const SPECS_KEYS: &[&str] = &["dir", "domains", "obsoletes"];
const LANGUAGE_KEYS: &[&str] = &["name", "dir"];
const VERSIONS_KEYS: &[&str] = &["refs", "current", "default"];

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(&lower, c), *c))
        .filter(|(score, c)| {
            *score >= 0.85 || strsim::osa_distance(&lower, c) * 3 <= c.chars().count().max(2)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// How a YAML value is described in "found …" messages.
pub fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(n) if n.is_f64() => "a decimal number",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// Is `tag` a plausible BCP 47 language tag (`en`, `pt-BR`, `zh-Hant-TW`)?
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Sets the help of a diagnostic already pushed.
trait Hint {
    fn hint(self, help: impl Into<String>);
}

impl Hint for &mut Diagnostic {
    fn hint(self, help: impl Into<String>) {
        self.help = Some(help.into());
    }
}

struct Checker<'a> {
    loc: &'a Located,
    file: &'a Path,
    diags: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    fn new(loc: &'a Located, file: &'a Path) -> Self {
        Checker {
            loc,
            file,
            diags: Vec::new(),
        }
    }

    fn at(&self, p: Pos, len: usize) -> Location {
        let mut l = Location::new(self.file, p.line, p.column);
        l.len = len;
        l
    }

    fn key_loc(&self, path: &str) -> Location {
        let len = path.rsplit('.').next().unwrap_or("").chars().count();
        self.at(self.loc.pos_of(path), len)
    }

    fn value_loc(&self, path: &str) -> Location {
        let len = match self.loc.raw.get(path) {
            Some(r) if !r.contains('\n') => r.chars().count(),
            _ => 0,
        };
        self.at(self.loc.value_pos(path), len)
    }

    fn error_at(
        &mut self,
        code: &'static str,
        at: Location,
        msg: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(code, msg).at(at));
        self.diags.last_mut().expect("just pushed")
    }

    fn warning_at(
        &mut self,
        code: &'static str,
        at: Location,
        msg: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diags.push(Diagnostic::warning(code, msg).at(at));
        self.diags.last_mut().expect("just pushed")
    }

    /// A path relative to the root that stays inside it (no `..`, not
    /// absolute): charter never reads or publishes files from outside the
    /// site, whatever a pull request writes into charter.yaml.
    fn inside(&mut self, path: &str, value: String) -> Option<PathBuf> {
        use std::path::Component;
        let p = PathBuf::from(&value);
        let inside = !value.trim().is_empty()
            && p.components()
                .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        if inside {
            return Some(p);
        }
        let at = self.value_loc(path);
        self.error_at(
            "config-value",
            at,
            format!("`{path}` must be a path inside the site, found `{value}`"),
        )
        .hint("write it relative to the folder of charter.yaml, without `..` or a leading `/`, e.g. `static`");
        None
    }

    fn type_error(&mut self, path: &str, expected: &str, found: &Value) {
        let at = self.value_loc(path);
        self.error_at(
            "config-type",
            at,
            format!("`{path}` must be {expected}, found {}", describe(found)),
        )
        .hint(format!(
            "write {expected} here; `charter explain config-type` shows examples"
        ));
    }

    /// The key as a string if it is one of `valid`; else reports it.
    fn key(&mut self, parent: &str, k: &Value, valid: &[&str]) -> Option<String> {
        let name = match k {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => "?".to_string(),
        };
        if valid.contains(&name.as_str()) {
            return Some(name);
        }
        let path = join(parent, &name);
        let at = self.key_loc(&path);
        let place = if parent.is_empty() {
            "charter.yaml".to_string()
        } else {
            format!("`{parent}`")
        };
        let help = match did_you_mean(&name, valid) {
            Some(m) => format!("did you mean `{m}`?"),
            None => format!("valid keys here: {}", valid.join(", ")),
        };
        self.error_at(
            "unknown-key",
            at,
            format!("unknown key `{name}` in {place}"),
        )
        .hint(help);
        None
    }

    fn mapping<'v>(&mut self, path: &str, v: &'v Value) -> Option<&'v Mapping> {
        match v {
            Value::Mapping(m) => Some(m),
            other => {
                if path.is_empty() {
                    let at = self.value_loc(path);
                    self.error_at(
                        "config-type",
                        at,
                        format!(
                            "charter.yaml must be a mapping of `key: value` lines, found {}",
                            describe(other)
                        ),
                    )
                    .hint("start with `title: My community`");
                } else {
                    self.type_error(path, "a mapping", other);
                }
                None
            }
        }
    }

    fn opt_mapping<'v>(&mut self, path: &str, v: &'v Value) -> Option<&'v Mapping> {
        match v {
            Value::Null => None,
            _ => self.mapping(path, v),
        }
    }

    /// A string; numbers are taken as written (`1.10` stays `1.10`).
    fn string(&mut self, path: &str, v: &Value) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(
                self.loc
                    .raw
                    .get(path)
                    .cloned()
                    .unwrap_or_else(|| n.to_string()),
            ),
            other => {
                self.type_error(path, "a string", other);
                None
            }
        }
    }

    fn opt_string(&mut self, path: &str, v: &Value) -> Option<String> {
        match v {
            Value::Null => None,
            _ => self.string(path, v),
        }
    }

    fn opt_bool(&mut self, path: &str, v: &Value) -> Option<bool> {
        match v {
            Value::Null => None,
            Value::Bool(b) => Some(*b),
            other => {
                let at = self.value_loc(path);
                let d = self.error_at(
                    "config-type",
                    at,
                    format!("`{path}` must be true or false, found {}", describe(other)),
                );
                d.hint("write `true` or `false`");
                None
            }
        }
    }

    /// A list of strings (a single string is a list of one), with item paths.
    fn string_items(&mut self, path: &str, v: &Value, expected: &str) -> Vec<(String, String)> {
        match v {
            Value::Null => Vec::new(),
            Value::Sequence(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    let p = join(path, &i.to_string());
                    match item {
                        Value::String(_) | Value::Number(_) => {
                            self.string(&p, item).map(|s| (s, p))
                        }
                        other => {
                            self.type_error(path, expected, other);
                            let at = self.at(self.loc.value_pos(&p), 0);
                            let last = self.diags.last_mut().expect("just pushed");
                            last.location = Some(at);
                            None
                        }
                    }
                })
                .collect(),
            Value::String(_) | Value::Number(_) => self
                .string(path, v)
                .map(|s| vec![(s, path.to_string())])
                .unwrap_or_default(),
            other => {
                self.type_error(path, expected, other);
                Vec::new()
            }
        }
    }

    fn strings(&mut self, path: &str, v: &Value, expected: &str) -> Vec<String> {
        self.string_items(path, v, expected)
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    }

    fn globs(&mut self, path: &str, v: &Value) -> Vec<String> {
        let items = self.string_items(path, v, "a list of globs");
        let mut out = Vec::new();
        for (glob, p) in items {
            if let Err(e) = globset::Glob::new(&glob) {
                let at = self.value_loc(&p);
                self.error_at(
                    "bad-glob",
                    at,
                    format!("`{glob}` in `{path}` is not a valid glob: {}", e.kind()),
                )
                .hint("globs use `*`, `**`, `?`, `[abc]` and `{a,b}`, e.g. `content/menu/**`");
            }
            out.push(glob);
        }
        out
    }

    fn language_tag(&mut self, path: &str, tag: &str, is_key: bool) {
        if !is_language_tag(tag) {
            let at = if is_key {
                self.key_loc(path)
            } else {
                self.value_loc(path)
            };
            self.error_at("config-value", at, format!("`{tag}` is not a language tag"))
                .hint("use a BCP 47 tag such as `en`, `ru`, `pt-BR` or `zh-Hant`");
        }
    }

    fn languages(&mut self, path: &str, v: &Value) -> BTreeMap<String, LanguageConfig> {
        let mut out = BTreeMap::new();
        let Some(m) = self.opt_mapping(path, v) else {
            return out;
        };
        for (k, v) in m {
            let tag = match k {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => "?".to_string(),
            };
            let p = join(path, &tag);
            self.language_tag(&p, &tag, true);
            let mut lang = LanguageConfig {
                name: tag.clone(),
                dir: None,
            };
            match v {
                Value::Null => {}
                // `ru: Русский` is short for `ru: { name: Русский }`.
                Value::String(s) => lang.name = s.clone(),
                Value::Mapping(fields) => {
                    for (fk, fv) in fields {
                        let Some(key) = self.key(&p, fk, LANGUAGE_KEYS) else {
                            continue;
                        };
                        let fp = join(&p, &key);
                        if key == "name" {
                            if let Some(n) = self.string(&fp, fv) {
                                lang.name = n;
                            }
                        } else if let Some(d) = self.opt_string(&fp, fv) {
                            if d != "ltr" && d != "rtl" {
                                let at = self.value_loc(&fp);
                                self.error_at(
                                    "config-value",
                                    at,
                                    format!("`{fp}` must be `ltr` or `rtl`, found `{d}`"),
                                )
                                .hint("`rtl` for right-to-left scripts such as Arabic or Hebrew");
                            } else {
                                lang.dir = Some(d);
                            }
                        }
                    }
                }
                other => self.type_error(&p, "a mapping like `{ name: Русский }`", other),
            }
            out.insert(tag, lang);
        }
        out
    }

    fn number(&mut self, path: &str, v: &Value, at: Location) -> Option<u32> {
        let n = match v {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.trim().parse::<u64>().ok(),
            _ => None,
        };
        match n.and_then(|n| u32::try_from(n).ok()) {
            Some(n) => Some(n),
            None => {
                self.error_at(
                    "config-type",
                    at,
                    format!("`{path}` must hold spec numbers, found {}", describe(v)),
                )
                .hint("write it like `obsoletes: { 42: [22] }`");
                None
            }
        }
    }

    fn obsoletes(&mut self, path: &str, v: &Value) -> BTreeMap<u32, Vec<u32>> {
        let mut out = BTreeMap::new();
        let Some(m) = self.opt_mapping(path, v) else {
            return out;
        };
        for (k, v) in m {
            let seg = match k {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => "?".into(),
            };
            let p = join(path, &seg);
            let at = self.key_loc(&p);
            let Some(n) = self.number(path, k, at) else {
                continue;
            };
            let items: Vec<(String, &Value)> = match v {
                Value::Sequence(items) => items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| (join(&p, &i.to_string()), item))
                    .collect(),
                single => vec![(p.clone(), single)],
            };
            let mut list = Vec::new();
            for (ip, item) in items {
                let at = self.value_loc(&ip);
                if let Some(x) = self.number(path, item, at) {
                    list.push(x);
                }
            }
            out.insert(n, list);
        }
        out
    }

    fn lints(&mut self, path: &str, v: &Value) -> BTreeMap<String, LintLevel> {
        let mut out = BTreeMap::new();
        let Some(m) = self.opt_mapping(path, v) else {
            return out;
        };
        for (k, v) in m {
            let code = match k {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => "?".to_string(),
            };
            let p = join(path, &code);
            if !crate::diagnostics::codes::CODES
                .iter()
                .any(|(known, _, _)| *known == code)
            {
                let at = self.key_loc(&p);
                let codes: Vec<&str> = crate::diagnostics::codes::CODES
                    .iter()
                    .map(|(c, _, _)| *c)
                    .collect();
                let hint = match did_you_mean(&code, &codes) {
                    Some(near) => format!("did you mean `{near}`? `charter explain CODE` lists what each code means"),
                    None => "name a diagnostic code, e.g. `broken-link`; every diagnostic prints its code".to_string(),
                };
                self.error_at(
                    "config-value",
                    at,
                    format!("`{code}` in `{path}` is not a diagnostic code"),
                )
                .hint(hint);
                continue;
            }
            let level = match v {
                Value::String(s) => match s.as_str() {
                    "deny" => Some(LintLevel::Deny),
                    "warn" => Some(LintLevel::Warn),
                    "allow" => Some(LintLevel::Allow),
                    _ => None,
                },
                _ => None,
            };
            match level {
                Some(l) => {
                    out.insert(code, l);
                }
                None => {
                    let at = self.value_loc(&p);
                    let found = match v {
                        Value::String(s) => format!("`{s}`"),
                        other => describe(other).to_string(),
                    };
                    self.error_at(
                        "config-value",
                        at,
                        format!("`{p}` must be deny, warn or allow, found {found}"),
                    )
                    .hint("`deny` makes it an error, `warn` a warning, `allow` hides it");
                }
            }
        }
        out
    }

    fn versions(&mut self, path: &str, v: &Value) -> Option<VersionsConfig> {
        let m = self.opt_mapping(path, v)?;
        let mut out = VersionsConfig {
            refs: Vec::new(),
            current: None,
            default: None,
            positions: BTreeMap::new(),
        };
        // Values first, so a key's own position only fills paths without one.
        for (p, pos) in self.loc.values.iter().chain(&self.loc.keys) {
            if p == path || p.starts_with(&format!("{path}.")) {
                out.positions
                    .entry(p.clone())
                    .or_insert((pos.line, pos.column));
            }
        }
        if let Some(pos) = self.loc.keys.get(path) {
            out.positions
                .insert(path.to_string(), (pos.line, pos.column));
        }
        for (k, v) in m {
            let Some(key) = self.key(path, k, VERSIONS_KEYS) else {
                continue;
            };
            let p = join(path, &key);
            match key.as_str() {
                "refs" => out.refs = self.globs(&p, v),
                "current" => out.current = self.opt_string(&p, v),
                _ => out.default = self.opt_string(&p, v),
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;

    fn errs(text: &str) -> Vec<(&'static str, usize, usize, String)> {
        let diags = match parse(text, Path::new("charter.yaml")) {
            Ok((_, w)) => w,
            Err(d) => d,
        };
        diags
            .into_iter()
            .map(|d| {
                let l = d.location.expect("located");
                assert_eq!(l.file, Path::new("charter.yaml"));
                let text = format!("{} | {}", d.message, d.help.unwrap_or_default());
                (d.code, l.line, l.column, text)
            })
            .collect()
    }

    #[test]
    fn full_example_parses() {
        let text = r#"
title: ZeroMQ RFC
description: Specifications of the ZeroMQ community
base_url: https://zeromq.github.io/rfc/
language: en
languages:
  ru: { name: Русский }
  ar: { name: العربية }
  he: { name: עברית, dir: rtl }
home: index.md
book: { dir: book }
specs:
  dir: content/docs/rfcs
  domains: [rfc.zeromq.org]
  obsoletes: { 42: [22], 44: 23 }
static: [static, img]
ignore: ["content/menu/**"]
edit_url: https://github.com/zeromq/rfc/edit/master/{path}
cname: rfc.zeromq.org
search: false
lints:
  broken-link: warn
versions:
  refs: ["v*"]
  current: next
  default: latest
"#;
        let (c, warnings) = parse(text, Path::new("charter.yaml")).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(c.title, "ZeroMQ RFC");
        assert_eq!(c.languages.len(), 3);
        assert_eq!(c.languages["ru"].name, "Русский");
        assert_eq!(c.languages["he"].dir.as_deref(), Some("rtl"));
        assert_eq!(c.specs.dir, PathBuf::from("content/docs/rfcs"));
        assert_eq!(c.specs.domains, vec!["rfc.zeromq.org"]);
        assert_eq!(c.specs.obsoletes[&42], vec![22]);
        assert_eq!(c.specs.obsoletes[&44], vec![23]);
        assert_eq!(
            c.static_dirs,
            vec![PathBuf::from("static"), PathBuf::from("img")]
        );
        assert_eq!(c.ignore, vec!["content/menu/**"]);
        assert!(!c.search);
        assert_eq!(c.lints["broken-link"], LintLevel::Warn);
        let v = c.versions.unwrap();
        assert_eq!(v.refs, vec!["v*"]);
        assert_eq!(v.current.as_deref(), Some("next"));
        assert_eq!(v.default.as_deref(), Some("latest"));
    }

    #[test]
    fn defaults() {
        let (c, w) = parse("title: T\n", Path::new("charter.yaml")).unwrap();
        assert!(w.is_empty());
        assert_eq!(c, Config::with_title("T"));
        let (c, _) = parse("title: T\nversions:\n  current: 1.10\n", Path::new("x")).unwrap();
        assert_eq!(c.versions.unwrap().current.as_deref(), Some("1.10"));
    }

    #[test]
    fn diagnostics_table() {
        type Want = (&'static str, usize, usize, &'static str);
        let cases: &[(&str, &[Want])] = &[
            (
                "title: T\nspecs:\n  dri: x\n",
                &[("unknown-key", 3, 3, "did you mean `dir`?")],
            ),
            (
                "titel: T\n",
                &[
                    ("unknown-key", 1, 1, "did you mean `title`?"),
                    ("config-missing-key", 1, 1, "`title` is missing"),
                ],
            ),
            (
                "title: T\nzzz: 1\n",
                &[("unknown-key", 2, 1, "valid keys here: title, description")],
            ),
            (
                "title: T\nsearch: \"no\"\n",
                &[(
                    "config-type",
                    2,
                    9,
                    "`search` must be true or false, found a string",
                )],
            ),
            (
                "title: T\nsearch: yes\n",
                &[("config-type", 2, 9, "write `true` or `false`")],
            ),
            ("description: x\n", &[("config-missing-key", 1, 1, "")]),
            ("", &[("config-missing-key", 1, 1, "")]),
            ("- a\n- b\n", &[("config-type", 1, 1, "must be a mapping")]),
            ("title: [T\n", &[("yaml-syntax", 2, 1, "invalid YAML")]),
            (
                "title: T\nlanguage: english_us\n",
                &[("config-value", 2, 11, "not a language tag")],
            ),
            (
                "title: T\nlanguages:\n  ru: { name: R, dir: up }\n  x_y: { name: X }\n",
                &[
                    ("config-value", 3, 23, "must be `ltr` or `rtl`"),
                    ("config-value", 4, 3, "not a language tag"),
                ],
            ),
            (
                "title: T\nlints:\n  broken-link: off\n",
                &[("config-value", 3, 16, "must be deny, warn or allow")],
            ),
            (
                "title: T\nignore:\n  - ok/**\n  - \"bad[\"\n",
                &[("bad-glob", 4, 5, "not a valid glob")],
            ),
            (
                "title: T\nstatic: 3\nbook: x\n",
                &[("config-type", 3, 7, "`book` must be a mapping")],
            ),
            (
                "title: T\nstatic: [a, {b: c}]\n",
                &[("config-type", 2, 13, "`static` must be a list of folders")],
            ),
            (
                "title: T\nspecs:\n  obsoletes: { x: [1], 3: [y] }\n",
                &[
                    ("config-type", 3, 16, "spec numbers"),
                    ("config-type", 3, 28, "spec numbers"),
                ],
            ),
            (
                "title: T\nversions:\n  ref: [v*]\n",
                &[("unknown-key", 3, 3, "did you mean `refs`?")],
            ),
            (
                "title: T\nedit_url: https://x/edit\n",
                &[("config-value", 2, 11, "{path}")],
            ),
            (
                "title: T\ncname: https://rfc.zeromq.org/\n",
                &[("config-value", 2, 8, "host name")],
            ),
            (
                "title: T\nlanguages:\n  en: { name: English }\n",
                &[("config-value", 3, 3, "is the source language")],
            ),
            (
                "title: T\nlints:\n  brokn-link: warn\n",
                &[(
                    "config-value",
                    3,
                    3,
                    "`brokn-link` in `lints` is not a diagnostic code",
                )],
            ),
            (
                "title: T\ntitle: U\n",
                &[("yaml-syntax", 2, 1, "duplicate key `title`")],
            ),
        ];
        for (text, want) in cases {
            let got = errs(text);
            assert_eq!(got.len(), want.len(), "{text:?}: {got:#?}");
            for (g, w) in got.iter().zip(want.iter()) {
                assert_eq!((g.0, g.1, g.2), (w.0, w.1, w.2), "{text:?}: {got:#?}");
                assert!(g.3.contains(w.3), "{text:?}: {g:?} lacks {:?}", w.3);
            }
        }
    }

    #[test]
    fn reports_every_problem_at_once() {
        let text = "titel: T\nsearch: maybe\nspecs:\n  dri: x\n  domains: 5\nlints:\n  x: nope\n";
        let diags = parse(text, Path::new("charter.yaml")).unwrap_err();
        let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            vec![
                "unknown-key",
                "config-type",
                "unknown-key",
                "config-value",
                "config-missing-key"
            ]
        );
        assert!(diags.iter().all(|d| d.severity == Severity::Error));
    }

    #[test]
    fn warnings_only_is_ok() {
        let (c, w) = parse("title: T\nedit_url: x\n", Path::new("charter.yaml")).unwrap();
        assert_eq!(c.edit_url.as_deref(), Some("x"));
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].severity, Severity::Warning);
    }

    #[test]
    fn did_you_mean_examples() {
        assert_eq!(did_you_mean("dri", SPECS_KEYS), Some("dir"));
        assert_eq!(did_you_mean("lint", TOP_KEYS), Some("lints"));
        assert_eq!(did_you_mean("baseurl", TOP_KEYS), Some("base_url"));
        assert_eq!(did_you_mean("zzz", TOP_KEYS), None);
    }

    #[test]
    fn garbage_never_panics() {
        let mut rng = crate::test_rng::Rng(42);
        let pieces = [
            "title",
            "specs",
            ":",
            " ",
            "\n",
            "  ",
            "-",
            "[",
            "]",
            "{",
            "}",
            "dir",
            "x",
            "1",
            "obsoletes",
            "languages",
            "ru",
            "lints",
            "ignore",
            "\"",
            "*",
            "&a",
            "~",
            ",",
            "versions",
            "refs",
            "\t",
            "search",
            "true",
        ];
        for _ in 0..3000 {
            let n = rng.below(40);
            let s: String = (0..n).map(|_| pieces[rng.below(pieces.len())]).collect();
            let _ = parse(&s, Path::new("charter.yaml"));
        }
    }
}
