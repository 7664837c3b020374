//! A whole build of a small generated site, into memory.
//!
//! The input is split at NUL bytes into the site's files, in this order:
//! charter.yaml, index.md, book/01-a.md, book/02-b.md, book/SUMMARY.md,
//! specs/1/README.md, specs/42-c4.md, translations/ru/book/01-a.md,
//! translations/ru/ui.ftl, templates/partials/footer.html. Missing parts are
//! absent files; an empty charter.yaml part gets a minimal config with a
//! Russian translation. Files need not be UTF-8.
#![no_main]

use charter::build::{self, BuildOptions, Target};
use libfuzzer_sys::fuzz_target;

const FILES: &[&str] = &[
    "charter.yaml",
    "index.md",
    "book/01-a.md",
    "book/02-b.md",
    "book/SUMMARY.md",
    "specs/1/README.md",
    "specs/42-c4.md",
    "translations/ru/book/01-a.md",
    "translations/ru/ui.ftl",
    "templates/partials/footer.html",
];

const DEFAULT_CONFIG: &[u8] = b"title: Fuzz\nlanguages: { ru: { name: R } }\n";

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (i, part) in data.split(|&b| b == 0).enumerate().take(FILES.len()) {
        let bytes = if i == 0 && part.is_empty() {
            DEFAULT_CONFIG
        } else {
            part
        };
        let path = root.join(FILES[i]);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let mut opts = BuildOptions::new(root);
    opts.target = Target::Memory;
    let report = build::build(&opts);
    for d in &report.diagnostics {
        if let Some(at) = &d.location {
            assert!(at.line >= 1 && at.column >= 1, "{d:?}");
            assert!(
                !at.file.is_absolute() && !at.file.starts_with(".."),
                "diagnostic outside the site: {d:?}"
            );
        }
    }
    if report.succeeded() {
        let files = report.memory.expect("memory output");
        assert!(files.contains_key("index.html"));
    }
});
