//! YAML with positions: parses a document into a `serde_yaml::Value` plus the
//! line and column of every mapping key and value, so config and front-matter
//! validation can point at the exact place.

use std::collections::BTreeMap;

/// A YAML syntax error at a 1-based line and column of the parsed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// A 1-based position in the parsed text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// A parsed document: its value and the positions of keys and values by
/// dotted path (`specs.dir`, `languages.ru.name`; sequence items as `refs.0`).
#[derive(Clone, Debug, Default)]
pub struct Located {
    pub value: serde_yaml::Value,
    pub keys: BTreeMap<String, Pos>,
    pub values: BTreeMap<String, Pos>,
}

impl Located {
    /// Position of a key, else of its value, else line 1 column 1.
    pub fn pos_of(&self, path: &str) -> Pos {
        self.keys
            .get(path)
            .or_else(|| self.values.get(path))
            .copied()
            .unwrap_or(Pos { line: 1, column: 1 })
    }
    pub fn value_pos(&self, path: &str) -> Pos {
        self.values
            .get(path)
            .copied()
            .unwrap_or_else(|| self.pos_of(path))
    }
}

/// Parses one YAML document. An empty document is an empty mapping.
pub fn parse(text: &str) -> Result<Located, YamlError> {
    let value = serde_yaml::from_str(text).map_err(|e| YamlError {
        line: e.location().map(|l| l.line()).unwrap_or(1),
        column: e.location().map(|l| l.column()).unwrap_or(1),
        message: e.to_string(),
    })?;
    Ok(Located {
        value,
        ..Default::default()
    })
}
