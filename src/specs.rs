//! Numbered specifications (COSS lifecycle): the spec model read from front
//! matter, the lifecycle rules checked at build, the registry grouping, and
//! the reference forms (`spec:42`, old absolute URLs on `specs.domains`).

use crate::diagnostics::{Diagnostic, Location};
use crate::frontmatter::FrontMatter;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A spec's lifecycle status (COSS).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Raw,
    Draft,
    Stable,
    Deprecated,
    Retired,
    Deleted,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Raw,
        Status::Draft,
        Status::Stable,
        Status::Deprecated,
        Status::Retired,
        Status::Deleted,
    ];

    /// The order of the registry's groups.
    pub const REGISTRY_ORDER: [Status; 5] = [
        Status::Stable,
        Status::Draft,
        Status::Raw,
        Status::Deprecated,
        Status::Retired,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Status::Raw => "raw",
            Status::Draft => "draft",
            Status::Stable => "stable",
            Status::Deprecated => "deprecated",
            Status::Retired => "retired",
            Status::Deleted => "deleted",
        }
    }

    /// Case-insensitive (`Draft` as well as `draft`).
    pub fn parse(text: &str) -> Option<Status> {
        let lower = text.trim().to_ascii_lowercase();
        Status::ALL.into_iter().find(|s| s.name() == lower)
    }

    /// Specs a stable spec should not lean on.
    pub fn is_unfit_reference(self) -> bool {
        matches!(self, Status::Raw | Status::Retired | Status::Deleted)
    }
}

/// One spec's metadata, as the site shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Spec {
    pub number: u32,
    /// `42/C4`; the number alone when the spec has none.
    pub shortname: String,
    /// The title; the shortname when the spec has no `name:`.
    pub name: String,
    pub status: Status,
    pub editors: Vec<String>,
    pub contributors: Vec<String>,
    /// Supersession, with the inverse derived: both sides complete.
    pub obsoletes: Vec<u32>,
    pub obsoleted_by: Vec<u32>,
    pub license: Option<String>,
    pub domain: Option<String>,
    /// Source file relative to the root.
    #[serde(skip)]
    pub source: PathBuf,
    /// Index of the spec's page in the content's pages.
    #[serde(skip)]
    pub page: usize,
}

/// An editor or contributor as a spec writes them (`Name <address>`), split
/// so a page can link the address instead of printing it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Person {
    pub name: String,
    /// The address between `<` and `>`, when it looks like one.
    pub email: Option<String>,
}

impl Person {
    /// `Pieter Hintjens <ph@imatix.com>` → name and address; anything else
    /// (no address, or more than one `<…>`) is all name.
    pub fn parse(text: &str) -> Person {
        let text = text.trim();
        let split = text
            .strip_suffix('>')
            .and_then(|rest| rest.rsplit_once('<'))
            .filter(|(name, email)| {
                !name.contains(['<', '>'])
                    && email.contains('@')
                    && !email.contains(|c: char| c.is_whitespace() || c == '<')
            });
        match split {
            Some((name, email)) => Person {
                name: match name.trim() {
                    "" => email.to_string(),
                    name => name.to_string(),
                },
                email: Some(email.to_string()),
            },
            None => Person {
                name: text.to_string(),
                email: None,
            },
        }
    }

    pub fn all(texts: &[String]) -> Vec<Person> {
        texts.iter().map(|t| Person::parse(t)).collect()
    }
}

impl Spec {
    /// The part of the shortname after the number (`C4` of `42/C4`).
    pub fn short_label(&self) -> Option<&str> {
        self.shortname
            .split_once('/')
            .map(|(_, name)| name)
            .filter(|n| !n.is_empty())
    }
}

/// A spec file found in the specs folder, before its front matter is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecFile {
    pub source: PathBuf,
    /// The number the path gives (`specs/42/README.md`, `specs/42-c4.md`).
    pub path_number: Option<u32>,
}

/// The number in a spec path's name: `42`, `42-c4`, `42_c4`.
pub fn number_from_name(name: &str) -> Option<u32> {
    number_digits(name)?.parse().ok()
}

