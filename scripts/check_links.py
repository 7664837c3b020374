#!/usr/bin/env python3
"""Checks relative links and #anchors between the Markdown files of a charter
site (book/ and index.md), the way `charter build` will: heading ids are the
slugified heading text (or an explicit `{#id}`), de-duplicated as x, x-1, x-2.
Root-relative links (/images/x.svg) are looked up in static/. A stand-in
until charter's own checker lands; also used to validate scripts/gen_site.py.

usage: scripts/check_links.py SITE_DIR
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_site import slugify  # noqa: E402  (one definition of the heading-id rule)

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{#([^}\s]+)\})?\s*#*\s*$")
LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
INLINE_CODE = re.compile(r"`[^`]*`")


def plain(text):
    """Heading text as rendered: drop inline markup characters."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return text.replace("`", "").replace("*", "")


def scan(path):
    """(ids, links[(line, dest)]) of one Markdown file."""
    ids, seen, links = set(), {}, []
    in_fence, front = False, False
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for n, line in enumerate(lines, 1):
        if n == 1 and line == "---":
            front = True
            continue
        if front:
            if line == "---":
                front = False
            continue
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        m = HEADING.match(line)
        if m:
            hid = m.group(3) or slugify(plain(m.group(2)))
            if not m.group(3):
                count = seen.get(hid, 0)
                seen[hid] = count + 1
                if count:
                    hid = f"{hid}-{count}"
            ids.add(hid)
        for m in LINK.finditer(INLINE_CODE.sub("", line)):
            links.append((n, m.group(1)))
    # footnote definitions are anchors too, but never linked by path
    return ids, links


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    files = {}
    for dirpath, _, names in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root)
        if rel_dir.split(os.sep)[0] in ("public", "specs", "translations", "templates"):
            continue
        for name in names:
            if name.endswith(".md"):
                rel = os.path.normpath(os.path.join(rel_dir, name))
                files[rel] = scan(os.path.join(dirpath, name))
    errors = 0
    for rel, (_, links) in sorted(files.items()):
        for line, dest in links:
            if re.match(r"^[a-z][a-z0-9+.-]*:", dest):  # https:, mailto:, spec:
                continue
            path, _, frag = dest.partition("#")
            if not path:
                target = rel
            elif path.startswith("/"):
                target = os.path.normpath(os.path.join("static", path.lstrip("/")))
            else:
                target = os.path.normpath(os.path.join(os.path.dirname(rel), path))
            if not os.path.exists(os.path.join(root, target)):
                print(f"{rel}:{line}: broken link {dest} ({target} missing)")
                errors += 1
                continue
            if frag and target.endswith(".md"):
                ids = files.get(target, (set(),))[0]
                if frag not in ids:
                    print(f"{rel}:{line}: broken anchor {dest}")
                    errors += 1
    links = sum(len(l) for _, l in files.values())
    print(f"{len(files)} files, {links} links, {errors} errors", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
