"""04_wechat_series: the WeChat red-envelope precedent in two panels over the same years.

One message per panel. The reader's first panel: red envelopes sent and received on New
Year's Eve — the one count the sources give the same way every year (WeChat, eve, sent and
received), joined by a line, the title's year highlighted, Alipay's count that night as a
single comparison point. The second panel: WeChat Pay users with a bound bank card, one
marker per sourced figure at the date it was reported (no line: the windows differ).
Both on a logarithmic scale (16 million and 14 billion on one slide). Time runs left to
right in both languages; in Arabic the envelopes panel is on the right, where a reader
starts.
"""
from __future__ import annotations

from helpers.analysis import words
from helpers.analysis.checks import Tables
from helpers.toolkit import fmt, langs, style
from helpers.toolkit.arabic import label

NAME = "04_wechat_series"
NOTEBOOK = "04_wechat_2015"
TABLES = ("context_wechat",)
SECTION = "figures.wechat_series"
#: The year the title is about.
HIGHLIGHT = 2015


def _x(row) -> float:
    """A row's place on the time axis: its reporting day for a running total, else the eve."""
    import pandas as pd

    day = row["period_end"] if row["period"] == "to_date" else row["period_start"]
    if pd.isna(day):  # a window with no sourced dates: the first days of its year
        return float(row["year"]) + 0.08
    return day.year + (day.day_of_year - 1) / 365


def _low(row) -> str:
    """The low-confidence mark after a value, as every figure of the collection writes it."""
    return "*" if row.confidence == "low" else ""


def plotted(tables=None):
    """The rows drawn: the eve series (WeChat and Alipay) and the bound-card counts."""
    t = Tables.of(tables)
    w = t["context_wechat"]
    eve = w[w["period"].eq("eve") & w["metric"].eq("sent_and_received")]
    eve = eve[eve["platform"].eq("WeChat") | eve["year"].eq(HIGHLIGHT)]
    eve = eve[eve["year"].between(*_years(w))]
    cards = w[w["platform"].eq("WeChat") & w["metric"].eq("people_bound_cards")]
    import pandas as pd

    frame = pd.concat([eve.assign(panel="envelopes"), cards.assign(panel="people")], ignore_index=True)
    frame = frame.assign(x=[round(_x(r), 3) for _, r in frame.iterrows()],
                         highlight=frame["year"].eq(HIGHLIGHT) & frame["platform"].eq("WeChat")
                         & frame["panel"].eq("envelopes"))
    return frame[["panel", "year", "x", "platform", "period", "period_end", "metric", "value", "qualifier",
                  "confidence", "fact_id", "highlight"]].sort_values(["panel", "x", "platform"]).reset_index(drop=True)


def _years(w) -> tuple[int, int]:
    """The years the like-for-like eve series covers (WeChat, eve, sent and received)."""
    like = w[w["platform"].eq("WeChat") & w["period"].eq("eve") & w["metric"].eq("sent_and_received")]
    return int(like["year"].min()), int(like["year"].max())


def compute(tables=None) -> dict:
    t = Tables.of(tables)
    frame = plotted(t)
    first, last = _years(t["context_wechat"])
    series = frame[frame["panel"].eq("envelopes") & frame["platform"].eq("WeChat")]
    alipay = frame[frame["panel"].eq("envelopes") & frame["platform"].ne("WeChat")]
    cards = frame[frame["panel"].eq("people")]
    at = dict(zip(series["year"], series["value"]))
    return {
        "frame": frame, "first_year": first, "last_year": last, "highlight": HIGHLIGHT,
        "before": at.get(HIGHLIGHT - 1), "after": at.get(HIGHLIGHT), "last": at.get(last),
        "eve": [{"year": int(r.year), "value": int(r.value)} for r in series.itertuples()],
        "alipay": [{"year": int(r.year), "value": int(r.value), "platform": r.platform}
                   for r in alipay.itertuples()],
        "cards": [{"value": int(r.value), "qualifier": r.qualifier,
                   "when": r.period_end.date() if r.period == "to_date" else None, "year": int(r.year)}
                  for r in cards.itertuples()],
        "fact_ids": sorted(set(frame["fact_id"].dropna())),
        "highlight_colour": {lang: style.colour_word("subject", lang) for lang in langs.LANGS},
    }


