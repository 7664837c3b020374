//! `charter.yaml` parsing and validation.
#![no_main]

use charter::config;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines = text.split('\n').count();
    let diags = match config::parse(text, Path::new("charter.yaml")) {
        Ok((_config, warnings)) => warnings,
        Err(errors) => {
            assert!(errors.iter().any(|d| d.is_error()), "Err without an error");
            errors
        }
    };
    for d in &diags {
        if let Some(at) = &d.location {
            assert!(
                at.line >= 1 && at.line <= lines + 1 && at.column >= 1,
                "{d:?}"
            );
        }
    }
});
