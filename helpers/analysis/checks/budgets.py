"""Checks of the money: the budgets, the dollar conversion, the ratios, the rivals."""

from __future__ import annotations

from helpers.analysis import glossary
from helpers.toolkit.wording import Money

from ._core import (
    DOES_NOT_HOLD, HOLDS, PARTLY, Tables, announced_on, article_budget,
    article_rows, campaign_rows, campaign_start, cannot, check, day, ids, outside, result,
)

#: "almost three times": a ratio within this distance of 3 counts as "almost three".
ALMOST_TOLERANCE = 0.5
#: An amount or a USD conversion within this share of the sourced value is "about" it.
ABOUT_SHARE = 0.02
#: A budget that differs from the sourced one by less than this share is a rounding, not an error.
ROUNDING_SHARE = 0.05

__all__ = ["ALMOST_TOLERANCE", "ABOUT_SHARE", "ROUNDING_SHARE"]


@check
def usd_conversion_alibaba(t: Tables):
    """USD 431 m must lie within the 3 bn yuan converted at the sourced rates between the
    announcement and the campaign start (PBOC midpoint, onshore/offshore spot, closes)."""
    name = "usd_conversion_alibaba"
    rows = article_rows(campaign_rows(t, "alibaba_qwen"))
    rows = rows[rows["budget_amount"].notna() & rows["reported_amount"].notna()]
    announced, start = announced_on(t), campaign_start(t)
    if rows.empty or announced is None or start is None:
        return cannot(name, "no_figures")
    row = rows.iloc[0]
    budget, reported = int(row["budget_amount"]), int(row["reported_amount"])
    fx = t["context_fx"]
    dates = fx["date"].dt.date
    window = fx[(dates >= announced) & (dates <= start)]
    if row["budget_currency"] != "CNY" or row["reported_currency"] != "USD" or window.empty:
        return cannot(name, "no_rate", ids(rows))
    usd = [budget / float(r) for r in window["cny_per_usd"]]
    low, high = min(usd), max(usd)
    implied = budget / reported
    numbers = {
        "budget_cny": budget, "reported_usd": reported, "implied_cny_per_usd": round(implied, 4),
        "usd_low": round(low), "usd_high": round(high), "rates_compared": len(usd),
        "rate_low": float(window["cny_per_usd"].min()), "rate_high": float(window["cny_per_usd"].max()),
    }
    fill = dict(budget=Money(budget, "CNY"), reported=Money(reported, "USD"),
                low=Money(low, "USD"), high=Money(high, "USD"), implied=implied,
                announced=announced, start=start)
    if low <= reported <= high:
        return result(name, HOLDS, numbers, "inside", ids(rows, window), **fill)
    off = min(abs(reported - low), abs(reported - high)) / reported
    verdict = PARTLY if off <= ABOUT_SHARE else DOES_NOT_HOLD
    return result(name, verdict, numbers, "outside", ids(rows, window), off=off, **fill)


def _budget(t: Tables, name: str, campaign: str):
    """The article's budget for ``campaign`` against every outside row that states one."""
    art = article_budget(t, campaign)
    rows = outside(campaign_rows(t, campaign))
    rows = rows[rows["budget_amount"].notna()]
    if art is None or rows.empty:
        return cannot(name, "missing", ids(rows), section="budget")
    claimed, currency, art_rows = art
    rows = rows[rows["budget_currency"].eq(currency)]
    sourced = sorted({int(v) for v in rows["budget_amount"]})
    if not sourced:
        return cannot(name, "no_currency", ids(art_rows), section="budget", currency=currency)
    worst = max(abs(v - claimed) for v in sourced) / max(sourced)
    numbers = {"article": claimed, "sourced": sourced, "currency": currency,
               "largest_difference_share": round(worst, 4)}
    if worst == 0:
        verdict, how = HOLDS, "matches"
    elif worst <= ROUNDING_SHARE:
        verdict, how = PARTLY, "roughly_matches"
    else:
        verdict, how = DOES_NOT_HOLD, "does_not_match"
    return result(name, verdict, numbers, ("claimed", how, "sourced"), ids(art_rows, rows), section="budget",
                  company=glossary.term(rows["company"].iloc[0]),
                  claimed=Money(claimed, currency),
                  sourced_amounts=[Money(v, currency) for v in sourced],
                  fact_ids=", ".join(ids(rows)))


