//! Front matter: splitting a Markdown file and reading its YAML block.
#![no_main]

use charter::frontmatter;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let split = frontmatter::split(text);
    // The body is a suffix of the text, and starts on a line of the file.
    assert!(text.ends_with(split.body));
    assert!(split.body_line >= 1 && split.yaml_line >= 1);
    let (front, diags) = frontmatter::parse(&split, Path::new("book/page.md"));
    for d in &diags {
        let at = d
            .location
            .as_ref()
            .expect("front-matter diagnostics are located");
        assert!(at.line >= 1 && at.column >= 1, "{d:?}");
        assert!(
            at.line <= text.split('\n').count() + 1,
            "{d:?} past the end"
        );
    }
    for (line, column) in front.positions.values() {
        assert!(*line >= 1 && *column >= 1);
    }
});
