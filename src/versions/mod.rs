//! Versions: which versions a site has (git refs matching `versions.refs`,
//! plus the working tree as `versions.current`), their order and the
//! default one, the map of which page exists in which version (for the
//! switcher, canonical links and old-version banners), and the cache that
//! spares re-rendering versions whose inputs did not change.
//!
//! A ref's tree is exported from git once into the cache (by tree id, so it
//! never changes) and built from there like any site root; the working tree
//! is built in place.

pub mod cache;
pub mod git;

use crate::config::{Config, VersionsConfig, CONFIG_FILE};
use crate::diagnostics::{Diagnostic, Location};
use crate::url::{Route, Scope, Urls};
use git::{GitError, GitRef, Repository};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

/// Where a version's sources are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The working tree at the site root.
    WorkingTree,
    /// A git ref, by its tree (the site root's folder at that ref).
    Ref { refname: String, tree: String },
}

/// One version of the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    /// The path segment (`v1.0`, `next`) and the label readers see.
    pub name: String,
    pub source: Source,
    /// Served at the root.
    pub is_default: bool,
}

impl Version {
    /// The URL prefix: `None` for the default version.
    pub fn prefix(&self) -> Option<&str> {
        (!self.is_default).then_some(self.name.as_str())
    }
}

/// Finds the versions of a site: each ref matching `versions.refs` (newest
/// first, by semantic version where the names have one) and the working
/// tree when `versions.current` names it; marks the default. Problems are
/// located in charter.yaml.
pub fn plan(
    config: &Config,
    versions: &VersionsConfig,
    repo: &dyn Repository,
) -> (Vec<Version>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let at = |path: &str| {
        let (line, column) = versions.position(path);
        Location::new(CONFIG_FILE, line, column)
    };
    let mut found: Vec<Version> = Vec::new();
    if let Some(current) = &versions.current {
        found.push(Version {
            name: current.clone(),
            source: Source::WorkingTree,
            is_default: false,
        });
    }
    if !versions.refs.is_empty() {
        match repo.refs() {
            Ok(refs) => {
                let matched = match_refs(versions, &refs, &at, &mut diags);
                let trees = repo.trees(&matched);
                for (r, tree) in matched.into_iter().zip(trees) {
                    match tree {
                        Ok(tree) => found.push(Version {
                            name: r.short.clone(),
                            source: Source::Ref {
                                refname: r.short,
                                tree,
                            },
                            is_default: false,
                        }),
                        Err(e) => diags.push(
                            Diagnostic::error(
                                "version-git",
                                format!("cannot read version `{}` from git: {e}", r.short),
                            )
                            .at(at("versions.refs"))
                            .help("check that the ref holds the site's folder, or narrow `versions.refs`"),
                        ),
                    }
                }
            }
            Err(e) => diags.push(git_problem(&e, at("versions"))),
        }
    }
    check_names(config, &mut found, &at, &mut diags);
    sort_newest_first(&mut found);
    choose_default(versions, &mut found, &at, &mut diags);
    (found, diags)
}

fn git_problem(e: &GitError, at: Location) -> Diagnostic {
    let help = match e {
        GitError::NotARepository => {
            "versions are read from git tags and branches: run `git init` and tag releases, or remove `versions:`"
        }
        GitError::Missing => "install git, or remove `versions:` from charter.yaml",
        GitError::Failed(_) => "check that `git` works in the site's folder",
    };
    Diagnostic::error(
        "version-git",
        format!("`versions:` needs the site's git history: {e}"),
    )
    .at(at)
    .help(help)
}

/// The refs matching each glob, in ref order; a glob matching nothing warns.
fn match_refs(
    versions: &VersionsConfig,
    refs: &[GitRef],
    at: &dyn Fn(&str) -> Location,
    diags: &mut Vec<Diagnostic>,
) -> Vec<GitRef> {
    let mut matched: Vec<GitRef> = Vec::new();
    for (i, pattern) in versions.refs.iter().enumerate() {
        let path = if versions.positions.contains_key("versions.refs.0") {
            format!("versions.refs.{i}")
        } else {
            "versions.refs".to_string()
        };
        let Ok(glob) = globset::Glob::new(pattern) else {
            continue; // Reported by the config check.
        };
        let glob = glob.compile_matcher();
        let hits: Vec<&GitRef> = refs.iter().filter(|r| glob.is_match(&r.short)).collect();
        if hits.is_empty() {
            diags.push(
                Diagnostic::warning(
                    "version-no-match",
                    format!("`{pattern}` matches no git tag or branch"),
                )
                .at(at(&path))
                .help("tag a release (`git tag v1.0`), fetch tags in CI (`fetch-depth: 0`), or fix the glob"),
            );
        }
        for hit in hits {
            if !matched.contains(hit) {
                matched.push(hit.clone());
            }
        }
    }
    matched
}

