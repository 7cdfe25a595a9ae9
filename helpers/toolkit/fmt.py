"""Numbers for people, in Arabic and in English.

    >>> money(3_000_000_000, "CNY", lang="ar")
    '3 مليارات يوان'
    >>> money(3_000_000_000, "CNY", lang="en")
    'CNY 3 billion'
    >>> money(431_000_000, "USD", lang="ar", digits="eastern")
    '٤٣١ مليون دولار'

The words and the grammar of each language (which form a noun takes after a
number, where the currency goes) live in :mod:`helpers.toolkit.langs`; this
module does the arithmetic: rounding half up, scales, grouping, digits. In
Arabic, 3–10 take the plural ("3 مليارات"), 11–99 the accusative singular
for a currency standing alone ("15 دولارًا"), everything else the singular
("1 مليار", "100 مليون", "1.5 مليار"), as the Arabic press writes them.

The functions return plain logical text (for tables, markdown, CSV). The
tick formatters return text already passed through ``helpers.toolkit.arabic.label``,
because matplotlib draws them.
"""
from __future__ import annotations

import datetime as dt
import numbers
from decimal import ROUND_HALF_UP, Decimal

from . import langs

__all__ = [
    "LANGS",
    "CURRENCIES",
    "SCALES",
    "to_eastern",
    "to_western",
    "number",
    "percent",
    "money",
    "count",
    "scale_for",
    "unit_label",
    "number_formatter",
    "money_formatter",
]

LANGS = langs.LANGS
DIGIT_STYLES = ("western", "eastern")

_EASTERN = str.maketrans("0123456789.,%", "٠١٢٣٤٥٦٧٨٩٫٬٪")
_WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩٫٬٪", "0123456789.,%")

#: scale name -> factor, largest first. Words for each scale live in helpers.toolkit.langs.
SCALES = {"billion": 10**9, "million": 10**6}
#: ISO codes the formatters know (every language in langs names each of them).
CURRENCIES = ("CNY", "USD", "EUR")


def _check(lang: str, digits: str = "western") -> None:
    langs.check(lang)
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
    for scale, factor in SCALES.items():
        if abs(Decimal(_plain(value / factor, decimals, grouping=False))) >= 1:
            return scale
    return None


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
    language = langs.get(lang)
    count_text = _plain(value / (SCALES[scale] if scale else 1), decimals, grouping=True)
    form = language.noun_form(Decimal(count_text.replace(",", "")))
    text = language.money(language, count_text, form, scale, currency)
    return to_eastern(text) if digits == "eastern" else text


def count(value, lang: str = "en", *, short: bool = True, decimals: int | None = None) -> str:
    """A count as the press writes it: ``count(1_010_000_000, "en") == "1.01 bn"``
    (``short=False``: "1.01 billion"), ``"ar"`` -> ``"1.01 مليار"``, "3 مليارات".

    The number words of :func:`money` without a currency. Below a million the number is
    written in full with grouping ("5,000"). Up to two decimals, rounded half up.
    ValueError for a negative or missing value.
    """
    if value is None or value != value or value < 0:  # value != value: NaN
        raise ValueError(f"count() needs a number >= 0, got {value!r}")
    _check(lang)
    scale = scale_for(value, decimals)
    if scale is None:
        return number(value, lang, decimals=decimals)
    language = langs.get(lang)
    text = _plain(_decimal(value) / SCALES[scale], decimals, grouping=True)
    if short and scale in language.count_scales:
        return f"{text} {language.count_scales[scale]}"
    singular, plural = language.scales[scale]
    form = language.noun_form(Decimal(text.replace(",", "")))
    return f"{text} {plural if form == 'plural' else singular}"


def unit_label(currency: str, scale: str | None, lang: str = "en") -> str:
    """An axis unit such as "CNY billion" / "مليار يوان" (logical text)."""
    _check(lang)
    if currency not in CURRENCIES:
        raise ValueError(f"unknown currency {currency!r}; known: {', '.join(CURRENCIES)}")
    if scale is not None and scale not in SCALES:
        raise ValueError(f"scale must be None or one of {', '.join(SCALES)}, got {scale!r}")
    language = langs.get(lang)
    if lang == "en":  # "CNY billion": the code, then the scale
        return f"{currency} {language.scales[scale][0]}" if scale else currency
    noun = language.currencies[currency][0]
    return f"{language.scales[scale][0]} {noun}" if scale else noun


def number_formatter(lang: str = "en", *, scale: str | None = None,
                     decimals: int | None = None, digits: str = "western"):
    """A matplotlib tick formatter: the value divided by *scale*, as :func:`number`."""
    from matplotlib.ticker import FuncFormatter

    from .arabic import label

    _check(lang, digits)
    factor = SCALES[scale] if scale else 1

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
    language = langs.get(lang)
    return (language.short_months if short else language.months)[month - 1]


def day_month(value, lang: str = "en", *, year: bool = False) -> str:
    """A date for people: ``"20 Jan"`` / ``"20 يناير"``; ``year=True`` → ``"20 Jan 2025"``."""
    d = as_date(value)
    text = f"{d.day} {month_name(d.month, lang, short=True)}"
    return f"{text} {d.year}" if year else text
