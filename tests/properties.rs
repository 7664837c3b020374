//! Property-style checks over whole builds: random small sites (front matter,
//! Markdown, SUMMARY, links, specs, translations) never make the build panic,
//! and building the same input twice gives the same bytes. A deterministic
//! generator keeps failures reproducible (the seed is in the message).

mod common;

use common::*;
use std::path::Path;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const PIECES: &[&str] = &[
    "# Title\n",
    "## Section\n",
    "### Sub {#id}\n",
    "text ",
    "MUST ",
    "SHOULD NOT ",
    "`code` ",
    "*em* ",
    "**strong** ",
    "[link](02-b.md#section) ",
    "[spec](spec:1) ",
    "[missing](nowhere.md) ",
    "[anchor](#nope) ",
    "![img](x.png) ",
    "1/ONE ",
    "42/C4 ",
    "<a href=\"/elsewhere\">raw</a> ",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "- item\n",
    "1. one\n",
    "> quote\n",
    "```rust\nfn main() {}\n```\n",
    "```\nplain\n```\n",
    "[^1]\n\n[^1]: note\n",
    "- [ ] task\n",
    "\n",
    "\r\n",
    "{#",
    "[",
    "](",
    "Ü ñ 中文 العربية ",
    "---\n",
    "\t",
    "\\",
    "&amp; <b>",
    "\u{0}",
];

const FRONT: &[&str] = &[
    "",
    "---\ntitle: T\n---\n",
    "---\ntitle: [unclosed\n---\n",
    "---\nslug: ../x\n---\n",
    "---\norder: x\n---\n",
    "---\ndraft: true\n---\n",
    "---\nweight: 3\n---\n",
    "---\n",
    "+++\ntitle = 1\n+++\n",
    "---\ntitle: <script>\n---\n",
];

const SPEC_FRONT: &[&str] = &[
    "---\nshortname: 1/ONE\nname: One\nstatus: stable\neditor: E\n---\n",
    "---\nstatus: Draft\n---\n",
    "---\nstatus: [a]\neditor: {x: 1}\n---\n",
    "---\nname: N\nstatus: deprecated\nobsoleted_by: [1]\n---\n",
    "---\nstatus: stable\nobsoletes: [9, 1]\n---\n",
    "",
];

/// Pieces that build cleanly anywhere (no links that can break).
const SAFE_PIECES: &[&str] = &[
    "## Section\n",
    "text ",
    "MUST ",
    "`code` ",
    "*em* ",
    "| a | b |\n|---|---|\n| 1 | 2 |\n\n",
    "- item\n\n",
    "```rust\nfn main() {}\n```\n",
    "Ü ñ 中文 ",
    "\n\n",
    "[home](/)\n\n",
    "[self](#section)\n\n",
];

fn markdown(rng: &mut Rng, clean: bool) -> String {
    let (front, pieces) = if clean {
        ("---\ntitle: T\n---\n", SAFE_PIECES)
    } else {
        (rng.pick(FRONT), PIECES)
    };
    let mut text = front.to_string();
    for _ in 0..rng.below(40) {
        text.push_str(rng.pick(pieces));
    }
    if clean {
        text.push_str("\n## Section\n");
    }
    text
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn random_site(seed: u64) -> tempfile::TempDir {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let clean = seed % 3 == 0;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let config = if clean {
        "title: Clean\n"
    } else {
        rng.pick(&[
            "title: Random\n",
            "title: Random\nbase_url: https://x.org/sub/\nlanguages: { ru: { name: Русский } }\n",
            "title: Random\nlints: { broken-link: allow }\nspecs: { obsoletes: { 2: [1] } }\n",
            "title: [broken\n",
            "titel: typo\n",
        ])
    };
    write(root, "charter.yaml", config);
    write(root, "index.md", &markdown(&mut rng, clean));
    for name in ["01-a.md", "02-b.md", "03-c.md"] {
        if rng.below(4) > 0 {
            write(root, &format!("book/{name}"), &markdown(&mut rng, clean));
        }
    }
    if clean {
        return dir;
    }
    if rng.below(2) == 0 {
        write(
            root,
            "book/SUMMARY.md",
            rng.pick(&[
                "# Summary\n- [A](01-a.md)\n  - [B](02-b.md)\n# Part\n---\n- [Gone](zz.md)\n",
                "- broken\n",
                "[Intro](03-c.md)\n",
            ]),
        );
    }
    for n in 1..=rng.below(4) {
        write(
            root,
            &format!("specs/{n}/README.md"),
            &format!("{}{}", rng.pick(SPEC_FRONT), markdown(&mut rng, false)),
        );
    }
    if rng.below(2) == 0 {
        write(
            root,
            "translations/ru/book/01-a.md",
            &markdown(&mut rng, false),
        );
        write(
            root,
            "translations/ru/ui.ftl",
            rng.pick(&["next = Далее\n", "broken = {\n"]),
        );
    }
    dir
}

#[test]
fn random_sites_never_panic_and_build_deterministically() {
    let (mut succeeded, mut failed) = (0, 0);
    for seed in 0..200 {
        let site = random_site(seed);
        let result = std::panic::catch_unwind(|| {
            let a = build_at(site.path(), |_| {});
            let b = build_at(site.path(), |_| {});
            (
                a.files == b.files,
                a.report.diagnostics == b.report.diagnostics,
                a.report.succeeded(),
            )
        });
        match result {
            Ok((same_files, same_diags, ok)) => {
                assert!(same_files && same_diags, "seed {seed}: two builds differ");
                if ok {
                    succeeded += 1
                } else {
                    failed += 1
                }
            }
            Err(_) => panic!("seed {seed}: the build panicked"),
        }
    }
    // The generator must reach both outcomes, or it tests little.
    assert!(
        succeeded >= 60 && failed > 60,
        "{succeeded} succeeded, {failed} failed"
    );
}
