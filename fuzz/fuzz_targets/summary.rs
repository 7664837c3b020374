//! `SUMMARY.md` parsing.
#![no_main]

use charter::summary;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (_items, diags) = summary::parse(text, Path::new("book/SUMMARY.md"));
    let lines = text.split('\n').count();
    for d in &diags {
        let at = d
            .location
            .as_ref()
            .expect("SUMMARY diagnostics are located");
        assert!(at.line >= 1 && at.line <= lines && at.column >= 1, "{d:?}");
    }
});
