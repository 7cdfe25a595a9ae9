"""Checks of the precedent: red-envelope seasons on record, WeChat's 2015, Alipay's owner."""

from __future__ import annotations

import re

from helpers.toolkit.wording import Money

from ._core import (
    DOES_NOT_HOLD, HOLDS, PARTLY, Tables, announced_on, cannot, check, ids, outside, result,
)

#: "traditional": red-envelope campaigns on record for at least this many seasons before
#: the article's year, run by at least TRADITION_MIN_SPONSORS different sponsors.
TRADITION_MIN_YEARS = 10
TRADITION_MIN_SPONSORS = 3
#: "a rising trend": AI-app campaigns on record in at least this many Spring Festival
#: seasons, more of them in the latest season than in the first.
TREND_MIN_SEASONS = 2

__all__ = ["TRADITION_MIN_YEARS", "TRADITION_MIN_SPONSORS", "TREND_MIN_SEASONS"]


@check
def red_envelope_precedents(t: Tables):
    """A traditional method / a golden season: Spring Festival digital red-envelope campaigns
    on record, how many seasons back and by how many sponsors."""
    name = "red_envelope_precedents"
    announced = announced_on(t)
    year = announced.year if announced else None
    w, g = t["context_wechat"], t["context_gala"]
    if year is not None:
        w, g = w[w["year"].lt(year)], g[g["year"].lt(year)]
    if w.empty and g.empty:
        return cannot(name, "none")
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
    fill = {}
    says = ("seasons",)
    if not industry.empty:
        top = industry.loc[industry["amount"].idxmax()]
        says += ("industry",)
        fill = {"top": Money(top["amount"], top["currency"]), "top_year": int(top["year"])}
    return result(name, HOLDS if traditional else PARTLY, numbers, says + ("end",), ids(w, g), **fill)


def _campaign_years(t: Tables) -> dict[int, set[str]]:
    """Season -> the AI-app campaigns on record: every campaign of campaigns.csv (the
    table holds AI-app campaigns only), in the year of its earliest sourced date."""
    c = t["campaigns"]
    dates = c[["announced_on", "start_on", "end_on"]].min(axis=1)
    seasons: dict[int, set[str]] = {}
    for campaign, first in dates.groupby(c["campaign"]).min().dropna().items():
        seasons.setdefault(first.year, set()).add(campaign)
    return seasons


@check
def ai_season_trend(t: Tables):
    """"A rising trend among China's tech giants to use the major consumer seasons to
    accelerate AI adoption": in how many Spring Festival seasons are AI-app campaigns on
    record (campaigns.csv, and gala rows that promoted AI apps), and what did the earlier
    red-envelope seasons promote (context_gala.csv, column promoted)? A trend needs at
    least TREND_MIN_SEASONS seasons, rising; one season is a start, not yet a trend."""
    name = "ai_season_trend"
    g = t["context_gala"]
    seasons = _campaign_years(t)
    ai_gala = g[g["promoted"].eq("ai_apps")]
    for r in ai_gala[ai_gala["scope"].eq("company")].itertuples():
        seasons.setdefault(int(r.year), set()).add(str(r.company))
    for year in ai_gala["year"].astype(int):
        seasons.setdefault(year, set())
    if not seasons:
        if g.empty:
            return cannot(name, "none")
        return result(name, DOES_NOT_HOLD, {"ai_seasons": []}, "none", ids(g))
    ai_years = sorted(seasons)
    earlier = g[g["year"].lt(ai_years[0]) & g["scope"].eq("company")]
    promoted = {int(y): sorted(set(p)) for y, p in earlier.groupby("year")["promoted"]}
    counts = [len(seasons[y]) for y in ai_years]
    numbers = {"ai_seasons": ai_years, "ai_campaigns_per_season": dict(zip(ai_years, counts)),
               "earlier_seasons": promoted}
    c = outside(t["campaigns"])
    used = ids(c[c[["budget_amount", "per_user_cap_amount", "announced_on", "start_on"]].notna().any(axis=1)],
               ai_gala, earlier)
    by_kind: dict[str, list[int]] = {}
    for year, kinds in promoted.items():
        for kind in kinds:
            by_kind.setdefault(kind, []).append(year)
    fill = {"first_ai": ai_years[0], "latest_ai": ai_years[-1], "seasons": len(ai_years),
            "campaigns": counts[-1],
            "earlier": [{"kind": kind, "years": years} for kind, years in by_kind.items()]}
    tail = ("earlier",) if promoted else ()
    if len(ai_years) < TREND_MIN_SEASONS:
        return result(name, PARTLY, numbers, ("only",) + tail + ("one_season",), used, **fill)
    rising = counts[-1] > counts[0]
    return result(name, HOLDS if rising else PARTLY, numbers,
                  ("seasons",) + tail + ("rising" if rising else "not_rising",), used, **fill)


