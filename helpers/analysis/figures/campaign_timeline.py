"""03_campaign_timeline: every campaign on one date axis — its announcement, its campaign
windows — against the official holiday and its make-up workdays.

Rows come from the data: one row per campaign of campaigns.csv (the article's company
first). A row's marks are the outside events whose ``campaign`` names it (announcements as
diamonds, other events as windows, open-ended when no end is sourced); a campaign with no
such events is drawn from its own dates in campaigns.csv.
"""
from __future__ import annotations

from helpers.analysis import glossary, words
from helpers.analysis.checks import Tables
from helpers.analysis.checks._core import announced_on, outside
from helpers.toolkit import fmt, holidays, langs, style
from helpers.toolkit.arabic import label

NAME = "03_campaign_timeline"
NOTEBOOK = "03_calendar"
TABLES = ("events", "campaigns")
SECTION = "figures.campaign_timeline"
#: The dates the figure covers unless the notebook says otherwise.
WINDOW = ("2026-01-20", "2026-03-15")


def campaign_order(campaigns) -> list[str]:
    """Campaigns as they are drawn, top to bottom: the article's company first, then the
    others in table order."""
    firsts = campaigns.drop_duplicates("campaign")
    ordered = sorted(firsts.itertuples(), key=lambda r: r.role != "subject")
    return [r.campaign for r in ordered]


def marks(tables=None, window=WINDOW):
    """One row per mark: campaign, kind (announcement or campaign), start, end, open_end,
    fact_id. Open-ended windows end at the window's end."""
    import pandas as pd

    t = Tables.of(tables)
    end_of_window = pd.Timestamp(window[1])
    events = outside(t["events"])
    campaigns = outside(t["campaigns"])
    rows = []
    for campaign in campaign_order(t["campaigns"]):
        own = events[events["campaign"].eq(campaign)].sort_values(["date", "event"])
        mine = campaigns[campaigns["campaign"].eq(campaign)]
        announced = own[own["category"].eq("announcement")]
        if announced.empty and mine["announced_on"].notna().any():
            first = mine.loc[mine["announced_on"].idxmin()]
            announced = pd.DataFrame([{"date": first["announced_on"], "fact_id": first["fact_id"]}])
        for e in announced.itertuples():
            rows.append({"campaign": campaign, "kind": "announcement", "start": e.date, "end": e.date,
                         "open_end": False, "fact_id": e.fact_id})
        spans = own[own["category"].ne("announcement")]
        if spans.empty and mine["start_on"].notna().any():
            first = mine.loc[mine["start_on"].idxmin()]
            spans = pd.DataFrame([{"date": first["start_on"], "end_date": mine["end_on"].max(),
                                   "fact_id": first["fact_id"]}])
        for e in spans.itertuples():
            open_end = pd.isna(e.end_date)
            rows.append({"campaign": campaign, "kind": "campaign", "start": e.date,
                         "end": end_of_window if open_end else e.end_date, "open_end": open_end,
                         "fact_id": e.fact_id})
    return pd.DataFrame(rows, columns=["campaign", "kind", "start", "end", "open_end", "fact_id"])


def compute(tables=None, window=WINDOW) -> dict:
    import pandas as pd

    t = Tables.of(tables)
    year = announced_on(t).year
    holiday = holidays.spring_festival(year)
    drawn = marks(t, window)
    events = outside(t["events"]).set_index("event")
    eve, new_year = events.loc["cctv_gala", "date"], events.loc["lunar_new_year_day", "date"]
    spans = drawn[drawn["kind"].eq("campaign")]
    lead = (holiday.first_day - spans["start"].min().date()).days
    campaigns = t["campaigns"].drop_duplicates("campaign").set_index("campaign")
    rows = []
    for campaign in campaign_order(t["campaigns"]):
        info = campaigns.loc[campaign]
        row_marks = []
        for m in drawn[drawn["campaign"].eq(campaign)].itertuples():
            key = "alt_announced" if m.kind == "announcement" else "alt_open" if m.open_end else "alt_window"
            row_marks.append(words.localized(f"{SECTION}.{key}", start=m.start.date(), end=m.end.date()))
        rows.append({"name": words.localized(f"{SECTION}.row", company=glossary.term(info["company"]),
                                             app=glossary.term(info["app"])),
                     "marks": row_marks, "role": info["role"], "campaign": campaign})
    data = drawn.assign(start=drawn["start"].dt.strftime("%Y-%m-%d"), end=drawn["end"].dt.strftime("%Y-%m-%d"))
    data = pd.concat([data, pd.DataFrame(
        [{"campaign": "", "kind": "holiday", "start": str(holiday.first_day), "end": str(holiday.last_day),
          "open_end": False, "fact_id": "chinesecalendar"}]
        + [{"campaign": "", "kind": "makeup_workday", "start": str(d), "end": str(d), "open_end": False,
            "fact_id": "chinesecalendar"} for d in holiday.makeup_workdays]
        + [{"campaign": "", "kind": k, "start": f"{d:%Y-%m-%d}", "end": f"{d:%Y-%m-%d}", "open_end": False,
            "fact_id": events.loc[e, "fact_id"]}
           for k, e, d in (("new_years_eve", "cctv_gala", eve), ("lunar_new_year_day", "lunar_new_year_day", new_year))])],
        ignore_index=True)
    fact_ids = sorted({f for f in data["fact_id"].dropna() if f != "chinesecalendar"})
    return {"frame": data, "marks": drawn, "rows": rows, "window": window, "year": year,
            "holiday": holiday, "first": holiday.first_day, "last": holiday.last_day,
            "first_day": holiday.first_day.day, "holiday_days": holiday.days, "lead_days": lead,
            "makeup": list(holiday.makeup_workdays), "eve": eve.date(), "new_year": new_year.date(),
            "fact_ids": fact_ids}


