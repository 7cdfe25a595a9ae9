"""Checks of what the campaigns are: the statement, the incentives, the red envelopes,
the products that pay out, the form of the rewards and the stated goal."""

from __future__ import annotations

import re

from helpers.toolkit.wording import Money

from ._core import (
    DOES_NOT_HOLD, HOLDS, PARTLY, Tables, announced_on, article_rows, campaign_rows, cannot,
    check, concat, day, event_rows, ids, outside, result, texts,
)


@check
def statement_exists(t: Tables):
    """"According to an official statement": a sourced row must quote Alibaba's statement.
    Whether the primary release itself is cited is reported too (X01: it is not)."""
    name = "statement_exists"
    rows = concat(outside(campaign_rows(t, "alibaba_qwen")),
                  outside(t["events"][t["events"]["event"].str.startswith(("alibaba", "qwen"))]))
    quoting = rows[rows["quote"].str.contains(r"\bsaid in a statement\b", case=False, na=False)]
    primary = rows[rows["source"].str.contains("alibabagroup.com", na=False)]
    numbers = {"rows_quoting_statement": len(quoting), "primary_release_cited": not primary.empty}
    if quoting.empty:
        return cannot(name, "none")
    says = ("quoted", "end") if not primary.empty else ("quoted", "no_primary", "end")
    return result(name, HOLDS, numbers, says, ids(quoting, primary), fact_ids=", ".join(ids(quoting)))


#: The article's wording mapped onto the statement's (restaurants = dining).
_INCENTIVE_SYNONYMS = {"restaurants": "dining", "entertainment services": "entertainment"}


def _incentive_categories(text: str) -> set[str]:
    """'dining, drinks, entertainment and leisure; ...' -> {'dining', 'drinks', ...}."""
    head = text.split(";")[0]
    parts = re.split(r",|\band\b", head)
    cats = {p.strip().lower() for p in parts if p.strip()}
    return {_INCENTIVE_SYNONYMS.get(c, c) for c in cats}


@check
def incentives_alibaba(t: Tables):
    """"Incentives in restaurants and entertainment services": every sector the article names
    must be in the statement's list (the article may shorten it)."""
    name = "incentives_alibaba"
    rows = campaign_rows(t, "alibaba_qwen").dropna(subset=["incentives"])
    art, out = article_rows(rows), outside(rows)
    if art.empty or out.empty:
        return cannot(name, "missing")
    claimed = _incentive_categories(art["incentives"].iloc[0])
    sourced = set().union(*(_incentive_categories(s) for s in out["incentives"]))
    matched = claimed & sourced
    numbers = {"article_sectors": sorted(claimed), "statement_sectors": sorted(sourced),
               "matched": len(matched)}
    verdict = HOLDS if matched == claimed else PARTLY if matched else DOES_NOT_HOLD
    return result(name, verdict, numbers, "sectors", ids(art, out),
                  claimed_count=len(claimed), sourced_count=len(sourced), sectors=sorted(sourced))


_RED_ENVELOPE_TERMS = ("large", "red envelopes", "continu")


def _quoted_phrase(text: str) -> str | None:
    match = re.search(r"'([^']*red envelopes[^']*)'", text)
    return match.group(1) if match else None


@check
def quote_red_envelopes(t: Tables):
    """The quoted "large red envelopes on a continuous basis" against Reuters' quotation of the
    statement (A04), and whether cash envelopes were then paid (A08)."""
    name = "quote_red_envelopes"
    rows = campaign_rows(t, "alibaba_qwen")
    art = article_rows(rows).dropna(subset=["incentives"])
    out = outside(rows).dropna(subset=["incentives"])
    claimed = next((p for p in map(_quoted_phrase, art["incentives"]) if p), None)
    sourced = next((p for p in map(_quoted_phrase, out["incentives"]) if p), None)
    if claimed is None or sourced is None:
        return cannot(name, "missing")
    shared = [term for term in _RED_ENVELOPE_TERMS if term in claimed and term in sourced]
    cash = outside(rows)[outside(rows)["quote"].str.contains("cash red envelopes", na=False)]
    cap = cash["per_user_cap_amount"].dropna()
    numbers = {"article_phrase": claimed, "statement_phrase": sourced,
               "shared_terms": len(shared), "terms": len(_RED_ENVELOPE_TERMS),
               "cash_cap_cny": int(cap.iloc[0]) if not cap.empty else None}
    verdict = (HOLDS if len(shared) == len(_RED_ENVELOPE_TERMS)
               else PARTLY if shared else DOES_NOT_HOLD)
    says = ("compared", "cash", "end") if not cap.empty else ("compared", "end")
    return result(name, verdict, numbers, says, ids(art, out, cash),
                  cap=Money(cap.iloc[0], "CNY") if not cap.empty else None)


_ASSISTANT = re.compile(r"文心助手|Wenxin Assistant|AI assistant|chatbot", re.IGNORECASE)
_INSIDE_BAIDU_APP = re.compile(r"百度\s*App|Baidu App", re.IGNORECASE)
#: A product name in the article's words: the article keeps brand names in Latin letters
#: (Qwen AI, Yuanbao); a name in Chinese characters would be a name too.
_PRODUCT_NAME = re.compile(r"[A-Za-z\u4e00-\u9fff]")


