"""The collection's headline findings, computed once from the data.

The README's findings box (:mod:`helpers.publish.readme`) and the findings
slide of the decks (:mod:`helpers.publish.slides`) both show these numbers;
each only words them. Nothing here is typed by hand: budgets come from
``data/campaigns.csv`` (the article's rows), the holiday from chinesecalendar,
the verdicts from ``helpers.analysis.checks``.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Findings", "PartlyHolds", "compute"]


@dataclass(frozen=True)
class PartlyHolds:
    """A claim that holds only in part, with the check's explanation in both languages."""

    claim_id: str
    paragraph: int
    explanation_en: str
    explanation_ar: str


@dataclass(frozen=True)
class Findings:
    """Budgets in yuan as the article gives them, the article's dollar figure,
    the 2026 holiday, and the fact-check's verdict counts."""

    alibaba: int
    tencent: int
    baidu: int
    alibaba_usd: int
    holiday: object  # helpers.toolkit.holidays.SpringFestival
    claims: int
    counts: dict
    partly: tuple[PartlyHolds, ...]
    #: Company and app names per campaign id, in English and Arabic (from campaigns.csv).
    names: dict

    @property
    def implied_rate(self) -> float:
        """CNY per USD implied by the article's two figures for Alibaba."""
        return self.alibaba / self.alibaba_usd

    @property
    def total(self) -> int:
        return self.alibaba + self.tencent + self.baidu


def _article_budget(campaigns, campaign: str) -> int:
    rows = campaigns[(campaigns["campaign"] == campaign) & (campaigns["source"] == "article")]
    return int(rows["budget_amount"].dropna().iloc[0])


def _names(campaigns) -> dict:
    first = campaigns.drop_duplicates("campaign").set_index("campaign")
    return {campaign: {"en": row["company"], "ar": row["company_ar"], "app": row["app"]}
            for campaign, row in first.iterrows()}


def compute() -> Findings:
    """The findings from the data as it is now."""
    from helpers.analysis import checks, data
    from helpers.toolkit import holidays

    campaigns = data.load("campaigns")
    usd = campaigns[(campaigns["source"] == "article") & campaigns["reported_amount"].notna()]
    results = checks.run_all()
    partly = results[results["verdict"] == "partly holds"]
    return Findings(
        alibaba=_article_budget(campaigns, "alibaba_qwen"),
        tencent=_article_budget(campaigns, "tencent_yuanbao"),
        baidu=_article_budget(campaigns, "baidu_wenxin"),
        alibaba_usd=int(usd["reported_amount"].iloc[0]),
        holiday=holidays.spring_festival(2026),
        claims=len(results),
        counts=checks.verdict_counts(results),
        partly=tuple(PartlyHolds(r.claim_id, int(r.paragraph), r.explanation, r.explanation_ar)
                     for r in partly.itertuples()),
        names=_names(campaigns),
    )
