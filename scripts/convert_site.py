#!/usr/bin/env python3
"""Writes a site made by gen_site.py in Hugo's and mdBook's layouts, so the
same content can be built by each (stdlib only).

usage: scripts/convert_site.py SITE [--hugo DIR] [--mdbook DIR] [--mdbook-search]

Hugo (DIR/hugo.toml, DIR/content/, DIR/layouts/_default/{baseof,single,
list}.html): index.md becomes content/_index.md, book/ the section `book`
with one nested section per part (`_index.md` with title and weight),
chapters keep their front matter plus `weight:` (their order in SUMMARY.md),
specs/N/README.md becomes content/spec/N.md titled "N/NAME Name" (the COSS
keys stay as page params). Every link to another page is rewritten to a plain
relative URL (`../../part-02/ch-00051/#id`; `spec:N#id` likewise). With
translations, each language is a content dir (content/en, content/ru, …) of
a multilingual config. The templates render a page with its table of
contents, its section's nav (the pages of its part, prev/next in section)
and the language switcher; highlighting is Hugo's default (chroma, inline
styles), taxonomies are off, RSS and sitemap on.

mdBook (DIR/book.toml, DIR/src/): SUMMARY.md as in the book (prefix chapter,
parts, nesting) plus a "Specifications" part; chapters at the same paths
with the front matter replaced by a `# Title` heading, specs at
src/specs/N.md; `spec:N` links become relative `.md` links. Search is off
unless --mdbook-search. mdBook has no languages: translations are left out.
"""
import argparse
import os
import posixpath
import re
import shutil
import sys

CONVERTER_VERSION = "1"
LINK = re.compile(r"\]\(([^)\s]+)\)")
SPEC_PATH = re.compile(r"^specs/(\d+)/README\.md$")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def split_front(text):
    """(front matter lines, body) of a page."""
    if not text.startswith("---\n"):
        return [], text
    end = text.index("\n---\n", 3)
    return text[4:end].split("\n"), text[end + 5 :]


def front_value(front, key):
    for line in front:
        if line.startswith(key + ": "):
            return line[len(key) + 2 :]
    return None


def pages_of(site):
    """Site-relative paths of the source-language pages, in site order:
    index, intro, chapters by SUMMARY.md, spec registry, specs by number."""
    out = ["index.md", "book/intro.md"]
    for m in LINK.finditer(read(os.path.join(site, "book", "SUMMARY.md"))):
        if m.group(1) != "intro.md":
            out.append("book/" + m.group(1))
    specs_dir = os.path.join(site, "specs")
    if os.path.isdir(specs_dir):
        out.append("specs/README.md")
        nums = sorted(int(n) for n in os.listdir(specs_dir) if n.isdigit())
        out += [f"specs/{n}/README.md" for n in nums]
    return out


def languages_of(site):
    """The translation tags in charter.yaml's `languages:`, in order."""
    tags, inside = [], False
    for line in read(os.path.join(site, "charter.yaml")).splitlines():
        if line.startswith("languages:"):
            inside = True
        elif inside and line.startswith("  "):
            tag, _, rest = line.strip().partition(":")
            name = re.search(r"name:\s*([^}]+?)\s*\}", rest)
            tags.append((tag, name.group(1) if name else tag))
        else:
            inside = False
    return tags


def rewrite_links(text, rel, target_of):
    """Rewrites `](dest)` links to other pages: `target_of(site_path, frag)`
    returns the new destination, or None to keep the link."""
    here = posixpath.dirname(rel)

    def repl(m):
        dest = m.group(1)
        path, _, frag = dest.partition("#")
        if path.startswith("spec:"):
            site_path = f"specs/{path[5:]}/README.md"
        elif path.endswith(".md") and "://" not in path:
            site_path = posixpath.normpath(posixpath.join(here, path))
        else:
            return m.group(0)
        new = target_of(site_path, frag)
        return m.group(0) if new is None else f"]({new})"

    return LINK.sub(repl, text)


