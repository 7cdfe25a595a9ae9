"""The fact-check: one function per ``check`` id in ``data/claims.csv``.

Every claim the article makes is listed in ``claims.csv`` with a curated verdict.  This
module recomputes each verdict from the tables themselves (``helpers.analysis.data.load``) and the
official holiday calendar (``helpers.toolkit.holidays``), so that a curated verdict can never drift
away from the numbers behind it: the tests require the computed verdict to equal the
curated one, and show that a changed table changes the computed verdict.

    from helpers.analysis import checks
    checks.run_all()                      # DataFrame, one row per claim
    checks.ratio_alibaba_vs_each()        # Result(verdict="partly holds", numbers={...}, ...)

Dependency injection: every check takes one argument, the tables to read.  By default the
curated files are loaded (each once per :class:`Tables`); a test passes modified copies::

    checks.ratio_alibaba_vs_each({"campaigns": edited_frame})
    checks.run_all(checks.Tables(paths={"campaigns": tmp_copy}))   # via data.load(path=...)
    checks.holiday_longer_than_usual(checks.Tables(spring_festivals=edited_calendar))

Each check returns a :class:`Result`: the verdict (one of ``helpers.analysis.data.VERDICTS``), the key
numbers it computed, a one-line explanation in English and in Arabic, and the facts.md ids
(or "chinesecalendar") of the rows it read.  Thresholds that turn numbers into words
("almost three times", "a tradition") are named constants below, so a reader can argue
with them.

Design notes
------------
- Plain functions over pandas frames, no rules engine or validation library (pandera,
  Great Expectations): a check is a short piece of arithmetic or date logic plus two
  sentences, and reads best as code; the tables are already validated by
  ``helpers.analysis.data.load``.  pandas is the collection's table library, so nothing new is
  installed.
- One registry (``CHECKS``) filled by the ``@_check`` decorator from the functions' own
  names, so "every check id has a function, and no orphan functions" is a set comparison.
- A check never raises on missing data: with nothing to stand on it returns "cannot be
  checked" and says why (tested with every table emptied).
- Checks that rest on facts.md facts not carried into the tables (e.g. A05, D14, X01) read
  the nearest table rows instead (the quotes of the announcement-day rows, the events
  timeline); the curated ``evidence`` column still cites the facts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from helpers.analysis import data

__all__ = [
    "HOLDS",
    "PARTLY",
    "DOES_NOT_HOLD",
    "CANNOT",
    "VERDICTS",
    "VERDICT_LABELS",
    "Result",
    "Tables",
    "CHECKS",
    "run",
    "run_all",
    "verdict_counts",
    "sentences",
    "english_for",
    "coverage",
]

HOLDS, PARTLY, DOES_NOT_HOLD, CANNOT = data.VERDICTS
VERDICTS = data.VERDICTS
#: How each verdict reads in each language (for tables and figures).
VERDICT_LABELS = {
    "en": {v: v for v in VERDICTS},
    "ar": {
        HOLDS: "صحيح",
        PARTLY: "صحيح جزئيًا",
        DOES_NOT_HOLD: "غير صحيح",
        CANNOT: "لا يمكن التحقق منه",
    },
}

#: "almost three times": a ratio within this distance of 3 counts as "almost three".
ALMOST_TOLERANCE = 0.5
#: An amount or a USD conversion within this share of the sourced value is "about" it.
ABOUT_SHARE = 0.02
#: A budget that differs from the sourced one by less than this share is a rounding, not an error.
ROUNDING_SHARE = 0.05
#: "traditional": red-envelope campaigns on record for at least this many seasons before
#: the article's year, run by at least TRADITION_MIN_SPONSORS different sponsors.
TRADITION_MIN_YEARS = 10
TRADITION_MIN_SPONSORS = 3
#: "caused a global stir": the reactions must come within this many days of the release.
STIR_WINDOW_DAYS = 14
#: "accelerated the pace": a first follow-up release within this many days of R1, and at
#: least PACE_MIN_RELEASES releases between R1 and the article.
PACE_FIRST_WITHIN_DAYS = 30
PACE_MIN_RELEASES = 3

_WEEKDAYS_EN = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_WEEKDAYS_AR = "الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد".split()
#: Arabic number words the article uses for small counts ("تسعة أيام").
_ARABIC_COUNTS = {
    "ثلاثة": 3, "أربعة": 4, "خمسة": 5, "ستة": 6, "سبعة": 7,
    "ثمانية": 8, "تسعة": 9, "عشرة": 10,
}


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class Result:
    """What one check found: verdict, key numbers, explanation in both languages, sources."""

    check: str
    verdict: str
    numbers: dict = field(default_factory=dict)
    explanation_en: str = ""
    explanation_ar: str = ""
    sources: tuple[str, ...] = ()  # facts.md ids or "chinesecalendar" of the rows read

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"check {self.check!r}: verdict {self.verdict!r} not in {VERDICTS}")


# --------------------------------------------------------------------------- tables
class Tables:
    """The tables a check reads, loaded lazily and once.

    ``frames`` maps a table name to a DataFrame to use instead of the file; ``paths`` maps
    a table name to a CSV read with ``helpers.analysis.data.load(table, path=...)`` (so a modified
    copy is validated like the real file); ``spring_festivals`` replaces the calendar from
    ``helpers.toolkit.holidays.spring_festivals()``.  Anything not given comes from data/.
    """

    def __init__(
        self,
        frames: Mapping[str, object] | None = None,
        *,
        paths: Mapping[str, str | Path] | None = None,
        spring_festivals=None,
    ):
        self._frames = dict(frames or {})
        self._paths = dict(paths or {})
        self._calendar = spring_festivals

    def __getitem__(self, table: str):
        if table not in self._frames:
            self._frames[table] = data.load(table, path=self._paths.get(table))
        return self._frames[table]

    @property
    def spring_festivals(self):
        """One row per year chinesecalendar covers (see helpers.toolkit.holidays.spring_festivals)."""
        if self._calendar is None:
            from helpers.toolkit import holidays

            self._calendar = holidays.spring_festivals()
        return self._calendar

    @classmethod
    def of(cls, tables: "Tables | Mapping[str, object] | None") -> "Tables":
        """Accept a Tables, a {name: DataFrame} mapping, or None (the curated files)."""
        if isinstance(tables, Tables):
            return tables
        return cls(tables)


TablesLike = "Tables | Mapping[str, object] | None"
CHECKS: dict[str, Callable[..., Result]] = {}


def _check(fn: Callable[[Tables], Result]) -> Callable[..., Result]:
    """Register ``fn`` under its own name (= the check id in claims.csv)."""

    def wrapper(tables: TablesLike = None) -> Result:
        return fn(Tables.of(tables))

    wrapper.__name__ = wrapper.__qualname__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    CHECKS[fn.__name__] = wrapper
    return wrapper


def run(check: str, tables: TablesLike = None) -> Result:
    """Run one check by its id."""
    try:
        return CHECKS[check](tables)
    except KeyError:
        raise ValueError(f"no check {check!r}; known: {', '.join(sorted(CHECKS))}") from None


# --------------------------------------------------------------------------- small helpers
def _date(value) -> dt.date | None:
    import pandas as pd

    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _d_en(d: dt.date) -> str:
    from helpers.toolkit import fmt

    return fmt.day_month(d, "en", year=True)


def _d_ar(d: dt.date) -> str:
    from helpers.toolkit import fmt

    return fmt.day_month(d, "ar", year=True)


def _month(month: int, lang: str) -> str:
    from helpers.toolkit import fmt

    return fmt.month_name(month, lang)


def _money(amount, currency: str, lang: str) -> str:
    from helpers.toolkit import fmt

    return fmt.money(int(amount), currency, lang)


def _ids(*frames) -> tuple[str, ...]:
    """The facts.md ids of the outside rows in ``frames``, and 'article' for article rows."""
    found = set()
    for frame in frames:
        if frame is None or len(frame) == 0:
            continue
        if "fact_id" in frame:
            found.update(str(f) for f in frame["fact_id"].dropna())
        if (frame["source"] == "article").any():
            found.add("article")
    return tuple(sorted(found))


def _outside(frame):
    return frame[frame["source"].ne("article")]


def _article(frame):
    return frame[frame["source"].eq("article")]


def _campaign(t: Tables, campaign: str):
    c = t["campaigns"]
    return c[c["campaign"].eq(campaign)]


def _event(t: Tables, event: str, *, source: str = "outside"):
    e = t["events"]
    rows = e[e["event"].eq(event)]
    return _article(rows) if source == "article" else _outside(rows)


def _texts(frame, columns=("quote", "incentives", "app_in_source", "title_en")) -> list[str]:
    """The non-empty text cells of ``frame`` in ``columns`` (those it has)."""
    out = []
    for col in columns:
        if col in frame:
            out += [str(v) for v in frame[col].dropna()]
    return out


def _announcement_date(t: Tables) -> dt.date | None:
    """Alibaba's announcement day, from the outside sources (A01): the article's "today"."""
    days = _announcement_dates(t)
    return min(days) if days else None


def _announcement_dates(t: Tables) -> set[dt.date]:
    rows = _outside(_campaign(t, "alibaba_qwen"))
    days = {_date(v) for v in rows["announced_on"].dropna()}
    days |= {_date(v) for v in _event(t, "alibaba_announcement")["date"].dropna()}
    return days


def _article_budget(t: Tables, campaign: str):
    """(amount, currency, row) of the article's budget for ``campaign``, or None."""
    rows = _article(_campaign(t, campaign))
    rows = rows[rows["budget_amount"].notna()]
    if rows.empty:
        return None
    row = rows.iloc[0]
    return int(row["budget_amount"]), row["budget_currency"], rows


