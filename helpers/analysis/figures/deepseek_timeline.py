"""05_deepseek_timeline: the dated chain from DeepSeek-R1 to the 2026 campaigns on one
left-to-right time axis cut into three windows (the quiet months between them cut out, the
cuts marked "//" on the axis).

What is drawn comes from the data: every outside event with a short label (events.csv
``short_<lang>``), its marker coloured (and shaped) by the role of who acted (``actor``: the
article's company, its rivals, others) or as a reaction (app stores, markets); events of one
day and one role share a marker and a label ("Baidu's budget and Tencent's budget"). The
user milestones of the article's app (context_users.csv: downloads, monthly and daily users)
are open diamonds at the end of the period measured, each label naming who measured it, a
low-confidence figure marked "*"; the official holiday is a bar.

Every mark sits in a lane above the axis with its label beside it. The labels are measured
once the figure is laid out and :func:`pack` gives each item, in date order, the topmost
lane with room on its right (else its left), so no label meets another label, a mark or the
axis, whatever the language's text widths; lanes get thinner, down to a floor, before the
figure gives up with :class:`TimelineTooFull`.
"""
from __future__ import annotations

import datetime as dt

from helpers.analysis import glossary, words
from helpers.analysis.checks import Tables
from helpers.analysis.checks._core import announced_on, outside
from helpers.toolkit import fmt, langs, style
from helpers.toolkit.arabic import label
from helpers.toolkit.wording import Money

NAME = "05_deepseek_timeline"
NOTEBOOK = "05_deepseek_context"
TABLES = ("events", "context_users")
SECTION = "figures.deepseek_timeline"
WINDOWS = [(dt.date(2025, 1, 5), dt.date(2025, 2, 3)), (dt.date(2025, 11, 1), dt.date(2025, 12, 8)),
           (dt.date(2026, 1, 11), dt.date(2026, 3, 3))]
#: Each window's width, and the gap between two windows, in one unit: the campaigns of 2026,
#: the busiest window, get the most room.
WIDTHS = (2.5, 2.0, 5.5)
GAP = 0.25
#: Roles in legend order, each drawn in the colour of style.ROLES[role].
GROUPS = ("context", "reaction", "subject", "rival")
#: Marker per role: shape as well as colour, since brown and black are close in greyscale.
MARKERS = {"context": "o", "reaction": "s", "subject": "o", "rival": "o"}
USER_METRICS = ("downloads", "mau", "dau")
#: Ticks per window: days of the month that get a date label, except within CUT_ROOM (x
#: units) of a cut, where two windows' labels would meet.
TICK_DAYS = ((10, 20, 1), (15, 1), (15, 1))
CUT_ROOM = 0.3
LABEL_SIZE = 13
#: Points between a mark and its label.
LABEL_PAD = 8
#: Height of a lane, in points: room above and below a label, so labels of neighbouring
#: lanes never touch; lanes get thinner, down to the floor (left to right, right to left:
#: the Arabic font's letters reach higher and lower), when the items need more of them.
LANE_PT = 24
LANE_FLOOR_PT = {False: 18, True: 20}
#: Room between the lowest lane and the time axis, in points (for the axis' cut marks).
BASE_PT = 6
#: Line spacing of two-line labels (left to right, right to left): the Arabic font's
#: lines are taller.
LINE_SPACING = {False: 1.3, True: 0.85}
#: Half the widest marker, in points (a 12 pt marker, and a little room).
MARK_PT = 6.5


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
    """The article's app's user numbers (downloads, monthly and daily users) in a window,
    in date order (``at``: the end of the period measured, else the day reported)."""
    t = Tables.of(tables)
    app = t["campaigns"].loc[t["campaigns"]["role"].eq("subject"), "app"].iloc[0]
    users = t["context_users"]
    rows = users[users["app"].eq(app) & users["metric"].isin(USER_METRICS)]
    rows = rows.assign(at=rows["period_end"].fillna(rows["date"]))
    rows = rows.assign(window=[_window(d.date()) for d in rows["at"]])
    rows = rows[rows["window"].notna()].sort_values(["at", "metric"], kind="stable")
    return rows.assign(window=rows["window"].astype(int))[
        ["app", "date", "at", "period", "metric", "value", "qualifier", "measured_by",
         "confidence", "fact_id", "window"]].reset_index(drop=True)


def _metric(m) -> str:
    return m.metric if m.metric != "downloads" else f"downloads_{m.period}"


