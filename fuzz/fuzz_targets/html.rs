//! The link checker's page scan (`html_tags`) and the indexer's code-span
//! stripping: never a panic, and every id, link and tag name the scan
//! reports is text of the input.
#![no_main]

use charter::{check, highlight, html_tags};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(html) = std::str::from_utf8(data) else {
        return;
    };
    html_tags::for_each_start_tag(html, |tag| {
        assert!(html.contains(tag.name));
        for (name, value) in tag.attributes {
            assert!(html.contains(name) && html.contains(value));
        }
    });
    let _ = check::scan(html);
    let plain = highlight::without_spans(html);
    assert!(plain.len() <= html.len());
});