def _calendar_year(t: Tables, year: int):
    cal = t.spring_festivals
    rows = cal[cal["year"].eq(year)]
    return None if rows.empty else rows.iloc[0]


def _r1_release(t: Tables):
    """The sourced day of DeepSeek-R1's release (D02), with its rows."""
    rows = _event(t, "deepseek_r1_release")
    rows = rows[rows["precision"].eq("day")]
    return (_date(rows["date"].min()), rows) if not rows.empty else (None, rows)


def _concat(*frames):
    """Rows of several frames (different tables) in one frame; empty frames are skipped."""
    import pandas as pd

    kept = [f for f in frames if len(f)]
    return pd.concat(kept, ignore_index=True) if kept else frames[0]


def _count(n, lang: str) -> str:
    """A count in words as the press writes it ("5 million" / "5 ملايين"): fmt.money's
    number words without the currency."""
    return _money(n, "CNY", lang).removeprefix("CNY ").removesuffix(" يوان")


def _join(items, lang: str) -> str:
    """'a, b and c' / 'أ وب وج'."""
    items = list(items)
    if lang == "ar":
        return " و".join(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _cannot(check: str, en: str, ar: str, sources=()) -> Result:
    return Result(check, CANNOT, {}, en, ar, tuple(sources))


# --------------------------------------------------------------------------- paragraph 0-1
@_check
def usd_conversion_alibaba(t: Tables) -> Result:
    """USD 431 m must lie within the 3 bn yuan converted at the sourced rates between the
    announcement and the campaign start (PBOC midpoint, onshore/offshore spot, closes)."""
    name = "usd_conversion_alibaba"
    rows = _article(_campaign(t, "alibaba_qwen"))
    rows = rows[rows["budget_amount"].notna() & rows["reported_amount"].notna()]
    announced, start = _announcement_date(t), _campaign_start(t)
    if rows.empty or announced is None or start is None:
        return _cannot(name, "No article row with both the yuan and the dollar figure, or no "
                       "announcement/start date.", "لا يوجد صف يجمع المبلغين أو تاريخا الإعلان والانطلاق.")
    row = rows.iloc[0]
    budget, reported = int(row["budget_amount"]), int(row["reported_amount"])
    fx = t["context_fx"]
    dates = fx["date"].dt.date
    window = fx[(dates >= announced) & (dates <= start)]
    if row["budget_currency"] != "CNY" or row["reported_currency"] != "USD" or window.empty:
        return _cannot(name, "No USD/CNY rate between the announcement and the campaign start.",
                       "لا يوجد سعر صرف بين الإعلان وانطلاق الحملة.", _ids(rows))
    usd = [budget / float(r) for r in window["cny_per_usd"]]
    low, high = min(usd), max(usd)
    implied = budget / reported
    numbers = {
        "budget_cny": budget, "reported_usd": reported, "implied_cny_per_usd": round(implied, 4),
        "usd_low": round(low), "usd_high": round(high), "rates_compared": len(usd),
        "rate_low": float(window["cny_per_usd"].min()), "rate_high": float(window["cny_per_usd"].max()),
    }
    rng_en = f"{_money(low, 'USD', 'en')}–{_money(high, 'USD', 'en').removeprefix('USD ')}"
    rng_ar = f"{_money(low, 'USD', 'ar')} و{_money(high, 'USD', 'ar')}"
    if low <= reported <= high:
        verdict = HOLDS
        en = (f"{_money(budget, 'CNY', 'en')} at the {len(usd)} sourced rates of {_d_en(announced)}–"
              f"{_d_en(start)} is {rng_en}; the article's {_money(reported, 'USD', 'en')} lies inside "
              f"(implied rate {implied:.4f}).")
        ar = (f"{_money(budget, 'CNY', 'ar')} بأسعار الصرف الموثقة ({len(usd)}) تساوي ما بين {rng_ar}، "
              f"ورقم المقال {_money(reported, 'USD', 'ar')} يقع ضمنها (السعر الضمني {implied:.4f}).")
    else:
        off = min(abs(reported - low), abs(reported - high)) / reported
        verdict = PARTLY if off <= ABOUT_SHARE else DOES_NOT_HOLD
        en = (f"{_money(budget, 'CNY', 'en')} at the sourced rates is {rng_en}; the article's "
              f"{_money(reported, 'USD', 'en')} is {off:.1%} outside (implied rate {implied:.4f}).")
        ar = (f"{_money(budget, 'CNY', 'ar')} بأسعار الصرف الموثقة تساوي ما بين {rng_ar}؛ ورقم المقال "
              f"{_money(reported, 'USD', 'ar')} يقع خارجها بنسبة {off:.1%} (السعر الضمني {implied:.4f}).")
    return Result(name, verdict, numbers, en, ar, _ids(rows, window))


@_check
def announcement_date(t: Tables) -> Result:
    """"Today, Monday": the sourced announcement day must be a Monday."""
    name = "announcement_date"
    days = _announcement_dates(t)
    used = _ids(_outside(_campaign(t, "alibaba_qwen")).dropna(subset=["announced_on"]),
                _event(t, "alibaba_announcement"))
    if not days:
        return _cannot(name, "No sourced announcement date.", "لا يوجد تاريخ إعلان موثق.")
    if len(days) > 1:
        listed = ", ".join(_d_en(d) for d in sorted(days))
        return Result(name, PARTLY, {"dates": [d.isoformat() for d in sorted(days)]},
                      f"The sources disagree on the announcement day: {listed}.",
                      "المصادر تختلف في يوم الإعلان: " + "، ".join(_d_ar(d) for d in sorted(days)) + ".",
                      used)
    day = days.pop()
    numbers = {"announced_on": day.isoformat(), "weekday": _WEEKDAYS_EN[day.weekday()]}
    if day.weekday() == 0:
        return Result(name, HOLDS, numbers,
                      f"Alibaba announced on {_d_en(day)}, a Monday; the article's \"today\" is that day.",
                      f"أعلنت علي بابا يوم {_d_ar(day)}، وهو يوم اثنين؛ و\"اليوم\" في المقال هو ذلك اليوم.",
                      used)
    return Result(name, DOES_NOT_HOLD, numbers,
                  f"Alibaba announced on {_d_en(day)}, a {_WEEKDAYS_EN[day.weekday()]}, not a Monday.",
                  f"أعلنت علي بابا يوم {_d_ar(day)}، وهو يوم {_WEEKDAYS_AR[day.weekday()]} لا الاثنين.",
                  used)


def _budget(t: Tables, name: str, campaign: str) -> Result:
    """The article's budget for ``campaign`` against every outside row that states one."""
    art = _article_budget(t, campaign)
    rows = _outside(_campaign(t, campaign))
    rows = rows[rows["budget_amount"].notna()]
    if art is None or rows.empty:
        return _cannot(name, "The article's budget or a sourced budget is missing.",
                       "ميزانية المقال أو ميزانية موثقة غير متوفرة.", _ids(rows))
    claimed, currency, art_rows = art
    rows = rows[rows["budget_currency"].eq(currency)]
    sourced = sorted({int(v) for v in rows["budget_amount"]})
    if not sourced:
        return _cannot(name, f"No sourced budget in {currency}.", "لا توجد ميزانية موثقة بالعملة نفسها.",
                       _ids(art_rows))
    company_en = rows["company"].iloc[0]
    company_ar = rows["company_ar"].iloc[0]
    worst = max(abs(v - claimed) for v in sourced) / max(sourced)
    numbers = {"article": claimed, "sourced": sourced, "currency": currency,
               "largest_difference_share": round(worst, 4)}
    src_en = " / ".join(_money(v, currency, "en") for v in sourced)
    src_ar = " / ".join(_money(v, currency, "ar") for v in sourced)
    ids = ", ".join(_ids(rows))
    if worst == 0:
        verdict, en_how, ar_how = HOLDS, "matches", "يطابق"
    elif worst <= ROUNDING_SHARE:
        verdict, en_how, ar_how = PARTLY, "roughly matches", "يقارب"
    else:
        verdict, en_how, ar_how = DOES_NOT_HOLD, "does not match", "لا يطابق"
    en = (f"The article's {_money(claimed, currency, 'en')} for {company_en} {en_how} the sourced "
          f"{src_en} ({ids}).")
    ar = (f"رقم المقال لـ{company_ar} ({_money(claimed, currency, 'ar')}) {ar_how} الرقم الموثق "
          f"{src_ar} ({ids}).")
    return Result(name, verdict, numbers, en, ar, _ids(art_rows, rows))


@_check
def budget_alibaba(t: Tables) -> Result:
    """The article's 3 bn yuan for Alibaba against the sourced amount (A01)."""
    return _budget(t, "budget_alibaba", "alibaba_qwen")


def _campaign_start(t: Tables) -> dt.date | None:
    rows = _outside(_campaign(t, "alibaba_qwen"))
    days = [_date(v) for v in rows["start_on"].dropna()]
    days += [_date(v) for v in _event(t, "alibaba_campaign_start")["date"].dropna()]
    return min(days) if days else None


@_check
def campaign_within_holiday(t: Tables) -> Result:
    """"During the Lunar New Year holiday": the sourced campaign start against the official
    holiday (chinesecalendar)."""
    name = "campaign_within_holiday"
    start = _campaign_start(t)
    if start is None:
        return _cannot(name, "No sourced campaign start.", "لا يوجد تاريخ انطلاق موثق.")
    hol = _calendar_year(t, start.year)
    if hol is None:
        return _cannot(name, f"chinesecalendar has no holiday for {start.year}.",
                       f"لا تتضمن chinesecalendar عطلة عام {start.year}.")
    first, last = _date(hol["first_day"]), _date(hol["last_day"])
    lead = (first - start).days
    numbers = {"campaign_start": start.isoformat(), "holiday_first_day": first.isoformat(),
               "holiday_last_day": last.isoformat(), "days_before_holiday": lead}
    used = _ids(_outside(_campaign(t, "alibaba_qwen")).dropna(subset=["start_on"]),
                _event(t, "alibaba_campaign_start")) + ("chinesecalendar",)
    if first <= start <= last:
        return Result(name, HOLDS, numbers,
                      f"The campaign starts on {_d_en(start)}, inside the holiday ({_d_en(first)}–{_d_en(last)}).",
                      f"تنطلق الحملة في {_d_ar(start)} داخل العطلة ({_d_ar(first)} – {_d_ar(last)}).",
                      used)
    if start < first:
        return Result(name, PARTLY, numbers,
                      f"The campaign starts on {_d_en(start)}, {lead} days before the official holiday "
                      f"({_d_en(first)}–{_d_en(last)}): it covers the run-up as well as the holiday.",
                      f"تنطلق الحملة في {_d_ar(start)}، قبل العطلة الرسمية ({_d_ar(first)} – {_d_ar(last)}) "
                      f"بـ{lead} أيام: فهي تشمل الأيام السابقة للعطلة أيضًا.",
                      used)
    return Result(name, DOES_NOT_HOLD, numbers,
                  f"The campaign starts on {_d_en(start)}, after the holiday ended on {_d_en(last)}.",
                  f"تنطلق الحملة في {_d_ar(start)} بعد انتهاء العطلة في {_d_ar(last)}.", used)


@_check
def rival_campaigns(t: Tables) -> Result:
    """Competition among tech giants: how many other companies ran sourced AI-app campaigns
    in the same Spring Festival, and how close together they were announced."""
    name = "rival_campaigns"
    announced = _announcement_date(t)
    if announced is None:
        return _cannot(name, "No announcement date for Alibaba.", "لا يوجد تاريخ لإعلان علي بابا.")
    c = _outside(t["campaigns"])
    facts_cols = ["budget_amount", "per_user_cap_amount", "announced_on", "start_on"]
    active = c[c[facts_cols].notna().any(axis=1)]
    rivals = sorted(set(active["campaign"]) - {"alibaba_qwen"})
    rival_rows = active[active["campaign"].isin(rivals)]
    dates = [_date(v) for v in active["announced_on"].dropna()]
    span = (max(dates) - min(dates)).days if dates else None
    gala = t["context_gala"]
    total = gala[gala["year"].eq(announced.year) & gala["scope"].eq("industry_total")]
    budgets = [b for b in (_article_budget(t, k) for k in sorted(set(c["campaign"]))) if b]
    numbers = {
        "campaigns": len(rivals) + 1,
        "rivals": rivals,
        "announcement_span_days": span,
        "declared_total_cny": int(total["amount"].iloc[0]) if not total.empty else None,
        "article_budgets_sum_cny": sum(b[0] for b in budgets if b[1] == "CNY"),
        "earlier_gala_sponsors": int(gala[gala["scope"].eq("company") &
                                          gala["year"].lt(announced.year)]["company"].nunique()),
    }
    firsts = active.drop_duplicates("campaign")  # one row per campaign, in table order
    names_en = _join(firsts["company"], "en")
    names_ar = _join(firsts["company_ar"], "ar")
    verdict = HOLDS if len(rivals) >= 2 else PARTLY if len(rivals) == 1 else DOES_NOT_HOLD
    span_en = f" announced within {span} days" if span is not None else ""
    span_ar = f" أُعلنت خلال {span} يومًا" if span is not None else ""
    if rivals:
        en = (f"{len(rivals) + 1} AI-app Spring Festival campaigns in {announced.year}{span_en}: "
              f"{names_en}.")
        ar = (f"{len(rivals) + 1} حملات لتطبيقات الذكاء الاصطناعي في عيد الربيع {announced.year}{span_ar}: "
              f"{names_ar}.")
    else:
        en = f"No sourced rival AI-app campaign in {announced.year}."
        ar = f"لا توجد حملة منافسة موثقة في {announced.year}."
    return Result(name, verdict, numbers, en, ar, _ids(active, total))


# --------------------------------------------------------------------------- paragraph 2
@_check
def statement_exists(t: Tables) -> Result:
    """"According to an official statement": a sourced row must quote Alibaba's statement.
    Whether the primary release itself is cited is reported too (X01: it is not)."""
    name = "statement_exists"
    rows = _concat(_outside(_campaign(t, "alibaba_qwen")),
                     _outside(t["events"][t["events"]["event"].str.startswith(("alibaba", "qwen"))]))
    quoting = rows[rows["quote"].str.contains(r"\bsaid in a statement\b", case=False, na=False)]
    primary = rows[rows["source"].str.contains("alibabagroup.com", na=False)]
    numbers = {"rows_quoting_statement": len(quoting), "primary_release_cited": not primary.empty}
    if quoting.empty:
        return _cannot(name, "No sourced row quotes an Alibaba statement.",
                       "لا يوجد صف موثق يقتبس بيانًا لعلي بابا.")
    ids = ", ".join(_ids(quoting))
    tail_en = "" if not primary.empty else "; Alibaba's own release is not among the sources"
    tail_ar = "" if not primary.empty else "؛ والبيان الأصلي لعلي بابا ليس بين المصادر"
    return Result(name, HOLDS, numbers,
                  f"The sources quote \"Alibaba said in a statement\" ({ids}){tail_en}.",
                  f"تنقل المصادر عبارة \"قالت علي بابا في بيان\" ({ids}){tail_ar}.",
                  _ids(quoting, primary))


@_check
def campaign_start_alibaba(t: Tables) -> Result:
    """"Will start on the sixth of February": the article row's start against the sourced one."""
    name = "campaign_start_alibaba"
    art = _article(_campaign(t, "alibaba_qwen")).dropna(subset=["start_on"])
    start = _campaign_start(t)
    if art.empty or start is None:
        return _cannot(name, "The article's or the sourced start date is missing.",
                       "تاريخ الانطلاق في المقال أو في المصادر غير متوفر.")
    claimed = _date(art["start_on"].iloc[0])
    gap = abs((claimed - start).days)
    numbers = {"article": claimed.isoformat(), "sourced": start.isoformat(),
               "sourced_weekday": _WEEKDAYS_EN[start.weekday()], "days_apart": gap}
    used = _ids(art, _outside(_campaign(t, "alibaba_qwen")).dropna(subset=["start_on"]),
                _event(t, "alibaba_campaign_start"))
    verdict = HOLDS if gap == 0 else PARTLY if gap == 1 else DOES_NOT_HOLD
    return Result(name, verdict, numbers,
                  f"Article: {_d_en(claimed)}; sources: {_d_en(start)} ({_WEEKDAYS_EN[start.weekday()]}, "
                  f"\"set to start on Friday\"); "
                  + ("the same day." if gap == 0 else f"{gap} days apart."),
                  f"المقال: {_d_ar(claimed)}؛ المصادر: {_d_ar(start)} (يوم {_WEEKDAYS_AR[start.weekday()]})؛ "
                  + ("التاريخان متطابقان." if gap == 0 else f"الفرق بينهما {gap} يوم."),
                  used)


#: The article's wording mapped onto the statement's (restaurants = dining).
_INCENTIVE_SYNONYMS = {"restaurants": "dining", "entertainment services": "entertainment"}
#: The sectors in Arabic, for the explanation (an unknown sector is shown in English).
_SECTORS_AR = {"dining": "المطاعم", "drinks": "المشروبات", "entertainment": "الترفيه",
               "leisure": "التسلية"}


def _incentive_categories(text: str) -> set[str]:
    """'dining, drinks, entertainment and leisure; ...' -> {'dining', 'drinks', ...}."""
    head = text.split(";")[0]
    parts = re.split(r",|\band\b", head)
    cats = {p.strip().lower() for p in parts if p.strip()}
    return {_INCENTIVE_SYNONYMS.get(c, c) for c in cats}


@_check
def incentives_alibaba(t: Tables) -> Result:
    """"Incentives in restaurants and entertainment services": every sector the article names
    must be in the statement's list (the article may shorten it)."""
    name = "incentives_alibaba"
    rows = _campaign(t, "alibaba_qwen").dropna(subset=["incentives"])
    art, out = _article(rows), _outside(rows)
    if art.empty or out.empty:
        return _cannot(name, "The article's or the statement's list of incentives is missing.",
                       "قائمة الحوافز في المقال أو في البيان غير متوفرة.")
    claimed = _incentive_categories(art["incentives"].iloc[0])
    sourced = set().union(*(_incentive_categories(s) for s in out["incentives"]))
    matched = claimed & sourced
    numbers = {"article_sectors": sorted(claimed), "statement_sectors": sorted(sourced),
               "matched": len(matched)}
    verdict = HOLDS if matched == claimed else PARTLY if matched else DOES_NOT_HOLD
    return Result(name, verdict, numbers,
                  f"{len(matched)} of the article's {len(claimed)} sectors are among the statement's "
                  f"{len(sourced)} ({', '.join(sorted(sourced))}).",
                  f"{len(matched)} من قطاعات المقال الـ{len(claimed)} واردة بين قطاعات البيان الـ{len(sourced)} "
                  f"({_join([_SECTORS_AR.get(x, x) for x in sorted(sourced)], 'ar')}).",
                  _ids(art, out))


_RED_ENVELOPE_TERMS = ("large", "red envelopes", "continu")


def _quoted_phrase(text: str) -> str | None:
    match = re.search(r"'([^']*red envelopes[^']*)'", text)
    return match.group(1) if match else None


@_check
def quote_red_envelopes(t: Tables) -> Result:
    """The quoted "large red envelopes on a continuous basis" against Reuters' quotation of the
    statement (A04), and whether cash envelopes were then paid (A08)."""
    name = "quote_red_envelopes"
    rows = _campaign(t, "alibaba_qwen")
    art = _article(rows).dropna(subset=["incentives"])
    out = _outside(rows).dropna(subset=["incentives"])
    claimed = next((p for p in map(_quoted_phrase, art["incentives"]) if p), None)
    sourced = next((p for p in map(_quoted_phrase, out["incentives"]) if p), None)
    if claimed is None or sourced is None:
        return _cannot(name, "No quoted red-envelope phrase in the article row or the sources.",
                       "لا توجد عبارة المظاريف الحمراء في صف المقال أو المصادر.")
    shared = [term for term in _RED_ENVELOPE_TERMS if term in claimed and term in sourced]
    cash = _outside(rows)[_outside(rows)["quote"].str.contains("cash red envelopes", na=False)]
    cap = cash["per_user_cap_amount"].dropna()
    numbers = {"article_phrase": claimed, "statement_phrase": sourced,
               "shared_terms": len(shared), "terms": len(_RED_ENVELOPE_TERMS),
               "cash_cap_cny": int(cap.iloc[0]) if not cap.empty else None}
    verdict = (HOLDS if len(shared) == len(_RED_ENVELOPE_TERMS)
               else PARTLY if shared else DOES_NOT_HOLD)
    cap_en = f"; cash envelopes of up to {_money(cap.iloc[0], 'CNY', 'en')} followed" if not cap.empty else ""
    cap_ar = f"؛ ثم وُزعت مظاريف نقدية حتى {_money(cap.iloc[0], 'CNY', 'ar')}" if not cap.empty else ""
    return Result(name, verdict, numbers,
                  f"Article \"{claimed}\" vs statement \"{sourced}\": {len(shared)} of "
                  f"{len(_RED_ENVELOPE_TERMS)} key terms shared{cap_en}.",
                  f"عبارة المقال تطابق عبارة البيان كما تنقلها المصادر في {len(shared)} من "
                  f"{len(_RED_ENVELOPE_TERMS)} عناصر (كبيرة، مظاريف حمراء، باستمرار){cap_ar}.",
                  _ids(art, out, cash))


@_check
def red_envelope_precedents(t: Tables) -> Result:
    """A traditional method / a golden season: Spring Festival digital red-envelope campaigns
    on record, how many seasons back and by how many sponsors."""
    name = "red_envelope_precedents"
    announced = _announcement_date(t)
    year = announced.year if announced else None
    w, g = t["context_wechat"], t["context_gala"]
    if year is not None:
        w, g = w[w["year"].lt(year)], g[g["year"].lt(year)]
    if w.empty and g.empty:
        return _cannot(name, "No earlier red-envelope campaigns on record.",
                       "لا توجد حملات مظاريف حمراء سابقة موثقة.")
    seasons = sorted(set(w["year"].astype(int)) | set(g["year"].astype(int)))
    sponsors = g[g["scope"].eq("company")]
    industry = g[g["scope"].eq("industry_total")]
    first = seasons[0]
    span = (year or seasons[-1]) - first
    n_sponsors = sponsors["company"].nunique()
    numbers = {"first_season": first, "seasons_on_record": len(seasons), "years_before": span,
               "sponsors": int(n_sponsors),
               "largest_industry_total_cny": int(industry["amount"].max()) if not industry.empty else None}
    traditional = span >= TRADITION_MIN_YEARS and n_sponsors >= TRADITION_MIN_SPONSORS
    verdict = HOLDS if traditional else PARTLY
    big_en = big_ar = ""
    if not industry.empty:
        top = industry.loc[industry["amount"].idxmax()]
        big_en = f"; industry totals reached {_money(top['amount'], top['currency'], 'en')} ({int(top['year'])})"
        big_ar = f"؛ وبلغ إجمالي القطاع {_money(top['amount'], top['currency'], 'ar')} ({int(top['year'])})"
    return Result(name, verdict, numbers,
                  f"Digital red-envelope campaigns on record in {len(seasons)} seasons since {first}, "
                  f"{n_sponsors} sponsors{big_en}.",
                  f"حملات المظاريف الحمراء الرقمية موثقة منذ {first} ({len(seasons)} مواسم، "
                  f"{n_sponsors} جهات راعية){big_ar}.",
                  _ids(w, g))


# --------------------------------------------------------------------------- paragraph 3
@_check
def ratio_alibaba_vs_each(t: Tables) -> Result:
    """"Almost three times what each of Tencent and Baidu allocated": both ratios must be
    within ALMOST_TOLERANCE of 3."""
    name = "ratio_alibaba_vs_each"
    budgets = {k: _article_budget(t, k) for k in ("alibaba_qwen", "tencent_yuanbao", "baidu_wenxin")}
    if any(b is None for b in budgets.values()) or len({b[1] for b in budgets.values()}) != 1:
        return _cannot(name, "The article's three budgets (in one currency) are not all in campaigns.csv.",
                       "ميزانيات المقال الثلاث غير متوفرة كلها بالعملة نفسها.")
    alibaba = budgets["alibaba_qwen"][0]
    ratios = {k: alibaba / budgets[k][0] for k in ("tencent_yuanbao", "baidu_wenxin")}
    near = {k: abs(r - 3) <= ALMOST_TOLERANCE for k, r in ratios.items()}
    numbers = {"alibaba_vs_tencent": round(ratios["tencent_yuanbao"], 2),
               "alibaba_vs_baidu": round(ratios["baidu_wenxin"], 2)}
    verdict = HOLDS if all(near.values()) else PARTLY if any(near.values()) else DOES_NOT_HOLD
    rt, rb = ratios["tencent_yuanbao"], ratios["baidu_wenxin"]
    return Result(name, verdict, numbers,
                  f"Alibaba's budget is {rt:g}× Tencent's and {rb:g}× Baidu's"
                  + ("" if verdict == HOLDS else ": \"almost three times each\" fails for "
                     + " and ".join(n for n, k in (("Tencent", "tencent_yuanbao"), ("Baidu", "baidu_wenxin"))
                                    if not near[k]))
                  + ".",
                  f"ميزانية علي بابا تساوي {rt:g} أضعاف ميزانية تينسنت و{rb:g} أضعاف ميزانية بايدو"
                  + ("" if verdict == HOLDS else "؛ فعبارة \"ثلاثة أضعاف ما خصصته كل منهما\" لا تصح لـ"
                     + " و".join(n for n, k in (("تينسنت", "tencent_yuanbao"), ("بايدو", "baidu_wenxin"))
                                 if not near[k]))
                  + ".",
                  _ids(*(b[2] for b in budgets.values())))


@_check
def budget_tencent(t: Tables) -> Result:
    """The article's one billion yuan for Tencent against the sourced amount (T01)."""
    return _budget(t, "budget_tencent", "tencent_yuanbao")


@_check
def budget_baidu(t: Tables) -> Result:
    """The article's 500 million yuan for Baidu against the sourced amounts (B01, B02)."""
    return _budget(t, "budget_baidu", "baidu_wenxin")


_ASSISTANT = re.compile(r"文心助手|Wenxin Assistant|AI assistant", re.IGNORECASE)
_INSIDE_BAIDU_APP = re.compile(r"百度\s*App|Baidu App", re.IGNORECASE)


@_check
def baidu_product_naming(t: Tables) -> Result:
    """"Its chatbot": which product pays out, per the sources' own words (app_in_source, quote).
    An AI assistant reached inside the Baidu App is not the standalone chatbot app."""
    name = "baidu_product_naming"
    rows = _outside(_campaign(t, "baidu_wenxin"))
    texts = _texts(rows, ("quote", "app_in_source"))
    if not texts:
        return _cannot(name, "No sourced row names Baidu's product.", "لا يوجد صف موثق يسمي منتج بايدو.")
    assistant = [s for s in texts if _ASSISTANT.search(s)]
    inside = [s for s in texts if _INSIDE_BAIDU_APP.search(s)]
    numbers = {"rows": len(rows), "name_the_assistant": len(assistant),
               "say_inside_baidu_app": len(inside)}
    if assistant and inside:
        return Result(name, PARTLY, numbers,
                      "The money is paid through Baidu's AI assistant Wenxin (文心助手) inside the Baidu "
                      "App, not through a standalone chatbot app.",
                      "تُصرف الأموال عبر المساعد الذكي Wenxin داخل تطبيق Baidu، لا عبر تطبيق روبوت دردشة مستقل.",
                      _ids(rows))
    if assistant:
        return Result(name, HOLDS, numbers,
                      "The sources name Baidu's AI assistant Wenxin as the product that pays out.",
                      "تسمي المصادر المساعد الذكي Wenxin من بايدو منتجًا تُصرف عبره الأموال.",
                      _ids(rows))
    return Result(name, DOES_NOT_HOLD, numbers,
                  "No source names an AI chatbot or assistant as the product that pays out.",
                  "لا يذكر أي مصدر روبوت دردشة أو مساعدًا ذكيًا منتجًا تُصرف عبره الأموال.",
                  _ids(rows))


# --------------------------------------------------------------------------- paragraph 4
def _wechat_value(w, year: int, platform: str, period: str, metric: str):
    rows = w[w["year"].eq(year) & w["platform"].eq(platform) & w["period"].eq(period)
             & w["metric"].eq(metric)]
    return (int(rows["value"].iloc[0]), rows) if not rows.empty else (None, rows)


@_check
def wechat_2015_precedent(t: Tables) -> Result:
    """Tencent used the 2015 season to push WeChat Pay: a 2015 WeChat red-envelope campaign on
    record (eve volume, sponsor money) and payment users growing after it (bound cards)."""
    name = "wechat_2015_precedent"
    w, g = t["context_wechat"], t["context_gala"]
    if w.empty:
        return _cannot(name, "No WeChat series.", "لا توجد بيانات WeChat.")
    eve15, r15 = _wechat_value(w, 2015, "WeChat", "eve", "sent_and_received")
    eve14, r14 = _wechat_value(w, 2014, "WeChat", "eve", "sent_and_received")
    alipay15, ra = _wechat_value(w, 2015, "Alipay", "eve", "sent_and_received")
    cards = w[w["platform"].eq("WeChat") & w["metric"].eq("people_bound_cards")]
    before = cards[cards["year"].lt(2015)]
    after = cards[cards["year"].eq(2015)]
    gala15 = g[g["year"].eq(2015) & g["company"].str.contains("WeChat", na=False)
               & g["what"].eq("cash_and_coupons")]
    numbers = {
        "eve_2015_envelopes": eve15, "eve_2014_envelopes": eve14,
        "growth_2014_to_2015": round(eve15 / eve14, 1) if eve15 and eve14 else None,
        "alipay_eve_2015_envelopes": alipay15,
        "sponsor_money_2015_cny": int(gala15["amount"].iloc[0]) if not gala15.empty else None,
        "bound_cards_2014": int(before["value"].max()) if not before.empty else None,
        "bound_cards_nov_2015": int(after["value"].max()) if not after.empty else None,
    }
    used = _ids(r15, r14, ra, before, after, gala15)
    if eve15 is None:
        return Result(name, DOES_NOT_HOLD, numbers, "No 2015 WeChat red-envelope campaign on record.",
                      "لا توجد حملة مظاريف WeChat موثقة في 2015.", used)
    grew = numbers["bound_cards_2014"] is not None and numbers["bound_cards_nov_2015"] is not None and (
        numbers["bound_cards_nov_2015"] > numbers["bound_cards_2014"])

    en = (f"2015 eve: {_count(eve15, 'en')} WeChat envelopes"
          + (f" ({numbers['growth_2014_to_2015']:g}× 2014)" if numbers["growth_2014_to_2015"] else "")
          + (f" vs Alipay's {_count(alipay15, 'en')}" if alipay15 else ""))
    ar = (f"ليلة رأس السنة 2015: {_count(eve15, 'ar')} مظروف على WeChat"
          + (f" ({numbers['growth_2014_to_2015']:g} ضعف 2014)" if numbers["growth_2014_to_2015"] else "")
          + (f" مقابل {_count(alipay15, 'ar')} على Alipay" if alipay15 else ""))
    if grew:
        en += (f"; users with bound bank cards rose from {_count(numbers['bound_cards_2014'], 'en')} (2014) "
               f"to {_count(numbers['bound_cards_nov_2015'], 'en')} (Nov 2015).")
        ar += (f"؛ وارتفع عدد المستخدمين الذين ربطوا بطاقاتهم المصرفية من {_count(numbers['bound_cards_2014'], 'ar')} "
               f"(2014) إلى {_count(numbers['bound_cards_nov_2015'], 'ar')} (نوفمبر 2015).")
        return Result(name, HOLDS, numbers, en, ar, used)
    return Result(name, PARTLY, numbers, en + "; no sourced WeChat Pay growth after it.",
                  ar + "؛ ولا يوجد رقم موثق لنمو WeChat Pay بعدها.", used)


_ANT_GROUP = re.compile(r"Ant Group|螞蟻集團|蚂蚁集团")
_ALIBABA_OWNS_ALIPAY = re.compile(r"Alibaba's Alipay|阿里巴巴旗下支付[宝寶]|阿里旗下支付[宝寶]")
_ALIPAY = re.compile(r"Alipay|支付[宝寶]")


@_check
def alipay_ownership(t: Tables) -> Result:
    """"Alibaba's Alipay": who the sources say runs Alipay, and whether Alipay ran a rival
    2015 red-envelope campaign (W10)."""
    name = "alipay_ownership"
    e = _outside(t["events"])
    mentions = e[e["quote"].str.contains(_ALIPAY, na=False) | e["title_en"].str.contains(_ALIPAY, na=False)]
    ant = mentions[mentions["quote"].str.contains(_ANT_GROUP, na=False)]
    alibaba = mentions[mentions["quote"].str.contains(_ALIBABA_OWNS_ALIPAY, na=False)]
    w = t["context_wechat"]
    rival = w[w["platform"].eq("Alipay") & w["year"].eq(2015)]
    numbers = {"rows_naming_ant_group": len(ant), "rows_naming_alibaba": len(alibaba),
               "alipay_2015_rows": len(rival)}
    used = _ids(ant, alibaba, rival)
    if not ant.empty:
        words = _ANT_GROUP.search(ant["quote"].iloc[0]).group(0)
        rival_en = "Alipay did run the rival 2015 campaign, but" if not rival.empty else "But"
        return Result(name, PARTLY, numbers,
                      f"{rival_en} the sources call Alipay Ant Group's ({words}), not Alibaba's: "
                      "the article's shorthand.",
                      "نافست Alipay فعلًا في 2015، لكن المصادر تنسبها إلى مجموعة Ant لا إلى علي بابا: "
                      "فعبارة المقال اختصار.",
                      used)
    if not rival.empty:
        return Result(name, HOLDS, numbers,
                      "Alipay ran a rival red-envelope campaign on the 2015 eve; no source names another operator.",
                      "أطلقت Alipay حملة مظاريف منافسة ليلة رأس السنة 2015، ولا يذكر أي مصدر جهة مشغلة أخرى.",
                      used)
    return _cannot(name, "No sourced row on Alipay's operator or its 2015 campaign.",
                   "لا يوجد صف موثق عن الجهة المشغلة لـAlipay أو حملتها في 2015.")


# --------------------------------------------------------------------------- paragraph 5
def _holiday_claim(t: Tables):
    """The article's holiday row (start date, quote) and its year."""
    art = _event(t, "spring_festival_holiday", source="article")
    if art.empty:
        return None, art
    return _date(art["date"].iloc[0]), art


@_check
def holiday_start(t: Tables) -> Result:
    """"Will begin on 15 February": the article's date against chinesecalendar and the
    State Council notice (H01)."""
    name = "holiday_start"
    claimed, art = _holiday_claim(t)
    if claimed is None:
        return _cannot(name, "No article row for the holiday.", "لا يوجد صف للعطلة من المقال.")
    hol = _calendar_year(t, claimed.year)
    notice = _event(t, "spring_festival_holiday")
    if hol is None:
        return _cannot(name, f"chinesecalendar has no {claimed.year} holiday.",
                       f"لا تتضمن chinesecalendar عطلة {claimed.year}.", _ids(art))
    first = _date(hol["first_day"])
    notice_days = sorted({_date(v) for v in notice["date"]})
    numbers = {"article": claimed.isoformat(), "chinesecalendar": first.isoformat(),
               "notice": [d.isoformat() for d in notice_days]}
    agree = claimed == first and all(d == first for d in notice_days)
    used = _ids(art, notice) + ("chinesecalendar",)
    if agree:
        return Result(name, HOLDS, numbers,
                      f"chinesecalendar and the State Council notice both start the holiday on {_d_en(first)}.",
                      f"تبدأ العطلة في {_d_ar(first)} وفق chinesecalendar وإعلان مجلس الدولة.", used)
    return Result(name, DOES_NOT_HOLD, numbers,
                  f"The article says {_d_en(claimed)}; chinesecalendar says {_d_en(first)}.",
                  f"يذكر المقال {_d_ar(claimed)}، بينما تذكر chinesecalendar {_d_ar(first)}.", used)


def _claimed_days(quote: str) -> int | None:
    match = re.search(r"لمدة\s+(\S+)\s+(?:أيام|يومًا|يوما)", quote)
    if not match:
        return None
    word = match.group(1)
    return int(word) if word.isascii() and word.isdigit() else _ARABIC_COUNTS.get(word)


@_check
def holiday_length(t: Tables) -> Result:
    """"Last nine days": the number in the article's sentence against chinesecalendar and
    the State Council notice (H01)."""
    name = "holiday_length"
    claimed_start, art = _holiday_claim(t)
    days = _claimed_days(art["quote_ar"].iloc[0]) if not art.empty else None
    if days is None:
        return _cannot(name, "The article's holiday sentence gives no number of days.",
                       "لا تذكر جملة العطلة في المقال عدد الأيام.", _ids(art))
    hol = _calendar_year(t, claimed_start.year)
    if hol is None:
        return _cannot(name, f"chinesecalendar has no {claimed_start.year} holiday.",
                       f"لا تتضمن chinesecalendar عطلة {claimed_start.year}.", _ids(art))
    notice = _event(t, "spring_festival_holiday").dropna(subset=["end_date"])
    notice_days = sorted({(_date(r["end_date"]) - _date(r["date"])).days + 1 for _, r in notice.iterrows()})
    calendar_days = int(hol["days"])
    numbers = {"article": days, "chinesecalendar": calendar_days, "notice": notice_days,
               "last_day": _date(hol["last_day"]).isoformat()}
    used = _ids(art, notice) + ("chinesecalendar",)
    last = _date(hol["last_day"])
    if days == calendar_days and all(n == days for n in notice_days):
        return Result(name, HOLDS, numbers,
                      f"{calendar_days} days in chinesecalendar and in the notice ({_d_en(_date(hol['first_day']))}"
                      f"–{_d_en(last)}).",
                      f"{calendar_days} أيام في chinesecalendar وفي الإعلان الرسمي (حتى {_d_ar(last)}).", used)
    return Result(name, DOES_NOT_HOLD, numbers,
                  f"The article says {days} days; chinesecalendar counts {calendar_days}.",
                  f"يذكر المقال {days} أيام، بينما تعد chinesecalendar {calendar_days}.", used)


@_check
def holiday_longer_than_usual(t: Tables) -> Result:
    """"Longer than usual": the year's length against the usual (most common) length of every
    Spring Festival holiday chinesecalendar covers; longer years are named, with the events
    row that explains them (the 2020 COVID-19 extension, H04)."""
    name = "holiday_longer_than_usual"
    claimed_start, art = _holiday_claim(t)
    if claimed_start is None:
        return _cannot(name, "No article row for the holiday.", "لا يوجد صف للعطلة من المقال.")
    cal = t.spring_festivals
    this = _calendar_year(t, claimed_start.year)
    others = cal[cal["year"].ne(claimed_start.year)]
    if this is None or others.empty:
        return _cannot(name, "chinesecalendar does not cover this year and others.",
                       "لا تغطي chinesecalendar هذا العام وأعوامًا أخرى.", _ids(art))
    lengths = others["days"].astype(int)
    usual = int(lengths.mode().min())
    days = int(this["days"])
    longer = others[others["days"].astype(int) > days]
    extensions = _outside(t["events"])
    extensions = extensions[extensions["category"].eq("holiday") & extensions["end_date"].notna()]
    explained = []
    for _, year_row in longer.iterrows():
        match = extensions[(extensions["date"] == year_row["first_day"])
                           & (extensions["end_date"] == year_row["last_day"])]
        if not match.empty:
            explained.append((int(year_row["year"]), match["title_en"].iloc[0], match))
    numbers = {"year": claimed_start.year, "days": days, "usual_days": usual,
               "years_compared": len(others), "years_at_usual": int((lengths == usual).sum()),
               "years_longer": [int(y) for y in longer["year"]],
               "longer_explained_by_extension": [y for y, *_ in explained],
               "first_year": int(cal["year"].min()), "last_year": int(cal["year"].max())}
    used = _ids(art, *(m for *_, m in explained)) + ("chinesecalendar",)
    span = f"{numbers['first_year']}–{numbers['last_year']}"
    if longer.empty:
        tail_en = f"; no holiday in {span} was longer"
        tail_ar = f"؛ ولم تكن أي عطلة بين {span} أطول"
    else:
        ys = ", ".join(str(y) for y in numbers["years_longer"])
        why = " (an ad-hoc extension)" if len(explained) == len(longer) else ""
        why_ar = " (بتمديد استثنائي)" if len(explained) == len(longer) else ""
        tail_en = f"; only {ys} was longer{why}"
        tail_ar = f"؛ ولم تكن أطول منها إلا عطلة {ys}{why_ar}"
    if days > usual:
        return Result(name, HOLDS, numbers,
                      f"{days} days in {claimed_start.year} against the usual {usual} "
                      f"({numbers['years_at_usual']} of {len(others)} years, {span}){tail_en}.",
                      f"{days} أيام في {claimed_start.year} مقابل {usual} أيام عادةً "
                      f"({numbers['years_at_usual']} من {len(others)} عامًا){tail_ar}.", used)
    return Result(name, DOES_NOT_HOLD, numbers,
                  f"{days} days in {claimed_start.year}: not longer than the usual {usual}.",
                  f"{days} أيام في {claimed_start.year}: ليست أطول من المعتاد ({usual} أيام).", used)


# --------------------------------------------------------------------------- paragraph 6
@_check
def r1_release_month(t: Tables) -> Result:
    """"R1 ... in January": the sourced release day (D02) against the article's month, and
    against the January a reader of an article dated February 2026 would assume."""
    name = "r1_release_month"
    art = _event(t, "deepseek_r1_release", source="article")
    released, rows = _r1_release(t)
    published = _announcement_date(t)
    if art.empty or released is None or published is None:
        return _cannot(name, "The article's month, the sourced release day or the article's date is missing.",
                       "الشهر في المقال أو تاريخ الإطلاق الموثق أو تاريخ المقال غير متوفر.")
    month = _date(art["date"].iloc[0]).month
    assumed_year = published.year if published.month >= month else published.year - 1
    numbers = {"article_month": _month(month, 'en'), "released_on": released.isoformat(),
               "article_date": published.isoformat(), "year_a_reader_assumes": assumed_year}
    used = _ids(art, rows)
    if released.month != month:
        return Result(name, DOES_NOT_HOLD, numbers,
                      f"R1 was released on {_d_en(released)}, not in {_month(month, 'en')}.",
                      f"أُطلق R1 في {_d_ar(released)}، لا في {_month(month, 'ar')}.", used)
    if released.year == assumed_year:
        return Result(name, HOLDS, numbers,
                      f"R1 was released on {_d_en(released)}, the January just before the article.",
                      f"أُطلق R1 في {_d_ar(released)}، أي في يناير السابق للمقال مباشرة.", used)
    return Result(name, PARTLY, numbers,
                  f"R1 was released on {_d_en(released)}: January {released.year}, not the January "
                  f"{assumed_year} an article of {_d_en(published)} suggests.",
                  f"أُطلق R1 في {_d_ar(released)}: أي يناير {released.year}، لا يناير {assumed_year} "
                  f"كما يوحي مقال بتاريخ {_d_ar(published)}.", used)


@_check
def r1_global_impact(t: Tables) -> Result:
    """"A global stir": a US App Store No. 1 and a market reaction within STIR_WINDOW_DAYS."""
    name = "r1_global_impact"
    released, rows = _r1_release(t)
    if released is None:
        return _cannot(name, "No sourced R1 release day.", "لا يوجد تاريخ موثق لإطلاق R1.")
    e = _outside(t["events"])
    days = (e["date"].dt.date - released).apply(lambda d: d.days)
    near = e[(days > 0) & (days <= STIR_WINDOW_DAYS)]
    store, market = near[near["category"].eq("app_store")], near[near["category"].eq("market")]
    numbers = {"app_store_rows": len(store), "market_rows": len(market),
               "first_app_store_day": _date(store["date"].min()).isoformat() if not store.empty else None,
               "market_day": _date(market["date"].min()).isoformat() if not market.empty else None,
               "window_days": STIR_WINDOW_DAYS}
    verdict = HOLDS if len(store) and len(market) else PARTLY if len(store) or len(market) else DOES_NOT_HOLD
    parts_en, parts_ar = [], []
    if len(store):
        parts_en.append(f"No. 1 on the US App Store from {_d_en(_date(store['date'].min()))}")
        parts_ar.append(f"المركز الأول في متجر التطبيقات الأمريكي منذ {_d_ar(_date(store['date'].min()))}")
    if len(market):
        parts_en.append(f"{market['title_en'].iloc[0]} ({_d_en(_date(market['date'].min()))})")
        parts_ar.append(f"{market['title_ar'].iloc[0]} ({_d_ar(_date(market['date'].min()))})")
    en = (f"Within {STIR_WINDOW_DAYS} days of R1 ({_d_en(released)}): " + "; ".join(parts_en) + "."
          if parts_en else f"No app-store or market reaction on record within {STIR_WINDOW_DAYS} days.")
    ar = (f"خلال {STIR_WINDOW_DAYS} يومًا من إطلاق R1: " + "؛ ".join(parts_ar) + "."
          if parts_ar else f"لا يوجد رد فعل موثق خلال {STIR_WINDOW_DAYS} يومًا.")
    return Result(name, verdict, numbers, en, ar, _ids(rows, store, market))


def _releases_after_r1(t: Tables, categories=("model_release",)):
    released, _rows = _r1_release(t)
    published = _announcement_date(t)
    e = _outside(t["events"])
    if released is None or published is None:
        return released, published, e.iloc[0:0]
    dates = e["date"].dt.date
    after = e[e["category"].isin(categories) & (dates > released) & (dates < published)
              & e["event"].ne("deepseek_r1_release")]
    return released, published, after.sort_values("date")


@_check
def r1_domestic_pace(t: Tables) -> Result:
    """"Accelerated domestic innovation": Chinese model releases between R1 and the article;
    the first within PACE_FIRST_WITHIN_DAYS, at least PACE_MIN_RELEASES in all."""
    name = "r1_domestic_pace"
    released, published, after = _releases_after_r1(t)
    if released is None:
        return _cannot(name, "No sourced R1 release day or article date.",
                       "لا يوجد تاريخ موثق لإطلاق R1 أو لتاريخ المقال.")
    n = after["event"].nunique()
    first_gap = (_date(after["date"].min()) - released).days if n else None
    numbers = {"releases_between": n, "first_release_days_after_r1": first_gap,
               "releases": [str(v) for v in after["title_en"]]}
    if n >= PACE_MIN_RELEASES and first_gap <= PACE_FIRST_WITHIN_DAYS:
        verdict = HOLDS
    else:
        verdict = PARTLY if n else DOES_NOT_HOLD
    if not n:
        return Result(name, verdict, numbers, "No model release on record between R1 and the article.",
                      "لا يوجد إطلاق نموذج موثق بين R1 والمقال.", ())
    first = after.iloc[0]
    return Result(name, verdict, numbers,
                  f"{n} Chinese model releases between R1 and the article; the first, "
                  f"{first['title_en'].split(' releases ')[-1] if ' releases ' in first['title_en'] else first['title_en']}, "
                  f"{first_gap} days after R1.",
                  f"{n} إصدارات لنماذج صينية بين R1 والمقال؛ أولها بعد {first_gap} أيام من R1.",
                  _ids(after, _r1_release(t)[1]))


@_check
def consumer_ai_push(t: Tables) -> Result:
    """"Prompting companies such as Alibaba to step up consumer AI": Alibaba's Qwen releases and
    app steps after R1 are on record; that R1 *caused* them cannot be measured, so the best
    this check can return is "partly holds"."""
    name = "consumer_ai_push"
    released, published, after = _releases_after_r1(t, ("model_release", "app_release"))
    if released is None:
        return _cannot(name, "No sourced R1 release day or article date.",
                       "لا يوجد تاريخ موثق لإطلاق R1 أو لتاريخ المقال.")
    qwen = after[after["event"].str.startswith("qwen")]
    numbers = {"alibaba_steps_after_r1": len(qwen),
               "first_step_days_after_r1": (_date(qwen["date"].min()) - released).days if len(qwen) else None,
               "steps": [str(v) for v in qwen["title_en"]]}
    if qwen.empty:
        return Result(name, DOES_NOT_HOLD, numbers, "No Alibaba consumer-AI step on record after R1.",
                      "لا توجد خطوة موثقة لعلي بابا في الذكاء الاصطناعي الاستهلاكي بعد R1.", ())
    return Result(name, PARTLY, numbers,
                  f"{len(qwen)} Alibaba steps after R1 (the first {numbers['first_step_days_after_r1']} days "
                  f"later); the sequence is documented, the cause is the article's reading.",
                  f"{len(qwen)} خطوات لعلي بابا بعد R1 (أولها بعد {numbers['first_step_days_after_r1']} أيام)؛ "
                  f"التسلسل موثق، أما السببية فهي قراءة المقال.",
                  _ids(qwen))


# --------------------------------------------------------------------------- paragraph 7
_REWARD_FORMS = {
    "coupons": re.compile(r"coupon|voucher|券", re.IGNORECASE),
    "cash": re.compile(r"\bcash\b|现金|現金", re.IGNORECASE),
}


@_check
def reward_form_unspecified(t: Tables) -> Result:
    """"Has not yet clarified cash or vouchers": no announcement-day source names a form of
    reward; the later sources show which forms followed, and when."""
    name = "reward_form_unspecified"
    published = _announcement_date(t)
    if published is None:
        return _cannot(name, "No announcement date.", "لا يوجد تاريخ للإعلان.")
    e = _outside(t["events"])
    alibaba = e[e["event"].str.startswith(("alibaba", "qwen"))]
    on_day = alibaba[alibaba["date"].dt.date.eq(published)]
    c = _outside(_campaign(t, "alibaba_qwen"))
    same_report = c[c["source"].isin(set(on_day["source"]))]  # the announcement-day report's rows
    day_texts = _texts(on_day) + _texts(same_report)
    if not day_texts:
        return _cannot(name, "No announcement-day source.", "لا يوجد مصدر بتاريخ يوم الإعلان.")
    named = {form for form, rx in _REWARD_FORMS.items() if any(rx.search(s) for s in day_texts)}
    later = alibaba[alibaba["date"].dt.date.gt(published)]
    first_seen, first_rows = {}, []
    for form, rx in _REWARD_FORMS.items():
        hits = later[later["quote"].str.contains(rx, na=False) | later["title_en"].str.contains(rx, na=False)]
        if not hits.empty:
            first_seen[form] = _date(hits["date"].min())
            first_rows.append(hits[hits["date"].eq(hits["date"].min())])
    numbers = {"announcement_day": published.isoformat(), "forms_named_that_day": sorted(named),
               **{f"first_{form}_on": d.isoformat() for form, d in sorted(first_seen.items())}}
    used = _ids(on_day, same_report)
    later_en = "; ".join(f"{form} from {_d_en(d)}" for form, d in sorted(first_seen.items(), key=lambda x: x[1]))
    ar_names = {"coupons": "قسائم", "cash": "نقدًا"}
    later_ar = "؛ ".join(f"{ar_names[form]} منذ {_d_ar(d)}" for form, d in sorted(first_seen.items(), key=lambda x: x[1]))
    if named:
        return Result(name, DOES_NOT_HOLD, numbers,
                      f"An announcement-day source already names the form: {', '.join(sorted(named))}.",
                      "مصدر بتاريخ يوم الإعلان يذكر شكل المكافآت بالفعل.", used)
    return Result(name, HOLDS, numbers,
                  f"No source of {_d_en(published)} names cash or coupons"
                  + (f"; then: {later_en}." if later_en else "."),
                  f"لا يذكر أي مصدر بتاريخ {_d_ar(published)} النقد أو القسائم"
                  + (f"؛ ثم: {later_ar}." if later_ar else "."),
                  _ids(on_day, same_report, *first_rows))


#: How a row's `qualifier` reads in front of its number.
_QUALIFIER = {
    "en": {"exact": "", "at_least": "more than ", "approx": "about "},
    "ar": {"exact": "", "at_least": "أكثر من ", "approx": "نحو "},
}
_ATTRACT_USERS = re.compile(r"attract(?:ing)? users|吸引用户|吸引用戶")


@_check
def goal_user_growth(t: Tables) -> Result:
    """"The main goal is to expand the user base": Alibaba's own stated aim (A01) and the
    Qwen user metrics before and after the announcement (indicative only, C13)."""
    name = "goal_user_growth"
    published = _announcement_date(t)
    rows = _concat(_outside(_campaign(t, "alibaba_qwen")), _event(t, "alibaba_announcement"))
    stated = rows[rows["quote"].str.contains(_ATTRACT_USERS, na=False)]
    u = t["context_users"]
    mau = u[u["app"].eq("Qwen") & u["metric"].eq("mau")]
    mau = mau.assign(_end=mau["period_end"].fillna(mau["date"]).dt.date).sort_values("_end")
    # A window that ends before the announcement is "before"; one that ends after, "after".
    before = mau[mau["_end"].lt(published)] if published else mau.iloc[0:0]
    after = mau[mau["_end"].gt(published)] if published else mau.iloc[0:0]
    numbers = {"rows_stating_user_aim": len(stated),
               "mau_before": int(before["value"].iloc[-1]) if not before.empty else None,
               "mau_after": int(after["value"].iloc[-1]) if not after.empty else None}
    metric_en = metric_ar = ""
    if numbers["mau_before"] and numbers["mau_after"]:
        q_before, q_after = before["qualifier"].iloc[-1], after["qualifier"].iloc[-1]
        metric_en = (f"; Qwen monthly users {_QUALIFIER['en'][q_before]}{_count(numbers['mau_before'], 'en')} "
                     f"before, {_QUALIFIER['en'][q_after]}{_count(numbers['mau_after'], 'en')} after "
                     f"(indicative only, C13)")
        metric_ar = (f"؛ المستخدمون الشهريون لـQwen: {_QUALIFIER['ar'][q_before]}{_count(numbers['mau_before'], 'ar')} "
                     f"قبل الإعلان و{_QUALIFIER['ar'][q_after]}{_count(numbers['mau_after'], 'ar')} بعده "
                     f"(أرقام استرشادية)")
    if not stated.empty:
        return Result(name, HOLDS, numbers,
                      f"Alibaba's own stated aim is \"to attract users\" ({', '.join(_ids(stated))}){metric_en}.",
                      f"الهدف المعلن لعلي بابا نفسها هو \"جذب المستخدمين\"{metric_ar}.",
                      _ids(stated, before, after))
    if metric_en:
        return Result(name, PARTLY, numbers,
                      f"No stated aim on record, but user numbers grew{metric_en}.",
                      f"لا يوجد هدف معلن موثق، لكن أعداد المستخدمين نمت{metric_ar}.", _ids(before, after))
    return _cannot(name, "Neither a stated aim nor user metrics on record.",
                   "لا يوجد هدف معلن ولا أرقام مستخدمين موثقة.")


# --------------------------------------------------------------------------- not checkable
@_check
def not_checkable(t: Tables) -> Result:
    """Forecasts, causal readings and figures the collection holds no sourced data for
    (travel numbers, market size): nothing to compute."""
    return _cannot("not_checkable",
                   "A forecast, a causal reading or a figure (travel, market size) that no sourced "
                   "table in the collection holds.",
                   "توقع أو تفسير سببي أو رقم (السفر، حجم السوق) لا يتضمنه أي جدول موثق في المجموعة.")


# --------------------------------------------------------------------------- sentences
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentences():
    """The article sentence by sentence, Arabic next to its English translation.

    Columns: paragraph (0 = headline), sentence (1-based within the paragraph), ar, en.
    Both files are split after a full stop; the translation keeps the original's sentences,
    so the n-th English sentence of a paragraph translates the n-th Arabic one (ValueError
    if a paragraph has a different number of sentences in the two languages).
    """
    import pandas as pd

    ar, en = data.article("ar"), data.article("en")
    rows = []
    for number in sorted(ar):
        ar_parts = _SENTENCE_END.split(ar[number].strip())
        en_parts = _SENTENCE_END.split(en.get(number, "").strip())
        if len(ar_parts) != len(en_parts):
            raise ValueError(f"paragraph {number}: {len(ar_parts)} Arabic sentence(s) but "
                             f"{len(en_parts)} English in article.en.txt")
        for i, (a, e) in enumerate(zip(ar_parts, en_parts), 1):
            rows.append({"paragraph": number, "sentence": i, "ar": a, "en": e})
    frame = pd.DataFrame(rows)
    frame["paragraph"] = frame["paragraph"].astype("Int64")
    frame["sentence"] = frame["sentence"].astype("Int64")
    return frame


def english_for(paragraph: int, quote_ar: str, table=None) -> str:
    """The English sentence that translates the Arabic sentence holding ``quote_ar``.

    ``table`` is a :func:`sentences` frame (read if not given).  ValueError if the quote is
    not inside one sentence of that paragraph.
    """
    table = sentences() if table is None else table
    rows = table[table["paragraph"].eq(paragraph) & table["ar"].str.contains(quote_ar, regex=False)]
    if len(rows) != 1:
        raise ValueError(f"quote not inside exactly one sentence of paragraph {paragraph}: {quote_ar[:40]!r}")
    return rows["en"].iloc[0]


def coverage(results=None):
    """Every sentence of the article with the claims read from it and their verdicts.

    ``results`` is a :func:`run_all` frame (computed if not given).  Columns: paragraph,
    sentence, ar, en, claims (claim ids joined by ", "), verdicts (claim: verdict pairs),
    n_claims.  A sentence with no claim has an empty ``claims`` and n_claims 0.
    """
    results = run_all() if results is None else results
    table = sentences()
    claims, verdicts, counts = [], [], []
    for row in table.itertuples(index=False):
        inside = results[results["paragraph"].eq(row.paragraph)
                         & results["quote_ar"].map(lambda q, text=row.ar: q in text)]
        claims.append(", ".join(inside["claim_id"]))
        verdicts.append("; ".join(f"{c}: {v}" for c, v in zip(inside["claim_id"], inside["verdict"])))
        counts.append(len(inside))
    return table.assign(claims=claims, verdicts=verdicts, n_claims=counts)


# --------------------------------------------------------------------------- all claims
RUN_ALL_COLUMNS = (
    "claim_id", "paragraph", "quote_ar", "gloss_en", "check", "verdict", "curated_verdict",
    "agrees", "evidence", "sources", "explanation", "explanation_ar", "numbers",
)


def run_all(tables: TablesLike = None):
    """Every claim in claims.csv, checked: one row per claim, in claim order.

    Columns: claim_id, paragraph, quote_ar, gloss_en, check, verdict (computed),
    curated_verdict (claims.csv), agrees, evidence (claims.csv ids), sources (ids the check
    read), explanation (English), explanation_ar, numbers (dict).  Each check runs once even
    when several claims share it.  A check id with no function raises ValueError.
    """
    import pandas as pd

    t = Tables.of(tables)
    claims = t["claims"]
    missing = sorted(set(claims["check"]) - set(CHECKS))
    if missing:
        raise ValueError(f"claims.csv names checks with no function in helpers/analysis/checks.py: {missing}")
    results = {check: CHECKS[check](t) for check in dict.fromkeys(claims["check"])}
    rows = []
    for claim in claims.itertuples(index=False):
        r = results[claim.check]
        rows.append({
            "claim_id": claim.claim_id, "paragraph": claim.paragraph, "quote_ar": claim.quote_ar,
            "gloss_en": claim.gloss_en, "check": claim.check, "verdict": r.verdict,
            "curated_verdict": claim.verdict, "agrees": r.verdict == claim.verdict,
            "evidence": "" if pd.isna(claim.evidence) else claim.evidence,
            "sources": ";".join(r.sources), "explanation": r.explanation_en,
            "explanation_ar": r.explanation_ar, "numbers": r.numbers,
        })
    frame = pd.DataFrame(rows, columns=list(RUN_ALL_COLUMNS))
    frame["paragraph"] = frame["paragraph"].astype("Int64")
    frame["agrees"] = frame["agrees"].astype(bool)
    return frame


def verdict_counts(results) -> "dict[str, int]":
    """Claims per verdict, in VERDICTS order (zeros included), from run_all()'s frame."""
    counts = results["verdict"].value_counts()
    return {v: int(counts.get(v, 0)) for v in VERDICTS}
