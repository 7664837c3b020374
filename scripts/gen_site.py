#!/usr/bin/env python3
"""Generates a synthetic charter site for benchmarks (stdlib only).

usage: scripts/gen_site.py [--pages N] [--specs M] [--langs K] [--seed S]
                           [--out DIR]

Writes DIR (default target/bench/site-N) with charter.yaml, index.md,
book/SUMMARY.md (parts of 50 chapters, nested five deep), and N chapters at
book/part-PP/ch-NNNNN.md of 1,500–4,000 words each: front matter, headings on
three levels (some with explicit `{#id}`), paragraphs with inline markup,
lists, a task list, a table, a blockquote, fenced code in rust, python, c,
sh and yaml, and 5–10 links to other pages' headings whose ids really
exist (computed exactly as charter computes them).

--specs M adds specs/README.md and M specs at specs/<N>/README.md (numbers
1..M) of the same size, with COSS front matter (shortname, name, status
raw/draft/stable/deprecated, editor, license; a deprecated spec names its
successor in `obsoleted_by:` and the successor says `obsoletes:`), the BCP 14
boilerplate and keywords (MUST, SHOULD NOT, …) in the text, numbered
sections, and references to other specs as `[x](spec:N#id)` and bare
shortnames (a stable spec cites only draft, stable or deprecated ones).
Chapters then also link to specs.

--langs K adds K translation languages (`languages:` in charter.yaml) and
translations/<tag>/… mirroring every page (not SUMMARY.md): the source text
with its words replaced by the language's (a letter map for ru, ar, ja, el,
uk; another vocabulary for the Latin-script ones) and code, links, ids and
BCP 14 keywords kept, stamped `translated_from:` with the git blob id of the
source file, so no translation is outdated.

The output depends only on the arguments.
"""
import argparse
import hashlib
import os
import random
import re
import shutil
import sys

# Bump when the output changes, so that cached sites are regenerated.
GENERATOR_VERSION = "2"
PART_SIZE = 50
GROUP_SIZE = 5  # in SUMMARY.md, each group: one top-level chapter, the rest nested

VOCAB = """
able about above accept access account across action active actual adapt add
address adjust admin advance after again agent agree ahead alert align allow
almost alone along already alter always amount anchor answer apply approach
archive area argue around array arrive article aside assign assume attach
attempt author avoid backup balance bank barrier base basic batch before begin
behind belong below benefit better between beyond binary block board body
boundary branch bridge brief broad broken buffer build bundle cache call
calm capture careful carry case catalog cause center chain change channel
chapter check choice choose claim clear client close cluster code collect
combine comment commit common community compare complete concern config
confirm connect consensus consider contain content context contract control
copy core correct count course cover create current cycle daily data debate
decide default define delay deliver depend deploy describe design detail
detect develop device differ direct discuss display document domain draft
drive early edge editor effect effort element enable encode engine enough
ensure entry equal error event evidence exact example exchange exist expect
explain export extend factor failure feature field file filter final find
first fixed flag flood flow focus follow format forward frame free friend
full function future gather gauge general given global goal govern graph
group guide handle harbor header health help history hold host idea ignore
image impact import improve include index inform input inside install
instead intent issue item journal keep kernel label language large later
layer leader learn level library license light limit line link list local
logic long loop maintain major manage manual market measure member memory
merge message method middle minor mirror mode model module monitor motion
move narrow native nearby network neutral node normal notice number object
observe offer open operate option order origin output owner packet page
panel parse part patch path pattern peer people period permit phase place
plain plan point policy pool port position practice prefer prepare present
private problem process produce project proof propose protocol provide
public publish purpose query queue quick quiet raise range rapid reader
ready reason receive record reduce refer region relay release remote remove
render repair repeat reply report request require reserve resolve resource
respond result return review river role route rule safe sample scale schema
scope search section secure select sensor separate sequence serve session
setting shape share shift signal simple single sketch slow small source
space specify stable stage standard state status steady step storage stream
strict structure study subject submit summary support surface switch system
table target task team tenant test text thread through ticket timber token
tool topic track trade transfer travel trust update upstream usage user
valid value valley vendor verify version view visible volume water weekly
window within worker write yield zone
""".split()

LANGS = ["rust", "python", "c", "sh", "yaml"]


