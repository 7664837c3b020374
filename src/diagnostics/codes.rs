//! The registry of diagnostic codes and their explanations.

/// (code, one-line summary, explanation)
pub const CODES: &[(&str, &str, &str)] = &[];

pub fn explain(code: &str) -> Option<&'static str> {
    CODES.iter().find(|c| c.0 == code).map(|c| c.2)
}
