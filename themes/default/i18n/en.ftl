# UI strings of the default theme: English, the reference set of keys.
# Fluent syntax (https://projectfluent.org). Every shipped language has every
# key of this file; a site overrides single messages in
# translations/<tag>/ui.ftl. Templates call t(key="…", arg=…).

## Page chrome

skip-to-content = Skip to content
nav-primary = Site
nav-handbook = Handbook
nav-specs = Specs
nav-chapters = Chapters
menu = Menu
close-menu = Close menu
toggle-theme = Toggle light/dark theme
on-this-page = On this page
previous = Previous
next = Next
edit-this-page = Edit this page
not-found-title = Page not found
not-found-text = The page you are looking for does not exist, or it has moved.
not-found-suggestion = Perhaps you were looking for:
back-home = Back to the home page
search-placeholder = Search…
built-with = Built with
home = Home
page-navigation = Page navigation
language = Language
version = Version

## Search box
# $term: what the reader typed; $count: a number of results

search-label = Search this site
search-loading = Searching…
search-no-results = Nothing found for “{ $term }”.
search-results-count = Results: { $count }
search-unavailable = Search could not be loaded.
search-results = Search results
search-filter-status = Filter specs by status

## Spec status names and metadata

status-raw = raw
status-draft = draft
status-stable = stable
status-deprecated = deprecated
status-retired = retired
status-deleted = deleted
spec-editors = Editor
spec-contributors = Contributors
spec-license = License
spec-obsoletes = Obsoletes
spec-obsoleted-by = Obsoleted by
spec-referenced-by = Referenced by

## Spec registry

registry-filter = Filter
registry-filter-placeholder = Number, name or editor
registry-number = No.
registry-shortname = Shortname
registry-name = Name
registry-editor = Editor
registry-no-match = No specification matches.

## Translations: banners and credits
# $language: the name of a language, e.g. "English"
# $translators, $author: names, already joined with commas

banner-outdated = The original has changed since this translation was made.
banner-outdated-link = Read the original ({ $language })
banner-fallback = This page has not been translated yet; it is shown in the original language.
banner-fallback-link = Read it in { $language }
help-translate = Help translate it
translated-by = Translated by { $translators }
translated-by-from = Translated by { $translators } from the original by { $author }
translated-from = Translated from the original by { $author }
language-switcher = Choose a language

## Translation dashboard (/i18n/)
# $percent: a whole number 0–100; $count: a number of pages

i18n-title = Translations
i18n-intro = How far each translation is, page by page. Outdated pages were translated from an older version of the original.
i18n-percent-up-to-date = { $percent }% up to date
i18n-page-count = { $count ->
    [one] { $count } page
   *[other] { $count } pages
}
i18n-page = Page
i18n-state = State
i18n-original = Original
i18n-translation = Translation
i18n-edit = Edit
i18n-translators = Translators
i18n-all-up-to-date = Every page is translated and up to date.
i18n-state-up-to-date = up to date
i18n-state-outdated = outdated
i18n-state-missing = missing
i18n-state-unstamped = unstamped

## Versions
# $version: the version being read, e.g. "v1.0"; $current: the default version

banner-old-version = You are reading version { $version }; the current version is { $current }.
banner-old-version-link = Read this page in { $current }
banner-old-version-home = Go to { $current }
version-switcher = Choose a version
version-current = current

# The button on code blocks, and what it says once the code is copied.
copy-code = Copy
copy-code-done = Copied

# The titles of GitHub alerts in Markdown (> [!NOTE] …).
alert-note = Note
alert-tip = Tip
alert-important = Important
alert-warning = Warning
alert-caution = Caution

# What a task list's checkbox (- [x] / - [ ]) says to a screen reader.
task-done = Done
task-todo = To do
