//! The registry of diagnostic codes and their explanations.

/// (code, one-line summary, explanation)
pub const CODES: &[(&str, &str, &str)] = &[
    (
        "yaml-syntax",
        "a YAML file or front matter block cannot be parsed",
        "\
charter.yaml or a page's front matter is not valid YAML, so charter cannot
read it. The location points at where the parser gave up.

Example:
    title: My site
    languages: { ru: { name: Русский }     # missing closing brace

Fix: correct the YAML at the reported line (check indentation, quotes and
brackets). Quote values that contain `: ` or start with `*`, `&`, `!`, `@`.

For front matter, `lints:` in charter.yaml can change its level, e.g.
`lints: { yaml-syntax: warn }` (the page's front matter is then ignored);
a charter.yaml that cannot be parsed is always an error.",
    ),
    (
        "unknown-key",
        "a key that charter does not know",
        "\
charter.yaml or a page's front matter has a key charter does not know. In
charter.yaml this is an error (a typo would silently do nothing); in front
matter it is a warning, so sites moved from other tools (Hugo's `weight:`,
`type:` …) still build.

Example:
    titel: My site          # did you mean `title`?

Fix: correct the spelling (the help names the closest known key) or remove
the key. Change its level with `lints:` in charter.yaml, e.g.
    lints: { unknown-key: allow }",
    ),
    (
        "config-type",
        "a charter.yaml value has the wrong type",
        "\
A key in charter.yaml holds a value of the wrong type, for example a list
where a string is expected.

Example:
    title: [My, site]       # title must be a string
    search: yes please      # search must be true or false

Fix: write a value of the type named in the message (see the charter.yaml
reference in the README). Change its level with `lints:` in charter.yaml,
e.g. `lints: { config-type: warn }`.",
    ),
    (
        "config-missing-key",
        "a required charter.yaml key is missing",
        "\
charter.yaml lacks a key that must be given. Today only `title` is required.

Example:
    description: Specifications of our community
    # no `title:`

Fix: add the key, e.g. `title: ZeroMQ RFC`. Change its level with `lints:`
in charter.yaml, e.g. `lints: { config-missing-key: warn }`.",
    ),
    (
        "config-value",
        "a charter.yaml value is not allowed",
        "\
A key in charter.yaml has the right type but a value charter cannot use: a
malformed URL, an unknown language tag, a version that does not exist.

Example:
    base_url: zeromq.github.io/rfc     # needs a scheme or a leading `/`
    versions: { default: v9 }          # no such version

Fix: use a value of the form described in the message. Change its level with
`lints:` in charter.yaml, e.g. `lints: { config-value: warn }`.",
    ),
    (
        "bad-glob",
        "a glob pattern in charter.yaml is invalid",
        "\
A glob in `ignore:` or `versions.refs:` cannot be parsed.

Example:
    ignore: [\"content/[menu/**\"]     # unclosed `[`

Fix: correct the pattern; `*` matches within a folder, `**` across folders,
`[abc]` a set of characters. Change its level with `lints:` in charter.yaml,
e.g. `lints: { bad-glob: warn }` (the pattern is then ignored).",
    ),
    (
        "frontmatter-type",
        "a front matter value has the wrong type",
        "\
A known front matter key holds a value of the wrong type.

Example:
    ---
    order: first       # order must be a number
    editors: 42        # editors must be a string or a list of strings
    ---

Fix: write a value of the expected type. Change its level with `lints:` in
charter.yaml, e.g. `lints: { frontmatter-type: warn }` (the value is then
ignored).",
    ),
    (
        "frontmatter-unclosed",
        "a front matter block is never closed",
        "\
The file starts with `---` (or `+++`) but no closing line follows, so the
whole file would be read as front matter.

Example:
    ---
    title: Why
    # Why we do this       <- the closing `---` is missing

Fix: add a line with only `---` after the front matter. If the file does
not have front matter and starts with a thematic break, put an empty line
before it. Change its level with `lints:` in charter.yaml, e.g.
`lints: { frontmatter-unclosed: warn }`.",
    ),
    (
        "frontmatter-toml",
        "TOML front matter (`+++`) is not supported",
        "\
The file starts with `+++`, Hugo's TOML front matter. charter reads YAML
front matter only.

Example:
    +++
    title = \"Why\"
    +++

Fix: convert it to YAML between `---` lines:
    ---
    title: Why
    ---
Change its level with `lints:` in charter.yaml, e.g.
`lints: { frontmatter-toml: warn }` (the block is then skipped).",
    ),
    (
        "summary-syntax",
        "a line of book/SUMMARY.md is not understood",
        "\
book/SUMMARY.md orders the handbook's chapters as a Markdown list of links.
A line that is neither a list item with a link, a heading, nor blank is
reported.

Example:
    - [Why](01-why.md)
    - Introduction.md        # not a link

Fix: write each entry as `- [Title](path.md)`, nested with indentation.
Change its level with `lints:` in charter.yaml, e.g.
`lints: { summary-syntax: warn }`.",
    ),
    (
        "summary-missing-file",
        "book/SUMMARY.md links to a file that does not exist",
        "\
An entry of book/SUMMARY.md names a chapter file that is not in the book
folder (or is ignored).

Example:
    - [Why](01-whyy.md)      # the file is 01-why.md

Fix: correct the path (relative to book/) or create the file. Change its
level with `lints:` in charter.yaml, e.g.
`lints: { summary-missing-file: warn }` (the entry is then skipped).",
    ),
    (
        "summary-duplicate",
        "book/SUMMARY.md lists a file twice",
        "\
The same chapter appears more than once in book/SUMMARY.md; a page has one
place in the navigation.

Example:
    - [Why](01-why.md)
    - [Why again](01-why.md)

Fix: remove one of the entries. Change its level with `lints:` in
charter.yaml, e.g. `lints: { summary-duplicate: warn }` (the first entry
wins).",
    ),
    (
        "not-in-summary",
        "a chapter is not listed in book/SUMMARY.md",
        "\
book/SUMMARY.md exists but does not list this chapter, so it has no place
in the navigation. It is still published, after the listed chapters.

Example:
    book/05-draft.md exists, SUMMARY.md lists only 01-why.md … 04-how.md

Fix: add `- [Title](05-draft.md)` to SUMMARY.md, or exclude the file with
`ignore:` in charter.yaml. Change its level with `lints:` in charter.yaml,
e.g. `lints: { not-in-summary: allow }`.",
    ),
    (
        "duplicate-url",
        "two source files would be published at the same URL",
        "\
Two files map to the same page URL, so one would overwrite the other.

Example:
    book/01-why.md and book/why.md both become /book/why/
    two chapters with `slug: why` in their front matter
    `aliases: [/book/how/]` on a page while book/how.md is a chapter

Fix: rename one of the files or give it another `slug:`; drop an alias
that is the address of a page or of another alias. Change its level
with `lints:` in charter.yaml, e.g. `lints: { duplicate-url: warn }` (the
first file wins).",
    ),
    (
        "broken-link",
        "a link points to a page or file that does not exist",
        "\
A link or image in the written site points to a page or file of this site
that does not exist. The location is the Markdown link that produced it;
links that come from a template are reported at the page's source file.
A link to a source file that could not be read (not UTF-8, say) is not
reported: that file's own error is.

Example:
    See [why](../book/whyy.md).            # no such chapter
    ![diagram](images/missing.png)

Fix: correct the path. When a page or file with a close name exists
where the link points (`01-why.md` for `01-whyy.md`, `images/flow.svg`
for `images/flw.svg`), the help names it. Relative links resolve against
the source file; links starting with `/` against the site root. Links
from templates: check
the overrides in templates/. Change its level with `lints:` in
charter.yaml, e.g. `lints: { broken-link: warn }` while migrating a site
with known broken links.",
    ),
    (
        "broken-anchor",
        "a link's `#fragment` is not an anchor of the target page",
        "\
A link's fragment names no `id` (or `<a name>`) on the page it points to.
Heading ids are derived from the heading text, so a renamed heading breaks
links to it.

Example:
    See [scope](why.md#scope)      # the heading is `## Scope and goals`,
                                   # its id is `scope-and-goals`

Fix: use an existing id (the help lists close ones) or add an explicit id to
the heading: `## Scope {#scope}`. Change its level with `lints:` in
charter.yaml, e.g. `lints: { broken-anchor: warn }`.",
    ),
    (
        "link-outside-base",
        "a root-relative link leaves the site's base path",
        "\
The site is served under a base path (the path of `base_url`, e.g. `/rfc/`)
and a link resolves to a URL outside it, which is another site on the same
host.

Example:
    base_url: https://zeromq.github.io/rfc/
    [logo](../../../logo.png)      # climbs above /rfc/

Fix: links in content that start with `/` are resolved against the site
root (they get the base path); write a path within the site, or a full URL
with `https://` for other sites. Change its level with `lints:` in
charter.yaml, e.g. `lints: { link-outside-base: warn }`.",
    ),
    (
        "invalid-utf8",
        "a text file is not valid UTF-8",
        "\
A Markdown, YAML or template file contains bytes that are not UTF-8, often
because it was saved in a legacy encoding (Latin-1, Windows-1251 …).

Example:
    book/01-why.md saved as Windows-1252 with `é` as byte 0xE9

Fix: re-save the file as UTF-8 (most editors offer \"Save with encoding\";
`iconv -f WINDOWS-1252 -t UTF-8`). Change its level with `lints:` in
charter.yaml, e.g. `lints: { invalid-utf8: warn }` (invalid bytes are then
replaced with U+FFFD).",
    ),
    (
        "io-error",
        "a file or folder could not be read or written",
        "\
The operating system refused to read or write a file: it is missing,
unreadable, a broken symbolic link, or the disk is full.

Example:
    static: [assets]        # but there is no assets/ folder

Fix: check the path and its permissions; the message carries the system's
reason. Change its level with `lints:` in charter.yaml, e.g.
`lints: { io-error: warn }`.",
    ),
    (
        "template-error",
        "a template cannot be parsed or rendered",
        "\
A theme template, or a site override in templates/, has a syntax error or
fails while rendering (an unknown variable, filter or function).

Example:
    templates/page.html:  {{ page.titel }}     # no such field
                          {% if x %}            # no {% endif %}

Fix: correct the template at the reported line; compare with the default
theme's template of the same name. Change its level with `lints:` in
charter.yaml, e.g. `lints: { template-error: warn }` (the page is then not
written).",
    ),
    (
        "spec-duplicate-number",
        "two specs have the same number",
        "\
Every spec has a unique number (from its path, `number:`, or a numeric
`slug:`); its URL is /spec/<N>/.

Example:
    specs/42/README.md and specs/42-c4.md
    specs/7/README.md with `number: 42`

Fix: renumber one of the specs (new specs take the next free number).
Change its level with `lints:` in charter.yaml, e.g.
`lints: { spec-duplicate-number: warn }` (the first spec wins).",
    ),
    (
        "spec-unknown-status",
        "a spec's status is not one of the lifecycle states",
        "\
A spec's `status:` must be one of raw, draft, stable, deprecated, retired,
deleted (case does not matter).

Example:
    ---
    status: final      # not a COSS status
    ---

Fix: use one of the known statuses. Change its level with `lints:` in
charter.yaml, e.g. `lints: { spec-unknown-status: warn }` (the spec is
then treated as raw).",
    ),
    (
        "spec-stable-no-editor",
        "a stable spec names no editor",
        "\
A stable spec must have an editor who is responsible for it.

Example:
    ---
    status: stable
    contributors: [Ann, Bob]     # no `editor:` or `editors:`
    ---

Fix: add `editor: Name <email>` (or a list under `editors:`). Change its
level with `lints:` in charter.yaml, e.g.
`lints: { spec-stable-no-editor: warn }`.",
    ),
    (
        "spec-missing-successor",
        "obsoletes / obsoleted_by names a spec that does not exist",
        "\
A spec's `obsoletes:` or `obsoleted_by:` (or `specs.obsoletes:` in
charter.yaml) names a spec number that no spec has, so the banner and the
registry cannot link to it.

Example:
    ---
    status: deprecated
    obsoleted_by: [99]     # there is no spec 99
    ---

Fix: correct the number, or publish the successor. Change its level with
`lints:` in charter.yaml, e.g. `lints: { spec-missing-successor: warn }`.",
    ),
    (
        "spec-refs-unstable",
        "a stable spec references a raw, retired or deleted spec",
        "\
A stable spec should only build on specs that are themselves usable. This
warning says a stable spec links to (or names, as `N/NAME`) a spec that is
raw, retired or deleted.

Example:
    specs/42 (stable):  \"... as defined in [ZMTP](spec:23)\"
    specs/23 has `status: retired`

Fix: reference the successor of the old spec, or move the referenced spec
forward. Change its level with `lints:` in charter.yaml, e.g.
`lints: { spec-refs-unstable: allow }` or `deny`.",
    ),
    (
        "i18n-outdated",
        "a translation is older than its source",
        "\
The translated file's `translated_from:` blob id is not the source file's
current one: the original changed after it was translated. Readers see a
banner linking to the original.

Example:
    translations/ru/book/01-why.md has `translated_from: 3b18e51`
    but book/01-why.md has changed since

Fix: `charter i18n diff ru book/01-why.md` shows what changed; update the
translation, then `charter i18n stamp ru book/01-why.md`. Change its level
with `lints:` in charter.yaml, e.g. `lints: { i18n-outdated: allow }`.",
    ),
    (
        "i18n-orphan",
        "a translation has no source file",
        "\
A file under translations/<lang>/ does not mirror any source file, usually
because the original was renamed or removed. It is not published.

Example:
    translations/ru/book/02-how.md, but book/02-how.md was renamed to
    book/02-method.md

Fix: move the translation to the source's new path (and re-stamp it), or
delete it. Change its level with `lints:` in charter.yaml, e.g.
`lints: { i18n-orphan: allow }`.",
    ),
    (
        "frontmatter-value",
        "a front-matter value has the right type but an impossible value",
        "\
A front-matter key holds a value charter cannot use, e.g. a
`translated_from:` that is not 7 to 64 hexadecimal digits.

Example:
    translated_from: last-week        # must be a git blob id

Fix: write the value in the documented form; for `translated_from`, run
`charter i18n stamp LANG PATH`. Change the level with `lints:`, e.g.
    lints: { frontmatter-value: warn }",
    ),
    (
        "i18n-outline",
        "a translation's headings do not line up with its source's",
        "\
Translated headings take the ids of the source page's headings by
position, so `#anchors` work in every language. When the translation has a
heading more or less, or at another level, headings from that point on keep
their own ids and links to the source's anchors may break.

Example: the source has `## Goals` then `## Design`; the translation has
only `## Цели`.

Fix: translate every heading of the source, in the same order and at the
same levels. Change the level with `lints:`, e.g.
    lints: { i18n-outline: allow }",
    ),
    (
        "spec-missing-name",
        "a spec has no `name:`",
        "\
A spec's front matter has no `name:` (its title), so its shortname is shown
in its place.

Example:
    shortname: 32/Z85
    status: stable                    # no name: line

Fix: add `name: ZeroMQ Base-85 Encoding`. Change the level with `lints:`,
e.g. `lints: { spec-missing-name: allow }`.",
    ),
    (
        "spec-missing-status",
        "a spec has no `status:`",
        "\
A spec's front matter has no `status:`; it is treated as raw.

Example:
    shortname: 7/MDP
    name: Majordomo Protocol          # no status: line

Fix: add `status: raw` (or draft, stable, deprecated, retired, deleted).
Change the level with `lints:`, e.g. `lints: { spec-missing-status: deny }`.",
    ),
    (
        "spec-no-number",
        "a spec file has no number",
        "\
A file in the specs folder looks like a spec (it has `status:` or
`shortname:`) but neither its path nor its front matter gives a number.

Example: specs/draft-ideas/README.md with `status: raw`

Fix: name the folder or file after the number (`specs/42/README.md`,
`specs/42-name.md`) or add `number: 42`. Change the level with `lints:`.",
    ),
    (
        "spec-number-mismatch",
        "a spec's path and front matter name different numbers",
        "\
The path says one number (`specs/6/README.md`) and `number:` or a numeric
`slug:` says another. The path wins.

Example: specs/6/README.md with `number: 5`

Fix: move the file or correct the front matter. Change the level with
`lints:`, e.g. `lints: { spec-number-mismatch: warn }`.",
    ),
    (
        "spec-obsoletes-cycle",
        "supersession forms a cycle",
        "\
Specs obsolete each other in a circle (42 obsoletes 22, 22 obsoletes 42),
which cannot describe a history.

Example: specs/42 has `obsoletes: [22]` and specs/22 has `obsoletes: [42]`.

Fix: remove the `obsoletes:`/`obsoleted_by:` entry (or `specs.obsoletes` in
charter.yaml) that closes the circle. Change the level with `lints:`.",
    ),
    (
        "spec-obsoletes-mismatch",
        "two specs disagree about which replaces which",
        "\
Spec A says `obsoletes: [B]`, but B says `obsoleted_by:` some other spec and
not A. One side implies the other, so they must agree.

Example: 42 says `obsoletes: [22]`, 22 says `obsoleted_by: [44]`.

Fix: add A to B's `obsoleted_by:`, or correct A's `obsoletes:`. Change the
level with `lints:`.",
    ),
    (
        "spec-prose-supersession",
        "the text says a spec replaces another, the metadata does not",
        "\
A spec's prose says \"deprecates RFC 22\", \"obsoletes 22\" or \"superseded by
spec:42\", but its front matter (and `specs.obsoletes`) states no such
supersession, so readers get no banner and no links.

Example: 42/C4 says \"This is revision 2 of the C4 specification and
deprecates RFC 22.\" and has no `obsoletes:` line.

Fix: add `obsoletes: [22]` to the newer spec's front matter, or
`specs: { obsoletes: { 42: [22] } }` to charter.yaml when the spec files
cannot be edited. Change the level with `lints:`, e.g.
    lints: { spec-prose-supersession: allow }",
    ),
    (
        "spec-unknown-reference",
        "supersession names a spec that does not exist",
        "\
`obsoletes:`, `obsoleted_by:` or `specs.obsoletes` names a spec number
that no file has (or that is deleted).

Example: `obsoletes: [99]` when there is no spec 99.

Fix: correct the number or add the spec. Change the level with `lints:`.",
    ),
    (
        "search-index",
        "the search index could not be built, or a page left out of it",
        "\
charter indexes every page for the search box (Pagefind, one index per
language under pagefind/). As an error: the index as a whole could not be
built, and the build fails. As a warning: one page could not be read by
the indexer; it is published, but search will not find it.

Example: warning[search-index]: /book/notes/ is left out of the search index.

Fix: report the problem with the page that triggers it. Meanwhile
`search: false` in charter.yaml builds without search, and `search: false`
in a page's front matter leaves that page out of the index. Change the
level of the warning with `lints:`, e.g.
    lints: { search-index: allow }",
    ),
    (
        "underscore-path",
        "an output path starts with `_`",
        "\
A page or file would be published at a path with a part starting with `_`.
GitHub Pages (Jekyll) and some other hosts hide such paths.

Example: book/_notes.md would be published at /book/_notes/.

Fix: rename the file or give the page a `slug:` without the underscore.
Change the level with `lints:`.",
    ),
    (
        "unsafe-output",
        "the output folder is not one a build may replace",
        "\
`-o` names a folder that contains the site (or charter.yaml), one that
is, holds or sits in a folder the site reads (the book, the specs, a
`static:` folder, `translations/` or `templates/`), a file, or a folder of
files that is not a charter build's output (it has no `charter-nav.js`,
which every build writes at its root). Builds replace the output folder
as a whole, and `clean` removes it, so charter refuses. Symlinks are
followed: an output folder that is a symlink is built where it points.
A `.git` at the output's top (a clone or worktree of a `gh-pages`
branch) is not counted, and builds and `clean` keep it.

