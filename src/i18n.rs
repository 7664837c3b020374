//! Languages: text direction of a language tag. (Translations, fallback and
//! UI strings build on this.)

/// `rtl` for right-to-left scripts' languages, else `ltr`; an explicit
/// `dir:` from the config wins.
pub fn direction(tag: &str, explicit: Option<&str>) -> &'static str {
    if let Some(dir) = explicit {
        return if dir.eq_ignore_ascii_case("rtl") {
            "rtl"
        } else {
            "ltr"
        };
    }
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "ar" | "he" | "fa" | "ur" | "yi" | "ps" | "sd" | "ug" | "dv" | "ckb" | "syr" => "rtl",
        _ => "ltr",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rtl_from_tag() {
        assert_eq!(direction("ar", None), "rtl");
        assert_eq!(direction("he-IL", None), "rtl");
        assert_eq!(direction("ru", None), "ltr");
        assert_eq!(direction("ar", Some("ltr")), "ltr");
    }
}
