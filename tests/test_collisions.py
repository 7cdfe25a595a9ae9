"""helpers.toolkit.collisions: what collides in a drawn figure, measured on ink.

Every kind of collision has a figure that commits it on purpose and a control
that does not; the controls include what must not count (gridlines, an axis'
own tick labels, a legend's own symbols, an annotation's own arrow, a value
label declared inside its bar). save() runs the check before writing: in
strict mode a colliding figure writes nothing.
"""
from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.toolkit import arabic, collisions, figures, style
from helpers.toolkit.arabic import label

BLUE = "#0072B2"  # contrast 5.2:1 on white, whatever the palette becomes
INK = style.INK


@pytest.fixture(autouse=True)
def _house_style(monkeypatch):
    import matplotlib.pyplot as plt

    monkeypatch.setenv(figures.CHECKS_ENV, "strict")
    monkeypatch.delenv(arabic.ENGINE_ENV, raising=False)
    style.use("en")
    yield
    plt.close("all")  # style.subplots() and the sample chart go through pyplot


def _figure(lang="en", size=style.SLIDE_SIZE):
    """A slide-size figure with one axes at a fixed place (no layout engine),
    data 0..10 both ways; the house style's y gridlines and tick labels on."""
    style.use(lang)
    fig = Figure(figsize=size, layout="none")
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.12, 0.2, 0.76, 0.65))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    return fig, ax


def _measure(fig, lang="en"):
    return collisions.measure(fig, "test_figure", lang)


def _kinds(report):
    return [finding.kind for finding in report.findings]


# --------------------------------------------------------------------------
# Text and text


def test_text_over_text_names_figure_language_and_both_texts():
    fig, ax = _figure()
    ax.text(5, 5, "Alibaba 3 bn", ha="center", va="center")
    ax.text(5.4, 5.1, "Tencent 1 bn", ha="center", va="center")
    report = _measure(fig)
    assert _kinds(report) == ["text/text"]
    finding = report.findings[0]
    assert {finding.first, finding.second} == {"'Alibaba 3 bn'", "'Tencent 1 bn'"}
    assert str(finding).startswith("test_figure [en]: text/text: ")


def test_texts_apart_do_not_collide():
    fig, ax = _figure()
    ax.text(2, 5, "Alibaba 3 bn", ha="center", va="center")
    ax.text(8, 5, "Tencent 1 bn", ha="center", va="center")
    assert _measure(fig).findings == []


def test_tick_labels_that_run_into_each_other_are_found():
    fig, ax = _figure()
    ax.set_xticks(range(0, 11), [f"a long tick label {i}" for i in range(11)])
    kinds = _kinds(_measure(fig))
    assert kinds and set(kinds) == {"text/text"}


def test_ink_decides_not_the_line_boxes():
    """Two Arabic lines whose layout boxes overlap (Noto Sans Arabic's line box
    is far taller than its letters) but whose letters stay apart."""
    fig, ax = _figure("ar")
    first = ax.text(5, 5, label("ميزانية"), ha="center", va="center", fontsize=20)
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    box = first.get_window_extent(renderer)
    to_data = ax.transData.inverted()
    box_height = to_data.transform((0, box.height))[1] - to_data.transform((0, 0))[1]
    second = ax.text(5, 5 - 0.8 * box_height, label("ميزانية"), ha="center", va="center",
                     fontsize=20)
    fig.draw_without_rendering()
    assert first.get_window_extent(renderer).overlaps(second.get_window_extent(renderer))
    assert _measure(fig, "ar").findings == []


# --------------------------------------------------------------------------
# Label boxes


def _boxed(ax, x, y, text, zorder=3, **bbox):
    props = {"facecolor": "white", "edgecolor": INK, "pad": 14, **bbox}
    return ax.text(x, y, text, ha="center", va="center", zorder=zorder, bbox=props)


def test_box_over_box():
    fig, ax = _figure()
    _boxed(ax, 5, 5, "Upper label")
    _boxed(ax, 5, 4.0, "Lower label")
    report = _measure(fig)
    assert _kinds(report) == ["box/box"]
    assert report.findings[0].first == "box of 'Upper label'"
    assert report.findings[0].second == "box of 'Lower label'"


def test_boxes_apart():
    fig, ax = _figure()
    _boxed(ax, 5, 5, "Upper label")
    _boxed(ax, 5, 2.5, "Lower label")
    assert _measure(fig).findings == []


