//! Git blob ids, computed without git: the id `git hash-object FILE` prints,
//! which translations carry in `translated_from:`.

/// The git blob id of `bytes`: hex SHA-1 of `"blob {len}\0"` followed by the
/// bytes, exactly as `git hash-object` prints it (40 lowercase hex digits).
/// The bytes are hashed as they are (no line-ending conversion).
pub fn blob_id(bytes: &[u8]) -> String {
    let mut hasher = sha1_smol::Sha1::new();
    hasher.update(format!("blob {}\0", bytes.len()).as_bytes());
    hasher.update(bytes);
    hasher.digest().to_string()
}

/// The shortest stamp `matches` accepts.
pub const MIN_STAMP_LEN: usize = 7;

/// Does `stamp` (from `translated_from:`, at least 7 hex digits, any case)
/// name the blob `id` (a full id)? A prefix match, like git's short ids.
pub fn matches(stamp: &str, id: &str) -> bool {
    let stamp = stamp.trim();
    stamp.len() >= MIN_STAMP_LEN
        && stamp.len() <= id.len()
        && stamp.bytes().all(|b| b.is_ascii_hexdigit())
        && id.is_char_boundary(stamp.len())
        && id[..stamp.len()].eq_ignore_ascii_case(stamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASES: &[(&[u8], &str)] = &[
        (b"", "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"),
        (b"hello\n", "ce013625030ba8dba906f756967f9e9ca394464a"),
        (b"hello world", "95d09f2b10159347eece71399a7e2e907ea3df4f"),
    ];

    #[test]
    fn known_ids() {
        for (bytes, id) in CASES {
            assert_eq!(blob_id(bytes), *id);
        }
    }

    #[test]
    fn same_as_git_hash_object() {
        let inputs: &[&[u8]] = &[
            b"",
            b"hello\n",
            b"# Title\r\n\r\nCRLF text\r\n",
            b"\xff\xfe not UTF-8 \x80\x00 with a NUL",
            "Русский текст\n".as_bytes(),
        ];
        let dir = tempfile::tempdir().unwrap();
        for (i, bytes) in inputs.iter().enumerate() {
            let path = dir.path().join(format!("f{i}"));
            std::fs::write(&path, bytes).unwrap();
            let out = std::process::Command::new("git")
                .args(["hash-object", "--no-filters"])
                .arg(&path)
                .output();
            let Ok(out) = out else {
                eprintln!("git is not installed; skipped");
                return;
            };
            assert!(out.status.success());
            let git = String::from_utf8(out.stdout).unwrap();
            assert_eq!(blob_id(bytes), git.trim(), "input {i}");
        }
    }

    #[test]
    fn stamps_match_by_prefix() {
        let id = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";
        assert!(matches(id, id));
        assert!(matches("e69de29", id));
        assert!(matches("E69DE29BB", id));
        assert!(matches(" e69de29 ", id));
        assert!(!matches("e69de2", id), "too short");
        assert!(!matches("e69de28", id));
        assert!(!matches("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391ff", id));
        assert!(!matches("e69de2g", id));
        assert!(!matches("", id));
        assert!(!matches("ééééééé", id));
    }
}
