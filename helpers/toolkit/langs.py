"""The languages the collection is written in, all in one place.

A :class:`Language` holds what the code needs to write for a reader of that
language: direction, fonts, digits, month and weekday names, the number words
for amounts and counts (with the grammar that picks a noun's form after a
number), how a list is joined, and the interface words (verdict labels, "not
public", "Source", "Note"...).

    >>> get("ar").direction
    'rtl'
    >>> get("en").word("not_public")
    'not public'

Every other module asks this one: ``fmt`` for numbers and dates, ``style`` for
fonts and mirrored layout, ``show`` and the HTML edition for direction and
interface words. Adding a language means adding one :class:`Language` here
(plus the analysis's word file and translations: docs/languages.md lists them).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable

__all__ = ["Language", "LANGUAGES", "LANGS", "get", "check", "is_rtl"]


@dataclass(frozen=True)
class Language:
    """How the collection writes for readers of one language."""

    code: str  # BCP 47 primary tag, also the file suffix (".ar.png")
    name: str  # in English
    native: str  # the language's own name for itself
    direction: str  # "ltr" or "rtl"
    fonts: tuple[str, ...]  # matplotlib font families, first choice first
    css_fonts: str  # CSS font-family stack for HTML output
    months: tuple[str, ...]  # January..December
    short_months: tuple[str, ...]  # for "20 Jan"; the full names where the press has none
    weekdays: tuple[str, ...]  # Monday..Sunday
    #: scale -> (word after 1 or a decimal, word after 3-10); "billion", "million".
    scales: dict[str, tuple[str, str]]
    #: scale -> short word for counts in labels ("1.01 bn"); empty where the press has none.
    count_scales: dict[str, str]
    #: ISO code -> noun forms (singular, plural 3-10, accusative 11-99); English uses the code.
    currencies: dict[str, tuple[str, str, str]]
    #: count (as shown) -> "singular", "plural" or "accusative": the noun's form after it.
    noun_form: Callable[[Decimal], str]
    #: writes an amount: (count text, noun form, scale or None, currency code) -> phrase.
    money: Callable[["Language", str, str, str | None, str], str]
    #: writes a list: ["a", "b", "c"] -> "a, b and c".
    join: Callable[[list[str]], str]
    #: separates items that hold commas themselves ("; " / "؛ ").
    semicolon: str
    #: separates the items of a plain list such as ids or dates (", " / "، ").
    comma: str
    #: number words the article uses for small counts ("تسعة" -> 9).
    number_words: dict[str, int] = field(default_factory=dict)
    #: interface words: verdict labels, "not public", "Source", ...
    words: dict[str, str] = field(default_factory=dict)

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    def word(self, key: str) -> str:
        """An interface word; KeyError names the language and the key."""
        try:
            return self.words[key]
        except KeyError:
            raise KeyError(f"language {self.code!r} has no interface word {key!r}") from None


# --------------------------------------------------------------------------- English
def _english_join(items: list[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _english_money(lang: Language, count: str, form: str, scale: str | None, currency: str) -> str:
    # "CNY 3 billion", "USD 431 million", "CNY 2,888": the code first, as the business press does.
    del form  # English nouns after the code do not change
    return " ".join(part for part in (currency, count, lang.scales[scale][0] if scale else "") if part)


# --------------------------------------------------------------------------- Arabic
def _arabic_noun_form(count: Decimal) -> str:
    """The noun's form after a number in digits: 3-10 plural ("3 مليارات"), 11-99
    accusative singular ("15 دولارًا", for a currency standing alone), else singular
    ("1 مليار", "100 مليون", "1.5 مليار"). The last two digits decide (103 -> plural)."""
    if count != count.to_integral_value():
        return "singular"
    last_two = int(abs(count)) % 100
    if 3 <= last_two <= 10:
        return "plural"
    if 11 <= last_two <= 99:
        return "accusative"
    return "singular"


def _arabic_money(lang: Language, count: str, form: str, scale: str | None, currency: str) -> str:
    # "3 مليارات يوان": the number, the scale word in its form, then the currency in the
    # genitive singular. Without a scale the currency noun itself takes the form.
    singular, plural, accusative = lang.currencies[currency]
    if scale:
        word_singular, word_plural = lang.scales[scale]
        words = [word_plural if form == "plural" else word_singular, singular]
    else:
        words = [{"plural": plural, "accusative": accusative}.get(form, singular)]
    return " ".join([count, *words])


def _arabic_join(items: list[str]) -> str:
    # "أ وب وج": the conjunction joins the next word.
    return " و".join(items)


_ARABIC_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
                  "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
_ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December")

LANGUAGES: dict[str, Language] = {
    "en": Language(
        code="en",
        name="English",
        native="English",
        direction="ltr",
        fonts=("Noto Sans", "Noto Sans Arabic"),
        css_fonts="'Noto Sans', 'Noto Sans Arabic', sans-serif",
        months=_ENGLISH_MONTHS,
        short_months=tuple(m[:3] for m in _ENGLISH_MONTHS),
        weekdays=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        scales={"billion": ("billion", "billion"), "million": ("million", "million")},
        count_scales={"billion": "bn", "million": "m"},
        currencies={"CNY": ("CNY",) * 3, "USD": ("USD",) * 3, "EUR": ("EUR",) * 3},
        noun_form=lambda count: "singular",
        money=_english_money,
        join=_english_join,
        semicolon="; ",
        comma=", ",
        words={
            "holds": "holds",
            "partly holds": "partly holds",
            "does not hold": "does not hold",
            "cannot be checked": "cannot be checked",
            "not_public": "not public",
            "findings": "Findings",
            "note": "Note",
            "source": "Source",
            "download": "Download:",
            "alt_text": "Alt text",
            "missing": "(missing)",
            "no_image": "PNG not exported yet.",
            "yes": "yes",
            "no": "no",
            "colour_blue": "blue",
            "colour_orange": "orange",
            "colour_black": "black",
            "colour_brown": "brown",
            # The HTML edition's interface (helpers.publish.html): navigation, pages, pager.
            "collection": "The collection",
            "site_nav": "Site",
            "notebooks": "Notebooks",
            "figures": "Figures",
            "method": "Method",
            "language": "Language",
            "previous": "Previous",
            "next": "Next",
            "all_notebooks": "All notebooks",
            "reading_order": "Notebooks in reading order",
            "no_notebooks": "No notebooks yet: `make` executes them, then `make html` renders them here.",
            "no_figures": "No figures yet: the notebooks export them into `figures/` when `make` runs.",
            "gallery_intro": "Each figure exists in English and Arabic as PNG, SVG and PDF, with "
                             "the numbers behind it as CSV: {all}.",
            "all_figures": "all figures and downloads",
            "figures_intro": "Every figure in English and in Arabic. Each language has its own PNG "
                             "(for slides), SVG (scalable) and PDF (print); the CSV holds the "
                             "numbers the figure draws.",
            "figures_on_page": "Figures on this page",
            "figure_data": "Data:",
            "no_csv": "no CSV exported",
            "from_notebook": "From",
            "figure_tables": "Tables:",
            "built_by": "Built by `make html` from the notebooks and figures in the repository; "
                        "reads offline, straight from the files.",
            "fonts_licence": "Fonts: Noto, under the {licence}.",
            "licence_name": "SIL Open Font License",
        },
    ),
    "ar": Language(
        code="ar",
        name="Arabic",
        native="العربية",
        direction="rtl",
        # Noto Sans Arabic has Arabic letters, both digit sets and Arabic punctuation but
        # no Latin letters, "%" or brackets: Noto Sans supplies those, glyph by glyph.
        fonts=("Noto Sans Arabic", "Noto Sans"),
        css_fonts="'Noto Sans Arabic', 'Noto Sans', sans-serif",
        # The names the Gulf and Egyptian press use, as the article itself does.
        months=_ARABIC_MONTHS,
        short_months=_ARABIC_MONTHS,
        weekdays=("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
        scales={"billion": ("مليار", "مليارات"), "million": ("مليون", "ملايين")},
        count_scales={},  # no abbreviations: "1.01 مليار"
        # Yuan and euro do not change in the press; the dollar does.
        currencies={
            "CNY": ("يوان", "يوان", "يوان"),
            "USD": ("دولار", "دولارات", "دولارًا"),
            "EUR": ("يورو", "يورو", "يورو"),
        },
        noun_form=_arabic_noun_form,
        money=_arabic_money,
        join=_arabic_join,
        semicolon="؛ ",
        comma="، ",
        number_words={"ثلاثة": 3, "أربعة": 4, "خمسة": 5, "ستة": 6, "سبعة": 7, "ثمانية": 8,
                      "تسعة": 9, "عشرة": 10},
        words={
            "holds": "صحيح",
            "partly holds": "صحيح جزئيًا",
            "does not hold": "غير صحيح",
            "cannot be checked": "لا يمكن التحقق منه",
            "not_public": "غير معلنة",
            "findings": "النتائج",
            "note": "ملاحظة",
            "source": "المصدر",
            "download": "تنزيل:",
            "alt_text": "النص البديل",
            "missing": "(غير موجود)",
            "no_image": "لم تُصدَّر صورة PNG بعد.",
            "yes": "نعم",
            "no": "لا",
            "colour_blue": "أزرق",
            "colour_orange": "برتقالي",
            "colour_black": "أسود",
            "colour_brown": "بني",
            "collection": "المجموعة",
            "site_nav": "الموقع",
            "notebooks": "الدفاتر",
            "figures": "الرسوم البيانية",
            "method": "المنهجية",
            "language": "اللغة",
            "previous": "السابق",
            "next": "التالي",
            "all_notebooks": "كل الدفاتر",
            "reading_order": "الدفاتر بترتيب القراءة",
            "no_notebooks": "لا دفاتر بعد: ينفّذها `make`، ثم يعرضها `make html` هنا.",
            "no_figures": "لا رسوم بيانية بعد: تصدّرها الدفاتر إلى `figures/` عند تشغيل `make`.",
            "gallery_intro": "لكل رسم بياني نسخة عربية وأخرى إنجليزية بصيغ PNG وSVG وPDF، ومعه "
                             "أرقامه في ملف CSV: {all}.",
            "all_figures": "كل الرسوم البيانية وملفاتها",
            "figures_intro": "كل رسم بياني بالعربية وبالإنجليزية. لكل لغة ملف PNG (للشرائح) وSVG "
                             "(يُكبَّر دون أن يفقد دقته) وPDF (للطباعة)؛ ويحمل ملف CSV الأرقام "
                             "التي يرسمها الرسم البياني.",
            "figures_on_page": "الرسوم البيانية في هذه الصفحة",
            "figure_data": "البيانات:",
            "no_csv": "لم يُصدَّر ملف CSV",
            "from_notebook": "من الدفتر",
            "figure_tables": "الجداول:",
            "built_by": "بُنيت هذه الصفحات بالأمر `make html` من الدفاتر والرسوم البيانية في "
                        "المستودع، وتُقرأ دون اتصال، من الملفات مباشرةً.",
            "fonts_licence": "الخطوط: Noto، بموجب {licence}.",
            "licence_name": "رخصة SIL للخطوط المفتوحة",
        },
    ),
}

#: The collection's languages, in the order files and tables list them.
LANGS: tuple[str, ...] = tuple(LANGUAGES)


def check(lang: str) -> str:
    """*lang* if it is one of the collection's languages; ValueError naming them if not."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    return lang


def get(lang: str) -> Language:
    """The :class:`Language` for a code such as "ar"."""
    return LANGUAGES[check(lang)]


def is_rtl(tag: str) -> bool:
    """True for a right-to-left language tag ("ar", "ar-EG"; also Persian, Hebrew, Urdu
    when a reader's own text is in them)."""
    primary = str(tag).split("-")[0].lower()
    if primary in LANGUAGES:
        return LANGUAGES[primary].rtl
    return primary in {"fa", "he", "ur"}