def text(lang: str, values: dict | None = None) -> dict:
    v = values or compute()
    said = words.of(lang)

    def say(key, **extra):
        return said.say(f"{SECTION}.{key}", **{**v, **extra})

    return {"title": say("title"), "subtitle": say("subtitle"), "source": say("source"),
            "caption": say("caption"), "alt": say("alt")}


#: Days an open-ended campaign's arrow runs past its sourced start: a pointer, not a length.
OPEN_ARROW_DAYS = 4


def draw(lang: str, values: dict | None = None):
    """Campaign windows, announcements and the holiday on one date axis (left to right).

    The holiday band and the calendar lines stop under a free strip at the top, where the
    New Year's Eve and Day labels sit beside their lines (never on the band, never across a
    line). A campaign with no sourced end is a dashed arrow from its start, not a bar.
    The legend is built from the drawn artists.
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    import pandas as pd

    v = values or compute()
    said, wording = words.of(lang), text(lang, v)
    holiday, drawn, rows = v["holiday"], v["marks"], v["rows"]
    rtl = langs.get(lang).rtl
    style.use(lang)
    fig, ax = style.subplots(lang=lang)
    top, bottom = -1.35, len(rows) - 0.45  # rows 0..n-1, and a strip above the first for labels
    ax.set_ylim(bottom, top)  # first row on top
    rows_top = (bottom - (-0.55)) / (bottom - top)  # axes fraction where the strip begins
    half_day = pd.Timedelta(hours=12)

    band = ax.axvspan(pd.Timestamp(holiday.first_day), pd.Timestamp(holiday.last_day) + pd.Timedelta(days=1),
                      ymax=rows_top, color=style.colour("other"), alpha=0.22, linewidth=0)
    makeup = [ax.axvline(pd.Timestamp(d) + half_day, ymax=rows_top, color=style.MUTED, linestyle=":",
                         linewidth=2) for d in holiday.makeup_workdays]
    eve, new_year = pd.Timestamp(v["eve"]) + half_day, pd.Timestamp(v["new_year"]) + half_day
    for day in (eve, new_year):
        ax.axvline(day, ymax=rows_top, color=style.INK, linewidth=1)
    # Eve to the left of its line, Day to the right of its own: each beside its line, in the strip.
    for day, key, side in ((eve, "eve", "right"), (new_year, "day", "left")):
        ax.annotate(label(said.say(f"{SECTION}.{key}", day=day.date())), (day, -0.95),
                    xytext=(-6 if side == "right" else 6, 0), textcoords="offset points",
                    ha=side, va="center", fontsize=13)

    announced = [(m.start + half_day, y) for y, row in enumerate(rows)
                 for m in drawn[drawn["campaign"].eq(row["campaign"]) & drawn["kind"].eq("announcement")].itertuples()]
    spans = {"subject": [], "rival": []}
    open_ends = []
    for y, row in enumerate(rows):
        for m in drawn[drawn["campaign"].eq(row["campaign"]) & drawn["kind"].eq("campaign")].itertuples():
            if m.open_end:
                open_ends.append((m.start, y, row["role"]))
            else:
                spans["subject" if row["role"] == "subject" else "rival"].append(
                    (y, (m.end - m.start).days + 1, m.start))
    names = {k: said.say(f"{SECTION}.legend.{k}")
             for k in ("announcement", "subject", "rival", "open", "holiday", "makeup")}
    artists = {}
    for role, bars in spans.items():
        if bars:
            ys, widths, lefts = zip(*bars)
            artists[role] = ax.barh(ys, widths, left=lefts, height=0.42, color=style.colour(role),
                                    label=label(names[role]))
    for start, y, role in open_ends:
        end = start + pd.Timedelta(days=OPEN_ARROW_DAYS)
        line, = ax.plot([start, end], [y, y], color=style.colour(role), linewidth=2.5, linestyle=(0, (3, 2)),
                        marker=">", markevery=[1], markersize=10, label=label(names["open"]))
        artists.setdefault("open", line)
    if announced:
        xs, ys = zip(*announced)
        artists["announcement"], = ax.plot(xs, ys, linestyle="none", marker="D", markersize=12,
                                           color=style.colour("context"), zorder=3,
                                           label=label(names["announcement"]))
    band.set_label(label(names["holiday"]))
    artists["holiday"] = band
    if makeup:
        makeup[0].set_label(label(names["makeup"]))
        artists["makeup"] = makeup[0]

    ax.set_yticks(range(len(rows)), [label(r["name"][lang]) for r in rows], fontsize=15,
                  va="center")  # the ink's middle on the row's (the default sits low in Arabic)
    ax.set_xlim(pd.Timestamp(v["window"][0]), pd.Timestamp(v["window"][1]))
    ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO))
    ax.xaxis.set_major_formatter(plt.FuncFormatter(
        lambda x, _pos: label(fmt.day_month(mdates.num2date(x), lang))))
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    # Column by column (matplotlib fills columns): the campaigns, their dates, the calendar.
    order = [k for k in ("subject", "rival", "announcement", "open", "holiday", "makeup") if k in artists]
    style.legend_from(ax, [artists[k] for k in order], lang=lang, ncols=3,
                      loc="upper right" if rtl else "upper left",
                      bbox_to_anchor=(1.0 if rtl else 0.0, -0.1), borderaxespad=0, frameon=False,
                      fontsize=13, columnspacing=2.0)
    style.title(ax, wording["title"], wording["subtitle"], lang=lang)
    style.source_line(fig, wording["source"], lang=lang)
    return fig