def timeline_rows(events, users, holiday) -> list[dict]:
    """The rows of the figure, top to bottom: events (one row per day and role, their short
    labels together), user milestones and the official holiday, in date order (on one day:
    events, then milestones, then the holiday)."""
    rows = []
    for (day, group), same in events.groupby([events["date"].dt.date, "group"], sort=False):
        first = same.iloc[0]
        rows.append({"kind": "event", "start": day, "end": day, "group": group,
                     "window": int(first["window"]), "events": list(same["event"]),
                     "days": sorted({d for ds in same["days"] for d in ds}),
                     "names": {lang: list(same[f"short_{lang}"]) for lang in langs.LANGS},
                     "order": 0})
    for m in users.itertuples():
        rows.append({"kind": "users", "start": m.at.date(), "end": m.at.date(), "group": "subject",
                     "window": int(m.window), "metric": _metric(m), "period": m.period,
                     "value": int(m.value), "qualifier": m.qualifier, "by": glossary.term(m.measured_by),
                     "low": m.confidence == "low", "order": 1})
    first, last = holiday["date"].date(), holiday["end_date"].date()
    if _window(first) is not None:
        rows.append({"kind": "holiday", "start": first, "end": last, "group": "holiday",
                     "window": _window(first), "order": 2})
    return sorted(rows, key=lambda r: (r["end"] if r["kind"] == "users" else r["start"], r["order"]))


