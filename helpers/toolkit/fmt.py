"""Numbers for people, in Arabic and in English.

    >>> money(3_000_000_000, "CNY", lang="ar")
    '3 مليارات يوان'
    >>> money(3_000_000_000, "CNY", lang="en")
    'CNY 3 billion'
    >>> money(431_000_000, "USD", lang="ar", digits="eastern")
    '٤٣١ مليون دولار'

Arabic counted nouns follow the number, as the Arabic press writes them
with digits: 3–10 take the plural ("3 مليارات", "5 ملايين"), everything else
the singular ("1 مليار", "11 مليار يوان", "100 مليون"; a decimal such as
"1.5 مليار" too). The last two digits decide for larger numbers ("103
ملايين"). A currency noun standing alone (no million/billion) takes the
accusative singular for 11–99 ("15 دولارًا"). Two, in words "ملياران", is
written "2 مليار" after digits, as the press does.

The functions return plain logical text (for tables, markdown, CSV). The
tick formatters return text already passed through ``helpers.toolkit.arabic.label``,
because matplotlib draws them.
"""
from __future__ import annotations

import datetime as dt
import numbers
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "LANGS",
    "CURRENCIES",
    "SCALES",
    "to_eastern",
    "to_western",
    "number",
    "percent",
    "money",
    "scale_for",
    "unit_label",
    "number_formatter",
    "money_formatter",
]

LANGS = ("ar", "en")
DIGIT_STYLES = ("western", "eastern")

_EASTERN = str.maketrans("0123456789.,%", "٠١٢٣٤٥٦٧٨٩٫٬٪")
_WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩٫٬٪", "0123456789.,%")

#: scale name -> (factor, English word, Arabic singular, Arabic plural)
SCALES = {
    "billion": (10**9, "billion", "مليار", "مليارات"),
    "million": (10**6, "million", "مليون", "ملايين"),
}

#: ISO code -> Arabic (singular, plural 3–10, accusative 11–99). Yuan and
#: euro do not change in the press; the dollar does.
CURRENCIES = {
    "CNY": ("يوان", "يوان", "يوان"),
    "USD": ("دولار", "دولارات", "دولارًا"),
    "EUR": ("يورو", "يورو", "يورو"),
}


def _check(lang: str, digits: str = "western") -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    if digits not in DIGIT_STYLES:
        raise ValueError(f"digits must be one of {', '.join(DIGIT_STYLES)}, got {digits!r}")
    if digits == "eastern" and lang != "ar":
        raise ValueError("Eastern Arabic digits are for Arabic text (lang='ar')")


def to_eastern(text: str) -> str:
    """Western digits, '.', ',' and '%' as Eastern Arabic ones (٠–٩, ٫, ٬, ٪)."""
    return text.translate(_EASTERN)


def to_western(text: str) -> str:
    """The inverse of :func:`to_eastern`."""
    return text.translate(_WESTERN)


