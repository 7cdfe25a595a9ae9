"""02_budgets_cny: each campaign's budget as a bar, in billions of yuan, labelled in yuan
and in dollars at the article's own rate; a campaign whose budget is not public gets a
label and no bar. One bar per campaign of campaigns.csv, coloured by its role."""
from __future__ import annotations

from helpers.analysis import compare, glossary, words
from helpers.analysis.checks import Tables
from helpers.analysis.checks._core import announced_on
from helpers.toolkit import langs, style
from helpers.toolkit.arabic import label
from helpers.toolkit.wording import Money

NAME = "02_budgets_cny"
NOTEBOOK = "02_budgets"
TABLES = ("campaigns",)
SECTION = "figures.budgets_cny"


def plotted(tables=None):
    """One row per campaign: budget, role, dollars at the article's implied rate."""
    import pandas as pd

    t = Tables.of(tables)
    budgets = compare.article_budgets(t["campaigns"])
    rate = compare.article_conversion(t["campaigns"]).rate
    return budgets.assign(
        usd_at_implied_rate=[round(a / rate) if p else pd.NA
                             for a, p in zip(budgets["budget_amount"], budgets["public"])],
        implied_cny_per_usd=round(rate, 4),
    )[["campaign", "company", "role", "budget_amount", "budget_currency", "usd_at_implied_rate",
       "implied_cny_per_usd", "public"]]


def compute(tables=None) -> dict:
    """What the words need, computed from the tables (the same in every language)."""
    t = Tables.of(tables)
    frame = plotted(t)
    conversion = compare.article_conversion(t["campaigns"])
    public = frame[frame["public"]]
    subject = public[public["role"].eq("subject")].iloc[0]
    total = int(public["budget_amount"].sum())
    article = t["campaigns"][t["campaigns"]["source"].eq("article")
                             & t["campaigns"]["budget_amount"].notna()]
    return {
        "frame": frame,
        "subject": glossary.term(subject["company"]),
        "subject_budget": Money(int(subject["budget_amount"]), subject["budget_currency"]),
        "ratios": [{"ratio": int(subject["budget_amount"]) / int(r.budget_amount),
                    "company": glossary.term(r.company)}
                   for r in public.itertuples() if r.campaign != subject["campaign"]],
        "year": announced_on(t).year,
        "total": Money(total, "CNY"),
        "total_usd": Money(total / conversion.rate, "USD"),
        "rate": conversion.rate,
        "conversion_budget": Money(conversion.amount, conversion.currency),
        "conversion_reported": Money(conversion.reported_amount, conversion.reported_currency),
        "paragraphs": [{"n": int(n)} for n in sorted(set(article["paragraph"].dropna()))],
        "public": [{"company": glossary.term(r.company), "budget": Money(int(r.budget_amount), r.budget_currency),
                    "usd": Money(int(r.usd_at_implied_rate), "USD")} for r in public.itertuples()],
        "hidden": [glossary.term(c) for c in frame.loc[~frame["public"], "company"]],
        "hidden_rows": [{"company": glossary.term(c)} for c in frame.loc[~frame["public"], "company"]],
        "subject_colour": {lang: style.colour_word("subject", lang) for lang in langs.LANGS},
        "rival_colour": {lang: style.colour_word("rival", lang) for lang in langs.LANGS},
    }


def text(lang: str, values: dict | None = None) -> dict:
    """Title, subtitle, caption, alt text and source line in *lang*."""
    v = values or compute()
    said = words.of(lang)

    def say(key):
        return said.say(f"{SECTION}.{key}", **v)

    hidden = bool(v["hidden"])
    return {
        "title": say("title"),
        "subtitle": say("subtitle"),
        "source": say("source") + (say("source_hidden") if hidden else ""),
        "caption": say("caption") + (say("caption_hidden") if hidden else "") + say("caption_rate"),
        "alt": say("alt") + (say("alt_hidden") if hidden else "") + say("alt_colours"),
    }


def draw(lang: str, values: dict | None = None):
    """The budgets as bars, each labelled in yuan and in dollars, in *lang*.

    Every bar carries its value, so there is no value axis and no gridline for a label to
    sit on. A campaign whose budget is not public gets no bar: its place on the baseline is
    an empty gap, labelled as such (a stub of any height would read as a value).
    """
    v = values or compute()
    frame, said = v["frame"], words.of(lang)
    wording = text(lang, v)
    style.use(lang)
    fig, ax = style.subplots(lang=lang)
    top = frame["budget_amount"].max()
    for x, row in enumerate(frame.itertuples()):
        if row.public:
            ax.bar(x, row.budget_amount, width=0.6, color=style.colour(row.role))
            note = said.say(f"{SECTION}.bar_label", budget=Money(row.budget_amount, row.budget_currency),
                            usd=Money(row.usd_at_implied_rate, "USD"))
            ax.annotate(label(note), (x, row.budget_amount), xytext=(0, 8), textcoords="offset points",
                        ha="center", va="bottom", fontsize=16,
                        linespacing=0.85 if langs.get(lang).rtl else 1.1)  # the Arabic font's lines are taller
        else:
            ax.annotate(label(langs.get(lang).word("not_public")), (x, 0), xytext=(0, 10),
                        textcoords="offset points", ha="center", va="bottom", fontsize=16,
                        color=style.MUTED)
    ax.set_xticks(range(len(frame)), [label(glossary.name(c, lang)) for c in frame["company"]], fontsize=16)
    ax.set_xlim(-0.6, len(frame) - 0.4)
    ax.set_ylim(0, top * 1.22)  # room for the two-line labels above the tallest bar
    ax.set_yticks([])
    ax.grid(False)
    for where in ("left", "right", "top"):
        ax.spines[where].set_visible(False)
    ax.tick_params(axis="x", length=0, pad=8)
    style.order_categories(ax, lang)  # right-to-left languages: the first campaign on the right
    style.title(ax, wording["title"], wording["subtitle"], lang=lang)
    style.source_line(fig, wording["source"], lang=lang)
    return fig