def slugify(text):
    """Heading id exactly as charter's `markdown::slugify`: lowercase,
    alphanumerics kept, apostrophes dropped, runs of anything else to one
    `-`, no leading or trailing `-`."""
    out, dash = [], False
    for ch in text:
        if ch.isalnum():
            if dash and out:
                out.append("-")
            dash = False
            out.append(ch.lower())
        elif ch in "'\u2018\u2019\u02bc":
            pass
        else:
            dash = True
    return "".join(out)


def chapter_path(i):
    """Path of chapter i (0-based) relative to book/."""
    return f"part-{i // PART_SIZE + 1:02}/ch-{i + 1:05}.md"


class Chapter:
    """The plan of one chapter: title and headings (level, text, id,
    explicit) — everything other chapters need to link into it."""

    def __init__(self, i, rng):
        self.index = i
        self.path = chapter_path(i)
        self.src = "book/" + self.path  # relative to the site root
        self.title = title_case(rng.choices(VOCAB, k=rng.randint(2, 5)))
        self.headings = []
        self.target_words = rng.randint(1500, 4000)
        seen = {}
        n_sections = max(3, self.target_words // 650)
        for s in range(n_sections):
            self._heading(rng, 2, s, seen)
            for sub in range(rng.randint(1, 3)):
                self._heading(rng, 3, sub, seen)
                if rng.random() < 0.35:
                    self._heading(rng, 4, 0, seen)

    def _heading(self, rng, level, pos, seen):
        words = rng.choices(VOCAB, k=rng.randint(1, 4))
        # Realistic punctuation that slugify drops or folds.
        style = rng.random()
        if style < 0.12:
            text = f"{pos + 1}. {title_case(words)}"
        elif style < 0.2:
            text = title_case(words) + "?"
        elif style < 0.26:
            text = f"The `{'_'.join(words)}` option"
        elif style < 0.3:
            text = title_case(words) + " (" + rng.choice(VOCAB) + ")"
        else:
            text = title_case(words)
        explicit = f"h-{len(self.headings) + 1}" if rng.random() < 0.15 else None
        add_heading(self.headings, seen, level, text, explicit)


def add_heading(headings, seen, level, text, explicit=None):
    """Appends (level, text, id, explicit) with the id as the renderer
    assigns it: the explicit one, else the slug of the plain text,
    de-duplicated x, x-1, x-2 in document order."""
    if explicit:
        seen[explicit] = seen.get(explicit, 0) + 1
        headings.append((level, text, explicit, True))
        return
    base = slugify(text.replace("`", ""))
    count = seen.get(base, 0)
    seen[base] = count + 1
    hid = base if count == 0 else f"{base}-{count}"
    headings.append((level, text, hid, False))


def title_case(words):
    s = " ".join(words)
    return s[:1].upper() + s[1:]


BCP14 = ["MUST", "MUST NOT", "REQUIRED", "SHALL", "SHALL NOT", "SHOULD",
         "SHOULD NOT", "RECOMMENDED", "MAY", "OPTIONAL"]


def sentence(rng, links=None, bcp14=False):
    words = rng.choices(VOCAB, k=rng.randint(6, 18))
    if bcp14 and rng.random() < 0.35:
        words.insert(rng.randint(1, 3), rng.choice(BCP14))
    r = rng.random()
    j = rng.randrange(len(words))
    if r < 0.15:
        words[j] = f"`{words[j]}_{rng.choice(VOCAB)}()`"
    elif r < 0.25:
        words[j] = f"**{words[j]}**"
    elif r < 0.32:
        words[j] = f"*{words[j]}*"
    if links:
        k = rng.randrange(len(words))
        words[k] = links.pop()
    s = " ".join(words)
    return s[:1].upper() + s[1:] + ("?" if rng.random() < 0.08 else ".")


def paragraph(rng, links=None, min_words=40, max_words=120, bcp14=False):
    out, n = [], 0
    target = rng.randint(min_words, max_words)
    while n < target:
        s = sentence(rng, links if links and rng.random() < 0.3 else None, bcp14)
        out.append(s)
        n += s.count(" ") + 1
    return " ".join(out), n


def ident(rng):
    return "_".join(rng.choices(VOCAB, k=rng.randint(1, 3)))


def code_block(rng):
    lang = rng.choice(LANGS)
    a, b, c = ident(rng), ident(rng), ident(rng)
    n = rng.randint(1, 999)
    if lang == "rust":
        body = f"""/// {title_case(rng.choices(VOCAB, k=6))}.
pub fn {a}({b}: &[u32], limit: usize) -> Result<Vec<u32>, Error> {{
    let mut {c} = Vec::with_capacity(limit);
    for (i, value) in {b}.iter().enumerate() {{
        if i >= limit {{
            return Err(Error::TooMany(i));
        }}
        {c}.push(value.saturating_mul({n}));
    }}
    Ok({c})
}}"""
    elif lang == "python":
        body = f"""def {a}({b}, limit={n}):
    \"\"\"{title_case(rng.choices(VOCAB, k=6))}.\"\"\"
    {c} = []
    for i, value in enumerate({b}):
        if i >= limit:
            raise ValueError(f"too many: {{i}}")
        {c}.append(value * 2)
    return {c}"""
    elif lang == "c":
        body = f"""/* {title_case(rng.choices(VOCAB, k=6))}. */
static int {a}(const int *{b}, size_t len, int *{c})
{{
    for (size_t i = 0; i < len; i++) {{
        if ({b}[i] < 0)
            return -1;
        {c}[i] = {b}[i] * {n};
    }}
    return 0;
}}"""
    elif lang == "sh":
        body = f"""#!/bin/sh
set -eu
{a.upper()}="${{1:-{b}}}"
for f in ./{c}/*.md; do
    grep -c "{rng.choice(VOCAB)}" "$f" || true
done
echo "done: ${a.upper()} ({n})\""""
    else:
        body = f"""{a}:
  {b}: {n}
  {c}:
    - {rng.choice(VOCAB)}
    - {rng.choice(VOCAB)}
  enabled: {rng.choice(["true", "false"])}"""
    return f"```{lang}\n{body}\n```", body.count(" ") + body.count("\n")


def table(rng):
    cols = rng.randint(3, 5)
    head = [title_case([w]) for w in rng.choices(VOCAB, k=cols)]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * cols]
    for _ in range(rng.randint(3, 8)):
        cells = [
            rng.choice([rng.choice(VOCAB), f"`{rng.choice(VOCAB)}`", str(rng.randint(0, 9999))])
            for _ in range(cols)
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows), cols * len(rows)