def _decimal(value) -> Decimal:
    """*value* (int, float, Decimal, numpy number) as an exact Decimal."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"expected a number, got {type(value).__name__}: {value!r}")
    elif isinstance(value, numbers.Integral):
        result = Decimal(int(value))
    else:
        # str() of a float is its shortest round-trip form: 0.1 -> "0.1".
        result = Decimal(str(float(value)))
    if not result.is_finite():
        raise ValueError(f"expected a finite number, got {value!r}")
    return result


def _plain(value: Decimal, decimals: int | None, grouping: bool) -> str:
    """ASCII digits: rounded half up to *decimals* (None: up to 2), no trailing zeros."""
    places = 2 if decimals is None else decimals
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0"
    text = f"{rounded:,.{places}f}" if grouping else f"{rounded:.{places}f}"
    if decimals is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def number(value, lang: str = "en", *, decimals: int | None = None,
           digits: str = "western", grouping: bool = True) -> str:
    """*value* with thousands separators; up to 2 decimals unless *decimals* is given."""
    _check(lang, digits)
    text = _plain(_decimal(value), decimals, grouping)
    return to_eastern(text) if digits == "eastern" else text


def percent(value, lang: str = "en", *, decimals: int | None = 0,
            digits: str = "western") -> str:
    """*value* in percent units: ``percent(45)`` -> "45%" (Eastern: "٤٥٪")."""
    return number(value, lang, decimals=decimals, digits=digits) + (
        "٪" if digits == "eastern" else "%"
    )


def scale_for(amount, decimals: int | None = None) -> str | None:
    """"billion", "million" or None: the largest scale in which *amount*,
    rounded as it will be shown, is at least 1 (999,999,999 -> "billion")."""
    value = _decimal(amount)
    for scale, (factor, *_names) in SCALES.items():
        if abs(Decimal(_plain(value / factor, decimals, grouping=False))) >= 1:
            return scale
    return None


def _count_form(count: Decimal) -> str:
    """Arabic noun form after a number written in digits: singular, plural, accusative."""
    if count != count.to_integral_value():
        return "singular"
    last_two = int(abs(count)) % 100
    if 3 <= last_two <= 10:
        return "plural"
    if 11 <= last_two <= 99:
        return "accusative"
    return "singular"


def money(amount, currency: str, lang: str = "en", *, scale: str | None = "auto",
          decimals: int | None = None, digits: str = "western") -> str:
    """An amount of money as people write it.

    *scale*: "auto" (billion/million by size), "billion", "million", or None
    (the full number with thousands separators). *decimals*: None shows up to
    2, without trailing zeros. *digits*: "eastern" for ٠–٩ (Arabic only).
    """
    _check(lang, digits)
    if currency not in CURRENCIES:
        raise ValueError(f"unknown currency {currency!r}; known: {', '.join(CURRENCIES)}")
    value = _decimal(amount)
    if scale == "auto":
        scale = scale_for(value, decimals)
    if scale is not None and scale not in SCALES:
        raise ValueError(f"scale must be 'auto', None or one of {', '.join(SCALES)}, got {scale!r}")
    factor, word_en, word_ar, word_ar_plural = SCALES[scale] if scale else (1, "", "", "")
    count_text = _plain(value / factor, decimals, grouping=True)
    if lang == "en":
        return " ".join(part for part in (currency, count_text, word_en) if part)
    count = Decimal(count_text.replace(",", ""))
    form = _count_form(count)
    singular, plural, accusative = CURRENCIES[currency]
    if scale:
        # "3 مليارات يوان": the currency follows the scale word in the genitive.
        words = [word_ar_plural if form == "plural" else word_ar, singular]
    else:
        words = [{"plural": plural, "accusative": accusative}.get(form, singular)]
    text = " ".join([count_text, *words])
    return to_eastern(text) if digits == "eastern" else text


def unit_label(currency: str, scale: str | None, lang: str = "en") -> str:
    """An axis unit such as "CNY billion" / "مليار يوان" (logical text)."""
    _check(lang)
    if currency not in CURRENCIES:
        raise ValueError(f"unknown currency {currency!r}; known: {', '.join(CURRENCIES)}")
    if scale is not None and scale not in SCALES:
        raise ValueError(f"scale must be None or one of {', '.join(SCALES)}, got {scale!r}")
    if lang == "en":
        return f"{currency} {SCALES[scale][1]}" if scale else currency
    return f"{SCALES[scale][2]} {CURRENCIES[currency][0]}" if scale else CURRENCIES[currency][0]


def number_formatter(lang: str = "en", *, scale: str | None = None,
                     decimals: int | None = None, digits: str = "western"):
    """A matplotlib tick formatter: the value divided by *scale*, as :func:`number`."""
    from matplotlib.ticker import FuncFormatter

    from .arabic import label

    _check(lang, digits)
    factor = SCALES[scale][0] if scale else 1

    def format_tick(value, _position=None):
        return label(number(_decimal(value) / factor, lang, decimals=decimals, digits=digits))

    return FuncFormatter(format_tick)


def money_formatter(currency: str, lang: str = "en", *, scale: str | None = "billion",
                    decimals: int | None = None, digits: str = "western"):
    """A matplotlib tick formatter writing each tick as :func:`money` with a fixed scale."""
    from matplotlib.ticker import FuncFormatter

    from .arabic import label

    _check(lang, digits)
    if currency not in CURRENCIES:
        raise ValueError(f"unknown currency {currency!r}; known: {', '.join(CURRENCIES)}")

    def format_tick(value, _position=None):
        return label(money(value, currency, lang, scale=scale, decimals=decimals, digits=digits))

    return FuncFormatter(format_tick)


MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    # The names the Gulf and Egyptian press use, as in the article itself.
    "ar": ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
           "أكتوبر", "نوفمبر", "ديسمبر"),
}


def as_date(value) -> dt.date:
    """A date from a date, datetime, pandas Timestamp or ISO string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    if hasattr(value, "date"):
        return value.date()
    raise TypeError(f"not a date: {value!r}")


def month_name(month: int, lang: str = "en", *, short: bool = False) -> str:
    """``month_name(2, "en") == "February"``; ``short=True`` → ``"Feb"`` (Arabic has no short form)."""
    _check(lang)
    name = MONTHS[lang][month - 1]
    return name[:3] if short and lang == "en" else name


def day_month(value, lang: str = "en", *, year: bool = False) -> str:
    """A date for people: ``"20 Jan"`` / ``"20 يناير"``; ``year=True`` → ``"20 Jan 2025"``."""
    d = as_date(value)
    text = f"{d.day} {month_name(d.month, lang, short=True)}"
    return f"{text} {d.year}" if year else text
