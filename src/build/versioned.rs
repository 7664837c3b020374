//! The recipe for a site with `versions:`: find the versions, learn which
//! pages each has (from the cache, or by loading its content), then build
//! each version under its prefix — or restore it from the cache when its
//! tree and everything that shapes its pages are unchanged — and write the
//! root's `versions.json`.

use super::{run, BuildOptions, BuildReport, Clock, Shared, Stats, VersionRun};
use crate::config::{self, Config, VersionsConfig};
use crate::content;
use crate::diagnostics::{self, Diagnostic};
use crate::output::Output;
use crate::url::Urls;
use crate::versions::cache::{self, Cache, Entry, FilesFrom, StoredDiagnostic};
use crate::versions::git::GitCli;
use crate::versions::{self, Source, Version, VersionNav};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One version on its way through the build.
struct State {
    version: Version,
    /// Its sources and config, once read (not needed when restored).
    root: Option<PathBuf>,
    config: Option<Config>,
    /// What its pages depend on; `None` for the working tree (never cached).
    content_key: Option<String>,
    /// Its cache entry, when the content key matches.
    cached: Option<Entry>,
    pages: Arc<HashSet<String>>,
    /// Its sources could not be read (the errors are reported).
    failed: bool,
}

/// Builds every version into `shared.out`.
pub(super) fn run_all(
    opts: &BuildOptions,
    config: &Config,
    wanted: &VersionsConfig,
    shared: &Shared<'_>,
    diags: &mut Vec<Diagnostic>,
    clock: &mut Clock,
    report: &mut BuildReport,
) -> Stats {
    let out = shared.out;
    let repo = GitCli::new(&opts.root);
    let (list, mut found) = versions::plan(config, wanted, &repo);
    diags.append(&mut found);
    let mut stats = Stats::empty();
    if list.is_empty() {
        if !diags.iter().any(Diagnostic::is_error) {
            let (line, column) = wanted.position("versions");
            diags.push(
                Diagnostic::error("version-git", "`versions:` gives no version to build")
                    .at(diagnostics::Location::new(config::CONFIG_FILE, line, column))
                    .help("name the working tree with `versions.current`, or tag a release matching `versions.refs`"),
            );
        }
        return stats;
    }
    let cache = Cache::new(&opts.root);
    let inputs = inputs_key(opts, config);
    let mut states: Vec<State> = list
        .iter()
        .map(|v| read_version(v, opts, config, &cache, &repo, &inputs, diags, report))
        .collect();
    clock.lap("versions", report);

    let base = Urls::new(opts.base_url.as_deref().or(config.base_url.as_deref()));
    let pages: BTreeMap<String, Arc<HashSet<String>>> = states
        .iter()
        .map(|s| (s.version.name.clone(), s.pages.clone()))
        .collect();
    for state in &mut states {
        if state.failed {
            continue;
        }
        let nav = Arc::new(VersionNav::new(&list, &pages, &state.version.name, &base));
        let render_key = state
            .content_key
            .as_ref()
            .map(|k| render_key(k, &state.version, &list, &pages));
        if let Some(entry) = state
            .cached
            .as_ref()
            .filter(|e| Some(&e.render_key) == render_key.as_ref())
        {
            let name = &state.version.name;
            // A version under its own folder that the current output already
            // holds as it was rendered is moved over whole on commit.
            let carried = state.version.prefix().is_some()
                && disk_target(opts)
                    .is_some_and(|dir| cache.is_published(name, &entry.render_key, dir))
                && out.carry_over(name).unwrap_or(false);
            if carried || restore(&cache, name, entry, out, diags) {
                if carried {
                    diags.extend(entry.warnings.iter().filter_map(StoredDiagnostic::restore));
                }
                report.versions_cached.push(name.clone());
                stats.pages += entry.page_count;
                stats.files += entry.files.len();
                stats
                    .published
                    .push((name.clone(), entry.render_key.clone()));
                continue;
            }
        }
        if !ensure_sources(state, opts, config, &cache, &repo, diags, report) {
            continue;
        }
        let (Some(root), Some(version_config)) = (&state.root, &state.config) else {
            continue;
        };
        let mut other_files = nav.other_outputs();
        other_files.insert("versions.json".into());
        let run_opts = BuildOptions {
            root: root.clone(),
            cache: match state.version.source {
                Source::WorkingTree => opts.cache.clone(),
                Source::Ref { .. } => None,
            },
            ..opts.clone()
        };
        let version_run = VersionRun {
            nav: Some(nav),
            prefix: state.version.prefix().map(str::to_string),
            other_files,
        };
        let mut found = Vec::new();
        let built = run(
            &run_opts,
            version_config,
            &version_run,
            shared,
            &mut found,
            clock,
            report,
        );
        if let Source::Ref { refname, .. } = &state.version.source {
            found = relocate(found, refname, root, &version_config.lints);
        }
        report.versions_built.push(state.version.name.clone());
        stats.pages += built.pages;
        stats.files += built.files;
        if let Some(kept) = built.kept {
            if let (Some(content_key), Some(render_key)) = (&state.content_key, render_key) {
                if !found.iter().any(Diagnostic::is_error) {
                    stats
                        .published
                        .push((state.version.name.clone(), render_key.clone()));
                    let mut keys: Vec<String> = state.pages.iter().cloned().collect();
                    keys.sort();
                    let entry = Entry {
                        content_key: content_key.clone(),
                        render_key,
                        pages: keys,
                        files: kept.written.iter().cloned().collect(),
                        page_count: built.pages,
                        warnings: found.iter().map(StoredDiagnostic::from).collect(),
                    };
                    stats.to_cache.push((state.version.name.clone(), entry));
                }
            }
            if state.version.source == Source::WorkingTree {
                stats.kept = Some(kept);
            }
        }
        diags.append(&mut found);
    }
    clock.lap("versions", report);
    if let Err(e) = out.write("versions.json", versions::manifest(&list, &base).as_bytes()) {
        diags.push(Diagnostic::error(
            "io-error",
            format!("cannot write versions.json: {e}"),
        ));
    }
    stats.files += 1;
    let trees = list
        .iter()
        .filter_map(|v| match &v.source {
            Source::Ref { tree, .. } => Some(tree.clone()),
            Source::WorkingTree => None,
        })
        .collect();
    let names = list.iter().map(|v| v.name.clone()).collect();
    stats.cache_keep = Some((names, trees));
    stats
}