/// Names must be safe, distinct path segments that no other route uses.
fn check_names(
    config: &Config,
    found: &mut Vec<Version>,
    at: &dyn Fn(&str) -> Location,
    diags: &mut Vec<Diagnostic>,
) {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    found.retain(|v| {
        let what = match &v.source {
            Source::WorkingTree => "the working tree (`versions.current`)".to_string(),
            Source::Ref { refname, .. } => format!("git ref `{refname}`"),
        };
        let place = match v.source {
            Source::WorkingTree => at("versions.current"),
            Source::Ref { .. } => at("versions.refs"),
        };
        if let Some(problem) = name_problem(&v.name, config) {
            diags.push(
                Diagnostic::error(
                    "version-name",
                    format!("version `{}` of {what} {problem}", v.name),
                )
                .at(place)
                .help("versions are URL path segments: use letters, digits, `.`, `-` and `_` (e.g. `v1.0`), and narrow `versions.refs` to such refs"),
            );
            return false;
        }
        if let Some(other) = seen.insert(v.name.clone(), what.clone()) {
            diags.push(
                Diagnostic::error(
                    "version-duplicate",
                    format!("{what} and {other} are both version `{}`", v.name),
                )
                .at(place)
                .help("rename the branch or tag, or narrow `versions.refs` so only one of them matches"),
            );
            return false;
        }
        true
    });
}

/// Top-level names the site's own routes use.
const RESERVED: &[&str] = &[
    "book",
    "spec",
    "i18n",
    "assets",
    "pagefind",
    "404.html",
    "index.html",
];

fn name_problem(name: &str, config: &Config) -> Option<String> {
    let safe = !name.is_empty()
        && name.len() <= 100
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+'))
        && !name.starts_with(['.', '-', '_']);
    if !safe {
        return Some("is not a safe URL path segment".into());
    }
    if RESERVED.contains(&name) || name.starts_with("charter-") {
        return Some("would collide with the site's own pages".into());
    }
    if config.languages.contains_key(name) || name == config.language {
        return Some("is also a language tag".into());
    }
    None
}

/// A version name as a semantic version (`v1.2.3`, `1.2`, `v2-rc.1`):
/// numbers, and whether it is a pre-release.
fn semver(name: &str) -> Option<(Vec<u64>, bool)> {
    let bare = name.strip_prefix(['v', 'V']).unwrap_or(name);
    let (core, pre) = match bare.split_once('-') {
        Some((c, _)) => (c, true),
        None => (bare, false),
    };
    let numbers: Option<Vec<u64>> = core.split('.').map(|p| p.parse().ok()).collect();
    numbers
        .filter(|n| !n.is_empty() && n.len() <= 4)
        .map(|n| (n, pre))
}

/// The working tree first, then semantic versions from the highest, then
/// other refs by name.
fn sort_newest_first(found: &mut [Version]) {
    found.sort_by(|a, b| {
        let rank = |v: &Version| match (&v.source, semver(&v.name)) {
            (Source::WorkingTree, _) => 0,
            (_, Some(_)) => 1,
            _ => 2,
        };
        rank(a).cmp(&rank(b)).then_with(|| {
            match (semver(&a.name), semver(&b.name)) {
                // Higher numbers first; a release before its pre-releases.
                (Some((na, pa)), Some((nb, pb))) => nb.cmp(&na).then(pa.cmp(&pb)),
                _ => a.name.cmp(&b.name),
            }
        })
    });
}

