"""The fact-check: one function per ``check`` id in ``data/claims.csv``.

Every claim the article makes is listed in ``claims.csv`` with a curated verdict.  This
package recomputes each verdict from the tables themselves (``helpers.analysis.data.load``)
and the official holiday calendar (``helpers.toolkit.holidays``), so that a curated verdict
can never drift away from the numbers behind it: the tests require the computed verdict to
equal the curated one, and show that a changed table changes the computed verdict.

    from helpers.analysis import checks
    checks.run_all()                      # DataFrame, one row per claim
    checks.run("ratio_alibaba_vs_each")   # Result(verdict="partly holds", numbers={...}, ...)
    checks.run("budget_tencent").explanation("ar")

The checks are split by topic: ``budgets`` (amounts, the dollar conversion, ratios,
rivals), ``campaign`` (the statement, incentives, products, rewards, the stated goal),
``calendar`` (announcement, start, the official holiday), ``precedent`` (red-envelope
seasons, WeChat 2015, Alipay, the AI seasons) and ``deepseek`` (R1 and what followed).  A check computes
numbers and a verdict; the sentences that explain it are templates in the word files
(``helpers/analysis/words/<lang>.toml``, section ``checks.<check id>``).

Dependency injection: every check takes one argument, the tables to read.  By default the
curated files are loaded (each once per :class:`Tables`); a test passes modified copies::

    checks.ratio_alibaba_vs_each({"campaigns": edited_frame})
    checks.run_all(checks.Tables(paths={"campaigns": tmp_copy}))   # via data.load(path=...)
    checks.holiday_longer_than_usual(checks.Tables(spring_festivals=edited_calendar))

Design notes: plain functions over pandas frames, no rules engine or validation library
(pandera, Great Expectations): a check is a short piece of arithmetic or date logic and
reads best as code; the tables are already validated by ``helpers.analysis.data.load``.
Thresholds that turn numbers into words ("almost three times", "a tradition") are named
constants in the topic modules, so a reader can argue with them.  A check never raises on
missing data: with nothing to stand on it returns "cannot be checked" and says why.
"""

from __future__ import annotations

from helpers.toolkit import langs

from . import budgets, calendar, campaign, deepseek, precedent
from ._core import (
    CANNOT, CHECKS, DOES_NOT_HOLD, HOLDS, PARTLY, VERDICTS, Result, Tables, TablesLike, cannot,
    check,
)
from .budgets import (
    ABOUT_SHARE, ALMOST_TOLERANCE, ROUNDING_SHARE, budget_alibaba, budget_baidu, budget_tencent,
    ratio_alibaba_vs_each, rival_campaigns, usd_conversion_alibaba,
)
from .calendar import (
    announcement_date, campaign_start_alibaba, campaign_within_holiday, holiday_length,
    holiday_longer_than_usual, holiday_start,
)
from .campaign import (
    baidu_product_naming, goal_user_growth, incentives_alibaba, quote_red_envelopes,
    reward_form_unspecified, statement_exists,
)
from .deepseek import (
    STIR_WINDOW_DAYS, consumer_ai_push, r1_domestic_pace, r1_global_impact, r1_release_month,
)
from .precedent import (
    TRADITION_MIN_SPONSORS, TRADITION_MIN_YEARS, TREND_MIN_SEASONS, ai_season_trend,
    alipay_ownership, red_envelope_precedents, wechat_2015_precedent,
)