def text(lang: str, values: dict | None = None) -> dict:
    v = values or compute()
    said = words.of(lang)
    cards = [{"label": said.say(f"{SECTION}.card_dated" if c["when"] else f"{SECTION}.card_first_days",
                                value=c["value"], qualifier=c["qualifier"], when=c["when"], year=c["year"])}
             for c in v["cards"]]

    flat = [c["label"].replace("\n", " ") for c in cards]

    def say(key):
        return said.say(f"{SECTION}.{key}", **{**v, "card_flat": flat})

    return {"title": say("title"), "subtitle": say("subtitle"), "source": say("source"),
            "caption": say("caption"), "alt": say("alt"), "envelopes": say("envelopes"),
            "people": say("people"), "card_labels": [c["label"] for c in cards]}


def draw(lang: str, values: dict | None = None):
    """The eve series and the bound-card counts, 2014 to 2017, in *lang*."""
    import matplotlib.pyplot as plt

    v = values or compute()
    frame, said, wording = v["frame"], words.of(lang), text(lang, v)
    style.use(lang)
    fig = plt.figure(figsize=style.SLIDE_SIZE, layout="constrained")
    grid = fig.add_gridspec(2, 2, height_ratios=[0.001, 1])
    header = fig.add_subplot(grid[0, :])
    header.axis("off")
    axes = [style.mirror(fig.add_subplot(grid[1, i]), lang) for i in (0, 1)]
    first_panel, second_panel = (axes[1], axes[0]) if langs.get(lang).rtl else (axes[0], axes[1])
    series = frame[frame["panel"].eq("envelopes") & frame["platform"].eq("WeChat")]
    others = frame[frame["panel"].eq("envelopes") & frame["platform"].ne("WeChat")]
    cards = frame[frame["panel"].eq("people")]
    line_colour, high, context = style.colour("rival"), style.colour("subject"), style.colour("context")

    ax = first_panel
    ax.plot(series["x"], series["value"], color=line_colour, linewidth=2.5, zorder=2)
    for r in series.itertuples():
        colour = high if r.highlight else line_colour
        ax.plot(r.x, r.value, marker="o", markersize=15 if r.highlight else 11, color=colour, zorder=3)
        # Up and to the left of the point: a rising line leaves that corner free.
        ax.annotate(label(fmt.count(r.value, lang) + _low(r)), (r.x, r.value), xytext=(-9, 9),
                    textcoords="offset points", ha="right", va="bottom", fontsize=16,
                    fontweight="bold" if r.highlight else "normal", color=style.INK)
    for r in others.itertuples():
        ax.plot(r.x, r.value, marker="s", markersize=10, color=context, zorder=3)
        ax.annotate(label(said.say(f"{SECTION}.other_platform", platform=r.platform, value=r.value) + _low(r)),
                    (r.x, r.value), xytext=(12, 0), textcoords="offset points", ha="left", va="center",
                    fontsize=14, color=style.INK)
    ax.set_title(label(wording["envelopes"]), loc=style.side(lang), fontsize=16, fontweight="bold", pad=14)

    ax = second_panel
    xs = list(cards["x"])
    for i, (r, text_) in enumerate(zip(cards.itertuples(), wording["card_labels"])):
        ax.plot(r.x, r.value, marker="D", markersize=11, color=line_colour, zorder=3)
        # Beside the marker, away from a close neighbour on the right (labels never stack).
        left = i + 1 < len(xs) and xs[i + 1] - r.x < 0.6
        ax.annotate(label(text_), (r.x, r.value), xytext=(-14 if left else 14, 0), textcoords="offset points",
                    ha="right" if left else "left", va="center", fontsize=14, color=style.INK,
                    multialignment="right" if left else "left",
                    linespacing=0.9 if langs.get(lang).rtl else 1.2)  # the Arabic font's lines are taller
    ax.set_title(label(wording["people"]), loc=style.side(lang), fontsize=16, fontweight="bold", pad=14)

    years = range(v["first_year"], v["last_year"] + 1)
    # Right-to-left, the value axis stands at the right, where the last card label ends:
    # that panel gets room for it beyond the last year.
    card_room = 0.85 if langs.get(lang).rtl else 0.55
    for ax, (low, high_), room in ((first_panel, (5e6, 1e11), 0.55),
                                   (second_panel, (1e6, 2e9), card_room)):
        ax.set_yscale("log")
        ax.set_ylim(low, high_)
        ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda value, _: label(fmt.count(value, lang))))
        ax.yaxis.set_minor_formatter(plt.NullFormatter())
        ax.set_xticks(list(years), [str(y) for y in years])
        ax.set_xlim(v["first_year"] - 0.45, v["last_year"] + room)
    style.title(header, wording["title"], wording["subtitle"], lang=lang)
    style.source_line(fig, wording["source"], lang=lang, ax=header)
    return fig

