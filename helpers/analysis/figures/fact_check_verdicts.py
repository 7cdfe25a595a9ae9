"""06_fact_check_verdicts: one box per claim, in a column per article paragraph (the
headline first), coloured by the verdict its check computed."""
from __future__ import annotations

from helpers.analysis import checks, words
from helpers.analysis.checks import Tables
from helpers.toolkit import langs, style
from helpers.toolkit.arabic import label
from helpers.toolkit.chart import Chart

NAME = "06_fact_check_verdicts"
NOTEBOOK = "06_fact_check"
TABLES = ("claims", "campaigns", "events", "context_fx", "context_gala", "context_users", "context_wechat")
SECTION = "figures.fact_check_verdicts"


def _values(tables=None) -> dict:
    t = Tables.of(tables)
    results = checks.run_all(t)
    counts = checks.verdict_counts(results)
    frame = results[["claim_id", "paragraph", "verdict", "gloss_en", "quote_ar"]].assign(
        row=results.groupby("paragraph").cumcount())
    holds, partly, fails, cannot = (counts[v] for v in checks.VERDICTS)
    by_verdict = [{"verdict": {lang: checks.verdict_label(v, lang) for lang in langs.LANGS},
                   "colour": {lang: style.colour_word(v, lang) for lang in langs.LANGS},
                   "ids": list(results.loc[results["verdict"].eq(v), "claim_id"]), "count": counts[v]}
                  for v in checks.VERDICTS]
    return {"frame": frame, "counts": counts, "n": len(results), "holds": holds, "partly": partly,
            "fails": fails, "cannot": cannot, "by_verdict": by_verdict,
            "first_id": results["claim_id"].iloc[0], "last_id": results["claim_id"].iloc[-1]}


def text(lang: str, values: dict | None = None) -> dict:
    v = values or _values()
    said = words.of(lang)
    none = said.say(f"{SECTION}.none")
    groups = [{**g, "listed": g["ids"] or [none]} for g in v["by_verdict"]]

    def say(key):
        return said.say(f"{SECTION}.{key}", **{**v, "groups": groups})

    return {"title": say("title"),
            "subtitle": say("subtitle_fails" if v["fails"] else "subtitle_none"),
            "source": say("source"), "caption": say("caption"), "alt": say("alt")}


def draw(lang: str, values: dict | None = None):
    """The claim-by-claim verdict strip, grouped by paragraph, in *lang*."""
    from matplotlib.patches import Patch

    v = values or _values()
    frame, said, wording = v["frame"], words.of(lang), text(lang, v)
    style.use(lang)
    fig, ax = style.subplots(lang=lang)
    for claim in frame.itertuples():
        fill = style.colour(claim.verdict)
        ax.bar(claim.paragraph, 0.84, bottom=claim.row + 0.08, width=0.82,
               color=fill, edgecolor="#595959", linewidth=0.6)
        ax.text(claim.paragraph, claim.row + 0.5, claim.claim_id, ha="center", va="center",
                fontsize=15, fontweight="bold", color=style.ink_on(fill))
    paragraphs = sorted(frame["paragraph"].unique())
    ax.set_xticks(paragraphs, [label(said.say(f"{SECTION}.headline") if p == 0 else
                                     said.say(f"{SECTION}.paragraph", n=int(p))) for p in paragraphs])
    ax.set_xlim(min(paragraphs) - 0.6, max(paragraphs) + 0.6)
    ax.set_ylim(0, frame["row"].max() + 1.9)  # room for the legend above the tallest column
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(axis="x", length=0, pad=8)
    style.order_categories(ax, lang)  # right-to-left: the headline on the right
    rtl = langs.get(lang).rtl
    order = checks.VERDICTS[::-1] if rtl else checks.VERDICTS  # the first verdict where reading starts
    handles = [Patch(facecolor=style.colour(verdict), edgecolor="#595959", linewidth=0.6) for verdict in order]
    names = [said.say(f"{SECTION}.legend", verdict=checks.verdict_label(verdict, lang), count=v["counts"][verdict])
             for verdict in order]
    style.legend(ax, handles, names, lang=lang, ncols=4, handlelength=1.4, handleheight=1.4,
                 loc="upper right" if rtl else "upper left", fontsize=15)
    style.title(ax, wording["title"], wording["subtitle"], lang=lang)
    style.source_line(fig, wording["source"], lang=lang)
    return fig


def chart(tables=None) -> Chart:
    values = _values(tables)
    return Chart(NAME, NOTEBOOK, draw=lambda lang: draw(lang, values),
                 text=lambda lang: text(lang, values), data=values["frame"], tables=TABLES)