def test_label_hidden_under_another_labels_box():
    fig, ax = _figure()
    ax.text(5, 5, "Hidden words", ha="center", va="center", zorder=3)
    _boxed(ax, 5, 5.9, "Covering label", zorder=4, edgecolor="none", pad=22)
    report = _measure(fig)
    assert _kinds(report) == ["text under box"]
    assert report.findings[0].first == "'Hidden words'"
    assert report.findings[0].second == "box of 'Covering label'"


def test_label_drawn_over_another_labels_box():
    fig, ax = _figure()
    ax.text(5, 5, "Words on top", ha="center", va="center", zorder=5)
    _boxed(ax, 5, 5.9, "Boxed label", zorder=4, edgecolor="none", pad=22)
    assert _kinds(_measure(fig)) == ["text over box"]


# --------------------------------------------------------------------------
# Text and marks


def test_text_over_a_line():
    fig, ax = _figure()
    ax.plot([0, 10], [5, 5], color=BLUE, label="Qwen users")
    ax.text(5, 5, "A label on the line", ha="center", va="center")
    report = _measure(fig)
    assert _kinds(report) == ["text/mark"]
    assert report.findings[0].second.startswith("line 'Qwen users'")


def test_text_above_a_line_and_on_a_gridline_is_clear():
    fig, ax = _figure()
    ax.plot([0, 10], [5, 5], color=BLUE, label="Qwen users")
    ax.text(5, 6, "On a gridline, boxed in white", ha="center", va="center",
            bbox={"facecolor": "white", "edgecolor": "none"})
    ax.text(2, 8, "On a gridline, bare", ha="center", va="center")
    assert _measure(fig).findings == []


def test_a_line_through_the_gap_between_two_words_crosses_the_label():
    fig, ax = _figure()
    words = ax.text(5, 5, "Alipay      240 m", ha="center", va="center")
    fig.draw_without_rendering()
    box = words.get_window_extent(fig.canvas.get_renderer())
    middle = ax.transData.inverted().transform(((box.x0 + box.x1) / 2, 0))[0]
    ax.axvline(middle, color=INK, linewidth=1)  # in the blank between the words
    assert _kinds(_measure(fig)) == ["text/reference line"]


def test_text_over_a_marker_names_the_marker_not_the_line():
    fig, ax = _figure()
    ax.plot([1, 5, 9], [2, 5, 2], "o-", markersize=16, color=BLUE, label="budget")
    ax.text(5, 5.15, "Top", ha="center", va="bottom")
    report = _measure(fig)
    assert _kinds(report) == ["text/mark"]
    assert report.findings[0].second.startswith("marker 'budget'")


def test_text_next_to_a_marker_is_clear():
    fig, ax = _figure()
    ax.plot([5], [5], "o", markersize=16, color=BLUE)
    ax.annotate("Next to it", (5, 5), xytext=(14, 0), textcoords="offset points", va="center")
    assert _measure(fig).findings == []


def test_text_over_a_bar_unless_declared_inside_it():
    fig, ax = _figure()
    bars = ax.bar([5], [8], width=3, color=BLUE)
    value = ax.text(5, 4, "8 bn", ha="center", va="center", color="white")
    report = _measure(fig)
    assert _kinds(report) == ["text/mark"]
    assert report.findings[0].second.startswith("bar at x=5")
    collisions.allow_inside(value, bars)
    assert _measure(fig).findings == []


def test_a_label_declared_inside_its_bar_must_stay_inside():
    fig, ax = _figure()
    bars = ax.bar([5], [8], width=1, color=BLUE)
    value = ax.text(5, 4, "eight billion yuan", ha="center", va="center", color="white")
    collisions.allow_inside(value, bars)
    report = _measure(fig)
    assert _kinds(report) == ["outside own box"]
    assert report.findings[0].first == "'eight billion yuan'"


def test_allow_needs_a_reason_and_then_allows():
    fig, ax = _figure()
    (line,) = ax.plot([0, 10], [5, 5], color=BLUE)
    mark = ax.text(0.3, 5, "//", ha="center", va="center")
    with pytest.raises(ValueError, match="say why"):
        collisions.allow(mark, line, "")
    assert _kinds(_measure(fig)) == ["text/mark"]
    collisions.allow(mark, line, "the axis-break mark sits on the axis line")
    assert _measure(fig).findings == []


