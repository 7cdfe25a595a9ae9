"""The fact-check's machinery: results, the tables a check reads, the registry.

A check is a function of :class:`Tables` that returns a :class:`Result`: the verdict,
the key numbers, which sentences explain it (keys of its section in the word files,
``helpers/analysis/words/<lang>.toml``) and the values those sentences need, and the
ids of the rows it read. The sentences are written per language in the word files; a
check never writes prose itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from helpers.analysis import data, words
from helpers.toolkit import langs

HOLDS, PARTLY, DOES_NOT_HOLD, CANNOT = data.VERDICTS
VERDICTS = data.VERDICTS


@dataclass(frozen=True)
class Result:
    """What one check found: verdict, key numbers, the sentences that say why, sources.

    ``says`` names the templates (keys of the check's section in the word files) whose
    renderings, joined, explain the verdict; ``fill`` holds values the templates use
    besides ``numbers``.
    """

    check: str
    verdict: str
    numbers: dict = field(default_factory=dict)
    says: tuple[str, ...] = ()
    fill: dict = field(default_factory=dict)
    sources: tuple[str, ...] = ()  # facts.md ids or "chinesecalendar" of the rows read
    section: str = ""  # the word files' section; the check's own id when empty

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"check {self.check!r}: verdict {self.verdict!r} not in {VERDICTS}")

    def explanation(self, lang: str) -> str:
        """The one-line reason for the verdict, in *lang*."""
        said = words.of(lang)
        values = {**self.numbers, **self.fill}
        section = self.section or self.check
        return "".join(said.say(f"checks.{section}.{key}", **values) for key in self.says)


def result(check: str, verdict: str, numbers: dict | None = None, says: str | tuple = (),
           sources=(), *, section: str = "", **fill) -> Result:
    """A :class:`Result`; *says* is one template key or several (their texts are joined)."""
    keys = (says,) if isinstance(says, str) else tuple(says)
    return Result(check, verdict, dict(numbers or {}), keys, fill, tuple(sources), section)


def cannot(check: str, says: str, sources=(), *, section: str = "", **fill) -> Result:
    """"cannot be checked", with the sentence that says what is missing."""
    return result(check, CANNOT, {}, says, sources, section=section, **fill)


class Tables:
    """The tables a check reads, loaded lazily and once.

    ``frames`` maps a table name to a DataFrame to use instead of the file; ``paths`` maps
    a table name to a CSV read with ``helpers.analysis.data.load(table, path=...)`` (so a
    modified copy is validated like the real file); ``spring_festivals`` replaces the
    calendar from ``helpers.toolkit.holidays.spring_festivals()``.  Anything not given
    comes from data/.
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
        """One row per year chinesecalendar covers (see helpers.toolkit.holidays)."""
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
#: check id -> function; filled by :func:`check` from the functions' own names.
CHECKS: dict[str, Callable[..., Result]] = {}


def check(fn: Callable[[Tables], Result]) -> Callable[..., Result]:
    """Register ``fn`` under its own name (= the check id in claims.csv)."""

    def wrapper(tables: TablesLike = None) -> Result:
        return fn(Tables.of(tables))

    wrapper.__name__ = wrapper.__qualname__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    wrapper.__module__ = fn.__module__
    CHECKS[fn.__name__] = wrapper
    return wrapper


# --------------------------------------------------------------------------- rows
def day(value) -> dt.date | None:
    """A table cell as a date (None for a missing value)."""
    import pandas as pd

    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def ids(*frames) -> tuple[str, ...]:
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


def outside(frame):
    return frame[frame["source"].ne("article")]


def article_rows(frame):
    return frame[frame["source"].eq("article")]


def campaign_rows(t: Tables, campaign: str):
    c = t["campaigns"]
    return c[c["campaign"].eq(campaign)]


def event_rows(t: Tables, event: str, *, source: str = "outside"):
    e = t["events"]
    rows = e[e["event"].eq(event)]
    return article_rows(rows) if source == "article" else outside(rows)


def texts(frame, columns=("quote", "incentives", "app_in_source", "title_en")) -> list[str]:
    """The non-empty text cells of ``frame`` in ``columns`` (those it has)."""
    out = []
    for col in columns:
        if col in frame:
            out += [str(v) for v in frame[col].dropna()]
    return out


def concat(*frames):
    """Rows of several frames (different tables) in one frame; empty frames are skipped."""
    import pandas as pd

    kept = [f for f in frames if len(f)]
    return pd.concat(kept, ignore_index=True) if kept else frames[0]


def localized(frame, column: str, row: int = 0) -> dict:
    """A text column kept per language (``title_en``, ``title_ar``...) as one value."""
    return {lang: frame[f"{column}_{lang}"].iloc[row] for lang in langs.LANGS
            if f"{column}_{lang}" in frame}


# --------------------------------------------------------------------------- shared facts
def announced_days(t: Tables) -> set[dt.date]:
    rows = outside(campaign_rows(t, "alibaba_qwen"))
    days = {day(v) for v in rows["announced_on"].dropna()}
    days |= {day(v) for v in event_rows(t, "alibaba_announcement")["date"].dropna()}
    return days


def announced_on(t: Tables) -> dt.date | None:
    """Alibaba's announcement day, from the outside sources (A01): the article's "today"."""
    days = announced_days(t)
    return min(days) if days else None


def campaign_start(t: Tables) -> dt.date | None:
    rows = outside(campaign_rows(t, "alibaba_qwen"))
    days = [day(v) for v in rows["start_on"].dropna()]
    days += [day(v) for v in event_rows(t, "alibaba_campaign_start")["date"].dropna()]
    return min(days) if days else None


def article_budget(t: Tables, campaign: str):
    """(amount, currency, rows) of the article's budget for ``campaign``, or None."""
    rows = article_rows(campaign_rows(t, campaign))
    rows = rows[rows["budget_amount"].notna()]
    if rows.empty:
        return None
    row = rows.iloc[0]
    return int(row["budget_amount"]), row["budget_currency"], rows


def calendar_year(t: Tables, year: int):
    cal = t.spring_festivals
    rows = cal[cal["year"].eq(year)]
    return None if rows.empty else rows.iloc[0]