/// `versions.default`: a name, or `latest` (also when absent) — the highest
/// semantic-version ref that is not a pre-release, else the first version.
fn choose_default(
    versions: &VersionsConfig,
    found: &mut [Version],
    at: &dyn Fn(&str) -> Location,
    diags: &mut Vec<Diagnostic>,
) {
    if found.is_empty() {
        return;
    }
    let wanted = versions.default.as_deref().unwrap_or("latest");
    let index = if wanted == "latest" {
        let latest = |pre_ok: bool| {
            found.iter().position(|v| {
                matches!(v.source, Source::Ref { .. })
                    && semver(&v.name).is_some_and(|(_, pre)| pre_ok || !pre)
            })
        };
        latest(false).or_else(|| latest(true)).unwrap_or(0)
    } else {
        match found.iter().position(|v| v.name == wanted) {
            Some(i) => i,
            None => {
                let names: Vec<&str> = found.iter().map(|v| v.name.as_str()).collect();
                let mut d = Diagnostic::error(
                    "version-default",
                    format!(
                        "`versions.default` is `{wanted}`, which is not a version (versions: {})",
                        names.join(", ")
                    ),
                )
                .at(at("versions.default"));
                d = match crate::config::did_you_mean(wanted, &names) {
                    Some(near) => d.help(format!("did you mean `{near}`?")),
                    None => d.help("name one of the versions, or write `latest`"),
                };
                diags.push(d);
                0
            }
        }
    };
    found[index].is_default = true;
}

/// A version's entry in `versions.json`.
#[derive(Clone, Debug, Serialize)]
pub struct ManifestEntry {
    pub name: String,
    pub label: String,
    pub url: String,
    pub is_default: bool,
}

/// `versions.json`: every version, newest first.
pub fn manifest(versions: &[Version], urls: &Urls) -> String {
    let entries: Vec<ManifestEntry> = versions
        .iter()
        .map(|v| ManifestEntry {
            name: v.name.clone(),
            label: v.name.clone(),
            url: urls
                .clone()
                .in_version(v.prefix())
                .url(&Scope::root(), &Route::Home),
            is_default: v.is_default,
        })
        .collect();
    let mut json = serde_json::to_string_pretty(&entries).expect("manifest serializes");
    json.push('\n');
    json
}

/// A page's place within any version: its URL path below the version's
/// root (`ru/book/why/`, `` for home). The same page in two versions has
/// the same key.
pub fn page_key(urls: &Urls, scope: &Scope, route: &Route) -> String {
    urls.clone().in_version(None).relative(scope, route)
}

/// What one version knows of all versions while it renders: the switcher's
/// targets, the default version's copy of each page.
#[derive(Clone, Debug)]
pub struct VersionNav {
    /// The version being rendered.
    pub current: String,
    pub entries: Vec<NavEntry>,
}

/// Another (or this) version as the switcher shows it.
#[derive(Clone, Debug)]
pub struct NavEntry {
    pub name: String,
    pub is_default: bool,
    pub urls: Urls,
    /// Its page keys.
    pub pages: Arc<HashSet<String>>,
}

/// A link of the version switcher.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VersionLink {
    pub name: String,
    pub url: String,
    pub current: bool,
    pub is_default: bool,
    /// The target version has this page (else the link goes to its home).
    pub same_page: bool,
}

impl VersionNav {
    /// All versions, each with its pages (from `page_keys`), as seen from `current`.
    pub fn new(
        versions: &[Version],
        pages: &BTreeMap<String, Arc<HashSet<String>>>,
        current: &str,
        urls: &Urls,
    ) -> Self {
        let entries = versions
            .iter()
            .map(|v| NavEntry {
                name: v.name.clone(),
                is_default: v.is_default,
                urls: urls.clone().in_version(v.prefix()),
                pages: pages.get(&v.name).cloned().unwrap_or_default(),
            })
            .collect();
        VersionNav {
            current: current.to_string(),
            entries,
        }
    }

    /// The switcher of a page: per version, the same page where it exists,
    /// else that version's home in the page's language, else its home.
    pub fn links(&self, scope: &Scope, route: &Route) -> Vec<VersionLink> {
        let key = self.key(scope, route);
        self.entries
            .iter()
            .map(|e| {
                let same_page = e.pages.contains(&key);
                let url = if same_page {
                    e.urls.url(scope, route)
                } else if e.pages.contains(
                    &e.urls
                        .clone()
                        .in_version(None)
                        .relative(scope, &Route::Home),
                ) {
                    e.urls.url(scope, &Route::Home)
                } else {
                    e.urls.url(&Scope::root(), &Route::Home)
                };
                VersionLink {
                    name: e.name.clone(),
                    url,
                    current: e.name == self.current,
                    is_default: e.is_default,
                    same_page,
                }
            })
            .collect()
    }

