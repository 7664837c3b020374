//! Fluent UI strings: a site's `translations/<tag>/ui.ftl` parsed, overlaid on
//! the theme's strings and formatted for every key the theme uses.
#![no_main]

use charter::config::{Config, LanguageConfig};
use charter::i18n::ui::{self, UiStrings};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn site() -> &'static (tempfile::TempDir, Config) {
    static SITE: OnceLock<(tempfile::TempDir, Config)> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("translations/ru")).unwrap();
        let mut config = Config::with_title("Fuzz");
        config.languages.insert(
            "ru".into(),
            LanguageConfig {
                name: "Русский".into(),
                dir: None,
            },
        );
        (dir, config)
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let mut diags = Vec::new();
        ui::parse(text, Path::new("translations/ru/ui.ftl"), &mut diags);
        let lines = text.split('\n').count();
        for d in &diags {
            let at = d.location.as_ref().expect("Fluent diagnostics are located");
            assert!(at.line >= 1 && at.line <= lines && at.column >= 1, "{d:?}");
        }
    }
    let (dir, config) = site();
    std::fs::write(dir.path().join("translations/ru/ui.ftl"), data).unwrap();
    let (strings, _diags) = UiStrings::load(dir.path(), config);
    let keys: Vec<String> = strings.theme_keys().map(str::to_string).collect();
    for key in &keys {
        for lang in ["en", "ru"] {
            strings.get(lang, key, &[("count", "3"), ("name", "x"), ("lang", "en")]);
        }
    }
});
