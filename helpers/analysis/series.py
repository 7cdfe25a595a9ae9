"""Small helpers for the context notebooks (04 WeChat series, 05 DeepSeek timeline).

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
count = fmt.count  # kept for the notebooks until they call fmt.count
_as_date = fmt.as_date

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