# ---------------------------------------------------------------- Hugo

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
{{ with .Translations }}<nav class="languages">{{ range . }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.Label }}</a> {{ end }}</nav>{{ end }}
</header>
{{ block "main" . }}{{ end }}
<footer>{{ site.Title }}</footer>
</body>
</html>
"""

# The page with its section's nav: the pages of its part (50 at most), not
# of the whole site, so the output grows linearly.
HUGO_SINGLE = """{{ define "main" }}
{{ with .CurrentSection }}<nav class="section">
<a href="{{ .RelPermalink }}">{{ .Title }}</a>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}"{{ if eq . $ }} aria-current="page"{{ end }}>{{ .LinkTitle }}</a></li>
{{ end }}</ul>
</nav>{{ end }}
<main>
<h1>{{ .Title }}</h1>
{{ with .Params.status }}<p class="status">Status: {{ . }}{{ with $.Params.editor }} · Editor: {{ . }}{{ end }}</p>{{ end }}
{{ with .TableOfContents }}<aside class="toc">{{ . }}</aside>{{ end }}
{{ .Content }}
<nav class="pager">{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</nav>
</main>
{{ end }}
"""

HUGO_LIST = """{{ define "main" }}
<main>
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ with .Sections }}<ul class="sections">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>{{ end }}
{{ with .RegularPages }}<ul class="pages">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
{{ end }}</ul>{{ end }}
</main>
{{ end }}
"""


def hugo_path(site_path):
    """content-relative path and URL path of a page."""
    if site_path == "index.md":
        return "_index.md", "/"
    if site_path == "specs/README.md":
        return "spec/_index.md", "/spec/"
    m = SPEC_PATH.match(site_path)
    if m:
        return f"spec/{m.group(1)}.md", f"/spec/{m.group(1)}/"
    assert site_path.startswith("book/"), site_path
    stem = site_path[: -len(".md")]
    return stem + ".md", f"/{stem}/"


def hugo_page(text, rel, weight):
    front, body = split_front(text)
    m = SPEC_PATH.match(rel)
    if m:
        title = f"{front_value(front, 'shortname')} {front_value(front, 'name')}"
        front = [f'title: "{title}"'] + front
    front.append(f"weight: {weight}")
    _, url = hugo_path(rel)

    def target(site_path, frag):
        _, to = hugo_path(site_path)
        new = posixpath.relpath(to, url) + "/"
        return new + (f"#{frag}" if frag else "")

    body = rewrite_links(body, rel, target)
    return "---\n" + "\n".join(front) + "\n---\n" + body


def write_hugo(site, out):
    if os.path.exists(out):
        shutil.rmtree(out)
    pages = pages_of(site)
    langs = languages_of(site)
    title = front_value(split_front(read(os.path.join(site, "index.md")))[0], "title")
    config = [
        'baseURL = "https://example.org/bench/"',
        f'title = "{title}"',
        'disableKinds = ["taxonomy", "term"]',
        "enableGitInfo = false",
    ]
    content_dirs = [("", os.path.join(out, "content"))]
    if langs:
        config += [
            'defaultContentLanguage = "en"',
            "[languages]",
            '[languages.en]\ncontentDir = "content/en"\nweight = 1\nlabel = "English"',
        ]
        for i, (tag, name) in enumerate(langs):
            config.append(f'[languages.{tag}]\ncontentDir = "content/{tag}"\nweight = {i + 2}\nlabel = "{name}"')
        content_dirs = [("", os.path.join(out, "content", "en"))] + [
            (os.path.join("translations", tag), os.path.join(out, "content", tag)) for tag, _ in langs
        ]
    write(os.path.join(out, "hugo.toml"), "\n".join(config) + "\n")
    write(os.path.join(out, "layouts", "_default", "baseof.html"), HUGO_BASEOF)
    write(os.path.join(out, "layouts", "_default", "single.html"), HUGO_SINGLE)
    write(os.path.join(out, "layouts", "_default", "list.html"), HUGO_LIST)
    for prefix, content in content_dirs:
        parts = set()
        write(os.path.join(content, "book", "_index.md"), "---\ntitle: Book\nweight: 1\n---\n")
        for weight, rel in enumerate(pages, 1):
            src = os.path.join(site, prefix, rel)
            if not os.path.exists(src):
                continue
            dest, _ = hugo_path(rel)
            write(os.path.join(content, dest), hugo_page(read(src), rel, weight))
            part = posixpath.dirname(dest)
            if part.startswith("book/part-") and part not in parts:
                parts.add(part)
                n = int(part.rsplit("-", 1)[1])
                write(os.path.join(content, part, "_index.md"), f"---\ntitle: Part {n}\nweight: {n + 1}\n---\n")


# ---------------------------------------------------------------- mdBook


def mdbook_path(site_path):
    """src-relative path of a page in the mdBook, or None if left out."""
    if site_path.startswith("book/"):
        return site_path[len("book/") :]
    m = SPEC_PATH.match(site_path)
    if m:
        return f"specs/{m.group(1)}.md"
    if site_path == "specs/README.md":
        return "specs/README.md"
    return None


def mdbook_page(text, rel):
    front, body = split_front(text)
    title = front_value(front, "title")
    if SPEC_PATH.match(rel):
        title = f"{front_value(front, 'shortname')} {front_value(front, 'name')}"
    here = posixpath.dirname(mdbook_path(rel))

    def target(site_path, frag):
        to = mdbook_path(site_path)
        if to is None:
            return None
        return posixpath.relpath(to, here) + (f"#{frag}" if frag else "")

    return f"# {title}\n\n" + rewrite_links(body, rel, target)


def write_mdbook_toml(site, out, search):
    title = front_value(split_front(read(os.path.join(site, "index.md")))[0], "title")
    write(
        os.path.join(out, "book.toml"),
        f'[book]\ntitle = "{title}"\nsrc = "src"\n\n[build]\ncreate-missing = false\n\n'
        f"[output.html]\n\n[output.html.search]\nenable = {'true' if search else 'false'}\n",
    )


def write_mdbook(site, out, search=False):
    if os.path.exists(out):
        shutil.rmtree(out)
    pages = pages_of(site)
    write_mdbook_toml(site, out, search)
    summary = read(os.path.join(site, "book", "SUMMARY.md"))
    specs = [p for p in pages if SPEC_PATH.match(p)]
    if specs:
        summary += "\n# Specifications\n\n- [Specifications](specs/README.md)\n"
        for rel in specs:
            front, _ = split_front(read(os.path.join(site, rel)))
            summary += f"  - [{front_value(front, 'shortname')}]({mdbook_path(rel)})\n"
    write(os.path.join(out, "src", "SUMMARY.md"), summary)
    for rel in pages:
        dest = mdbook_path(rel)
        if dest is not None:
            write(os.path.join(out, "src", dest), mdbook_page(read(os.path.join(site, rel)), rel))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", help="a site written by gen_site.py")
    ap.add_argument("--hugo", metavar="DIR", help="write the Hugo site here")
    ap.add_argument("--mdbook", metavar="DIR", help="write the mdBook here")
    ap.add_argument("--mdbook-search", action="store_true", help="turn mdBook's search index on")
    args = ap.parse_args()
    if not (args.hugo or args.mdbook):
        ap.error("nothing to do: give --hugo DIR and/or --mdbook DIR")
    if args.hugo:
        write_hugo(args.site, args.hugo)
        print(f"{args.hugo}: Hugo site")
    if args.mdbook:
        write_mdbook(args.site, args.mdbook, args.mdbook_search)
        print(f"{args.mdbook}: mdBook")
    return 0


if __name__ == "__main__":
    sys.exit(main())