def a_list(rng, ordered=False, tasks=False):
    items = []
    for k in range(rng.randint(3, 7)):
        text, _ = paragraph(rng, min_words=4, max_words=20)
        marker = f"{k + 1}." if ordered else "-"
        if tasks:
            marker += rng.choice([" [ ]", " [x]"])
        items.append(f"{marker} {text}")
        if not ordered and rng.random() < 0.2:
            sub, _ = paragraph(rng, min_words=3, max_words=10)
            items.append(f"  - {sub}")
    return "\n".join(items), sum(i.count(" ") + 1 for i in items)


CITABLE_BY_STABLE = ("draft", "stable", "deprecated")


def make_links(rng, page, chapters, specs, spec_share):
    """5–10 links to headings of other pages, as Markdown: chapters by
    relative path, specs as `spec:N#id` (`spec_share` of them)."""
    here = os.path.dirname(page.src)
    citable = specs
    if getattr(page, "status", None) == "stable":
        citable = [sp for sp in specs if sp.status in CITABLE_BY_STABLE]
    out = []
    for _ in range(rng.randint(5, 10)):
        label = " ".join(rng.choices(VOCAB, k=rng.randint(1, 3)))
        if citable and rng.random() < spec_share:
            other = rng.choice(citable)
            if other is page and len(citable) > 1:
                other = citable[(citable.index(page) + 1) % len(citable)]
            _, _, hid, _ = rng.choice(other.headings)
            frag = "" if rng.random() < 0.3 else f"#{hid}"
            out.append(f"[{label}](spec:{other.number}{frag})")
            continue
        other = chapters[rng.randrange(len(chapters))]
        if other is page and len(chapters) > 1:
            other = chapters[(page.index + 1) % len(chapters)]
        _, text, hid, _ = rng.choice(other.headings)
        rel = os.path.relpath(other.src, here)
        out.append(f"[{label}]({rel}#{hid})")
    return out


