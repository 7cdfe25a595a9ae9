"""helpers.toolkit.fmt: money and numbers in Arabic and English; examples and properties."""
from __future__ import annotations

import re
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.toolkit import arabic, fmt


@pytest.mark.parametrize("amount, currency, lang, expected", [
    (3_000_000_000, "CNY", "ar", "3 مليارات يوان"),
    (3_000_000_000, "CNY", "en", "CNY 3 billion"),
    (1_000_000_000, "CNY", "ar", "1 مليار يوان"),
    (500_000_000, "CNY", "ar", "500 مليون يوان"),
    (500_000_000, "CNY", "en", "CNY 500 million"),
    (431_000_000, "USD", "ar", "431 مليون دولار"),
    (431_000_000, "USD", "en", "USD 431 million"),
    (7_000_000, "USD", "ar", "7 ملايين دولار"),
    (10_000_000_000, "USD", "ar", "10 مليارات دولار"),
    (11_000_000_000, "USD", "ar", "11 مليار دولار"),
    (103_000_000, "CNY", "ar", "103 ملايين يوان"),
    (1_500_000_000, "CNY", "ar", "1.5 مليار يوان"),
    (1_500_000_000, "CNY", "en", "CNY 1.5 billion"),
    (5, "USD", "ar", "5 دولارات"),
    (15, "USD", "ar", "15 دولارًا"),
    (100, "USD", "ar", "100 دولار"),
    (12_500, "CNY", "en", "CNY 12,500"),
    (999_999_999, "CNY", "en", "CNY 1 billion"),  # rounds into the next scale
])
def test_money_examples(amount, currency, lang, expected):
    assert fmt.money(amount, currency, lang) == expected


def test_eastern_digits():
    assert fmt.money(431_000_000, "USD", "ar", digits="eastern") == "٤٣١ مليون دولار"
    assert fmt.money(1_500_000_000, "CNY", "ar", digits="eastern") == "١٫٥ مليار يوان"
    assert fmt.number(12_500, "ar", digits="eastern") == "١٢٬٥٠٠"
    assert fmt.percent(45, "ar", digits="eastern") == "٤٥٪"
    assert fmt.percent(45, "en") == "45%"


def test_fixed_scale_and_units():
    assert fmt.money(500_000_000, "CNY", "en", scale="billion") == "CNY 0.5 billion"
    assert fmt.money(3_000_000_000, "CNY", "en", scale=None) == "CNY 3,000,000,000"
    assert fmt.unit_label("CNY", "billion", "ar") == "مليار يوان"
    assert fmt.unit_label("CNY", "billion", "en") == "CNY billion"


def test_numpy_and_decimal_inputs():
    assert fmt.money(np.int64(3_000_000_000), "CNY", "en") == "CNY 3 billion"
    assert fmt.money(np.float64(3e9), "CNY", "ar") == "3 مليارات يوان"
    assert fmt.money(Decimal("431000000"), "USD", "en") == "USD 431 million"


@pytest.mark.parametrize("call, message", [
    (lambda: fmt.money(1, "GBP", "en"), "unknown currency 'GBP'"),
    (lambda: fmt.money(1, "CNY", "fr"), "lang must be one of en, ar"),
    (lambda: fmt.money(1, "CNY", "en", digits="eastern"), "Eastern Arabic digits are for Arabic"),
    (lambda: fmt.money(1, "CNY", "en", scale="trillion"), "scale must be"),
    (lambda: fmt.money(float("nan"), "CNY", "en"), "finite"),
])
def test_bad_arguments_are_clear_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_non_numbers_are_refused():
    with pytest.raises(TypeError, match="expected a number"):
        fmt.money("3000", "CNY", "en")
    with pytest.raises(TypeError, match="expected a number"):
        fmt.money(True, "CNY", "en")