def test_text_on_a_translucent_band():
    fig, ax = _figure()
    ax.axvspan(4, 7, color=BLUE, alpha=0.25, linewidth=0)
    ax.text(4.5, 7, "Holiday", va="center")
    report = _measure(fig)
    assert _kinds(report) == ["text/mark"]
    assert report.findings[0].second == "band at x=4.000 in axes 1/1"


def test_text_over_a_reference_line():
    fig, ax = _figure()
    ax.axvline(5, color=INK, linestyle=":", linewidth=1.5)
    ax.text(5, 7, "Crossed by the line", ha="center", va="center")
    report = _measure(fig)
    assert _kinds(report) == ["text/reference line"]
    assert report.findings[0].second == "reference line at x=5.000 in axes 1/1"


def test_text_over_the_axis_spine():
    fig, ax = _figure()
    ax.text(0, 5, "On the y axis", ha="center", va="center")
    report = _measure(fig)
    assert _kinds(report) == ["text/spine"]
    assert report.findings[0].second == "left spine of axes 1/1"


def _text_left_of_the_spine(gap_px: int):
    """A figure with a label whose ink ends *gap_px* pixels left of the y-axis line's ink."""
    from matplotlib.transforms import offset_copy

    fig, ax = _figure()
    ax.yaxis.set_visible(False)  # only the spine: no ticks or tick labels beside it
    label = ax.text(0, 5, "Near it", ha="right", va="center")
    fig.canvas.draw()
    raster = collisions._Raster(fig)
    text_ink = raster.ink(collisions._glyph_drawer(label), None, outside=True)
    spine_ink = raster.ink(ax.spines["left"].draw, None, outside=False)
    shift = text_ink.x1 - spine_ink.x0 + gap_px  # x1 is one past the last inked column
    label.set_transform(offset_copy(ax.transData, fig=fig, x=-shift, y=0, units="dots"))
    return fig


def test_text_that_touches_the_axis_spine_is_found_and_text_clear_of_it_is_not():
    touching = _measure(_text_left_of_the_spine(1))
    assert _kinds(touching) == ["text/spine"], touching.describe()
    assert touching.findings[0].second == "left spine of axes 1/1"
    assert _measure(_text_left_of_the_spine(collisions.CLEARANCE_PX + 4)).findings == []


def test_a_tick_label_pushed_onto_its_own_axis_is_found():
    fig, ax = _figure()
    ax.tick_params(axis="y", pad=-12)
    kinds = _kinds(_measure(fig))
    assert kinds and set(kinds) == {"text/spine"}


def test_tick_labels_axis_labels_and_a_title_next_to_their_axes_are_clear():
    fig, ax = _figure()
    ax.set_title("A title just above the axes", pad=4)
    ax.set_xlabel("Year")
    ax.set_ylabel("CNY billion")
    ax.set_xticks(range(0, 11, 2), [f"label {i}" for i in range(0, 11, 2)], rotation=30,
                  ha="right")
    ax.tick_params(axis="x", length=8)
    assert _measure(fig).findings == []


def test_legend_with_its_own_symbols_is_clear_but_not_over_a_line():
    fig, ax = _figure()
    (line,) = ax.plot([0, 10], [1, 1], "o-", color=BLUE, label="budget")
    style.legend_from(ax, [line], loc="upper right")
    assert _measure(fig).findings == []
    ax.plot([0, 10], [9.45, 9.45], color=INK, linewidth=3, label="ceiling")
    report = _measure(fig)
    assert "text/mark" in _kinds(report)
    assert any(f.first == "legend 'budget'" and f.second.startswith("line 'ceiling'")
               for f in report.findings)


def test_a_framed_legend_holds_its_texts_but_hides_what_it_covers():
    fig, ax = _figure()
    (line,) = ax.plot([0, 10], [1, 1], color=BLUE, label="budget")
    style.legend_from(ax, [line], loc="upper right", frameon=True, framealpha=1)
    assert _measure(fig).findings == []
    ax.text(9.3, 9.4, "Under the legend", ha="right", va="center", zorder=1)
    report = _measure(fig)
    assert "text under box" in _kinds(report)
    assert any(f.first == "'Under the legend'" and f.second == "box of legend frame"
               for f in report.findings)


