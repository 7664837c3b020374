#!/usr/bin/env python3
"""Writes the seed corpora (corpus/TARGET/seed-*) from example-site/,
tests/fixtures/ and the theme's Fluent files. Run from anywhere:
    python3 fuzz/seeds.py
"""
import hashlib
import pathlib

FUZZ = pathlib.Path(__file__).resolve().parent
ROOT = FUZZ.parent
SITES = [ROOT / "example-site"] + sorted(p for p in (ROOT / "tests/fixtures").iterdir() if p.is_dir())


def files(pattern):
    for site in SITES:
        for path in sorted(site.rglob(pattern)):
            if "public" not in path.relative_to(site).parts:
                yield path


def seed(target, data):
    out = FUZZ / "corpus" / target
    out.mkdir(parents=True, exist_ok=True)
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    (out / name).write_bytes(data)


def main():
    for md in files("*.md"):
        text = md.read_bytes()
        if md.name == "SUMMARY.md":
            seed("summary", text)
        seed("frontmatter", text)
        # Byte 0 picks markdown options: spec (BCP 14) and translation.
        flags = 3 if "specs" in md.parts else 2
        seed("markdown", bytes([flags]) + text)
    for cfg in files("charter.yaml"):
        seed("config", cfg.read_bytes())
    for ftl in list(files("*.ftl")) + sorted((ROOT / "themes").rglob("*.ftl")):
        seed("fluent", ftl.read_bytes())
    # Whole sites: the parts site.rs expects, joined by NUL bytes.
    parts = [
        "charter.yaml", "index.md", "book/01-a.md", "book/02-b.md", "book/SUMMARY.md",
        "specs/1/README.md", "specs/42-c4.md", "translations/ru/book/01-a.md",
        "translations/ru/ui.ftl", "templates/partials/footer.html",
    ]
    for site in SITES:
        chapters = sorted(p for p in (site / "book").glob("*.md") if p.name != "SUMMARY.md") if (site / "book").is_dir() else []
        specs = sorted((site / "specs").rglob("*.md")) if (site / "specs").is_dir() else []
        specs = [s for s in specs if s.name != "README.md" or s.parent != site / "specs"]
        tr = sorted((site / "translations").rglob("*.md")) if (site / "translations").is_dir() else []
        ftl = sorted((site / "translations").rglob("ui.ftl")) if (site / "translations").is_dir() else []
        tpl = sorted((site / "templates").rglob("*.html")) if (site / "templates").is_dir() else []

        def read(paths, i):
            return paths[i].read_bytes() if len(paths) > i else b""

        cfg = (site / "charter.yaml").read_bytes() if (site / "charter.yaml").is_file() else b""
        if b"languages" not in cfg and cfg:
            cfg += b"languages: { ru: { name: R } }\n"
        index = (site / "index.md").read_bytes() if (site / "index.md").is_file() else b""
        summary = (site / "book/SUMMARY.md").read_bytes() if (site / "book/SUMMARY.md").is_file() else b""
        data = [cfg, index, read(chapters, 0), read(chapters, 1), summary,
                read(specs, 0), read(specs, 1), read(tr, 0), read(ftl, 0), read(tpl, 0)]
        assert len(data) == len(parts)
        seed("site", b"\0".join(d.replace(b"\0", b"") for d in data))


main()
