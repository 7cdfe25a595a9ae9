"""The numbers each notebook's findings state, computed from the data in one place.

    facts.for_notebook("02_budgets")   # {"subject": ..., "ratios": [...], "total": Money(...), ...}

The findings box at the top of every notebook (:func:`helpers.analysis.present.findings`),
the README's findings and the decks' findings slide read these values; the words are the
templates of ``findings.<notebook>`` in the word files. Nothing here is typed by hand: a
changed table changes the findings.
"""
from __future__ import annotations

from helpers.analysis import article, checks, compare, data, glossary
from helpers.analysis.checks import Tables
from helpers.analysis.checks._core import announced_on, outside
from helpers.toolkit import holidays, langs
from helpers.toolkit.wording import Money

__all__ = ["for_notebook", "budgets", "NOTEBOOKS"]


def budgets(tables=None) -> dict:
    """Every campaign's budget as the article gives it, the ratios of the article's company
    to each rival, the total, and the article's own yuan-to-dollar conversion."""
    t = Tables.of(tables)
    frame = compare.article_budgets(t["campaigns"])
    conversion = compare.article_conversion(t["campaigns"])
    public = frame[frame["public"]]
    subject = public[public["role"].eq("subject")].iloc[0]
    total = int(public["budget_amount"].sum())
    fx = t["context_fx"]
    return {
        "subject": glossary.term(subject["company"]),
        "subject_app": glossary.term(subject["app"]),
        "subject_budget": Money(int(subject["budget_amount"]), subject["budget_currency"]),
        "reported": Money(conversion.reported_amount, conversion.reported_currency),
        "rate": conversion.rate,
        "rivals": [{"company": glossary.term(r.company), "app": glossary.term(r.app),
                    "budget": Money(int(r.budget_amount), r.budget_currency),
                    "ratio": int(subject["budget_amount"]) / int(r.budget_amount)}
                   for r in public.itertuples() if r.campaign != subject["campaign"]],
        "hidden": [glossary.term(c) for c in frame.loc[~frame["public"], "company"]],
        "total": Money(total, subject["budget_currency"]),
        "total_usd": Money(total / conversion.rate, conversion.reported_currency),
        "total_usd_low": Money(total / float(fx["cny_per_usd"].max()), "USD"),
        "total_usd_high": Money(total / float(fx["cny_per_usd"].min()), "USD"),
        "rates": len(fx), "rate_low": float(fx["cny_per_usd"].min()),
        "rate_high": float(fx["cny_per_usd"].max()),
    }


def _verdicts(t) -> dict:
    results = checks.run_all(t)
    counts = checks.verdict_counts(results)
    holds, partly, fails, cannot = (counts[v] for v in checks.VERDICTS)
    return {"results": results, "n_claims": len(results), "holds": holds, "partly": partly,
            "fails": fails, "cannot": cannot, "n_sentences": len(article.sentences()),
            "agree": int(results["agrees"].sum())}


def _calendar(t) -> dict:
    year = announced_on(t).year
    holiday = holidays.spring_festival(year)
    longer = checks.holiday_longer_than_usual(t).numbers
    events = outside(t["events"])
    spans = events[events["campaign"].notna() & events["category"].ne("announcement")]
    first = spans.sort_values("date").iloc[0]
    start = checks.campaign_within_holiday(t).numbers
    campaigns = t["campaigns"].drop_duplicates("campaign").set_index("campaign")
    return {"year": year, "first": holiday.first_day, "last": holiday.last_day, "days": holiday.days,
            "usual_days": longer["usual_days"], "years_at_usual": longer["years_at_usual"],
            "years_compared": longer["years_compared"], "first_year": longer["first_year"],
            "last_year": longer["last_year"], "longer_years": [str(y) for y in longer["years_longer"]],
            "earliest": glossary.term(campaigns.loc[first["campaign"], "company"]),
            "earliest_lead": (holiday.first_day - first["date"].date()).days,
            "subject_lead": start["days_before_holiday"],
            "subject": glossary.term(campaigns.loc[campaigns["role"].eq("subject")].iloc[0]["company"]),
            "announced": announced_on(t)}