def test_an_annotation_may_touch_its_own_arrow_but_not_another():
    fig, ax = _figure()
    # patchA=None: the arrow starts at the text's centre, through its letters.
    ax.annotate("Peak", xy=(5, 5), xytext=(7, 8), ha="center", va="center",
                arrowprops={"arrowstyle": "-", "color": INK, "linewidth": 2, "shrinkA": 0,
                            "patchA": None})
    assert _measure(fig).findings == []
    ax.text(6, 6.5, "In the way", ha="center", va="center")
    report = _measure(fig)
    assert _kinds(report) == ["text/mark"]
    assert report.findings[0].second == "arrow of 'Peak'"


# --------------------------------------------------------------------------
# The canvas


def test_text_off_the_canvas():
    fig, _ax = _figure()
    fig.text(-0.01, 0.5, "Cut at the edge", ha="left", va="center")
    fig.text(-0.6, 0.5, "Gone", ha="left", va="center")
    report = _measure(fig)
    assert _kinds(report) == ["off canvas", "off canvas"]
    assert report.findings[0].detail.startswith("left by ")
    assert report.findings[1].detail == "drawn wholly outside the canvas"


def test_text_in_the_safe_margin():
    fig, _ax = _figure()
    fig.text(0.005, 0.93, "Near the edge", ha="left", va="center")
    report = _measure(fig)
    assert _kinds(report) == ["safe margin"]
    assert "left by" in report.findings[0].detail


def test_text_inside_the_safe_margin_is_clear():
    fig, _ax = _figure()
    fig.text(0.03, 0.93, "Far enough", ha="left", va="center")  # 0.4 in from the edge
    assert _measure(fig).findings == []


# --------------------------------------------------------------------------
# Legibility


def test_text_under_12_pt_at_slide_size():
    fig, ax = _figure()
    ax.text(5, 5, "Footnote", fontsize=11, ha="center")
    ax.text(5, 2, "Readable", fontsize=12, ha="center")
    report = _measure(fig)
    assert _kinds(report) == ["small text"]
    assert report.findings[0].first == "'Footnote'"
    assert report.smallest_text_pt == 11


def test_text_size_is_judged_at_slide_size():
    """A figure twice the slide's width shrinks by half on the slide."""
    fig, ax = _figure(size=(2 * style.SLIDE_SIZE[0], 2 * style.SLIDE_SIZE[1]))
    ax.tick_params(labelsize=26)
    ax.text(5, 5, "20 pt on a big canvas", fontsize=20, ha="center")
    report = _measure(fig)
    assert _kinds(report) == ["small text"]
    assert report.smallest_text_pt == 10


def test_low_contrast_marks_and_outlines():
    fig, ax = _figure()
    ax.plot([0, 10], [2, 2], color="#F0E442", label="yellow")
    _boxed(ax, 5, 6, "Yellow outline", edgecolor="#F0E442", pad=4)
    report = _measure(fig)
    assert _kinds(report) == ["low contrast", "low contrast"]
    assert report.findings[0].detail.startswith("#F0E442: 1.32:1")
    assert report.findings[1].first == "outline of 'Yellow outline'"
    assert report.lowest_contrast == pytest.approx(style.contrast("#F0E442"))


def test_open_markers_white_boxes_and_shaded_bands_are_not_low_contrast():
    fig, ax = _figure()
    ax.plot([2, 8], [3, 3], "D", markersize=12, markerfacecolor="white",
            markeredgecolor=INK, linestyle="none")
    ax.axvspan(6, 7, color=style.GRID, alpha=0.6)
    ax.text(3, 8, "Knockout", bbox={"facecolor": "white", "edgecolor": "none"})
    assert _measure(fig).findings == []


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_house_style_sample_chart_is_clear(lang):
    """Title, subtitle, source line, legend, value labels over bars, tick
    labels: laid out by the house style (mirrored in Arabic), nothing collides."""
    import figures_support as support

    fig, _ax, _rows = support.sample_chart(lang)
    report = collisions.measure(fig, "sample", lang)
    assert report.findings == []
    assert report.texts >= 10


# --------------------------------------------------------------------------
# Arabic, determinism, the picture