/// The leading digits of a name shaped like a spec path (`42`, `42-c4`),
/// whether or not they fit a number.
fn number_digits(name: &str) -> Option<&str> {
    let digits = &name[..name
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(name.len())];
    let rest = &name[digits.len()..];
    let shaped = !digits.is_empty() && (rest.is_empty() || rest.starts_with(['-', '_', '.']));
    shaped.then_some(digits)
}

/// The error for a spec file whose path and front matter give no number.
fn no_number(source: &Path) -> Diagnostic {
    let help = "name the folder or file after the number (`specs/42/README.md`, `specs/42-name.md`) or add `number: 42`";
    let message = match oversized_path_number(source) {
        Some(digits) => format!(
            "{}: the spec number {digits} in its path is too large (the largest is {})",
            source.display(),
            u32::MAX
        ),
        None => format!("{} has no spec number", source.display()),
    };
    Diagnostic::error("spec-no-number", message)
        .at(Location::file(source))
        .help(help)
}

/// The leading digits of a spec path's name when they are shaped like a spec
/// number but do not fit one (`specs/99999999999/README.md`).
fn oversized_path_number(source: &Path) -> Option<&str> {
    let file_name = source.file_name()?.to_str()?;
    let name = if matches!(file_name, "README.md" | "index.md" | "_index.md") {
        source.parent()?.file_name()?.to_str()?
    } else {
        file_name.strip_suffix(".md")?
    };
    number_digits(name).filter(|digits| digits.parse::<u32>().is_err())
}

/// All specs of a site with their rules checked.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SpecIndex {
    pub specs: BTreeMap<u32, Spec>,
}

impl SpecIndex {
    pub fn get(&self, number: u32) -> Option<&Spec> {
        self.specs.get(&number)
    }

