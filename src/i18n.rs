//! Languages and translation staleness: text direction of a language tag,
//! git blob ids of source files (as `git hash-object` prints them, computed
//! without git), and the state of a translation against its source.

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

/// The git blob id of a file's bytes: SHA-1 of `blob <len>\0` + bytes, in hex.
pub fn blob_id(bytes: &[u8]) -> String {
    let mut hasher = sha1_smol::Sha1::new();
    hasher.update(format!("blob {}\0", bytes.len()).as_bytes());
    hasher.update(bytes);
    hasher.digest().to_string()
}

/// Does a `translated_from:` stamp (7 to 40 hex digits, any case) name this blob?
pub fn stamp_matches(stamp: &str, id: &str) -> bool {
    let stamp = stamp.trim().to_ascii_lowercase();
    stamp.len() >= 7 && id.starts_with(&stamp)
}

/// How a page stands in one translation language.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "state")]
pub enum TranslationState {
    /// Translated from the current source.
    UpToDate,
    /// Translated from an older source (`stamped` is the blob it names).
    Outdated { stamped: String },
    /// Translated, but with no `translated_from:` to compare.
    Unstamped,
    /// Not translated: readers see the source.
    Missing,
}

impl TranslationState {
    /// The state of a translation stamped `stamp` whose source is now `source_id`.
    pub fn of(stamp: Option<&str>, source_id: &str) -> Self {
        match stamp {
            None => TranslationState::Unstamped,
            Some(s) if stamp_matches(s, source_id) => TranslationState::UpToDate,
            Some(s) => TranslationState::Outdated {
                stamped: s.trim().to_string(),
            },
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            TranslationState::UpToDate => "up-to-date",
            TranslationState::Outdated { .. } => "outdated",
            TranslationState::Unstamped => "unstamped",
            TranslationState::Missing => "missing",
        }
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

    #[test]
    fn blob_ids_match_git() {
        assert_eq!(blob_id(b""), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
        assert_eq!(
            blob_id(b"hello\n"),
            "ce013625030ba8dba906f756967f9e9ca394464a"
        );
    }

    #[test]
    fn states() {
        let id = blob_id(b"hello\n");
        assert_eq!(
            TranslationState::of(Some("CE01362"), &id),
            TranslationState::UpToDate
        );
        assert_eq!(TranslationState::of(None, &id), TranslationState::Unstamped);
        assert_eq!(
            TranslationState::of(Some("e69de29"), &id).name(),
            "outdated"
        );
    }
}
