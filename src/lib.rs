//! charter: a static-site generator for community handbooks and numbered
//! specifications. The library holds the whole pipeline; the `charter`
//! binary is a thin CLI over it.
//!
//! discover config → load sources → parse (front matter, Markdown) → resolve
//! (nav, links) → render (Tera) → write → post-check

// A `Diagnostic` is the error type across stages; boxing it everywhere buys nothing.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod cache_dir;
pub mod check;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod frontmatter;
pub mod highlight;
pub mod html;
pub mod html_tags;
pub mod i18n;
pub mod links;
pub mod markdown;
pub mod new;
pub mod output;
pub mod scaffold;
#[cfg(feature = "search")]
pub mod search;
pub mod serve;
pub mod session;
pub mod site;
pub mod spec_site;
pub mod specs;
pub mod summary;
pub mod theme;
pub mod url;
pub mod versions;
pub mod yaml;

/// The tests' random generator, one file for unit and integration tests.
#[cfg(test)]
#[path = "../tests/suite/common/rng.rs"]
#[allow(dead_code)] // `pick` serves the integration tests
pub(crate) mod test_rng;