Example: `charter build -o .`, `charter build -o book` or
`charter build -o ~/Documents`.

Fix: build into a folder of its own, e.g. `-o public`: a new or empty
one, or a previous build's. This is always an error; `lints:` cannot
change it.",
    ),
    (
        "duplicate-id",
        "two headings of a page have the same id",
        "\
Two headings of one page are written with the same explicit id, so both
carry it and links to `#id` can only reach the first.

Example:
    ## Goals {#scope}
    ## Scope {#scope}

Fix: give one of the headings another `{#id}`, or drop the `{#id}` to let
charter derive a unique one from the heading's words. Change the level with
`lints:`, e.g. `lints: { duplicate-id: allow }`.",
    ),
    (
        "unsafe-path",
        "a file would be read from outside the site",
        "\
A file in a `static:` folder is a symbolic link to something outside that
folder, a Markdown source is a symbolic link to a file outside the site, or
SUMMARY.md lists a chapter outside the book folder. charter never reads or
publishes files from outside the site's folders.

Example: static/logo.svg -> /home/me/logo.svg
Example: book/SUMMARY.md lists `- [Notes](../../notes.md)`

Fix: copy the file into the site instead of linking to it, and list only
chapters inside the book folder. Change the level with `lints:`, e.g.
`lints: { unsafe-path: warn }` (the file is then left out).",
    ),
    (
        "internal-error",
        "charter itself failed while building",
        "\
A build stopped because of a bug in charter (a panic), not because of the
site. `charter serve` reports it and keeps serving the last good site.

Example: a rebuild in `charter serve` panics on some input.

Fix: please report it with the input that triggers it. Changing its level
with `lints:` is possible (`lints: { internal-error: warn }`) but hides a
build that did not finish.",
    ),
    (
        "i18n-unknown-language",
        "a translations folder names a language the site does not configure",
        "\
Each folder under `translations/` must be a language listed in `languages:`
in charter.yaml; otherwise its files would never be published.

Example: translations/rus/ when charter.yaml says `languages: { ru: … }`.

Fix: rename the folder to the configured tag, or add the language:
    languages:
      rus: { name: Русский }
Change the level with `lints:`, e.g. `lints: { i18n-unknown-language: warn }`.",
    ),
    (
        "i18n-missing-string",
        "a UI string has no text in a language",
        "\
A message of the theme's UI strings (Fluent, themes/default/i18n/en.ftl is
the full list) has no text in a configured language, so readers of that
language see the source language's text there. Reported once per language and
message when the site is built.