/// The key of everything outside a version's tree that shapes its pages:
/// charter itself, the options, SOURCE_DATE_EPOCH, and the current config's
/// keys every version takes (`base_url`, `versions`).
fn inputs_key(opts: &BuildOptions, config: &Config) -> String {
    let base_url = opts.base_url.as_deref().or(config.base_url.as_deref());
    let versions = serde_json::to_vec(&config.versions).unwrap_or_default();
    // The dates the feed writes come from SOURCE_DATE_EPOCH.
    let epoch = std::env::var("SOURCE_DATE_EPOCH").unwrap_or_default();
    cache::key(&[
        env!("CARGO_PKG_VERSION").as_bytes(),
        executable_identity().as_bytes(),
        crate::theme::fingerprint().as_bytes(),
        base_url.unwrap_or_default().as_bytes(),
        &versions,
        &[u8::from(opts.drafts), u8::from(opts.strict)],
        epoch.as_bytes(),
    ])
}

/// The running charter's size and modification time: a charter built anew
/// (same version number, other code) does not trust what the last one cached.
fn executable_identity() -> String {
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_nanos())
                .unwrap_or_default();
            format!("{}:{modified}", m.len())
        })
        .unwrap_or_default()
}

/// The content key plus what the other versions decide on this one's pages:
/// which versions exist, which is the default, and which of its pages each has.
fn render_key(
    content_key: &str,
    version: &Version,
    list: &[Version],
    pages: &BTreeMap<String, Arc<HashSet<String>>>,
) -> String {
    let empty = Arc::new(HashSet::new());
    let own = pages.get(&version.name).unwrap_or(&empty);
    let mut parts: Vec<Vec<u8>> = vec![
        content_key.as_bytes().to_vec(),
        version.name.as_bytes().to_vec(),
        vec![u8::from(version.is_default)],
    ];
    for other in list {
        let theirs = pages.get(&other.name).unwrap_or(&empty);
        let mut shared: Vec<&String> = own.intersection(theirs).collect();
        shared.sort();
        let shared: Vec<u8> = shared
            .iter()
            .flat_map(|k| [k.as_bytes(), b"\n"].concat())
            .collect();
        parts.push(format!("{}:{}", other.name, other.is_default).into_bytes());
        parts.push(shared);
    }
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    cache::key(&refs)
}