    /// When this version is not the default: the default version's name and
    /// the same page there (absolute when the base URL names a host), if it
    /// has the page, else its home.
    pub fn default_page(&self, scope: &Scope, route: &Route) -> Option<DefaultPage> {
        let this = self.entries.iter().find(|e| e.name == self.current)?;
        if this.is_default {
            return None;
        }
        let default = self.entries.iter().find(|e| e.is_default)?;
        let key = self.key(scope, route);
        let exists = default.pages.contains(&key);
        let (scope, route) = if exists {
            (scope.clone(), route.clone())
        } else {
            (Scope::root(), Route::Home)
        };
        Some(DefaultPage {
            name: default.name.clone(),
            url: default.urls.url(&scope, &route),
            absolute: default.urls.absolute(&scope, &route),
            same_page: exists,
        })
    }

    fn key(&self, scope: &Scope, route: &Route) -> String {
        match self.entries.first() {
            Some(e) => page_key(&e.urls, scope, route),
            None => String::new(),
        }
    }

    /// The output files of the other versions' pages: link targets that
    /// this version's check must know about.
    pub fn other_outputs(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for e in self.entries.iter().filter(|e| e.name != self.current) {
            let prefix = e
                .urls
                .version()
                .map(|v| format!("{v}/"))
                .unwrap_or_default();
            for key in e.pages.iter() {
                out.insert(format!("{prefix}{key}index.html"));
            }
        }
        out
    }
}

/// The default version's copy of a page, for canonical links and the
/// old-version banner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefaultPage {
    pub name: String,
    pub url: String,
    pub absolute: String,
    pub same_page: bool,
}