@pytest.mark.parametrize("engine", arabic.ENGINES)
def test_arabic_texts_are_named_as_typed(monkeypatch, engine):
    monkeypatch.setenv(arabic.ENGINE_ENV, engine)
    fig, ax = _figure("ar")
    ax.text(5, 5, label("علي بابا"), ha="center", va="center")
    ax.text(5.3, 5.1, label("تينسنت"), ha="center", va="center")
    report = _measure(fig, "ar")
    assert _kinds(report) == ["text/text"]
    assert {report.findings[0].first, report.findings[0].second} == {"'علي بابا'", "'تينسنت'"}
    assert str(report.findings[0]).startswith("test_figure [ar]: ")


def test_measuring_is_deterministic_and_changes_nothing():
    def build():
        fig, ax = _figure()
        _boxed(ax, 5, 5, "Upper label")
        _boxed(ax, 5, 4.0, "Lower label")
        ax.plot([0, 10], [4.0, 4.0], color=BLUE)
        return fig

    fig = build()
    first = _measure(fig).findings
    again = _measure(fig).findings
    rebuilt = _measure(build()).findings
    assert first == again == rebuilt
    assert len(first) >= 2


def test_overlay_outlines_the_findings(artifacts_dir):
    from PIL import Image

    fig, ax = _figure()
    ax.plot([0, 10], [5, 5], color=BLUE, label="line")
    ax.text(5, 5, "A label on the line", ha="center", va="center")
    report = _measure(fig)
    path = artifacts_dir / "collisions" / "overlay.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    collisions.overlay(fig, report, path)
    with Image.open(path) as image:
        x0, y0, x1, y1 = report.findings[0].region
        assert image.size == (round(fig.bbox.width), round(fig.bbox.height))
        outline = image.convert("RGB").getpixel((x0 - 3, (y0 + y1) // 2))
    assert outline == (255, 110, 0)  # the orange of a text/mark finding


# --------------------------------------------------------------------------
# In the export


@pytest.fixture
def out(tmp_path, monkeypatch):
    folder = tmp_path / "figures"
    monkeypatch.setenv(figures.FIGURES_DIR_ENV, str(folder))
    monkeypatch.setattr(figures, "CHECK_REPORTS", tmp_path / "checks")
    return folder


def _colliding(lang="en"):
    fig, ax = style.subplots(lang=lang)
    ax.plot([0, 10], [5, 5], color=BLUE)
    ax.set_ylim(0, 10)
    ax.text(5, 5, "A label on the line", ha="center", va="center")
    return fig


def _save(fig, lang="en"):
    return figures.save(fig, "collides", lang, title="Title", caption="Caption", alt="Alt text",
                        data=pd.DataFrame({"x": [1]}))


def test_strict_export_of_a_colliding_figure_writes_nothing(out):
    with pytest.raises(figures.FigureCollisionError) as caught:
        _save(_colliding())
    message = str(caught.value)
    assert "collides [en]" in message
    assert "'A label on the line' / line at x=0.000" in message
    assert not out.exists() or not any(out.iterdir())
    assert "text/mark" in (out.parent / "checks" / "collides.en.txt").read_text(encoding="utf-8")


def test_report_mode_exports_and_reports(out, monkeypatch):
    monkeypatch.setenv(figures.CHECKS_ENV, "report")
    written = _save(_colliding())
    assert (out / "collides.en.png") in written
    report = (out.parent / "checks" / "collides.en.txt").read_text(encoding="utf-8")
    assert report.startswith("collides [en]: 1 text/mark")


def test_strict_export_of_small_text_is_a_legibility_error(out):
    fig, ax = style.subplots()
    ax.text(0.5, 0.5, "Footnote", fontsize=10, transform=ax.transAxes)
    with pytest.raises(figures.FigureLegibilityError, match="small text: 'Footnote'"):
        _save(fig)


def test_strict_export_of_a_clean_figure(out):
    fig, ax = style.subplots()
    ax.plot([0, 10], [5, 5], color=BLUE)
    ax.set_ylim(0, 10)
    ax.text(5, 7, "A label above the line", ha="center", va="center")
    assert (out / "collides.en.png") in _save(fig)


def test_check_mode_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv(figures.CHECKS_ENV)
    assert figures.check_mode() == figures.DEFAULT_CHECK_MODE
    monkeypatch.setenv(figures.CHECKS_ENV, "Strict")
    assert figures.check_mode() == "strict"
    monkeypatch.setenv(figures.CHECKS_ENV, "loose")
    with pytest.raises(ValueError, match="COLLECTION_FIGURE_CHECKS='loose'"):
        figures.check_mode()
