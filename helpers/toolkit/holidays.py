"""Official Spring Festival holiday spans, from the ``chinesecalendar`` package.

The article says the 2026 holiday "begins on 15 February and lasts nine days, longer than
usual".  Those dates are checked against the State Council's published calendars as
packaged by ``chinesecalendar`` (module ``chinese_calendar``), never typed by hand.

    spring_festival(2026)
    -> SpringFestival(year=2026, first_day=date(2026, 2, 15), last_day=date(2026, 2, 23), days=9,
                      makeup_workdays=(date(2026, 2, 14), date(2026, 2, 28)), in_lieu_days=...)
    spring_festivals()   # DataFrame, one row per year the package covers

The package lists every day off of a holiday (weekends inside the span included) under
the holiday's name, and the swapped working weekend days ("make-up workdays", 调休上班)
under the same name in its workday table.  Spring Festival always falls in late January
or February, so a calendar year holds exactly one such span.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["SpringFestival", "spring_festival", "spring_festivals", "covered_years"]


@dataclass(frozen=True)
class SpringFestival:
    """One year's official Spring Festival holiday."""

    year: int
    first_day: dt.date
    last_day: dt.date
    days: int  # calendar days off, first to last inclusive
    makeup_workdays: tuple[dt.date, ...]  # weekend days that became working days
    in_lieu_days: tuple[dt.date, ...]  # weekdays off in exchange for the make-up workdays


@lru_cache(maxsize=1)
def _spans() -> dict[int, SpringFestival]:
    from chinese_calendar import constants  # lazy: only needed when asked

    name = constants.Holiday.spring_festival.value
    days_off: dict[int, list[dt.date]] = {}
    for day, holiday in constants.holidays.items():
        if holiday == name:
            days_off.setdefault(day.year, []).append(day)
    makeup: dict[int, list[dt.date]] = {}
    for day, holiday in constants.workdays.items():
        if holiday == name:
            makeup.setdefault(day.year, []).append(day)
    spans = {}
    for year, days in days_off.items():
        days.sort()
        first, last = days[0], days[-1]
        length = (last - first).days + 1
        if length != len(days):  # never seen; would mean the package split the holiday
            raise RuntimeError(f"chinesecalendar lists a Spring Festival {year} with gaps: {days}")
        spans[year] = SpringFestival(
            year=year,
            first_day=first,
            last_day=last,
            days=length,
            makeup_workdays=tuple(sorted(makeup.get(year, ()))),
            in_lieu_days=tuple(d for d in days if d in constants.in_lieu_days),
        )
    return spans


def covered_years() -> tuple[int, ...]:
    """The years for which chinesecalendar has a Spring Festival holiday."""
    return tuple(sorted(_spans()))


def spring_festival(year: int) -> SpringFestival:
    """The official Spring Festival holiday of ``year``; ValueError if the package lacks it."""
    spans = _spans()
    if year not in spans:
        years = covered_years()
        raise ValueError(
            f"chinesecalendar has no Spring Festival holiday for {year}; "
            f"it covers {years[0]}-{years[-1]}"
        )
    return spans[year]


def spring_festivals():
    """Every covered year as a DataFrame.

    Columns: year (Int64), first_day, last_day (datetime64[ns]), days (Int64),
    makeup_workdays (``;``-joined ISO dates, "" if none), makeup_workday_count (Int64),
    in_lieu_day_count (Int64).
    """
    import pandas as pd

    rows = [_spans()[y] for y in covered_years()]
    return pd.DataFrame(
        {
            "year": pd.array([s.year for s in rows], dtype="Int64"),
            "first_day": pd.to_datetime([s.first_day for s in rows]).astype("datetime64[ns]"),
            "last_day": pd.to_datetime([s.last_day for s in rows]).astype("datetime64[ns]"),
            "days": pd.array([s.days for s in rows], dtype="Int64"),
            "makeup_workdays": pd.array(
                [";".join(d.isoformat() for d in s.makeup_workdays) for s in rows], dtype="str"
            ),
            "makeup_workday_count": pd.array([len(s.makeup_workdays) for s in rows], dtype="Int64"),
            "in_lieu_day_count": pd.array([len(s.in_lieu_days) for s in rows], dtype="Int64"),
        }
    )
