# UI strings of the default theme: Russian. The same keys as en.ftl.

## Page chrome

skip-to-content = Перейти к содержанию
nav-primary = Сайт
nav-handbook = Руководство
nav-specs = Спецификации
nav-chapters = Главы
menu = Меню
close-menu = Закрыть меню
toggle-theme = Светлая или тёмная тема
on-this-page = На этой странице
previous = Назад
next = Далее
edit-this-page = Редактировать страницу
not-found-title = Страница не найдена
not-found-text = Страницы, которую вы ищете, не существует, или она была перемещена.
not-found-suggestion = Возможно, вы искали:
back-home = На главную страницу
search-placeholder = Поиск…
built-with = Сделано с помощью
home = Главная
page-navigation = Навигация по страницам
language = Язык
version = Версия

## Search box
# $term: what the reader typed; $count: a number of results

search-label = Поиск по сайту
search-loading = Ищем…
search-no-results = По запросу «{ $term }» ничего не найдено.
search-results-count = Найдено: { $count }
search-unavailable = Не удалось загрузить поиск.
search-results = Результаты поиска
search-filter-status = Отбор спецификаций по статусу

## Spec status names and metadata

status-raw = сырая
status-draft = черновик
status-stable = стабильная
status-deprecated = устаревшая
status-retired = выведена из обращения
status-deleted = удалена
spec-editors = Редактор
spec-contributors = Участники
spec-license = Лицензия
spec-obsoletes = Заменяет
spec-obsoleted-by = Заменена
spec-referenced-by = На неё ссылаются

## Spec registry

registry-filter = Фильтр
registry-filter-placeholder = Номер, название или редактор
registry-number = №
registry-shortname = Краткое имя
registry-name = Название
registry-editor = Редактор
registry-no-match = Нет подходящих спецификаций.

## Translations: banners and credits

banner-outdated = Оригинал изменился после того, как был сделан этот перевод.
banner-outdated-link = Читать оригинал ({ $language })
banner-fallback = Эта страница ещё не переведена; она показана на языке оригинала.
banner-fallback-link = Читать на языке оригинала ({ $language })
help-translate = Помочь с переводом
translated-by = Перевод: { $translators }
translated-by-from = Перевод: { $translators }; автор оригинала: { $author }
translated-from = Автор оригинала: { $author }
language-switcher = Выбор языка

## Translation dashboard (/i18n/)

i18n-title = Переводы
i18n-intro = Состояние каждого перевода, страница за страницей. Устаревшие страницы переведены с более ранней версии оригинала.
i18n-percent-up-to-date = актуально: { $percent }%
i18n-page-count = { $count ->
    [one] { $count } страница
    [few] { $count } страницы
    [many] { $count } страниц
   *[other] { $count } страницы
}
i18n-page = Страница
i18n-state = Состояние
i18n-original = Оригинал
i18n-translation = Перевод
i18n-edit = Редактировать
i18n-translators = Переводчики
i18n-all-up-to-date = Все страницы переведены, переводы актуальны.
i18n-state-up-to-date = актуален
i18n-state-outdated = устарел
i18n-state-missing = отсутствует
i18n-state-unstamped = без отметки

## Versions
# $version: the version being read, e.g. "v1.0"; $current: the default version

banner-old-version = Вы читаете версию { $version }; текущая версия — { $current }.
banner-old-version-link = Открыть эту страницу в версии { $current }
banner-old-version-home = Перейти к версии { $current }
version-switcher = Выбрать версию
version-current = текущая

copy-code = Копировать
copy-code-done = Скопировано

alert-note = Примечание
alert-tip = Совет
alert-important = Важно
alert-warning = Предупреждение
alert-caution = Осторожно

task-done = Выполнено
task-todo = Не выполнено
