"""Tests for helpers.analysis.series: compact counts and timeline label rows."""
import datetime as dt

import pytest

from helpers.analysis import series


@pytest.mark.parametrize("value, lang, expected", [
    (1_010_000_000, "en", "1.01 bn"),
    (1_010_000_000, "ar", "1.01 مليار"),
    (16_000_000, "en", "16 m"),
    (5_000_000, "ar", "5 ملايين"),
    (200_000_000, "ar", "200 مليون"),
    (32_100_000_000, "en", "32.1 bn"),
    (5_000, "en", "5,000"),
])
def test_count_examples(value, lang, expected):
    assert series.count(value, lang) == expected


@pytest.mark.parametrize("bad", [-1, None, float("nan")])
def test_count_rejects_bad_values(bad):
    with pytest.raises(ValueError):
        series.count(bad)


def test_stagger_separates_close_labels_and_reuses_rows():
    dates = ["2025-01-20", "2025-01-26", "2025-01-27", "2025-05-28", "2025-01-10"]
    rows = series.stagger(dates, min_gap_days=10, levels=3)
    # 10 Jan row 0; 20 Jan is 10 days later -> row 0 again; 26 and 27 Jan are too close -> rows 1, 2
    assert rows == [0, 1, 2, 0, 0]


def test_stagger_never_puts_close_labels_on_one_row_when_rows_suffice():
    base = dt.date(2026, 1, 1)
    dates = [base + dt.timedelta(days=d) for d in (0, 1, 2, 3, 30, 31)]
    rows = series.stagger(dates, min_gap_days=5, levels=4)
    for i in range(len(dates)):
        for j in range(i + 1, len(dates)):
            if abs((dates[i] - dates[j]).days) < 5:
                assert rows[i] != rows[j]


def test_stagger_falls_back_to_oldest_row_when_crowded():
    rows = series.stagger(["2026-01-01", "2026-01-02", "2026-01-03"], min_gap_days=30, levels=2)
    assert rows == [0, 1, 0]
    with pytest.raises(ValueError):
        series.stagger([], 1, 0)


@pytest.mark.parametrize("value, lang, year, expected", [
    ("2025-01-20", "en", False, "20 Jan"),
    (dt.date(2025, 1, 20), "ar", True, "20 يناير 2025"),
    (dt.datetime(2026, 2, 6, 12), "ar", False, "6 فبراير"),
])
def test_day_month(value, lang, year, expected):
    assert series.day_month(value, lang, year=year) == expected


def test_day_month_rejects_unknown_language():
    with pytest.raises(ValueError):
        series.day_month("2025-01-20", "fr")