@check
def budget_alibaba(t: Tables):
    """The article's 3 bn yuan for Alibaba against the sourced amount (A01)."""
    return _budget(t, "budget_alibaba", "alibaba_qwen")


@check
def budget_tencent(t: Tables):
    """The article's one billion yuan for Tencent against the sourced amount (T01)."""
    return _budget(t, "budget_tencent", "tencent_yuanbao")


@check
def budget_baidu(t: Tables):
    """The article's 500 million yuan for Baidu against the sourced amounts (B01, B02)."""
    return _budget(t, "budget_baidu", "baidu_wenxin")


@check
def ratio_alibaba_vs_each(t: Tables):
    """"Almost three times what each of Tencent and Baidu allocated": both ratios must be
    within ALMOST_TOLERANCE of 3."""
    name = "ratio_alibaba_vs_each"
    budgets = {k: article_budget(t, k) for k in ("alibaba_qwen", "tencent_yuanbao", "baidu_wenxin")}
    if any(b is None for b in budgets.values()) or len({b[1] for b in budgets.values()}) != 1:
        return cannot(name, "missing")
    alibaba = budgets["alibaba_qwen"][0]
    ratios = {k: alibaba / budgets[k][0] for k in ("tencent_yuanbao", "baidu_wenxin")}
    near = {k: abs(r - 3) <= ALMOST_TOLERANCE for k, r in ratios.items()}
    numbers = {"alibaba_vs_tencent": round(ratios["tencent_yuanbao"], 2),
               "alibaba_vs_baidu": round(ratios["baidu_wenxin"], 2)}
    verdict = HOLDS if all(near.values()) else PARTLY if any(near.values()) else DOES_NOT_HOLD
    names = {k: glossary.term(budgets[k][2]["company"].iloc[0]) for k in ("tencent_yuanbao", "baidu_wenxin")}
    says = ("ratios",) if verdict == HOLDS else ("ratios", "fails_for")
    return result(name, verdict, numbers, says + ("end",), ids(*(b[2] for b in budgets.values())),
                  tencent=ratios["tencent_yuanbao"], baidu=ratios["baidu_wenxin"],
                  failing=[names[k] for k in ("tencent_yuanbao", "baidu_wenxin") if not near[k]])


@check
def rival_campaigns(t: Tables):
    """Competition among tech giants: how many other companies ran sourced AI-app campaigns
    in the same Spring Festival, and how close together they were announced."""
    name = "rival_campaigns"
    announced = announced_on(t)
    if announced is None:
        return cannot(name, "no_date")
    c = outside(t["campaigns"])
    facts_cols = ["budget_amount", "per_user_cap_amount", "announced_on", "start_on"]
    active = c[c[facts_cols].notna().any(axis=1)]
    rivals = sorted(set(active["campaign"]) - {"alibaba_qwen"})
    dates = [day(v) for v in active["announced_on"].dropna()]
    span = (max(dates) - min(dates)).days if dates else None
    gala = t["context_gala"]
    total = gala[gala["year"].eq(announced.year) & gala["scope"].eq("industry_total")]
    budgets = [b for b in (article_budget(t, k) for k in sorted(set(c["campaign"]))) if b]
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
    verdict = HOLDS if len(rivals) >= 2 else PARTLY if len(rivals) == 1 else DOES_NOT_HOLD
    if not rivals:
        return result(name, verdict, numbers, "none", ids(active, total), year=announced.year)
    says = ("campaigns", "span", "names") if span is not None else ("campaigns", "names")
    return result(name, verdict, numbers, says, ids(active, total),
                  year=announced.year, count=len(rivals) + 1, span=span,
                  companies=[glossary.term(c) for c in firsts["company"]])