def body_text(rng, headings, target_words, links, bcp14=False, start_words=0):
    """The sections under `headings`: paragraphs carrying `links`, and per
    section at most one table, code block, quote or list."""
    out, words = [], start_words
    extras = ["table", "code", "code", "quote", "list", "olist", "tasks"]
    rng.shuffle(extras)
    for idx, (level, head, hid, explicit) in enumerate(headings):
        out.append("#" * level + " " + head + (f" {{#{hid}}}" if explicit else ""))
        out.append("")
        # Spread the words over the sections; links go out early so all fit.
        remaining = max(1, len(headings) - idx)
        budget = max(40, (target_words - words) // remaining)
        while budget > 20:
            text, n = paragraph(rng, links, min(40, budget), min(120, max(40, budget)), bcp14)
            out += [text, ""]
            words += n
            budget -= n
        kind = extras.pop() if extras else rng.choice(
            ["none", "none", "list", "code", "olist", "quote", "table"]
        )
        if kind == "table":
            text, n = table(rng)
        elif kind == "code":
            text, n = code_block(rng)
        elif kind == "quote":
            text, n = paragraph(rng, min_words=15, max_words=50)
            text = "> " + text
        elif kind in ("list", "olist", "tasks"):
            text, n = a_list(rng, ordered=kind == "olist", tasks=kind == "tasks")
        else:
            continue
        out += [text, ""]
        words += n
    if links:  # any link not yet placed
        out += ["See also: " + ", ".join(links) + ".", ""]
    return out


def chapter_text(chapter, chapters, specs, rng):
    links = make_links(rng, chapter, chapters, specs, 0.15)
    desc = " ".join(rng.choices(VOCAB, k=rng.randint(8, 16)))
    out = [
        "---",
        f"title: {chapter.title}",
        f"description: {desc[:1].upper()}{desc[1:]}.",
        "---",
        "",
    ]
    text, n = paragraph(rng)
    out += [text, ""]
    out += body_text(rng, chapter.headings, chapter.target_words, links, start_words=n)
    return "\n".join(out)


SPEC_STATUSES = (["stable"] * 40) + (["draft"] * 35) + (["raw"] * 15) + (["deprecated"] * 10)

LICENSE = """Copyright (c) the Contributors as noted in the metadata. This
specification is subject to the terms of the Mozilla Public License,
version 2.0. If a copy of the MPL was not distributed with this file, you
can obtain one at <https://mozilla.org/MPL/2.0/>."""

LANGUAGE = """The key words "MUST", "MUST NOT", "REQUIRED", "SHALL", "SHALL NOT",
"SHOULD", "SHOULD NOT", "RECOMMENDED", "NOT RECOMMENDED", "MAY", and
"OPTIONAL" in this document are to be interpreted as described in BCP 14
(RFC 2119 and RFC 8174) when, and only when, they appear in all capitals,
as shown here."""


def person(rng):
    first, last = title_case([rng.choice(VOCAB)]), title_case([rng.choice(VOCAB)])
    return f"{first} {last} <{first.lower()}.{last.lower()}@example.org>"


class Spec:
    """The plan of one spec: number, COSS metadata and numbered headings."""

    def __init__(self, number, rng):
        self.number = number
        self.src = f"specs/{number}/README.md"
        self.shortname = f"{number}/{rng.choice(VOCAB).upper()}"
        self.name = title_case(rng.choices(VOCAB, k=rng.randint(2, 4)))
        self.title = f"{self.shortname} {self.name}"
        self.status = rng.choice(SPEC_STATUSES)
        self.editor = person(rng)
        self.obsoletes, self.obsoleted_by = [], []
        self.target_words = rng.randint(1500, 4000)
        self.headings, seen = [], {}
        add_heading(self.headings, seen, 2, "License")
        add_heading(self.headings, seen, 2, "Language")
        for s in range(max(3, self.target_words // 650)):
            add_heading(self.headings, seen, 2, f"{s + 1}. {title_case(rng.choices(VOCAB, k=rng.randint(1, 3)))}")
            for sub in range(rng.randint(1, 3)):
                add_heading(self.headings, seen, 3, f"{s + 1}.{sub + 1}. {title_case(rng.choices(VOCAB, k=rng.randint(1, 3)))}")


def plan_specs(count, rng):
    specs = [Spec(n, rng) for n in range(1, count + 1)]
    # A deprecated spec is replaced by the next draft or stable one.
    for sp in specs:
        if sp.status != "deprecated":
            continue
        nxt = next((o for o in specs[sp.number:] if o.status in ("draft", "stable")), None)
        if nxt is None:
            sp.status = "draft"
        else:
            sp.obsoleted_by.append(nxt.number)
            nxt.obsoletes.append(sp.number)
    return specs


def spec_text(spec, chapters, specs, rng):
    links = make_links(rng, spec, chapters, specs, 0.7)
    out = [
        "---",
        f"shortname: {spec.shortname}",
        f"name: {spec.name}",
        f"status: {spec.status}",
        f"editor: {spec.editor}",
    ]
    if rng.random() < 0.5:
        out += ["contributors:"] + [f"  - {person(rng)}" for _ in range(rng.randint(1, 3))]
    if spec.obsoletes:
        out.append(f"obsoletes: [{', '.join(map(str, spec.obsoletes))}]")
    if spec.obsoleted_by:
        out.append(f"obsoleted_by: [{', '.join(map(str, spec.obsoleted_by))}]")
    out += ["license: MPL-2.0", "---", ""]
    text, n = paragraph(rng, bcp14=True)
    citable = [o for o in specs if o is not spec and (spec.status != "stable" or o.status in CITABLE_BY_STABLE)]
    if citable and rng.random() < 0.5:
        text += f" This specification builds on {rng.choice(citable).shortname}."
    out += [text, ""]
    out += ["## License", "", LICENSE, "", "## Language", "", LANGUAGE, ""]
    out += body_text(rng, spec.headings[2:], spec.target_words, links, bcp14=True, start_words=n + 120)
    return "\n".join(out)


def summary_text(plans):
    out = ["# Summary", "", "[Introduction](intro.md)", ""]
    for i, ch in enumerate(plans):
        if i % PART_SIZE == 0:
            out += ["", f"# Part {i // PART_SIZE + 1}", ""]
        indent = "" if i % GROUP_SIZE == 0 else "  "
        out.append(f"{indent}- [{ch.title}]({ch.path})")
    return "\n".join(out) + "\n"


# Translation languages in order: tag, name, and how words change (the
# letters a–z map to these, else another vocabulary).
LANGUAGES = [
    ("ru", "Русский", "а б ц д е ф г х и й к л м н о п к р с т у в в кс ы з"),
    ("de", "Deutsch", None),
    ("ar", "العربية", "ا ب ت د ي ف غ ه ي ج ك ل م ن و ب ق ر س ت و ف و كس ي ز"),
    ("ja", "日本語", "ア ブ ク ド エ フ グ ハ イ ジ カ ル ム ン オ プ ク ル ス ト ウ ヴ ワ クス ユ ズ"),
    ("fr", "Français", None),
    ("el", "Ελληνικά", "α β ψ δ ε φ γ η ι ξ κ λ μ ν ο π κ ρ σ τ θ ω ω χ υ ζ"),
    ("es", "Español", None),
    ("uk", "Українська", "а б ц д є ф г х і ї к л м н о п к р с т у в в кс и з"),
    ("pt-BR", "Português", None),
    ("it", "Italiano", None),
    ("nl", "Nederlands", None),
    ("pl", "Polski", None),
]
VOCAB_SET = set(VOCAB)
# Kept as written: inline code, link destinations, {#ids}, autolinks, bare
# spec shortnames and all-caps words (BCP 14 keywords).
PROTECTED = re.compile(r"`[^`]*`|\]\([^)]*\)|\{#[^}]*\}|<[^>]*>|\b\d+/[A-Z]+\b|\b[A-Z]{2,}\b")
WORD = re.compile(r"[A-Za-z]+")
FM_TRANSLATED = ("title: ", "description: ", "name: ")


def word_map(tag, letters):
    if letters:
        table = dict(zip("abcdefghijklmnopqrstuvwxyz", letters.split(), strict=True))
        return {w: "".join(table[c] for c in w) for w in VOCAB}
    other = VOCAB[:]
    random.Random(f"lang-{tag}").shuffle(other)
    return dict(zip(VOCAB, other))


def translate_line(line, words):
    def word(m):
        w = m.group(0)
        t = words.get(w.lower())
        if t is None:
            return w
        return t[:1].upper() + t[1:] if w[:1].isupper() else t

    out, pos = [], 0
    for m in PROTECTED.finditer(line):
        out.append(WORD.sub(word, line[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(WORD.sub(word, line[pos:]))
    return "".join(out)


def translation(text, words, blob):
    """The translated page: front matter stamped, prose words replaced,
    code blocks kept."""
    lines = text.split("\n")
    out, in_fm, fence = [], False, False
    for i, line in enumerate(lines):
        if i == 0 and line == "---":
            in_fm = True
            out += [line, f"translated_from: {blob}"]
            continue
        if in_fm:
            if line == "---":
                in_fm = False
            elif line.startswith(FM_TRANSLATED):
                key, _, value = line.partition(": ")
                line = f"{key}: {translate_line(value, words)}"
            out.append(line)
            continue
        if line.lstrip().startswith("```"):
            fence = not fence
        out.append(line if fence or line.startswith("```") else translate_line(line, words))
    return "\n".join(out)


def blob_id(data):
    """git's blob id of these bytes (what `git hash-object` prints)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def stamp(pages, seed, specs=0, langs=0):
    return f"gen_site {GENERATOR_VERSION} pages={pages} specs={specs} langs={langs} seed={seed}\n"


def generate(out, pages, seed=1, quiet=False, specs=0, langs=0):
    """Writes the site into `out` (replacing it): `pages` chapters, `specs`
    specs, `langs` translation languages. Returns the number of words
    written."""
    if langs > len(LANGUAGES):
        raise ValueError(f"at most {len(LANGUAGES)} languages")
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "book"))
    plan_rng = random.Random(f"plan-{seed}-{pages}")
    plans = [Chapter(i, plan_rng) for i in range(pages)]
    spec_plans = plan_specs(specs, random.Random(f"specs-{seed}-{pages}-{specs}"))
    pages_written = []  # site-relative paths of the pages to translate

    def write(rel, text, page=True):
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        if page and langs and rel.endswith(".md"):
            pages_written.append(rel)

    config = (
        f"title: Bench {pages}\n"
        f"description: A synthetic site of {pages} chapters for benchmarks\n"
        "base_url: https://example.org/bench/\n"
    )
    if langs:
        config += "languages:\n" + "".join(f"  {t}: {{ name: {n} }}\n" for t, n, _ in LANGUAGES[:langs])
    write("charter.yaml", config, page=False)
    firsts = "\n".join(f"- [{p.title}](book/{p.path})" for p in plans[:10])
    if spec_plans:
        firsts += "\n\nThe [specifications](specs/README.md) are numbered, starting with [1](spec:1)."
    write(
        "index.md",
        f"---\ntitle: Bench {pages}\n---\n\nA synthetic handbook of {pages} chapters.\n\n"
        f"Start with the [introduction](book/intro.md) or one of these:\n\n{firsts}\n",
    )
    write(
        "book/intro.md",
        "---\ntitle: Introduction\n---\n\nThe chapters of this book are generated.\n",
    )
    write("book/SUMMARY.md", summary_text(plans), page=False)
    total = 0
    for ch in plans:
        text = chapter_text(ch, plans, spec_plans, random.Random(f"body-{seed}-{pages}-{ch.index}"))
        total += len(text.split())
        write(ch.src, text)
        if not quiet and (ch.index + 1) % 1000 == 0:
            print(f"  generated {ch.index + 1}/{pages}", file=sys.stderr)
    if spec_plans:
        write(
            "specs/README.md",
            "---\ntitle: Specifications\n---\n\nThe numbered specifications of this community, "
            "by status. Each one states its editor and its lifecycle.\n",
        )
    for sp in spec_plans:
        text = spec_text(sp, plans, spec_plans, random.Random(f"spec-{seed}-{pages}-{sp.number}"))
        total += len(text.split())
        write(sp.src, text)
    for tag, _, letters in LANGUAGES[:langs]:
        words = word_map(tag, letters)
        for rel in pages_written:
            with open(os.path.join(out, rel), "rb") as f:
                data = f.read()
            text = translation(data.decode("utf-8"), words, blob_id(data))
            total += len(text.split())
            write(os.path.join("translations", tag, rel), text, page=False)
        if not quiet:
            print(f"  translated into {tag}", file=sys.stderr)
    write(".gen-stamp", stamp(pages, seed, specs, langs), page=False)
    return total


def is_current(out, pages, seed, specs=0, langs=0):
    """True when `out` holds a complete site generated with these inputs."""
    try:
        with open(os.path.join(out, ".gen-stamp"), encoding="utf-8") as f:
            return f.read() == stamp(pages, seed, specs, langs)
    except OSError:
        return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=1000, help="number of chapters")
    ap.add_argument("--specs", type=int, default=0, help="number of specs (default 0)")
    ap.add_argument("--langs", type=int, default=0, help=f"translation languages, at most {len(LANGUAGES)} (default 0)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="output folder (default target/bench/site-N)")
    args = ap.parse_args()
    if args.pages < 1:
        ap.error("--pages must be at least 1")
    if args.specs < 0 or not 0 <= args.langs <= len(LANGUAGES):
        ap.error(f"--specs must be at least 0 and --langs between 0 and {len(LANGUAGES)}")
    out = args.out or os.path.join("target", "bench", f"site-{args.pages}")
    words = generate(out, args.pages, args.seed, specs=args.specs, langs=args.langs)
    print(f"{out}: {args.pages} chapters, {args.specs} specs, {args.langs} translations, {words} words")


if __name__ == "__main__":
    main()
