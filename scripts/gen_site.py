#!/usr/bin/env python3
"""Generates a synthetic charter site for benchmarks (stdlib only).

usage: scripts/gen_site.py [--pages N] [--seed S] [--out DIR]

Writes DIR (default target/bench/site-N) with charter.yaml, index.md,
book/SUMMARY.md (parts of 50 chapters, nested five deep), and N chapters at
book/part-PP/ch-NNNNN.md of 1,500–4,000 words each: front matter, headings on
three levels (some with explicit `{#id}`), paragraphs with inline markup,
lists, a task list, a table, a blockquote, fenced code in rust, python, c,
sh and yaml, and 5–10 links to other chapters' headings whose ids really
exist (computed exactly as charter computes them). The output depends only
on N and the seed.
"""
import argparse
import os
import random
import shutil
import sys

# Bump when the output changes, so that cached sites are regenerated.
GENERATOR_VERSION = "1"
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
    alphanumerics kept, runs of whitespace/`-`/`_` to one `-`, other
    punctuation dropped, no leading or trailing `-`."""
    out, dash = [], False
    for ch in text:
        if ch.isalnum():
            out.append(ch.lower())
            dash = False
        elif out and not dash and (ch.isspace() or ch in "-_"):
            out.append("-")
            dash = True
    while out and out[-1] == "-":
        out.pop()
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
        if rng.random() < 0.15:
            hid = f"h-{len(self.headings) + 1}"
            self.headings.append((level, text, hid, True))
            seen[hid] = seen.get(hid, 0) + 1
            return
        # Ids as the renderer assigns them: slug of the plain text, then
        # de-duplicated x, x-1, x-2 in document order.
        base = slugify(text.replace("`", ""))
        count = seen.get(base, 0)
        seen[base] = count + 1
        hid = base if count == 0 else f"{base}-{count}"
        self.headings.append((level, text, hid, False))


def title_case(words):
    s = " ".join(words)
    return s[:1].upper() + s[1:]


def sentence(rng, links=None):
    words = rng.choices(VOCAB, k=rng.randint(6, 18))
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


def paragraph(rng, links=None, min_words=40, max_words=120):
    out, n = [], 0
    target = rng.randint(min_words, max_words)
    while n < target:
        s = sentence(rng, links if links and rng.random() < 0.3 else None)
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


def make_links(rng, chapter, plans):
    """5–10 links to headings of other chapters, as Markdown."""
    here = os.path.dirname(chapter.path)
    out = []
    for _ in range(rng.randint(5, 10)):
        other = plans[rng.randrange(len(plans))]
        if other is chapter and len(plans) > 1:
            other = plans[(chapter.index + 1) % len(plans)]
        _, text, hid, _ = rng.choice(other.headings)
        rel = os.path.relpath(other.path, here)
        label = " ".join(rng.choices(VOCAB, k=rng.randint(1, 3)))
        out.append(f"[{label}]({rel}#{hid})")
    return out


def chapter_text(chapter, plans, rng):
    links = make_links(rng, chapter, plans)
    desc = " ".join(rng.choices(VOCAB, k=rng.randint(8, 16)))
    out = [
        "---",
        f"title: {chapter.title}",
        f"description: {desc[:1].upper()}{desc[1:]}.",
        "---",
        "",
    ]
    words = 0
    text, n = paragraph(rng)
    out += [text, ""]
    words += n
    extras = ["table", "code", "code", "quote", "list", "olist", "tasks"]
    rng.shuffle(extras)
    for idx, (level, head, hid, explicit) in enumerate(chapter.headings):
        out.append("#" * level + " " + head + (f" {{#{hid}}}" if explicit else ""))
        out.append("")
        # Spread the words over the sections; links go out early so all fit.
        remaining = max(1, len(chapter.headings) - idx)
        budget = max(40, (chapter.target_words - words) // remaining)
        while budget > 20:
            text, n = paragraph(rng, links, min(40, budget), min(120, max(40, budget)))
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
    return "\n".join(out)


def summary_text(plans):
    out = ["# Summary", "", "[Introduction](intro.md)", ""]
    for i, ch in enumerate(plans):
        if i % PART_SIZE == 0:
            out += ["", f"# Part {i // PART_SIZE + 1}", ""]
        indent = "" if i % GROUP_SIZE == 0 else "  "
        out.append(f"{indent}- [{ch.title}]({ch.path})")
    return "\n".join(out) + "\n"


def stamp(pages, seed):
    return f"gen_site {GENERATOR_VERSION} pages={pages} seed={seed}\n"


def generate(out, pages, seed=1, quiet=False):
    """Writes the site into `out` (replacing it). Returns the number of
    words written."""
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "book"))
    plan_rng = random.Random(f"plan-{seed}-{pages}")
    plans = [Chapter(i, plan_rng) for i in range(pages)]

    def write(rel, text):
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    write(
        "charter.yaml",
        f"title: Bench {pages}\n"
        f"description: A synthetic site of {pages} chapters for benchmarks\n"
        "base_url: https://example.org/bench/\n",
    )
    firsts = "\n".join(f"- [{p.title}](book/{p.path})" for p in plans[:10])
    write(
        "index.md",
        f"---\ntitle: Bench {pages}\n---\n\nA synthetic handbook of {pages} chapters.\n\n"
        f"Start with the [introduction](book/intro.md) or one of these:\n\n{firsts}\n",
    )
    write(
        "book/intro.md",
        "---\ntitle: Introduction\n---\n\nThe chapters of this book are generated.\n",
    )
    write("book/SUMMARY.md", summary_text(plans))
    total = 0
    for ch in plans:
        text = chapter_text(ch, plans, random.Random(f"body-{seed}-{pages}-{ch.index}"))
        total += len(text.split())
        write("book/" + ch.path, text)
        if not quiet and (ch.index + 1) % 1000 == 0:
            print(f"  generated {ch.index + 1}/{pages}", file=sys.stderr)
    write(".gen-stamp", stamp(pages, seed))
    return total


def is_current(out, pages, seed):
    """True when `out` holds a complete site generated with these inputs."""
    try:
        with open(os.path.join(out, ".gen-stamp"), encoding="utf-8") as f:
            return f.read() == stamp(pages, seed)
    except OSError:
        return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=1000, help="number of chapters")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="output folder (default target/bench/site-N)")
    args = ap.parse_args()
    if args.pages < 1:
        ap.error("--pages must be at least 1")
    out = args.out or os.path.join("target", "bench", f"site-{args.pages}")
    words = generate(out, args.pages, args.seed)
    print(f"{out}: {args.pages} chapters, {words} words")


if __name__ == "__main__":
    main()
