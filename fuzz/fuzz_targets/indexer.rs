//! The indexer's two readings of a page: the vendored Pagefind's parser
//! for plain pages and lol_html (`DomParser`). Never a panic, and whenever
//! the plain parser takes a page, it reads it as lol_html does. The first
//! byte chooses whether the input is the page or the body of one.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let page = if mode % 2 == 0 {
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>T</title></head>\n<body>{text}</body>\n</html>\n"
        )
    } else {
        text.to_string()
    };
    if let (Some(plain), reference) = charter::search::both_readings(page.clone()) {
        assert_eq!(plain, reference, "{page}");
    }
});
