"""This collection's data: the schema of every table in ``data/``, and how to read them.

Every number in the collection comes from one of these CSV files, and every row says
where it came from (the article paragraph or an outside URL, with the quote).  This
module is the only way notebooks read them, so that a typo in a CSV can never reach a
chart: :func:`load` validates with :func:`helpers.toolkit.tables.read`, which raises one
:class:`DataError` naming the file, the line, the column, the offending value and what
was expected.  It never writes anything.

Public API::

    load(table, path=None) -> pandas.DataFrame
    tables() -> tuple[str, ...]          # the sourced tables (facts and claims)
    record_tables() -> tuple[str, ...]   # the fact-check's record: verdicts, corrections
    schema(table) -> Table               # the column specs (used by the README test)
    article(lang="ar") -> dict[int, str] # paragraph number -> text (0 = headline)
    DataError, Problem

The provenance policy (article facts quote the article verbatim; outside facts carry a
URL, a quote, a facts.md id and a confidence) is written here as schema rules.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from helpers.toolkit import langs, paths
from helpers.toolkit import tables as t
from helpers.toolkit.tables import DataError, Problem

__all__ = [
    "DataError",
    "Problem",
    "CURRENCIES",
    "CONFIDENCE",
    "VERDICTS",
    "QUALIFIERS",
    "CORRECTABLE",
    "CAP_KINDS",
    "PROMOTED",
    "load",
    "tables",
    "reference_tables",
    "record_tables",
    "schema",
    "article",
    "path_for",
]


# --------------------------------------------------------------------------- schema
CURRENCIES = ("CNY", "USD")  # ISO 4217 codes the collection uses; anything else is a typo
CONFIDENCE = ("high", "medium", "low")
VERDICTS = ("holds", "partly holds", "does not hold", "cannot be checked")

_URL = r"https?://\S+"
_FACT_ID = r"[A-Z][0-9]{2}"
_SLUG = r"[a-z][a-z0-9_]*"

def _currency(name, required=False) -> t.Column:
    return t.Column(
        name, "text", required, choices=CURRENCIES, hint="an ISO 4217 code used in the collection"
    )


# Provenance columns shared by every table.  Which of them must be filled depends on
# `source` (see _provenance_rule).
def _provenance(article_only: bool = False) -> tuple[t.Column, ...]:
    source = t.Column(
        "source",
        "text",
        True,
        pattern=("article" if article_only else f"article|{_URL}"),
        hint="'article'" if article_only else "'article' or an http(s) URL",
    )
    cols = [source, t.text("quote_ar"), t.Column("paragraph", "int", minimum=0)]
    if not article_only:
        cols += [
            t.text("quote"),
            t.text("fact_id", pattern=_FACT_ID, hint="a facts.md id such as A01"),
            t.text("confidence", choices=CONFIDENCE),
        ]
    cols.append(t.text("note"))
    return tuple(cols)


def _provenance_rule(row: t.Row):
    """Article facts carry quote_ar + paragraph; outside facts a URL, quote, fact id, confidence."""
    source = row.get("source")
    if not source:  # missing or already reported as invalid
        return
    article_cols, outside_cols = ("quote_ar", "paragraph"), ("quote", "fact_id", "confidence")
    want, forbid = (
        (article_cols, outside_cols) if source == "article" else (outside_cols, article_cols)
    )
    kind = "an article fact" if source == "article" else "an outside fact (source is a URL)"
    for col in want:
        if col in row.raw and not row.filled(col):
            yield col, "", f"a value: required for {kind}"
    for col in forbid:
        if row.filled(col):
            yield col, row.raw[col], f"empty for {kind}"
    quote, para = row.get("quote_ar"), row.get("paragraph")
    if source == "article" and isinstance(quote, str) and isinstance(para, int):
        yield from _quote_rule(quote, para)


def _quote_rule(quote: str, para: int):
    try:
        paragraphs = article("ar")
    except t.DataError as exc:  # the article itself is broken: say so on this row
        yield "quote_ar", None, f"a readable data/source/article.ar.txt ({exc.problems[0]})"
        return
    if para not in paragraphs:
        yield "paragraph", str(para), f"a paragraph number 0..{max(paragraphs)} of the article"
    elif quote not in paragraphs[para]:
        found = [n for n, text in paragraphs.items() if quote in text]
        yield (
            "quote_ar",
            quote,
            (
                f"the verbatim quote to be in paragraph {para}; it is in paragraph {found[0]}"
                if found
                else f"a verbatim quote from article paragraph {para}"
            ),
        )


def _evidence_rule(row: t.Row):
    """Verdicts other than 'cannot be checked' cite evidence; 'not_checkable' goes with it."""
    if row.get("verdict") in ("holds", "partly holds", "does not hold") and not row.filled(
        "evidence"
    ):
        yield "evidence", "", f"evidence (fact ids) for verdict {row.get('verdict')!r}"
    if (
        row.get("verdict") == "cannot be checked"
        and row.get("check") != "not_checkable"
        and row.filled("check")
    ):
        yield "check", row.raw["check"], "'not_checkable' for verdict 'cannot be checked'"
    if row.get("check") == "not_checkable" and row.get("verdict") not in (
        None,
        "cannot be checked",
    ):
        yield "verdict", row.raw["verdict"], "'cannot be checked' for check 'not_checkable'"


# "Evidence as of": the date of the latest evidence a claim cites; a month when that
# evidence is dated only to the month (facts.md gives "2026-02" for some facts).
_AS_OF = r"[0-9]{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?"
_AS_OF_HINT = "YYYY-MM-DD, or YYYY-MM when the latest evidence is dated only to the month"


def _evidence_date_rule(row: t.Row):
    """A claim with evidence says how recent that evidence is; one without has no such date."""
    if row.filled("evidence") and not row.filled("evidence_as_of"):
        yield "evidence_as_of", "", "the date of the latest cited evidence (claims with evidence)"
    if row.filled("evidence_as_of") and not row.filled("evidence"):
        yield "evidence_as_of", row.raw["evidence_as_of"], "empty when no evidence is cited"


def _cap_kind_rule(row: t.Row):
    """A per-user cap says what kind of amount it is, and a kind needs an amount."""
    if row.filled("per_user_cap_amount") and not row.filled("per_user_cap_kind"):
        yield "per_user_cap_kind", "", ("what the amount is (" + ", ".join(CAP_KINDS)
                                         + ") because per_user_cap_amount is filled")
    if row.filled("per_user_cap_kind") and not row.filled("per_user_cap_amount"):
        yield "per_user_cap_amount", "", "an amount because per_user_cap_kind is filled"


def _correction_rule(row: t.Row):
    """A correction changes something; a verdict correction goes between two verdicts."""
    if row.filled("from_value") and row.raw.get("from_value") == row.raw.get("to_value"):
        yield "to_value", row.raw["to_value"], "a value different from from_value"
    if row.get("table") == "claims" and row.get("column") == "verdict":
        for col in ("from_value", "to_value"):
            if row.get(col) not in VERDICTS:
                yield col, row.raw.get(col, ""), "one of " + ", ".join(VERDICTS)
    if row.get("table") == "claims" and row.filled("row") and not re.fullmatch(
        r"CL[0-9]{2}", row.raw["row"]
    ):
        yield "row", row.raw["row"], "a claim id (CL01, CL02, ...) for a correction to claims"


WECHAT_UNITS = {
    "sent_and_received": "envelopes",
    "sent": "envelopes",
    "received": "envelopes",
    "people_sent": "people",
    "people_sent_or_received": "people",
    "participants": "people",
    "people_bound_cards": "people",
    "shakes": "shakes",
    "shakes_peak_per_minute": "shakes_per_minute",
    "amount_sent_and_received": "CNY",
}
USER_UNITS = {
    "downloads": "downloads",
    "mau": "users",
    "dau": "users",
    "coupons_issued": "coupons",
    "orders": "orders",
    "orders_forecast": "orders",
    "ai_orders": "orders",
    "commands": "commands",
    "interactions": "interactions",
    "tokens_per_minute_peak": "tokens_per_minute",
}
QUALIFIERS = ("exact", "at_least", "approx")
#: The tables whose published values a correction can change.
CORRECTABLE = (
    "campaigns",
    "claims",
    "context_fx",
    "context_gala",
    "context_users",
    "context_wechat",
    "events",
)

#: A campaign's part in the story: the article's own company, or one of its rivals.
ROLES = ("subject", "rival")
#: What a campaign's "largest amount one user can win" is: a cap on what one user can
#: collect (Alibaba's wave-2 cash), the top prize of a draw (a few winners get it), or the
#: largest single red envelope (ByteDance's gala night).  The three are not comparable.
CAP_KINDS = ("per_user", "top_prize", "single_envelope")
#: What a Spring Festival red-envelope campaign's money promoted (context_gala.csv):
#: a payment service, a search app, a video app, shopping, AI apps, or several of these
#: (an industry total across sponsors).
PROMOTED = ("payments", "search", "video", "shopping", "ai_apps", "several")
GLOSSARY_KINDS = ("company", "product", "platform", "term", "source")


def _all_or_none(columns: tuple[str, ...]):
    """A text given per language is given in every language or in none."""

    def rule(row: t.Row):
        filled = [c for c in columns if row.filled(c)]
        if filled and len(filled) != len(columns):
            for column in columns:
                if not row.filled(column):
                    yield column, "", f"a value, because {', '.join(filled)} is filled (one per language)"

    return rule


#: claims.csv's note in every language but English (whose column is the bare ``note``).
_TRANSLATED_NOTES = tuple(t.text(f"note_{lang}") for lang in langs.LANGS if lang != "en")


def _glossary_terms(folder: Path) -> frozenset[str]:
    return _keys("glossary", "term", folder)


def _campaign_ids(folder: Path) -> frozenset[str]:
    return _keys("campaigns", "campaign", folder)


def _keys(table: str, column: str, folder: Path) -> frozenset[str]:
    """The values of *column* in *table*, read from *folder* if the table is there (a copy
    of the data being checked), else from data/; cached while the file is unchanged."""
    path = Path(folder) / schema(table).file
    if not path.is_file():
        path = path_for(table)
    stat = path.stat()
    return _keys_of(table, column, str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _keys_of(table: str, column: str, path: str, mtime_ns: int, size: int) -> frozenset[str]:
    return frozenset(load(table, path)[column].dropna())
EVIDENCE = rf"(?:{_FACT_ID}|chinesecalendar)(?:;(?:{_FACT_ID}|chinesecalendar))*"

_SCHEMAS: dict[str, t.Table] = {
    t.name: t
    for t in (
        t.Table(
            "glossary",
            (
                t.text("term", True, pattern=_SLUG, hint="a lower-case slug"),
                t.choice("kind", GLOSSARY_KINDS),
                *(t.text(lang, True) for lang in langs.LANGS),
                t.text("zh"),
                t.choice("basis", ("article", "sources", "convention"),
                         hint="where the names come from"),
                t.text("note"),
            ),
            key=("term",),
        ),
        t.Table(
            "campaigns",
            (
                t.text("campaign", True, pattern=_SLUG, hint="a lower-case slug"),
                t.text("company", True, pattern=_SLUG, hint="a term of data/glossary.csv"),
                t.text("app", True, pattern=_SLUG, hint="a term of data/glossary.csv"),
                t.choice("role", ROLES),
                t.text("app_in_source"),
                t.money("budget_amount"),
                _currency("budget_currency"),
                t.money("reported_amount"),
                _currency("reported_currency"),
                t.money("per_user_cap_amount"),
                _currency("per_user_cap_currency"),
                t.choice("per_user_cap_kind", CAP_KINDS, required=False,
                         hint="what the largest amount one user can win is"),
                t.date("announced_on"),
                t.date("start_on"),
                t.date("end_on"),
                t.text("incentives"),
            )
            + _provenance(),
            key=("campaign", "source", "paragraph", "fact_id"),
            rules=(
                _provenance_rule,
                t.paired(
                    ("budget_amount", "budget_currency"),
                    ("reported_amount", "reported_currency"),
                    ("per_user_cap_amount", "per_user_cap_currency"),
                ),
                _cap_kind_rule,
                t.ordered(("announced_on", "start_on"), ("start_on", "end_on")),
                t.references("company", _glossary_terms, "a term of data/glossary.csv"),
                t.references("app", _glossary_terms, "a term of data/glossary.csv"),
            ),
            table_rules=(t.same_within("campaign", "company"), t.same_within("campaign", "app"),
                         t.same_within("campaign", "role")),
        ),
        t.Table(
            "events",
            (
                t.text("event", True, pattern=_SLUG, hint="a lower-case slug"),
                t.date("date", True),
                t.date("end_date"),
                t.choice("precision", ("day", "month", "year")),
                t.choice(
                    "category",
                    (
                        "model_release",
                        "app_release",
                        "app_store",
                        "market",
                        "announcement",
                        "campaign",
                        "platform",
                        "company",
                        "holiday",
                        "gala",
                        "precedent",
                    ),
                ),
                *(t.text(f"title_{lang}", True) for lang in langs.LANGS),
                *(t.text(f"short_{lang}") for lang in langs.LANGS),
                t.text("campaign", pattern=_SLUG, hint="a campaign of data/campaigns.csv"),
                t.text("actor", pattern=_SLUG, hint="a term of data/glossary.csv: who acted"),
                t.money("amount"),
                _currency("currency"),
                t.choice("qualifier", QUALIFIERS, required=False),
                t.Column("change_percent", "float", minimum=-100, maximum=1000),
            )
            + _provenance(),
            key=("event", "source", "paragraph", "fact_id"),
            rules=(
                _provenance_rule,
                t.ordered(("date", "end_date")),
                t.precision_rule,
                t.paired(("amount", "currency")),
                _all_or_none(tuple(f"short_{lang}" for lang in langs.LANGS)),
                t.references("campaign", _campaign_ids, "a campaign of data/campaigns.csv"),
                t.references("actor", _glossary_terms, "a term of data/glossary.csv"),
            ),
        ),
        t.Table(
            "claims",
            (
                t.text("claim_id", True, pattern=r"CL[0-9]{2}", hint="CL01, CL02, ..."),
                t.text("gloss_en", True),
                t.text("check", True, pattern=_SLUG, hint="a lower-case check id"),
                t.text("method", True),
                t.choice("verdict", VERDICTS),
                t.text(
                    "evidence", pattern=EVIDENCE, hint="fact ids or 'chinesecalendar' joined by ';'"
                ),
                t.text("evidence_as_of", pattern=_AS_OF, hint=_AS_OF_HINT),
                t.date("published_on", True),
            )
            + _provenance(article_only=True)
            + tuple(t.text(f"short_{lang}", True) for lang in langs.LANGS)
            # why the verdict, as each site's fact-check page shows it (note is English)
            + _TRANSLATED_NOTES,
            key=("claim_id",),
            rules=(_provenance_rule, _evidence_rule, _evidence_date_rule,
                   _all_or_none(("note", *(c.name for c in _TRANSLATED_NOTES)))),
        ),
        t.Table(
            "verdicts",
            (
                t.choice("verdict", VERDICTS),
                t.text("label_en", True),
                t.text("label_ar", True),
                t.text("definition_en", True),
                t.text("definition_ar", True),
                t.Column("rating_value", "int", minimum=1, maximum=len(VERDICTS) - 1),
                t.text("africa_check", True),
                t.text("source", True, pattern=_URL, hint="an http(s) URL"),
                t.text("note"),
            ),
            key=("verdict",),
        ),
        t.Table(
            "corrections",
            (
                t.date("date", True),
                t.choice("table", CORRECTABLE),
                t.text("row", True),
                t.text("column", True, pattern=_SLUG, hint="a column name of that table"),
                t.text("from_value"),
                t.text("to_value"),
                t.text("why", True),  # in English
                # ... and in every other language: the log is published on each site.
                *(t.text(f"why_{lang}", True) for lang in langs.LANGS if lang != "en"),
                t.text(
                    "evidence", pattern=EVIDENCE, hint="fact ids or 'chinesecalendar' joined by ';'"
                ),
            ),
            key=("date", "table", "row", "column"),
            rules=(_correction_rule,),
            may_be_empty=True,
        ),
        t.Table(
            "context_wechat",
            (
                t.Column("year", "int", True, minimum=2000, maximum=2030),
                t.choice("platform", ("WeChat", "Alipay")),
                t.choice(
                    "period",
                    (
                        "eve",
                        "first_2_days",
                        "eve_to_day5",
                        "first_6_days",
                        "holiday_6_days",
                        "spring_festival",
                        "gala_night",
                        "gala_peak_round",
                        "to_date",
                    ),
                ),
                t.date("period_start"),
                t.date("period_end"),
                t.choice("metric", tuple(WECHAT_UNITS)),
                t.Column("value", "int", True, minimum=0),
                t.choice("unit", tuple(sorted(set(WECHAT_UNITS.values())))),
                t.choice("qualifier", QUALIFIERS),
            )
            + _provenance(),
            key=("year", "platform", "period", "metric", "fact_id"),
            rules=(
                _provenance_rule,
                t.ordered(("period_start", "period_end")),
                t.unit_for(WECHAT_UNITS),
            ),
        ),
        t.Table(
            "context_fx",
            (
                t.date("date", True),
                t.choice(
                    "kind",
                    (
                        "pboc_midpoint",
                        "onshore_spot",
                        "offshore_spot",
                        "onshore_close",
                        "onshore_high",
                    ),
                ),
                t.Column("cny_per_usd", "float", True, minimum=1, maximum=20),
                t.text("time_gmt", pattern=r"[0-2][0-9]:[0-5][0-9]", hint="HH:MM"),
            )
            + _provenance(),
            key=("date", "kind"),
            rules=(_provenance_rule,),
        ),
        t.Table(
            "context_gala",
            (
                t.Column("year", "int", True, minimum=2000, maximum=2030),
                t.text("company", True),
                t.text("role", True),
                t.choice("scope", ("company", "industry_total")),
                t.choice(
                    "what",
                    ("cash", "coupons", "cash_and_coupons", "coupons_and_goods", "red_envelopes"),
                ),
                t.choice("promoted", PROMOTED, hint="what the campaign's money promoted"),
                t.money("amount", True),
                _currency("currency", True),
                t.choice("qualifier", QUALIFIERS),
            )
            + _provenance(),
            key=("year", "company", "what", "fact_id"),
            rules=(
                _provenance_rule,
                t.paired(("amount", "currency")),
            ),
        ),
        t.Table(
            "context_users",
            (
                t.choice("app", ("qwen", "yuanbao", "doubao", "bytedance_ai_services"),
                         hint="a product term of data/glossary.csv"),
                t.date("date", True),
                t.date("period_end"),
                t.choice(
                    "period",
                    (
                        "day",
                        "first_3_hours",
                        "first_9_hours",
                        "week",
                        "month",
                        "gala_night",
                        "to_date",
                    ),
                ),
                t.choice("metric", tuple(USER_UNITS)),
                t.Column("value", "int", True, minimum=0),
                t.choice("unit", tuple(sorted(set(USER_UNITS.values())))),
                t.choice("qualifier", QUALIFIERS),
                t.text("measured_by", True, pattern=_SLUG, hint="a term of data/glossary.csv"),
            )
            + _provenance(),
            key=("app", "date", "period", "metric", "fact_id"),
            rules=(
                _provenance_rule,
                t.ordered(("date", "period_end")),
                t.unit_for(USER_UNITS),
                t.references("app", _glossary_terms, "a term of data/glossary.csv"),
                t.references("measured_by", _glossary_terms, "a term of data/glossary.csv"),
            ),
        ),
    )
}


#: Tables that are not sourced facts about the article: the glossary (names in every
#: language) and the fact-check's own record (the verdict scale, the corrections log).
#: ``load`` reads them like any table; ``tables()`` leaves them out, so that code counting
#: the sourced rows (facts and claims) does not count them.
REFERENCE_TABLES = ("glossary",)
_RECORD = ("corrections", "verdicts")


def tables() -> tuple[str, ...]:
    """Names of the sourced tables: the article's facts, the outside facts and the claims."""
    return tuple(sorted(n for n in _SCHEMAS if n not in _RECORD and n not in REFERENCE_TABLES))


