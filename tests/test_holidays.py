"""helpers.toolkit.holidays: Spring Festival spans straight from chinesecalendar."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest

from helpers.toolkit import holidays


def test_2026_is_15_to_23_february_nine_days_with_two_makeup_saturdays():
    span = holidays.spring_festival(2026)
    assert (span.first_day, span.last_day, span.days) == (
        dt.date(2026, 2, 15),
        dt.date(2026, 2, 23),
        9,
    )
    assert span.makeup_workdays == (dt.date(2026, 2, 14), dt.date(2026, 2, 28))


def test_2020_includes_the_covid_extension():
    span = holidays.spring_festival(2020)
    assert (span.first_day, span.last_day, span.days) == (
        dt.date(2020, 1, 24),
        dt.date(2020, 2, 2),
        10,
    )


@pytest.mark.parametrize("year", holidays.covered_years())
def test_every_span_agrees_with_the_package_day_by_day(year):
    span = holidays.spring_festival(year)
    assert span.days == (span.last_day - span.first_day).days + 1
    day = span.first_day
    while day <= span.last_day:
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
        assert on_holiday and name == chinese_calendar.Holiday.spring_festival.value, day
        day += dt.timedelta(days=1)
    for edge in (span.first_day - dt.timedelta(days=1), span.last_day + dt.timedelta(days=1)):
        on_holiday, name = chinese_calendar.get_holiday_detail(
            edge
        )  # a make-up workday also carries the name
        assert not (on_holiday and name == chinese_calendar.Holiday.spring_festival.value), edge
    for workday in span.makeup_workdays:
        assert workday.weekday() >= 5 and chinese_calendar.is_workday(workday), workday
    assert set(span.in_lieu_days) <= {
        span.first_day + dt.timedelta(days=i) for i in range(span.days)
    }


def test_covered_years_are_contiguous_and_include_the_article_years():
    years = holidays.covered_years()
    assert list(years) == list(range(years[0], years[-1] + 1))
    assert {2014, 2015, 2025, 2026} <= set(years)


def test_uncovered_year_is_a_clear_error():
    with pytest.raises(ValueError, match="no Spring Festival holiday for 1999"):
        holidays.spring_festival(1999)


def test_frame_has_one_typed_row_per_year():
    frame = holidays.spring_festivals()
    assert list(frame["year"]) == list(holidays.covered_years())
    assert str(frame["first_day"].dtype) == "datetime64[ns]" and str(frame["days"].dtype) == "Int64"
    row = frame.set_index("year").loc[2026]
    assert (row["days"], row["makeup_workdays"], row["makeup_workday_count"]) == (
        9,
        "2026-02-14;2026-02-28",
        2,
    )


def test_2026_is_longer_than_every_regularly_scheduled_year():
    """The article's 'longer than usual': only the ad-hoc 2020 extension was longer."""
    frame = holidays.spring_festivals().set_index("year")
    others = frame.drop(index=[2026, 2020])["days"]
    assert others.max() < 9 and others.mode().iloc[0] == 7
    assert frame.loc[2020, "days"] > frame.loc[2026, "days"]