@check
def baidu_product_naming(t: Tables):
    """"Its chatbot": does the article's name for Baidu's product fit what the sources say
    pays out? A generic "its chatbot" fits Baidu's AI assistant Wenxin (reached inside the
    Baidu App, B02, B03); only a product *named* by the article that the sources do not
    name (the standalone ERNIE Bot / Wenxiaoyan app, C05) would make it hold in part."""
    name = "baidu_product_naming"
    rows = outside(campaign_rows(t, "baidu_wenxin"))
    art = article_rows(campaign_rows(t, "baidu_wenxin")).dropna(subset=["app_in_source"])
    found = texts(rows, ("quote", "app_in_source"))
    if not found or art.empty:
        return cannot(name, "none")
    said = str(art["app_in_source"].iloc[0])
    assistant = [s for s in found if _ASSISTANT.search(s)]
    inside = [s for s in found if _INSIDE_BAIDU_APP.search(s)]
    named = bool(_PRODUCT_NAME.search(said))
    sourced_names = {str(v).lower() for v in rows["app_in_source"].dropna()}
    numbers = {"article_words": said, "article_names_a_product": named, "rows": len(rows),
               "name_the_assistant": len(assistant), "say_inside_baidu_app": len(inside)}
    used = ids(art, rows)
    if not assistant:
        return result(name, DOES_NOT_HOLD, numbers, "no_assistant", used)
    where = ("inside_app",) if inside else ("end",)
    if named and not any(said.lower() in s or s in said.lower() for s in sourced_names):
        return result(name, PARTLY, numbers, ("other_product",) + where, used, said=said)
    return result(name, HOLDS, numbers, ("generic",) + where, used, said=said)


_REWARD_FORMS = {
    "coupons": re.compile(r"coupon|voucher|券", re.IGNORECASE),
    "cash": re.compile(r"\bcash\b|现金|現金", re.IGNORECASE),
}


@check
def reward_form_unspecified(t: Tables):
    """"Has not yet clarified cash or vouchers": no announcement-day source names a form of
    reward; the later sources show which forms followed, and when."""
    name = "reward_form_unspecified"
    published = announced_on(t)
    if published is None:
        return cannot(name, "no_date")
    e = outside(t["events"])
    alibaba = e[e["event"].str.startswith(("alibaba", "qwen"))]
    on_day = alibaba[alibaba["date"].dt.date.eq(published)]
    c = outside(campaign_rows(t, "alibaba_qwen"))
    same_report = c[c["source"].isin(set(on_day["source"]))]  # the announcement-day report's rows
    day_texts = texts(on_day) + texts(same_report)
    if not day_texts:
        return cannot(name, "no_source")
    named = {form for form, rx in _REWARD_FORMS.items() if any(rx.search(s) for s in day_texts)}
    later = alibaba[alibaba["date"].dt.date.gt(published)]
    first_seen, first_rows = {}, []
    for form, rx in _REWARD_FORMS.items():
        hits = later[later["quote"].str.contains(rx, na=False) | later["title_en"].str.contains(rx, na=False)]
        if not hits.empty:
            first_seen[form] = day(hits["date"].min())
            first_rows.append(hits[hits["date"].eq(hits["date"].min())])
    numbers = {"announcement_day": published.isoformat(), "forms_named_that_day": sorted(named),
               **{f"first_{form}_on": d.isoformat() for form, d in sorted(first_seen.items())}}
    if named:
        return result(name, DOES_NOT_HOLD, numbers, "named", ids(on_day, same_report),
                      forms=", ".join(sorted(named)))
    ordered = sorted(first_seen.items(), key=lambda item: item[1])
    says = ("unnamed", "then_start", "end") if ordered else ("unnamed", "end")
    return result(name, HOLDS, numbers, says, ids(on_day, same_report, *first_rows),
                  published=published,
                  later=[{"form": form, "on": d} for form, d in ordered])


_ATTRACT_USERS = re.compile(r"attract(?:ing)? users|吸引用户|吸引用戶")


@check
def goal_user_growth(t: Tables):
    """"Observers believe the main goal is to expand the Qwen AI user base": Alibaba's own
    stated aim, "to attract users to its Qwen AI app" (A01, A03). The user counts before
    and after are not used: they come from panels that cannot be compared (C13), and the
    later one is of low confidence (Q07); a count can show growth, not an aim."""
    name = "goal_user_growth"
    rows = concat(outside(campaign_rows(t, "alibaba_qwen")), event_rows(t, "alibaba_announcement"))
    stated = rows[rows["quote"].str.contains(_ATTRACT_USERS, na=False)]
    if stated.empty:
        return cannot(name, "no_aim")
    numbers = {"rows_stating_user_aim": len(stated), "user_counts_used": False}
    return result(name, HOLDS, numbers, ("stated", "end"), ids(stated), fact_ids=list(ids(stated)))
