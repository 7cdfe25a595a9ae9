"""05_deepseek_timeline: the dated chain from DeepSeek-R1 to the 2026 campaigns, in three
windows of one left-to-right time axis (the quiet months between them cut out).

What is drawn comes from the data: every outside event with a short label (events.csv
``short_<lang>``) above the line, coloured by the role of who acted (``actor``: the
article's company, its rivals, others) or as a reaction (app stores, markets); below the
line, the user milestones of the article's app (context_users.csv: downloads, monthly and
daily users), each with who measured it, a low-confidence figure marked with "*".
"""
from __future__ import annotations

import datetime as dt

from helpers.analysis import glossary, series, words
from helpers.analysis.checks import Tables
from helpers.analysis.checks._core import announced_on, outside
from helpers.toolkit import fmt, langs, style
from helpers.toolkit.arabic import label
from helpers.toolkit.chart import Chart
from helpers.toolkit.wording import Money

NAME = "05_deepseek_timeline"
NOTEBOOK = "05_deepseek_context"
TABLES = ("events", "context_users")
SECTION = "figures.deepseek_timeline"
WINDOWS = [(dt.date(2025, 1, 5), dt.date(2025, 2, 3)), (dt.date(2025, 11, 1), dt.date(2025, 12, 8)),
           (dt.date(2026, 1, 11), dt.date(2026, 3, 3))]
WIDTHS = [2.7, 1.9, 5.6]
LEVELS = 5
#: Roles in legend order, each drawn in the colour of style.ROLES[role].
GROUPS = ("context", "reaction", "subject", "rival")
USER_METRICS = ("downloads", "mau", "dau")


def _window(day) -> int | None:
    return next((i for i, (a, b) in enumerate(WINDOWS) if a <= day <= b), None)


def _roles(campaigns) -> dict[str, str]:
    """Company term -> "subject" or "rival", from campaigns.csv."""
    firsts = campaigns.drop_duplicates("campaign")
    return dict(zip(firsts["company"], firsts["role"]))


def drawn_events(tables=None):
    """Outside events with a short label that fall in a window, one row per event."""
    t = Tables.of(tables)
    events = outside(t["events"]).sort_values(["date", "event"])
    labelled = events[events["short_en"].notna()]
    roles = _roles(t["campaigns"])
    days = labelled.groupby("event")["date"].agg(lambda s: sorted(set(d.date() for d in s)))
    frame = labelled.drop_duplicates("event").assign(
        days=lambda f: [days[e] for e in f["event"]],
        group=lambda f: ["reaction" if c in ("app_store", "market") else roles.get(a, "context")
                         for c, a in zip(f["category"], f["actor"])],
        window=lambda f: [_window(d.date()) for d in f["date"]],
    )
    frame = frame[frame["window"].notna()]
    return frame.assign(window=frame["window"].astype(int))[
        ["event", "date", "days", "category", "actor", "group", "window", "title_en", "fact_id",
         *(f"short_{lang}" for lang in langs.LANGS)]].reset_index(drop=True)


def milestones(tables=None):
    """The article's app's user numbers (downloads, monthly and daily users) in a window."""
    t = Tables.of(tables)
    app = t["campaigns"].loc[t["campaigns"]["role"].eq("subject"), "app"].iloc[0]
    users = t["context_users"]
    rows = users[users["app"].eq(app) & users["metric"].isin(USER_METRICS)]
    rows = rows.assign(at=rows["period_end"].fillna(rows["date"]))
    rows = rows.assign(window=[_window(d.date()) for d in rows["at"]])
    rows = rows[rows["window"].notna()].sort_values("at")
    return rows.assign(window=rows["window"].astype(int))[
        ["app", "date", "at", "period", "metric", "value", "qualifier", "measured_by", "confidence",
         "fact_id", "window"]].reset_index(drop=True)