def test_tick_formatters_go_through_label(monkeypatch):
    monkeypatch.setenv(arabic.ENGINE_ENV, "reshaper")
    money_ticks = fmt.money_formatter("CNY", "ar", scale="billion")
    assert money_ticks(3e9, 0) == arabic.label("3 مليارات يوان")
    assert money_ticks(3e9, 0) != "3 مليارات يوان"
    numbers = fmt.number_formatter("ar", scale="billion", digits="eastern")
    assert numbers(2.5e9, 0) == "٢٫٥"
    assert fmt.number_formatter("en")(1234.5, 0) == "1,234.5"


# --------------------------------------------------------------------------
# Properties

_AR = re.compile(
    r"^(-?[\d,]+(?:\.\d+)?) (?:(مليارات|مليار|ملايين|مليون) )?(يوان|دولار|دولارات|دولارًا)$"
)
_EN = re.compile(r"^(CNY|USD) (-?[\d,]+(?:\.\d+)?)(?: (billion|million))?$")
_FACTOR = {"مليار": 10**9, "مليارات": 10**9, "مليون": 10**6, "ملايين": 10**6,
           "billion": 10**9, "million": 10**6, None: 1}
amounts = st.one_of(
    st.integers(min_value=-10**13, max_value=10**13),
    st.floats(min_value=-1e13, max_value=1e13, allow_nan=False, allow_infinity=False),
)


@settings(max_examples=400, deadline=None)
@given(amount=amounts, currency=st.sampled_from(["CNY", "USD"]))
def test_money_reads_back_as_the_amount(amount, currency):
    """Whatever the amount, the text says it to within the rounding shown."""
    for lang, pattern in (("ar", _AR), ("en", _EN)):
        text = fmt.money(amount, currency, lang)
        match = pattern.match(text)
        assert match, text
        if lang == "ar":
            number, scale = match.group(1), match.group(2)
        else:
            number, scale = match.group(2), match.group(3)
        shown = Decimal(number.replace(",", "")) * _FACTOR[scale]
        tolerance = Decimal("0.005") * _FACTOR[scale] + Decimal("1e-9")
        assert abs(shown - Decimal(str(amount))) <= tolerance


@settings(max_examples=400, deadline=None)
@given(amount=amounts)
def test_arabic_plural_form_follows_the_number(amount):
    text = fmt.money(amount, "USD", "ar")
    number, scale, noun = _AR.match(text).groups()
    count = Decimal(number.replace(",", ""))
    whole = count == count.to_integral_value()
    last_two = int(abs(count)) % 100
    plural = whole and 3 <= last_two <= 10
    if scale:
        assert (scale in ("مليارات", "ملايين")) == plural, text
        assert noun == "دولار"
    else:
        expected = "دولارات" if plural else "دولارًا" if whole and 11 <= last_two <= 99 else "دولار"
        assert noun == expected, text


@settings(max_examples=300, deadline=None)
@given(amount=amounts, currency=st.sampled_from(["CNY", "USD"]))
def test_eastern_digits_are_the_western_text_transliterated(amount, currency):
    western = fmt.money(amount, currency, "ar")
    eastern = fmt.money(amount, currency, "ar", digits="eastern")
    assert fmt.to_western(eastern) == western
    assert not re.search(r"[0-9]", eastern)


@settings(max_examples=300, deadline=None)
@given(value=amounts)
def test_number_round_trips(value):
    text = fmt.number(value, "en")
    assert abs(Decimal(text.replace(",", "")) - Decimal(str(value))) <= Decimal("0.005")
    assert fmt.to_western(fmt.number(value, "ar", digits="eastern")) == text


def test_dates_for_people_in_both_languages():
    import datetime as dt

    assert fmt.day_month(dt.date(2025, 1, 20), "en") == "20 Jan"
    assert fmt.day_month("2025-01-20", "ar", year=True) == "20 يناير 2025"
    assert fmt.month_name(2, "en") == "February" and fmt.month_name(2, "en", short=True) == "Feb"
    assert fmt.month_name(12, "ar") == "ديسمبر"
    with pytest.raises(TypeError):
        fmt.as_date(20250120)