/// Learns a version's pages: from the cache when its content key matches,
/// else by reading its sources.
#[allow(clippy::too_many_arguments)]
fn read_version(
    version: &Version,
    opts: &BuildOptions,
    config: &Config,
    cache: &Cache,
    repo: &GitCli,
    inputs: &str,
    diags: &mut Vec<Diagnostic>,
    report: &mut BuildReport,
) -> State {
    let mut state = State {
        version: version.clone(),
        root: None,
        config: None,
        content_key: None,
        cached: None,
        pages: Arc::default(),
        failed: false,
    };
    let tree = match &version.source {
        Source::Ref { tree, .. } => Some(tree.clone()),
        // `serve` keeps a session of the working tree for fast edits: it
        // always builds it.
        Source::WorkingTree if opts.cache.is_some() => None,
        Source::WorkingTree => Some(versions::working_tree_key(&opts.root, disk_target(opts))),
    };
    if let Some(tree) = tree {
        let key = cache::key(&[tree.as_bytes(), inputs.as_bytes()]);
        state.cached = cache.entry(&version.name).filter(|e| e.content_key == key);
        state.content_key = Some(key);
        if let Some(entry) = &state.cached {
            state.pages = Arc::new(entry.pages.iter().cloned().collect());
            return state;
        }
    }
    if ensure_sources(&mut state, opts, config, cache, repo, diags, report) {
        if let (Some(root), Some(config)) = (&state.root, &state.config) {
            state.pages = Arc::new(page_keys(root, config, opts.drafts));
        }
    }
    state
}

/// Makes a version's sources and config ready to build: the working tree
/// as it is, a ref exported from git with its own charter.yaml (taking
/// `base_url` and `versions` from the current one). `false` when it failed.
fn ensure_sources(
    state: &mut State,
    opts: &BuildOptions,
    config: &Config,
    cache: &Cache,
    repo: &GitCli,
    diags: &mut Vec<Diagnostic>,
    report: &mut BuildReport,
) -> bool {
    if state.failed {
        return false;
    }
    if state.root.is_some() {
        return true;
    }
    let (refname, tree) = match &state.version.source {
        Source::WorkingTree => {
            state.root = Some(opts.root.clone());
            state.config = Some(config.clone());
            return true;
        }
        Source::Ref { refname, tree } => (refname.clone(), tree.clone()),
    };
    let root = match cache.export_tree(&tree, repo) {
        Ok(root) => root,
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    "version-git",
                    format!("cannot read version `{refname}` from git: {e}"),
                )
                .at_file(config::CONFIG_FILE)
                .help("check that `git cat-file --batch` works in the site's folder"),
            );
            state.failed = true;
            return false;
        }
    };
    report.version_roots.insert(refname.clone(), root.clone());
    match config::load(&root) {
        Ok((mut at_ref, warnings)) => {
            diags.extend(relocate(warnings, &refname, &root, &at_ref.lints));
            at_ref.base_url = config.base_url.clone();
            at_ref.versions = config.versions.clone();
            // A released version is not edited: its pages offer no edit link.
            at_ref.edit_url = None;
            state.config = Some(at_ref);
            state.root = Some(root);
            true
        }
        Err(errors) => {
            diags.extend(relocate(errors, &refname, &root, &Default::default()));
            state.failed = true;
            false
        }
    }
}