def _values(tables=None) -> dict:
    import pandas as pd

    t = Tables.of(tables)
    events, users = drawn_events(t), milestones(t)
    r1 = events.loc[events["event"].eq("deepseek_r1_release"), "date"].iloc[0].date()
    announced = announced_on(t)
    subject = t["campaigns"][t["campaigns"]["role"].eq("subject") & t["campaigns"]["source"].eq("article")
                             & t["campaigns"]["budget_amount"].notna()].iloc[0]
    holiday = outside(t["events"])
    holiday = holiday[holiday["event"].eq("spring_festival_holiday")].iloc[0]
    frame = pd.concat([
        events.assign(kind="event", value=pd.NA, measured_by=pd.NA).rename(columns={"title_en": "what"})
              [["kind", "date", "what", "value", "measured_by", "fact_id", "window"]],
        users.assign(kind="user_milestone", date=users["at"], what=users["metric"])
             [["kind", "date", "what", "value", "measured_by", "fact_id", "window"]],
    ], ignore_index=True)
    context_actors = sorted({a for a, g in zip(events["actor"], events["group"]) if g == "context" and a})
    return {
        "frame": frame, "events": events, "users": users, "r1": r1, "announced": announced,
        "days_between": (announced - r1).days,
        "subject": glossary.term(subject["company"]), "subject_app": glossary.term(subject["app"]),
        "budget": Money(int(subject["budget_amount"]), subject["budget_currency"]),
        "holiday_first": holiday["date"], "holiday_last": holiday["end_date"],
        "fact_ids": fact_ranges(frame["fact_id"].dropna()),
        "context_actors": [glossary.term(a) for a in context_actors],
        "alt_events": [{"day": d.date(), "name": {lang: e[f"short_{lang}"] for lang in langs.LANGS}}
                       for d, (_, e) in zip(events["date"], events.iterrows())],
        "alt_users": [{"day": m.at.date(), "value": int(m.value), "qualifier": m.qualifier,
                       "metric": m.metric if m.metric != "downloads" else f"downloads_{m.period}",
                       "by": glossary.term(m.measured_by), "low": m.confidence == "low"}
                      for m in users.itertuples()],
        "colours": {g: {lang: style.colour_word(g, lang) for lang in langs.LANGS} for g in GROUPS},
        "window_names": [words.localized(f"{SECTION}.window_one_month" if (a.year, a.month) == (b.year, b.month)
                                         else f"{SECTION}.window_months", start=a, end=b) for a, b in WINDOWS],
    }


def fact_ranges(ids) -> list[str]:
    """Fact ids, sorted, with runs of consecutive numbers written as ranges (D01–D05)."""
    by_letter: dict[str, list[int]] = {}
    for fact in sorted(set(ids)):
        by_letter.setdefault(fact[0], []).append(int(fact[1:]))
    out = []
    for letter, numbers in sorted(by_letter.items()):
        start = previous = numbers[0]
        for n in numbers[1:] + [None]:
            if n is not None and n == previous + 1:
                previous = n
                continue
            if previous > start + 1:
                out.append(f"{letter}{start:02d}–{letter}{previous:02d}")
            else:
                out += [f"{letter}{k:02d}" for k in range(start, previous + 1)]
            if n is not None:
                start = previous = n
    return out


def text(lang: str, values: dict | None = None) -> dict:
    v = values or _values()
    said = words.of(lang)
    users = [{**m, "low_mark": "*" if m["low"] else "",
              "metric_words": said.say(f"{SECTION}.metrics.{m['metric']}")} for m in v["alt_users"]]

    def say(key, **extra):
        return said.say(f"{SECTION}.{key}", **{**v, "alt_users": users, **extra})

    legend = [say(f"legend.{g}") for g in GROUPS]
    colours = [{"name": name, "colour": v["colours"][g]} for g, name in zip(GROUPS, legend)]
    return {"title": say("title"), "subtitle": say("subtitle"), "source": say("source"),
            "caption": say("caption"), "alt": say("alt") + say("alt_colours", colour_items=colours),
            "legend": legend}


def level_y(level):
    """Height of a label row above the line (rows far enough apart for two-line boxes)."""
    return 0.7 + 0.8 * level


