//! Every diagnostic code the sources emit is explained by `charter explain`.

use std::collections::BTreeSet;

#[test]
fn every_emitted_code_has_an_explanation() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = BTreeSet::new();
    for entry in walkdir::WalkDir::new(src).into_iter().flatten() {
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for kind in [
            "Diagnostic::error(",
            "Diagnostic::warning(",
            "Diagnostic::note(",
        ] {
            for (at, _) in text.match_indices(kind) {
                let rest = text[at + kind.len()..].trim_start();
                let Some(rest) = rest.strip_prefix('"') else {
                    continue;
                };
                let code = &rest[..rest.find('"').unwrap()];
                if charter::diagnostics::codes::explain(code).is_none() {
                    missing.insert(code.to_string());
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "codes without an explanation in src/diagnostics/codes.rs: {missing:?}"
    );
}
