# UI strings of the default theme: Arabic. The same keys as en.ftl.

## Page chrome

skip-to-content = انتقل إلى المحتوى
nav-primary = الموقع
nav-handbook = الدليل
nav-specs = المواصفات
nav-chapters = الفصول
menu = القائمة
close-menu = أغلق القائمة
toggle-theme = بدّل بين المظهر الفاتح والداكن
on-this-page = في هذه الصفحة
previous = السابق
next = التالي
edit-this-page = حرّر هذه الصفحة
not-found-title = الصفحة غير موجودة
not-found-text = الصفحة التي تبحث عنها غير موجودة، أو نُقلت إلى مكان آخر.
not-found-suggestion = ربما كنت تبحث عن:
back-home = العودة إلى الصفحة الرئيسية
search-placeholder = ابحث…
built-with = صُنع باستخدام
home = الرئيسية
page-navigation = التنقل بين الصفحات
language = اللغة
version = الإصدار

## Search box
# $term: what the reader typed; $count: a number of results

search-label = ابحث في هذا الموقع
search-loading = جارٍ البحث…
search-no-results = لا نتائج لـ «{ $term }».
search-results-count = النتائج: { $count }
search-unavailable = تعذّر تحميل البحث.
search-results = نتائج البحث
search-filter-status = تصفية المواصفات حسب الحالة

## Spec status names and metadata

status-raw = أولية
status-draft = مسودة
status-stable = مستقرة
status-deprecated = متقادمة
status-retired = متقاعدة
status-deleted = محذوفة
spec-editors = المحرر
spec-contributors = المساهمون
spec-license = الترخيص
spec-obsoletes = تحل محل
spec-obsoleted-by = حلّت محلها
spec-referenced-by = تشير إليها

## Spec registry

registry-filter = تصفية
registry-filter-placeholder = الرقم أو الاسم أو المحرر
registry-number = الرقم
registry-shortname = الاسم المختصر
registry-name = الاسم
registry-editor = المحرر
registry-no-match = لا توجد مواصفة مطابقة.

## Translations: banners and credits

banner-outdated = تغيّر النص الأصلي منذ إعداد هذه الترجمة.
banner-outdated-link = اقرأ النص الأصلي ({ $language })
banner-fallback = لم تُترجم هذه الصفحة بعد؛ وهي معروضة بلغتها الأصلية.
banner-fallback-link = اقرأها باللغة الأصلية ({ $language })
help-translate = ساعد في ترجمتها
translated-by = ترجمة: { $translators }
translated-by-from = ترجمة: { $translators }، عن الأصل الذي كتبه { $author }
translated-from = ترجمة عن الأصل الذي كتبه { $author }
language-switcher = اختر لغة

## Translation dashboard (/i18n/)

i18n-title = الترجمات
i18n-intro = مدى تقدّم كل ترجمة، صفحة صفحة. الصفحات المتقادمة تُرجمت عن نسخة أقدم من النص الأصلي.
i18n-percent-up-to-date = محدّثة بنسبة { $percent }٪
i18n-page-count = { $count ->
    [zero] لا صفحات
    [one] صفحة واحدة
    [two] صفحتان
    [few] { $count } صفحات
    [many] { $count } صفحة
   *[other] { $count } صفحة
}
i18n-page = الصفحة
i18n-state = الحالة
i18n-original = الأصل
i18n-translation = الترجمة
i18n-edit = تحرير
i18n-translators = المترجمون
i18n-all-up-to-date = كل الصفحات مترجمة ومحدّثة.
i18n-state-up-to-date = محدّثة
i18n-state-outdated = متقادمة
i18n-state-missing = غير مترجمة
i18n-state-unstamped = غير موسومة

## Versions
# $version: the version being read, e.g. "v1.0"; $current: the default version

banner-old-version = أنت تقرأ الإصدار { $version }؛ الإصدار الحالي هو { $current }.
banner-old-version-link = اقرأ هذه الصفحة في { $current }
banner-old-version-home = انتقل إلى { $current }
version-switcher = اختر إصدارًا
version-current = الحالي

copy-code = نسخ
copy-code-done = تم النسخ

alert-note = ملاحظة
alert-tip = نصيحة
alert-important = مهم
alert-warning = تحذير
alert-caution = تنبيه

task-done = منجز
task-todo = غير منجز