def draw(lang: str, values: dict | None = None):
    """The R1-to-campaigns timeline in three windows of one left-to-right time axis."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    v = values or _values()
    said, wording = words.of(lang), text(lang, v)
    events, users = v["events"], v["users"]
    style.use(lang)
    fig = plt.figure(figsize=style.SLIDE_SIZE, layout="constrained")
    grid = fig.add_gridspec(2, 3, height_ratios=[0.001, 1], width_ratios=WIDTHS, wspace=0.02)
    header = fig.add_subplot(grid[0, :])
    header.axis("off")
    axes = [fig.add_subplot(grid[1, i]) for i in range(3)]  # time runs left to right in both languages
    for i, ax in enumerate(axes):
        start, end = WINDOWS[i]
        span = (end - start).days
        ax.set_xlim(mdates.date2num(start), mdates.date2num(end))
        ax.set_ylim(-3.0, level_y(LEVELS - 1) + 0.9)
        ax.axhline(0, color=style.INK, linewidth=1.5)
        here = events[events["window"].eq(i)]
        inches = style.SLIDE_SIZE[0] * 0.92 * WIDTHS[i] / sum(WIDTHS)
        gap = span * 2.7 / inches  # days a label is wide (up to about 2.7 in) on this axes
        rows = series.stagger(list(here["date"]), min_gap_days=gap, levels=LEVELS)
        for r, level in zip(here.itertuples(), rows):
            colour = style.colour(r.group)
            x, y = mdates.date2num(r.date), level_y(level)
            ax.plot([x, x], [0, y - 0.25], color=colour, linewidth=1.2, zorder=1)
            ax.plot(x, 0, "o", markersize=10, color=colour, markeredgecolor="#333333", zorder=3)
            name = getattr(r, f"short_{lang}")
            when = said.say(f"{SECTION}.when", days=r.days)
            text_ = said.say(f"{SECTION}.event_label", name=name, when=when)
            ax.annotate(label(text_), (x, y), ha="center", va="center", fontsize=10.5, color=style.INK, zorder=4,
                        bbox={"facecolor": "white", "edgecolor": colour, "boxstyle": "round,pad=0.25",
                              "linewidth": 1.2})
        if i == 2:  # the official holiday as a band
            first, last = v["holiday_first"], v["holiday_last"]
            ax.axvspan(mdates.date2num(first), mdates.date2num(last), color=style.GRID, alpha=0.6, zorder=0)
            ax.annotate(label(said.say(f"{SECTION}.holiday")), (mdates.date2num(first + (last - first) / 2),
                                                                level_y(LEVELS - 1) + 0.7),
                        ha="center", va="center", fontsize=11, color=style.MUTED)
        mine = users[users["window"].eq(i)]
        for m, level in zip(mine.itertuples(), series.stagger(list(mine["at"]), gap, 2)):
            x, y = mdates.date2num(m.at), -0.95 - 1.5 * level
            ax.plot([x, x], [0, y + 0.35], color=style.MUTED, linewidth=1, linestyle=":")
            ax.plot(x, 0, "D", markersize=8, color="white", markeredgecolor=style.INK, zorder=3)
            metric = m.metric if m.metric != "downloads" else f"downloads_{m.period}"
            text_ = said.say(f"{SECTION}.milestone", qualifier=m.qualifier, value=int(m.value),
                             low_mark="*" if m.confidence == "low" else "",
                             metric_words=said.say(f"{SECTION}.metrics.{metric}"),
                             by=glossary.term(m.measured_by))
            ax.annotate(label(text_), (x, y), ha="center", va="center", fontsize=10, color=style.INK, zorder=4,
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
        ax.xaxis.set_major_locator(mdates.DayLocator(bymonthday=(1, 10, 20)) if i == 0
                                   else mdates.MonthLocator(bymonthday=(1, 15) if i == 2 else 1))
        ax.xaxis.set_major_formatter(plt.FuncFormatter(
            lambda value, _: label(fmt.day_month(mdates.num2date(value), lang))))
        ax.set_xlabel(str(start.year), fontweight="bold")
        ax.set_yticks([])
        ax.grid(False)
        for spine in ("left", "right", "top"):
            ax.spines[spine].set_visible(False)
        if i:  # the cut between windows
            ax.annotate("//", (0, 0), xycoords=("axes fraction", "data"), ha="center", va="center",
                        fontsize=16, color=style.INK, annotation_clip=False)
    order = list(range(len(GROUPS))) if not langs.get(lang).rtl else list(range(len(GROUPS)))[::-1]
    handles = [Line2D([], [], marker="o", linestyle="none", markersize=10,
                      color=style.colour(GROUPS[k]), markeredgecolor="#333333") for k in order]
    style.legend(header, handles, [wording["legend"][k] for k in order], lang=lang, ncols=4,
                 loc="upper left" if langs.get(lang).rtl else "upper right", fontsize=12, frameon=False)
    style.title(header, wording["title"], wording["subtitle"], lang=lang)
    style.source_line(fig, wording["source"], lang=lang, ax=header)
    return fig


def chart(tables=None) -> Chart:
    values = _values(tables)
    return Chart(NAME, NOTEBOOK, draw=lambda lang: draw(lang, values),
                 text=lambda lang: text(lang, values), data=values["frame"], tables=TABLES)
