"""Side-by-side comparisons for the budgets (02) and calendar (03) notebooks.

    article_budgets(campaigns)          # one row per campaign: the article's budget, or "not public"
    pair_ratios({"a": 3e9, "b": 1e9})    # every pair, larger over smaller
    years_matching(calendar, first_day=(2, 15), days=9)   # which years fit the article's dates
    weekday_before(date(2026, 2, 6), 0)  # the last Monday before 6 Feb 2026

Derived values only: nothing here reads or writes a file (the callers pass tables loaded
with ``helpers.analysis.data.load`` and ``helpers.toolkit.holidays.spring_festivals``).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["article_budgets", "article_conversion", "Conversion", "pair_ratios", "years_matching",
           "weekday_before"]


def article_budgets(campaigns):
    """One row per campaign (in table order): the budget the article states, with the outside
    fact ids that state the same amount, or an empty budget when no source makes one public.

    Columns: campaign, company and app (glossary terms), role, budget_amount (Int64, NA when not public),
    budget_currency, paragraph (article paragraph, NA when the article has no figure),
    confirmed_by (``;``-joined fact ids of outside rows with the same amount and currency),
    public (bool: some row, article or outside, states a budget).
    """
    import pandas as pd

    rows = []
    for campaign, group in campaigns.groupby("campaign", sort=False):
        stated = group[group["budget_amount"].notna()]
        article = stated[stated["source"].eq("article")]
        chosen = article if not article.empty else stated
        first = group.iloc[0]
        if chosen.empty:
            amount, currency, paragraph, confirmed = pd.NA, pd.NA, pd.NA, ""
        else:
            row = chosen.iloc[0]
            amount, currency = row["budget_amount"], row["budget_currency"]
            paragraph = row["paragraph"] if row["source"] == "article" else pd.NA
            same = stated[stated["source"].ne("article") & stated["budget_amount"].eq(amount)
                          & stated["budget_currency"].eq(currency)]
            confirmed = ";".join(sorted(str(f) for f in same["fact_id"].dropna()))
        rows.append({"campaign": campaign, "company": first["company"], "app": first["app"], "role": first["role"],
                     "budget_amount": amount, "budget_currency": currency, "paragraph": paragraph,
                     "confirmed_by": confirmed, "public": not chosen.empty})
    frame = pd.DataFrame(rows)
    frame["budget_amount"] = frame["budget_amount"].astype("Int64")
    frame["paragraph"] = frame["paragraph"].astype("Int64")
    return frame


@dataclass(frozen=True)
class Conversion:
    """The article's own conversion of a budget: 3 bn yuan "equivalent to about" USD 431 m."""

    campaign: str
    amount: int
    currency: str
    reported_amount: int
    reported_currency: str
    paragraph: int

    @property
    def rate(self) -> float:
        """Units of ``currency`` per unit of ``reported_currency`` the article implies."""
        return self.amount / self.reported_amount


def article_conversion(campaigns) -> Conversion | None:
    """The article row that gives a budget in two currencies (fact F06: the rate is computed
    from it, never typed), or None when the article converts nothing."""
    rows = campaigns[campaigns["source"].eq("article") & campaigns["budget_amount"].notna()
                     & campaigns["reported_amount"].notna()]
    if rows.empty:
        return None
    row = rows.iloc[0]
    return Conversion(row["campaign"], int(row["budget_amount"]), row["budget_currency"],
                      int(row["reported_amount"]), row["reported_currency"], int(row["paragraph"]))


def pair_ratios(amounts: Mapping[str, float]):
    """Every pair of ``amounts`` as larger ÷ smaller (ties: the earlier key on top).

    Columns: larger, smaller, ratio (float).  ValueError if an amount is missing, zero or
    negative: a ratio against it would be meaningless, not infinite.
    """
    import pandas as pd

    items = list(amounts.items())
    for key, value in items:
        if value is None or pd.isna(value) or value <= 0:
            raise ValueError(f"amount for {key!r} must be a positive number, got {value!r}")
    rows = []
    for i, (a, va) in enumerate(items):
        for b, vb in items[i + 1:]:
            (hi, vhi), (lo, vlo) = ((a, va), (b, vb)) if va >= vb else ((b, vb), (a, va))
            rows.append({"larger": hi, "smaller": lo, "ratio": float(vhi) / float(vlo)})
    return pd.DataFrame(rows, columns=["larger", "smaller", "ratio"])


def years_matching(calendar, *, first_day: tuple[int, int], days: int):
    """Which covered years have a Spring Festival holiday that starts on ``first_day``
    (month, day) and lasts ``days`` days: the article's two holiday facts, given without a year.

    ``calendar`` is ``helpers.toolkit.holidays.spring_festivals()`` (or a frame like it).  Columns:
    year, first_day, days, starts_as_claimed, lasts_as_claimed, matches (both).
    """
    month, day = first_day
    starts = calendar["first_day"].dt.month.eq(month) & calendar["first_day"].dt.day.eq(day)
    lasts = calendar["days"].astype(int).eq(days)
    return calendar[["year", "first_day", "days"]].assign(
        starts_as_claimed=starts.astype(bool), lasts_as_claimed=lasts.astype(bool),
        matches=(starts & lasts).astype(bool),
    ).reset_index(drop=True)


def weekday_before(day: dt.date, weekday: int) -> dt.date:
    """The latest date strictly before ``day`` that falls on ``weekday`` (0 = Monday).

    The article announces on "today, Monday" a campaign that "will start on 6 February":
    the announcement is a Monday before that day, at most a week before if it is the nearest.
    """
    if not 0 <= weekday <= 6:
        raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), got {weekday!r}")
    back = (day.weekday() - weekday) % 7 or 7
    return day - dt.timedelta(days=back)
