"""Checks of the dates: the announcement day, the campaign start, the official holiday."""

from __future__ import annotations

import re

from helpers.toolkit import langs

from ._core import (
    DOES_NOT_HOLD, HOLDS, PARTLY, Tables, announced_days, article_rows, calendar_year,
    campaign_rows, campaign_start, cannot, check, concat, day, event_rows, ids, outside, result,
)


@check
def announcement_date(t: Tables):
    """"Today, Monday": the sourced announcement day must be a Monday."""
    name = "announcement_date"
    days = announced_days(t)
    used = ids(outside(campaign_rows(t, "alibaba_qwen")).dropna(subset=["announced_on"]),
               event_rows(t, "alibaba_announcement"))
    if not days:
        return cannot(name, "no_date")
    if len(days) > 1:
        ordered = sorted(days)
        return result(name, PARTLY, {"dates": [d.isoformat() for d in ordered]}, "disagree", used,
                      days=ordered)
    announced = days.pop()
    numbers = {"announced_on": announced.isoformat(),
               "weekday": langs.get("en").weekdays[announced.weekday()]}
    says = "monday" if announced.weekday() == 0 else "not_monday"
    return result(name, HOLDS if says == "monday" else DOES_NOT_HOLD, numbers, says, used,
                  day=announced)


_DURING_THE_HOLIDAY = re.compile(r"during the Lunar New Year holiday", re.IGNORECASE)


def _windows(t: Tables):
    """The Alibaba campaign's sourced windows: (first day, last day or None when no end is
    sourced, rows), from the campaign rows and the events filed under the campaign."""
    c = outside(campaign_rows(t, "alibaba_qwen")).dropna(subset=["start_on"])
    e = outside(t["events"])
    e = e[e["campaign"].eq("alibaba_qwen") & e["category"].eq("campaign")]
    spans = [(day(r["start_on"]), day(r["end_on"]), r) for _, r in c.iterrows()]
    spans += [(day(r["date"]), day(r["end_date"]), r) for _, r in e.iterrows()]
    return spans


@check
def campaign_within_holiday(t: Tables):
    """"During the Lunar New Year holiday": the campaign's sourced windows against the
    official holiday (chinesecalendar). It holds when the campaign runs into the holiday
    (a window reaching it, or one begun before it with no sourced end); the explanation
    says how early it began, and whether the sources use the same words (Reuters, A01)."""
    name = "campaign_within_holiday"
    start = campaign_start(t)
    if start is None:
        return cannot(name, "no_start")
    hol = calendar_year(t, start.year)
    if hol is None:
        return cannot(name, "no_calendar", year=start.year)
    first, last = day(hol["first_day"]), day(hol["last_day"])
    spans = _windows(t)
    reaching = [(a, b, r) for a, b, r in spans if a <= last and (b is None or b >= first)]
    open_ended = [(a, b, r) for a, b, r in reaching if b is None and a < first]
    rows = concat(outside(campaign_rows(t, "alibaba_qwen")), event_rows(t, "alibaba_announcement"))
    same_words = rows[rows["quote"].str.contains(_DURING_THE_HOLIDAY, na=False)]
    lead = (first - start).days
    numbers = {"campaign_start": start.isoformat(), "holiday_first_day": first.isoformat(),
               "holiday_last_day": last.isoformat(), "days_before_holiday": lead,
               "windows_reaching_holiday": len(reaching),
               "reached_only_by_open_end": bool(reaching) and len(open_ended) == len(reaching),
               "sources_with_same_words": len(same_words)}
    read = {r["fact_id"] for _, _, r in spans if isinstance(r["fact_id"], str)} | set(ids(same_words))
    used = tuple(sorted(read)) + ("chinesecalendar",)
    fill = dict(start=start, first=first, last=last, lead=lead,
                open_start=max(a for a, _, _ in open_ended) if open_ended else None,
                fact_ids=list(ids(same_words)))
    words = ("same_words",) if len(same_words) else ("end",)
    if start > last:
        return result(name, DOES_NOT_HOLD, numbers, "after", used, **fill)
    if not reaching:
        end = max(b for _, b, _ in spans if b is not None) if spans else start
        return result(name, DOES_NOT_HOLD, numbers, "ended_before", used, ended=end, **fill)
    if start >= first:
        return result(name, HOLDS, numbers, ("inside",) + words, used, **fill)
    runs = "open_end" if len(open_ended) == len(reaching) else "through"
    return result(name, HOLDS, numbers, ("before", runs) + words, used, **fill)


@check
def campaign_start_alibaba(t: Tables):
    """"Will start on the sixth of February": the article row's start against the sourced one."""
    name = "campaign_start_alibaba"
    art = article_rows(campaign_rows(t, "alibaba_qwen")).dropna(subset=["start_on"])
    start = campaign_start(t)
    if art.empty or start is None:
        return cannot(name, "missing")
    claimed = day(art["start_on"].iloc[0])
    gap = abs((claimed - start).days)
    numbers = {"article": claimed.isoformat(), "sourced": start.isoformat(),
               "sourced_weekday": langs.get("en").weekdays[start.weekday()], "days_apart": gap}
    used = ids(art, outside(campaign_rows(t, "alibaba_qwen")).dropna(subset=["start_on"]),
               event_rows(t, "alibaba_campaign_start"))
    verdict = HOLDS if gap == 0 else PARTLY if gap == 1 else DOES_NOT_HOLD
    return result(name, verdict, numbers, ("dates", "same" if gap == 0 else "apart"), used,
                  claimed=claimed, start=start, gap=gap)