def reference_tables() -> tuple[str, ...]:
    """Names of the reference tables: the glossary."""
    return REFERENCE_TABLES


def record_tables() -> tuple[str, ...]:
    """Names of the fact-check's record tables (the verdict scale, the corrections log)."""
    return _RECORD


def schema(table: str) -> t.Table:
    """The schema of ``table`` (column specs in file order, key, rules)."""
    try:
        return _SCHEMAS[table]
    except KeyError:
        known = ", ".join(sorted(_SCHEMAS))
        raise ValueError(f"unknown table {table!r}; known tables: {known}") from None


def path_for(table: str) -> Path:
    """Where ``table`` lives in the repository."""
    return paths.DATA / schema(table).file


def load(table: str, path: str | Path | None = None):
    """Read ``table`` (``data/<table>.csv``, or ``path``), validate it, return a typed DataFrame.

    Column types: text -> ``str``; whole numbers and money -> ``Int64``; rates -> ``Float64``;
    dates -> ``datetime64[ns]``.  See :func:`helpers.toolkit.tables.read`.
    """
    spec = schema(table)
    return t.read(spec, Path(path) if path is not None else path_for(table))


ARTICLE_LANGS = langs.LANGS  # the Arabic original and a translation per language


def article(lang: str = "ar") -> dict[int, str]:
    """The article as ``{paragraph number: text}``; 0 is the headline, 1.. the body.

    Reads ``data/source/article.<lang>.txt``, where each line is ``N<TAB>text`` with N
    counting up from 0.  Raises DataError on any malformed line.
    """
    if lang not in ARTICLE_LANGS:
        raise ValueError(f"lang must be one of {', '.join(ARTICLE_LANGS)}, not {lang!r}")
    return t.read_paragraphs(paths.SOURCE / f"article.{lang}.txt")
