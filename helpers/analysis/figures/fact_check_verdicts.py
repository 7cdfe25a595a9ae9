"""06_fact_check_verdicts: one box per claim, in a row per article paragraph (the headline
first), coloured by the verdict its check computed, the claim in a few words inside it
(claims.csv ``short_<lang>``)."""
from __future__ import annotations

from helpers.analysis import checks, words
from helpers.analysis.checks import Tables
from helpers.toolkit import langs, style
from helpers.toolkit.arabic import label

NAME = "06_fact_check_verdicts"
NOTEBOOK = "06_fact_check"
TABLES = ("claims", "campaigns", "events", "context_fx", "context_gala", "context_users", "context_wechat")
SECTION = "figures.fact_check_verdicts"


def compute(tables=None) -> dict:
    t = Tables.of(tables)
    results = checks.run_all(t)
    counts = checks.verdict_counts(results)
    shorts = t["claims"].set_index("claim_id")[[f"short_{lang}" for lang in langs.LANGS]]
    frame = results[["claim_id", "paragraph", "verdict", "gloss_en", "quote_ar"]].join(
        shorts, on="claim_id").assign(row=results.groupby("paragraph").cumcount())
    holds, partly, fails, cannot = (counts[v] for v in checks.VERDICTS)
    by_verdict = [{"verdict": {lang: checks.verdict_label(v, lang) for lang in langs.LANGS},
                   "colour": {lang: style.colour_word(v, lang) for lang in langs.LANGS},
                   "ids": list(results.loc[results["verdict"].eq(v), "claim_id"]), "count": counts[v]}
                  for v in checks.VERDICTS]
    return {"frame": frame, "counts": counts, "n": len(results), "holds": holds, "partly": partly,
            "fails": fails, "cannot": cannot, "by_verdict": by_verdict,
            "first_id": results["claim_id"].iloc[0], "last_id": results["claim_id"].iloc[-1]}


def text(lang: str, values: dict | None = None) -> dict:
    v = values or compute()
    said = words.of(lang)
    none = said.say(f"{SECTION}.none")
    shorts = dict(zip(v["frame"]["claim_id"], v["frame"][f"short_{lang}"]))
    groups = [{**g, "listed": [said.say(f"{SECTION}.alt_claim", id=i, short=shorts[i]) for i in g["ids"]] or [none]}
              for g in v["by_verdict"]]

    def say(key):
        return said.say(f"{SECTION}.{key}", **{**v, "groups": groups})

    return {"title": say("title"),
            "subtitle": say("subtitle_fails" if v["fails"] else "subtitle_none"),
            "source": say("source"), "caption": say("caption"), "alt": say("alt")}


#: Box label size, and the room kept clear inside a box around its label (points).
BOX_TEXT_PT = 13
BOX_PAD_PT = 4


def wrap(text: str, fits) -> str:
    """*text* broken into lines at spaces, each line as long as ``fits(line)`` allows (a
    word longer than that stays whole on its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def draw(lang: str, values: dict | None = None):
    """The claim-by-claim verdicts, in *lang*: a row per article paragraph (the headline on
    top), one box per claim in the paragraph's order from the reader's side, coloured by its
    verdict, the claim in a few words inside it."""
    from helpers.toolkit import collisions
    from helpers.toolkit.figures import lay_out

    v = values or compute()
    frame, said, wording = v["frame"], words.of(lang), text(lang, v)
    rtl = langs.get(lang).rtl
    style.use(lang)
    fig, ax = style.subplots(lang=lang)
    paragraphs = sorted(frame["paragraph"].unique())
    line = {p: i for i, p in enumerate(paragraphs)}  # a paragraph's row, the headline's on top
    width, height = 0.96, 0.74
    containers = {}
    for verdict in checks.VERDICTS:  # one artist per verdict, labelled with its count
        mine = frame[frame["verdict"].eq(verdict)]
        if mine.empty:  # nothing to show, so nothing in the legend either
            continue
        name = said.say(f"{SECTION}.legend", verdict=checks.verdict_label(verdict, lang),
                        count=v["counts"][verdict])
        containers[verdict] = ax.barh([line[p] for p in mine["paragraph"]], width, height=height,
                                      left=mine["row"] + (1 - width) / 2, color=style.colour(verdict),
                                      label=label(name))
    ax.set_yticks(range(len(paragraphs)), [label(said.say(f"{SECTION}.headline") if p == 0 else
                                                said.say(f"{SECTION}.paragraph", n=int(p))) for p in paragraphs],
                  va="center")  # the ink's middle on the row's (the default sits low in Arabic)
    ax.set_ylim(len(paragraphs) - 0.5, -1.45)  # the headline on top, a strip above it for the legend
    ax.set_xlim(0, frame["row"].max() + 1)
    ax.set_xticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(axis="y", length=0, pad=8)
    style.order_categories(ax, lang)  # right-to-left: a paragraph's first claim on the right
    style.legend_from(ax, list(containers.values()), lang=lang, ncols=len(containers),
                      handlelength=1.4, handleheight=1.4, loc="upper right" if rtl else "upper left",
                      fontsize=15, borderaxespad=0.1, borderpad=0.2)
    style.title(ax, wording["title"], wording["subtitle"], lang=lang)
    style.source_line(fig, wording["source"], lang=lang)

    # The labels, wrapped to the boxes' width as laid out (the boxes keep their size after).
    renderer = lay_out(fig)
    box_px = abs(ax.transData.transform((width, 0))[0] - ax.transData.transform((0, 0))[0])
    room = box_px - 2 * BOX_PAD_PT * fig.dpi / 72

    def fits(text_: str) -> bool:
        probe = ax.text(0, 0, label(text_), fontsize=BOX_TEXT_PT)
        wide = probe.get_window_extent(renderer).width
        probe.remove()
        return wide <= room

    for verdict, bars in containers.items():
        mine = frame[frame["verdict"].eq(verdict)]
        for bar, claim in zip(bars, mine.itertuples()):
            note = ax.text(claim.row + 0.5, line[claim.paragraph], label(wrap(getattr(claim, f"short_{lang}"), fits)),
                           ha="center", va="center", multialignment="center", fontsize=BOX_TEXT_PT,
                           linespacing=0.95 if rtl else 1.15, color=style.ink_on(style.colour(verdict)))
            collisions.allow_inside(note, bar)
    return fig

