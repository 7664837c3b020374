//! A build kept in memory between edits (`serve`): when a save changes only
//! the body of handbook pages — same front matter, title, headings and spec
//! references — only those pages (and their fallbacks in other languages)
//! are rendered, templated and link-checked again. Anything else asks for a
//! full build.

use crate::build::{finish, BuildOptions, Kept};
use crate::check::{self, CheckedPage};
use crate::config::Config;
use crate::content::{self, Origin, PageKind};
use crate::diagnostics::Diagnostic;
use crate::frontmatter::{self, FrontMatter};
use crate::site::{self, Prepared, Site};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A successful build, ready to redo single pages.
pub struct Session {
    opts: BuildOptions,
    config: Config,
    kept: Kept,
    /// Every diagnostic of the site as it stands, before `lints:` apply.
    raw: Vec<Diagnostic>,
}

/// What an edit changed.
#[derive(Debug, Default)]
pub struct Edit {
    /// The output files written again, by path.
    pub files: BTreeMap<String, Vec<u8>>,
    /// All diagnostics of the site now (sorted, `lints:` applied).
    pub diagnostics: Vec<Diagnostic>,
    /// Pages rendered again.
    pub pages: usize,
}

impl Edit {
    pub fn succeeded(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

impl Session {
    pub(crate) fn new(
        opts: BuildOptions,
        config: Config,
        kept: Kept,
        raw: Vec<Diagnostic>,
    ) -> Self {
        Session {
            opts,
            config,
            kept,
            raw,
        }
    }

    /// Redoes the pages whose sources changed, or `None` when the change
    /// needs a full build (then this session is stale: build a new one).
    pub fn edit(&mut self, changed: &[PathBuf]) -> Option<Edit> {
        let targets = self.targets(changed)?;
        let mut fresh_diags = self.reread(&targets)?;
        let affected = self.rerender_bodies(&targets)?;
        let mut edit = self.render(&affected, &mut fresh_diags);
        let sources: BTreeSet<&Path> = targets
            .iter()
            .map(|&i| self.kept.content.pages[i].source.as_path())
            .collect();
        self.raw.retain(|d| {
            d.location
                .as_ref()
                .is_none_or(|l| !sources.contains(l.file.as_path()))
        });
        self.raw.extend(fresh_diags);
        edit.diagnostics = finish(self.raw.clone(), &self.config.lints, self.opts.strict);
        Some(edit)
    }

    /// The source pages the changed files are: handbook pages and the home
    /// page only, with no translation (a translation's state depends on the
    /// source's bytes).
    fn targets(&self, changed: &[PathBuf]) -> Option<Vec<usize>> {
        let content = &self.kept.content;
        let mut targets = Vec::new();
        for path in changed {
            let rel = path.strip_prefix(&self.opts.root).unwrap_or(path);
            let i = content.pages[..content.sources]
                .iter()
                .position(|p| p.source == rel && !p.generated)?;
            let translated = content
                .pages
                .iter()
                .any(|p| p.origin == Origin::Translation(i));
            if !matches!(content.pages[i].kind, PageKind::Chapter | PageKind::Home) || translated {
                return None;
            }
            targets.push(i);
        }
        (!targets.is_empty()).then_some(targets)
    }

    /// Reads the pages again; their front matter must be what it was.
    fn reread(&mut self, targets: &[usize]) -> Option<Vec<Diagnostic>> {
        let mut diags = Vec::new();
        let mut updates = Vec::new();
        for &i in targets {
            let page = &self.kept.content.pages[i];
            let mut unreadable = Vec::new();
            let text = content::read_text(&self.opts.root, &page.source, &mut unreadable)?;
            let split = frontmatter::split(&text);
            let (front, found) = frontmatter::parse(&split, &page.source);
            if !same_front(&front, &page.front) {
                return None;
            }
            diags.extend(found);
            updates.push((i, split.body.to_string(), split.body_line, front));
        }
        let pages = &mut self.kept.content.pages;
        for (i, body, body_line, front) in updates {
            // The page and its fallbacks in other languages show the same text.
            let copies: Vec<usize> = (0..pages.len())
                .filter(|&j| j == i || pages[j].origin == Origin::Fallback(i))
                .collect();
            for j in copies {
                let page = &mut pages[j];
                (page.body, page.body_line, page.front) = (body.clone(), body_line, front.clone());
            }
        }
        Some(diags)
    }

    /// Renders the changed pages' bodies (and their fallbacks); the title,
    /// headings and spec references must stay, or other pages change too.
    fn rerender_bodies(&mut self, targets: &[usize]) -> Option<Vec<usize>> {
        let k = &mut self.kept;
        let affected: Vec<usize> = (0..k.content.pages.len())
            .filter(|&j| targets.contains(&j) || matches!(k.content.pages[j].origin, Origin::Fallback(o) if targets.contains(&o)))
            .collect();
        for &j in &affected {
            let fresh = site::prepare_again(
                &k.content,
                &k.langs,
                &k.highlighter,
                &k.urls,
                &k.prepared,
                j,
            );
            let old = &k.prepared[j];
            if fresh.title != old.title
                || fresh.rendered.headings != old.rendered.headings
                || spec_refs(&fresh) != spec_refs(old)
            {
                return None;
            }
            k.prepared[j] = fresh;
        }
        Some(affected)
    }

    /// Templates and link checks for the affected pages.
    fn render(&mut self, affected: &[usize], diags: &mut Vec<Diagnostic>) -> Edit {
        let k = &mut self.kept;
        let mut ignored = Vec::new();
        let site = Site::new(
            &self.config,
            &k.urls,
            &k.content,
            &k.prepared,
            &k.langs,
            &k.ui,
            &mut ignored,
        )
        .with_versions(k.versions.as_deref());
        let mut edit = Edit {
            pages: affected.len(),
            ..Default::default()
        };
        for &j in affected {
            match k
                .theme
                .render(&site.contexts[site.lang_of(j)], &site.page_context(j))
            {
                Ok(html) => {
                    k.scans.insert(j, check::scan(&html));
                    edit.files
                        .insert(k.prepared[j].output.clone(), html.into_bytes());
                }
                Err(d) => diags.push(d),
            }
        }
        let checked: Vec<CheckedPage<'_>> = k
            .scans
            .iter()
            .map(|(&i, scan)| CheckedPage {
                output: &k.prepared[i].output,
                source: Some(k.content.pages[i].source.as_path()),
                links: &k.prepared[i].rendered.links,
                scan,
            })
            .chain(k.not_found.iter().map(|(output, scan)| CheckedPage {
                output,
                source: None,
                links: &[],
                scan,
            }))
            .collect();
        let outputs: BTreeSet<&str> = affected
            .iter()
            .filter(|&&j| !matches!(k.content.pages[j].origin, Origin::Fallback(_)))
            .map(|&j| k.prepared[j].output.as_str())
            .collect();
        diags.extend(check::verify_some(
            &checked,
            &|p| outputs.contains(p.output),
            &check::Targets {
                files: &k.link_targets,
                unread: &k.unread,
                root: Some(&self.opts.root),
            },
            &k.urls,
        ));
        edit
    }
}

/// Front matter equal in everything but where its keys sit.
fn same_front(a: &FrontMatter, b: &FrontMatter) -> bool {
    let strip = |f: &FrontMatter| FrontMatter {
        positions: Default::default(),
        ..f.clone()
    };
    strip(a) == strip(b)
}

/// The spec URLs a page links to (they feed "referenced by" elsewhere).
fn spec_refs(page: &Prepared) -> BTreeSet<&str> {
    page.rendered
        .links
        .iter()
        .filter(|l| l.href.contains("/spec/"))
        .map(|l| l.href.as_str())
        .collect()
}