def _holiday_claim(t: Tables):
    """The article's holiday row (start date, quote) and its year."""
    art = event_rows(t, "spring_festival_holiday", source="article")
    if art.empty:
        return None, art
    return day(art["date"].iloc[0]), art


@check
def holiday_start(t: Tables):
    """"Will begin on 15 February": the article's date against chinesecalendar and the
    State Council notice (H01)."""
    name = "holiday_start"
    claimed, art = _holiday_claim(t)
    if claimed is None:
        return cannot(name, "no_article_row")
    hol = calendar_year(t, claimed.year)
    notice = event_rows(t, "spring_festival_holiday")
    if hol is None:
        return cannot(name, "no_calendar", ids(art), year=claimed.year)
    first = day(hol["first_day"])
    notice_days = sorted({day(v) for v in notice["date"]})
    numbers = {"article": claimed.isoformat(), "chinesecalendar": first.isoformat(),
               "notice": [d.isoformat() for d in notice_days]}
    agree = claimed == first and all(d == first for d in notice_days)
    used = ids(art, notice) + ("chinesecalendar",)
    return result(name, HOLDS if agree else DOES_NOT_HOLD, numbers, "agree" if agree else "differ",
                  used, claimed=claimed, first=first)


def _claimed_days(quote: str) -> int | None:
    """The number of days in the article's holiday sentence ("لمدة تسعة أيام" -> 9)."""
    match = re.search(r"لمدة\s+(\S+)\s+(?:أيام|يومًا|يوما)", quote)
    if not match:
        return None
    word = match.group(1)
    return int(word) if word.isascii() and word.isdigit() else langs.get("ar").number_words.get(word)


@check
def holiday_length(t: Tables):
    """"Last nine days": the number in the article's sentence against chinesecalendar and
    the State Council notice (H01)."""
    name = "holiday_length"
    claimed_start, art = _holiday_claim(t)
    days = _claimed_days(art["quote_ar"].iloc[0]) if not art.empty else None
    if days is None:
        return cannot(name, "no_number", ids(art))
    hol = calendar_year(t, claimed_start.year)
    if hol is None:
        return cannot(name, "no_calendar", ids(art), year=claimed_start.year)
    notice = event_rows(t, "spring_festival_holiday").dropna(subset=["end_date"])
    notice_days = sorted({(day(r["end_date"]) - day(r["date"])).days + 1 for _, r in notice.iterrows()})
    calendar_days = int(hol["days"])
    last = day(hol["last_day"])
    numbers = {"article": days, "chinesecalendar": calendar_days, "notice": notice_days,
               "last_day": last.isoformat()}
    used = ids(art, notice) + ("chinesecalendar",)
    agree = days == calendar_days and all(n == days for n in notice_days)
    return result(name, HOLDS if agree else DOES_NOT_HOLD, numbers, "agree" if agree else "differ",
                  used, days=days, calendar_days=calendar_days, first=day(hol["first_day"]), last=last)


@check
def holiday_longer_than_usual(t: Tables):
    """"Longer than usual": the year's length against the usual (most common) length of every
    Spring Festival holiday chinesecalendar covers; longer years are named, with the events
    row that explains them (the 2020 COVID-19 extension, H04)."""
    name = "holiday_longer_than_usual"
    claimed_start, art = _holiday_claim(t)
    if claimed_start is None:
        return cannot(name, "no_article_row")
    cal = t.spring_festivals
    this = calendar_year(t, claimed_start.year)
    others = cal[cal["year"].ne(claimed_start.year)]
    if this is None or others.empty:
        return cannot(name, "no_calendar", ids(art))
    lengths = others["days"].astype(int)
    usual = int(lengths.mode().min())
    days = int(this["days"])
    longer = others[others["days"].astype(int) > days]
    extensions = outside(t["events"])
    extensions = extensions[extensions["category"].eq("holiday") & extensions["end_date"].notna()]
    explained = []
    for _, year_row in longer.iterrows():
        match = extensions[(extensions["date"] == year_row["first_day"])
                           & (extensions["end_date"] == year_row["last_day"])]
        if not match.empty:
            explained.append((int(year_row["year"]), match))
    numbers = {"year": claimed_start.year, "days": days, "usual_days": usual,
               "years_compared": len(others), "years_at_usual": int((lengths == usual).sum()),
               "years_longer": [int(y) for y in longer["year"]],
               "longer_explained_by_extension": [y for y, _ in explained],
               "first_year": int(cal["year"].min()), "last_year": int(cal["year"].max())}
    used = ids(art, *(m for _, m in explained)) + ("chinesecalendar",)
    if days <= usual:
        return result(name, DOES_NOT_HOLD, numbers, "not_longer", used)
    if longer.empty:
        tail = ("none_longer",)
    elif len(explained) == len(longer):
        tail = ("only_longer", "extension", "end")
    else:
        tail = ("only_longer", "end")
    return result(name, HOLDS, numbers, ("longer",) + tail, used,
                  longer_years=", ".join(str(y) for y in numbers["years_longer"]))
