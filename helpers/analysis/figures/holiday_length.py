"""03_holiday_length: the official Spring Festival holiday's length, year by year, with
the article's year and the longer years picked out."""
from __future__ import annotations

from helpers.analysis import checks, words
from helpers.analysis.checks import Tables
from helpers.toolkit import langs, style
from helpers.toolkit.arabic import label

NAME = "03_holiday_length"
NOTEBOOK = "03_calendar"
TABLES = ("events",)
SECTION = "figures.holiday_length"


def compute(tables=None) -> dict:
    t = Tables.of(tables)
    longer = checks.holiday_longer_than_usual(t).numbers
    calendar = t.spring_festivals
    frame = calendar[["year", "first_day", "last_day", "days"]].assign(
        first_day=calendar["first_day"].dt.strftime("%Y-%m-%d"),
        last_day=calendar["last_day"].dt.strftime("%Y-%m-%d"),
        usual_days=longer["usual_days"])
    return {**longer, "frame": frame, "longer_years": [str(y) for y in longer["years_longer"]],
            "bars": [{"year": int(y), "days": int(d)} for y, d in zip(frame["year"], frame["days"])],
            "subject_colour": {lang: style.colour_word("subject", lang) for lang in langs.LANGS}}


def text(lang: str, values: dict | None = None) -> dict:
    v = values or compute()
    said = words.of(lang)

    def say(key):
        return said.say(f"{SECTION}.{key}", **v)

    return {"title": say("title"), "subtitle": say("subtitle"), "source": say("source"),
            "caption": say("caption"), "alt": say("alt")}


def draw(lang: str, values: dict | None = None):
    """Holiday length per year as bars: the article's year in its colour, every other year
    quiet grey behind it; only the years off the usual length carry their number."""
    v = values or compute()
    frame, said, wording = v["frame"], words.of(lang), text(lang, v)
    usual = v["usual_days"]
    style.use(lang)
    fig, ax = style.subplots(lang=lang)
    colours = [style.colour("subject") if y == v["year"] else style.QUIET for y in frame["year"]]
    ax.bar(frame["year"], frame["days"], color=colours, width=0.7)
    for y, d in zip(frame["year"], frame["days"]):
        if d != usual:  # the usual years are read off the dashed line
            ax.annotate(str(d), (y, d), xytext=(0, 4), textcoords="offset points", ha="center", va="bottom",
                        fontsize=16 if y == v["year"] else 14,
                        fontweight="bold" if y == v["year"] else "normal")
    ax.axhline(usual, color=style.MUTED, linestyle="--", linewidth=1.2)
    first = int(frame["year"].min())
    ax.annotate(label(said.say(f"{SECTION}.usual", **v)), xy=(first - 0.4, usual), xytext=(0, 4),
                textcoords="offset points", ha="left", va="bottom", color=style.MUTED, fontsize=13)
    for y in v["longer_explained_by_extension"]:
        ax.annotate(label(said.say(f"{SECTION}.extension")),
                    xy=(y, int(frame.loc[frame["year"].eq(y), "days"].iloc[0])), xytext=(0, 26),
                    textcoords="offset points", ha="center", va="bottom", fontsize=13, color=style.MUTED)
    ax.set_xticks(frame["year"][::2], [str(y) for y in frame["year"][::2]])
    ax.set_xlim(first - 0.6, frame["year"].max() + 0.6)
    ax.set_ylim(0, frame["days"].max() + 2)
    ax.set_ylabel(label(said.say(f"{SECTION}.unit")))
    ax.grid(axis="x", visible=False)
    style.title(ax, wording["title"], wording["subtitle"], lang=lang)
    style.source_line(fig, wording["source"], lang=lang)
    return fig