def compute(tables=None) -> dict:
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
    rows = timeline_rows(events, users, holiday)
    return {
        "frame": frame, "events": events, "users": users, "rows": rows, "r1": r1, "announced": announced,
        "days_between": (announced - r1).days,
        "subject": glossary.term(subject["company"]), "subject_app": glossary.term(subject["app"]),
        "budget": Money(int(subject["budget_amount"]), subject["budget_currency"]),
        "holiday_first": holiday["date"], "holiday_last": holiday["end_date"],
        "fact_ids": fact_ranges(frame["fact_id"].dropna()),
        "context_actors": [glossary.term(a) for a in context_actors],
        "alt_events": [{"day": d.date(), "name": {lang: e[f"short_{lang}"] for lang in langs.LANGS}}
                       for d, (_, e) in zip(events["date"], events.iterrows())],
        "alt_users": [{"day": r["end"], "month": r["end"] if r["period"] == "month" else None,
                       "value": r["value"], "qualifier": r["qualifier"], "metric": r["metric"],
                       "by": r["by"], "low": r["low"]}
                      for r in rows if r["kind"] == "users"],
        "low_confidence": any(r.get("low") for r in rows),
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


def _user_words(said, m: dict) -> dict:
    """The values a milestone's templates need: its metric in words, the low-confidence mark
    and when (a month measured as a whole by its name, else its day)."""
    when = (said.say(f"{SECTION}.when_month", day=m["month"]) if m.get("month")
            else said.say(f"{SECTION}.when", days=[m["day"]]))
    alt_when = (said.say(f"{SECTION}.alt_when_month", day=m["month"]) if m.get("month")
                else said.say(f"{SECTION}.alt_when_day", day=m["day"]))
    return {**m, "low_mark": "*" if m["low"] else "", "when": when, "alt_when": alt_when,
            "low_words": said.say(f"{SECTION}.alt_low") if m["low"] else "",
            "metric_words": said.say(f"{SECTION}.metrics.{m['metric']}")}


def row_label(row: dict, lang: str, values: dict) -> str:
    """The text beside a row's mark, in *lang*."""
    said = words.of(lang)
    if row["kind"] == "event":
        when = said.say(f"{SECTION}.when", days=row["days"])
        return said.say(f"{SECTION}.event_label", names=row["names"][lang], when=when)
    if row["kind"] == "users":
        m = _user_words(said, {"day": row["end"], "month": row["end"] if row["period"] == "month" else None,
                               **{k: row[k] for k in ("value", "qualifier", "metric", "by", "low")}})
        return said.say(f"{SECTION}.milestone", **m)
    return said.say(f"{SECTION}.holiday", first=row["start"], last=row["end"], first_day=row["start"].day)


def text(lang: str, values: dict | None = None) -> dict:
    v = values or compute()
    said = words.of(lang)
    users = [_user_words(said, m) for m in v["alt_users"]]

    def say(key, **extra):
        return said.say(f"{SECTION}.{key}", **{**v, "alt_users": users, **extra})

    legend = [say(f"legend.{g}") for g in GROUPS]
    shapes = {"o": "circle", "s": "square"}
    colours = [{"name": name, "colour": v["colours"][g], "shape": say(f"shapes.{shapes[MARKERS[g]]}")}
               for g, name in zip(GROUPS, legend)]
    colours.append({"name": say("legend.users"), "colour": v["colours"]["subject"],
                    "shape": say("shapes.diamond")})
    subtitle = say("subtitle") + (say("subtitle_low") if v["low_confidence"] else "")
    return {"title": say("title"), "subtitle": subtitle, "source": say("source"),
            "caption": say("caption"), "alt": say("alt") + say("alt_colours", colour_items=colours),
            "legend": legend, "legend_users": say("legend.users")}


def _axis(windows=WINDOWS, widths=WIDTHS, gap=GAP):
    """Date -> x, and each window's (x0, x1): window i is *widths[i]* wide (each window has
    its own days per unit, as the cut axis says), *gap* between two windows."""
    offsets, spans, x = [], [], 0.0
    for width in widths:
        offsets.append(x)
        spans.append((x, x + width))
        x += width + gap

    def at(day) -> float:
        day = fmt.as_date(day)
        i = _window(day)
        if i is None:
            raise ValueError(f"{day} lies in none of the timeline's windows {windows}")
        start, end = windows[i]
        return offsets[i] + (day - start).days / (end - start).days * widths[i]

    return at, spans


def _ends(row, at) -> tuple[float, float]:
    """Where a row's mark starts and ends on the x axis (a bar covers its last day too)."""
    if row["kind"] == "holiday":
        return at(row["start"]), at(row["end"] + dt.timedelta(days=1))
    return at(row["start"]), at(row["end"])


def _ticks(lang: str, at, spans):
    """Tick positions and labels: the days of TICK_DAYS in each window, except near a cut
    (there the labels of two windows would meet)."""
    positions, names = [], []
    for i, ((start, end), days, (x0, x1)) in enumerate(zip(WINDOWS, TICK_DAYS, spans)):
        day = start
        while day <= end:
            x = at(day)
            near_cut = (i > 0 and x - x0 < CUT_ROOM) or (i < len(WINDOWS) - 1 and x1 - x < CUT_ROOM)
            if day.day in days and not near_cut:
                positions.append(x)
                names.append(label(fmt.day_month(day, lang)))
            day += dt.timedelta(days=1)
    return positions, names


class TimelineTooFull(ValueError):
    """The items do not fit on the slide in lanes of LANE_PT without overlapping."""


def pack(items, lanes: int, *, blocked=(), gap: float = 0.0, prefer_left: bool = False,
         bounds=(float("-inf"), float("inf"))) -> list[tuple[int, str]]:
    """Top lane and side of each item, so that no two items overlap.

    *items* are ``(x0, x1, width, height)`` in date order: the mark runs from x0 to x1 (one
    unit, pixels), its label, *width* wide, goes beside it, right or left (left first when
    *prefer_left*), inside *bounds*; the item is *height* lanes tall. Each item in turn goes
    into the topmost lanes (0 is the top) with room on either side, so the marks of a
    cluster fall in date order from the top down. *gap* is the least room between two items
    side by side; *blocked* holds ``(lane, x0, x1)`` taken beforehand (the legend). Raises
    TimelineTooFull naming the item that fits nowhere.
    """
    low, high = bounds
    taken: list[list[tuple[float, float]]] = [[] for _ in range(lanes)]
    for lane, x0, x1 in blocked:
        taken[lane].append((x0, x1))
    placed = []
    for number, (x0, x1, width, height) in enumerate(items):
        sides = {"right": (x0, x1 + width), "left": (x0 - width, x1)}
        order = ("left", "right") if prefer_left else ("right", "left")
        options = [side for side in order if sides[side][0] >= low and sides[side][1] <= high]
        if not options:  # too wide for either side: the roomier one
            options = [max(order, key=lambda s: min(sides[s][0] - low, high - sides[s][1]))]
        for lane in range(lanes - height + 1):
            free = [side for side in options
                    if all(sides[side][1] + gap <= c or sides[side][0] >= d + gap
                           for row in taken[lane:lane + height] for c, d in row)]
            if free:
                for row in taken[lane:lane + height]:
                    row.append(sides[free[0]])
                placed.append((lane, free[0]))
                break
        else:
            raise TimelineTooFull(f"timeline item {number + 1} of {len(items)} fits in none of "
                                  f"{lanes} lanes; shorten the labels or widen the windows")
    return placed


def draw(lang: str, values: dict | None = None):
    """The R1-to-campaigns timeline: marks in lanes over one left-to-right time axis."""
    from matplotlib.transforms import blended_transform_factory

    from helpers.toolkit.figures import lay_out

    v = values or compute()
    wording = text(lang, v)
    rows = v["rows"]
    rtl = langs.get(lang).rtl
    style.use(lang)
    fig, ax = style.subplots(lang=lang)
    at, spans = _axis()
    ax.set_xlim(spans[0][0] - GAP / 2, spans[-1][1] + GAP / 2)
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)

    # The time axis: one baseline per window, the cuts between them marked "//".
    base = blended_transform_factory(ax.transData, ax.transAxes)
    cut = [(-1, -1.8), (1, 1.8)]
    for i, (x0, x1) in enumerate(spans):
        ax.plot([x0, x1], [0, 0], color=style.INK, linewidth=1.2, transform=base, clip_on=False,
                solid_capstyle="butt")
        for x, edge in ((x0, i > 0), (x1, i < len(spans) - 1)):
            if edge:
                ax.plot([x], [0], marker=cut, markersize=9, markeredgewidth=1.4, color=style.INK,
                        transform=base, clip_on=False, linestyle="none")
    positions, names = _ticks(lang, at, spans)
    ax.set_xticks(positions, names)
    ax.tick_params(axis="x", length=5, width=1.2, color=style.INK)
    for (start, end), (x0, x1) in zip(WINDOWS, spans):  # the year under each window
        ax.annotate(str(start.year), ((x0 + x1) / 2, 0), xycoords=base, xytext=(0, -40),
                    textcoords="offset points", ha="center", va="top", fontweight="bold",
                    annotation_clip=False)

    # One artist per role (its markers), drawn at a provisional height: the legend is built
    # from them before the lanes are known, then they move to their lanes.
    keys = ["users" if r["kind"] == "users" else r["group"] for r in rows]
    artists, handles = {}, []
    for key, name in [*zip(GROUPS, wording["legend"]), ("users", wording["legend_users"])]:
        if key not in keys:
            continue
        if key == "users":
            line, = ax.plot([], [], linestyle="none", marker="D", markersize=11, markerfacecolor="white",
                            markeredgecolor=style.colour("subject"), markeredgewidth=2.2, zorder=3,
                            label=label(name))
        else:
            line, = ax.plot([], [], linestyle="none", marker=MARKERS[key], markersize=12,
                            color=style.colour(key), zorder=3, label=label(name))
        artists[key] = line
        handles.append(line)
    # The legend in the corner the marks leave free (the first window's, under its few events).
    legend = style.legend_from(ax, handles, lang=lang, loc="lower left", frameon=False,
                               borderaxespad=0.3, handletextpad=0.5, labelspacing=0.5)
    style.title(ax, wording["title"], wording["subtitle"], lang=lang)
    style.source_line(fig, wording["source"], lang=lang)

    # Lanes: laid out first, so that every label is measured and goes where it has room;
    # as many lanes as fit at LANE_PT, fewer points a lane (down to its floor) if need be.
    renderer = lay_out(fig)
    box = ax.get_window_extent(renderer)
    to_px = ax.transData.transform
    pad, mark = LABEL_PAD * fig.dpi / 72, MARK_PT * fig.dpi / 72
    texts = [label(row_label(row, lang, v)) for row in rows]
    items = []
    for row, shown in zip(rows, texts):
        probe = ax.text(0, 0, shown, fontsize=LABEL_SIZE, linespacing=LINE_SPACING[rtl])
        width = probe.get_window_extent(renderer).width
        probe.remove()
        x0, x1 = (to_px((x, 0))[0] for x in _ends(row, at))
        x0, x1 = x0 - mark, x1 + mark
        items.append((x0, x1, width + pad, shown.count("\n") + 1))
    frame = legend.get_window_extent(renderer)
    for lane_pt in range(LANE_PT, LANE_FLOOR_PT[rtl] - 1, -1):
        lane_px = lane_pt * fig.dpi / 72
        lanes = max(1, int((box.height - BASE_PT * fig.dpi / 72) // lane_px))
        blocked = [(lane, frame.x0 - pad, frame.x1 + pad) for lane in range(lanes)
                   if box.y1 - (lane + 1) * lane_px < frame.y1 + pad]
        try:
            # Labels right of their marks first in both languages: the time axis is not
            # mirrored, so neither is the layout.
            placed = pack(items, lanes, blocked=blocked, gap=2 * pad, bounds=(box.x0, box.x1))
            break
        except TimelineTooFull as exc:
            failure = exc
    else:
        raise failure
    ax.set_ylim(box.height / lane_px - 0.5, -0.5)  # lane 0 on top; what is left above the axis

    marks: dict[str, list] = {}
    for row, shown, (top_lane, side) in zip(rows, texts, placed):
        lane = top_lane + shown.count("\n") / 2  # a two-line label: between its two lanes
        x0, x1 = _ends(row, at)
        if row["kind"] == "holiday":
            ax.barh(lane, x1 - x0, left=x0, height=0.42, color=style.MUTED, linewidth=0)
        else:
            marks.setdefault("users" if row["kind"] == "users" else row["group"], []).append((x1, lane))
        offset = MARK_PT + LABEL_PAD
        ax.annotate(shown, (x1 if side == "right" else x0, lane),
                    xytext=(offset if side == "right" else -offset, 0), textcoords="offset points",
                    ha="left" if side == "right" else "right", va="center",
                    multialignment="left" if side == "right" else "right",  # lines hug the mark
                    linespacing=LINE_SPACING[rtl],
                    fontsize=LABEL_SIZE, color=style.INK, zorder=4)
    for key, line in artists.items():
        xs, ys = zip(*marks[key])
        line.set_data(xs, ys)
    return fig

