"""Checks of the DeepSeek context: R1's release, the stir it caused, what followed."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ._core import (
    DOES_NOT_HOLD, HOLDS, PARTLY, Tables, announced_on, cannot, check, day, event_rows, ids,
    localized, outside, result,
)

#: "caused a global stir": the reactions must come within this many days of the release.
STIR_WINDOW_DAYS = 14
__all__ = ["STIR_WINDOW_DAYS"]


def _r1_release(t: Tables):
    """The sourced day of DeepSeek-R1's release (D02), with its rows."""
    rows = event_rows(t, "deepseek_r1_release")
    rows = rows[rows["precision"].eq("day")]
    return (day(rows["date"].min()), rows) if not rows.empty else (None, rows)


@check
def r1_release_month(t: Tables):
    """"R1 ... in January": the sourced release day (D02) against the article's month, and
    against the January a reader of an article dated February 2026 would assume."""
    name = "r1_release_month"
    art = event_rows(t, "deepseek_r1_release", source="article")
    released, rows = _r1_release(t)
    published = announced_on(t)
    if art.empty or released is None or published is None:
        return cannot(name, "missing")
    month = day(art["date"].iloc[0]).month
    assumed_year = published.year if published.month >= month else published.year - 1
    from helpers.toolkit import fmt

    numbers = {"article_month": fmt.month_name(month, "en"), "released_on": released.isoformat(),
               "article_date": published.isoformat(), "year_a_reader_assumes": assumed_year}
    fill = dict(released=released, month=month, published=published, released_year=released.year)
    if released.month != month:
        return result(name, DOES_NOT_HOLD, numbers, "other_month", ids(art, rows), **fill)
    if released.year == assumed_year:
        return result(name, HOLDS, numbers, "that_january", ids(art, rows), **fill)
    return result(name, PARTLY, numbers, "earlier_january", ids(art, rows), **fill)


@check
def r1_global_impact(t: Tables):
    """"A global stir": a US App Store No. 1 and a market reaction within STIR_WINDOW_DAYS."""
    name = "r1_global_impact"
    released, rows = _r1_release(t)
    if released is None:
        return cannot(name, "missing")
    e = outside(t["events"])
    days = (e["date"].dt.date - released).apply(lambda d: d.days)
    near = e[(days > 0) & (days <= STIR_WINDOW_DAYS)]
    store, market = near[near["category"].eq("app_store")], near[near["category"].eq("market")]
    numbers = {"app_store_rows": len(store), "market_rows": len(market),
               "first_app_store_day": day(store["date"].min()).isoformat() if not store.empty else None,
               "market_day": day(market["date"].min()).isoformat() if not market.empty else None,
               "window_days": STIR_WINDOW_DAYS}
    verdict = HOLDS if len(store) and len(market) else PARTLY if len(store) or len(market) else DOES_NOT_HOLD
    used = ids(rows, store, market)
    if verdict == DOES_NOT_HOLD:
        return result(name, verdict, numbers, "none", used)
    parts = [key for key, frame in (("store", store), ("market", market)) if len(frame)]
    says = ("within", parts[0]) + (("sep", parts[1]) if len(parts) == 2 else ()) + ("end",)
    return result(name, verdict, numbers, says, used, released=released,
                  store_day=day(store["date"].min()) if len(store) else None,
                  market_day=day(market["date"].min()) if len(market) else None,
                  market_title=localized(market, "title") if len(market) else None)


def _releases_after_r1(t: Tables, categories=("model_release",)):
    released, _rows = _r1_release(t)
    published = announced_on(t)
    e = outside(t["events"])
    if released is None or published is None:
        return released, published, e.iloc[0:0]
    dates = e["date"].dt.date
    after = e[e["category"].isin(categories) & (dates > released) & (dates < published)
              & e["event"].ne("deepseek_r1_release")]
    return released, published, after.sort_values("date")


def _label(frame, row: int):
    """An event's short timeline label in every language, or its title if it has none."""
    column = "short" if pd.notna(frame["short_en"].iloc[row]) else "title"
    return localized(frame, column, row)


@check
def r1_domestic_pace(t: Tables):
    """"Accelerated the pace of domestic innovation": Chinese model releases between R1 and
    the article (releases dated after the article are not counted; those by R1's own
    developer are counted apart), against the releases on record in as many days before R1.

    Acceleration is a change of pace, so it can only be shown against such a baseline.
    events.csv records releases from R1 on, so no row before R1 means no baseline, not a
    pace of zero: the releases then show activity, not acceleration, and the claim holds
    only in part (the same causal reading as consumer_ai_push)."""
    name = "r1_domestic_pace"
    released, published, after = _releases_after_r1(t)
    if released is None or published is None:
        return cannot(name, "missing")
    r1_rows = _r1_release(t)[1]
    e = outside(t["events"])
    releases = e[e["category"].eq("model_release") & e["event"].ne("deepseek_r1_release")]
    dates = releases["date"].dt.date
    window = (published - released).days
    before = releases[(dates < released) & (dates >= released - dt.timedelta(days=window))]
    later = releases[dates >= published].sort_values("date")
    n = after["event"].nunique()
    own = after[after["actor"].isin(set(r1_rows["actor"].dropna()))]["event"].nunique()
    numbers = {"releases_between": n, "by_r1_developer": own, "by_others": n - own,
               "first_release_days_after_r1": (day(after["date"].min()) - released).days if n else None,
               "releases": [str(v) for v in after["title_en"]], "window_days": window,
               "releases_before_r1": before["event"].nunique() if not before.empty else None,
               "not_counted_after_article": [str(v) for v in later["title_en"]]}
    if not n:
        return result(name, DOES_NOT_HOLD, numbers, "none", ids(r1_rows))
    fill = {"first": _label(after, 0), "later": [_label(later, i) for i in range(len(later))]}
    tail = ("later",) if len(later) else ()
    if before.empty:
        return result(name, PARTLY, numbers, ("releases", "no_baseline") + tail,
                      ids(after, r1_rows), **fill)
    faster = n > numbers["releases_before_r1"]
    return result(name, HOLDS if faster else DOES_NOT_HOLD, numbers,
                  ("releases", "faster" if faster else "not_faster") + tail,
                  ids(after, before, r1_rows), **fill)


@check
def consumer_ai_push(t: Tables):
    """"Prompting companies such as Alibaba to step up consumer AI": Alibaba's Qwen releases and
    app steps after R1 are on record; that R1 *caused* them cannot be measured, so the best
    this check can return is "partly holds"."""
    name = "consumer_ai_push"
    released, published, after = _releases_after_r1(t, ("model_release", "app_release"))
    if released is None:
        return cannot(name, "missing")
    qwen = after[after["event"].str.startswith("qwen")]
    numbers = {"alibaba_steps_after_r1": len(qwen),
               "first_step_days_after_r1": (day(qwen["date"].min()) - released).days if len(qwen) else None,
               "steps": [str(v) for v in qwen["title_en"]]}
    if qwen.empty:
        return result(name, DOES_NOT_HOLD, numbers, "none")
    return result(name, PARTLY, numbers, "steps", ids(qwen))
