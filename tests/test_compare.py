"""helpers.analysis.compare: budgets side by side, pair ratios, year inference from the article's dates."""
import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from helpers.analysis import compare, data
from helpers.toolkit import holidays


def _campaigns(rows):
    frame = pd.DataFrame(rows)
    frame["budget_amount"] = frame["budget_amount"].astype("Int64")
    frame["paragraph"] = frame["paragraph"].astype("Int64")
    return frame


BASE = dict(company="x", app="y", role="rival", budget_currency="CNY", fact_id=None, paragraph=None)


def test_article_budgets_prefers_the_article_and_lists_confirming_facts():
    frame = _campaigns([
        {**BASE, "campaign": "a", "budget_amount": 300, "source": "article", "paragraph": 1},
        {**BASE, "campaign": "a", "budget_amount": 300, "source": "https://x", "fact_id": "A01"},
        {**BASE, "campaign": "a", "budget_amount": 290, "source": "https://y", "fact_id": "A02"},
        {**BASE, "campaign": "b", "budget_amount": None, "source": "https://z", "fact_id": "O03",
         "budget_currency": None},
        {**BASE, "campaign": "c", "budget_amount": 50, "source": "https://w", "fact_id": "C01"},
    ])
    got = compare.article_budgets(frame).set_index("campaign")
    assert list(got.index) == ["a", "b", "c"]
    assert got.loc["a", "budget_amount"] == 300 and got.loc["a", "paragraph"] == 1
    assert got.loc["a", "confirmed_by"] == "A01"  # A02 states another amount
    assert not got.loc["b", "public"] and pd.isna(got.loc["b", "budget_amount"])
    assert got.loc["c", "public"] and pd.isna(got.loc["c", "paragraph"])  # outside source only


def test_article_budgets_on_the_curated_table():
    got = compare.article_budgets(data.load("campaigns")).set_index("campaign")
    assert got.loc["alibaba_qwen", "budget_amount"] == 3_000_000_000
    assert "A01" in got.loc["alibaba_qwen", "confirmed_by"].split(";")
    assert not got.loc["bytedance_doubao", "public"]  # C06: not public


def test_pair_ratios_larger_over_smaller():
    got = compare.pair_ratios({"a": 1, "b": 3, "c": 0.5})
    assert got.to_dict("records") == [
        {"larger": "b", "smaller": "a", "ratio": 3.0},
        {"larger": "a", "smaller": "c", "ratio": 2.0},
        {"larger": "b", "smaller": "c", "ratio": 6.0},
    ]


@pytest.mark.parametrize("bad", [0, -1, None, float("nan")])
def test_pair_ratios_refuses_meaningless_amounts(bad):
    with pytest.raises(ValueError, match="'b'"):
        compare.pair_ratios({"a": 1, "b": bad})


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.floats(0.01, 1e12), min_size=2, max_size=5))
def test_pair_ratios_are_at_least_one_and_reproduce_the_amounts(amounts):
    got = compare.pair_ratios(amounts)
    n = len(amounts)
    assert len(got) == n * (n - 1) // 2
    for row in got.itertuples():
        assert row.ratio >= 1
        assert row.ratio == pytest.approx(amounts[row.larger] / amounts[row.smaller])


def test_years_matching_synthetic_calendar():
    cal = pd.DataFrame({"year": [2018, 2024, 2026],
                        "first_day": pd.to_datetime(["2018-02-15", "2024-02-10", "2026-02-15"]),
                        "days": [7, 9, 9]})
    got = compare.years_matching(cal, first_day=(2, 15), days=9).set_index("year")
    assert got["starts_as_claimed"].to_dict() == {2018: True, 2024: False, 2026: True}
    assert got["lasts_as_claimed"].to_dict() == {2018: False, 2024: True, 2026: True}
    assert got.index[got["matches"]].tolist() == [2026]


def test_years_matching_chinesecalendar_pins_2026():
    got = compare.years_matching(holidays.spring_festivals(), first_day=(2, 15), days=9)
    assert got.loc[got["matches"], "year"].tolist() == [2026]


@given(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)), st.integers(0, 6))
def test_weekday_before(day, weekday):
    got = compare.weekday_before(day, weekday)
    assert got.weekday() == weekday and 1 <= (day - got).days <= 7


def test_weekday_before_article_dates():
    assert compare.weekday_before(dt.date(2026, 2, 6), 0) == dt.date(2026, 2, 2)
    with pytest.raises(ValueError, match="weekday"):
        compare.weekday_before(dt.date(2026, 2, 6), 7)


def test_article_conversion_is_computed_from_the_article_row():
    conversion = compare.article_conversion(data.load("campaigns"))
    assert (conversion.amount, conversion.currency) == (3_000_000_000, "CNY")
    assert (conversion.reported_amount, conversion.reported_currency) == (431_000_000, "USD")
    assert conversion.rate == 3_000_000_000 / 431_000_000  # F06: computed, never stored