def _wechat_value(w, year: int, platform: str, period: str, metric: str):
    rows = w[w["year"].eq(year) & w["platform"].eq(platform) & w["period"].eq(period)
             & w["metric"].eq(metric)]
    return (int(rows["value"].iloc[0]), rows) if not rows.empty else (None, rows)


@check
def wechat_2015_precedent(t: Tables):
    """Tencent used the 2015 season to push WeChat Pay: a 2015 WeChat red-envelope campaign on
    record (eve volume, sponsor money) and payment users growing after it (bound cards)."""
    name = "wechat_2015_precedent"
    w, g = t["context_wechat"], t["context_gala"]
    if w.empty:
        return cannot(name, "no_series")
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
    used = ids(r15, r14, ra, before, after, gala15)
    if eve15 is None:
        return result(name, DOES_NOT_HOLD, numbers, "no_2015", used)
    grew = numbers["bound_cards_2014"] is not None and numbers["bound_cards_nov_2015"] is not None and (
        numbers["bound_cards_nov_2015"] > numbers["bound_cards_2014"])
    says = ("eve",)
    if numbers["growth_2014_to_2015"]:
        says += ("growth",)
    if alipay15:
        says += ("alipay",)
    says += ("cards",) if grew else ("no_growth",)
    return result(name, HOLDS if grew else PARTLY, numbers, says, used)


_ANT_GROUP = re.compile(r"Ant Group|螞蟻集團|蚂蚁集团")
_ALIBABA_OWNS_ALIPAY = re.compile(r"Alibaba's Alipay|阿里巴巴旗下支付[宝寶]|阿里旗下支付[宝寶]")
_ALIPAY = re.compile(r"Alipay|支付[宝寶]")


@check
def alipay_ownership(t: Tables):
    """"Alibaba's Alipay": who the sources say runs Alipay, and whether Alipay ran a rival
    2015 red-envelope campaign (W10)."""
    name = "alipay_ownership"
    e = outside(t["events"])
    mentions = e[e["quote"].str.contains(_ALIPAY, na=False) | e["title_en"].str.contains(_ALIPAY, na=False)]
    ant = mentions[mentions["quote"].str.contains(_ANT_GROUP, na=False)]
    alibaba = mentions[mentions["quote"].str.contains(_ALIBABA_OWNS_ALIPAY, na=False)]
    w = t["context_wechat"]
    rival = w[w["platform"].eq("Alipay") & w["year"].eq(2015)]
    numbers = {"rows_naming_ant_group": len(ant), "rows_naming_alibaba": len(alibaba),
               "alipay_2015_rows": len(rival)}
    used = ids(ant, alibaba, rival)
    if not ant.empty:
        words = _ANT_GROUP.search(ant["quote"].iloc[0]).group(0)
        says = ("rival_ran", "ant") if not rival.empty else ("but", "ant")
        return result(name, PARTLY, numbers, says, used, words=words)
    if not rival.empty:
        return result(name, HOLDS, numbers, "rival_only", used)
    return cannot(name, "none")