/// Every page key of a version (`book/why/`, `ru/`): its pages in all languages.
fn page_keys(root: &Path, config: &Config, drafts: bool) -> HashSet<String> {
    let (content, _) = content::load(root, config, &content::LoadOptions { drafts });
    let urls = Urls::new(None);
    content
        .pages
        .iter()
        .map(|p| versions::page_key(&urls, &p.scope, &p.route))
        .collect()
}

/// A git version's diagnostics name the ref: `v1.0:book/01-why.md`. The
/// version's own `lints:` set their levels.
fn relocate(
    found: Vec<Diagnostic>,
    refname: &str,
    root: &Path,
    lints: &BTreeMap<String, diagnostics::LintLevel>,
) -> Vec<Diagnostic> {
    let rename = |loc: &mut diagnostics::Location| {
        if loc.file.is_relative() && root.join(&loc.file).exists() {
            loc.file = versions::located_name(refname, &loc.file);
        }
    };
    let mut found = diagnostics::apply_lints(found, lints, false);
    for d in &mut found {
        if let Some(loc) = d.location.as_mut() {
            rename(loc);
        }
        for (loc, _) in &mut d.related {
            rename(loc);
        }
        if d.location.is_none() {
            d.message = format!("{refname}: {}", d.message);
        }
    }
    found
}

/// Writes a cached version's files (in parallel: it is a link per file)
/// and replays its warnings. `false` when a file could not be restored (the
/// version is then built, over what was restored).
fn restore(
    cache: &Cache,
    name: &str,
    entry: &Entry,
    out: &dyn Output,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    use rayon::prelude::*;
    let restored = entry
        .files
        .par_iter()
        .all(|path| out.copy_from(path, &cache.file(name, path)).is_ok());
    if restored {
        diags.extend(entry.warnings.iter().filter_map(StoredDiagnostic::restore));
    } else {
        // Files already linked are written over by the build: they must
        // not be the cache's any more.
        cache.forget(name);
    }
    restored
}

/// After a successful build: keeps the versions built, drops what no
/// version uses any more.
pub(super) fn store(root: &Path, stats: &Stats, from: FilesFrom<'_>) {
    let Some((names, trees)) = &stats.cache_keep else {
        return;
    };
    let cache = Cache::new(root);
    for (name, entry) in &stats.to_cache {
        if cache.store(name, entry, from).is_err() {
            cache.forget(name);
        }
    }
    if let FilesFrom::Dir(output) = from {
        for (name, render_key) in &stats.published {
            cache.set_published(name, render_key, output);
        }
    }
    cache.prune_versions(names);
    cache.prune_trees(trees);
}

fn disk_target(opts: &BuildOptions) -> Option<&Path> {
    match &opts.target {
        super::Target::Disk(dir) => Some(dir),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relocated_diagnostics_name_the_ref() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("charter.yaml"), "x").unwrap();
        let d = Diagnostic::error("unknown-key", "m").at(diagnostics::Location::new(
            "charter.yaml",
            3,
            5,
        ));
        let embedded =
            Diagnostic::error("template-error", "t").at_file("themes/default/templates/base.html");
        let out = relocate(vec![d, embedded], "v1.0", dir.path(), &BTreeMap::new());
        let files: Vec<String> = out
            .iter()
            .map(|d| d.location.as_ref().unwrap().file.display().to_string())
            .collect();
        assert_eq!(
            files,
            ["v1.0:charter.yaml", "themes/default/templates/base.html"]
        );
    }
}