__all__ = [
    "HOLDS", "PARTLY", "DOES_NOT_HOLD", "CANNOT", "VERDICTS", "Result", "Tables", "CHECKS",
    "run", "run_all", "verdict_counts", "verdict_label", "RUN_ALL_COLUMNS", "TOPICS",
    # the thresholds, named so a reader can argue with them
    "ALMOST_TOLERANCE", "ABOUT_SHARE", "ROUNDING_SHARE", "TRADITION_MIN_YEARS",
    "TRADITION_MIN_SPONSORS", "TREND_MIN_SEASONS", "STIR_WINDOW_DAYS",
    # the checks, by topic
    "usd_conversion_alibaba", "budget_alibaba", "budget_tencent", "budget_baidu",
    "ratio_alibaba_vs_each", "rival_campaigns", "statement_exists", "incentives_alibaba",
    "quote_red_envelopes", "baidu_product_naming", "reward_form_unspecified", "goal_user_growth",
    "announcement_date", "campaign_within_holiday", "campaign_start_alibaba", "holiday_start",
    "holiday_length", "holiday_longer_than_usual", "red_envelope_precedents",
    "wechat_2015_precedent", "alipay_ownership", "ai_season_trend", "r1_release_month", "r1_global_impact",
    "r1_domestic_pace", "consumer_ai_push", "not_checkable",
]

TOPICS = (budgets, campaign, calendar, precedent, deepseek)


@check
def not_checkable(t: Tables) -> Result:
    """Forecasts, causal readings and figures the collection holds no sourced data for
    (travel numbers, market size): nothing to compute."""
    return cannot("not_checkable", "nothing")


def run(check_id: str, tables: TablesLike = None) -> Result:
    """Run one check by its id."""
    try:
        return CHECKS[check_id](tables)
    except KeyError:
        raise ValueError(f"no check {check_id!r}; known: {', '.join(sorted(CHECKS))}") from None


def verdict_label(verdict: str, lang: str) -> str:
    """How a verdict reads in *lang* ("partly holds" -> "صحيح جزئيًا")."""
    return langs.get(lang).word(verdict)


RUN_ALL_COLUMNS = (
    "claim_id", "paragraph", "quote_ar", "gloss_en", "check", "verdict", "curated_verdict",
    "agrees", "evidence", "sources", *(f"explanation_{lang}" for lang in langs.LANGS), "numbers",
)


def run_all(tables: TablesLike = None):
    """Every claim in claims.csv, checked: one row per claim, in claim order.

    Columns: claim_id, paragraph, quote_ar, gloss_en, check, verdict (computed),
    curated_verdict (claims.csv), agrees, evidence (claims.csv ids), sources (ids the check
    read), explanation_<lang> for every language, numbers (dict).  Each check runs once even
    when several claims share it.  A check id with no function raises ValueError.
    """
    import pandas as pd

    t = Tables.of(tables)
    claims = t["claims"]
    missing = sorted(set(claims["check"]) - set(CHECKS))
    if missing:
        raise ValueError(f"claims.csv names checks with no function in helpers.analysis.checks: {missing}")
    results = {check_id: CHECKS[check_id](t) for check_id in dict.fromkeys(claims["check"])}
    rows = []
    for claim in claims.itertuples(index=False):
        r = results[claim.check]
        rows.append({
            "claim_id": claim.claim_id, "paragraph": claim.paragraph, "quote_ar": claim.quote_ar,
            "gloss_en": claim.gloss_en, "check": claim.check, "verdict": r.verdict,
            "curated_verdict": claim.verdict, "agrees": r.verdict == claim.verdict,
            "evidence": "" if pd.isna(claim.evidence) else claim.evidence,
            "sources": ";".join(r.sources),
            **{f"explanation_{lang}": r.explanation(lang) for lang in langs.LANGS},
            "numbers": r.numbers,
        })
    frame = pd.DataFrame(rows, columns=list(RUN_ALL_COLUMNS))
    frame["paragraph"] = frame["paragraph"].astype("Int64")
    frame["agrees"] = frame["agrees"].astype(bool)
    return frame


def verdict_counts(results) -> "dict[str, int]":
    """Claims per verdict, in VERDICTS order (zeros included), from run_all()'s frame."""
    counts = results["verdict"].value_counts()
    return {v: int(counts.get(v, 0)) for v in VERDICTS}
