"""Small helpers for the context notebooks (04 WeChat series, 05 DeepSeek timeline).

- :func:`count` writes a count as the press does ("1.01 bn" / "1.01 مليار"), for point
  labels and findings in both languages; it reuses :func:`helpers.toolkit.fmt.money`'s number words
  (and so its Arabic plural rules) without a currency.
- :func:`day_month` writes a short date in either language.
- :func:`stagger` gives each dated label of a timeline a row, so that labels close in time
  do not overlap.

Design notes: both are plain Python on top of ``helpers.toolkit.fmt``; no plotting library offers
label de-overlapping for a dated strip (adjustText moves labels freely, which breaks the
"one row per level" reading of a timeline and is not deterministic across versions), and a
greedy row assignment is a dozen lines that a test can pin down.
"""

from __future__ import annotations

import datetime as dt
from typing import Sequence

from helpers.toolkit import fmt

__all__ = ["count", "stagger", "day_month"]

# Dates for people live in helpers.toolkit.fmt; re-exported for the timeline notebooks.
day_month = fmt.day_month
_as_date = fmt.as_date

_EN_SHORT = {"billion": "bn", "million": "m"}


def count(value, lang: str = "en") -> str:
    """A count for people: ``count(1_010_000_000, "en") == "1.01 bn"``, ``"ar"`` → ``"1.01 مليار"``.

    Below a million the number is written in full with grouping (``"5,000"``). Up to two
    decimals, rounded half up (``helpers.toolkit.fmt`` rules). ValueError for a negative or missing value.
    """
    from helpers.toolkit import fmt

    if value is None or value != value or value < 0:  # value != value: NaN
        raise ValueError(f"count() needs a number >= 0, got {value!r}")
    if fmt.scale_for(value) is None:
        return fmt.number(value, lang)
    text = fmt.money(value, "CNY", lang)
    if lang == "ar":
        return text.removesuffix(" يوان")
    number, word = text.removeprefix("CNY ").split(" ")
    return f"{number} {_EN_SHORT[word]}"


def stagger(dates: Sequence, min_gap_days: float, levels: int) -> list[int]:
    """Row (0 … levels-1) for each label of a timeline, given the labels' dates.

    Labels are taken in date order (ties in input order); each goes to the lowest row whose
    last label is at least ``min_gap_days`` earlier, or, when every row is too close, to the
    row whose last label is furthest back. Returned in the input order. Deterministic, so a
    figure re-drawn from the same data puts every label in the same place.
    """
    if levels < 1:
        raise ValueError(f"levels must be >= 1, got {levels}")
    days = [_as_date(d) for d in dates]
    order = sorted(range(len(days)), key=lambda i: (days[i], i))
    last: list[dt.date | None] = [None] * levels
    rows = [0] * len(days)
    for i in order:
        free = [r for r in range(levels) if last[r] is None or (days[i] - last[r]).days >= min_gap_days]
        row = free[0] if free else min(range(levels), key=lambda r: (last[r], r))
        rows[i] = row
        last[row] = days[i]
    return rows