/// A key of the working tree's files, standing for the tree id a git ref
/// has: every file under the root a build may read (everything but version
/// control, outputs, the cache and editor files), by path and content.
/// Symlinks are followed, as the build follows them.
pub fn working_tree_key(root: &std::path::Path, output: Option<&std::path::Path>) -> String {
    let output = output.and_then(|o| o.canonicalize().ok());
    let mut hasher = sha1_smol::Sha1::new();
    let walk = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            !crate::serve::is_ignored(root, e.path())
                && output
                    .as_ref()
                    .is_none_or(|o| e.path().canonicalize().ok().as_ref() != Some(o))
        });
    for entry in walk {
        let Ok(entry) = entry else {
            // An unreadable entry: the key must never match again.
            hasher.update(b"\0unreadable\0");
            continue;
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let bytes = std::fs::read(entry.path()).unwrap_or_default();
        hasher.update(rel.to_string_lossy().as_bytes());
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    format!("worktree-{}", hasher.digest())
}

/// Where version `name`'s diagnostics point: `v1.0:charter.yaml`.
pub fn located_name(refname: &str, file: &std::path::Path) -> PathBuf {
    PathBuf::from(format!("{refname}:{}", file.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct FakeRepo {
        refs: Vec<&'static str>,
    }

    impl Repository for FakeRepo {
        fn refs(&self) -> Result<Vec<GitRef>, GitError> {
            Ok(git::parse_refs(&self.refs.join("\n")))
        }
        fn trees(&self, refs: &[GitRef]) -> Vec<Result<String, GitError>> {
            refs.iter()
                .map(|r| Ok(format!("tree-{}", r.short)))
                .collect()
        }
        fn export(&self, _: &str, _: &std::path::Path) -> Result<(), GitError> {
            Ok(())
        }
    }

    fn versions(yaml: &str, refs: Vec<&'static str>) -> (Vec<Version>, Vec<Diagnostic>) {
        let (config, _) = crate::config::parse(yaml, std::path::Path::new(CONFIG_FILE)).unwrap();
        let v = config.versions.clone().unwrap();
        plan(&config, &v, &FakeRepo { refs })
    }

    fn names(vs: &[Version]) -> Vec<(&str, bool)> {
        vs.iter().map(|v| (v.name.as_str(), v.is_default)).collect()
    }

    #[test]
    fn newest_first_and_latest_is_default() {
        let (vs, diags) = versions(
            "title: T\nversions:\n  refs: [\"v*\"]\n  current: next\n",
            vec![
                "refs/tags/v1.0",
                "refs/tags/v10.0",
                "refs/tags/v2.0",
                "refs/tags/v3.0-rc.1",
                "refs/heads/main",
            ],
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            names(&vs),
            [
                ("next", false),
                ("v10.0", true),
                ("v3.0-rc.1", false),
                ("v2.0", false),
                ("v1.0", false)
            ]
        );
    }

    #[test]
    fn named_default_and_unknown_default() {
        let (vs, _) = versions(
            "title: T\nversions:\n  refs: [v*]\n  current: next\n  default: next\n",
            vec!["refs/tags/v1.0"],
        );
        assert_eq!(names(&vs), [("next", true), ("v1.0", false)]);
        let (_, diags) = versions(
            "title: T\nversions:\n  refs: [v*]\n  default: v1.1\n",
            vec!["refs/tags/v1.0"],
        );
        assert_eq!(diags[0].code, "version-default");
        let l = diags[0].location.as_ref().unwrap();
        assert_eq!((l.line, l.column), (4, 12));
        assert_eq!(diags[0].help.as_deref(), Some("did you mean `v1.0`?"));
    }

    #[test]
    fn glob_matching_nothing_warns_at_the_glob() {
        let (vs, diags) = versions(
            "title: T\nversions:\n  refs:\n    - \"v*\"\n    - \"release-*\"\n  current: next\n",
            vec!["refs/tags/v1.0"],
        );
        assert_eq!(vs.len(), 2);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, "version-no-match");
        let l = diags[0].location.as_ref().unwrap();
        assert_eq!((l.line, l.column), (5, 7));
    }

    #[test]
    fn unsafe_and_duplicate_names_are_errors() {
        let (vs, diags) = versions(
            "title: T\nversions:\n  refs: [\"*\"]\n",
            vec![
                "refs/tags/v1.0",
                "refs/heads/v1.0",
                "refs/heads/feature/x",
                "refs/heads/book",
            ],
        );
        assert_eq!(names(&vs), [("v1.0", true)]);
        let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["version-duplicate", "version-name", "version-name"]);
    }

    #[test]
    fn switcher_keeps_the_page_where_it_exists() {
        let (vs, _) = versions(
            "title: T\nversions:\n  refs: [v*]\n  current: next\n",
            vec!["refs/tags/v1.0", "refs/tags/v2.0"],
        );
        let set =
            |keys: &[&str]| Arc::new(keys.iter().map(|k| k.to_string()).collect::<HashSet<_>>());
        let pages = BTreeMap::from([
            (
                "next".to_string(),
                set(&["", "book/new/", "book/why/", "ru/", "ru/book/why/"]),
            ),
            ("v2.0".to_string(), set(&["", "book/why/"])),
            (
                "v1.0".to_string(),
                set(&["", "book/why/", "ru/", "ru/book/why/"]),
            ),
        ]);
        let urls = Urls::new(Some("https://x.org/site/"));
        let nav = VersionNav::new(&vs, &pages, "next", &urls);
        let ru = Scope {
            lang: Some("ru".into()),
        };
        let links = nav.links(&ru, &Route::Chapter("why".into()));
        let got: Vec<(&str, &str, bool)> = links
            .iter()
            .map(|l| (l.name.as_str(), l.url.as_str(), l.same_page))
            .collect();
        assert_eq!(
            got,
            [
                ("next", "/site/next/ru/book/why/", true),
                ("v2.0", "/site/", false),
                ("v1.0", "/site/v1.0/ru/book/why/", true),
            ]
        );
        let new = nav
            .default_page(&Scope::root(), &Route::Chapter("new".into()))
            .unwrap();
        assert_eq!((new.url.as_str(), new.same_page), ("/site/", false));
        let why = nav
            .default_page(&Scope::root(), &Route::Chapter("why".into()))
            .unwrap();
        assert_eq!(why.absolute, "https://x.org/site/book/why/");
        assert!(nav.other_outputs().contains("v1.0/ru/book/why/index.html"));
        assert!(nav.other_outputs().contains("book/why/index.html"));
    }
}