Example:
    translations/de/ui.ftl has `next = Weiter` but no `previous = …`

Fix: add the message to translations/<tag>/ui.ftl, e.g. `previous = Zurück`
(the theme ships en, ru and ar complete). Change its level with `lints:` in
charter.yaml, e.g. `lints: { i18n-missing-string: allow }`.",
    ),
    (
        "i18n-ftl-syntax",
        "a Fluent UI-strings file cannot be parsed",
        "\
A translations/<tag>/ui.ftl file is not valid Fluent. The location is where
the parser gave up; the messages that parse are still used.

Example:
    next Далее                 # `=` is missing
    translated-by = { $name    # `}` is missing

Fix: write messages as `key = text`; indent continuation lines; close every
`{ … }` (see https://projectfluent.org/fluent/guide/). Change its level with
`lints:` in charter.yaml, e.g. `lints: { i18n-ftl-syntax: warn }`.",
    ),
    (
        "i18n-no-source",
        "an i18n command names a file that is not a source page",
        "\
`charter i18n stamp` and `charter i18n diff` take the path of a source page
as it is in the site (the home page, a chapter, a spec), and this path is none
of them.

Example:
    charter i18n stamp ru book/02-proces.md     # typo: 02-process.md

Fix: use the path `charter i18n status` lists in its first column. Change its
level with `lints:` in charter.yaml, e.g. `lints: { i18n-no-source: warn }`.",
    ),
    (
        "new-value",
        "`charter new` cannot make the spec or chapter asked for",
        "\
`charter new spec NAME` and `charter new chapter TITLE` write a new file;
they refuse a name or title that is empty or spans lines, a shortname that
is not letters, digits, `-`, `_` and `.`, a spec number already in use
(deleted specs included), and a file that exists already.

Example:
    charter new spec \"Voting\" --number 42    # spec 42 exists
    charter new spec \"Voting\" --shortname a/b

Fix: leave out `--number` to take the next free number, or choose another
title. This is always an error; `lints:` cannot change it.",
    ),
    (
        "i18n-missing",
        "a page has no translation file",
        "\
The page has no translation into the language yet, so there is nothing to
stamp or compare. Readers of that language see the original with a notice.

Example:
    charter i18n stamp ru book/03-c4.md
    but translations/ru/book/03-c4.md does not exist

Fix: create the translation at the named path (start from a copy of the
source), translate it, then stamp it. Change its level with `lints:` in
charter.yaml, e.g. `lints: { i18n-missing: allow }`.",
    ),
    (
        "i18n-unstamped",
        "a translation does not say which version of the source it translates",
        "\
The translation has no `translated_from:` in its front matter, so charter
cannot tell whether the original changed after it was translated.

Example:
    translations/ru/book/01-why.md starts with `# Почему` and no front matter

Fix: if the translation matches the current source, run
`charter i18n stamp ru book/01-why.md`. Change its level with `lints:` in
charter.yaml, e.g. `lints: { i18n-unstamped: allow }`.",
    ),
    (
        "i18n-git",
        "git cannot give the stamped version of a source",
        "\
`charter i18n diff` reads the old text of the source from git
(`git cat-file blob <translated_from>`), and git could not give it: git is
not installed, the site is not a git repository, or the repository does not
have that version (a shallow clone, or a stamp for a version never committed).

Example:
    translated_from: 3b18e51    # but `git cat-file blob 3b18e51` fails

Fix: install git; in a shallow clone, `git fetch --unshallow`; stamp
translations right after translating and commit source and translation
together. Change its level with `lints:` in charter.yaml, e.g.
`lints: { i18n-git: warn }`.",
    ),
    (
        "bad-slug",
        "a `slug:` that cannot be a URL path in the book",
        "\
A page's `slug:` is empty, or has a `..`, `.` or empty part, or a character
a URL path cannot hold. Such a slug could place the page outside the book (or
the output folder), so charter ignores it and uses the file name.

Example:
    slug: ../../escape

Fix: write words joined by `-`, and `/` for nesting: `slug: how-we-work`.
Change the level with `lints:`, e.g. `lints: { bad-slug: warn }`.",
    ),
    (
        "version-git",
        "`versions:` cannot read the site's versions from git",
        "\
`versions:` in charter.yaml builds every version of the site from git tags
and branches, and git could not give them: the site is not in a git
repository, git is not installed, or a matching ref does not hold the site's
folder (for example a tag older than the site).

Example:
    versions: { refs: [\"v*\"] }      # in a folder that is not a git repository

Fix: run charter inside the repository (in CI, check out with
`fetch-depth: 0` so tags are there), narrow `versions.refs` to refs that hold
the site, or remove `versions:`. `lints: { version-git: warn }` builds the
other versions and leaves the unreadable ones out.",
    ),
    (
        "version-no-match",
        "a `versions.refs` glob matches no tag or branch",
        "\
A glob in `versions.refs` matches no git tag or branch, so it adds no
version. Often the tags were not fetched: GitHub's checkout action fetches
one commit and no tags unless told `fetch-depth: 0`.

Example:
    versions: { refs: [\"release-*\"] }   # but the tags are v1.0, v2.0

Fix: fix the glob, tag a release (`git tag v1.0`), or fetch tags in CI.
Change its level with `lints:`, e.g. `lints: { version-no-match: allow }`.",
    ),
    (
        "version-name",
        "a version name that cannot be a URL path segment",
        "\
Each version is served under `/<version>/`, named after its ref (or
`versions.current`). The name must be one safe path segment — letters,
digits, `.`, `-`, `_`, `+`, not starting with `.`, `-` or `_` — and must not
be a name the site uses itself (`book`, `spec`, `i18n`, `assets`,
`pagefind`) or a language tag.

Example:
    versions: { refs: [\"*\"] }     # matches the branch feature/search

Fix: narrow `versions.refs` to release tags (`v*`), or rename the ref.
`lints: { version-name: warn }` leaves such versions out with a warning.",
    ),
    (
        "version-duplicate",
        "two refs give the same version name",
        "\
Two matching refs have the same short name (a tag `v1.0` and a branch
`v1.0`), or a ref has the name of `versions.current`. One URL cannot serve
both.

Example:
    versions: { refs: [\"v*\"], current: v1.0 }   # and a tag v1.0 exists

Fix: rename one of them, or narrow `versions.refs` so only one matches.
`lints: { version-duplicate: warn }` keeps the first and warns.",
    ),
    (
        "version-default",
        "`versions.default` names no version",
        "\
`versions.default` picks the version served at the site root. It must be the
name of one of the versions, or `latest` (the highest semantic-version tag
that is not a pre-release; the default).

Example:
    versions: { refs: [\"v*\"], default: v1.1 }   # but the tags are v1.0, v2.0

Fix: name an existing version, or write `default: latest`.
`lints: { version-default: warn }` serves the newest version at the root instead.",
    ),
];

/// Every registered code as (code, one-line summary, explanation).
pub fn all() -> &'static [(&'static str, &'static str, &'static str)] {
    CODES
}

/// The registered code with this name (as a `'static` string).
pub fn lookup(code: &str) -> Option<&'static str> {
    CODES.iter().find(|c| c.0 == code).map(|c| c.0)
}

/// The explanation of a code, for `charter explain CODE`.
pub fn explain(code: &str) -> Option<&'static str> {
    CODES.iter().find(|c| c.0 == code).map(|c| c.2)
}

/// The one-line summary of a code.
pub fn summary(code: &str) -> Option<&'static str> {
    CODES.iter().find(|c| c.0 == code).map(|c| c.1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn is_kebab(s: &str) -> bool {
        !s.is_empty()
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--")
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    }

    #[test]
    fn codes_are_kebab_case_and_unique() {
        let mut seen = BTreeSet::new();
        for (code, summary, explanation) in all() {
            assert!(is_kebab(code), "{code} is not kebab-case");
            assert!(seen.insert(*code), "{code} is listed twice");
            assert!(!summary.is_empty() && !summary.ends_with('.'), "{code}");
            assert!(explanation.contains("Example"), "{code}: no example");
            assert!(explanation.contains("lints:"), "{code}: no lints hint");
        }
    }

    #[test]
    fn known_codes_are_registered() {
        for code in [
            "yaml-syntax",
            "unknown-key",
            "config-type",
            "config-missing-key",
            "config-value",
            "bad-glob",
            "frontmatter-type",
            "frontmatter-unclosed",
            "frontmatter-toml",
            "summary-syntax",
            "summary-missing-file",
            "summary-duplicate",
            "not-in-summary",
            "duplicate-url",
            "broken-link",
            "broken-anchor",
            "link-outside-base",
            "invalid-utf8",
            "io-error",
            "template-error",
            "spec-duplicate-number",
            "spec-unknown-status",
            "spec-stable-no-editor",
            "spec-missing-successor",
            "spec-refs-unstable",
            "i18n-outdated",
            "i18n-orphan",
            "i18n-unknown-language",
            "i18n-missing-string",
            "i18n-ftl-syntax",
            "i18n-no-source",
            "i18n-missing",
            "i18n-unstamped",
            "i18n-git",
            "frontmatter-value",
        ] {
            assert!(explain(code).is_some(), "{code} missing");
            assert!(summary(code).is_some(), "{code} missing");
        }
        assert_eq!(explain("no-such-code"), None);
    }
}