    /// Published specs (every status but deleted) by registry group.
    pub fn groups(&self) -> Vec<(Status, Vec<&Spec>)> {
        Status::REGISTRY_ORDER
            .iter()
            .map(|&status| {
                (
                    status,
                    self.specs
                        .values()
                        .filter(|s| s.status == status)
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|(_, specs)| !specs.is_empty())
            .collect()
    }

    /// Finds a spec by its shortname (`42/C4`), case-sensitively.
    pub fn by_shortname(&self, shortname: &str) -> Option<&Spec> {
        let (number, _) = shortname.split_once('/')?;
        let spec = self.specs.get(&number.parse().ok()?)?;
        (spec.shortname == shortname).then_some(spec)
    }
}

/// Reads one spec's metadata. `page` is the index of its page; returns
/// `None` (with a diagnostic) when no number can be found.
pub fn read_spec(
    file: &SpecFile,
    front: &FrontMatter,
    page: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<Spec> {
    let at = |key: &str| {
        let (line, column) = front.positions.get(key).copied().unwrap_or((1, 1));
        Location::new(&file.source, line, column)
    };
    // A key that is present but unusable (empty, or of the wrong type, which
    // the front matter reader reports) is located at the key, not the file.
    let at_or_file = |key: &str| match front.positions.get(key) {
        Some(&(line, column)) => Location::new(&file.source, line, column),
        None => Location::file(&file.source),
    };
    let usable = |key: &str| {
        if front.positions.contains_key(key) {
            "usable "
        } else {
            ""
        }
    };
    let slug_number = front
        .slug
        .as_deref()
        .and_then(|s| s.trim().parse::<u32>().ok());
    let number = match (file.path_number, front.number.or(slug_number)) {
        (Some(path), Some(meta)) if path != meta => {
            let key = if front.number.is_some() {
                "number"
            } else {
                "slug"
            };
            diags.push(
                Diagnostic::error(
                    "spec-number-mismatch",
                    format!("the path says spec {path}, but `{key}:` says {meta}"),
                )
                .at(at(key))
                .help(format!(
                    "make them agree: move the file or write `{key}: {path}`"
                )),
            );
            path
        }
        (Some(n), _) | (None, Some(n)) => n,
        (None, None) => {
            diags.push(no_number(&file.source));
            return None;
        }
    };
    let title_shortname = front
        .title
        .as_deref()
        .filter(|t| is_shortname_form(t, number));
    let shortname = front
        .shortname
        .clone()
        .or_else(|| title_shortname.map(str::to_string))
        .unwrap_or_else(|| number.to_string());
    let name = match (&front.name, &front.title) {
        (Some(name), _) => name.clone(),
        (None, Some(title)) if title_shortname.is_none() => title.clone(),
        _ => {
            diags.push(
                Diagnostic::warning("spec-missing-name", format!("spec {shortname} has no {}`name:`; its shortname is shown instead", usable("name")))
                    .at(at_or_file("name"))
                    .help("add a line like `name: Collective Code Construction Contract` to its front matter"),
            );
            shortname.clone()
        }
    };
    let status = match front.status.as_deref() {
        Some(text) => Status::parse(text).unwrap_or_else(|| {
            let valid: Vec<&str> = Status::ALL.iter().map(|s| s.name()).collect();
            diags.push(
                Diagnostic::error(
                    "spec-unknown-status",
                    format!("unknown status `{text}` for spec {shortname}"),
                )
                .at(at("status"))
                .help(format!("use one of: {}", valid.join(", "))),
            );
            Status::Raw
        }),
        None => {
            diags.push(
                Diagnostic::warning(
                    "spec-missing-status",
                    format!(
                        "spec {shortname} has no {}`status:`; it is treated as raw",
                        usable("status")
                    ),
                )
                .at(at_or_file("status"))
                .help("add `status: raw` (or draft, stable, deprecated, retired, deleted)"),
            );
            Status::Raw
        }
    };
    if status == Status::Stable && front.editors.is_empty() {
        diags.push(
            Diagnostic::error(
                "spec-stable-no-editor",
                format!("stable spec {shortname} has no editor"),
            )
            .at(at("status"))
            .help("a stable spec needs someone answerable for it: add `editor: Name <email>`"),
        );
    }
    Some(Spec {
        number,
        shortname,
        name,
        status,
        editors: front.editors.clone(),
        contributors: front.contributors.clone(),
        obsoletes: front.obsoletes.clone(),
        obsoleted_by: front.obsoleted_by.clone(),
        license: front.license.clone(),
        domain: front.domain.clone(),
        source: file.source.clone(),
        page,
    })
}

/// `42/C4` for spec 42.
fn is_shortname_form(text: &str, number: u32) -> bool {
    match text.trim().split_once('/') {
        Some((n, name)) => {
            n == number.to_string() && !name.is_empty() && !name.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// Builds the index: duplicates, supersession (both directions, from front
/// matter and `specs.obsoletes`), cycles, successors. `positions` gives each
/// spec's front matter key positions for locating diagnostics.
pub fn index(
    specs: Vec<Spec>,
    config: &crate::config::SpecsConfig,
    positions: &dyn Fn(&Spec, &str) -> Location,
    diags: &mut Vec<Diagnostic>,
) -> SpecIndex {
    let mut by_number: BTreeMap<u32, Spec> = BTreeMap::new();
    for spec in specs {
        if let Some(first) = by_number.get(&spec.number) {
            diags.push(duplicate_number(spec.number, &first.source, &spec.source));
            continue;
        }
        by_number.insert(spec.number, spec);
    }
    check_supersession(&mut by_number, config, positions, diags);
    SpecIndex { specs: by_number }
}

/// Two spec files claim one number.
pub fn duplicate_number(number: u32, first: &Path, second: &Path) -> Diagnostic {
    Diagnostic::error(
        "spec-duplicate-number",
        format!(
            "spec number {number} is used by both {} and {}",
            first.display(),
            second.display()
        ),
    )
    .at(Location::file(second))
    .related(Location::file(first), "first used here")
    .help("give one of them a new number (the next free one)")
}

/// Where `specs.obsoletes` states what `new` obsoletes (charter.yaml).
fn config_location(config: &crate::config::SpecsConfig, new: u32) -> Location {
    match config.obsoletes_at.get(&new) {
        Some(&(line, column)) => Location::new(crate::config::CONFIG_FILE, line, column),
        None => Location::file(crate::config::CONFIG_FILE),
    }
}

fn check_supersession(
    specs: &mut BTreeMap<u32, Spec>,
    config: &crate::config::SpecsConfig,
    positions: &dyn Fn(&Spec, &str) -> Location,
    diags: &mut Vec<Diagnostic>,
) {
    // Every stated edge, newer → older, with where it was stated.
    let mut edges: BTreeSet<(u32, u32)> = BTreeSet::new();
    for spec in specs.values() {
        for &old in &spec.obsoletes {
            check_exists(specs, spec, old, "obsoletes", positions, diags);
            edges.insert((spec.number, old));
        }
        for &new in &spec.obsoleted_by {
            check_exists(specs, spec, new, "obsoleted_by", positions, diags);
            edges.insert((new, spec.number));
        }
    }
    for (&new, olds) in &config.obsoletes {
        for &old in olds {
            if specs.contains_key(&new) && specs.contains_key(&old) {
                edges.insert((new, old));
            } else {
                let missing = if specs.contains_key(&new) { old } else { new };
                diags.push(
                    Diagnostic::error(
                        "spec-unknown-reference",
                        format!("`specs.obsoletes` names spec {missing}, which does not exist"),
                    )
                    .at(config_location(config, new))
                    .help("fix the number or remove the entry"),
                );
            }
        }
    }
    check_disagreement(specs, &edges, positions, diags);
    let edges: BTreeSet<(u32, u32)> = edges
        .into_iter()
        .filter(|(a, b)| specs.contains_key(a) && specs.contains_key(b))
        .collect();
    check_cycles(specs, &edges, config, positions, diags);
    for spec in specs.values_mut() {
        spec.obsoletes = edges
            .iter()
            .filter(|e| e.0 == spec.number)
            .map(|e| e.1)
            .collect();
        spec.obsoleted_by = edges
            .iter()
            .filter(|e| e.1 == spec.number)
            .map(|e| e.0)
            .collect();
    }
    for spec in specs.values() {
        if matches!(spec.status, Status::Deprecated | Status::Retired)
            && spec.obsoleted_by.is_empty()
        {
            diags.push(
                Diagnostic::warning("spec-missing-successor", format!("{} spec {} names no successor", spec.status.name(), spec.shortname))
                    .at(positions(spec, "status"))
                    .help("add `obsoleted_by: [N]` to its front matter (or `obsoletes:` to the successor), or `specs.obsoletes` in charter.yaml"),
            );
        }
    }
}

fn check_exists(
    specs: &BTreeMap<u32, Spec>,
    spec: &Spec,
    target: u32,
    key: &str,
    positions: &dyn Fn(&Spec, &str) -> Location,
    diags: &mut Vec<Diagnostic>,
) {
    if !specs.contains_key(&target) {
        diags.push(
            Diagnostic::error(
                "spec-unknown-reference",
                format!(
                    "spec {} says `{key}: {target}`, but there is no spec {target}",
                    spec.shortname
                ),
            )
            .at(positions(spec, key))
            .help("fix the number, or add the missing spec"),
        );
    }
}

/// A says it obsoletes B while B names other successors (and not A): the two
/// sides disagree.
fn check_disagreement(
    specs: &BTreeMap<u32, Spec>,
    edges: &BTreeSet<(u32, u32)>,
    positions: &dyn Fn(&Spec, &str) -> Location,
    diags: &mut Vec<Diagnostic>,
) {
    for &(new, old) in edges {
        let (Some(newer), Some(older)) = (specs.get(&new), specs.get(&old)) else {
            continue;
        };
        if newer.obsoletes.contains(&old)
            && !older.obsoleted_by.is_empty()
            && !older.obsoleted_by.contains(&new)
        {
            diags.push(
                Diagnostic::error(
                    "spec-obsoletes-mismatch",
                    format!(
                        "spec {} obsoletes {}, but {} says it is obsoleted by {}",
                        newer.shortname,
                        older.shortname,
                        older.shortname,
                        list(&older.obsoleted_by)
                    ),
                )
                .at(positions(older, "obsoleted_by"))
                .related(positions(newer, "obsoletes"), "the other side")
                .help(format!("add {new} to `obsoleted_by:` of spec {old}, or correct `obsoletes:` of spec {new}")),
            );
        }
    }
}

fn list(numbers: &[u32]) -> String {
    numbers
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Supersession must not loop (42 obsoletes 22 obsoletes 42).
fn check_cycles(
    specs: &BTreeMap<u32, Spec>,
    edges: &BTreeSet<(u32, u32)>,
    config: &crate::config::SpecsConfig,
    positions: &dyn Fn(&Spec, &str) -> Location,
    diags: &mut Vec<Diagnostic>,
) {
    let mut reported: BTreeSet<u32> = BTreeSet::new();
    for &start in specs.keys() {
        if reported.contains(&start) {
            continue;
        }
        if let Some(cycle) = find_cycle(start, edges) {
            let names: Vec<String> = cycle.iter().map(|n| specs[n].shortname.clone()).collect();
            reported.extend(cycle.iter().copied());
            // Each step of the cycle (NEW obsoletes OLD), located where it is
            // stated; the first is the primary location.
            let steps: Vec<(u32, u32)> = cycle
                .iter()
                .copied()
                .zip(cycle.iter().skip(1).copied().chain([start]))
                .collect();
            let located = |&(new, old): &(u32, u32)| {
                edge_at(specs, new, old, positions).unwrap_or_else(|| config_location(config, new))
            };
            let mut d = Diagnostic::error("spec-obsoletes-cycle", format!("supersession forms a cycle: {} → {}", names.join(" → "), names[0]))
                .at(located(&steps[0]))
                .help("a spec cannot (indirectly) obsolete itself; remove one of these `obsoletes:` entries");
            for step in &steps[1..] {
                d = d.related(
                    located(step),
                    format!(
                        "{} obsoletes {}",
                        specs[&step.0].shortname, specs[&step.1].shortname
                    ),
                );
            }
            diags.push(d);
        }
    }
}

/// Where "NEW obsoletes OLD" is stated in front matter: `obsoletes:` of NEW,
/// else `obsoleted_by:` of OLD; `None` when only `specs.obsoletes` says so.
/// (Called before the inverse is derived, so the lists are as written.)
fn edge_at(
    specs: &BTreeMap<u32, Spec>,
    new: u32,
    old: u32,
    positions: &dyn Fn(&Spec, &str) -> Location,
) -> Option<Location> {
    let (newer, older) = (specs.get(&new)?, specs.get(&old)?);
    if newer.obsoletes.contains(&old) {
        Some(positions(newer, "obsoletes"))
    } else if older.obsoleted_by.contains(&new) {
        Some(positions(older, "obsoleted_by"))
    } else {
        None
    }
}

/// Depth-first search for a path from `start` back to itself.
fn find_cycle(start: u32, edges: &BTreeSet<(u32, u32)>) -> Option<Vec<u32>> {
    let mut stack = vec![(start, vec![start])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for &(_, next) in edges.range((node, 0)..=(node, u32::MAX)) {
            if next == start {
                return Some(path);
            }
            if seen.insert(next) {
                let mut longer = path.clone();
                longer.push(next);
                stack.push((next, longer));
            }
        }
    }
    None
}

/// Notes for prose like "deprecates RFC 22" or "obsoletes 22" or "superseded
/// by …spec:42" that the metadata does not state.
pub fn prose_supersession(spec: &Spec, body: &str, body_line: usize) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    for (i, line) in body.lines().enumerate() {
        let lower = line.to_ascii_lowercase();
        for (verb, newer_is_this) in [
            ("deprecates", true),
            ("obsoletes", true),
            ("supersedes", true),
            ("superseded by", false),
            ("superceded by", false),
            ("obsoleted by", false),
        ] {
            let Some(at) = lower.find(verb) else { continue };
            let Some(number) = first_number(&lower[at + verb.len()..]) else {
                continue;
            };
            if number == spec.number {
                continue;
            }
            let stated = if newer_is_this {
                spec.obsoletes.contains(&number)
            } else {
                spec.obsoleted_by.contains(&number)
            };
            if stated {
                continue;
            }
            let key = if newer_is_this {
                "obsoletes"
            } else {
                "obsoleted_by"
            };
            let column = line[..at].chars().count() + 1;
            notes.push(
                Diagnostic::note("spec-prose-supersession", format!("the text says spec {} {verb} {number}, but its metadata does not", spec.shortname))
                    .at(Location::new(&spec.source, body_line + i, column))
                    .help(format!("add `{key}: [{number}]` to the front matter (or `specs.obsoletes` in charter.yaml)")),
            );
        }
    }
    notes
}

/// The first spec number within a few words: `RFC 22`, `spec:42/C4`, `22`.
fn first_number(text: &str) -> Option<u32> {
    let window: String = text.chars().take(60).collect();
    let start = window.find(|c: char| c.is_ascii_digit())?;
    let before = &window[..start];
    let words_before = before.split_whitespace().count();
    if words_before > 3 && !before.contains("spec:") {
        return None;
    }
    let digits: String = window[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// A reference form for spec `N`: `spec:N`, `spec:N#frag`, or an absolute
/// URL on one of `domains` in the old forms `/spec:N`, `/spec:N/NAME`,
/// `/spec:N/NAME/#frag`, `/spec/N/`. Returns the number and the fragment
/// (with `#`, or empty).
pub fn parse_reference<'a>(dest: &'a str, domains: &[String]) -> Option<(u32, &'a str)> {
    let (path, fragment) = match dest.find('#') {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    if let Some(rest) = path.strip_prefix("spec:") {
        return Some((leading_number(rest)?, fragment));
    }
    let after_scheme = path
        .strip_prefix("https://")
        .or_else(|| path.strip_prefix("http://"))
        .or_else(|| path.strip_prefix("//"))?;
    let (host, rest) = after_scheme.split_once('/').unwrap_or((after_scheme, ""));
    let host = host.trim_start_matches("www.");
    if !domains
        .iter()
        .any(|d| d.trim_start_matches("www.").eq_ignore_ascii_case(host))
    {
        return None;
    }
    let number_part = rest
        .strip_prefix("spec:")
        .or_else(|| rest.strip_prefix("spec/"))?;
    Some((leading_number(number_part)?, fragment))
}

fn leading_number(text: &str) -> Option<u32> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    let rest = &text[digits.len()..];
    if !(rest.is_empty() || rest.starts_with('/')) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_is_split_into_name_and_address_when_it_has_one() {
        let person = |name: &str, email: Option<&str>| Person {
            name: name.into(),
            email: email.map(str::to_string),
        };
        for (text, want) in [
            (
                "Pieter Hintjens <ph@imatix.com>",
                person("Pieter Hintjens", Some("ph@imatix.com")),
            ),
            (
                "  Ann <ann@example.org>  ",
                person("Ann", Some("ann@example.org")),
            ),
            (
                "<ann@example.org>",
                person("ann@example.org", Some("ann@example.org")),
            ),
            ("Ann", person("Ann", None)),
            ("Ann <not an address>", person("Ann <not an address>", None)),
            ("Ann <ann>", person("Ann <ann>", None)),
            ("A <b> <c@d>", person("A <b> <c@d>", None)),
            ("Ann <a<b@c>", person("Ann <a<b@c>", None)),
            ("", person("", None)),
        ] {
            assert_eq!(Person::parse(text), want, "{text:?}");
        }
    }

    fn spec(number: u32, status: Status) -> Spec {
        Spec {
            number,
            shortname: format!("{number}/S{number}"),
            name: format!("Spec {number}"),
            status,
            editors: vec!["E".into()],
            contributors: vec![],
            obsoletes: vec![],
            obsoleted_by: vec![],
            license: None,
            domain: None,
            source: PathBuf::from(format!("specs/{number}/README.md")),
            page: 0,
        }
    }

    fn specs_config(obsoletes: BTreeMap<u32, Vec<u32>>) -> crate::config::SpecsConfig {
        crate::config::SpecsConfig {
            obsoletes,
            ..crate::config::Config::with_title("T").specs
        }
    }

    fn at(spec: &Spec, _key: &str) -> Location {
        Location::file(&spec.source)
    }

    #[test]
    fn status_is_case_insensitive() {
        assert_eq!(Status::parse("Draft"), Some(Status::Draft));
        assert_eq!(Status::parse("STABLE"), Some(Status::Stable));
        assert_eq!(Status::parse("final"), None);
    }

    #[test]
    fn numbers_from_names() {
        assert_eq!(number_from_name("42"), Some(42));
        assert_eq!(number_from_name("42-c4"), Some(42));
        assert_eq!(number_from_name("c4"), None);
        assert_eq!(number_from_name("42abc"), None);
        assert_eq!(number_from_name("99999999999999"), None);
    }

    #[test]
    fn shortname_and_name_from_zeromq_front_matter() {
        let front = FrontMatter {
            slug: Some("42".into()),
            title: Some("42/C4".into()),
            name: Some("Collective Code Construction Contract".into()),
            status: Some("stable".into()),
            editors: vec!["Pieter Hintjens <ph@imatix.com>".into()],
            ..Default::default()
        };
        let file = SpecFile {
            source: "content/docs/rfcs/42/README.md".into(),
            path_number: Some(42),
        };
        let mut diags = vec![];
        let spec = read_spec(&file, &front, 3, &mut diags).unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            (spec.number, spec.shortname.as_str(), spec.status),
            (42, "42/C4", Status::Stable)
        );
        assert_eq!(spec.page, 3);
    }

    #[test]
    fn stable_without_editor_and_unknown_status() {
        let file = SpecFile {
            source: "specs/7/README.md".into(),
            path_number: Some(7),
        };
        let mut diags = vec![];
        let front = FrontMatter {
            name: Some("N".into()),
            status: Some("Stable".into()),
            ..Default::default()
        };
        read_spec(&file, &front, 0, &mut diags);
        assert_eq!(diags[0].code, "spec-stable-no-editor");
        let mut diags = vec![];
        let front = FrontMatter {
            name: Some("N".into()),
            status: Some("final".into()),
            ..Default::default()
        };
        read_spec(&file, &front, 0, &mut diags);
        assert_eq!(diags[0].code, "spec-unknown-status");
        assert!(diags[0].help.as_deref().unwrap().contains("deprecated"));
    }

    #[test]
    fn unusable_status_and_name_are_located_at_their_keys() {
        let file = SpecFile {
            source: "specs/1/README.md".into(),
            path_number: Some(1),
        };
        // `status: [a, b]` and `name: {..}` leave the values unset (the front
        // matter reader reports the type); the warnings point at the keys.
        let front = FrontMatter {
            positions: BTreeMap::from([("name".into(), (3, 1)), ("status".into(), (4, 1))]),
            ..Default::default()
        };
        let mut diags = vec![];
        read_spec(&file, &front, 0, &mut diags);
        let got: Vec<(&str, usize, usize)> = diags
            .iter()
            .map(|d| {
                let l = d.location.as_ref().unwrap();
                (d.code, l.line, l.column)
            })
            .collect();
        assert_eq!(
            got,
            vec![("spec-missing-name", 3, 1), ("spec-missing-status", 4, 1)]
        );
        assert!(
            diags[1].message.contains("no usable `status:`"),
            "{diags:?}"
        );
        // Without the keys: the file.
        let mut diags = vec![];
        read_spec(&file, &FrontMatter::default(), 0, &mut diags);
        let l = diags[1].location.as_ref().unwrap();
        assert_eq!(
            (diags[1].code, l.line, l.column),
            ("spec-missing-status", 1, 1)
        );
        assert!(diags[1].message.contains("has no `status:`"));
    }

    #[test]
    fn cycles_are_located_at_the_obsoletes_lines() {
        let mut a = spec(1, Status::Draft);
        a.obsoletes = vec![2];
        let b = spec(2, Status::Draft);
        let mut c = spec(3, Status::Draft);
        c.obsoleted_by = vec![2];
        // 1 obsoletes 2 (in 1), 2 obsoletes 3 (stated in 3), 3 obsoletes 1 (config only).
        let config = BTreeMap::from([(3, vec![1])]);
        let key_at = |spec: &Spec, key: &str| {
            Location::new(&spec.source, if key == "obsoletes" { 5 } else { 6 }, 1)
        };
        let mut diags = vec![];
        index(vec![a, b, c], &specs_config(config), &key_at, &mut diags);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert_eq!(d.code, "spec-obsoletes-cycle");
        assert!(
            d.message.contains("1/S1 → 2/S2 → 3/S3 → 1/S1"),
            "{}",
            d.message
        );
        assert_eq!(d.location, Some(Location::new("specs/1/README.md", 5, 1)));
        let related: Vec<(&Location, &str)> =
            d.related.iter().map(|(l, s)| (l, s.as_str())).collect();
        assert_eq!(
            related,
            vec![
                (
                    &Location::new("specs/3/README.md", 6, 1),
                    "2/S2 obsoletes 3/S3"
                ),
                (&Location::file("charter.yaml"), "3/S3 obsoletes 1/S1"),
            ]
        );
    }

    #[test]
    fn supersession_is_completed_both_ways() {
        let mut new = spec(42, Status::Stable);
        new.obsoletes = vec![22];
        let old = spec(22, Status::Deprecated);
        let mut diags = vec![];
        let index = index(
            vec![new, old],
            &specs_config(BTreeMap::new()),
            &at,
            &mut diags,
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(index.get(22).unwrap().obsoleted_by, vec![42]);
    }

    #[test]
    fn config_obsoletes_count_and_missing_successor_warns() {
        let specs = vec![
            spec(42, Status::Stable),
            spec(22, Status::Deprecated),
            spec(16, Status::Retired),
        ];
        let mut diags = vec![];
        let config = BTreeMap::from([(42, vec![22])]);
        let index = index(specs, &specs_config(config), &at, &mut diags);
        assert_eq!(index.get(42).unwrap().obsoletes, vec![22]);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, "spec-missing-successor");
    }

    #[test]
    fn duplicates_missing_mismatch_and_cycles() {
        let mut a = spec(1, Status::Stable);
        a.obsoletes = vec![2, 9, 3];
        let mut b = spec(2, Status::Deprecated);
        b.obsoleted_by = vec![3];
        let mut c = spec(3, Status::Stable);
        c.obsoletes = vec![1];
        let dup = spec(1, Status::Raw);
        let mut diags = vec![];
        index(
            vec![a, b, c, dup],
            &specs_config(BTreeMap::new()),
            &at,
            &mut diags,
        );
        let codes: BTreeSet<&str> = diags.iter().map(|d| d.code).collect();
        for code in [
            "spec-duplicate-number",
            "spec-unknown-reference",
            "spec-obsoletes-mismatch",
            "spec-obsoletes-cycle",
        ] {
            assert!(codes.contains(code), "{code} missing: {diags:?}");
        }
    }

    #[test]
    fn prose_supersession_is_noted() {
        let s = spec(42, Status::Stable);
        let notes =
            prose_supersession(&s, "Intro.\nThis is revision 2 and deprecates RFC 22.\n", 7);
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].location.as_ref().unwrap().line, 8);
        let mut stated = spec(42, Status::Stable);
        stated.obsoletes = vec![22];
        assert!(prose_supersession(&stated, "deprecates RFC 22", 1).is_empty());
        let old = spec(22, Status::Deprecated);
        assert_eq!(
            prose_supersession(
                &old,
                "this RFC is superceded by http://rfc.zeromq.org/spec:42/C4",
                1
            )
            .len(),
            1
        );
    }

    #[test]
    fn reference_forms() {
        let domains = vec!["rfc.zeromq.org".to_string()];
        assert_eq!(parse_reference("spec:42", &domains), Some((42, "")));
        assert_eq!(
            parse_reference("spec:42#goals", &domains),
            Some((42, "#goals"))
        );
        assert_eq!(
            parse_reference("http://rfc.zeromq.org/spec:23", &domains),
            Some((23, ""))
        );
        assert_eq!(
            parse_reference("http://rfc.zeromq.org/spec:23/ZMTP", &domains),
            Some((23, ""))
        );
        assert_eq!(
            parse_reference("https://rfc.zeromq.org/spec:24/ZMTP-PLAIN/", &domains),
            Some((24, ""))
        );
        assert_eq!(
            parse_reference(
                "http://rfc.zeromq.org/spec:23/ZMTP/#the-null-security-mechanism",
                &domains
            ),
            Some((23, "#the-null-security-mechanism"))
        );
        assert_eq!(
            parse_reference("https://rfc.zeromq.org/spec/23/", &domains),
            Some((23, ""))
        );
        assert_eq!(
            parse_reference("https://example.org/spec:23", &domains),
            None
        );
        assert_eq!(parse_reference("http://rfc.zeromq.org/", &domains), None);
    }
}