def _wechat(t) -> dict:
    w = t["context_wechat"]

    def value(year, period, metric, platform="WeChat"):
        row = w[w["year"].eq(year) & w["platform"].eq(platform) & w["period"].eq(period)
                & w["metric"].eq(metric)]
        return int(row["value"].iloc[0]), row.iloc[0]

    eve14, _ = value(2014, "eve", "sent_and_received")
    eve15, _ = value(2015, "eve", "sent_and_received")
    eve16, _ = value(2016, "eve", "sent_and_received")
    alipay15, _ = value(2015, "eve", "sent_and_received", "Alipay")
    cards = w[w["platform"].eq("WeChat") & w["metric"].eq("people_bound_cards")].sort_values("year")
    first_cards, official, later = cards.iloc[0], cards.iloc[1], cards.iloc[-1]
    pearl = t["events"][t["events"]["event"].eq("jack_ma_pearl_harbor")].iloc[0]
    return {"eve14": eve14, "eve15": eve15, "eve16": eve16, "alipay15": alipay15,
            "growth": eve15 / eve14, "vs_alipay": eve15 / alipay15,
            "cards_first": int(first_cards["value"]), "cards_first_qualifier": first_cards["qualifier"],
            "cards_first_year": int(first_cards["year"]),
            "cards_official": int(official["value"]), "cards_official_on": official["period_end"].date(),
            "cards_later": int(later["value"]), "cards_later_qualifier": later["qualifier"],
            "cards_later_on": later["period_end"].date(), "pearl_year": pearl["date"].year}


def _deepseek(t) -> dict:
    events = outside(t["events"])

    def days_of(event):
        return sorted(events.loc[events["event"].eq(event), "date"].dt.date)

    r1 = days_of("deepseek_r1_release")[0]
    store = days_of("deepseek_us_app_store_no1")
    market = events[events["category"].eq("market")].sort_values("date").iloc[0]
    answer = events[events["actor"].eq("alibaba") & events["category"].eq("model_release")
                    & events["date"].dt.date.gt(r1)].sort_values("date").iloc[0]
    announced = announced_on(t)
    subject_app = t["campaigns"].loc[t["campaigns"]["role"].eq("subject"), "app"].iloc[0]
    users = t["context_users"]
    mau = users[users["app"].eq(subject_app) & users["metric"].eq("mau")].sort_values("date")
    first_mau = mau.iloc[0]
    company = t["campaigns"].loc[t["campaigns"]["role"].eq("subject"), "company"].iloc[0]
    own = mau[mau["measured_by"].eq(company)].iloc[0]
    return {"r1": r1, "store_first": store[0], "store_last": store[-1], "store_days": store,
            "store_lead_first": (store[0] - r1).days, "store_lead_last": (store[-1] - r1).days,
            "market_company": glossary.term(market["actor"]), "market_day": market["date"].date(),
            "market_loss": Money(int(market["amount"]), market["currency"]),
            "market_qualifier": market["qualifier"], "market_change": abs(float(market["change_percent"])),
            "answer": {lang: answer[f"short_{lang}"] for lang in langs.LANGS},
            "answer_lead": (answer["date"].date() - r1).days,
            "releases_between": checks.r1_domestic_pace(t).numbers["releases_between"],
            "announced": announced, "announced_lead": (announced - r1).days,
            "app": glossary.term(subject_app),
            "mau_first": int(first_mau["value"]), "mau_first_month": first_mau["date"].date(),
            "mau_first_by": glossary.term(first_mau["measured_by"]),
            "mau_own": int(own["value"]), "mau_own_qualifier": own["qualifier"],
            "mau_own_on": own["date"].date(), "company": glossary.term(company)}


def _overview(t) -> dict:
    return {**budgets(t), **{k: v for k, v in _verdicts(t).items() if k != "results"},
            "paragraphs": len(data.article("ar")) - 1}


def _dataset(t) -> dict:
    rows = {name: len(t[name]) for name in data.tables()}
    article_rows = sum(int(t[name]["source"].eq("article").sum()) for name in data.tables()
                       if "source" in t[name])
    b = budgets(t)
    return {**b, "tables": len(rows), "rows": sum(rows.values()), "article_rows": article_rows,
            "outside_rows": sum(rows.values()) - article_rows - rows.get("glossary", 0)}


def _fact_check(t) -> dict:
    v = _verdicts(t)
    results = v.pop("results")
    inexact = results[results["verdict"].isin([checks.PARTLY, checks.DOES_NOT_HOLD])]
    usd = checks.usd_conversion_alibaba(t).numbers
    return {**v, "inexact": list(inexact["claim_id"]),
            "usd_low": Money(usd["usd_low"], "USD"), "usd_high": Money(usd["usd_high"], "USD"),
            "budget": Money(usd["budget_cny"], "CNY"), "reported": Money(usd["reported_usd"], "USD")}


_BUILDERS = {
    "00_overview": _overview,
    "01_dataset": _dataset,
    "02_budgets": budgets,
    "03_calendar": _calendar,
    "04_wechat_2015": _wechat,
    "05_deepseek_context": _deepseek,
    "06_fact_check": _fact_check,
}
NOTEBOOKS = tuple(_BUILDERS)


def for_notebook(notebook: str, tables=None) -> dict:
    """The values a notebook's findings use (KeyError naming the notebooks there are)."""
    if notebook not in _BUILDERS:
        raise KeyError(f"no findings for {notebook!r}; notebooks: {', '.join(NOTEBOOKS)}")
    return _BUILDERS[notebook](Tables.of(tables))

