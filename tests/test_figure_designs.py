"""The collection's figures as designed for slides (issue 11): every figure in every
language passes the collision and legibility check with nothing to report, legends are
built from what is plotted, both languages draw the same marks, and the words come from
the data (qualifiers, confidence, date order, colours named by role)."""
from __future__ import annotations

import re

import matplotlib
import pytest

matplotlib.use("Agg")

from helpers.analysis import figures as analysis_figures  # noqa: E402
from helpers.analysis import words  # noqa: E402
from helpers.analysis.figures import deepseek_timeline, fact_check_verdicts  # noqa: E402
from helpers.toolkit import collisions, figures, langs, style  # noqa: E402

NAMES = analysis_figures.names()


@pytest.fixture(scope="module")
def charts():
    return {name: analysis_figures.chart(name) for name in NAMES}


@pytest.fixture(scope="module")
def drawn(charts):
    """(name, lang) -> the figure, laid out as the export lays it out."""
    import matplotlib.pyplot as plt

    out = {}
    for name, chart in charts.items():
        for lang in langs.LANGS:
            fig = chart.draw(lang)
            figures.lay_out(fig)
            out[name, lang] = fig
    yield out
    for fig in out.values():
        plt.close(fig)


@pytest.mark.parametrize("lang", langs.LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_every_figure_passes_the_check_with_nothing_to_report(drawn, name, lang):
    report = collisions.measure(drawn[name, lang], name, lang, laid_out=True)
    assert not report.findings, report.describe()
    assert report.smallest_text_pt >= collisions.MIN_TEXT_PT
    assert report.lowest_contrast >= collisions.MIN_CONTRAST


def test_the_exports_are_strict():
    assert figures.DEFAULT_CHECK_MODE == "strict"


def _legends(fig):
    return [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]


@pytest.mark.parametrize("lang", langs.LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_every_legend_entry_is_an_artist_drawn_on_its_axes(drawn, name, lang):
    """legend_from takes the entries' labels from the plotted artists, so each entry has an
    artist of that label on the legend's axes; a hand-made handle would have none."""
    fig = drawn[name, lang]
    for legend in _legends(fig):
        ax = legend.axes
        plotted = {artist.get_label() for artist in [*ax.get_children(), *ax.containers]}
        for text in legend.get_texts():
            assert text.get_text() in plotted, f"{name} [{lang}]: legend entry {text.get_text()!r}"


def _marks(fig) -> list[str]:
    from matplotlib.collections import Collection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    kinds = []
    for ax in fig.axes:
        for artist in ax.get_children():
            if isinstance(artist, (Line2D, Patch, Collection)) and artist.get_visible() \
                    and artist is not ax.patch:
                kinds.append(type(artist).__name__)
    return sorted(kinds)


@pytest.mark.parametrize("name", NAMES)
def test_both_languages_draw_the_same_marks_and_legend(drawn, name):
    english, other = [drawn[name, lang] for lang in ("en", "ar")]
    assert _marks(english) == _marks(other)
    assert [len(legend.get_texts()) for legend in _legends(english)] == \
           [len(legend.get_texts()) for legend in _legends(other)]


def test_the_timeline_packs_labels_without_overlap_and_says_when_it_cannot():
    items = [(0, 10, 50, 1), (5, 15, 50, 1), (100, 110, 30, 2), (200, 210, 30, 1)]
    placed = deepseek_timeline.pack(items, 3, gap=4, bounds=(0, 300))
    spans = []
    for (x0, x1, width, height), (lane, side) in zip(items, placed):
        a, b = (x0, x1 + width) if side == "right" else (x0 - width, x1)
        assert 0 <= a and b <= 300
        spans.append((set(range(lane, lane + height)), a, b))
    for i, (lanes_i, a, b) in enumerate(spans):
        for lanes_j, c, d in spans[i + 1:]:
            assert not (lanes_i & lanes_j) or b + 4 <= c or d + 4 <= a
    assert placed[0][0] == 0 and placed[1][0] == 1  # the second overlaps the first: next lane
    with pytest.raises(deepseek_timeline.TimelineTooFull, match="item 3 of 3"):
        deepseek_timeline.pack([(0, 10, 280, 1)] * 3, 2, bounds=(0, 300))


def test_same_day_events_of_one_role_share_a_row_and_a_label():
    values = deepseek_timeline.compute()
    budgets = [r for r in values["rows"] if {"baidu_announcement", "tencent_announcement"} <= set(r.get("events", ()))]
    assert len(budgets) == 1
    label = deepseek_timeline.row_label(budgets[0], "en", values)
    assert "Baidu's budget" in label and "Tencent's budget" in label and "25 Jan" in label


def test_the_timeline_names_who_measured_each_milestone_and_marks_low_confidence():
    values = deepseek_timeline.compute()
    users = [r for r in values["rows"] if r["kind"] == "users"]
    assert users and any(r["low"] for r in users)
    for lang in langs.LANGS:
        for row in users:
            label = deepseek_timeline.row_label(row, lang, values)
            assert row["by"][lang] in label
            assert ("*" in label) is row["low"]
        alt = deepseek_timeline.text(lang, values)["alt"]
        said = words.of(lang)
        assert said.say("figures.deepseek_timeline.alt_low").strip(" ,،") in alt
        assert said.say("qualifiers.at_least").strip() in alt and said.say("qualifiers.approx").strip() in alt


def test_milestones_are_in_date_order_in_figure_and_alt_text():
    values = deepseek_timeline.compute()
    days = [m["day"] for m in values["alt_users"]]
    assert days == sorted(days)
    starts = [r["end"] if r["kind"] == "users" else r["start"] for r in values["rows"]]
    assert starts == sorted(starts)


def test_the_fact_check_legend_has_no_verdict_without_claims(drawn):
    values = fact_check_verdicts.compute()
    shown = [v for v, n in values["counts"].items() if n]
    assert len(shown) < len(values["counts"]), "the data no longer has a verdict with no claims"
    for lang in langs.LANGS:
        (legend,) = _legends(drawn["06_fact_check_verdicts", lang])
        assert len(legend.get_texts()) == len(shown)


def test_box_labels_wrap_to_what_fits():
    assert fact_check_verdicts.wrap("one two three four", lambda line: len(line) <= 9) == "one two\nthree\nfour"
    assert fact_check_verdicts.wrap("unbreakableword x", lambda line: len(line) <= 4) == "unbreakableword\nx"


def test_figure_words_name_no_hue():
    """Alt text and captions name a colour through style.colour_word(role), never a typed hue,
    so a palette change cannot make them describe a colour the figure no longer has."""
    hues = {lang: [langs.get(lang).word(f"colour_{name}") for name in style.PALETTE_NAMES]
            for lang in langs.LANGS}
    for lang in langs.LANGS:
        section = words.of(lang)["figures"]
        found = []

        def walk(node, path):
            if isinstance(node, dict):
                for key, value in node.items():
                    walk(value, f"{path}.{key}")
            elif isinstance(node, str):
                found.extend((path, hue) for hue in hues[lang]
                             if re.search(rf"(?<!\w){re.escape(hue)}(?!\w)", node))

        walk(section, "figures")
        assert not found, f"{lang}.toml: {found}"
